import Foundation
import OverblikCore
import OverblikStore
import Testing
@testable import OverblikTUI

@Suite("Widgets and themes")
struct WidgetTests {
    @Test func noColourThemeUsesNoColourAndStatusStaysReadable() {
        for style in Style.allCases { #expect(!Theme.monochrome.look(style).hasColour, "\(style)") }
        // Without colour the urgent styles still differ from normal text…
        #expect(Theme.monochrome.look(.overdue) != Theme.monochrome.look(.normal))
        #expect(Theme.monochrome.look(.dueSoon) != Theme.monochrome.look(.normal))
        #expect(Theme.monochrome.look(.highlight) != Theme.monochrome.look(.normal))
        // …and every status has its own symbol in the text itself.
        let c = ReportContext(today: Day(year: 2026, month: 11, day: 23)!)
        let texts = FollowUpStatus.allCases.map { ViewTable(view: "x", columns: []).text(.status($0), c) }
        #expect(Set(texts.map { $0.prefix(1) }).count == FollowUpStatus.allCases.count)
        #expect(Theme.choose(colours: 256, noColor: true) == .monochrome)
        #expect(Theme.choose(colours: 0, noColor: false) == .monochrome)
        #expect(Theme.choose(colours: 8, noColor: false) == .eight)
        #expect(Theme.choose(colours: 256, noColor: false) == .rich256)
        #expect(Theme.rich256.look(.overdue).foreground == 196)
        #expect(Theme.eight.look(.overdue).foreground == 1)
    }

    @Test func stackedBarRoundsPartsAndMarksTheMedian() {
        let bar = Bar(segments: [.init(value: 3, glyph: "█", style: .bar1), .init(value: 2, glyph: "▓", style: .bar2),
                                 .init(value: 1, glyph: "░", style: .bar4)],
                      mark: 4, scale: 10, summary: "")
        #expect(bar.text(width: 10) == "███▓│░    ")  // the mark sits at 4 of 10, over the bar
        #expect(bar.cells(width: 10)[4].1 == .mark)
        #expect(bar.cells(width: 10)[0].1 == .bar1)
        // Cumulative rounding: the parts always add up to the rounded whole.
        let thirds = Bar(segments: [.init(value: 1, glyph: "a", style: .bar1), .init(value: 1, glyph: "b", style: .bar2),
                                    .init(value: 1, glyph: "c", style: .bar3)], mark: nil, scale: 3, summary: "")
        #expect(thirds.text(width: 10) == "aaabbbbccc")
        #expect(Bar.sparkline([0, 10, 20, 40, 80, -5]) == " ▂▃▅█▁")
        // A summary given, or made from the segments' labels and whole values when asked for.
        #expect(Bar(segments: thirds.segments, mark: nil, scale: 3, summary: "1 af 3").summary == "1 af 3")
        #expect(Bar(segments: bar.segments, mark: 4, scale: 10, labels: ["§ 85", "§ 104", "andre"]).summary == "§ 85: 3, § 104: 2, andre: 1")
    }

    /// Team's bars name the list's three largest paragraphs and the rest (Sampledata).
    @Test func teamBarsSummariseTheirCounts() throws {
        let model = try app(user: "ØKO")
        model.handle(.character("2"))
        let table = model.page.shownTable
        let (bar, counts) = (try #require(table.column("bar")), try #require(table.column("byParagraph")))
        #expect(table.rows.count > 5)
        for row in table.rows {
            guard case .bar(let b) = row[bar], case .counts(let byParagraph) = row[counts] else { Issue.record("no bar"); continue }
            let parts = b.summary.components(separatedBy: ", ")
            #expect(parts.count == 4 && parts[3].hasPrefix("andre: "))
            #expect(parts.compactMap { Int($0.split(separator: " ").last ?? "") }.reduce(0, +) == byParagraph.values.reduce(0, +))
        }
    }

    @Test func lineEditorEditsInTheMiddleAndIgnoresControlCharacters() {
        var e = LineEditor(prompt: "Søg:", text: "Ærø")
        #expect(e.handle(.left) == .editing)
        _ = e.handle(.character("x"))
        #expect(e.text == "Ærxø")
        _ = e.handle(.home)
        _ = e.handle(.backspace)
        #expect(e.text == "Ærxø")
        _ = e.handle(.end)
        _ = e.handle(.backspace)
        _ = e.handle(.character("\u{1B}"))
        #expect(e.text == "Ærx")
        #expect(e.handle(.enter) == .done)
        #expect(e.handle(.escape) == .cancelled)
        let grid = CellGrid(rows: 1, columns: 20)
        e.draw(on: grid, row: 0)
        #expect(grid.text()[0] == " Søg: Ærx")
        #expect(grid.cursor == (0, 9) || (grid.cursor.row == 0 && grid.cursor.column == 9))
    }

    @Test func sortKeysFollowDanishOrderAndUrgency() {
        let names = ["Åse", "Øby", "Ærø", "Zenia", "anders", "Bo"]
        #expect(names.sorted(by: DanishCollation.before) == ["anders", "Bo", "Zenia", "Ærø", "Øby", "Åse"])
    }
}

@Suite("Screen layout")
struct ScreenLayoutTests {
    @Test func aListAloneAndAListBelowAFixedTable() {
        let plain = ScreenLayout(rows: 24, columns: 80, aboveRows: nil, tabLabels: ["1 Mine sager", "2 Team"])
        #expect((plain.listTop, plain.listHeight, plain.bottomRuleRow, plain.footerRow) == (4, 17, 22, 23))
        #expect(plain.tabStarts == [1, 15])
        #expect(plain.above == nil && !plain.tooSmall && plain.pageWidth == 78)
        // Ten rows above (the ottetal): it takes 10 of its 11 (headings included) and leaves the list 6.
        let below = ScreenLayout(rows: 24, columns: 80, aboveRows: 10, tabLabels: [])
        #expect(below.above?.top == 4 && below.above?.height == 10)
        #expect((below.listTop, below.listHeight) == (15, 6))
        // On a tall screen the fixed table gets all it needs.
        let tall = ScreenLayout(rows: 48, columns: 160, aboveRows: 10, tabLabels: [])
        #expect(tall.above?.height == 11 && tall.listTop == 16 && tall.listHeight == 29)
        #expect(ScreenLayout(rows: 23, columns: 100, aboveRows: nil, tabLabels: []).tooSmall)
    }

    /// Paging and the mouse use the layout the screen was drawn with: PgDn moves a screenful of 17
    /// rows at 80 × 24, of 33 at 120 × 40; a click on the fourth list row selects it.
    @Test func pagingAndTheMouseFollowTheScreenSize() throws {
        let model = try app(user: "MHA")
        _ = screen(model)
        model.handle(.pageDown)
        #expect(model.page.state.selected == 16)
        _ = screen(model, rows: 40, columns: 120)
        model.handle(.character("g"))
        model.handle(.pageDown)
        #expect(model.page.state.selected == 32)
        model.handle(.character("g"))
        model.handle(.click(row: 4 + 4, column: 10))
        #expect(model.page.state.selected == 3)
    }

    /// A layout counts numbers, amounts and dates without formatting them: the count is the
    /// formatted text's width, for every size and sign.
    @Test func cellWidthsAreTheShownTextsWidths() {
        let c = ReportContext(today: Day(year: 2026, month: 11, day: 23)!)
        let table = ViewTable(view: "t", columns: [])
        var random = SystemRandomNumberGenerator()
        var values: [Int64] = [0, 1, -1, 9, 10, 99, 999, 1_000, -1_000, 999_999, 1_000_000, Int64.max, Int64.min + 1, Int64.min]
        for _ in 0..<5_000 { values.append(Int64.random(in: Int64.min...Int64.max, using: &random) >> Int64.random(in: 0...62, using: &random)) }
        for v in values {
            for cell: Cell in [.money(Money(ore: v)), .plain(Int(v)), .int(Int(v))] { #expect(table.width(cell, c) == DisplayWidth.of(table.text(cell, c)), "\(cell)") }
        }
        var numbers: [Double] = [0, -0.0, 0.004, -0.004, 0.005, -0.5, 1, 1.5, 2.33, -2.33, 99.999, 12_345.6, 1e15, -1e15, 1e17, .nan, .infinity]
        let scales: [Double] = [0.001, 0.1, 1, 10, 1_000, 1e6, 1e12, 1e15]
        for _ in 0..<5_000 { numbers.append(Double.random(in: -1...1, using: &random) * scales[Int.random(in: 0..<scales.count, using: &random)]) }
        for x in numbers { #expect(table.width(.number(x), c) == DisplayWidth.of(table.text(.number(x), c)), "\(x)") }
        for revealed in [false, true] {
            var shown = c
            shown.revealCPR = revealed
            for v: Int64 in [0, 1, 101_901_234, 3_112_994_321, 9_999_999_999, 10_000_000_000, -1, Int64.max] {
                #expect(table.width(.cpr(CPR(value: v)), shown) == DisplayWidth.of(table.text(.cpr(CPR(value: v)), shown)), "\(v)")
            }
        }
        for language in [Language.da, .en] {
            let shown = ReportContext(language: language, today: c.today)
            for s in [FollowUpStatus.overdue, .dueSoon, .ok, .missing, nil] {
                #expect(table.width(.status(s), shown) == DisplayWidth.of(table.text(.status(s), shown)))
            }
        }
        for cell: Cell in [.money(nil), .day(nil), .day(Day(year: 2026, month: 1, day: 5)), .day(Day(ordinal: 0)), .text("Åse Øby"),
                           .text("中文"), .bool(true), .status(.overdue)] {
            #expect(table.width(cell, c) == DisplayWidth.of(table.text(cell, c)), "\(cell)")
        }
    }
}

@Suite("Cells stay small")
struct CellSizeTests {
    /// A list holds thousands of rows of cells: the large cases are boxed, so a cell is as small as
    /// its largest inline case (a paragraph) and its tag.
    @Test func aCellTakesFortyEightBytes() {
        #expect(MemoryLayout<Cell>.stride == 48)
        #expect(MemoryLayout<RejectedRow>.size > 48 && MemoryLayout<Bar>.size > 48)  // (why they are boxed)
    }

    /// The time on an answer or an annotation is what `ISO8601DateFormatter` writes (UTC, to the
    /// second), on days across years, leap days, a second before midnight and before 1970.
    @Test func isoTimeIsWhatTheFormatterWrites() {
        let formatter = ISO8601DateFormatter()
        for seconds: Double in [0, 1, 59, 3_599, 86_399, 951_782_400, 1_709_164_799, 1_795_435_200.9, 1_798_761_599, 4_102_444_800, -1, -86_401] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(WallClock.iso(date) == formatter.string(from: date), "\(seconds)")
        }
    }
}

