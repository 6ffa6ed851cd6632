import OverblikCore
import OverblikStore

/// The yearly status report (management.md §2): the figures of a year against the year before,
/// as one self-contained HTML page to mail and print (`html`), or as JSON with the same numbers
/// (`json`). Its figures come from the views' own (the series, Økonomi, the reconciliation), read
/// through the query layer, so each equals the same figure on screen and in the other reports.
public struct StatusRapport: Sendable {
    public var figures: StatusFigures
    public var metadata: SnapshotMetadata
    public var sources: [SourceInfo]
    /// Servicemål of the year's quarters (management.md §4); nil without the `decisions` table.
    public var serviceGoals: [ServiceGoalLine]?
    /// Klagesager of the year and the year before (management.md §5); nil without the `appeals` table.
    public var appeals: [AppealLine]?
    /// Ledelsestilsyn of the year's periods that have begun (management.md §3).
    public var supervision: SupervisionStatus?
    /// Sammenligning (management.md §6); nil without StatBank's tables.
    public var comparison: Comparison?
    /// The StatBank file's modification day (ISO), "" when not known.
    public var statBankFileDay = ""

    /// Ledelsestilsyn's status for the report: per period and team the cases sampled and reviewed,
    /// and per team and item the answers of the year's periods together.
    public struct SupervisionStatus: Sendable {
        public struct PeriodLine: Sendable { public var period: String, fixed: Bool, team: String, sampled: Int, reviewed: Int }
        public var periods: [PeriodLine]
        /// Per team (caseworker empty) and item, over the year's periods.
        public var items: [SupervisionResult]
        public var itemTexts: [String]
    }

    /// A section of management.md §2's seventh part whose source the snapshot does not hold yet,
    /// and the file (or setting) that would give it.
    public struct Missing: Sendable, Equatable {
        public var key: String
        public var title: Message
        public var source: String
    }

    /// Ledelsestilsyn, Servicemål, Klagesager and Sammenligning (management.md §3–§6): shown only
    /// with their data, else one line naming the missing source.
    public var missing: [Missing] {
        [Missing?](arrayLiteral:
            supervision == nil ? Missing(key: "ledelsestilsyn", title: Message(da: "Ledelsestilsyn", en: "Management supervision"), source: "[ledelsestilsyn]") : nil,
            serviceGoals == nil ? Missing(key: "servicemaal", title: Message(da: "Servicemål", en: "Service goals"), source: "ansoegninger.csv") : nil,
            appeals == nil ? Missing(key: "klagesager", title: Message(da: "Klagesager", en: "Appeals"), source: "klagesager.csv") : nil,
            comparison == nil ? Missing(key: "sammenligning", title: Message(da: "Sammenligning med andre kommuner", en: "Comparison with other municipalities"),
                                        source: "hand07.csv, folk1a.csv") : nil
        ).compactMap { $0 }
    }

    public init(figures: StatusFigures, metadata: SnapshotMetadata, sources: [SourceInfo]) {
        self.figures = figures; self.metadata = metadata; self.sources = sources
    }

    /// The report of `year` (default: the year of the last month over before the query's today);
    /// nil when no month of it is over or the series hold none of its months.
    /// `keyFiguresOnly`: the figures of the first six sections only (the screen shows Nøgletal), not
    /// the parts of ledelsestilsyn, servicemål, klagesager and sammenligning.
    public static func make(_ q: Query, year: Int?, annotations: [String: Annotation],
                            keyFiguresOnly: Bool = false) throws(SnapshotError) -> StatusRapport? {
        let year = year ?? CalendarMonth(q.today).advanced(by: -1).year
        let development = try q.development(teams: false)
        guard StatusFigures.period(year: year, today: q.today, development: development) != nil else { return nil }
        let figures = StatusFigures.compute(year: year, today: q.today, development: development, budget: try q.budget(year: year),
                                            // (Nøgletal alone need no discrepancies: the stored list is not read for them.)
                                            reconciliation: try q.reconciliation(year: year, discrepancies: !keyFiguresOnly), annotations: annotations,
                                            paragraphLabel: { Paragraph(parsing: $0)?.display ?? $0 })
        guard let figures else { return nil }
        var report = StatusRapport(figures: figures, metadata: q.metadata, sources: try q.snapshot.sources())
        if keyFiguresOnly { return report }
        let (goalLines, missingDecisions) = try q.serviceGoalLines(year: year, paragraph: nil)
        if missingDecisions == nil { report.serviceGoals = goalLines }
        report.supervision = try supervisionStatus(q, year: year)
        let (appeals, missingAppeals) = try q.appeals()
        if missingAppeals == nil { report.appeals = appealLines(appeals, today: q.today).filter { $0.year == year - 1 || $0.year == year } }
        report.comparison = try q.comparison().comparison
        report.statBankFileDay = try q.statBankFileDay()
        return report
    }

