import OverblikCore
import OverblikTestSupport
import Testing
@testable import OverblikTUI

/// Ledelse › Udvikling on Sampledata: the chart, the pickers, the cursor and `?`.
@Suite("Ledelse › Udvikling", .serialized)
struct DevelopmentScreenTests {
    func udvikling(_ language: Language = .da) throws -> AppModel {
        let model = try app(user: "ØKO", language: language, login: "øko")
        model.handle(.character("7"))
        return model
    }

    @Test func goldenAt80x24And120x40() throws {
        for language in [Language.da, .en] {
            let model = try udvikling(language)
            Golden.check("udvikling-80x24-\(language.rawValue)", screen(model))
            Golden.check("udvikling-120x40-\(language.rawValue)", screen(model, rows: 40, columns: 120))
        }
    }

    @Test func theTwoSeriesDifferInShapeNotOnlyColour() throws {
        // CellGrid keeps no colour, as with NO_COLOR: a year earlier is ░, this year eighth blocks.
        let lines = screen(try udvikling())
        let chart = lines[4...11].joined()
        #expect(chart.contains("░"))
        #expect(chart.contains("█"))
        #expect(lines[12].hasSuffix("▲"))  // the cursor on the newest month
        #expect(lines[3].hasPrefix(" Ledelse       │ Udvikling · Borgere ultimo · i alt · 2026-10: 633 · år"))
    }

    @Test func theCursorMovesAlongTheMonths() throws {
        let model = try udvikling()
        model.handle(.left)
        #expect(screen(model)[3].contains("2026-09: 634"))
        model.handle(.up)
        #expect(screen(model)[3].contains("2026-08: 630"))
        model.handle(.right)
        #expect(screen(model)[3].contains("2026-09: 634"))
        // Tab goes to Ledelse's list of sub-views (LedelseScreenTests).
        model.handle(.tab)
        #expect(model.ledelseListFocused)
    }

    @Test func measureDimensionAndValueArePicked() throws {
        let model = try udvikling()
        model.handle(.character("m"))
        #expect(screen(model).contains { $0.contains("┌─ Mål ") })
        for _ in 0..<4 { model.handle(.down) }  // Forbrug
        model.handle(.enter)
        #expect(screen(model, rows: 24, columns: 120)[3].hasPrefix(" Ledelse       │ Udvikling · Forbrug · i alt · 2026-10: 25.045.731 kr."))
        model.handle(.character("d"))
        model.handle(.down)  // Paragraf
        model.handle(.enter)
        // The values open at once; pick the first paragraph.
        #expect(screen(model).contains { $0.contains("┌─ Paragraf ") })
        model.handle(.down)
        model.handle(.enter)
        guard case .development(let choice) = model.page.kind else { Issue.record("not Udvikling"); return }
        #expect(choice.dimension == .paragraph && choice.value != nil && choice.measure == .spend)
        #expect(screen(model)[3].contains("Forbrug · §"))
        // f picks another value; the total is first.
        model.handle(.character("f"))
        model.handle(.character("g"))
        model.handle(.enter)
        guard case .development(let total) = model.page.kind else { return }
        #expect(total.value == nil)
    }

    /// Split by team: the picker lists every team (the stored series are read only as shown), and a
    /// team's table is its series as computed from every record.
    @Test func aTeamIsPickedAndShown() throws {
        let model = try udvikling()
        let expected = Development.compute(try model.data.query.snapshot.dataset(), today: model.data.today)
        let teams = expected.series.keys.filter { $0.dimension == .team }.sorted().map(\.value)
        #expect(teams.count > 1)
        model.handle(.character("d"))
        model.handle(.end)  // Team, the last split
        model.handle(.enter)
        guard case .picker(let picker, _) = model.overlay else { Issue.record("no picker of the teams"); return }
        #expect(picker.items == ["I alt"] + teams)
        model.handle(.end)
        model.handle(.enter)
        guard case .development(let choice) = model.page.kind else { Issue.record("not Udvikling"); return }
        #expect(choice.dimension == .team && choice.value == teams.last)
        let rows = expected.rows(by: .team, value: teams.last)
        #expect(model.page.table.rows.count == rows.count)
        #expect(model.page.table.rows.map { model.page.table.text($0[0], model.context) } == rows.map(\.month.key))
        #expect(model.page.table.rows.map { model.page.table.text($0[1], model.context) }
                == rows.map { DanishNumber.grouped(Int64($0.figures.activeAtMonthEnd)) })
    }

    @Test func questionMarkShowsTheMeasuresHelpThenEveryKey() throws {
        let model = try udvikling()
        model.handle(.character("?"))
        var lines = screen(model)
        #expect(lines[3].hasPrefix(" Borgere ultimo (? igen: alle taster"))
        #expect(lines[5].hasPrefix("  Borgere ultimo: borgere med en aktiv bevilling på månedens sidste dag."))
        model.handle(.character("?"))
        lines = screen(model)
        #expect(lines[3] == " Taster (? eller Esc lukker)")
        #expect(lines[21] == " Sådan regnes tallene her: docs/tal.md › Udvikling")
        model.handle(.escape)
        #expect(screen(model)[3].hasPrefix(" Ledelse       │ Udvikling"))
        // Elsewhere m and d say where they work.
        model.handle(.character("1"))
        model.handle(.character("m"))
        #expect(model.message == "m vælger mål i Ledelse › Udvikling")
    }
}
