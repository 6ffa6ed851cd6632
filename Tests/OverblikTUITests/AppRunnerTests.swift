import Foundation
import OverblikCore
import OverblikStore
import OverblikTestSupport
import Testing
@testable import OverblikTUI

/// A terminal that plays a script: keys, idle moments, resizes, things that happen meanwhile
/// (a newer snapshot published), and the terminal going away. It keeps every frame shown.
final class ScriptedTerminal: Terminal {
    enum Step {
        case keys([Action.Key])
        /// The wait for a key times out.
        case idle
        /// The window changes size (curses then reports `.resize`).
        case resize(rows: Int, columns: Int)
        /// Something happens outside, then the wait times out.
        case meanwhile(() throws -> Void)
        /// The terminal is gone (closed, or Ctrl-C's handler has taken it back).
        case gone
    }

    private let grid: CellGrid
    private var script: [Step]
    private(set) var frames: [[String]] = []
    private(set) var ended = 0
    private(set) var waits: [Int32] = []

    init(rows: Int = 24, columns: Int = 80, script: [Step]) {
        grid = CellGrid(rows: rows, columns: columns)
        self.script = script
    }

    var rows: Int { grid.rows }
    var columns: Int { grid.columns }
    func clear() { grid.clear() }
    func put(_ text: String, row: Int, column: Int, style: Style) { grid.put(text, row: row, column: column, style: style) }
    func placeCursor(row: Int, column: Int) { grid.placeCursor(row: row, column: column) }
    func present() { frames.append(grid.text()) }
    func end() { ended += 1 }

    func readKeys(timeout: Int32) -> [Action.Key]? {
        waits.append(timeout)
        guard !script.isEmpty else { return nil }
        switch script.removeFirst() {
        case .keys(let keys): return keys
        case .idle: return []
        case .resize(let rows, let columns):
            grid.resize(rows: rows, columns: columns)
            return [.resize]
        case .meanwhile(let happen):
            try? happen()
            return []
        case .gone: return nil
        }
    }
}

/// The application loop (`AppRunner`) driven by scripted keys on the in-memory screen.
@Suite("The application loop", .serialized)
struct AppRunnerTests {
    @Test func resizeMidListKeepsTheSelectionAndRelaysOut() throws {
        let terminal = ScriptedTerminal(script: [
            .keys(Array(repeating: .down, count: 20)),
            .resize(rows: 40, columns: 120),
            .keys([.character("q")]),
        ])
        AppRunner.run(try app(user: "MHA"), on: terminal)
        #expect(terminal.frames.count == 3)
        #expect(terminal.frames[0].count == 24 && terminal.frames[0][2] == String(repeating: "─", count: 80))
        #expect(terminal.frames[1][3].hasSuffix("21/114"))
        // After the resize: 120 × 40, the same row selected, more rows shown.
        let resized = terminal.frames[2]
        #expect(resized.count == 40)
        #expect(resized[2] == String(repeating: "─", count: 120))
        #expect(resized[3].hasSuffix("21/114"))
        #expect(resized[38] == String(repeating: "─", count: 120))
        #expect(terminal.ended == 1)
    }

    @Test func idleFramesAreNotDrawnAgainAndANewerSnapshotIsAnnounced() throws {
        let folder = TemporaryFolder()
        let first = folder.file("snapshot-20261123T060000.000Z.sqlite")
        try FileManager.default.copyItem(atPath: SampleSnapshot.path, toPath: first)
        let model = try AppLoader.load(snapshot: Snapshot(path: first), initials: "MHA", loginName: nil, language: .da,
                                       today: Day(year: 2026, month: 11, day: 23)!, ageHours: 7, exportDirectory: folder.path,
                                       annotationDirectory: folder.path)
        let terminal = ScriptedTerminal(script: [
            .idle, .idle,
            .meanwhile { try FileManager.default.copyItem(atPath: SampleSnapshot.path, toPath: folder.file("snapshot-20261123T120000.000Z.sqlite")) },
            .idle,
            .keys([.character("r")]),
            .gone,
        ])
        AppRunner.run(model, on: terminal)
        // Frames: the first, the announcement (idle waits draw nothing), after r.
        #expect(terminal.frames.count == 3)
        #expect(!terminal.frames[0][0].contains("nyere data"))
        #expect(terminal.frames[1][0].contains("● nyere data: tryk r"))
        #expect(terminal.frames[1][23].contains("r genindlæs"))
        #expect(!terminal.frames[2][0].contains("nyere data"))
        #expect(terminal.frames[2][23].hasPrefix(" nyeste data indlæst"))
        #expect(terminal.waits.allSatisfy { $0 == AppRunner.idlePoll })
        #expect(terminal.ended == 1)
    }

