/// The period a reconciliation covers (domain.md): for a year, 1 January … the earlier of
/// 31 December and the last day of the month before today's month (only months that are over);
/// with a month, that month, which must be over. Nil when no day of it is over yet.
public func reconciliationPeriod(year: Int, month: Int? = nil, today: Day) -> DayRange? {
    let lastOver = today.firstOfMonth.advanced(by: -1)
    if let month {
        let m = DayRange.month(month, of: year)
        return m.end <= lastOver ? m : nil
    }
    return DayRange(DayRange.year(year).start, min(DayRange.year(year).end, lastOver))
}

/// The calendar months (year, month) a period consists of.
public func months(of period: DayRange) -> [(year: Int, month: Int)] {
    var out: [(Int, Int)] = []
    var d = period.start.firstOfMonth
    while d <= period.end {
        out.append((d.year, d.month))
        d = d.lastOfMonth.advanced(by: 1)
    }
    return out
}

/// `YYYY-MM`.
public func monthKey(_ year: Int, _ month: Int) -> String { "\(pad(year, 4))-\(pad(month, 2))" }
