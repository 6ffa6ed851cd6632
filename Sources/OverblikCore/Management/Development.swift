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

    /// The months of `year` that are over on `today` (Belægning's year).
    public static func over(in year: Int, on today: Day) -> [CalendarMonth] {
        let current = CalendarMonth(today)
        return (1...12).map { CalendarMonth(year: year, month: $0) }.filter { $0 < current }
    }
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
        rows(dimension, keys: [SeriesKey(nil, "")] + (dimension.map { d in series.keys.filter { $0.dimension == d }.sorted() } ?? []))
    }

    /// One series' rows as `rows(by: dimension)` shows them: the total (`value` nil) or one value's.
    public func rows(by dimension: DevelopmentDimension?, value: String?) -> [DevelopmentRow] {
        rows(dimension, keys: [value.map { SeriesKey(dimension, $0) } ?? SeriesKey(nil, "")])
    }

    private func rows(_ dimension: DevelopmentDimension?, keys: [SeriesKey]) -> [DevelopmentRow] {
        var out: [DevelopmentRow] = []
        out.reserveCapacity(months.count * keys.count)
        let all = keys.map { series[$0] }  // (each series looked up once: 600 teams of 60 months)
        for month in months {
            for (key, figuresOf) in zip(keys, all) {
                guard let figures = self.figures(figuresOf, month) else { continue }
                var row = DevelopmentRow(month: month, dimension: dimension, value: key.dimension == nil ? nil : key.value,
                                         figures: figures, lastYear: self.figures(figuresOf, month.advanced(by: -12)),
                                         rolling12: rolling(figuresOf, endingWith: month))
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
    public func figures(_ key: SeriesKey, _ month: CalendarMonth) -> MonthFigures? { figures(series[key], month) }

    /// A month's figures of a series' months (from `keptFrom`).
    private func figures(_ all: [MonthFigures]?, _ month: CalendarMonth) -> MonthFigures? {
        // (`keptFrom` is never before the first month with data.)
        guard let keptFrom, month >= keptFrom, let all else { return nil }
        let i = keptFrom.distance(to: month)
        return all.indices.contains(i) ? all[i] : nil
    }

    private func rolling(_ all: [MonthFigures]?, endingWith month: CalendarMonth) -> RollingFigures? {
        var r = RollingFigures()
        for m in month.advanced(by: -11)...month {
            guard let f = figures(all, m) else { return nil }
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
        let grantStart = d.grants.withUnsafeBufferPointer { grants in grants.indices.lazy.map { grants[$0].start }.min() }
        let paymentStart = d.payments.withUnsafeBufferPointer { payments in payments.indices.lazy.map { payments[$0].periodStart }.min() }
        let first = [grantStart, paymentStart].compactMap { $0 }.min().map(CalendarMonth.init)
        let months = shownMonths(first: first, today: today)
        guard let first, let shownFirst = months.first, let last = months.last else {
            return Development(months: [], firstDataMonth: first, keptFrom: nil, series: [:])
        }
        let from = Swift.max(first, shownFirst.advanced(by: -12))
        let grid = MonthGrid(from: from, to: last)
        var accumulators: [SeriesKey: Accumulator] = [:]

        // Grants: once, their spans, whether this municipality pays, and their order by citizen
        // (then file order); per dimension only each grant's value is found.
        let n = d.grants.count
        // In citizen order (then file order) once: the passes per dimension below read these
        // arrays forwards instead of jumping about the file's order (cache misses were half their time).
        // (The grants read in place, none copied.)
        let mapping = d.mappingIndex
        let index = index ?? PaymentIndex(payments: d.payments, grants: d.grants, mapping: mapping)
        let (byCitizen, spansC, paysSelfC, citizenC) = d.grants.withUnsafeBufferPointer { grants in
            let byCitizen = stableOrder(of: grants.indices.map { UInt64(bitPattern: grants[$0].cpr.value) })
            return (byCitizen, byCitizen.map { index.grantSpans[$0] }, byCitizen.map { grants[$0].payingMunicipality == nil },
                    byCitizen.map { grants[$0].cpr.value })
        }
        let functionRow = index.grantFunctionRow  // (each grant's mapping row, found once)
        let staffTeam = Dictionary(d.staff.map { ($0.initials.lowercased(), $0.team) }, uniquingKeysWith: { a, _ in a })
        var paragraphKeys: [Paragraph: String] = [:]
        func paragraphKey(_ p: Paragraph) -> String {
            if let key = paragraphKeys[p] { return key }
            paragraphKeys[p] = p.key
            return p.key
        }
        for dimension in [nil] + DevelopmentDimension.allCases.map(Optional.some) {
            // Each grant's value as a number (-1: the total only, as per function and team some are).
            var numbers = TextNumbers(), idOfRank = [Int32](repeating: -1, count: index.paragraphs.count)
            var idOfRow = [Int32](repeating: -1, count: mapping.rows.count)
            func id(_ v: String) -> Int32 { numbers.number(v) }
            if dimension == nil { _ = id("") }
            var valueOf = [Int32](repeating: -1, count: n)
            d.grants.withUnsafeBufferPointer { grants in
                for i in 0..<n {
                    switch dimension {
                    case nil: valueOf[i] = 0
                    case .paragraph?:
                        // (By the index's rank of the grant's paragraph: no paragraph hashed per grant.)
                        let r = Int(index.grantParagraph[i])
                        if idOfRank[r] < 0 { idOfRank[r] = id(paragraphKey(index.paragraphs[r])) }
                        valueOf[i] = idOfRank[r]
                    case .function?:
                        let row = Int(functionRow[i])
                        guard row >= 0 else { break }
                        if idOfRow[row] < 0 { idOfRow[row] = id(mapping.rows[row].function) }
                        valueOf[i] = idOfRow[row]
                    case .targetGroup?: valueOf[i] = id(grants[i].targetGroup.isEmpty ? "Uoplyst" : grants[i].targetGroup)
                    case .team?:
                        if !grants[i].team.isEmpty { valueOf[i] = id(grants[i].team) } else {
                            let t = staffTeam[grants[i].caseworker.lowercased()] ?? ""
                            if !t.isEmpty { valueOf[i] = id(t) }
                        }
                    }
                }
            }
            // Citizen by citizen, in the arrays' order (read forwards: no jumping through them),
            // each citizen's spans of one value joined. The sums do not depend on the order.
            let valueC = byCitizen.map { valueOf[$0] }
            let values = numbers.texts
            var accs = values.map { _ in Accumulator(count: grid.count) }
            let hasMoney = dimension?.hasMoney ?? true
            var all: [Span] = [], paid: [Span] = []
            var j = 0
            while j < n {
                var end = j + 1
                while end < n && citizenC[end] == citizenC[j] { end += 1 }
                defer { j = end }
                if end == j + 1 {
                    // (Most citizens have one grant: nothing to join.)
                    let v = Int(valueC[j])
                    guard v >= 0 else { continue }
                    accs[v].addGrant(spansC[j], grid)
                    accs[v].addCitizenSpan(spansC[j], grid)
                    if hasMoney && paysSelfC[j] { accs[v].addPaidSpan(spansC[j], grid) }
                    continue
                }
                // Each of the citizen's values once, at its first grant.
                for k in j..<end where valueC[k] >= 0 && !(j..<k).contains(where: { valueC[$0] == valueC[k] }) {
                    let v = Int(valueC[k])
                    all.removeAll(keepingCapacity: true); paid.removeAll(keepingCapacity: true)
                    for i in k..<end where valueC[i] == valueC[k] {
                        all.append(spansC[i])
                        if hasMoney && paysSelfC[i] { paid.append(spansC[i]) }
                        accs[v].addGrant(spansC[i], grid)
                    }
                    if all.count == 1 { accs[v].addCitizenSpan(all[0], grid) } else { for s in union(all) { accs[v].addCitizenSpan(s, grid) } }
                    if hasMoney {
                        if paid.count == 1 { accs[v].addPaidSpan(paid[0], grid) } else { for s in union(paid) { accs[v].addPaidSpan(s, grid) } }
                    }
                }
            }
            for (id, v) in values.enumerated() { accumulators[SeriesKey(dimension, v)] = accs[id] }
        }

        // Payments, each once: its posting month and its shares of the months, into the total, its
        // function's series and its attributed paragraph's (both found once in `index`).
        var ids: [SeriesKey: Int32] = [:], keys: [SeriesKey] = []
        func id(_ key: SeriesKey) -> Int32 {
            if let known = ids[key] { return known }
            ids[key] = Int32(keys.count); keys.append(key)
            return Int32(keys.count - 1)
        }
        let total = id(SeriesKey(nil, ""))
        // Series looked up by the function's symbol and the paragraph's rank: two small tables, not
        // two arrays as long as the payments (at national scale 78 MB of the sync's peak).
        var ofSymbol = [Int32](repeating: -1, count: d.symbols.count)
        for symbol in index.byFunction.keys where Int(symbol.id) < ofSymbol.count {
            let function = d.symbols[symbol]
            guard !function.isEmpty else { continue }
            ofSymbol[Int(symbol.id)] = id(SeriesKey(.function, function))
        }
        var ofRank = [Int32](repeating: -1, count: index.paragraphs.count)
        for r in index.paymentParagraph where r >= 0 && ofRank[Int(r)] < 0 {
            ofRank[Int(r)] = id(SeriesKey(.paragraph, paragraphKey(index.paragraphs[Int(r)])))
        }
        var money = keys.map { _ in PaymentSums(count: grid.count) }
        let paragraphRank = index.paymentParagraph
        d.payments.withUnsafeBufferPointer { payments in
            for i in payments.indices {
                // (Its fields read in place: a payment copied would retain its voucher id.)
                let amount = payments[i].amount
                let s = Int(payments[i].function.id), r = Int(paragraphRank[i])
                let (f, g) = (s < ofSymbol.count ? Int(ofSymbol[s]) : -1, r >= 0 ? Int(ofRank[r]) : -1)
                let posted = payments[i].postingDate.ordinal
                if posted >= grid.first && posted <= grid.last {
                    let j = grid.position(posted)
                    money[Int(total)].addSpend(j, amount)
                    if f >= 0 { money[f].addSpend(j, amount) }
                    if g >= 0 { money[g].addSpend(j, amount) }
                }
                let (ps, pe) = (payments[i].periodStart.ordinal, payments[i].periodEnd.ordinal)
                guard ps <= grid.last, pe >= grid.first, pe >= ps else { continue }
                let days = Int(pe - ps) + 1
                for j in grid.position(max(ps, grid.first))...grid.position(min(pe, grid.last)) {
                    let overlap = Int(min(pe, grid.ends[j]) - max(ps, grid.starts[j])) + 1
                    guard overlap > 0 else { continue }
                    money[Int(total)].addPaid(j, amount, overlap, days)
                    if f >= 0 { money[f].addPaid(j, amount, overlap, days) }
                    if g >= 0 { money[g].addPaid(j, amount, overlap, days) }
                }
            }
        }
        for (k, key) in keys.enumerated() {
            var acc = accumulators.removeValue(forKey: key) ?? Accumulator(count: grid.count)
            acc.spend = money[k].spend
            acc.paid = money[k].paid
            accumulators[key] = acc
        }

        var series = Dictionary(uniqueKeysWithValues: accumulators.map { key, acc in
            (key, acc.figures(grid, hasMoney: key.dimension?.hasMoney ?? true))
        })
        // A value with no figure in any shown month has no rows.
        let shownFrom = from.distance(to: shownFirst)
        series = series.filter { key, figures in key.dimension == nil || figures[shownFrom...].contains { !$0.isEmpty } }
        if series[SeriesKey(nil, "")] == nil { series[SeriesKey(nil, "")] = Accumulator(count: grid.count).figures(grid, hasMoney: true) }
        return Development(months: months, firstDataMonth: first, keptFrom: from, series: series)
    }
}

/// The kept months as day numbers: each month's first and last day, and each day's month.
struct MonthGrid {
    let count: Int
    let starts: [Int32], ends: [Int32], days: [Int]
    let first: Int32, last: Int32
    private let positionOfDay: [Int32]

    init(from: CalendarMonth, to: CalendarMonth) {
        let kept = Array(from...to)
        count = kept.count
        starts = kept.map { $0.range.start.ordinal }
        ends = kept.map { $0.range.end.ordinal }
        days = kept.map(\.days)
        first = starts[0]; last = ends[count - 1]
        var position = [Int32](repeating: 0, count: Int(last - first) + 1)
        for i in 0..<count { for d in Int(starts[i] - first)...Int(ends[i] - first) { position[d] = Int32(i) } }
        positionOfDay = position
    }

    /// The position of a day inside the kept months.
    func position(_ day: Int32) -> Int { Int(positionOfDay[Int(day - first)]) }
}

/// One series' money over the kept months while the payments are gathered: spend by posting
/// month, and each payment's shares of the months it covers, summed exactly.
struct PaymentSums {
    var spend: [Money]
    var paid: [ExactSum]

    init(count: Int) {
        spend = Array(repeating: .zero, count: count)
        paid = Array(repeating: ExactSum(), count: count)
    }

    mutating func addSpend(_ j: Int, _ amount: Money) { spend[j] = spend[j] + amount }  // saturating
    mutating func addPaid(_ j: Int, _ amount: Money, _ overlap: Int, _ days: Int) { paid[j].add(amount, times: overlap, over: days) }
}

/// One series' counts over the kept months while they are gathered: the ranges of months a span
/// covers whole are added as differences (a span of years costs as much as one of a day).
struct Accumulator {
    var inflow: [Int], outflow: [Int]
    /// Active on a month's last day, and months covered whole, as differences (summed at the end).
    var activeDiff: [Int], wholeDiff: [Int], grantsDiff: [Int], paidWholeDiff: [Int]
    /// Days covered in months covered only in part.
    var partial: [Int], paidPartial: [Int]
    var spend: [Money], paid: [ExactSum]

    init(count: Int) {
        inflow = Array(repeating: 0, count: count); outflow = inflow
        activeDiff = Array(repeating: 0, count: count + 1); wholeDiff = activeDiff; grantsDiff = activeDiff; paidWholeDiff = activeDiff
        partial = inflow; paidPartial = inflow
        spend = Array(repeating: .zero, count: count); paid = []
    }

    /// The span clipped to the kept months, as positions and days; nil when outside them.
    private static func clip(_ s: Span, _ grid: MonthGrid) -> (a: Int, b: Int, start: Int32, end: Int32, coversLastEnd: Bool)? {
        let end = s.end?.ordinal ?? Int32.max
        guard s.start.ordinal <= grid.last, end >= grid.first, end >= s.start.ordinal else { return nil }
        let start = max(s.start.ordinal, grid.first), clipped = min(end, grid.last)
        let a = grid.position(start), b = grid.position(clipped)
        return (a, b, start, clipped, end >= grid.ends[b])
    }

    /// Days covered and months covered whole, into `partial` and `whole`.
    private static func cover(_ c: (a: Int, b: Int, start: Int32, end: Int32, coversLastEnd: Bool), _ grid: MonthGrid,
                              partial: inout [Int], whole: inout [Int]) {
        if c.a == c.b {
            partial[c.a] += Int(c.end - c.start) + 1
            return
        }
        partial[c.a] += Int(grid.ends[c.a] - c.start) + 1
        partial[c.b] += Int(c.end - grid.starts[c.b]) + 1
        whole[c.a + 1] += 1; whole[c.b] -= 1
    }

    /// One grant (not joined): counted on the month ends it is active.
    mutating func addGrant(_ s: Span, _ grid: MonthGrid) {
        guard let c = Self.clip(s, grid) else { return }
        grantsDiff[c.a] += 1; grantsDiff[c.coversLastEnd ? c.b + 1 : c.b] -= 1
    }

    /// One citizen's joined span: inflow, outflow, active at month ends, covered days.
    mutating func addCitizenSpan(_ s: Span, _ grid: MonthGrid) {
        guard let c = Self.clip(s, grid) else { return }
        if s.start.ordinal >= grid.first { inflow[c.a] += 1 }
        if let e = s.end?.ordinal, e <= grid.last { outflow[c.b] += 1 }
        activeDiff[c.a] += 1; activeDiff[c.coversLastEnd ? c.b + 1 : c.b] -= 1
        Self.cover(c, grid, partial: &partial, whole: &wholeDiff)
    }

    /// A joined span of grants this municipality pays: the divisor of unit cost.
    mutating func addPaidSpan(_ s: Span, _ grid: MonthGrid) {
        guard let c = Self.clip(s, grid) else { return }
        Self.cover(c, grid, partial: &paidPartial, whole: &paidWholeDiff)
    }

    /// The months' figures.
    func figures(_ grid: MonthGrid, hasMoney: Bool) -> [MonthFigures] {
        var out: [MonthFigures] = []
        out.reserveCapacity(grid.count)
        var active = 0, whole = 0, grants = 0, paidWhole = 0
        for i in 0..<grid.count {
            active += activeDiff[i]; whole += wholeDiff[i]; grants += grantsDiff[i]; paidWhole += paidWholeDiff[i]
            var f = MonthFigures(days: grid.days[i], hasMoney: hasMoney)
            f.activeAtMonthEnd = active; f.inflow = inflow[i]; f.outflow = outflow[i]; f.grants = grants
            f.coveredDays = partial[i] + whole * grid.days[i]
            f.paidCoveredDays = paidPartial[i] + paidWhole * grid.days[i]
            if hasMoney {
                f.spend = spend[i]
                f.paidFor = paid.isEmpty ? .zero : paid[i].rounded
            }
            out.append(f)
        }
        return out
    }
}
