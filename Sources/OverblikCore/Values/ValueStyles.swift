
/// How dates are written in a source file.
public enum DateStyle: String, Sendable, CaseIterable {
    case dayMonthYearDash = "dd-mm-yyyy"
    case dayMonthYearDot = "dd.mm.yyyy"
    case iso = "yyyy-mm-dd"
    case dayMonthYearSlash = "dd/mm/yyyy"
    /// Any of the above, told apart per value by separator and the position of the year.
    case auto

    /// Reads a date: day and month with one or two digits, the year with four. A time of day
    /// after the date (`31-12-2025 00:00:00`, `2025-12-31T00:00`) is ignored. Nil when the
    /// text is no date in this style or the day does not exist (`29-02-2025`).
    public func parse(_ text: some StringProtocol) -> Day? {
        var utf8 = Array(Substring(text).trimmingSpaces.utf8)
        // Drop a time of day.
        if let cut = utf8.firstIndex(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "T") }) {
            let tail = utf8[(cut + 1)...]
            guard !tail.isEmpty, tail.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") })
            else { return nil }
            utf8 = Array(utf8[..<cut])
        }
        var groups: [(value: Int, digits: Int)] = []
        var separator: UInt8 = 0
        var value = 0, digits = 0
        for b in utf8 {
            if b >= 48 && b <= 57 {
                value = value * 10 + Int(b - 48)
                digits += 1
                guard digits <= 4 else { return nil }
            } else {
                guard digits > 0, separator == 0 || separator == b,
                      b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "/") else { return nil }
                separator = b
                groups.append((value, digits))
                value = 0
                digits = 0
            }
        }
        guard digits > 0 else { return nil }
        groups.append((value, digits))
        guard groups.count == 3 else { return nil }
        let yearFirst = groups[0].digits == 4
        let style: DateStyle
        switch (separator, yearFirst) {
        case (UInt8(ascii: "-"), true): style = .iso
        case (UInt8(ascii: "-"), false): style = .dayMonthYearDash
        case (UInt8(ascii: "."), false): style = .dayMonthYearDot
        case (UInt8(ascii: "/"), false): style = .dayMonthYearSlash
        default: return nil
        }
        guard self == .auto || self == style else { return nil }
        let (y, m, d) = yearFirst ? (groups[0], groups[1], groups[2]) : (groups[2], groups[1], groups[0])
        guard y.digits == 4, m.digits <= 2, d.digits <= 2 else { return nil }
        return Day(year: y.value, month: m.value, day: d.value)
    }
}

/// How amounts are written: Danish `1.234.567,89` (decimal comma) or `1234567.89` (decimal point).
public enum DecimalStyle: String, Sendable, CaseIterable {
    case comma = ","
    case point = "."

    /// At most this many digits before the decimal mark (amounts under 1.000 mia. kr.): no payment
    /// line, rate or monthly budget comes near it, and it keeps every product of an amount and
    /// a number of days or hours inside 64 bits.
    public static let maxIntegerDigits = 12

    /// Reads an amount as an exact number of hundredths (øre for money).
    ///
    /// Accepts a sign in front (`-`, `+`, `−`) or a trailing minus (`500,00-`, as some economy
    /// systems print refunds), digit groups of three separated by the thousands separator
    /// (`.` with a decimal comma, `,` with a decimal point) or a space, and a `kr.`/`DKK`
    /// suffix. More than two decimals are rounded half away from zero to two. Nil for anything
    /// else, including a thousands separator that does not split groups of three (`1.5` in the
    /// Danish style is no amount: it is ambiguous).
    public func parseHundredths(_ text: some StringProtocol) -> Int64? {
        var s = Substring(text).trimmingSpaces
        if let last = s.last, last.isLetter || last == "." {
            for suffix in ["kr.", "kr", "dkk"] where s.lowercased().hasSuffix(suffix) {
                s = s.dropLast(suffix.count).trimmingSpaces
                break
            }
        }
        var negative = false
        if let f = s.first, f == "-" || f == "+" || f == "−" {
            negative = f != "+"
            s = s.dropFirst().trimmingSpaces
        } else if s.last == "-" {
            negative = true
            s = s.dropLast().trimmingSpaces
        }
        let decimalMark: Character = self == .comma ? "," : "."
        let groupMark: Character = self == .comma ? "." : ","
        var integerPart = s
        var fraction: Substring = ""
        if let mark = s.lastIndex(of: decimalMark) {
            integerPart = s[..<mark]
            fraction = s[s.index(after: mark)...]
            guard !fraction.isEmpty, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        }
        let groups = integerPart.split(omittingEmptySubsequences: false) { $0 == groupMark || $0 == " " || $0 == "\u{00A0}" }
        guard let firstGroup = groups.first, !(firstGroup.isEmpty && fraction.isEmpty) else { return nil }
        for (i, g) in groups.enumerated() {
            guard g.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            if groups.count > 1 {
                guard i == 0 ? (1...3).contains(g.count) : g.count == 3 else { return nil }
            }
        }
        let integerDigits = groups.joined()
        guard integerDigits.count <= Self.maxIntegerDigits else { return nil }
        guard let whole = Int64(integerDigits.isEmpty ? "0" : String(integerDigits)) else { return nil }
        var value = whole * 100
        let f = Array(fraction.utf8)
        if f.count >= 1 { value += Int64(f[0] - 48) * 10 }
        if f.count >= 2 { value += Int64(f[1] - 48) }
        if f.count >= 3, f[2] >= UInt8(ascii: "5") { value += 1 }
        return negative ? -value : value
    }
}
/// The character encoding of a source file.
public enum SourceEncoding: String, Sendable, CaseIterable {
    /// UTF-8 when the bytes are valid UTF-8, else Windows-1252.
    case auto
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"

    /// Reads the configuration's names (`utf-8`, `utf8`, `windows-1252`, `cp1252`, `iso-8859-1`, `latin1`, `auto`).
    public init?(configValue: String) {
        switch configValue.lowercased() {
        case "auto": self = .auto
        case "utf-8", "utf8": self = .utf8
        case "windows-1252", "cp1252", "iso-8859-1", "latin1", "latin-1", "ansi": self = .windows1252
        default: return nil
        }
    }
}
