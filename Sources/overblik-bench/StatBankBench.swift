import ArgumentParser
import Foundation
import OverblikTestSupport

/// `overblik-bench folk1a`: a whole FOLK1A download (every area, sex, civil status and age for two
/// quarters, 400.050 lines) in a small drop, synced by the release `overblik-sync` with
/// `OVERBLIK_TIMING`: the time to read it, its rows, skips and rejects. Printed, not asserted.
struct StatBankBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "folk1a", abstract: "Read a whole FOLK1A download.")

    @Option var runs = 3

    func run() throws {
        let folder = TemporaryFolder()
        var drop = DropBuilder()
        drop.extra["dst/folk1a.csv"] = FullFOLK1A.bytes()
        drop.extra["dst/hand07.csv"] = Array("\u{FEFF}OMRÅDE;YDELSESTYPE;TID;INDHOLD\r\n250 Frederikssund;30182;2025K3;4\r\n".utf8)
        let config = drop.write(into: folder)
        let size = (try? FileManager.default.attributesOfItem(atPath: folder.file("dst/folk1a.csv"))[.size] as? Int) ?? 0
        print("FOLK1A: \(FullFOLK1A.linesPerQuarter * 2) lines, \(size / 1_048_576) MB")
        for i in 1...runs {
            let r = try runProgram(".build/release/overblik-sync", ["--config", config, "--today", "2026-11-23", "--dry-run", "--json"],
                                   environment: ["OVERBLIK_TIMING": "1"])
            let json = Data(r.stdout.utf8), timing = r.stderr
            let line = timing.split(separator: "\n").first { $0.contains("read population") } ?? "?"
            let tables = ((try? JSONSerialization.jsonObject(with: json)) as? [String: Any])?["tables"] as? [[String: Any]] ?? []
            let t = tables.first { $0["name"] as? String == "population" } ?? [:]
            print("run \(i): \(line.trimmingCharacters(in: .whitespaces)) · rows \(t["rows"] ?? "?"), skipped \(t["skipped"] ?? "?"), rejected \(t["rejected"] ?? "?")")
        }
    }
}
