/// Development over time (management.md §1): every measure per month, for the whole municipality
/// and per value of one dimension, with the same month a year earlier and the rolling twelve months.

/// What a series can be split by. `nil` where a dimension is asked for means the whole municipality.
public enum DevelopmentDimension: String, CaseIterable, Sendable, Hashable {
    case paragraph, function, targetGroup, team

    public var label: Message {
        switch self {
        case .paragraph: return Message(da: "Paragraf", en: "Paragraph")
        case .function: return Message(da: "Funktion", en: "Function")
        case .targetGroup: return Message(da: "Målgruppe", en: "Target group")
        case .team: return Message(da: "Team", en: "Team")
        }
    }

    /// Whether the economy's measures (spend, paidFor, unitCostRate) exist per value.
    public var hasMoney: Bool { self == .paragraph || self == .function }
}

/// A calendar month as one number (`year × 12 + month − 1`), so that months are counted and compared as integers.
public struct CalendarMonth: Hashable, Comparable, Sendable, Strideable {
    public let index: Int

    public init(index: Int) { self.index = index }
    public init(year: Int, month: Int) { index = year * 12 + month - 1 }
    public init(_ day: Day) { let c = day.components; self.init(year: c.year, month: c.month) }

    public var year: Int { index >= 0 ? index / 12 : (index - 11) / 12 }
    public var month: Int { index - year * 12 + 1 }
    public var range: DayRange { DayRange.month(month, of: year) }
    public var days: Int { Day.daysIn(month: month, year: year) }
    /// `2026-10`.
    public var key: String { monthKey(year, month) }

    public static func < (a: CalendarMonth, b: CalendarMonth) -> Bool { a.index < b.index }
    public func advanced(by n: Int) -> CalendarMonth { CalendarMonth(index: index + n) }
    public func distance(to other: CalendarMonth) -> Int { other.index - index }
}

/// One month's figures for one series, as counted (the measures are derived from them).
public struct MonthFigures: Hashable, Sendable {
    public var activeAtMonthEnd = 0
    public var inflow = 0
    public var outflow = 0
    /// Covered days of the citizens' grant unions in the month (every grant).
    public var coveredDays = 0
    /// Covered days of the grants this municipality pays (the divisor of `unitCostRate`).
    public var paidCoveredDays = 0
    /// Grants active on the month's last day.
    public var grants = 0
    /// Payments posted in the month; nil where the series has no economy (per target group, team).
    public var spend: Money?
    /// The payments' shares falling on the month's days, rounded once.
    public var paidFor: Money?
    public var days: Int

    public init(days: Int, hasMoney: Bool) {
        self.days = days
        if hasMoney { spend = .zero; paidFor = .zero }
    }

    public var fullTimePersons: FullTimePersons { FullTimePersons(coveredDays: coveredDays, periodDays: days) }

    /// Kroner per full-time person per year at the month's pace: paidFor ÷ covered days × days of
    /// the month's year; none without covered days (or without money).
    public func unitCostRate(daysOfYear: Int) -> Money? {
        guard let paidFor, paidCoveredDays > 0 else { return nil }
        return Money(ore: Money.proRata(paidFor.ore, daysOfYear, paidCoveredDays))
    }

    var isEmpty: Bool {
        activeAtMonthEnd == 0 && inflow == 0 && outflow == 0 && coveredDays == 0 && paidCoveredDays == 0 && grants == 0
            && (spend ?? .zero) == .zero && (paidFor ?? .zero) == .zero
    }
}

/// The rolling twelve months ending with a month: flows summed, stocks the mean of the twelve
/// month ends, full-time persons and unit cost over the twelve months' days.
public struct RollingFigures: Hashable, Sendable {
    public var inflow = 0, outflow = 0
    /// Σ of the twelve month-end figures (the mean is ÷ 12).
    public var activeSum = 0, grantsSum = 0
    public var coveredDays = 0, paidCoveredDays = 0, days = 0
    public var spend: Money?, paidFor: Money?

    public var activeAtMonthEnd: Double { Double(activeSum) / 12 }
    public var grants: Double { Double(grantsSum) / 12 }
    public var fullTimePersons: FullTimePersons { FullTimePersons(coveredDays: coveredDays, periodDays: days) }
    public var unitCostRate: Money? {
        guard let paidFor, paidCoveredDays > 0 else { return nil }
        return Money(ore: Money.proRata(paidFor.ore, days, paidCoveredDays))
    }
}

