import Testing
@testable import OverblikCore

@Suite("Danish sort keys")
struct DanishSortTextTests {
    /// The order `DanishSortText` gives is the full Danish order (`DanishCollation`), with texts equal
    /// in it ordered by their bytes: checked on every pair of texts longer than the packed prefix,
    /// sharing it, with letters the packing knows (æ ø å ä ö, case) and letters it does not (é, ß, İ);
    /// and the packed prefix alone, where it differs, in the same order.
    @Test func packedComparisonAgreesWithTheFullOrder() {
        let letters = ["a", "A", "b", "z", "Z", "æ", "Æ", "ø", "Ø", "å", "Å", "ä", "ö", "-", "1", " ", "é", "ß", "İ"]
        var state: UInt64 = 20261201
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var texts: [String] = []
        for _ in 0..<200 {
            let head = ["SAG-2024-", "sag-2024-", "Anders Ø", ""][next(4)]
            texts.append(head + (0..<next(7)).map { _ in letters[next(letters.count)] }.joined())
        }
        let keys = texts.map(DanishSortText.init), full = texts.map(DanishCollation.key)
        for (i, a) in texts.enumerated() {
            for (j, b) in texts.enumerated() {
                let (ka, kb, x, y) = (keys[i], keys[j], full[i], full[j])
                let expected = x != y ? x.lexicographicallyPrecedes(y) : a.utf8.lexicographicallyPrecedes(b.utf8)
                #expect((ka < kb) == expected, "\(a) < \(b)")
                // The prefix alone (what the lists' sort orders by first) never disagrees.
                if ka.prefix != kb.prefix { #expect((ka.prefix < kb.prefix) == expected, "prefix \(a) < \(b)") }
            }
        }
    }

    /// The ranks of texts by prefix first (the radix sort) are the ranks the comparing sort gives:
    /// equal texts one rank, empty texts 0, on texts sharing long prefixes, in every case, with
    /// letters the packing does and does not know, repeated.
    @Test func textRanksByPrefixAreTheComparingSortsRanks() {
        let letters = ["a", "A", "b", "æ", "Æ", "ø", "å", "ä", "-", "1", " ", "é", "ß"]
        var state: UInt64 = 20261202
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        for size in [0, 1, 2, 50, 3_000, 70_000] {
            let texts = (0..<size).map { _ in
                ["SAG-2024-", "sag-2024-", "Anders Ø", "", "Bo"][next(5)] + (0..<next(5)).map { _ in letters[next(letters.count)] }.joined()
            }
            let keys = texts.map(DanishSortText.init)
            #expect(sortRanks(keys) == sortRanks(keys, isEmpty: \.text.isEmpty, before: <), "\(size) texts")
        }
    }

    /// A letter the prefix cannot pack (ü, é) is not the prefix's zero padding: it sorts as the full
    /// order puts it, after every letter a–z and æ ø å (as it did not before session 12; é is not read as e).
    @Test func aLetterOutsideThePackingSortsAfterTheLettersBeforeIt() {
        let names = ["Müller", "Madsen", "Émile", "Eriksen", "Mads", "Zenia", "Ærø"]
        #expect(names.map(DanishSortText.init).sorted().map(\.text) == ["Eriksen", "Mads", "Madsen", "Müller", "Zenia", "Ærø", "Émile"])
        #expect(names.sorted(by: DanishCollation.before) == ["Eriksen", "Mads", "Madsen", "Müller", "Zenia", "Ærø", "Émile"])
    }

    /// The prefix packs the first eight letters' places, case ignored, whether they are read as
    /// bytes (ASCII) or as scalars (æ ø å); past eight letters the text is not complete in it.
    @Test func prefixPacksTheFirstEightLetters() {
        func packed(_ weights: [UInt8]) -> UInt64 {
            weights.reduce(UInt64(0)) { $0 << 8 | UInt64($1) } << UInt64(8 * (8 - weights.count))
        }
        let ascii = DanishSortText("Ab1-Zz"), long = DanishSortText("ABCDEFGHIJ"), eight = DanishSortText("abcdefghæ")
        #expect(ascii.prefix == packed(Array("ab1-zz".utf8)) && ascii.complete)
        #expect(long.prefix == packed(Array("abcdefgh".utf8)) && !long.complete)
        #expect(eight.prefix == packed(Array("abcdefgh".utf8)) && !eight.complete)
        #expect(DanishSortText("Åse").prefix == packed([0x7D, 0x73, 0x65]))
        #expect(DanishSortText("Bøf").prefix == packed([0x62, 0x7C, 0x66]))
        #expect(DanishSortText("").prefix == 0 && DanishSortText("").complete)
        // A NUL is no letter the packing knows: the full key decides (as for é).
        #expect(DanishSortText("a\u{0}b").prefix == DanishSortText("a\u{0}c").prefix)
        #expect(DanishSortText("a\u{0}b") < DanishSortText("a\u{0}c"))
    }

    @Test func packedOrderStopsAtALetterItDoesNotKnow() {
        #expect(DanishSortText.packedOrder("sag-2024-æ", "SAG-2024-Z") == 1)
        #expect(DanishSortText.packedOrder("sag-2024-a", "SAG-2024-AB") == -1)
        #expect(DanishSortText.packedOrder("Åse", "åse") == 0)
        #expect(DanishSortText.packedOrder("sag-é", "sag-f") == nil)
    }

    /// Equal keys are the same bytes: one string, two strings with the same bytes (short and
    /// long), and not two spellings Swift calls equal (a composed and a decomposed é), which
    /// order by their bytes; an empty text equals only an empty one.
    @Test func equalKeysAreTheSameBytes() {
        let long = "Bostedet Ærø, afdeling for voksne"
        let copy = String(decoding: Array(long.utf8), as: UTF8.self)
        let (composed, decomposed) = ("Bostedet Andr\u{E9}", "Bostedet Andre\u{301}")
        #expect(composed == decomposed)  // (Swift's own equality)
        #expect(DanishSortText(long) == DanishSortText(long))
        #expect(DanishSortText(long) == DanishSortText(copy))
        #expect(!(DanishSortText(long) < DanishSortText(copy)) && !(DanishSortText(copy) < DanishSortText(long)))
        #expect(DanishSortText("Bo") == DanishSortText(String(decoding: Array("Bo".utf8), as: UTF8.self)))
        #expect(DanishSortText(composed) != DanishSortText(decomposed))
        #expect((DanishSortText(composed) < DanishSortText(decomposed)) != (DanishSortText(decomposed) < DanishSortText(composed)))
        #expect(DanishSortText("") == DanishSortText(""))
        #expect(DanishSortText("") != DanishSortText(" "))
        #expect(DanishSortText(long) != DanishSortText(long + " "))
    }
}

