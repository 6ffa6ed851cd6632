import OverblikCore
import OverblikSnapshotWriter
import OverblikStore
import OverblikTestSupport
import Testing
@testable import OverblikTUI

/// Ledelse's list of sub-views on the left (tui.md 7): `Tab` between the list and the view, the
/// list's `↑↓` pick a view, `→`/`⏎` enter it, `Esc` goes back to the list; the mouse too.
@Suite("Ledelse: the sub-view list", .serialized)
struct LedelseScreenTests {
    func ledelse(_ user: String = "ØKO", _ language: Language = .da) throws -> AppModel {
        let model = try app(user: user, language: language, login: user.lowercased())
        model.handle(.character("7"))
        return model
    }

    @Test func theListBesideTheView() throws {
        let lines = screen(try ledelse())
        #expect(lines[3].hasPrefix(" Ledelse       │ Udvikling · Borgere ultimo"))
        #expect(lines[4].hasPrefix("▸ Udvikling    │"))
        #expect(lines[5].hasPrefix("  Servicemål   │"))
        #expect(lines[6].hasPrefix("  Statusrapport│"))
        #expect(lines[21].hasPrefix("               │"))
    }

    @Test func tabFocusesTheListWhoseArrowsPickTheView() throws {
        let model = try ledelse()
        #expect(!model.ledelseListFocused)
        model.handle(.tab)
        #expect(model.ledelseListFocused && model.current == ViewCatalogue.ledelseTab)
        #expect(screen(model)[23].contains("Tab visning"))
        model.handle(.down)
        #expect(model.page.kind == .serviceGoals)
        // Sampledata's applications, per paragraph and quarter.
        #expect(screen(model)[3].contains("Servicemål · pr. paragraf og kvartal"))
        model.handle(.down)
        #expect(model.page.kind == .statusReport)
        #expect(screen(model)[6].hasPrefix("▸ Statusrapport│"))
        model.handle(.down)  // the last stays chosen
        #expect(model.ledelseView == .statusrapport)
        model.handle(.enter)
        #expect(!model.ledelseListFocused)
        // In the view, ↓ moves along its rows, not the list.
        model.handle(.down)
        #expect(model.page.state.selected == 1 && model.page.kind == .statusReport)
        // ← in a view without months, and Esc, go back to the list; ↑ picks Udvikling again.
        model.handle(.left)
        #expect(model.ledelseListFocused)
        model.handle(.up)
        model.handle(.up)
        #expect(model.page.kind == .development(DevelopmentChoice()))
        model.handle(.right)
        #expect(!model.ledelseListFocused)
        // On Udvikling ← moves along the months; Esc goes to the list.
        model.handle(.left)
        #expect(screen(model)[3].contains("2026-09: 634"))
        model.handle(.escape)
        #expect(model.ledelseListFocused)
        // Elsewhere Tab still changes tabs.
        model.handle(.character("2"))
        model.handle(.tab)
        #expect(model.current == 2)
    }

    @Test func aClickOnTheListPicksAndEnters() throws {
        let model = try ledelse()
        _ = screen(model)
        model.handle(.click(row: 6, column: 3))
        #expect(model.page.kind == .statusReport && !model.ledelseListFocused)
        model.handle(.click(row: 5, column: 3))
        #expect(model.page.kind == .serviceGoals)
        model.handle(.click(row: 4, column: 3))
        #expect(model.page.kind == .development(DevelopmentChoice()))
    }

    /// Statusrapport: the report's Nøgletal, the same figures as `overblik report statusrapport`.
    @Test func statusReportGolden() throws {
        for language in [Language.da, .en] {
            let model = try ledelse("ØKO", language)
            model.handle(.tab)
            model.handle(.down)
            model.handle(.down)
            Golden.check("statusrapport-80x24-\(language.rawValue)", screen(model))
            Golden.check("statusrapport-120x40-\(language.rawValue)", screen(model, rows: 40, columns: 120))
        }
    }

    /// The status report covers the whole area: a caseworker sees why it is not shown.
    @Test func statusReportNeedsAccessToEverything() throws {
        let model = try accessApp(login: "mha")
        model.handle(.character("7"))
        model.handle(.tab)
        model.handle(.down)
        model.handle(.down)
        #expect(screen(model)[3].contains("Statusrapport · kræver adgang til alt"))
        #expect(model.page.table.rows.isEmpty)
    }