/// One row of the `udvikling` view: a month and a series (the total, or one value of a dimension).
public struct DevelopmentRow: Hashable, Sendable {
    public var month: CalendarMonth
    public var dimension: DevelopmentDimension?
    /// The dimension's value; nil on the total row.
    public var value: String?
    public var figures: MonthFigures
    /// The same month a year earlier; nil when it is before the first month with data.
    public var lastYear: MonthFigures?
    /// The twelve months ending with this one; nil unless all twelve have data.
    public var rolling12: RollingFigures?

    public var daysOfYear: Int { Day.daysIn(year: month.year) }
    public var unitCostRate: Money? { figures.unitCostRate(daysOfYear: daysOfYear) }
    public var unitCostRateLastYear: Money? { lastYear?.unitCostRate(daysOfYear: Day.daysIn(year: month.year - 1)) }
}

/// The series of a drop for a `today`: every dimension's values, month by month.
public struct Development: Hashable, Sendable {
    /// The months shown: those that are over, at most 60, none before the first month with data.
    public var months: [CalendarMonth]
    /// The first month in which the drop has a grant day or a payment period.
    public var firstDataMonth: CalendarMonth?
    /// The first month figures are kept for: twelve before the first shown (for a year earlier
    /// and the rolling twelve months), not before the first month with data.
    public var keptFrom: CalendarMonth?
    /// Per series (`nil` dimension and "" value: the total) the figures of every kept month, in order.
    public var series: [SeriesKey: [MonthFigures]]

    public struct SeriesKey: Hashable, Sendable, Comparable {
        public var dimension: DevelopmentDimension?
        public var value: String

        public init(_ dimension: DevelopmentDimension?, _ value: String) { self.dimension = dimension; self.value = value }

        public static func < (a: SeriesKey, b: SeriesKey) -> Bool {
            if a.dimension != b.dimension {
                guard let x = a.dimension else { return true }
                guard let y = b.dimension else { return false }
                return DevelopmentDimension.allCases.firstIndex(of: x) ?? 0 < DevelopmentDimension.allCases.firstIndex(of: y) ?? 0
            }
            if a.dimension == .paragraph, let p = Paragraph(parsing: a.value), let q = Paragraph(parsing: b.value), p != q { return p < q }
            return DanishCollation.before(a.value, b.value)
        }
    }

    public init(months: [CalendarMonth], firstDataMonth: CalendarMonth?, keptFrom: CalendarMonth?, series: [SeriesKey: [MonthFigures]]) {
        self.months = months; self.firstDataMonth = firstDataMonth; self.keptFrom = keptFrom; self.series = series
    }

    /// The months shown for `today`: up to the month before today's, at most `limit`, none before `first`.
    public static func shownMonths(first: CalendarMonth?, today: Day, limit: Int = 60) -> [CalendarMonth] {
        guard let first else { return [] }
        let last = CalendarMonth(today).advanced(by: -1)
        let from = Swift.max(first, last.advanced(by: -(limit - 1)))
        return from <= last ? Array(from...last) : []
    }

    /// The rows of the view: the total (without `by`), or the total and every value of `by`, per shown month.
    public func rows(by dimension: DevelopmentDimension?) -> [DevelopmentRow] {
        let keys = [SeriesKey(nil, "")] + (dimension.map { d in series.keys.filter { $0.dimension == d }.sorted() } ?? [])
        var out: [DevelopmentRow] = []
        for month in months {
            for key in keys {
                guard let figures = figures(key, month) else { continue }
                var row = DevelopmentRow(month: month, dimension: dimension, value: key.dimension == nil ? nil : key.value,
                                         figures: figures, lastYear: self.figures(key, month.advanced(by: -12)),
                                         rolling12: rolling(key, endingWith: month))
                // Split by a dimension without money (target group, team), no row has it, the total
                // row neither: the view's money columns are empty throughout (management.md §1, as read
                // by the conformance drop's independent implementation).
                if let dimension, !dimension.hasMoney {
                    row.figures.spend = nil; row.figures.paidFor = nil
                    row.lastYear?.spend = nil; row.lastYear?.paidFor = nil
                    row.rolling12?.spend = nil; row.rolling12?.paidFor = nil
                }
                out.append(row)
            }
        }
        return out
    }

