import Foundation
import OverblikSnapshotWriter
import GRDB
import OverblikStore
import OverblikTestSupport
import Testing

/// `overblik-sync` killed with SIGKILL at every named point of a run (`StopPoint.all`: reading each
/// table, computing, each step of writing, publishing, pruning): the sync stops itself there
/// (`OVERBLIK_STOP_AT`), the test kills it, and then every snapshot in the folder opens, passes
/// SQLite's integrity check and is whole (the previous one or the new one, never half of one),
/// and the next sync publishes and clears what the killed one left. Every point is hit on every
/// run, whatever the machine's speed.
@Suite("Crash safety", .serialized)
struct CrashSafetyTests {
    /// The state letter of a process (`T` when stopped), from /proc; nil once it is gone.
    func state(of pid: Int32) -> Character? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        return stat[close...].dropFirst(2).first
    }

    @Test func killedAtEveryPointLeavesOnlyWholeSnapshots() throws {
        let folder = TemporaryFolder()
        let config = sampledataDrop(in: folder) { $0.replacingOccurrences(of: "keep = 5", with: "keep = 50") }
        let first = try runExecutable("overblik-sync", ["--config", config, "--today", "2026-11-23", "--quiet"])
        #expect(first.status == 0)
        let directory = SnapshotDirectory(path: folder.file("snapshots"))
        var killed: [String] = []
        for point in StopPoint.all {
            let before = Set(directory.snapshots())
            let p = Process()
            p.executableURL = URL(fileURLWithPath: packageRoot() + "/.build/debug/overblik-sync")
            p.arguments = ["--config", config, "--today", "2026-11-23", "--quiet"]
            var env = ProcessInfo.processInfo.environment
            env[StopPoint.environmentName] = point
            env["OVERBLIK_NOW"] = fixedNow
            p.environment = env
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            // Wait (without a clock: by polling, up to ~2 minutes) until it has stopped itself at the point.
            var stopped = false
            for _ in 0..<12_000 where p.isRunning {
                if state(of: p.processIdentifier) == "T" { stopped = true; break }
                usleep(10_000)
            }
            #expect(stopped, "the sync never reached \(point)")
            if stopped { kill(p.processIdentifier, SIGKILL); killed.append(point) }
            p.waitUntilExit()
            #expect(p.terminationReason == .uncaughtSignal, "\(point)")
            let after = Set(directory.snapshots())
            // At most one new snapshot, none lost, and every snapshot whole.
            #expect(after.subtracting(before).count <= 1, "\(point)")
            #expect(before.subtracting(after).isEmpty, "\(point)")
            for path in after {
                let snapshot = try Snapshot(path: path)
                #expect(try snapshot.integrityCheck() == "ok", "\(point): \(path)")
                #expect(try snapshot.metadata().today.iso == "2026-11-23")
                #expect(try snapshot.dataQuality().pairs.isEmpty == false)
            }
        }
        #expect(killed == StopPoint.all)
        // The next sync publishes and removes the killed runs' temporary files.
        let last = try runExecutable("overblik-sync", ["--config", config, "--today", "2026-11-23", "--quiet"])
        #expect(last.status == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.file("snapshots")).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
        #expect(try Snapshot(path: try #require(directory.newest())).grantsAndStaff().grants.count == 1_018)
        print("crash safety: \(StopPoint.all.count) points, \(killed.count) killed there")
    }
}

@Suite("A sync while the snapshot is open")
struct OpenWhilePublishingTests {
    /// A reader (the TUI, a report) keeps working on its snapshot while a sync publishes a new one
    /// and prunes the old file away: the open file stays readable until it is closed.
    @Test func anOpenSnapshotSurvivesPublishAndPrune() throws {
        let folder = TemporaryFolder()
        var drop = DropBuilder()
        drop.config = drop.config.replacingOccurrences(of: "keep = 2", with: "keep = 0")
        let config = drop.write(into: folder)
        #expect(try runExecutable("overblik-sync", ["--config", config, "--today", "2026-11-23", "--quiet"]).status == 0)
        let directory = SnapshotDirectory(path: folder.file("snapshots"))
        let oldPath = try #require(directory.newest())
        let open = try Snapshot(path: oldPath)
        let before = try open.dataset()
        #expect(try runExecutable("overblik-sync", ["--config", config, "--today", "2026-11-23", "--quiet"]).status == 0)
        #expect(directory.newest() != oldPath)
        #expect(!FileManager.default.fileExists(atPath: oldPath))      // pruned (keep = 0: only the newest)
        #expect(try open.dataset() == before)                           // still readable through the open file
        #expect(try open.citizen(before.grants[0].cpr).grants.count == 1)
    }
}

