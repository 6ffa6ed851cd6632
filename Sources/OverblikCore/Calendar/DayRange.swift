/// An inclusive period of days (periode): both `start` and `end` belong to it.
public struct DayRange: Hashable, Sendable, CustomStringConvertible {
    public let start: Day
    public let end: Day

    /// Nil when `end` is before `start`.
    public init?(_ start: Day, _ end: Day) {
        guard start <= end else { return nil }
        self.start = start
        self.end = end
    }

    /// From `a` to `b` when `a ≤ b`, else from `b` to `a`: for periods that are ordered by
    /// construction (a year, a month, a payment period the reader checked), with no unwrap.
    public init(ordering a: Day, _ b: Day) {
        start = min(a, b)
        end = max(a, b)
    }

    /// `days(a…b)`: the number of days from start to end, both included.
    public var dayCount: Int { start.distance(to: end) + 1 }

    public func contains(_ day: Day) -> Bool { start <= day && day <= end }

    /// The days both periods share, or nil when they share none.
    public func intersection(_ other: DayRange) -> DayRange? {
        DayRange(max(start, other.start), min(end, other.end))
    }

    public func overlaps(_ other: DayRange) -> Bool { start <= other.end && other.start <= end }

    /// 1 January … 31 December of `year`.
    public static func year(_ year: Int) -> DayRange {
        DayRange(ordering: Day(anyYear: year, month: 1, day: 1), Day(anyYear: year, month: 12, day: 31))
    }

    /// The first … the last day of `month` in `year`.
    public static func month(_ month: Int, of year: Int) -> DayRange {
        let m = min(max(month, 1), 12)
        return DayRange(ordering: Day(anyYear: year, month: m, day: 1),
                        Day(anyYear: year, month: m, day: Day.daysIn(month: m, year: year)))
    }

    public var description: String { "\(start.iso)…\(end.iso)" }
}

extension Day {
    /// The period a thing from `start` to an optional inclusive `end` covers within `bounds`
    /// (an open end runs to the end of `bounds`); nil when it has no day in `bounds`.
    public static func clamp(start: Day, end: Day?, to bounds: DayRange) -> DayRange? {
        DayRange(max(start, bounds.start), min(end ?? bounds.end, bounds.end))
    }
}
