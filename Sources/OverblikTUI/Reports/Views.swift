import OverblikCore
import OverblikStore

/// What a report is narrowed to (`--caseworker`, `--team`, `--paragraph`, `--year`).
public struct ReportFilter: Sendable {
    public var caseworker: String?
    public var team: String?
    public var paragraph: Paragraph?
    public var year: Int?
    public var month: Int?
    /// `--by`: the dimension a series is split by (nil: the total only).
    public var by: DevelopmentDimension?
    /// `--period`: ledelsestilsyn's period (nil: the one holding today).
    public var period: SupervisionPeriod?
    /// `--summary`: ledelsestilsyn's results per caseworker and item.
    public var summary = false

    public init(caseworker: String? = nil, team: String? = nil, paragraph: Paragraph? = nil, year: Int? = nil, month: Int? = nil,
                by: DevelopmentDimension? = nil, period: SupervisionPeriod? = nil, summary: Bool = false) {
        self.caseworker = caseworker; self.team = team; self.paragraph = paragraph; self.year = year; self.month = month; self.by = by
        self.period = period; self.summary = summary
    }

    public func accepts(_ g: Grant) -> Bool {
        (caseworker.map { g.caseworker.lowercased() == $0.lowercased() } ?? true)
            && (team.map { g.team.lowercased() == $0.lowercased() } ?? true)
            && (paragraph.map { g.paragraph == $0 } ?? true)
    }
}

/// The views of `cli.md` as tables, computed from a snapshot's records for a `today`.
public enum Views {
    /// Mine sager: one caseworker's open grants.
    public static func caseload(_ d: Dataset, caseworker: String, today: Day, dueSoonDays: Int) -> ViewTable {
        var t = ViewTable(view: "caseload", columns: [
            .init("caseId", da: "Sag", en: "Case", priority: 8), .init("cpr", da: "CPR", en: "CPR", priority: 9),
            .init("name", da: "Navn", en: "Name", maxWidth: 22, priority: 9), .init("paragraph", da: "§", en: "§", priority: 8),
            .init("serviceCode", da: "Ydelse", en: "Service", maxWidth: 10, priority: 2), .init("provider", da: "Leverandør", en: "Provider", maxWidth: 24, priority: 1),
            .init("start", da: "Start", en: "Start", priority: 4), .init("end", da: "Slut", en: "End", priority: 3),
            .init("rate", da: "Takst", en: "Rate", right: true, inText: false), .init("rateUnit", da: "Enhed", en: "Unit", inText: false),
            .init("monthlyCost", da: "Pr. måned", en: "Per month", right: true, priority: 6),
            .init("nextFollowUp", da: "Opfølgning", en: "Follow-up", priority: 9), .init("followUpStatus", da: "Status", en: "Status", priority: 10),
        ])
        for line in OverblikCore.caseload(of: caseworker, grants: d.grants, today: today, dueSoonDays: dueSoonDays) {
            let g = line.grant
            t.rows.append([.text(g.caseId), .cpr(g.cpr), .text(g.name), .paragraph(g.paragraph), .text(g.serviceCode),
                           .text(g.provider), .day(g.start), .day(g.end), .money(g.rate), .text(g.rateUnit?.rawValue ?? ""),
                           .money(line.monthlyCost), .day(g.nextFollowUp), .status(line.followUp.status)])
        }
        return t
    }

    /// Team: one line per caseworker, with the overload mark.
    public static func team(_ d: Dataset, filter: ReportFilter, today: Day, dueSoonDays: Int) -> ViewTable {
        team(lines: teamDistribution(grants: d.grants, staff: d.staff, today: today, dueSoonDays: dueSoonDays), filter: filter)
    }

    /// Team from its lines (computed, or as the sync stored them).
    public static func team(lines: [TeamLine], filter: ReportFilter) -> ViewTable {
        var t = teamColumns()
        t.rows = teamLines(lines, filter: filter).map(teamRow)
        return t
    }

    /// The lines of `filter`'s team (every line without one).
    public static func teamLines(_ lines: [TeamLine], filter: ReportFilter) -> [TeamLine] {
        guard let team = filter.team?.lowercased() else { return lines }
        return lines.filter { $0.team.lowercased() == team }
    }