    /// The year's periods that have begun, each as fixed (with the grants added later) or as it
    /// would be fixed now, every team's, with the answers given.
    static func supervisionStatus(_ q: Query, year: Int) throws(SnapshotError) -> SupervisionStatus {
        let settings = q.metadata.supervision
        let periods = SupervisionPeriod.begun(settings.period, year: year, today: q.today)
        let samples = try q.currentSupervisionSamples(periods: periods)
        var lines: [SupervisionStatus.PeriodLine] = []
        struct Key: Hashable { let team: String, item: Int }
        var items: [Key: SupervisionResult] = [:]
        for (period, current) in zip(periods, samples) {
            let s = try q.supervision(period: period, team: nil, unrestricted: true, current: current)
            let results = supervisionResults(s.rows, answers: s.answers, period: period.description, items: settings.items.count)
            var byTeam: [String: (sampled: Int, reviewed: Int)] = [:]
            for r in results {
                if r.item == 1 { byTeam[r.team, default: (0, 0)].sampled += r.sampled; byTeam[r.team, default: (0, 0)].reviewed += r.reviewed }
                var total = items[Key(team: r.team, item: r.item)] ?? SupervisionResult(team: r.team, caseworker: "", item: r.item)
                total.sampled += r.sampled; total.reviewed += r.reviewed
                total.yes += r.yes; total.no += r.no; total.notRelevant += r.notRelevant
                items[Key(team: r.team, item: r.item)] = total
            }
            for (team, n) in byTeam.sorted(by: { $0.key < $1.key }) {
                lines.append(.init(period: period.description, fixed: s.fixed != nil, team: team, sampled: n.sampled, reviewed: n.reviewed))
            }
        }
        return SupervisionStatus(periods: lines, items: items.values.sorted { ($0.team, $0.item) < ($1.team, $1.item) }, itemTexts: settings.items)
    }

    /// `januar–oktober 2026`.
    func periodText(_ c: ReportContext, lastYear: Bool = false) -> String {
        let y = figures.year - (lastYear ? 1 : 0)
        let first = StatusRapport.monthName(1, c), last = StatusRapport.monthName(figures.lastMonth, c)
        return figures.lastMonth == 1 ? "\(first) \(y)" : "\(first)–\(last) \(y)"
    }

    static func monthName(_ m: Int, _ c: ReportContext) -> String {
        let da = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"]
        let en = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return (c.language == .da ? da : en)[(m - 1 + 12) % 12]
    }

    static func shortMonth(_ m: CalendarMonth, _ c: ReportContext, withYear: Bool) -> String {
        let da = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
        let en = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let name = (c.language == .da ? da : en)[(m.month - 1) % 12]
        guard withYear else { return name }
        let yy = ((m.year % 100) + 100) % 100
        return "\(name) \(yy < 10 ? "0" : "")\(yy)"
    }

    // MARK: Nøgletal

    /// The rows of Nøgletal: key, label, the year's value, a year earlier's, as JSON numbers and as Danish text.
    struct KeyFigureRow: Sendable {
        var key: String
        var label: Message
        var value: @Sendable (StatusFigures.KeyFigures) -> KeyValue?

        /// The label as the screen's narrow column shows it.
        var short: Message {
            switch key {
            case "citizensAtEnd": return Message(da: "Borgere ultimo", en: "Citizens at end")
            case "spend": return Message(da: "Forbrug", en: "Spend")
            case "paidFor": return Message(da: "Betalt for", en: "Paid for")
            case "unitCost": return Message(da: "Enhedspris/år", en: "Unit cost/year")
            default: return label
            }
        }
    }

    /// A figure's value: exact JSON text, Danish text, and a number for the change.
    struct KeyValue: Sendable {
        var json: JSONValue
        var danish: String
        var number: Double
    }

