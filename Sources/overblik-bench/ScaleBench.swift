import ArgumentParser
import Foundation
import OverblikTUI

/// `overblik-bench scales`: for each scale, the sync's wall time and peak memory, the snapshot's
/// size, every `overblik report` view's time, and the TUI's first frame and per-key times. One
/// table printed; the same as JSON in `bench-data/results.json`. Release binaries are expected
/// in `.build/release` (`make bench` builds them).
struct ScaleBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scales", abstract: "Benchmark every scale.")

    @Option(help: "Scales to run, comma-separated (S is Sampledata).") var scales = "S,M,L,LC"
    @Option(help: "Where the benchmark data lives.") var data = "bench-data"
    @Option var today = "2026-11-23"

    /// Every view of `overblik report` (the management ones included).
    static let views = ReportCatalogue.names

    func run() throws {
        var rows: [[String: Any]] = []
        for scale in scales.split(separator: ",").map(String.init) {
            let config = scale == "S" ? "Sampledata/overblik.toml" : "\(data)/\(scale)/overblik.toml"
            if scale != "S", !FileManager.default.fileExists(atPath: config) {
                print("\(scale): generating \(data)/\(scale) …")
                _ = try run(".build/release/overblik-sampledata", ["--scale", scale, "--output", "\(data)/\(scale)"])
            }
            print("\(scale): sync …")
            let sync = try run("/usr/bin/time", ["-f", "TIME %e %M", ".build/release/overblik-sync", "--config", config, "--today", today, "--quiet"])
            let timeLine = sync.stderr.split(separator: "\n").last { $0.hasPrefix("TIME ") }?.split(separator: " ") ?? []
            let syncSeconds = timeLine.count > 1 ? Double(timeLine[1]) ?? 0 : 0
            let syncMB = timeLine.count > 2 ? (Double(timeLine[2]) ?? 0) / 1024 : 0
            let folder = ((config as NSString).deletingLastPathComponent as NSString).appendingPathComponent("snapshots")
            let snapshot = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("snapshot-") && $0.hasSuffix(".sqlite") }
                .sorted().last.map { (folder as NSString).appendingPathComponent($0) } ?? ""
            let size = (try? FileManager.default.attributesOfItem(atPath: snapshot)[.size] as? Int) ?? 0
            var reports: [String: Double] = [:]
            for view in Self.views {
                var args = ["report", view, "--snapshot", snapshot, "--today", today, "--format", "json"]
                if view == "caseload" { args += ["--caseworker", scale == "S" ? "MHA" : "MHA1"] }
                let start = Date()
                let r = try run(".build/release/overblik", args)
                reports[view] = r.status == 0 ? Date().timeIntervalSince(start) : -1
            }
            print("\(scale): TUI …")
            // In a process of its own, so that its peak memory is this scale's alone.
            let child = try run(".build/release/overblik-bench", ["tui", "--snapshot", snapshot, "--today", today, "--json"], output: true)
            guard child.status == 0, let tui = TUIBench.Result(json: child.stdout) else {
                throw ValidationError("\(scale): overblik-bench tui failed: \(child.stderr)")
            }
            rows.append(["scale": scale, "syncSeconds": syncSeconds, "syncPeakMB": syncMB, "snapshotMB": Double(size) / 1_048_576,
                         "reportSeconds": reports, "slowestReport": reports.max { $0.value < $1.value }?.key ?? "",
                         "firstFrameMs": tui.firstFrameMs, "keyP50Ms": tui.percentile(0.5), "keyP99Ms": tui.percentile(0.99),
                         "slowestKey": tui.slowest.0, "tuiResidentMB": tui.residentMB, "list": "\(tui.list) (\(tui.listRows))",
                         "exports": tui.exports.map { "\($0.0) rows \(fmt($0.1))" }.joined(separator: ", ")])
            print("\(scale): sync \(fmt(syncSeconds)) s")
        }
        var table = ["| scale | sync s | sync peak MB | snapshot MB | slowest report s | first frame ms | key p50 ms | key p99 ms | TUI MB | list |",
                     "|---|---|---|---|---|---|---|---|---|---|"]
        for r in rows {
            let reports = r["reportSeconds"] as! [String: Double]
            let slowest = r["slowestReport"] as! String
            table.append("| \(r["scale"]!) | \(fmt(r["syncSeconds"] as! Double)) | \(fmt(r["syncPeakMB"] as! Double)) | "
                + "\(fmt(r["snapshotMB"] as! Double)) | \(fmt(reports[slowest] ?? 0)) (\(slowest)) | \(fmt(r["firstFrameMs"] as! Double)) | "
                + "\(fmt(r["keyP50Ms"] as! Double)) | \(fmt(r["keyP99Ms"] as! Double)) [\(r["slowestKey"]!)] | \(fmt(r["tuiResidentMB"] as! Double)) | \(r["list"]!) |")
        }
        print(table.joined(separator: "\n"))
        for r in rows {
            let reports = (r["reportSeconds"] as! [String: Double]).sorted { $0.key < $1.key }.map { "\($0.key) \(fmt($0.value))" }
            print("\(r["scale"]!) reports (s): " + reports.joined(separator: ", "))
            print("\(r["scale"]!) exports written, ms from the key (in the background): \(r["exports"]!)")
        }
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let json = try JSONSerialization.data(withJSONObject: ["machine": machine(), "results": rows], options: [.prettyPrinted, .sortedKeys])
        try json.write(to: URL(fileURLWithPath: "\(data)/results.json"))
        print("→ \(data)/results.json")
    }

    func machine() -> String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.split(separator: "\n")
            .first { $0.hasPrefix("model name") }?.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "?"
        return "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu), \(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB"
    }

    /// Runs `executable`; its standard output is kept only with `output` (a report's is thrown away).
    func run(_ executable: String, _ arguments: [String], output: Bool = false) throws -> (status: Int32, stderr: String, stdout: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        let err = Pipe(), out = Pipe()
        p.standardError = err
        p.standardOutput = output ? out : FileHandle.nullDevice
        try p.run()
        // (Standard output first: the children kept are `overblik-bench tui`, whose error output is a
        // line at most, so neither pipe fills while the other is read.)
        let stdout = output ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self), String(decoding: stdout, as: UTF8.self))
    }
}