    /// A small snapshot with applications: decided ones over 2026's quarters and three pending
    /// (overdue, due soon, not yet due) for MHA, and two grants of MHA's.
    static func applicationsSnapshot(in folder: TemporaryFolder) throws -> String {
        var d = Dataset(municipality: Municipality(code: "250", name: "Frederikssund"))
        let s85 = Paragraph(number: 85), s108 = Paragraph(number: 108), s95 = Paragraph(number: 95)
        func app(_ id: String, _ p: Paragraph, _ received: (Int, Int), _ decided: (Int, Int)?, _ outcome: DecisionOutcome = .granted) -> Decision {
            Decision(applicationId: id, cpr: CPR(value: 101_901_234), paragraph: p, caseworker: "MHA",
                     received: Day(year: 2026, month: received.0, day: received.1)!,
                     decided: decided.map { Day(year: 2026, month: $0.0, day: $0.1)! }, outcome: decided == nil ? nil : outcome)
        }
        d.decisions = [app("A", s85, (1, 5), (2, 20)), app("B", s85, (1, 5), (3, 20)), app("C", s108, (4, 1), (6, 1)),
                       app("D", s95, (4, 1), (5, 1)), app("E", s85, (7, 1), (8, 1)), app("F", s85, (7, 1), (7, 20), .shelved),
                       app("G", s85, (10, 1), nil), app("H", s85, (9, 20), nil), app("I", s85, (11, 2), nil)]
        d.staff = [StaffMember(initials: "MHA", name: "Mette Hald", team: "Bostøtte", role: .caseworker)]
        d.grants = [Grant(caseId: "S-1", cpr: CPR(value: 101_901_234), name: "Jens Ærø", paragraph: s85, start: Day(year: 2025, month: 1, day: 1)!,
                          caseworker: "MHA", nextFollowUp: Day(year: 2026, month: 12, day: 1)!, line: 2)]
        d.sources = [SourceInfo(table: .decisions, path: "fagsystem/ansoegninger.csv", sha256: String(repeating: "ab", count: 32), bytes: 10,
                                rows: 9, rejected: 0, encoding: "utf-8")]
        var meta = SnapshotMetadata(createdAt: "2026-11-23T06:00:00Z", today: Day(year: 2026, month: 11, day: 23)!, municipality: d.municipality,
                                    programVersion: "0.1.0", configPath: "overblik.toml")
        meta.serviceGoals = ServiceGoals(byParagraph: [s85: .weeks(8), s108: .workingDays(90)])
        let path = folder.file("s.sqlite")
        try SnapshotWriter.write(d, metadata: meta, to: path)
        return path
    }

    static func load(_ path: String, user: String?, folder: TemporaryFolder) throws -> AppModel {
        try AppLoader.load(snapshot: Snapshot(path: path), initials: user, loginName: nil, language: .da,
                           today: Day(year: 2026, month: 11, day: 23)!, ageHours: 1, exportDirectory: folder.path, annotationDirectory: folder.path)
    }

    /// Servicemål with applications: the rows newest quarter first, a bar of the share in time
    /// against the target (`│`), "ingen servicemål" for a paragraph without one.
    @Test func serviceGoalsGolden() throws {
        let folder = TemporaryFolder()
        let model = try Self.load(Self.applicationsSnapshot(in: folder), user: nil, folder: folder)
        model.handle(.character("7"))
        model.handle(.tab)
        model.handle(.down)
        model.handle(.enter)
        Golden.check("servicemaal-80x24-da", screen(model))
        Golden.check("servicemaal-120x40-da", screen(model, rows: 40, columns: 120))
    }

    /// Mine sager: the caseworker's pending applications above the cases, overdue first.
    @Test func mineSagerWithPendingApplications() throws {
        let folder = TemporaryFolder()
        let model = try Self.load(Self.applicationsSnapshot(in: folder), user: "MHA", folder: folder)
        let lines = screen(model)
        Golden.check("mine-sager-ansoegninger-80x24-da", lines)
        #expect(lines[3].contains("3 ansøgninger venter, 1 over fristen"))
        #expect(model.page.above?.rows.count == 3)
    }

    /// Opfølgning lists the applications past their deadline above the follow-ups.
    @Test func opfoelgningWithOverdueApplications() throws {
        let folder = TemporaryFolder()
        let model = try Self.load(Self.applicationsSnapshot(in: folder), user: nil, folder: folder)
        model.handle(.character("3"))
        let lines = screen(model)
        #expect(lines[3].contains("1 ansøgning over fristen"))
        #expect(lines[5].hasPrefix(" H          §85       MHA "))
        #expect(model.page.above?.rows.count == 1)
    }

    /// Team: a column of each caseworker's applications past the deadline (only with the table).
    @Test func teamCountsOverdueApplications() throws {
        let folder = TemporaryFolder()
        let model = try Self.load(Self.applicationsSnapshot(in: folder), user: nil, folder: folder)
        model.handle(.character("2"))
        let table = model.page.table
        let column = try #require(table.column("overdueApplications"))
        let mha = try #require(table.rows.first { if case .text("MHA") = $0[table.column("caseworker") ?? 0] { return true }; return false })
        #expect(table.text(mha[column], model.c) == "! 1")
        #expect(screen(model, rows: 24, columns: 160).joined().contains("Ansøgn. over frist"))
        // Sampledata: TLA has the planted application overdue by a day among hers.
        let sample = try app(user: "HEP")
        sample.handle(.character("2"))
        let sampleTable = sample.page.table
        let tla = try #require(sampleTable.rows.first { if case .text("TLA") = $0[sampleTable.column("caseworker") ?? 0] { return true }; return false })
        #expect(sampleTable.text(tla[try #require(sampleTable.column("overdueApplications"))], sample.c).hasPrefix("! "))
    }
}
