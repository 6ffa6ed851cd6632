import Foundation
import ArgumentParser
import OverblikCore
import OverblikStore
import OverblikTUI

extension ReportFormat: ExpressibleByArgument {}

/// The views `overblik report` prints.
enum ReportView: String, CaseIterable, ExpressibleByArgument {
    case caseload, team, followups, budget, movements, ottetal, discrepancies, status
}

/// `overblik report VIEW`: one view without a terminal UI, for scripts, mail and spreadsheets.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Skriv én visning som tekst, CSV eller JSON / print one view as text, CSV or JSON.",
        discussion: "CPR-numre er maskerede (010190-xxxx), medmindre --reveal-cpr er givet.")

    @Argument(help: ArgumentHelp("Visningen / the view: \(ReportView.allCases.map(\.rawValue).joined(separator: ", "))."))
    var view: ReportView

    @OptionGroup var source: SnapshotOptions

    @Option(name: .long, help: "text, csv eller json.")
    var format: ReportFormat = .text

    @Flag(name: .long, help: "Vis hele CPR-numre / show full CPR numbers.")
    var revealCpr = false

    @Option(name: .long, help: ArgumentHelp("Sagsbehandlerens initialer (kræves af caseload) / the caseworker's initials.", valueName: "initialer"))
    var caseworker: String?

    @Option(name: .long, help: ArgumentHelp("Kun dette team / only this team.", valueName: "navn"))
    var team: String?

    @Option(name: .long, help: ArgumentHelp("Kun denne paragraf, fx SEL-108 eller 108 / only this paragraph.", valueName: "paragraf"))
    var paragraph: String?

    @Option(name: .long, help: ArgumentHelp("Året (standard: året for --today) / the year.", valueName: "åååå"))
    var year: Int?

    @Option(name: .long, help: ArgumentHelp("Måneden 1–12 / the month.", valueName: "m"))
    var month: Int?

    func validate() throws {
        if view == .caseload && caseworker == nil {
            throw ValidationError("caseload kræver --caseworker INITIALER / caseload needs --caseworker INITIALS")
        }
        if let paragraph, Paragraph(parsing: paragraph) == nil {
            throw ValidationError("--paragraph '\(paragraph)' er ingen paragraf (fx SEL-108) / is no paragraph (e.g. SEL-108)")
        }
        if let month, !(1...12).contains(month) { throw ValidationError("--month skal være 1–12 / --month must be 1–12") }
        if let year, !(1900...9999).contains(year) { throw ValidationError("--year skal være et årstal / --year must be a year") }
    }

    func run() throws {
        let (snapshot, warning) = try source.open(memoryMapped: true)
        if let warning { printError("overblik: \(source.language == .da ? "advarsel" : "warning"): \(warning)") }
        let context = ReportContext(language: source.language, revealCPR: revealCpr, today: source.day)
        let meta = try orFail(source.language) { () throws(SnapshotError) in try snapshot.metadata() }
        // [access]: what the login name may see.
        var visibility = Visibility.everything
        if meta.access.enforce {
            let staff = try orFail(source.language) { () throws(SnapshotError) in try snapshot.staffAndMapping().staff }
            switch AccessCheck.resolve(rules: meta.access, initials: nil, loginName: ProcessInfo.processInfo.userName, staff: staff) {
            case .success(let who): visibility = who.visibility
            case .failure(let refusal): fail(refusal.text(source.language))
            }
            func refuse(_ da: String, _ en: String) -> Never { fail(AccessCheck.refusal(da, en).text(source.language)) }
            if view == .status && !visibility.isEverything {
                refuse("status viser alle afviste rækker; det kræver adgang til alt", "status shows every rejected row; that needs access to everything")
            }
            if view == .caseload, let caseworker, !visibility.seesCaseworker(caseworker) {
                refuse("\(caseworker.uppercased())s sager er ikke dine at se", "\(caseworker.uppercased())'s cases are not yours to see")
            }
        }
        switch view {
        case .status:
            let report = try orFail(source.language) { () throws(SnapshotError) in try StatusReport(snapshot: snapshot) }
            print(report.render(format, context), terminator: format == .csv ? "" : "\n")
        case .caseload, .team, .followups, .movements, .budget:
            // Caseload, team and follow-ups need the grants and staff only; budget and movements the
            // stored figures, or every record when they must be computed.
            let stored = view == .budget || view == .movements
                ? try storedFigures(snapshot, meta, year: year ?? context.today.year, today: context.today) : nil
            let needsAll = (view == .budget || view == .movements) && stored == nil
            // Only what the view needs: nothing more with stored figures; one caseworker's or one
            // team's grants through their index; the grants still open today for team and follow-ups.
            // Team and follow-ups as the sync stored them for its today, when that is the report's.
            let storedTeam = view == .team ? try orFail(source.language) { () throws(SnapshotError) in try snapshot.storedTeamLines(today: context.today) } : nil
            let storedFollowUps = view == .followups ? try orFail(source.language) { () throws(SnapshotError) in try snapshot.storedFollowUps(today: context.today) } : nil
            let dataset = try orFail(source.language) { () throws(SnapshotError) -> Dataset in
                if needsAll { return try snapshot.dataset() }
                var d = try snapshot.staffAndMapping()
                if stored == nil && storedTeam == nil && storedFollowUps == nil {
                    d.grants = try snapshot.grants(caseworker: view == .team ? nil : caseworker, team: team, openOn: context.today)
                }
                return d
            }
            let dueSoon = meta.dueSoonDays
            let filter = ReportFilter(caseworker: caseworker, team: team, paragraph: paragraph.flatMap { Paragraph(parsing: $0) },
                                      year: year, month: month)
            let table: ViewTable
            switch view {
            case .caseload: table = Views.caseload(dataset, caseworker: caseworker!, today: context.today, dueSoonDays: dueSoon)
            case .team:
                let lines = storedTeam ?? teamDistribution(grants: dataset.grants, staff: dataset.staff, today: context.today, dueSoonDays: dueSoon)
                table = Views.team(lines: lines.filter { visibility.seesTeam($0.team) }, filter: filter)
            case .followups:
                let grants = (storedFollowUps ?? followUpList(grants: dataset.grants.filter(filter.accepts), today: context.today,
                                                              dueSoonDays: dueSoon).map(\.grant))
                table = Views.followUps(lines: grants.filter { filter.accepts($0) && visibility.seesCaseworker($0.caseworker) }
                    .compactMap { CaseloadLine($0, today: context.today, dueSoonDays: dueSoon) })
            case .budget:
                let y = year ?? context.today.year
                table = Views.budget(stored?.budget ?? Views.budgetRows(dataset, year: y, today: context.today), filter: filter)
            default:
                let y = year ?? context.today.year
                table = Views.movements(stored?.movements ?? OverblikCore.movements(grants: dataset.grants, year: y), filter: filter)
            }
            print(table.render(format, context), terminator: format == .csv ? "" : "\n")
        case .ottetal, .discrepancies:
            let y = year ?? context.today.year
            var reconciliation: Reconciliation?
            if month == nil, let stored = try storedFigures(snapshot, meta, year: y, today: context.today) {
                reconciliation = stored.reconciliation
            } else {
                let dataset = try orFail(source.language) { () throws(SnapshotError) in try snapshot.dataset() }
                reconciliation = Views.reconciliation(dataset, year: y, month: month, today: context.today, rateTolerance: meta.rateTolerance)
            }
            guard let r = reconciliation else {
                fail(source.language == .da ? "ingen afsluttet måned i \(month.map { "\($0)/" } ?? "")\(y) før \(context.today.danish): vælg en periode, der er slut"
                                            : "no month of \(month.map { "\($0)/" } ?? "")\(y) is over before \(context.today.danish): choose a period that has ended")
            }
            let filter = ReportFilter(caseworker: caseworker, team: team, paragraph: paragraph.flatMap { Paragraph(parsing: $0) })
            var visible = r
            visible.discrepancies = r.discrepancies.filter { $0.cpr == nil || visibility.seesCaseworker($0.caseworker) }
            let table = view == .ottetal ? Views.ottetal(r, filter: filter) : Views.discrepancies(visible, filter: filter)
            print(table.render(format, context), terminator: format == .csv ? "" : "\n")
        }
    }

    /// The figures the sync stored for `year`, when the report runs with the snapshot's own today
    /// (they depend on today: the reconciliation period, the forecast, active grants).
    func storedFigures(_ snapshot: Snapshot, _ meta: SnapshotMetadata, year: Int, today: Day) throws -> DerivedFigures? {
        guard meta.today == today else { return nil }
        return try orFail(source.language) { () throws(SnapshotError) in try snapshot.derived(year: year) }
    }
}