    /// Team's columns, without rows.
    public static func teamColumns() -> ViewTable {
        ViewTable(view: "team", columns: [
            .init("caseworker", da: "Sagsbeh.", en: "Caseworker", priority: 10), .init("name", da: "Navn", en: "Name", maxWidth: 22, priority: 3),
            .init("team", da: "Team", en: "Team", maxWidth: 26, priority: 3), .init("activeGrants", da: "Indsatser", en: "Grants", right: true),
            .init("citizens", da: "Borgere", en: "Citizens", right: true, priority: 4), .init("overdue", da: "Overskr.", en: "Overdue", right: true),
            .init("dueSoon", da: "Snart", en: "Soon", right: true), .init("missingFollowUp", da: "Mangler", en: "Missing", right: true, priority: 4),
            .init("monthlyCost", da: "Pr. måned", en: "Per month", right: true, priority: 2),
            .init("overloaded", da: "Over 1,25 × median", en: "Over 1.25 × median", priority: 9),
            .init("teamMedian", da: "Median", en: "Median", inText: false),
            .init("byParagraph", da: "Pr. paragraf", en: "By paragraph", maxWidth: 50, priority: 1),
        ])
    }

    /// One line of Team, in the columns of `teamColumns()`.
    public static func teamRow(_ line: TeamLine) -> [Cell] {
        [.text(line.caseworker), .text(line.name), .text(line.team), .int(line.activeGrants), .int(line.citizens),
         .int(line.overdue), .int(line.dueSoon), .int(line.missingFollowUp), .money(line.monthlyCost),
         .bool(line.overloaded), .number(line.teamMedian), .counts(line.byParagraph)]
    }

    /// Opfølgning: overdue, due-soon and missing follow-ups, most overdue first.
    public static func followUps(_ d: Dataset, filter: ReportFilter, today: Day, dueSoonDays: Int) -> ViewTable {
        followUps(lines: followUpList(grants: d.grants.filter(filter.accepts), today: today, dueSoonDays: dueSoonDays))
    }

    /// Opfølgning from its lines (computed, or the sync's stored list made into lines).
    public static func followUps(lines: [CaseloadLine]) -> ViewTable {
        var t = ViewTable(view: "followups", columns: [
            .init("caseworker", da: "Sagsbeh.", en: "Caseworker", priority: 8), .init("caseId", da: "Sag", en: "Case", priority: 6),
            .init("cpr", da: "CPR", en: "CPR", priority: 7), .init("name", da: "Navn", en: "Name", maxWidth: 22, priority: 4),
            .init("paragraph", da: "§", en: "§", priority: 6), .init("nextFollowUp", da: "Opfølgning", en: "Follow-up", priority: 9),
            .init("daysOverdue", da: "Dage over", en: "Days over", right: true, priority: 9),
            .init("followUpStatus", da: "Status", en: "Status", priority: 10),
        ])
        t.rows = lines.map(followUpRow)
        return t
    }

    /// One line of Opfølgning, in the columns of `followUps(lines:)`.
    public static func followUpRow(_ line: CaseloadLine) -> [Cell] {
        let g = line.grant
        return [.text(g.caseworker), .text(g.caseId), .cpr(g.cpr), .text(g.name), .paragraph(g.paragraph),
                .day(g.nextFollowUp), line.followUp.daysOverdue.map(Cell.int) ?? .text(""), .status(line.followUp.status)]
    }

    /// Opfølgning's sortable columns as the snapshot stores their order (nil: a column it has none for).
    public static func followUpSort(_ key: String, revealCPR: Bool) -> FollowUpSort? {
        switch key {
        case "caseworker": return .caseworker
        case "caseId": return .caseId
        case "cpr": return revealCPR ? .cpr : .cprMasked
        case "name": return .name
        case "paragraph": return .paragraph
        case "nextFollowUp": return .nextFollowUp
        case "daysOverdue": return .daysOverdue
        case "followUpStatus": return .status
        default: return nil
        }
    }

