import ArgumentParser
import Foundation
import OverblikCore
import OverblikStore
import OverblikTUI

/// `overblik tilsyn fix|answer`: ledelsestilsyn from a script, exactly as the TUI does it (the
/// same store beside the snapshots, the same history, the login name as who).
struct Tilsyn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tilsyn",
        abstract: "Ledelsestilsyn: fastlæg en periodes stikprøve, eller svar på et punkt / fix a period's sample, or answer an item.",
        subcommands: [Fix.self, Answer.self])

    /// The query with the store (created when missing) for whoever runs the command; refused as
    /// `overblik report tilsyn` is for someone who may not see ledelsestilsyn.
    static func open(_ source: SnapshotOptions) throws -> (Query, SupervisionStore) {
        let (snapshot, warning) = try source.open()
        if let warning { printError("overblik: \(source.language == .da ? "advarsel" : "warning"): \(warning)") }
        var query = try source.query(on: snapshot)
        let folder = (snapshot.path as NSString).deletingLastPathComponent
        let store = try orFail(source.language) { () throws(SnapshotError) in try SupervisionStore(directory: folder) }
        query.supervisionStore = store
        if let refusal = ReportCatalogue.entry(named: "tilsyn")?.refused(query, ReportFilter()) { fail(refusal.text(source.language)) }
        return (query, store)
    }

    /// Fixes `period` (or tops a fixed one up) as opening it does; returns the sample as it stands.
    static func fix(_ query: Query, period: SupervisionPeriod, language: Language) throws -> Query.Supervision {
        let who = ProcessInfo.processInfo.userName
        let at = WallClock.isoNow()
        return try orFail(language) { () throws(SnapshotError) in try query.openSupervision(period: period, who: who, at: at).0 }
    }

    struct Fix: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Fastlæg periodens stikprøve / fix the period's sample.")
        @OptionGroup var source: SnapshotOptions
        @Option(name: .long, help: ArgumentHelp("Perioden, fx 2026K4 eller 2026-11 / the period.", valueName: "periode"))
        var period: String

        func validate() throws {
            guard SupervisionPeriod(parsing: period) != nil else {
                throw ValidationError("--period '\(period)' er ingen periode (fx 2026K4 eller 2026-11) / is no period (e.g. 2026K4 or 2026-11)")
            }
        }

        func run() throws {
            let (query, _) = try Tilsyn.open(source)
            // (validate() read it.)
            guard let period = SupervisionPeriod(parsing: period) else { return }
            let s = try Tilsyn.fix(query, period: period, language: source.language)
            let by = s.fixed.map { "\($0.by) \($0.at)" } ?? ""
            print(source.language == .da ? "\(period): \(s.rows.count) sager i stikprøven, fastlagt af \(by)"
                                         : "\(period): \(s.rows.count) cases in the sample, fixed by \(by)")
        }
    }

    struct Answer: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Svar på et punkt for en sag i stikprøven / answer an item for a sampled case.")
        @OptionGroup var source: SnapshotOptions
        @Option(name: .long, help: ArgumentHelp("Perioden, fx 2026K4 / the period.", valueName: "periode"))
        var period: String
        @Option(name: .long, help: ArgumentHelp("Sagens id / the case id.", valueName: "id"))
        var `case`: String
        @Option(name: .long, help: ArgumentHelp("Punktets nummer i tjeklisten / the item's number.", valueName: "n"))
        var item: Int
        @Option(name: .long, help: ArgumentHelp("ja, nej eller ikke-relevant / yes, no or not relevant.", valueName: "svar"))
        var answer: String
        @Option(name: .long, help: ArgumentHelp("En note / a note.", valueName: "tekst"))
        var note = ""

        func validate() throws {
            guard SupervisionPeriod(parsing: period) != nil else {
                throw ValidationError("--period '\(period)' er ingen periode (fx 2026K4 eller 2026-11) / is no period (e.g. 2026K4 or 2026-11)")
            }
            guard SupervisionAnswer(parsing: answer) != nil else {
                throw ValidationError("--answer skal være ja, nej eller ikke-relevant / --answer must be ja, nej or ikke-relevant")
            }
        }

        func run() throws {
            let (query, store) = try Tilsyn.open(source)
            guard let period = SupervisionPeriod(parsing: period), let value = SupervisionAnswer(parsing: answer) else { return }
            let items = query.metadata.supervision.items
            guard (1...items.count).contains(item) else {
                fail(source.language == .da ? "--item skal være 1–\(items.count) (tjeklistens punkter)" : "--item must be 1–\(items.count) (the checklist's items)")
            }
            // Answering opens the period: its sample is fixed first, as in the TUI.
            let s = try Tilsyn.fix(query, period: period, language: source.language)
            let id = Substring(`case`).trimmingSpaces
            guard s.rows.contains(where: { $0.grant.caseId == id }) else {
                fail(source.language == .da ? "sag \(id) er ikke i stikprøven for \(period)" : "case \(id) is not in the sample of \(period)")
            }
            let entry = SupervisionAnswerEntry(period: period.description, caseId: String(id), item: item, answer: value, note: note,
                                               who: ProcessInfo.processInfo.userName, at: WallClock.isoNow())
            try orFail(source.language) { () throws(SnapshotError) in try store.answer(entry) }
        }
    }
}
