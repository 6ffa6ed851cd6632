import Foundation
import OverblikStore
import OverblikTestSupport
import Testing
@testable import OverblikSync

/// Bad and hostile source files through the real `overblik-sync`: each is read or refused with
/// a message naming the file and line, nothing is lost, nothing half is published.
@Suite("Hostile input", .serialized)
struct HostileInputTests {
    func syncJSON(_ config: String, extra: [String] = []) throws -> (status: Int32, json: [String: Any]?, stderr: String) {
        let run = try runExecutable("overblik-sync", ["--config", config, "--today", "2026-11-23", "--json", "--lang", "en"] + extra)
        let json = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        return (run.status, json, run.stderr)
    }

    func rejected(_ json: [String: Any]?) -> [[String: Any]] { json?["rejectedRows"] as? [[String: Any]] ?? [] }

    /// Amounts and hours beyond what the domain holds: rejected rows with the bound in the reason,
    /// never an overflow (an amount of seven digit groups once trapped the byte-level parser).
    @Test func amountsBeyondTwelveDigitsAndHoursBeyondAWeek() throws {
        let folder = TemporaryFolder()
        var drop = DropBuilder()
        drop.config += "[sync]\nmax_reject_share = 1.0\n"
        drop.payments += "B-3;0101901234;5.38.50;;01-03-2025;31-03-2025;999.999.999.999.999.999.999,00;05-04-2025\n"
        drop.payments += "B-4;0101901234;5.38.50;;01-03-2025;31-03-2025;1000000000000,00;05-04-2025\n"
        drop.payments += "B-5;0101901234;5.38.50;;01-03-2025;31-03-2025;999.999.999.999,99;05-04-2025\n"
        drop.grants = drop.grants.replacingOccurrences(of: "Sagsbehandler;Næste opfølgning", with: "Sagsbehandler;Næste opfølgning;Timer pr. uge")
            .replacingOccurrences(of: "MHA;01-12-2026", with: "MHA;01-12-2026;").replacingOccurrences(of: "time;MHA;", with: "time;MHA;;200")
        let (status, json, stderr) = try syncJSON(drop.write(into: folder))
        #expect(status == 0, "\(stderr)")
        let rows = rejected(json)
        #expect(rows.map { $0["line"] as? Int } == [3, 4, 5])
        #expect(rows.map { $0["column"] as? String } == ["Timer pr. uge", "Beløb", "Beløb"])
        #expect((rows[0]["reason"] as? String) == "timer pr. uge skal være fra 0 til 168 (en uge har 168 timer)")
        #expect((rows[1]["reason"] as? String)?.contains("højst 12 cifre før kommaet") == true)
    }