    /// Tilgang og afgang: inflow, outflow and recipients at month end per paragraph and month.
    public static func movements(_ lines: [MovementLine], filter: ReportFilter) -> ViewTable {
        var t = ViewTable(view: "movements", columns: [
            .init("year", da: "År", en: "Year"), .init("month", da: "Md.", en: "Month", right: true),
            .init("paragraph", da: "§", en: "§"), .init("inflow", da: "Tilgang", en: "Inflow", right: true),
            .init("outflow", da: "Afgang", en: "Outflow", right: true),
            .init("activeAtMonthEnd", da: "Modtagere ultimo", en: "At month end", right: true),
        ])
        for line in lines
        where (filter.paragraph.map { line.paragraph == $0 } ?? true) && (filter.month.map { line.month == $0 } ?? true) {
            t.rows.append([.plain(line.year), .int(line.month), .paragraph(line.paragraph), .int(line.inflow),
                           .int(line.outflow), .int(line.activeAtMonthEnd)])
        }
        return t
    }

    /// Økonomi: budget vs spend per account function and month of `year`.
    /// The Økonomi rows computed from a snapshot's records.
    public static func budgetRows(_ d: Dataset, year: Int, today: Day) -> [BudgetMonth] {
        budgetView(grants: d.grants, payments: d.payments, budget: d.budget, mapping: d.mappingIndex, year: year, today: today)
    }

    public static func budget(_ rows: [BudgetMonth], filter: ReportFilter) -> ViewTable {
        var t = ViewTable(view: "budget", columns: [
            .init("year", da: "År", en: "Year", priority: 2), .init("month", da: "Md.", en: "Month", right: true, priority: 9),
            .init("function", da: "Funktion", en: "Function", priority: 9), .init("label", da: "Tekst", en: "Label", maxWidth: 24, priority: 1),
            .init("budget", da: "Budget", en: "Budget", right: true), .init("spend", da: "Forbrug", en: "Spend", right: true),
            .init("cumulativeBudget", da: "Budget år til dato", en: "Budget YTD", right: true, inText: false),
            .init("cumulativeSpend", da: "Forbrug år til dato", en: "Spend YTD", right: true, inText: false),
            .init("deviation", da: "Afvigelse akk.", en: "Deviation YTD", right: true),
            .init("annualBudget", da: "Årsbudget", en: "Annual budget", right: true, inText: false),
            .init("forecastYear", da: "Prognose (årets ydelser)", en: "Forecast (the year's services)", right: true),
            .init("fullTimePersons", da: "Helårspers.", en: "Full-time", right: true, priority: 4),
            .init("unitCost", da: "Enhedspris", en: "Unit cost", right: true, priority: 3),
        ])
        for r in rows where filter.month.map({ r.month == $0 }) ?? true {
            t.rows.append([.plain(r.year), .int(r.month), .text(r.function), .text(r.label), .money(r.budget), .money(r.spend),
                           .money(r.cumulativeBudget), .money(r.cumulativeSpend), .money(r.deviation), .money(r.annualBudget),
                           .money(r.forecastYear), .fullTime(r.fullTimePersons), .money(r.unitCost)])
        }
        return t
    }

    /// The reconciliation of a snapshot's records for `year` (and `month`), or nil when no month of it is over.
    public static func reconciliation(_ d: Dataset, year: Int, month: Int?, today: Day, rateTolerance: Double) -> Reconciliation? {
        reconcile(grants: d.grants, payments: d.payments, dst: d.dst, mapping: d.mappingIndex, year: year,
                  month: month, today: today, rateTolerance: rateTolerance)
    }