    static let keyFigureRows: [KeyFigureRow] = [
        KeyFigureRow(key: "citizensAtEnd", label: Message(da: "Borgere ved periodens udgang", en: "Citizens at the period's end")) {
            KeyValue(json: .int($0.citizensAtEnd), danish: DanishNumber.grouped($0.citizensAtEnd), number: Double($0.citizensAtEnd))
        },
        KeyFigureRow(key: "fullTimePersons", label: Message(da: "Helårspersoner", en: "Full-time persons")) {
            KeyValue(json: .number(String(format2: $0.fullTimePersons)), danish: $0.fullTimePersons.danish, number: $0.fullTimePersons.value)
        },
        KeyFigureRow(key: "spend", label: Message(da: "Forbrug (bogført)", en: "Spend (posted)")) { money($0.spend) },
        KeyFigureRow(key: "paidFor", label: Message(da: "Betalt for (periodens ydelser)", en: "Paid for (the period's services)")) { money($0.paidFor) },
        KeyFigureRow(key: "unitCost", label: Message(da: "Enhedspris pr. helårsperson pr. år", en: "Unit cost per full-time person per year")) {
            $0.unitCost.map(money)
        },
        KeyFigureRow(key: "inflow", label: Message(da: "Tilgang", en: "Inflow")) {
            KeyValue(json: .int($0.inflow), danish: DanishNumber.grouped($0.inflow), number: Double($0.inflow))
        },
        KeyFigureRow(key: "outflow", label: Message(da: "Afgang", en: "Outflow")) {
            KeyValue(json: .int($0.outflow), danish: DanishNumber.grouped($0.outflow), number: Double($0.outflow))
        },
    ]

    static func money(_ m: Money) -> KeyValue {
        KeyValue(json: .money(m), danish: m.danishKroner, number: Double(m.ore) / 100)
    }

    /// Nøgletal's rows with the year's value, a year earlier's and the change in per cent (nil
    /// where a value is none, or the year before was 0): what the page, the JSON and the screen show.
    var keyFigureLines: [(row: KeyFigureRow, now: KeyValue?, before: KeyValue?, changePercent: Double?)] {
        StatusRapport.keyFigureRows.map { row in
            let now = row.value(figures.keyFigures), before = figures.keyFiguresLastYear.flatMap(row.value)
            return (row, now, before, now.flatMap { n in before.flatMap { StatusRapport.changePercent(n.number, $0.number) } })
        }
    }

    /// The change from a year earlier in per cent, one decimal, halves away from zero (nil: from 0).
    static func changePercent(_ now: Double, _ before: Double) -> Double? {
        guard before != 0 else { return nil }
        let p = (now - before) / abs(before) * 100
        return (p * 10).rounded(.toNearestOrAwayFromZero) / 10
    }

    /// `12.3`, `-2.3`: one decimal with a point, for JSON.
    static func oneDecimal(_ x: Double) -> String {
        let tenths = Int64((x * 10).rounded(.toNearestOrAwayFromZero))
        return (tenths < 0 ? "-" : "") + "\(tenths.magnitude / 10).\(tenths.magnitude % 10)"
    }

    // MARK: JSON

