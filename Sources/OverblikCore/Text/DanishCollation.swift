/// Danish alphabetical order for sorting: case is ignored, and `æ`, `ø`, `å` (and the old `aa`
/// written as `å`) come after `z` in that order, as in a Danish dictionary.
public enum DanishCollation {
    public static func key(_ text: String) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(text.utf8.count)
        for s in text.lowercased().unicodeScalars {
            switch s {
            case "æ", "ä": out.append(0x7B)
            case "ø", "ö": out.append(0x7C)
            case "å": out.append(0x7D)
            default: out.append(s.value)
            }
        }
        return out
    }

    /// True when `a` comes before `b` in Danish order.
    public static func before(_ a: String, _ b: String) -> Bool { key(a).lexicographicallyPrecedes(key(b)) }
}

/// A text as a key in Danish order that is cheap to compare: up to the first eight letters
/// packed into a number decide most comparisons without touching the text; ties fall back to
/// `DanishCollation`. At a letter outside ASCII and æ ø å ä ö the packing stops with a mark above
/// every packed letter, so that the prefix never disagrees with the full order. (The lists' sort,
/// and the ranks the sync stores for them.)
public struct DanishSortText: Comparable, Sendable {
    public let prefix: UInt64
    public let text: String
    /// The whole text is in the prefix: an equal prefix means an equal place.
    public let complete: Bool

    public init(_ text: String) {
        self.text = text
        // Its first eight bytes when they are ASCII (most texts: no scalars decoded), else its scalars.
        if let (prefix, whole) = DanishSortText.packedASCII(text.utf8) {
            (self.prefix, self.complete) = (prefix, whole)
            return
        }
        var p: UInt64 = 0
        var n = 0
        var complete = true
        var packable = true
        for s in text.unicodeScalars {
            guard n < 8 else { complete = false; break }
            guard let w = DanishSortText.weight(s) else { packable = false; break }
            p = p << 8 | UInt64(w)
            n += 1
        }
        if !packable {
            // A letter outside the packing within the first eight: the prefix from the full key, up to
            // its first value outside ASCII, which becomes 0x80, above every packed letter (so that
            // `Müller` comes after `Madsen`, as the full order puts it). Rare: names in other alphabets.
            (p, n, complete) = (0, 0, true)
            for v in DanishCollation.key(text) {
                guard n < 8, v > 0 else { complete = false; break }
                guard v < 0x80 else { p = p << 8 | 0x80; n += 1; complete = false; break }
                p = p << 8 | UInt64(v)
                n += 1
            }
        }
        prefix = n == 0 ? 0 : p << UInt64(8 * (8 - n))
        self.complete = complete
    }

    /// The prefix and completeness of a text whose first eight bytes (or fewer, all it has) are
    /// ASCII, from its UTF-8 bytes as `init` packs them; nil when one of them is not ASCII (or NUL).
    @inlinable
    public static func packedASCII(_ utf8: some Sequence<UInt8>) -> (prefix: UInt64, complete: Bool)? {
        var p: UInt64 = 0, n = 0, complete = true
        for b in utf8 {
            guard n < 8 else { complete = false; break }
            guard b > 0, b < 0x80 else { return nil }
            p = p << 8 | UInt64(b >= 0x41 && b <= 0x5A ? b + 32 : b)  // (the weight of an ASCII letter)
            n += 1
        }
        return (n == 0 ? 0 : p << UInt64(8 * (8 - n)), complete)
    }

    /// A letter's place in Danish order, case ignored (æ, ø, å after z); nil outside what is packed.
    static func weight(_ s: Unicode.Scalar) -> UInt8? {
        switch s.value {
        case 0x41...0x5A: return UInt8(s.value + 32)
        case 0x01...0x7F: return UInt8(s.value)
        case 0xC6, 0xE6, 0xC4, 0xE4: return 0x7B
        case 0xD8, 0xF8, 0xD6, 0xF6: return 0x7C
        case 0xC5, 0xE5: return 0x7D
        default: return nil
        }
    }