    /// Ottetalskontrol (Overbliks udgave): the eight figures per paragraph.
    public static func ottetal(_ r: Reconciliation, filter: ReportFilter) -> ViewTable {
        var t = ViewTable(view: "ottetal", columns: [
            .init("paragraph", da: "§", en: "§"), .init("periodStart", da: "Fra", en: "From", priority: 1), .init("periodEnd", da: "Til", en: "To", priority: 1),
            .init("caseSystem", da: "1 Fagsystem", en: "1 Case system", right: true), .init("economy", da: "2 Økonomi", en: "2 Economy", right: true),
            .init("both", da: "3 Begge", en: "3 Both", right: true), .init("onlyCaseSystem", da: "4 Kun fag.", en: "4 Only case", right: true),
            .init("onlyEconomy", da: "5 Kun øko.", en: "5 Only econ.", right: true),
            .init("fullTimeCaseSystem", da: "6 Helår fag.", en: "6 FTE case", right: true),
            .init("fullTimeEconomy", da: "7 Helår øko.", en: "7 FTE econ.", right: true),
            .init("fullTimeDifference", da: "8 Forskel", en: "8 Difference", right: true),
        ])
        for l in r.ottetal where filter.paragraph.map({ l.paragraph == $0 }) ?? true {
            t.rows.append([.paragraph(l.paragraph), .day(l.period.start), .day(l.period.end), .int(l.caseSystem), .int(l.economy),
                           .int(l.both), .int(l.onlyCaseSystem), .int(l.onlyEconomy), .fullTime(l.fullTimeCaseSystem),
                           .fullTime(l.fullTimeEconomy), .number(l.fullTimeDifference)])
        }
        return t
    }

    /// The discrepancies of a reconciliation.
    public static func discrepancies(_ r: Reconciliation, filter: ReportFilter) -> ViewTable {
        var t = discrepancyColumns()
        for x in r.discrepancies where (filter.paragraph.map { x.paragraph == $0 } ?? true)
            && (filter.caseworker.map { x.caseworker.lowercased() == $0.lowercased() } ?? true) {
            t.rows.append(discrepancyRow(x))
        }
        return t
    }

    /// Afstemning's columns, without rows.
    public static func discrepancyColumns() -> ViewTable {
        ViewTable(view: "discrepancies", columns: [
            .init("key", da: "Nøgle", en: "Key", inText: false), .init("kind", da: "Slags", en: "Kind", maxWidth: 26),
            .init("paragraph", da: "§", en: "§", priority: 8), .init("cpr", da: "CPR", en: "CPR", priority: 8), .init("caseId", da: "Sag", en: "Case", priority: 4),
            .init("voucherIds", da: "Bilag", en: "Vouchers", inText: false), .init("month", da: "Md.", en: "Month"),
            .init("caseworker", da: "Sagsbeh.", en: "Caseworker", priority: 3), .init("amount", da: "Beløb", en: "Amount", right: true, priority: 6),
            .init("explained", da: "Forklaret", en: "Explained", priority: 7), .init("explanation", da: "Forklaring", en: "Explanation", inText: false),
            .init("message", da: "Besked", en: "Message", maxWidth: 70, priority: 1),
        ])
    }

    /// One discrepancy, in the columns of `discrepancyColumns()`.
    public static func discrepancyRow(_ x: Discrepancy) -> [Cell] {
        (0..<discrepancyColumnCount).map { discrepancyCell(x, $0) }
    }

    static let discrepancyColumnCount = 12

    /// One cell of `discrepancyRow` (a sort by one column makes only that column's).
    static func discrepancyCell(_ x: Discrepancy, _ column: Int) -> Cell {
        switch column {
        case 0: .masked(x.key)
        case 1: .kind(x.kind)
        case 2: .paragraph(x.paragraph)
        case 3: x.cpr.map(Cell.cpr) ?? .text("")
        case 4: .text(x.caseIds.first ?? "")
        case 5: .text(x.voucherIds.joined(separator: ","))
        case 6: .text(x.month ?? "")
        case 7: .text(x.caseworker)
        case 8: .money(x.amount)
        case 9: .bool(x.explained)
        case 10: .message(x.explanation)
        case 11: .message(x.message)
        default: .text("")
        }
    }

    /// What `discrepancyCell` of `column` reads of a stored discrepancy besides its key, kind,
    /// paragraph and citizen (nil: nothing more).
    static func discrepancyText(_ column: Int) -> DiscrepancyText? {
        switch column {
        case 4: .caseIds
        case 5: .voucherIds
        case 6: .month
        case 7: .caseworker
        case 8: .amount
        case 9: .explained
        case 10: .explanation
        case 11: .message
        default: nil
        }
    }
}
