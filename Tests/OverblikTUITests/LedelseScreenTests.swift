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
        // Sampledata has no applications.
        #expect(screen(model)[3].contains("Servicemål · ingen data: ansoegninger.csv"))
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

    /// Servicemål with applications: the rows newest quarter first, a bar of the share in time
    /// against the target (`│`), "ingen servicemål" for a paragraph without one.
    @Test func serviceGoalsGolden() throws {
        let folder = TemporaryFolder()
        var d = Dataset(municipality: Municipality(code: "250", name: "Frederikssund"))
        let s85 = Paragraph(number: 85), s108 = Paragraph(number: 108), s95 = Paragraph(number: 95)
        func app(_ id: String, _ p: Paragraph, _ received: (Int, Int), _ decided: (Int, Int)?, _ outcome: DecisionOutcome = .granted) -> Decision {
            Decision(applicationId: id, cpr: CPR(value: 101_901_234), paragraph: p, caseworker: "MHA",
                     received: Day(year: 2026, month: received.0, day: received.1)!,
                     decided: decided.map { Day(year: 2026, month: $0.0, day: $0.1)! }, outcome: decided == nil ? nil : outcome)
        }
        d.decisions = [app("A", s85, (1, 5), (2, 20)), app("B", s85, (1, 5), (3, 20)), app("C", s108, (4, 1), (6, 1)),
                       app("D", s95, (4, 1), (5, 1)), app("E", s85, (7, 1), (8, 1)), app("F", s85, (7, 1), (7, 20), .shelved),
                       app("G", s85, (10, 1), nil)]
        d.sources = [SourceInfo(table: .decisions, path: "fagsystem/ansoegninger.csv", sha256: String(repeating: "ab", count: 32), bytes: 10,
                                rows: 7, rejected: 0, encoding: "utf-8")]
        var meta = SnapshotMetadata(createdAt: "2026-11-23T06:00:00Z", today: Day(year: 2026, month: 11, day: 23)!, municipality: d.municipality,
                                    programVersion: "0.1.0", configPath: "overblik.toml")
        meta.serviceGoals = ServiceGoals(byParagraph: [s85: .weeks(8), s108: .workingDays(90)])
        let path = folder.file("s.sqlite")
        try SnapshotWriter.write(d, metadata: meta, to: path)
        let model = try AppLoader.load(snapshot: Snapshot(path: path), initials: nil, loginName: nil, language: .da,
                                       today: Day(year: 2026, month: 11, day: 23)!, ageHours: 1, exportDirectory: folder.path,
                                       annotationDirectory: folder.path)
        model.handle(.character("7"))
        model.handle(.tab)
        model.handle(.down)
        model.handle(.enter)
        Golden.check("servicemaal-80x24-da", screen(model))
        Golden.check("servicemaal-120x40-da", screen(model, rows: 40, columns: 120))
    }
}
