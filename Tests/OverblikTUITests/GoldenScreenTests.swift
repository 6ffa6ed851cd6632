import Foundation
import OverblikCore
import OverblikTestSupport
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
            for tab in 1...6 {
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