    /// While an export is made the loop looks for its outcome often, draws it when it is written,
    /// and then waits as long as before.
    @Test func anExportsOutcomeIsDrawnWhenItIsWritten() throws {
        let folder = TemporaryFolder()
        let model = try app(user: "MHA", folder: folder)
        let terminal = ScriptedTerminal(rows: 24, columns: 160, script: [
            .keys([.character("e")]),
            .meanwhile { _ = model.exporting?.waitForResult() },
            .idle,
            .keys([.character("q")]),
        ])
        AppRunner.run(model, on: terminal)
        #expect(terminal.frames.count == 3)
        #expect(terminal.frames[1][23] == " eksporterer 114 rækker …")
        #expect(terminal.frames[2][23].hasPrefix(" 114 rækker gemt i \(folder.path)/overblik-caseload-"))
        #expect(terminal.waits == [AppRunner.idlePoll, AppRunner.busyPoll, AppRunner.idlePoll, AppRunner.idlePoll])
    }

    /// `q` while an export is being written waits for it, and where it went is said once the
    /// terminal is given back.
    @Test func quittingWaitsForAnExportAndSaysWhereItWent() throws {
        let folder = TemporaryFolder()
        let model = try app(user: "MHA", folder: folder)
        let terminal = ScriptedTerminal(script: [.keys([.character("e"), .character("q")])])
        let said = try #require(AppRunner.run(model, on: terminal))
        #expect(said.hasPrefix("114 rækker gemt i \(folder.path)/overblik-caseload-"))
        let path = String(said.dropFirst("114 rækker gemt i ".count))
        let csv = try #require(FileManager.default.contents(atPath: path))
        #expect(csv.count(where: { $0 == UInt8(ascii: "\n") }) == 115)
        #expect(terminal.ended == 1)
        // Nothing to say when no export was being written.
        #expect(AppRunner.run(try app(user: "MHA"), on: ScriptedTerminal(script: [.keys([.character("q")])])) == nil)
    }

    /// The terminal going away (closed, or Ctrl-C, whose handler gives the terminal back first)
    /// ends the loop at once, and the terminal is given back exactly once.
    @Test func theTerminalGoingAwayEndsTheLoop() throws {
        let terminal = ScriptedTerminal(script: [.keys([.character("2")]), .gone, .keys([.character("q")])])
        let model = try app(user: "MHA")
        AppRunner.run(model, on: terminal)
        #expect(terminal.frames.count == 2)
        #expect(terminal.frames[1][1].contains("2 Team"))
        #expect(!model.wantsQuit)
        #expect(terminal.ended == 1)
    }

    /// A burst of keys is answered with one frame; `q` in the middle of it stops there.
    @Test func aBurstIsOneFrameAndQuitStopsIt() throws {
        let terminal = ScriptedTerminal(script: [.keys([.down, .down, .down, .character("q"), .down]), .keys([.down])])
        let model = try app(user: "MHA")
        AppRunner.run(model, on: terminal)
        #expect(terminal.frames.count == 1)
        #expect(model.wantsQuit)
        #expect(model.page.state.selected == 3)
        #expect(terminal.ended == 1)
    }
}