    /// The report's figures as one JSON object, a key per section (management.md §9).
    public func json(_ c: ReportContext) -> String {
        let f = figures
        func months(_ ms: [CalendarMonth]) -> JSONValue { .array(ms.map { .string($0.key) }) }
        func counts(_ xs: [Int?]) -> JSONValue { .array(xs.map { $0.map(JSONValue.int) ?? .null }) }
        func moneys(_ xs: [Money?]) -> JSONValue { .array(xs.map { JSONValue.money($0) }) }
        func fullTime(_ x: FullTimePersons?) -> JSONValue { x.map { .number(String(format2: $0)) } ?? .null }
        func keyFigures(_ k: StatusFigures.KeyFigures?) -> JSONValue {
            guard let k else { return .null }
            return .object(StatusRapport.keyFigureRows.map { ($0.key, $0.value(k)?.json ?? .null) } + [("months", .int(k.months))])
        }
        let change: [(String, JSONValue)] = keyFigureLines.map { ($0.row.key, $0.changePercent.map { .number(StatusRapport.oneDecimal($0)) } ?? .null) }
        let paragraphKey: (String) -> JSONValue = { .string(Paragraph(parsing: $0)?.key ?? $0) }
        let nogletal: JSONValue = .object([("year", keyFigures(f.keyFigures)), ("lastYear", keyFigures(f.keyFiguresLastYear)),
                                           ("changePercent", .object(change))])
        let udvikling: JSONValue = .object([
            ("months", months(f.caseMonths)),
            ("paragraphs", .array(f.casesByParagraph.map { .object([("paragraph", paragraphKey($0.key)), ("activeAtMonthEnd", counts($0.values))]) })),
            ("total", counts(f.casesTotal.values)),
        ])
        let budgetMonths: [JSONValue] = f.budgetByMonth.map {
            .object([("month", .string($0.month.key)), ("budget", .money($0.budget)), ("spend", .money($0.spend))])
        }
        let unitCost: [JSONValue] = f.unitCostByFunction.map {
            .object([("function", .string($0.key)), ("label", .string($0.label)), ("values", moneys($0.values))])
        }
        let forecast: [JSONValue] = f.forecastByFunction.map {
            .object([("function", .string($0.function)), ("label", .string($0.label)), ("budget", .money($0.budget)),
                     ("forecast", .money($0.forecast)), ("difference", .money($0.difference))])
        }
        let omkostninger: JSONValue = .object([("months", .array(budgetMonths)), ("unitCostRate", .array(unitCost)), ("forecast", .array(forecast))])
        let movementLines: [JSONValue] = f.movementsByParagraph.map {
            .object([("paragraph", paragraphKey($0.key)), ("inflow", counts($0.inflow)), ("outflow", counts($0.outflow))])
        }
        let bevaegelser: JSONValue = .object([
            ("months", months(f.months)), ("paragraphs", .array(movementLines)),
            ("total", .object([("inflow", counts(f.movementsTotal.inflow)), ("outflow", counts(f.movementsTotal.outflow))])),
        ])
        let maalgrupper: [JSONValue] = f.targetGroups.map {
            .object([("targetGroup", .string($0.group)),
                     ("activeAtMonthEnd", $0.citizensAtEnd.map(JSONValue.int) ?? .null),
                     ("activeAtMonthEndLastYear", $0.citizensAtEndLastYear.map(JSONValue.int) ?? .null),
                     ("fullTimePersons", fullTime($0.fullTimePersons)), ("fullTimePersonsLastYear", fullTime($0.fullTimePersonsLastYear))])
        }
        let ottetal: JSONValue = f.ottetal.map { lines in
            .array(lines.map { o -> JSONValue in
                .object([("paragraph", .string(o.paragraph.key)), ("caseSystem", .int(o.caseSystem)), ("economy", .int(o.economy)),
                         ("both", .int(o.both)), ("onlyCaseSystem", .int(o.onlyCaseSystem)), ("onlyEconomy", .int(o.onlyEconomy)),
                         ("fullTimeCaseSystem", fullTime(o.fullTimeCaseSystem)), ("fullTimeEconomy", fullTime(o.fullTimeEconomy))])
            })
        } ?? .null
        let kinds: [JSONValue] = f.discrepancyKinds.map {
            .object([("kind", .string($0.kind.rawValue)), ("found", .int($0.found)), ("explained", .int($0.explained)),
                     ("annotatedFixed", .int($0.annotatedFixed)), ("annotatedExplained", .int($0.annotatedExplained))])
        }
        let rejected: [JSONValue] = sources.filter(\.present).map {
            .object([("table", .string($0.table.rawValue)), ("rows", .int($0.rows)), ("rejected", .int($0.rejected))])
        }
        let datakvalitet: JSONValue = .object([("ottetal", ottetal), ("discrepancies", .array(kinds)), ("rejectedRows", .array(rejected))])
        let hashes: [JSONValue] = sources.filter(\.present).map { .object([("table", .string($0.table.rawValue)), ("sha256", .string($0.sha256))]) }
        var pairs: [(String, JSONValue)] = [
            ("view", .string("statusrapport")),
            ("municipality", .string(metadata.municipality.name)), ("code", .string(metadata.municipality.code)),
            ("year", .int(f.year)), ("months", months(f.months)),
            ("createdAt", .string(metadata.createdAt)), ("today", .day(c.today)), ("sources", .array(hashes)),
            ("nogletal", nogletal), ("udvikling", udvikling), ("omkostninger", omkostninger), ("bevaegelser", bevaegelser),
            ("maalgrupper", .array(maalgrupper)), ("datakvalitet", datakvalitet),
        ]
        if let lines = serviceGoals {
            pairs.append(("servicemaal", Views.serviceGoals(lines, goals: metadata.serviceGoals).jsonRows(c)))
        }
        if let s = supervision {
            pairs.append(("ledelsestilsyn", .object([
                ("periods", .array(s.periods.map { .object([("period", .string($0.period)), ("fixed", .bool($0.fixed)), ("team", .string($0.team)),
                                                             ("sampled", .int($0.sampled)), ("reviewed", .int($0.reviewed))]) })),
                ("items", Views.supervisionResults(s.items, items: s.itemTexts).jsonRows(c)),
            ])))
        }
        if let lines = appeals {
            pairs.append(("klagesager", Views.appeals(lines).jsonRows(c)))
        }
        if let comparison {
            // This municipality's rows: its figure, rate, rank, the others' rate and its own extract's figure.
            pairs.append(("sammenligning", Views.comparison(comparison.lines.filter(\.isOwn), measure: comparison.measure).jsonRows(c)))
        }
        for m in missing { pairs.append((m.key, .object([("missing", .array([.string(m.source)]))]))) }
        let object: JSONValue = .object(pairs)
        return object.rendered()
    }
}
