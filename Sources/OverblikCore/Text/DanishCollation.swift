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
