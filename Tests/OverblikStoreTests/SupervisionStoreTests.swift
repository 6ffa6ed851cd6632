import Foundation
import GRDB
import OverblikCore
import OverblikStore
import OverblikTestSupport
import Testing

/// Ledelsestilsyn's store (management.md §3): the fixed sample (the first fixing stands), the
/// answers with their history, several writers at once, and a writer killed mid-write.
@Suite("Ledelsestilsyn: the store", .serialized)
struct SupervisionStoreTests {
    func sampled(_ id: String, _ worker: String, digest: String, fromActive: Bool = false) -> SampledGrant {
        SampledGrant(grant: Grant(caseId: id, cpr: CPR(value: 101_901_234), paragraph: Paragraph(number: 85), start: Day(ordinal: 0),
                                  caseworker: worker, team: "Bostøtte"), team: "Bostøtte", fromActive: fromActive, digest: digest)
    }

    @Test func fixOnceAnswersWithHistory() throws {
        let folder = TemporaryFolder()
        let store = try SupervisionStore(directory: folder.path)
        #expect(try store.fixed(period: "2026K4") == nil)
        let first = try store.fix(period: "2026K4", rows: [sampled("S-1", "MHA", digest: "00"), sampled("S-2", "MHA", digest: "01", fromActive: true)],
                                  who: "hep", at: "2026-11-23T10:00:00Z")
        // A second fixing (another lead at the same moment, or a later open) changes nothing.
        let second = try store.fix(period: "2026K4", rows: [sampled("S-9", "MHA", digest: "00")], who: "tla", at: "2026-11-23T10:00:01Z")
        #expect(first == second && second.by == "hep" && second.rows.map(\.grant.caseId) == ["S-1", "S-2"])
        #expect(second.rows[1].fromActive && second.rows[0].grant.caseworker == "MHA")
        // Topped up later: one more for TLA, who had none.
        var later = sampled("S-3", "TLA", digest: "05")
        later.addedLater = true
        try store.add(period: "2026K4", rows: [later])
        #expect(try store.fixed(period: "2026K4")?.rows.map(\.grant.caseId) == ["S-1", "S-2", "S-3"])
        #expect(try store.fixed(period: "2026K4")?.rows.last?.addedLater == true)
        // Answers: the newest per item, every change kept.
        let key = SupervisionAnswerEntry.key(period: "2026K4", caseId: "S-1", item: 9)
        try store.answer(SupervisionAnswerEntry(period: "2026K4", caseId: "S-1", item: 9, answer: .no, note: "ingen opfølgning", who: "hep", at: "t1"))
        try store.answer(SupervisionAnswerEntry(period: "2026K4", caseId: "S-1", item: 9, answer: .yes, note: "fundet i journalen", who: "hep", at: "t2"))
        #expect(try store.answers(period: "2026K4")[key]?.answer == .yes)
        #expect(try store.history(key: key).map(\.note) == ["ingen opfølgning", "fundet i journalen"])
        #expect(try store.answers(period: "2026K3").isEmpty)
        // Mode 0600.
        let mode = (try FileManager.default.attributesOfItem(atPath: store.path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
    }

    /// A fixing written in the background: the caller gets the sample at once; the store holds it
    /// once the write is waited for; its state tells it; a second background fixing of the period
    /// (another lead's, from another store) does not stand, and says so once.
    @Test func fixingInTheBackground() throws {
        let folder = TemporaryFolder()
        let store = try SupervisionStore(directory: folder.path), other = try SupervisionStore(directory: folder.path)
        #expect(try store.state(period: "2026K4") == nil)
        let rows = [sampled("S-1", "MHA", digest: "00"), sampled("S-2", "TLA", digest: "01")]
        let mine = try store.fix(period: "2026K4", rows: rows, who: "hep", at: "t1", inBackground: true)
        #expect(mine.by == "hep" && mine.rows.map(\.grant.caseId) == ["S-1", "S-2"])
        store.waitForWrites()
        #expect(store.takeOutcomes().isEmpty)
        #expect(try other.fixed(period: "2026K4")?.rows.map(\.grant.caseId) == ["S-1", "S-2"])
        #expect(try other.state(period: "2026K4") == SupervisionStore.State(by: "hep", at: "t1", cases: 2))
        // Another lead's fixing of the same period, begun without knowing: told as not standing.
        let theirs = try other.fix(period: "2026K4", rows: [sampled("S-9", "MHA", digest: "02")], who: "tla", at: "t2", inBackground: true)
        #expect(theirs.by == "tla")
        other.waitForWrites()
        let outcomes = other.takeOutcomes()
        #expect(outcomes.count == 1)
        if case .fixedElsewhere(let period)? = outcomes.first { #expect(period == "2026K4") } else { Issue.record("\(outcomes)") }
        #expect(other.takeOutcomes().isEmpty)
        #expect(try store.fixed(period: "2026K4")?.by == "hep" && store.state(period: "2026K4")?.cases == 2)
        // A top-up changes the state (a prepared opening is then prepared again).
        try store.add(period: "2026K4", rows: [sampled("S-3", "TLA", digest: "03")])
        #expect(try other.state(period: "2026K4")?.cases == 3)
    }

    /// A background fixing that cannot be written (its rows refused by a trigger other hands added)
    /// is told as failed, and nothing is fixed: the fixing and its rows are one transaction.
    @Test func aFailedBackgroundFixingIsTold() throws {
        let folder = TemporaryFolder()
        let store = try SupervisionStore(directory: folder.path)
        try DatabaseQueue(path: store.path).write {
            try $0.execute(sql: "CREATE TRIGGER refuse BEFORE INSERT ON sample BEGIN SELECT RAISE(ABORT, 'refused'); END")
        }
        _ = try store.fix(period: "2026K4", rows: [sampled("S-1", "MHA", digest: "00")], who: "hep", at: "t1", inBackground: true)
        store.waitForWrites()
        let outcomes = store.takeOutcomes()
        if case .failed(let period, let error)? = outcomes.first {
            #expect(period == "2026K4" && outcomes.count == 1 && "\(error)".contains("refused"))
        } else { Issue.record("\(outcomes)") }
        #expect(try DatabaseQueue(path: store.path).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM fixings") } == 0)
    }

    func writer(_ folder: TemporaryFolder, _ name: String, _ count: Int, pause: Int = 0) throws -> (Process, Pipe) {
        let p = Process(), out = Pipe()
        p.executableURL = URL(fileURLWithPath: packageRoot() + "/.build/debug/overblik-annotation-writer")
        p.arguments = [folder.path, name, String(count), String(pause), "tilsyn"]
        p.standardOutput = out
        try p.run()
        return (p, out)
    }

    /// Four processes answer 250 times each into one store at the same moment: all 1.000 are there.
    @Test func fourWritersLoseNothing() throws {
        let folder = TemporaryFolder()
        _ = try SupervisionStore(directory: folder.path)
        let writers = try ["a", "b", "c", "d"].map { try writer(folder, $0, 250, pause: 1000) }
        for (w, out) in writers { _ = out.fileHandleForReading.readDataToEndOfFile(); w.waitUntilExit() }
        #expect(writers.map(\.0.terminationStatus) == [0, 0, 0, 0])
        let store = try SupervisionStore(directory: folder.path)
        #expect(try store.count() == 1_000)
        #expect(try store.answers(period: "2026K4").count == 1_000)
    }

    /// A writer killed with SIGKILL in the middle of its answers: every answer it was told was
    /// stored is there, and the database passes SQLite's check.
    @Test func killedMidWriteLosesNoAcknowledgedAnswer() throws {
        let folder = TemporaryFolder()
        _ = try SupervisionStore(directory: folder.path)
        let (w, out) = try writer(folder, "k", 100_000)
        var acknowledged = 0, buffer = Data()
        while acknowledged < 300 {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer += chunk
            acknowledged = String(decoding: buffer, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("ok ") }.count
        }
        kill(w.processIdentifier, SIGKILL)
        w.waitUntilExit()
        buffer += out.fileHandleForReading.readDataToEndOfFile()
        let acks = String(decoding: buffer, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("ok ") }.count
        #expect(acks >= 300)
        let store = try SupervisionStore(directory: folder.path)
        #expect(try store.count() >= acks)
        let check = try DatabaseQueue(path: store.path).read { try String.fetchOne($0, sql: "PRAGMA quick_check") }
        #expect(check == "ok")
    }
}
