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

    func run() throws {
        let path = try source.locate()
        let snapshot = try openSnapshot(path, source.language)
        let context = ReportContext(language: source.language, revealCPR: revealCpr, today: source.day)
        switch view {
        case .status:
            let report = try orFail(source.language) { () throws(SnapshotError) in try StatusReport(snapshot: snapshot) }
            print(report.render(format, context), terminator: format == .csv ? "" : "\n")
        default:
            fail(source.language == .da ? "visningen '\(view.rawValue)' er endnu ikke bygget" : "the view '\(view.rawValue)' is not built yet")
        }
    }
}