    /// A series' figures of one month, if the month is kept and has data.
    public func figures(_ key: SeriesKey, _ month: CalendarMonth) -> MonthFigures? {
        guard let keptFrom, let first = firstDataMonth, month >= first, month >= keptFrom, let all = series[key] else { return nil }
        let i = keptFrom.distance(to: month)
        return all.indices.contains(i) ? all[i] : nil
    }

    func rolling(_ key: SeriesKey, endingWith month: CalendarMonth) -> RollingFigures? {
        var r = RollingFigures()
        for m in month.advanced(by: -11)...month {
            guard let f = figures(key, m) else { return nil }
            r.inflow += f.inflow; r.outflow += f.outflow
            r.activeSum += f.activeAtMonthEnd; r.grantsSum += f.grants
            r.coveredDays += f.coveredDays; r.paidCoveredDays += f.paidCoveredDays; r.days += f.days
            if let s = f.spend { r.spend = (r.spend ?? .zero) + s }
            if let p = f.paidFor { r.paidFor = (r.paidFor ?? .zero) + p }
        }
        return r
    }

    /// Computes the series from every grant and payment (management.md §1).
    ///
    /// Grants: every grant of the case system, whoever acts or pays; a citizen's grants are joined
    /// per dimension value (a citizen with a §85 and a §104 grant counts once in each paragraph and
    /// once in the total). Per function, a grant counts under its mapping row's function; per team,
    /// under its team, else its caseworker's team in `staff`; a grant with neither counts in the
    /// total only. Payments: every payment of the file; spend by posting month, paidFor by the days
    /// of its period in each month (rounded once per figure); per paragraph by attribution, per
    /// function by its own function. `unitCostRate` divides by the covered days of the grants this
    /// municipality pays.
    public static func compute(_ d: Dataset, today: Day, index: PaymentIndex? = nil) -> Development {
        let grantStart = d.grants.map(\.start).min()
        let paymentStart = d.payments.map(\.periodStart).min()
        let first = [grantStart, paymentStart].compactMap { $0 }.min().map(CalendarMonth.init)
        let months = shownMonths(first: first, today: today)
        guard let first, let shownFirst = months.first, let last = months.last else {
            return Development(months: [], firstDataMonth: first, keptFrom: nil, series: [:])
        }
        let from = Swift.max(first, shownFirst.advanced(by: -12))
        let count = from.distance(to: last) + 1
        let kept = (0..<count).map { from.advanced(by: $0) }
        let monthStarts = kept.map { $0.range.start }, monthEnds = kept.map { $0.range.end }
        let window = DayRange(ordering: monthStarts[0], monthEnds[count - 1])

        // Each day of the window's position among the kept months: a look-up, no calendar arithmetic per payment.
        var positionOfDay = [Int](repeating: 0, count: window.dayCount)
        for (i, m) in kept.enumerated() {
            let a = window.start.distance(to: m.range.start)
            for d in a..<a + m.days { positionOfDay[d] = i }
        }
        /// The kept months a span of days touches, as positions.
        func positions(_ start: Day, _ end: Day?) -> ClosedRange<Int>? {
            guard start <= window.end, (end ?? window.end) >= window.start else { return nil }
            let a = start <= window.start ? 0 : positionOfDay[window.start.distance(to: start)]
            let b = (end.map { $0 >= window.end } ?? true) ? count - 1 : positionOfDay[window.start.distance(to: end ?? window.end)]
            return a <= b ? a...b : nil
        }

        var series: [SeriesKey: [MonthFigures]] = [:]
        func blank(_ key: SeriesKey) -> [MonthFigures] {
            kept.map { MonthFigures(days: $0.days, hasMoney: key.dimension?.hasMoney ?? true) }
        }

        // Grants: the value each dimension gives a grant (nil: the total only).
        let mapping = d.mappingIndex
        let staffTeam = Dictionary(d.staff.map { ($0.initials.lowercased(), $0.team) }, uniquingKeysWith: { a, _ in a })
        func value(_ g: Grant, _ dimension: DevelopmentDimension?) -> String? {
            switch dimension {
            case nil: return ""
            case .paragraph?: return g.paragraph.key
            case .function?: return mapping.row(for: g)?.function
            case .targetGroup?: return g.targetGroup.isEmpty ? "Uoplyst" : g.targetGroup
            case .team?:
                if !g.team.isEmpty { return g.team }
                let t = staffTeam[g.caseworker.lowercased()] ?? ""
                return t.isEmpty ? nil : t
            }
        }
        for dimension in [nil] + DevelopmentDimension.allCases.map(Optional.some) {
            var all: [String: [CPR: [Span]]] = [:], paid: [String: [CPR: [Span]]] = [:]
            var grantMonthEnds: [String: [Int]] = [:]
            for g in d.grants {
                guard let v = value(g, dimension) else { continue }  // (per function and team, some grants count in the total only)
                all[v, default: [:]][g.cpr, default: []].append(g.span)
                if g.payingMunicipality == nil { paid[v, default: [:]][g.cpr, default: []].append(g.span) }
                // Active on a month's last day: from the month it starts (if it starts by its end) to the month it ends in (if it ends on its last day) .
                if let r = positions(g.start, g.end) {
                    var counts = grantMonthEnds[v] ?? Array(repeating: 0, count: count)
                    for i in r where g.span.covers(monthEnds[i]) { counts[i] += 1 }
                    grantMonthEnds[v] = counts
                }
            }
            for (v, citizens) in all {
                let key = SeriesKey(dimension, v)
                var figures = series[key] ?? blank(key)
                for spans in citizens.values {
                    for s in union(spans) {
                        if let r = positions(s.start, s.start) { figures[r.lowerBound].inflow += 1 }
                        if let e = s.end, let r = positions(e, e) { figures[r.lowerBound].outflow += 1 }
                        guard let r = positions(s.start, s.end) else { continue }
                        for i in r {
                            if s.covers(monthEnds[i]) { figures[i].activeAtMonthEnd += 1 }
                            figures[i].coveredDays += s.within(kept[i].range)?.dayCount ?? 0
                        }
                    }
                }
                if let counts = grantMonthEnds[v] { for i in 0..<count { figures[i].grants = counts[i] } }
                if dimension?.hasMoney ?? true {
                    for spans in (paid[v] ?? [:]).values {
                        for s in union(spans) {
                            guard let r = positions(s.start, s.end) else { continue }
                            for i in r { figures[i].paidCoveredDays += s.within(kept[i].range)?.dayCount ?? 0 }
                        }
                    }
                }
                series[key] = figures
            }
        }

        // Payments: the total, per function, per attributed paragraph (sorted once in `index`).
        let index = index ?? PaymentIndex(payments: d.payments, grants: d.grants, mapping: mapping)
        func addPayments<S: Sequence<Int32>>(_ key: SeriesKey, _ positionsOf: S) {
            var figures = series.removeValue(forKey: key) ?? blank(key)
            var sums = Array(repeating: ExactSum(), count: count)
            for i in positionsOf {
                let p = d.payments[Int(i)]
                if let j = positions(p.postingDate, p.postingDate)?.lowerBound { figures[j].spend = (figures[j].spend ?? .zero) + p.amount }
                guard let r = positions(p.periodStart, p.periodEnd) else { continue }
                let periodDays = p.periodStart.distance(to: p.periodEnd) + 1
                for j in r {
                    let overlap = Day.clamp(start: p.periodStart, end: p.periodEnd, to: kept[j].range)?.dayCount ?? 0
                    if overlap > 0 { sums[j].add(p.amount, times: overlap, over: periodDays) }
                }
            }
            for j in 0..<count { figures[j].paidFor = sums[j].rounded }
            series[key] = figures
        }
        addPayments(SeriesKey(nil, ""), 0..<Int32(d.payments.count))
        for (symbol, positionsOf) in index.byFunction {
            let function = d.symbols[symbol]
            if !function.isEmpty { addPayments(SeriesKey(.function, function), positionsOf) }
        }
        var byParagraph: [Paragraph: [Int32]] = [:]
        for (_, ofCitizen) in index.byCitizen { for (p, positionsOf) in ofCitizen { byParagraph[p, default: []].append(contentsOf: positionsOf) } }
        for (p, positionsOf) in byParagraph { addPayments(SeriesKey(.paragraph, p.key), positionsOf.sorted()) }

        // A value with no figure in any shown month has no rows.
        let shownFrom = from.distance(to: shownFirst)
        series = series.filter { key, figures in key.dimension == nil || figures[shownFrom...].contains { !$0.isEmpty } }
        if series[SeriesKey(nil, "")] == nil { series[SeriesKey(nil, "")] = blank(SeriesKey(nil, "")) }
        return Development(months: months, firstDataMonth: first, keptFrom: from, series: series)
    }
}
