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
    @Option(help: "Screen rows.") var rows = 48
    @Option(help: "Screen columns.") var columns = 160
    @Flag(help: "Print the result as JSON (what `scales` reads: each scale measured in a process of its own).") var json = false

    func run() throws {
        let result = try TUIBench.measure(snapshot: snapshot, user: user, today: today, rows: rows, columns: columns)
        print(json ? result.json : result.text)
    }

    struct Result {
        var firstFrameMs: Double
        var list: String
        var listRows: Int
        var keys: [(String, Double)]
        /// The exports' times from the key until the file is written (on a thread of their own).
        var exports: [(String, Double)] = []
        var residentMB: Double

        func percentile(_ p: Double) -> Double {
            let sorted = keys.map(\.1).sorted()
            return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
        }
        var slowest: (String, Double) { keys.max { $0.1 < $1.1 }! }
        var json: String {
            let object: [String: Any] = ["firstFrameMs": firstFrameMs, "list": list, "listRows": listRows,
                                         "keys": keys.map { [$0.0, $0.1] as [Any] }, "exports": exports.map { [$0.0, $0.1] as [Any] },
                                         "residentMB": residentMB]
            return (try? JSONSerialization.data(withJSONObject: object)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        }
        init(firstFrameMs: Double, list: String, listRows: Int, keys: [(String, Double)], exports: [(String, Double)] = [], residentMB: Double) {
            (self.firstFrameMs, self.list, self.listRows, self.keys, self.exports, self.residentMB) = (firstFrameMs, list, listRows, keys, exports, residentMB)
        }
        /// The result `json` printed; nil when it is not one.
        init?(json text: String) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                  let first = object["firstFrameMs"] as? Double, let list = object["list"] as? String, let rows = object["listRows"] as? Int,
                  let keys = object["keys"] as? [[Any]], let resident = object["residentMB"] as? Double else { return nil }
            self.init(firstFrameMs: first, list: list, listRows: rows,
                      keys: keys.compactMap { k in (k.first as? String).flatMap { name in (k.last as? Double).map { (name, $0) } } },
                      residentMB: resident)
            exports = (object["exports"] as? [[Any]] ?? []).compactMap { k in (k.first as? String).flatMap { name in (k.last as? Double).map { (name, $0) } } }
        }
        var text: String {
            var lines = ["first frame: \(fmt(firstFrameMs)) ms",
                         "session on \(list) (\(listRows) rows): \(keys.count) keys, p50 \(fmt(percentile(0.5))) ms, "
                            + "p99 \(fmt(percentile(0.99))) ms, slowest \(slowest.0) \(fmt(slowest.1)) ms"]
            for (name, ms) in keys { lines.append("  \(name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(fmt(ms)) ms") }
            for (name, ms) in exports { lines.append("  \(name.padding(toLength: 16, withPad: " ", startingAt: 0)) written after \(fmt(ms)) ms (in the background)") }
            lines.append("peak resident memory: \(fmt(residentMB)) MB")
            return lines.joined(separator: "\n")
        }
    }

    static func measure(snapshot: String, user: String, today: String, rows: Int, columns: Int) throws -> Result {
        let day = Day(iso: today)!
        let clock = ContinuousClock()
        let folder = NSTemporaryDirectory() + "/overblik-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let grid = CellGrid(rows: rows, columns: columns)
        var model: AppModel!
        var opened = Duration.zero
        let first = try clock.measure {
            opened = try clock.measure {
                model = try AppLoader.load(snapshot: Snapshot(path: snapshot), initials: user, loginName: nil, language: .da, today: day,
                                           ageHours: 0, exportDirectory: folder, annotationDirectory: folder)
            }
            model.render(on: grid)
        }
        // What the application reads ahead after its first frame (the whole-file check is left out:
        // it reads the file for seconds, and the bench times keys, not the disk).
        model.prepareInBackground()
        let timing = ProcessInfo.processInfo.environment["OVERBLIK_TIMING"] != nil
        if timing {
            print("  open \(fmt(opened.milliseconds)) ms, first page and draw \(fmt((first - opened).milliseconds)) ms")
        }
        // Each tab's first opening is a key too (its page is built then); the session then runs on
        // the longest list among the tabs: scroll, jump, search, filter, sort, drill down and back,
        // reveal CPR.
        var longest = 0, listRows = -1
        var times: [(String, Double)] = []
        for tab in 0..<6 {
            let d = clock.measure {
                model.handle(.character(Character(String(tab + 1))))
                model.render(on: grid)
            }
            times.append(("\(tab + 1) \(model.titles[tab].da)", d.milliseconds))
            if timing {
                print("  at \(monotonicText())")
                print("  tab \(tab + 1): handled 0 ms, drawn \(fmt(d.milliseconds)) ms, \(model.page.order.count) rows, \(residentText())")
            }
            if model.page.order.count > listRows { (longest, listRows) = (tab, model.page.order.count) }
        }
        model.handle(.character(Character(String(longest + 1))))
        model.render(on: grid)
        let script: [(String, Action.Key)] = [
            ("PgDn", .pageDown), ("PgDn", .pageDown), ("j", .down), ("k", .up), ("G", .end), ("g", .home),
            ("/ søg", .character("/")), ("søg: 1", .character("1")), ("søg: 0", .character("0")), ("søg: ⏎", .enter),
            ("n", .character("n")), ("N", .character("N")),
            ("f", .character("f")), ("filter: kolonne", .enter), ("filter: værdi", .down), ("filter: ⏎", .enter),
            ("f ryd", .character("f")), ("ryd: ⏎", .enter),
            ("s", .character("s")), ("s", .character("s")), ("S", .character("S")),
            ("⏎ detaljer", .enter), ("Esc", .escape), ("PgDn", .pageDown), ("c", .character("c")), ("c", .character("c")),
            ("e eksport", .character("e")),
            // Økonomi down to a month's payments of the first function, sorted and left: the month
            // before the last, November by the bench's day (2026-11-23), the last with postings and
            // the largest (164.516 on L; January has 153.022).
            ("4 Økonomi", .character("4")), ("⏎ måneder", .enter), ("G", .end), ("k", .up), ("⏎ posteringer", .enter), ("PgDn", .pageDown), ("⏎ borger", .enter), ("Esc", .escape),
            ("s", .character("s")), ("G", .end), ("Esc", .escape), ("Esc", .escape),
            // Ledelse: every sub-view opened from the list (Tilsyn fixes its quarter's sample), then
            // Udvikling's chart with a measure picked and a month moved, and Sammenligning's quarter.
            ("7 Ledelse", .character("7")), ("Tab liste", .tab),
            ("↓ Tilsyn", .down), ("↓ Tilsynssvar", .down), ("↓ Servicemål", .down), ("↓ Klagesager", .down),
            ("↓ Sammenligning", .down), ("↓ Belægning", .down), ("↓ Statusrapport", .down),
            ("↑ Belægning", .up), ("↑ Sammenligning", .up), ("⏎ ind", .enter), ("← kvartal", .left), ("m typer", .character("m")),
            ("m: ⏎", .enter), ("Esc liste", .escape),
            ("↑ Klagesager", .up), ("↑ Servicemål", .up), ("↑ Tilsynssvar", .up), ("↑ Tilsyn", .up),
            // A sampled case's checklist opened (its hints read from the case's grant and decisions), an
            // item answered (written to the bench's own supervision store) and left.
            ("⏎ stikprøve", .enter), ("⏎ tjekliste", .enter), ("j svar", .character("j")), ("Esc stikprøve", .escape), ("Esc liste", .escape), ("↑ Udvikling", .up),
            ("⏎ graf", .enter), ("← måned", .left), ("← måned", .left), ("m mål", .character("m")), ("mål: ↓", .down),
            ("mål: ⏎", .enter), ("d opdeling", .character("d")), ("opdeling: ↓", .down), ("opdeling: ⏎", .enter),
            ("værdi: ⏎", .enter), ("d opdeling", .character("d")), ("opdeling: G", .end), ("opdeling: team", .enter),
            ("team: ↓", .down), ("team: ⏎", .enter),
            // Afstemning's list filtered and sorted too (read from the snapshot a chunk at a time:
            // the session's list above is Opfølgning's, whose orders the sync stores).
            ("5 Afstemning", .character("5")), ("f", .character("f")), ("filter: kolonne", .enter), ("filter: værdi", .down),
            ("filter: ⏎", .enter), ("f ryd", .character("f")), ("ryd: ⏎", .enter), ("s", .character("s")), ("s", .character("s")),
            ("⏎ afvigelse", .enter), ("Esc", .escape), ("e eksport", .character("e")),
        ]
        var exports: [(String, Double)] = []
        for (name, key) in script {
            var handled = Duration.zero
            let start = clock.now
            let d = clock.measure {
                handled = clock.measure { model.handle(key) }
                model.render(on: grid)
            }
            times.append((name, d.milliseconds))
            if model.isExporting {
                // The export is written on a thread of its own; the bench waits for it (the time from the key).
                model.finishWrites()
                exports.append(("\(name) \(model.page.rowCount)", (clock.now - start).milliseconds))
            }
            if timing { print("  at \(monotonicText())") }
            if timing { print("  \(name): handled \(fmt(handled.milliseconds)) ms, drawn \(fmt((d - handled).milliseconds)) ms, \(residentText())") }
        }
        return Result(firstFrameMs: first.milliseconds, list: model.titles[longest].da, listRows: listRows, keys: times, exports: exports,
                      residentMB: Double(peakResidentKB()) / 1024)
    }
}

extension Duration {
    var milliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
}

func fmt(_ x: Double) -> String { String(format: "%.2f", x) }

/// CLOCK_MONOTONIC's time (what `perf record -k CLOCK_MONOTONIC` stamps samples with): with
/// OVERBLIK_TIMING each key's end is printed, so a profile can be cut to one key.
func monotonicText() -> String {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return "\(t.tv_sec).\(String(format: "%09d", t.tv_nsec))"
}

/// The process's peak resident set size in kilobytes (Linux: VmHWM).
func peakResidentKB() -> Int { residentKB("VmHWM") }

/// The resident memory now, and how much of it is anonymous and how much mapped files.
func residentText() -> String {
    func mb(_ field: String) -> String { fmt(Double(residentKB(field)) / 1024) }
    return "resident \(mb("VmRSS")) MB (anonymous \(mb("RssAnon")) MB, file \(mb("RssFile")) MB)"
}

/// A line of /proc/self/status in kilobytes: `VmHWM` the peak resident set, `VmRSS` the current one.
func residentKB(_ field: String) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }) else { return 0 }
    return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
}
