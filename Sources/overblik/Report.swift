import Foundation
import ArgumentParser
import OverblikCore
import OverblikStore
import OverblikTUI

extension ReportFormat: ExpressibleByArgument {}

/// A view `overblik report` prints: an entry of `ReportCatalogue`.
struct ReportView: ExpressibleByArgument {
    let entry: ReportCatalogue.Entry
    init?(argument: String) {
        guard let entry = ReportCatalogue.entry(named: argument) else { return nil }
        self.entry = entry
    }
    static var allValueStrings: [String] { ReportCatalogue.names }
    var defaultValueDescription: String { entry.name }
}

/// `overblik report VIEW`: one view without a terminal UI, for scripts, mail and spreadsheets.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Skriv én visning som tekst, CSV eller JSON / print one view as text, CSV or JSON.",
        discussion: "CPR-numre er maskerede (010190-xxxx), medmindre --reveal-cpr er givet.")

    @Argument(help: ArgumentHelp("Visningen / the view: \(ReportCatalogue.names.joined(separator: ", "))."))
    var view: ReportView

    @OptionGroup var source: SnapshotOptions

    @Option(name: .long, help: "text, csv eller json (statusrapport: html eller json).")
    var format: ReportFormat?

    @Option(name: .long, help: ArgumentHelp("Skriv til denne fil i stedet for standard-output / write to this file.", valueName: "fil"))
    var output: String?

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

    @Option(name: .long, help: ArgumentHelp("Udvikling: opdelt efter paragraph, function, targetGroup eller team / split by.", valueName: "dimension"))
    var by: String?

    @Option(name: .long, help: ArgumentHelp("Tilsyn: perioden, fx 2026K4 eller 2026-11 (standard: perioden med --today) / the period.", valueName: "periode"))
    var period: String?

    @Flag(name: .long, help: "Tilsyn: én række pr. sagsbehandler og punkt / one row per caseworker and item.")
    var summary = false

    func validate() throws {
        if let period, SupervisionPeriod(parsing: period) == nil {
            throw ValidationError("--period '\(period)' er ingen periode (fx 2026K4 eller 2026-11) / is no period (e.g. 2026K4 or 2026-11)")
        }
        if let by, DevelopmentDimension(rawValue: by) == nil {
            throw ValidationError("--by skal være paragraph, function, targetGroup eller team / --by must be paragraph, function, targetGroup or team")
        }
        if view.entry.needsCaseworker && caseworker == nil {
            throw ValidationError("caseload kræver --caseworker INITIALER / caseload needs --caseworker INITIALS")
        }
        if let paragraph, Paragraph(parsing: paragraph) == nil {
            throw ValidationError("--paragraph '\(paragraph)' er ingen paragraf (fx SEL-108) / is no paragraph (e.g. SEL-108)")
        }
        if let format, !view.entry.formats.contains(format) {
            throw ValidationError("\(view.entry.name) skrives som \(view.entry.formats.map(\.rawValue).joined(separator: ", ")) / is written as \(view.entry.formats.map(\.rawValue).joined(separator: ", "))")
        }
        if let month, !(1...12).contains(month) { throw ValidationError("--month skal være 1–12 / --month must be 1–12") }
        if let year, !(1900...9999).contains(year) { throw ValidationError("--year skal være et årstal / --year must be a year") }
    }

    func run() throws {
        let (snapshot, warning) = try source.open(memoryMapped: true)
        if let warning { printError("overblik: \(source.language == .da ? "advarsel" : "warning"): \(warning)") }
        let context = ReportContext(language: source.language, revealCPR: revealCpr, today: source.day)
        var query = try source.query(on: snapshot)
        query.annotations = try annotations(beside: snapshot.path)
        let folder = (snapshot.path as NSString).deletingLastPathComponent
        if SupervisionStore.exists(in: folder) {
            query.supervisionStore = try orFail(source.language) { () throws(SnapshotError) in try SupervisionStore(directory: folder) }
        }
        let filter = ReportFilter(caseworker: caseworker, team: team, paragraph: paragraph.flatMap { Paragraph(parsing: $0) },
                                  year: year, month: month, by: by.flatMap(DevelopmentDimension.init(rawValue:)),
                                  period: period.flatMap(SupervisionPeriod.init(parsing:)), summary: summary)
        if let refusal = view.entry.refused(query, filter) { fail(refusal.text(source.language)) }
        let format = self.format ?? view.entry.formats[0]
        let text = try orFail(source.language) { () throws(SnapshotError) in try view.entry.render(query, filter, format, context) }
        guard let text else {
            let y = year ?? context.today.year
            fail(source.language == .da ? "ingen afsluttet måned i \(month.map { "\($0)/" } ?? "")\(y) før \(context.today.danish): vælg en periode, der er slut"
                                        : "no month of \(month.map { "\($0)/" } ?? "")\(y) is over before \(context.today.danish): choose a period that has ended")
        }
        let document = format == .csv ? text : text + (text.hasSuffix("\n") ? "" : "\n")
        guard let output else { print(document, terminator: ""); return }
        try orFail(source.language) { () throws(SnapshotError) in try OutputFile.replace(output, with: Array(document.utf8)) }
    }

    /// The newest annotation per discrepancy from the store beside the snapshot (none when no one
    /// has written one: the report never creates the store).
    func annotations(beside snapshotPath: String) throws -> [String: Annotation] {
        let folder = (snapshotPath as NSString).deletingLastPathComponent
        guard FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(AnnotationStore.fileName)) else { return [:] }
        return try orFail(source.language) { () throws(SnapshotError) in try AnnotationStore(directory: folder).current() }
    }
}
