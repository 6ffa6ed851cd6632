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
        let query = Query(snapshot: snapshot, metadata: meta, today: context.today, visibility: visibility)
        let filter = ReportFilter(caseworker: caseworker, team: team, paragraph: paragraph.flatMap { Paragraph(parsing: $0) },
                                  year: year, month: month)
        let y = year ?? context.today.year
        let output = try orFail(source.language) { () throws(SnapshotError) -> String? in
            switch view {
            case .status:
                return try StatusReport(snapshot: snapshot).render(format, context)
            case .caseload:
                // By construction: validate() refuses caseload without --caseworker.
                let who = caseworker ?? ""
                return Views.caseload(try query.caseload(caseworker: who), caseworker: who, today: context.today,
                                      dueSoonDays: query.dueSoonDays).render(format, context)
            case .team:
                return Views.team(lines: try query.teamLines(team: team), filter: filter).render(format, context)
            case .followups:
                return Views.followUps(lines: try query.followUps(filter)).render(format, context)
            case .budget:
                return Views.budget(try query.budget(year: y), filter: filter).render(format, context)
            case .movements:
                return Views.movements(try query.movements(year: y), filter: filter).render(format, context)
            case .ottetal, .discrepancies:
                guard let r = try query.reconciliation(year: y, month: month) else { return nil }
                // Ottetal: totals of every paragraph, whoever looks; discrepancies: only the visible ones.
                let f = ReportFilter(caseworker: caseworker, team: team, paragraph: filter.paragraph)
                return (view == .ottetal ? Views.ottetal(r, filter: f) : Views.discrepancies(r, filter: f)).render(format, context)
            }
        }
        guard let output else {
            fail(source.language == .da ? "ingen afsluttet måned i \(month.map { "\($0)/" } ?? "")\(y) før \(context.today.danish): vælg en periode, der er slut"
                                        : "no month of \(month.map { "\($0)/" } ?? "")\(y) is over before \(context.today.danish): choose a period that has ended")
        }
        print(output, terminator: format == .csv ? "" : "\n")
    }
}