@Suite("A damaged snapshot")
struct DamagedSnapshotTests {
    /// The newest snapshot cut in half, or with rows taken out of a table, is detected at open
    /// (SQLite's errors, the seal); `overblik report` then uses the previous one and says so.
    @Test func detectedAtOpenAndThePreviousIsUsed() throws {
        let folder = TemporaryFolder()
        let config = DropBuilder().write(into: folder)
        for _ in 0..<2 { #expect(try runExecutable("overblik-sync", ["--config", config, "--today", "2026-11-23", "--quiet"]).status == 0) }
        let directory = SnapshotDirectory(path: folder.file("snapshots"))
        let (previous, newest) = (directory.snapshots()[0], directory.snapshots()[1])

        // Rows taken out: the file is sound to SQLite, but the seal no longer matches.
        let db = try DatabaseQueue(path: newest)
        try db.write { try $0.execute(sql: "DELETE FROM grants WHERE rowid = 1") }
        try db.close()
        #expect(throws: SnapshotError.self) { try Snapshot(path: newest) }
        let report = try runExecutable("overblik", ["report", "status", "--config", config, "--today", "2026-11-23", "--lang", "en"])
        #expect(report.status == 0)
        #expect(report.stderr.contains("warning: the newest snapshot is damaged ("))
        #expect(report.stderr.contains("the checksum does not match"))
        #expect(report.stderr.contains("showing the previous one: \((previous as NSString).lastPathComponent)"))

        // Cut in half: refused too.
        let size = (try FileManager.default.attributesOfItem(atPath: newest)[.size] as! Int)
        truncate(newest, off_t(size / 2))
        #expect(throws: SnapshotError.self) { try Snapshot(path: newest) }
        #expect(try runExecutable("overblik", ["report", "team", "--config", config, "--today", "2026-11-23"]).status == 0)

        // Nothing whole left: a clear failure.
        truncate(previous, 1000)
        let none = try runExecutable("overblik", ["report", "team", "--config", config, "--today", "2026-11-23", "--lang", "en"])
        #expect(none.status == 1)
        #expect(none.stderr.hasPrefix("overblik: \(previous)"))
    }
}

@Suite("A full disk")
struct FullDiskTests {
    /// Writing the snapshot fails (a file size limit of 1 MB stands in for a full disk): a clear
    /// error, exit 1, the previous snapshot unchanged and no temporary file left.
    @Test func aFullDiskLeavesThePreviousSnapshot() throws {
        let folder = TemporaryFolder()
        let config = sampledataDrop(in: folder)
        #expect(try runExecutable("overblik-sync", ["--config", config, "--today", "2026-11-23", "--quiet"]).status == 0)
        let directory = SnapshotDirectory(path: folder.file("snapshots"))
        let before = directory.snapshots()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: before[0]))
        let sync = packageRoot() + "/.build/debug/overblik-sync"
        // The shell ignores SIGXFSZ (kept across exec), so writing past the limit fails with EFBIG.
        let run = try runProgram("/bin/bash", ["-c", "trap '' XFSZ; ulimit -f 1024; exec \(sync) --config \(config) --today 2026-11-23 --lang en"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("the snapshot could not be published"))
        #expect(run.stderr.contains("(is the disk full?); the previous snapshot is unchanged"))
        #expect(directory.snapshots() == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: before[0])) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("snapshots")).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }
}

@Suite("Per-team snapshots")
struct PerTeamSnapshotTests {
    /// With `per_team = true` each team gets a snapshot of its own holding only its citizens:
    /// its grants and staff, those citizens' payments and DST rows; none of another team's.
    @Test func eachTeamHoldsOnlyItsCitizens() throws {
        let folder = TemporaryFolder()
        let config = sampledataDrop(in: folder) { $0.replacingOccurrences(of: "keep = 5", with: "keep = 5\nper_team = true") }
        let run = try runExecutable("overblik-sync", ["--config", config, "--today", "2026-11-23", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let all = try Snapshot(path: SnapshotDirectory(path: folder.file("snapshots")).newest()!).dataset()
        let teams = try FileManager.default.contentsOfDirectory(atPath: folder.file("snapshots/teams")).sorted()
        #expect(teams == ["bostoette", "botilbud", "dagtilbud-og-beskaeftigelse"])
        var grantsSeen = 0
        for team in teams {
            let path = try #require(SnapshotDirectory(path: folder.file("snapshots/teams/\(team)")).newest())
            var info = stat()
            stat(path, &info)
            #expect(info.st_mode & 0o777 == 0o600)
            let d = try Snapshot(path: path).dataset()
            let name = d.grants[0].team
            #expect(d.grants.allSatisfy { $0.team == name })
            let citizens = Set(d.grants.map(\.cpr))
            #expect(d.payments.allSatisfy { citizens.contains($0.cpr) })
            #expect(d.dst.allSatisfy { citizens.contains($0.cpr) })
            #expect(d.payments.count == all.payments.filter { citizens.contains($0.cpr) }.count)
            #expect(d.staff.allSatisfy { $0.team == name })
            #expect(d.budget.isEmpty && d.rejected.isEmpty)
            grantsSeen += d.grants.count
        }
        #expect(grantsSeen == all.grants.filter { !$0.team.isEmpty }.count)
        // The TUI and reports open a team's folder with --snapshots.
        let report = try runExecutable("overblik", ["report", "team", "--snapshots", folder.file("snapshots/teams/botilbud"),
                                                    "--today", "2026-11-23", "--format", "csv"])
        #expect(report.status == 0)
        #expect(report.stdout.split(separator: "\r\n").count == 1 + 5)
    }
}
