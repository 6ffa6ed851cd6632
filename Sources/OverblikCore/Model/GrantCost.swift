/// A grant's price per day as an exact fraction of øre, so that converting a rate to a period
/// rounds only once (domain.md: "rounded half away from zero only when a rate is converted,
/// and only once per grant and period").
public struct DailyRate: Hashable, Sendable {
    public let numerator: Int64
    public let denominator: Int64

    /// The cost of `days` days, rounded once.
    public func cost(days: Int) -> Money {
        Money(ore: Money.roundedDivision(Int128(numerator) * Int128(days), Int128(denominator)))
    }

    /// Daily rate × 365 / 12: the monthly cost lists show.
    public var monthlyCost: Money {
        Money(ore: Money.roundedDivision(Int128(numerator) * 365, Int128(denominator) * 12))
    }
}

extension Grant {
    /// The daily rate (dag: rate; uge: rate/7; måned: rate×12/365; år: rate/365;
    /// time: rate × hours per week / 7). Nil when the grant costs nothing: no rate, no rate
    /// unit, or an hourly rate with no hours per week.
    public var dailyRate: DailyRate? {
        guard let rate, let rateUnit else { return nil }
        let r = rate.ore
        switch rateUnit {
        case .day: return DailyRate(numerator: r, denominator: 1)
        case .week: return DailyRate(numerator: r, denominator: 7)
        case .month: return DailyRate(numerator: r * 12, denominator: 365)
        case .year: return DailyRate(numerator: r, denominator: 365)
        case .hour:
            guard let hours = hoursPerWeek else { return nil }
            return DailyRate(numerator: r * hours.value, denominator: 700)
        }
    }

    /// The grant's days within `bounds` (an open end runs to the end of `bounds`), or nil.
    public func period(within bounds: DayRange) -> DayRange? {
        Day.clamp(start: start, end: end, to: bounds)
    }

    /// What the grant is expected to cost in `bounds`: daily rate × its days there, rounded once.
    public func expectedCost(in bounds: DayRange) -> Money {
        guard let rate = dailyRate, let days = period(within: bounds)?.dayCount else { return .zero }
        return rate.cost(days: days)
    }
}
