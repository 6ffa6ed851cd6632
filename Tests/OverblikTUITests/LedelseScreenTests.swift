import OverblikCore
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
        #expect(lines[5].hasPrefix("  Statusrapport│"))
        #expect(lines[21].hasPrefix("               │"))
    }

    @Test func tabFocusesTheListWhoseArrowsPickTheView() throws {
        let model = try ledelse()
        #expect(!model.ledelseListFocused)
        model.handle(.tab)
        #expect(model.ledelseListFocused && model.current == ViewCatalogue.ledelseTab)
        #expect(screen(model)[23].contains("Tab visning"))
        model.handle(.down)
        #expect(model.page.kind == .statusReport)
        #expect(screen(model)[5].hasPrefix("▸ Statusrapport│"))
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
        model.handle(.click(row: 5, column: 3))
        #expect(model.page.kind == .statusReport && !model.ledelseListFocused)
        model.handle(.click(row: 4, column: 3))
        #expect(model.page.kind == .development(DevelopmentChoice()))
    }

    /// Statusrapport: the report's Nøgletal, the same figures as `overblik report statusrapport`.
    @Test func statusReportGolden() throws {
        for language in [Language.da, .en] {
            let model = try ledelse("ØKO", language)
            model.handle(.tab)
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
        #expect(screen(model)[3].contains("Statusrapport · kræver adgang til alt"))
        #expect(model.page.table.rows.isEmpty)
    }
}
