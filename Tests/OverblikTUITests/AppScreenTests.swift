import Foundation
import OverblikCore
import OverblikStore
import OverblikTestSupport
import Testing
@testable import OverblikTUI

/// A snapshot of Sampledata, made once for the screen tests by the real sync executable.
enum SampleSnapshot {
    static let folder = TemporaryFolder()
    static let path: String = {
        // The drop's folders linked into a fresh folder, so that the paths stay as configured.
        let config = sampledataDrop(in: folder)
        let run = try! runExecutable("overblik-sync", ["--config", config, "--today", "2026-11-23", "--quiet"])
        precondition(run.status == 0, run.stderr)
        return SnapshotDirectory(path: folder.file("snapshots")).newest()!
    }()
}

/// The application on Sampledata for `user`, with its own (empty) annotation and export folders.
func app(user: String?, language: Language = .da, folder: TemporaryFolder = TemporaryFolder(), login: String? = nil) throws -> AppModel {
    try AppLoader.load(snapshot: Snapshot(path: SampleSnapshot.path), initials: user, loginName: login, language: language,
                       today: Day(year: 2026, month: 11, day: 23)!, ageHours: 3, exportDirectory: folder.path,
                       annotationDirectory: folder.path)
}

func screen(_ model: AppModel, rows: Int = 24, columns: Int = 80) -> [String] {
    let grid = CellGrid(rows: rows, columns: columns)
    model.render(on: grid)
    return grid.text()
}

@Suite("Terminal UI screens", .serialized)
struct AppScreenTests {
    @Test func mineSagerAt80x24() throws {
        let model = try app(user: "MHA")
        let lines = screen(model)
        #expect(lines[0].hasPrefix(" Overblik · Frederikssund · data fra 23-11-2026 "))
        #expect(lines[0].hasSuffix(" (3 t) MHA · sagsbehandler"))
        #expect(lines[1] == " 1 Mine sager 2 Team 3 Opfølgning 4 Økonomi 5 Afstemning 6 Datastatus 7 Ledelse")
        #expect(lines[2] == String(repeating: "─", count: 80))
        #expect(lines[3] == " Sager for MHA · Mette Hald                                               1/114")
        #expect(lines[4] == " Sag       CPR          Navn               §         Opfølgning  Status")
        #expect(lines[5] == " S-100796  170454-xxxx  Winnie Mosegård    §108      14-07-2027  ✓ ok")
        #expect(lines[22] == String(repeating: "─", count: 80))
        #expect(lines[23] == " ↑↓ flyt  ⏎ detaljer  / søg  f filter  s sortér  e eksportér  ? hjælp  q afslut")
        #expect(lines.count == 24)
    }

    @Test func selectionStylesAndTheCursorFollow() throws {
        let model = try app(user: "MHA")
        let grid = CellGrid(rows: 24, columns: 80)
        model.render(on: grid)
        #expect(grid.style(row: 5, column: 2) == .selected)
        #expect(grid.style(row: 6, column: 2) == .normal)
        #expect(grid.cursor.row == 5)
        for _ in 0..<20 { model.handle(.down) }
        model.render(on: grid)
        // 17 list rows fit; the 21st row is selected and the list has scrolled to keep it in view.
        #expect(grid.text()[3].hasSuffix("21/114"))
        #expect(grid.cursor.row == 21)
        #expect(grid.style(row: 21, column: 2) == .selected)
        model.handle(.character("G"))
        model.render(on: grid)
        #expect(grid.text()[3].hasSuffix("114/114"))
        model.handle(.character("g"))
        model.render(on: grid)
        #expect(grid.text()[3].hasSuffix("1/114"))
    }

    @Test func overdueFollowUpsAreStyledAndMarked() throws {
        let model = try app(user: "MHA")
        model.handle(.character("3"))
        let grid = CellGrid(rows: 24, columns: 80)
        model.render(on: grid)
        let row = grid.text()[6]
        #expect(row.hasSuffix("! overskredet"))
        let statusColumn = DisplayWidth.of(row) - DisplayWidth.of("! overskredet")
        #expect(grid.style(row: 6, column: statusColumn) == .overdue)
    }

    @Test func teamTabMarksTheOverloaded() throws {
        let model = try app(user: "MHA")
        model.handle(.character("2"))
        let lines = screen(model)
        #expect(lines[3].hasSuffix("1/15"))
        #expect(lines[4] == " Sagsbeh.  Indsatser  Pr. paragraf │median  Overskr.  Snart  Over 1,25 × median")
        // MHA's bar runs past the team's median mark.
        #expect(lines.contains { $0.hasPrefix(" MHA             114  ███▓▓▓▓▓▒▒│▒▒▒▒░░░░░") })
        let mha = try #require(lines.first { $0.hasPrefix(" MHA ") })
        #expect(mha.hasSuffix("ja"))
        #expect(mha.contains(" 114 "))
    }

    @Test func aWiderWindowShowsMoreColumnsAtOnce() throws {
        let model = try app(user: "MHA")
        let wide = screen(model, rows: 48, columns: 160)
        #expect(wide[4].contains("Leverandør"))
        #expect(wide[4].contains("Pr. måned"))
        #expect(wide[3].hasSuffix("1/114"))
        #expect(wide[47].hasPrefix(" ↑↓ flyt"))
        // And back: the layout follows the size.
        #expect(!screen(model)[4].contains("Leverandør"))
    }

