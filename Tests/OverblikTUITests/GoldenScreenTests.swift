import Foundation
import OverblikCore
import OverblikTestSupport
import OverblikStore
import Testing
@testable import OverblikTUI

/// Whole screens compared with files under `Tests/OverblikTUITests/Golden`. After a deliberate
/// change, `OVERBLIK_RECORD_GOLDEN=1 swift test --filter Golden` writes them anew; review the diff.
enum Golden {
    static let folder = packageRoot() + "/Tests/OverblikTUITests/Golden/"
    static var recording: Bool { ProcessInfo.processInfo.environment["OVERBLIK_RECORD_GOLDEN"] == "1" }

    /// The snapshot's time (header, Datastatus) changes with every sync; the rest of the screen must not.
    static func normalised(_ lines: [String]) -> String {
        lines.map { line in
            line.replacingOccurrences(of: #"\d\d-\d\d-\d{4} \d\d:\d\d"#, with: "DD-MM-ÅÅÅÅ tt:mm", options: .regularExpression)
        }.joined(separator: "\n") + "\n"
    }

    static func check(_ name: String, _ lines: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let text = normalised(lines)
        let path = folder + name + ".txt"
        if recording {
            try! text.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("no golden screen \(path); record it with OVERBLIK_RECORD_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        if text != expected {
            let got = text.split(separator: "\n", omittingEmptySubsequences: false)
            let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, want.count)
            Issue.record("""
                screen \(name) differs from its golden file at line \(first + 1):
                  got:  \(first < got.count ? String(got[first]) : "(none)")
                  want: \(first < want.count ? String(want[first]) : "(none)")
                """, sourceLocation: sourceLocation)
        }
    }
}

@Suite("Golden screens", .serialized)
struct GoldenScreenTests {
    static let sizes = [(24, 80), (48, 160)]

    /// Every view, at both sizes, in both languages, for the role that starts there.
    @Test(arguments: [Language.da, .en])
    func everyView(language: Language) throws {
        for (rows, columns) in Self.sizes {
            let model = try app(user: "ØKO", language: language)
            for tab in 1...ViewCatalogue.tabs.count {
                model.handle(.character(Character(String(tab))))
                Golden.check("view\(tab)-\(columns)x\(rows)-\(language.rawValue)", screen(model, rows: rows, columns: columns))
            }
            let mine = try app(user: "MHA", language: language)
            Golden.check("view1-mha-\(columns)x\(rows)-\(language.rawValue)", screen(mine, rows: rows, columns: columns))
        }
    }

    /// What `⏎` opens: a caseworker's cases from Team, a citizen, an Økonomi function's months
    /// and the payments behind a month, a discrepancy side by side.
    @Test func drillDowns() throws {
        let model = try app(user: "ØKO")
        model.handle(.character("2"))
        model.handle(.enter)
        Golden.check("drill-team-caseworker", screen(model))
        model.handle(.enter)
        Golden.check("drill-citizen", screen(model, rows: 48, columns: 160))
        model.handle(.character("4"))
        model.handle(.enter)
        Golden.check("drill-functions-months", screen(model, rows: 48, columns: 160))
        for _ in 0..<2 { model.handle(.down) }
        model.handle(.enter)
        Golden.check("drill-months-payments", screen(model))
        model.handle(.character("5"))
        for _ in 0..<14 { model.handle(.down) }
        model.handle(.enter)
        Golden.check("drill-side-by-side", screen(model, rows: 24, columns: 100))
    }

    /// After a resize the same model lays out anew; with CPR revealed the header says so.
    @Test func afterResizeAndRevealed() throws {
        let model = try app(user: "MHA")
        _ = screen(model, rows: 48, columns: 160)
        model.handle(.character("c"))
        Golden.check("resized-revealed-100x30", screen(model, rows: 30, columns: 100))
    }
}

@Suite("Hostile text on screen")
struct HostileTextScreenTests {
    /// Providers with æøå, a CJK name (two cells a character) and an escape sequence: the escape
    /// is shown inert, widths are counted in cells, and the columns after the provider line up.
    @Test func providerNamesWithÆøåCJKAndAnEscape() throws {
        let folder = TemporaryFolder()
        var drop = DropBuilder()
        drop.grants = """
            Sags-ID;CPR;Navn;Paragraf;Ydelseskode;Leverandør;Startdato;Slutdato;Takst;Takstenhed;Sagsbehandler;Næste opfølgning
            S-1;010190-1234;Jens Ærø;SEL §108;108-01;Bøgely Åhus på Ærø;01-01-2025;;2.450,00;dag;MHA;01-12-2026
            S-2;0202851235;Åse Øby;§ 85;85-01;日本語ケア株式会社と仲間たちの家;15-03-2025;31-12-2026;450,00;time;MHA;10-12-2026
            S-3;0303851236;Ib Ond;§ 85;85-01;Ond\u{1B}[31mRØD\u{1B}[0m\u{202E}tset;15-03-2025;31-12-2026;450,00;time;MHA;01-01-2027

            """
        let config = drop.write(into: folder)
        let run = try runExecutable("overblik-sync", ["--config", config, "--today", "2026-11-23", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let snapshot = try #require(SnapshotDirectory(path: folder.file("snapshots")).newest())
        let model = try AppLoader.load(snapshot: Snapshot(path: snapshot), initials: "MHA", loginName: nil, language: .da,
                                       today: Day(year: 2026, month: 11, day: 23)!, ageHours: 1, exportDirectory: folder.path,
                                       annotationDirectory: folder.path)
        let lines = screen(model, rows: 24, columns: 160)
        Golden.check("hostile-providers-160x24", lines)
        #expect(!lines.joined().unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{202E}" })
        let header = lines[4]
        #expect(header.contains("Leverandør"))
        #expect(lines[5].contains("Bøgely Åhus på Ærø"))
        // 24 cells for the provider: eleven double-width characters and "…" (a twelfth would not fit).
        #expect(lines[6].contains("日本語ケア株式会社と仲…   15-03-2025"))
        #expect(lines[7].contains("Ond�[31mRØD�[0m�tset"))
        // The start date begins in the same terminal cell on every row.
        let startCell = DisplayWidth.of(String(header[..<header.range(of: "Start")!.lowerBound]))
        for row in 5...7 {
            let line = lines[row]
            let at = DisplayWidth.of(String(line[..<line.range(of: "-2025")!.lowerBound])) - 5
            #expect(at == startCell, "row \(row): \(line)")
        }
    }
}
