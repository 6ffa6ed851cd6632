/// A sum of fractions of øre (`numerator / denominator`), kept exact and rounded once at the end
/// (half away from zero): domain.md's forecast sums each payment's share of a year "exactly and
/// rounded once per function".
///
/// The fractions are grouped by denominator (a payment period's length in days: few distinct
/// values), each group's numerators summed in 128 bits; at the end the groups' remainders are
/// brought to their least common multiple. That stays exact while the multiple fits in 96 bits
/// (every mix of period lengths that real exports have: 28–31, 7, 14, 365, 366 give about 10⁹);
/// beyond it the remainders, each under one øre, are added in floating point.
public struct ExactSum: Sendable {
    /// Numerators by denominator: up to `small` in an array (a period of up to a year and a month,
    /// nearly every payment: no hashing per payment), longer periods in a dictionary.
    private var byLength: [Int128] = []
    private var numerators: [Int64: Int128] = [:]
    private static let small = 400

    public init() {}

    /// Adds `numerator / denominator` øre (`denominator` > 0).
    public mutating func add(_ numerator: Int128, over denominator: Int64) {
        if denominator <= Self.small {
            if byLength.isEmpty { byLength = Array(repeating: 0, count: Self.small + 1) }
            byLength[Int(denominator)] += numerator
        } else {
            numerators[denominator, default: 0] += numerator
        }
    }

    /// Adds `amount × part / whole` (`whole` > 0), the share of an amount.
    public mutating func add(_ amount: Money, times part: Int, over whole: Int) {
        add(Int128(amount.ore) * Int128(part), over: Int64(whole))
    }

    /// The sum rounded half away from zero to whole øre.
    public var rounded: Money {
        var whole: Int128 = 0
        var remainders: [(Int128, Int128)] = []  // (r, d) with 0 ≤ r < d
        var all = numerators
        for (d, n) in byLength.enumerated() where n != 0 { all[Int64(d), default: 0] += n }
        for (d, n) in all.sorted(by: { $0.key < $1.key }) {
            let d = Int128(d)
            var q = n / d, r = n % d
            if r < 0 { q -= 1; r += d }
            whole += q
            if r != 0 { remainders.append((r, d)) }
        }
        // Σ r/d as rem/l (l the least common multiple) while it fits; else in floating point.
        var l: Int128 = 1, rem: Int128 = 0
        var exact = true
        for (r, d) in remainders {
            let g = gcd(l, d)
            let next = l / g * d
            guard next < Int128(1) << 96 else { exact = false; break }
            rem = rem * (next / l) + r * (next / d)
            l = next
        }
        if !exact {
            let fraction = remainders.reduce(0.0) { $0 + Double($1.0) / Double($1.1) }
            let value = (Double(whole) + fraction).rounded(.toNearestOrAwayFromZero)
            return Money(ore: value >= 9.2e18 ? Int64.max : value <= -9.2e18 ? -Int64.max : Int64(value))
        }
        whole += rem / l
        rem %= l
        // whole + rem/l with 0 ≤ rem < l: a half rounds up for a positive value, down (away from zero) for a negative one.
        let up = whole >= 0 ? 2 * rem >= l : 2 * rem > l
        return Money(ore: Money.saturating(up ? whole + 1 : whole))
    }

    private func gcd(_ a: Int128, _ b: Int128) -> Int128 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}