    @Test func tooSmall() throws {
        let model = try app(user: "MHA")
        #expect(screen(model, rows: 20, columns: 70).prefix(2) == ["vinduet er for lille", "70×20 < 80×24"])
    }

    @Test func helpIsGeneratedFromTheActionTable() throws {
        let model = try app(user: "MHA")
        model.handle(.character("?"))
        let lines = screen(model)
        #expect(lines[3] == " Taster (? eller Esc lukker)")
        #expect(lines[5].hasPrefix("  ↑ k            op     "))
        #expect(lines[5 + 15] == "  ⏎              detaljer")
        // A line per tab, from the view catalogue, with its number key.
        #expect(lines[5 + 8].hasPrefix("  1              Mine sager"))
        #expect(lines[5 + 13].hasPrefix("  6              Datastatus"))
        // What does not fit in one column goes into a second: every action is listed.
        #expect(lines[5].hasSuffix("Esc ⌫          tilbage"))
        #expect(lines[17].hasSuffix("q              afslut"))
        #expect(lines[19].hasSuffix("d              opdeling (Udvikling)"))
        #expect(lines[12].hasSuffix("a              sæt status og note"))
        // Where the view's figures are explained.
        #expect(lines[21] == " Sådan regnes tallene her: docs/tal.md › Opfølgning · Sagsstamme og team")
        model.handle(.escape)
        #expect(screen(model)[3].hasPrefix(" Sager for MHA"))
    }

    @Test func cprIsRevealedOnPurposeAndTheHeaderSaysSo() throws {
        let model = try app(user: "MHA")
        model.handle(.character("c"))
        let lines = screen(model)
        #expect(lines[0].hasSuffix("CPR VIST · MHA · sagsbehandler"))
        #expect(lines[5].contains("170454-"))
        #expect(!lines[5].contains("170454-xxxx"))
        #expect(lines[23] == " CPR-numre vises i denne session")
        model.handle(.character("c"))
        #expect(screen(model)[5].contains("170454-xxxx"))
    }

    @Test func startViewFollowsTheRole() throws {
        #expect(screen(try app(user: "BIK"))[3].hasPrefix(" Botilbud · █ §108 ▓ §104 ▒ §85 ░ andre · ja: over 1,25 × median"))          // team lead → Team
        #expect(screen(try app(user: "ØKO"))[3].hasPrefix(" Afvigelser 01-01-2026–31-10-2026: 49, heraf 6 forklarede"))  // consultant
        #expect(screen(try app(user: nil))[3].hasPrefix(" alle teams · █ §85 ▓ §104 ▒ §108 ░ andre"))            // unknown → Team
        #expect(AppLoader.resolveUser(initials: nil, loginName: "mha", staff: [StaffMember(initials: "MHA", username: "mha")])?.initials == "MHA")
    }

    @Test func inEnglish() throws {
        let lines = screen(try app(user: "MHA", language: .en))
        #expect(lines[1] == " 1 My cases  2 Team  3 Follow-up  4 Economy  5 Reconcile  6 Data  7 Mgmt")
        #expect(lines[3].hasPrefix(" Cases of MHA · Mette Hald"))
        #expect(lines[23] == " ↑↓ move  ⏎ details  / search  f filter  s sort  e export  ? help  q quit")
    }

    @Test func datastatusListsTheRejectedRows() throws {
        let model = try app(user: "MHA")
        model.handle(.character("6"))
        let lines = screen(model)
        #expect(lines[3].hasPrefix(" Snapshot "))
        #expect(lines[3].contains("(3 t gammelt) · 16 afviste rækker · 1 databrud"))
        // The sources above (nine files, with rows, rejected and hash), the rejected rows below.
        #expect(lines[4].hasPrefix(" Tabel             Fil                          Rækker  Afvist  SHA-256"))
        #expect(lines[5].hasPrefix(" Indsatser         fagsystem/indsatser.csv       1.023       5  95747626ceff…"))
        let model160 = try app(user: "MHA")
        model160.handle(.character("6"))
        let wide = screen(model160, rows: 48, columns: 160)
        #expect(wide.contains { $0.hasPrefix(" Afvist    fagsystem/indsatser.csv:154     Startdato       31-02-2026                ugyldig dato") })
        #expect(wide.contains { $0.contains("101901xxx") })
        #expect(wide.contains { $0.hasPrefix(" Databrud  ") || $0.hasPrefix(" Databrud ") })
    }
}

@Suite("CellGrid")
struct CellGridTests {
    @Test func wideCharactersTakeTwoCellsAndAreCutWhole() {
        let g = CellGrid(rows: 2, columns: 10)
        g.put("山田太郎abc", row: 0, column: 0, style: .normal)
        #expect(g.text()[0] == "山田太郎ab")
        g.put("æøå", row: 1, column: 8, style: .title)
        #expect(g.text()[1] == "        æø")
        #expect(g.style(row: 1, column: 9) == .title)
        // Overwriting the right half of a wide character blanks its left half.
        g.put("x", row: 0, column: 1, style: .normal)
        #expect(g.text()[0] == " x田太郎ab")
        let h = CellGrid(rows: 1, columns: 3)
        h.put("a山田", row: 0, column: 0, style: .normal)
        #expect(h.text()[0] == "a山")
    }
}
