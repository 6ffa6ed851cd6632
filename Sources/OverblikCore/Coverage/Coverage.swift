/// Each citizen's union of grant periods per paragraph: the basis of full-time persons
/// (helårspersoner), movements (tilgange/afgange) and the ottetalskontrol, so that
/// overlapping grants never count twice.
public struct ParagraphCoverage: Sendable {
    /// Paragraph → every citizen's union, one after another. A citizen's spans are disjoint, so a
    /// day is covered by at most one span of each citizen: every figure here is a sum over spans,
    /// and no figure needs to know whose a span is.
    public private(set) var spans: [Paragraph: [Span]] = [:]

    /// The coverage of the grants `include` accepts (all by default).
    public init(grants: [Grant], include: (Grant) -> Bool = { _ in true }) {
        var raw: [Paragraph: [CPR: [Span]]] = [:]
        for g in grants where include(g) { raw[g.paragraph, default: [:]][g.cpr, default: []].append(g.span) }
        spans = raw.mapValues { $0.values.flatMap(union) }
    }

    /// From unions already made (paragraph → the citizens' disjoint spans, one citizen after another).
    init(unions: [Paragraph: [Span]]) { spans = unions }

    public var paragraphs: [Paragraph] { spans.keys.sorted() }

    /// Σ over citizens of the days of `period` they are covered on `paragraph`.
    public func coveredDays(_ paragraph: Paragraph, in period: DayRange) -> Int {
        OverblikCore.coveredDays(spans[paragraph] ?? [], in: period)
    }

    /// Full-time persons of `period` on `paragraph`: Σ coveredDays / days(period).
    public func fullTimePersons(_ paragraph: Paragraph, in period: DayRange) -> FullTimePersons {
        FullTimePersons(coveredDays: coveredDays(paragraph, in: period), periodDays: period.dayCount)
    }

    /// Citizens covered on `day`.
    public func recipients(_ paragraph: Paragraph, on day: Day) -> Int {
        (spans[paragraph] ?? []).reduce(0) { n, s in n + (s.covers(day) ? 1 : 0) }
    }

    /// `recipients(paragraph, on:)` for each of `days`, in one pass over the spans.
    public func recipients(_ paragraph: Paragraph, on days: [Day]) -> [Int] {
        var counts = [Int](repeating: 0, count: days.count)
        for s in spans[paragraph] ?? [] {
            for (k, day) in days.enumerated() where s.covers(day) { counts[k] += 1 }
        }
        return counts
    }
}

/// Full-time persons (helårspersoner) kept as the exact fraction Σ covered days / period days.
public struct FullTimePersons: Hashable, Sendable {
    public init(coveredDays: Int, periodDays: Int) {
        self.coveredDays = coveredDays; self.periodDays = periodDays
    }

    public var coveredDays: Int
    public var periodDays: Int

    public var value: Double { periodDays == 0 ? 0 : Double(coveredDays) / Double(periodDays) }

    /// With two decimals, Danish style (`12,34`).
    public var danish: String {
        let hundredths = periodDays == 0 ? 0 : Money.roundedDivision(Int64(coveredDays) * 100, Int64(periodDays))
        return Money(ore: hundredths).danishDecimal
    }
}

/// Inflow, outflow and recipients at month end for one paragraph and month.
public struct MovementLine: Hashable, Sendable {
    public init(year: Int, month: Int, paragraph: Paragraph, inflow: Int, outflow: Int, activeAtMonthEnd: Int) {
        self.year = year; self.month = month; self.paragraph = paragraph; self.inflow = inflow; self.outflow = outflow; self.activeAtMonthEnd = activeAtMonthEnd
    }

    public var year: Int
    public var month: Int
    public var paragraph: Paragraph
    /// Union intervals (continuous receipt) that start in the month.
    public var inflow: Int
    /// Union intervals that end in the month (an open end is no outflow).
    public var outflow: Int
    /// Citizens covered on the month's last day.
    public var activeAtMonthEnd: Int
}

/// Movements per paragraph and month of `year`, from all grants of the case system whoever pays.
public func movements(grants: [Grant], year: Int) -> [MovementLine] {
    movements(ParagraphCoverage(grants: grants), year: year)
}

/// The same from the grants' coverage (built once for several years): one pass over each
/// paragraph's spans (a citizen's spans are disjoint, so a month end is covered by at most one).
public func movements(_ coverage: ParagraphCoverage, year: Int) -> [MovementLine] {
    let ends = (1...12).map { DayRange.month($0, of: year).end }
    let yearRange = DayRange.year(year)
    /// The month (0…11) of a day inside the year.
    func month(_ day: Day) -> Int {
        var m = 0
        while ends[m] < day { m += 1 }
        return m
    }
    var out: [MovementLine] = []
    for p in coverage.paragraphs {
        var inflow = [Int](repeating: 0, count: 12), outflow = inflow, active = inflow
        for s in coverage.spans[p] ?? [] {
            if yearRange.contains(s.start) { inflow[month(s.start)] += 1 }
            if let e = s.end, yearRange.contains(e) { outflow[month(e)] += 1 }
            for m in 0..<12 where s.covers(ends[m]) { active[m] += 1 }
        }
        for m in 0..<12 {
            out.append(MovementLine(year: year, month: m + 1, paragraph: p, inflow: inflow[m], outflow: outflow[m],
                                    activeAtMonthEnd: active[m]))
        }
    }
    return out
}
