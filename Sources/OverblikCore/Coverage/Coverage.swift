/// Each citizen's union of grant periods per paragraph: the basis of full-time persons
/// (helårspersoner), movements (tilgange/afgange) and the ottetalskontrol, so that
/// overlapping grants never count twice.
public struct ParagraphCoverage: Sendable {
    /// Paragraph → citizen → disjoint spans.
    public private(set) var spans: [Paragraph: [CPR: [Span]]] = [:]

    /// The coverage of the grants `include` accepts (all by default).
    public init(grants: [Grant], include: (Grant) -> Bool = { _ in true }) {
        var raw: [Paragraph: [CPR: [Span]]] = [:]
        for g in grants where include(g) { raw[g.paragraph, default: [:]][g.cpr, default: []].append(g.span) }
        spans = raw.mapValues { $0.mapValues(union) }
    }

    public var paragraphs: [Paragraph] { spans.keys.sorted() }

    /// Σ over citizens of the days of `period` they are covered on `paragraph`.
    public func coveredDays(_ paragraph: Paragraph, in period: DayRange) -> Int {
        (spans[paragraph] ?? [:]).values.reduce(0) { $0 + OverblikCore.coveredDays($1, in: period) }
    }

    /// Full-time persons of `period` on `paragraph`: Σ coveredDays / days(period).
    public func fullTimePersons(_ paragraph: Paragraph, in period: DayRange) -> FullTimePersons {
        FullTimePersons(coveredDays: coveredDays(paragraph, in: period), periodDays: period.dayCount)
    }

    /// Citizens covered on `day`.
    public func recipients(_ paragraph: Paragraph, on day: Day) -> Int {
        (spans[paragraph] ?? [:]).values.reduce(0) { n, s in n + (s.contains { $0.covers(day) } ? 1 : 0) }
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

/// The same from the grants' coverage (built once for several years).
public func movements(_ coverage: ParagraphCoverage, year: Int) -> [MovementLine] {
    var out: [MovementLine] = []
    for p in coverage.paragraphs {
        let citizens = coverage.spans[p]?.values ?? [:].values
        for m in 1...12 {
            let month = DayRange.month(m, of: year)
            var inflow = 0, outflow = 0, active = 0
            for spans in citizens {
                for s in spans {
                    if month.contains(s.start) { inflow += 1 }
                    if let e = s.end, month.contains(e) { outflow += 1 }
                }
                if spans.contains(where: { $0.covers(month.end) }) { active += 1 }
            }
            out.append(MovementLine(year: year, month: m, paragraph: p, inflow: inflow, outflow: outflow, activeAtMonthEnd: active))
        }
    }
    return out
}
