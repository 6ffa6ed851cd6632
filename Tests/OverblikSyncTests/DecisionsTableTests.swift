import Foundation
import OverblikConfig
import OverblikCore
import OverblikStore
import OverblikTestSupport
import Testing
@testable import OverblikSync

/// The optional `decisions` table (exports.md; management.md §4, §9) through the real reader and
/// a real snapshot: what is kept, what is rejected (file, line, column, reason), `[servicemaal]`.
@Suite("Sync: applications and decisions", .serialized)
struct DecisionsTableTests {
    static let applications = """
    Ansøgnings-ID;CPR;Paragraf;Sagsbehandler;Team;Modtaget;Afgørelsesdato;Afgørelse;Sags-ID;Ydelseskode;Besked sendt
    A-1;010190-1234;SEL §85;MHA;;05-01-2026;02-03-2026;Bevilget;S-2;;
    A-2;0202851235;85;MHA;Bostøtte;05-01-2026;;;;8510;20-02-2026
    A-3;010190-1234;108;MHA;;05-01-2026;01-01-2026;afslag;;;
    A-4;010190-1234;108;MHA;;05-01-2026;10-01-2026;;;;
    A-5;010190-1234;108;MHA;;05-01-2026;;henlagt;;;
    A-6;010190-1234;108;MHA;;05-01-2026;10-01-2026;godkendt;;;
    A-1;010190-1234;108;MHA;;05-01-2026;;;;;
    A-7;010190-1234;SEL-108;MHA;;05-01-2026;20-01-2026;  DELVIS   bevilget ;;;

    """

    func drop(in folder: TemporaryFolder, goals: String = "", withTable: Bool = true) -> String {
        var b = DropBuilder()
        if withTable { b.extra["fagsystem/ansoegninger.csv"] = Array(Self.applications.utf8) }
        b.config += "[sync]\nmax_reject_share = 1\n\n" + goals
        return b.write(into: folder)
    }

    @Test func keptRejectedAndStored() throws {
        let folder = TemporaryFolder()
        let config = drop(in: folder, goals: """
            [servicemaal]
            target_share = 0.8
            closed_days = ["24-12", "31-12"]
            [servicemaal.goals]
            "SEL-85" = "8u"
            "§ 85:8510" = "12u"
            "108" = "90ad"

            """)
        let summary = try sync(config)
        let snapshot = try Snapshot(path: summary.snapshotPath)
        let d = try snapshot.dataset()
        #expect(d.decisions.map(\.applicationId) == ["A-1", "A-2", "A-7"])
        #expect(d.decisions[0].outcome == .granted && d.decisions[0].decided == Day(year: 2026, month: 3, day: 2) && d.decisions[0].line == 2)
        #expect(d.decisions[1].decided == nil && d.decisions[1].serviceCode == "8510" && d.decisions[1].noticeSent == Day(year: 2026, month: 2, day: 20))
        #expect(d.decisions[2].outcome == .partlyGranted && d.decisions[2].paragraph.key == "SEL-108")
        let rejected = d.rejected.filter { $0.table == .decisions }.map { "\($0.line) \($0.column): \($0.reason.da)" }
        #expect(rejected == [
            "4 Afgørelsesdato: afgørelsesdatoen 01-01-2026 ligger før modtagelsen 05-01-2026",
            "5 Afgørelse: en afgørelsesdato uden afgørelse",
            "6 Afgørelsesdato: en afgørelse uden afgørelsesdato",
            "7 Afgørelse: ukendt afgørelse (forventet bevilget, delvis bevilget, afslag eller henlagt)",
            "8 Ansøgnings-ID: dublet: \"A-1\" findes allerede i linje 2, som gælder",
        ])
        let source = try #require(d.sources.first { $0.table == .decisions })
        #expect(source.present && source.rows == 8 && source.rejected == 5)
        // The goals, read back from the snapshot.
        let goals = try snapshot.metadata().serviceGoals
        #expect(goals.targetShare == 0.8 && goals.calendar.closedDays.count == 2)
        #expect(goals.byParagraph == [Paragraph(number: 85): .weeks(8), Paragraph(number: 108): .workingDays(90)])
        #expect(goals.byServiceCode == [Paragraph(number: 85): ["8510": .weeks(12)]])
    }

    @Test func withoutTheTableNothingChanges() throws {
        let plain = TemporaryFolder()
        let config = drop(in: plain, withTable: false)
        let d = try Snapshot(path: try sync(config).snapshotPath).dataset()
        #expect(d.decisions.isEmpty && !d.sources.contains { $0.table == .decisions })
        // Configured but absent: the sync publishes, the table is listed as missing (its views say
        // "ingen data: ansoegninger.csv", management.md §9).
        let folder = TemporaryFolder()
        var b = DropBuilder()
        b.config += "[tables.decisions]\npath = \"fagsystem/ansoegninger.csv\"\n"
        let absent = try Snapshot(path: try sync(b.write(into: folder)).snapshotPath).dataset()
        #expect(absent.decisions.isEmpty && absent.sources.first { $0.table == .decisions }?.present == false)
    }

    @Test func goalsThatCannotBeReadFailTheSyncNamingThem() throws {
        for (goals, named) in [("[servicemaal.goals]\n\"SEL-85\" = \"8w\"\n", "servicemaal.goals.SEL-85"),
                               ("[servicemaal.goals]\n\"bostøtte\" = \"8u\"\n", "servicemaal.goals.bostøtte"),
                               ("[servicemaal.goals]\n\"SEL-85:\" = \"8u\"\n", "servicemaal.goals.SEL-85:"),
                               ("[servicemaal]\nclosed_days = [\"31-04\"]\n", "servicemaal.closed_days"),
                               ("[servicemaal]\ntarget_share = 90\n", "servicemaal.target_share")] {
            let folder = TemporaryFolder()
            let config = drop(in: folder, goals: goals)
            do {
                _ = try sync(config)
                Issue.record("expected a configuration error for \(goals)")
            } catch {
                #expect("\(error)".contains(named), "\(error)")
            }
        }
    }
}