    /// Danish order; texts equal in it (`Anders` and `anders`, `Ärø` and `Ærø`) in their own order,
    /// so that different texts never tie (a list's sort keeps equal texts together, and the ranks
    /// the sync stores tell every text shown apart).
    public static func < (a: DanishSortText, b: DanishSortText) -> Bool {
        if a.prefix != b.prefix { return a.prefix < b.prefix }
        if sameBytes(a.text, b.text) { return false }  // (the most common tie: a column's repeated text)
        if !(a.complete && b.complete) {
            // Letter by letter by weight while both are packable (no key built); else the full order.
            if let order = packedOrder(a.text, b.text) {
                if order != 0 { return order < 0 }
            } else {
                let (x, y) = (DanishCollation.key(a.text), DanishCollation.key(b.text))
                if x != y { return x.lexicographicallyPrecedes(y) }
            }
        }
        // (Their bytes: a total order, and cheap where most ties are the same text.)
        return a.text.utf8.lexicographicallyPrecedes(b.text.utf8)
    }
    /// The Danish order of two texts by their letters' weights (-1, 0 or 1), as `DanishCollation`
    /// gives it; nil on reaching a letter of either that `weight` does not pack (the full order decides).
    static func packedOrder(_ a: String, _ b: String) -> Int? {
        var (x, y) = (a.unicodeScalars.makeIterator(), b.unicodeScalars.makeIterator())
        while true {
            switch (x.next(), y.next()) {
            case (nil, nil): return 0
            case (nil, _?): return -1
            case (_?, nil): return 1
            case let (p?, q?):
                guard let wp = weight(p), let wq = weight(q) else { return nil }
                if wp != wq { return wp < wq ? -1 : 1 }
            }
        }
    }

    /// The same bytes (as `<` tells texts apart).
    public static func == (a: DanishSortText, b: DanishSortText) -> Bool { a.prefix == b.prefix && sameBytes(a.text, b.text) }

    /// Whether two texts are the same bytes: their lengths first, then their bytes compared where
    /// they lie (the same storage at once: a column's repeated text is often one string), not
    /// byte by byte through the strings' views.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        let (x, y) = (a.utf8, b.utf8)
        guard x.count == y.count else { return false }
        let compared = x.withContiguousStorageIfAvailable { p in
            y.withContiguousStorageIfAvailable { q in p.baseAddress == q.baseAddress || UnsafeRawBufferPointer(p).elementsEqual(UnsafeRawBufferPointer(q)) }
        }
        return (compared ?? nil) ?? x.elementsEqual(y)
    }
}

/// Each value's place in the order `before` gives: 0 for an empty value (`isEmpty`, first in a
/// list's sort), else from 1, equal values (neither before the other) the same place.
public func sortRanks<T>(_ values: [T], isEmpty: (T) -> Bool, before: (T, T) -> Bool) -> [Int32] {
    var ranks = [Int32](repeating: 0, count: values.count)
    let order = values.indices.filter { !isEmpty(values[$0]) }.sorted { before(values[$0], values[$1]) }
    var rank: Int32 = 0
    for (k, i) in order.enumerated() {
        if k == 0 || before(values[order[k - 1]], values[i]) { rank += 1 }
        ranks[i] = rank
    }
    return ranks
}

/// `sortRanks` of texts in Danish order (an empty text 0): ordered by their packed prefixes with
/// the radix sort, only texts sharing a prefix compared as texts (the follow-up list's 39.292
/// lines, five columns, in the sync: a comparing sort touched the texts 17 times a line).
public func sortRanks(_ keys: [DanishSortText]) -> [Int32] {
    var ranks = [Int32](repeating: 0, count: keys.count)
    let present = keys.indices.filter { !keys[$0].text.isEmpty }
    var order = stableOrder(of: present.map { keys[$0].prefix }).map { present[$0] }
    var a = 0
    while a < order.count {
        var b = a + 1
        while b < order.count && keys[order[b]].prefix == keys[order[a]].prefix { b += 1 }
        if b - a > 1 { order[a..<b].sort { keys[$0] < keys[$1] } }
        a = b
    }
    var rank: Int32 = 0
    for (k, i) in order.enumerated() {
        if k == 0 || keys[order[k - 1]] < keys[i] { rank += 1 }
        ranks[i] = rank
    }
    return ranks
}
