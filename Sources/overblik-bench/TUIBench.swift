import ArgumentParser
import Foundation
import OverblikCore
import OverblikStore
import OverblikTUI

/// `overblik-bench tui`: the terminal UI's time to its first complete frame on a real snapshot,
/// and the time of every key of a scripted session (handled and drawn onto an in-memory screen).
struct TUIBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tui", abstract: "Time to first frame and per-key times.")

    @Option(help: "The snapshot file.") var snapshot: String
    @Option(help: "The user's initials.") var user = "ØKO"
    @Option(help: "The day to compute against.") var today = "2026-11-23"
    @Option(help: "Screen size, rows×columns.") var rows = 48
    @Option var columns = 160
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let day = Day(iso: today)!
        let clock = ContinuousClock()
        let folder = NSTemporaryDirectory() + "/overblik-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let grid = CellGrid(rows: rows, columns: columns)
        var model: AppModel!
        let first = try clock.measure {
            model = try AppLoader.load(snapshot: Snapshot(path: snapshot), initials: user, loginName: nil, language: .da, today: day,
                                       ageHours: 0, exportDirectory: folder, annotationDirectory: folder)
            model.render(on: grid)
        }
        // The session: on the longest list of the start tabs, scroll, jump, search, filter, sort, drill down and back.
        let longest = (0..<6).max { a, b in
            model.handle(.character(Character(String(a + 1)))); let x = model.page.order.count
            model.handle(.character(Character(String(b + 1)))); return x < model.page.order.count
        }!
        model.handle(.character(Character(String(longest + 1))))
        model.render(on: grid)
        let listRows = model.page.order.count
        let script: [(String, [Action.Key])] = [
            ("PgDn", [.pageDown]), ("PgDn", [.pageDown]), ("j", [.down]), ("k", [.up]), ("G", [.end]), ("g", [.home]),
            ("/ søg", [.character("/")]), ("søg: 1", [.character("1")]), ("søg: 0", [.character("0")]), ("søg: ⏎", [.enter]),
            ("n", [.character("n")]), ("N", [.character("N")]),
            ("f", [.character("f")]), ("filter: kolonne", [.enter]), ("filter: værdi", [.down]), ("filter: ⏎", [.enter]),
            ("f ryd", [.character("f")]), ("ryd: ⏎", [.enter]),
            ("s", [.character("s")]), ("s", [.character("s")]), ("S", [.character("S")]),
            ("⏎ detaljer", [.enter]), ("Esc", [.escape]), ("PgDn", [.pageDown]), ("c", [.character("c")]), ("c", [.character("c")]),
        ]
        var times: [(String, Double)] = []
        for (name, keys) in script {
            let d = clock.measure {
                for k in keys { model.handle(k) }
                model.render(on: grid)
            }
            times.append((name, d.milliseconds))
        }
        let sorted = times.map(\.1).sorted()
        func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))] }
        let slowest = times.max { $0.1 < $1.1 }!
        if json {
            print("""
                {"firstFrameMs": \(fmt(first.milliseconds)), "list": "\(model.titles[longest].en)", "listRows": \(listRows), \
                "keys": \(times.count), "p50Ms": \(fmt(percentile(0.5))), "p99Ms": \(fmt(percentile(0.99))), \
                "slowestKey": "\(slowest.0)", "slowestMs": \(fmt(slowest.1)), "residentMB": \(fmt(Double(peakResidentKB()) / 1024))}
                """)
        } else {
            print("first frame: \(fmt(first.milliseconds)) ms (\(columns)×\(rows))")
            print("session on \(model.titles[longest].da) (\(listRows) rows): \(times.count) keys, p50 \(fmt(percentile(0.5))) ms, "
                  + "p99 \(fmt(percentile(0.99))) ms, slowest \(slowest.0) \(fmt(slowest.1)) ms")
            for (name, ms) in times { print("  \(name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(fmt(ms)) ms") }
            print("peak resident memory: \(fmt(Double(peakResidentKB()) / 1024)) MB")
        }
    }
}

extension Duration {
    var milliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
}

func fmt(_ x: Double) -> String { String(format: "%.2f", x) }

/// The process's peak resident set size in kilobytes (Linux: VmHWM).
func peakResidentKB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
    return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
}
