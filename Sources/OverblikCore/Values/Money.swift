/// An exact amount of Danish money in øre (beløb). Never floating point.
public struct Money: Hashable, Comparable, Sendable, AdditiveArithmetic, CustomStringConvertible {
    public var ore: Int64

    public init(ore: Int64) { self.ore = ore }
    public init(kroner: Int64) { self.ore = kroner * 100 }

    public static let zero = Money(ore: 0)
    /// Sums saturate at ±Int64.max øre instead of trapping: no real data comes within a million
    /// times of it (amounts are read with at most 12 digits), and a hostile file must not crash the sync.
    public static func + (a: Money, b: Money) -> Money {
        let (sum, overflow) = a.ore.addingReportingOverflow(b.ore)
        return Money(ore: overflow || sum == Int64.min ? saturating(Int128(a.ore) + Int128(b.ore)) : sum)
    }
    public static func - (a: Money, b: Money) -> Money {
        let (difference, overflow) = a.ore.subtractingReportingOverflow(b.ore)
        return Money(ore: overflow || difference == Int64.min ? saturating(Int128(a.ore) - Int128(b.ore)) : difference)
    }
    public static prefix func - (a: Money) -> Money { Money(ore: a.ore == Int64.min ? Int64.max : -a.ore) }
    public static func < (a: Money, b: Money) -> Bool { a.ore < b.ore }

    /// `1.234.567 kr.`: whole kroner, rounded half away from zero, as lists show money.
    public var danishKroner: String {
        "\(DanishNumber.grouped(Money.roundedDivision(ore, 100))) kr."
    }

    /// `1.234.567,89`: kroner and øre with Danish separators (CSV exports, details).
    public var danishDecimal: String {
        let sign = ore < 0 ? "-" : ""
        let magnitude = ore.magnitude
        return "\(sign)\(DanishNumber.grouped(Int64(magnitude / 100))),\(pad(Int(magnitude % 100), 2))"
    }

    /// `1234567,89`: Danish decimals without grouping, for CSV that spreadsheets read as numbers.
    public var danishPlain: String {
        let sign = ore < 0 ? "-" : ""
        let magnitude = ore.magnitude
        return "\(sign)\(magnitude / 100),\(pad(Int(magnitude % 100), 2))"
    }

    /// `1234567.89`: for JSON, where amounts are plain numbers of kroner.
    public var plainDecimal: String {
        let sign = ore < 0 ? "-" : ""
        let magnitude = ore.magnitude
        return "\(sign)\(magnitude / 100).\(pad(Int(magnitude % 100), 2))"
    }

    public var description: String { danishDecimal }

    /// A 128-bit value clamped to ±Int64.max (symmetric, so that negating and `magnitude` stay safe).
    public static func saturating(_ v: Int128) -> Int64 {
        v > Int128(Int64.max) ? Int64.max : v < -Int128(Int64.max) ? -Int64.max : Int64(v)
    }

    /// `ore × part / whole` rounded half away from zero: the share of an amount that falls on
    /// `part` of its `whole` days. In 64 bits when the product fits (always, for amounts read
    /// with 12 digits), else in 128.
    public static func proRata(_ ore: Int64, _ part: Int, _ whole: Int) -> Int64 {
        let (product, overflow) = ore.multipliedReportingOverflow(by: Int64(part))
        if !overflow && product != Int64.min { return roundedDivision(product, Int64(whole)) }
        return roundedDivision(Int128(ore) * Int128(part), Int128(whole))
    }

    /// `numerator / denominator` (128 bits) rounded half away from zero, clamped to 64 bits.
    public static func roundedDivision(_ numerator: Int128, _ denominator: Int128) -> Int64 {
        // By construction: callers divide by days (≥ 1) or constants.
        precondition(denominator != 0)
        let negative = (numerator < 0) != (denominator < 0)
        let n = numerator.magnitude, d = denominator.magnitude
        let q = (n + d / 2) / d
        return saturating(negative ? -Int128(q) : Int128(q))
    }

    /// `numerator / denominator` rounded half away from zero: the one rounding rule of the domain.
    public static func roundedDivision(_ numerator: Int64, _ denominator: Int64) -> Int64 {
        // By construction: callers divide by days (≥ 1), covered days they checked are > 0, or constants.
        precondition(denominator != 0)
        let negative = (numerator < 0) != (denominator < 0)
        let n = numerator.magnitude, d = denominator.magnitude
        let q = (n + d / 2) / d
        // q ≤ 2^63: only Int64.min ÷ ±1 reaches it, and that clamps.
        return negative ? (q > UInt64(Int64.max) ? -Int64.max : -Int64(q)) : Int64(min(q, UInt64(Int64.max)))
    }
}
/// Danish digit grouping: `1.234.567`.
public enum DanishNumber {
    public static func grouped(_ value: Int64) -> String {
        if value.magnitude < 1000 { return String(value) }
        // (In bytes: a table's layout formats thousands of numbers.)
        let digits = Array(String(value.magnitude).utf8)
        var out: [UInt8] = value < 0 ? [UInt8(ascii: "-")] : []
        out.reserveCapacity(digits.count + digits.count / 3 + 1)
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(UInt8(ascii: ".")) }
            out.append(d)
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func grouped(_ value: Int) -> String { grouped(Int64(value)) }

    /// How many characters `grouped(value)` has, without making it.
    public static func groupedWidth(_ value: Int64) -> Int {
        let n = digits(value.magnitude)
        return n + (n - 1) / 3 + (value < 0 ? 1 : 0)
    }

    /// How many decimal digits `value` has (1 for 0).
    public static func digits(_ value: UInt64) -> Int {
        var n = 1, v = value
        while v >= 10 { v /= 10; n += 1 }
        return n
    }
}
