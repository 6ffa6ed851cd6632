import Testing
@testable import OverblikCore

/// Texts numbered by their bytes, with String equality kept: the grouping the figures do by
/// caseworker, team and case id.
@Suite("Texts numbered by their bytes")
struct TextNumbersTests {
    @Test func numbersInOrderOfFirstComing() {
        var n = TextNumbers()
        #expect(["MHA", "Botilbud 1", "MHA", "", "Bostøtte Nord og Syd", "Botilbud 1", ""].map { n.number($0) } == [0, 1, 0, 2, 3, 1, 2])
        #expect(n.texts == ["MHA", "Botilbud 1", "", "Bostøtte Nord og Syd"])
        #expect(n.count == 4)
        #expect(n.existingNumber("Bostøtte Nord og Syd") == 3)
        #expect(n.existingNumber("mha") == nil)
        #expect(n.existingNumber("Botilbud 2") == nil)
    }

    /// "é" composed and decomposed, and the Kelvin sign and "K", are equal Strings with other
    /// bytes: one number each pair, whichever comes first, as a String-keyed dictionary gives.
    @Test func equalStringsWithOtherBytesShareANumber() {
        let (composed, decomposed) = ("Café Nord", "Cafe\u{301} Nord")
        #expect(composed == decomposed && Array(composed.utf8) != Array(decomposed.utf8))
        var n = TextNumbers()
        #expect(n.number(composed) == 0)
        #expect(n.number(decomposed) == 0)
        #expect(n.existingNumber(decomposed) == 0)
        #expect(n.texts == [composed])

        var k = TextNumbers()
        #expect(k.number("K") == 0)
        #expect(k.number("L") == 1)
        #expect(k.existingNumber("\u{212A}") == 0)  // (every text numbered so far is ASCII)
        #expect(k.number("\u{212A}") == 0)
        var kelvinFirst = TextNumbers()
        #expect(kelvinFirst.number("\u{212A}") == 0)
        #expect(kelvinFirst.number("K") == 0)
        #expect(kelvinFirst.existingNumber("K") == 0)
    }

    /// Against a String-keyed dictionary on texts many and alike: the same numbers.
    @Test func agreesWithADictionary() {
        var n = TextNumbers(), d: [String: Int32] = [:]
        let texts = (0..<20_000).map { i in i % 7 == 0 ? "S-\(i % 3000)" : i % 11 == 0 ? "Bostøtte \(i % 50)" : "MHA\(i % 400)" }
        for t in texts {
            let expected = d[t] ?? Int32(d.count)
            d[t] = expected
            #expect(n.number(t) == expected)
        }
        #expect(n.count == d.count)
    }
}