    /// A 200 MB field with no line break: one rejected row at its line, its raw text cut to
    /// 1.000 bytes, and the sync's memory not a copy of the field.
    @Test func aHugeFieldWithNoLineBreak() throws {
        let folder = TemporaryFolder()
        var drop = DropBuilder()
        drop.config += "[sync]\nmax_reject_share = 1.0\n"
        let config = drop.write(into: folder)
        let path = folder.file("fagsystem/indsatser.csv")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("S-3;0303031234;".utf8))
        let chunk = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<200 { handle.write(chunk) }
        try handle.close()
        let run = try runProgram("/usr/bin/time", ["-f", "PEAK %M", packageRoot() + "/.build/debug/overblik-sync", "--config", config,
                                                   "--today", "2026-11-23", "--json"])
        #expect(run.status == 0, "\(run.stderr.suffix(300))")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let rows = rejected(json)
        #expect(rows.count == 1)
        #expect(rows.first?["line"] as? Int == 4)
        #expect((rows.first?["value"] as? String)?.count ?? 0 <= 1_010)  // 1.000 bytes, "…", the masked CPR's dash
        let peakKB = Int(run.stderr.split(separator: "\n").last { $0.hasPrefix("PEAK") }?.split(separator: " ").last ?? "0") ?? 0
        #expect(peakKB < 320_000, "peak \(peakKB) KB for a 200 MB file")
    }

    @Test func nulBytesAndInvalidUTF8() throws {
        let folder = TemporaryFolder()
        var drop = DropBuilder()
        drop.config += "[sync]\nmax_reject_share = 1.0\n"
        // A NUL inside a date: that row rejected at its line and column; a NUL in a name: kept as data.
        drop.grants += "S-3;0303031234;Ib\u{0}Ø;§ 85;85-01;x;01-01-20\u{0}25;;450,00;time;MHA;\nS-4;0404041234;Ib\u{0}Ø;§ 85;85-01;x;01-01-2025;;450,00;time;MHA;\n"
        let config = drop.write(into: folder)
        let ok = try syncJSON(config)
        #expect(ok.status == 0)
        let bad = rejected(ok.json)
        #expect(bad.count == 1 && bad[0]["line"] as? Int == 4 && bad[0]["column"] as? String == "Startdato")

        // Invalid UTF-8 in a file declared UTF-8: refused, naming the line.
        var bytes = Array(try String(contentsOfFile: folder.file("fagsystem/indsatser.csv"), encoding: .utf8).utf8)
        bytes += Array("S-5;0505051234;".utf8) + [0xFF, 0xFE] + Array(";§ 85;85-01;x;01-01-2025;;450,00;time;MHA;\n".utf8)
        folder.write("fagsystem/indsatser.csv", bytes: bytes)
        try (String(contentsOfFile: config, encoding: .utf8) + "[tables.grants]\npath = \"fagsystem/indsatser.csv\"\nencoding = \"utf-8\"\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let refused = try syncJSON(config)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("fagsystem/indsatser.csv:6: invalid UTF-8"))
    }

    /// The header again in the middle of the file (two exports pasted together): those rows are
    /// rejected at their line, the rest read.
    @Test func aHeaderRepeatedMidFile() throws {
        let folder = TemporaryFolder()
        var drop = DropBuilder()
        drop.config += "[sync]\nmax_reject_share = 1.0\n"
        let header = drop.grants.split(separator: "\n").first!
        drop.grants += header + "\nS-7;0707071234;Per;§ 85;85-01;x;01-01-2025;;450,00;time;MHA;\n"
        let config = drop.write(into: folder)
        let run = try syncJSON(config)
        #expect(run.status == 0)
        let bad = rejected(run.json)
        #expect(bad.count == 1 && bad[0]["line"] as? Int == 4)
        #expect((run.json?["tables"] as? [[String: Any]])?.first?["rows"] as? Int == 4)
    }

    /// 10.000 columns: the ones Overblik knows are found among them, the rest ignored.
    @Test func tenThousandColumns() throws {
        let folder = TemporaryFolder()
        var drop = DropBuilder()
        let lines = drop.grants.split(separator: "\n").map(String.init)
        let extra = (0..<9_988).map { "X\($0)" }.joined(separator: ";")
        let values = (0..<9_988).map { _ in "v" }.joined(separator: ";")
        drop.grants = ([lines[0] + ";" + extra] + lines.dropFirst().map { $0 + ";" + values }).joined(separator: "\n") + "\n"
        let config = drop.write(into: folder)
        let run = try syncJSON(config)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(rejected(run.json).isEmpty)
        #expect((run.json?["tables"] as? [[String: Any]])?.first?["rows"] as? Int == 2)
    }

    /// A folder where a file should be: refused with the path and why, nothing published.
    @Test func aFileThatIsAFolder() throws {
        let folder = TemporaryFolder()
        let config = DropBuilder().write(into: folder)
        try FileManager.default.removeItem(atPath: folder.file("okonomi/posteringer.csv"))
        try FileManager.default.createDirectory(atPath: folder.file("okonomi/posteringer.csv"), withIntermediateDirectories: true)
        let dir = try syncJSON(config)
        #expect(dir.status == 1)
        #expect(dir.stderr.contains("okonomi/posteringer.csv: cannot be read: det er en mappe / it is a folder"))
        #expect(SnapshotDirectory(path: folder.file("snapshots")).newest() == nil)
    }
}

@Suite("A file changing while it is read")
struct FileChangeTests {
    /// The sync compares a file's size, time and inode after reading it with those it mapped:
    /// a file appended to, or replaced, in between is noticed (and the sync refuses it).
    @Test func appendedOrReplacedIsNoticed() throws {
        let folder = TemporaryFolder()
        let path = folder.write("a.csv", "x;y\n1;2\n")
        let mapped = try #require(MappedFile(path: path))
        #expect(mapped.unchanged)
        usleep(10_000)
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        h.seekToEndOfFile()
        h.write(Data("3;4\n".utf8))
        try h.close()
        #expect(!mapped.unchanged)
        let other = try #require(MappedFile(path: path))
        try FileManager.default.removeItem(atPath: path)
        folder.write("a.csv", "x;y\n1;2\n3;4\n")
        #expect(!other.unchanged)
        let message = SyncError.fileChanged(table: .grants, path: "fagsystem/indsatser.csv").message
        #expect(message.en == "fagsystem/indsatser.csv: the file changed while it was read (is it being written right now?); nothing was published — run overblik-sync again when the export is complete")
    }
}
