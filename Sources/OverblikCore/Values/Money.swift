/// An exact amount of Danish money in øre (beløb). Never floating point.
public struct Money: Hashable, Comparable, Sendable, AdditiveArithmetic, CustomStringConvertible {
    public var ore: Int64

    public init(ore: Int64) { self.ore = ore }
    public init(kroner: Int64) { self.ore = kroner * 100 }

    public static let zero = Money(ore: 0)
    public static func + (a: Money, b: Money) -> Money { Money(ore: a.ore + b.ore) }
    public static func - (a: Money, b: Money) -> Money { Money(ore: a.ore - b.ore) }
    public static prefix func - (a: Money) -> Money { Money(ore: -a.ore) }
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

    /// `numerator / denominator` rounded half away from zero: the one rounding rule of the domain.
    public static func roundedDivision(_ numerator: Int64, _ denominator: Int64) -> Int64 {
        precondition(denominator != 0)
        let negative = (numerator < 0) != (denominator < 0)
        let n = numerator.magnitude, d = denominator.magnitude
        let q = (n + d / 2) / d
        return negative ? -Int64(q) : Int64(q)
    }
}

/// Danish digit grouping: `1.234.567`.
public enum DanishNumber {
    public static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        out.reserveCapacity(digits.count + digits.count / 3 + 1)
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(".") }
            out.append(ch)
        }
        return value < 0 ? "-" + out : out
    }

    public static func grouped(_ value: Int) -> String { grouped(Int64(value)) }
}
