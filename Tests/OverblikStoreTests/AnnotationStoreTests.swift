import Foundation
import OverblikCore
import OverblikTestSupport
import Testing
@testable import OverblikStore

@Suite("Annotation store")
struct AnnotationStoreTests {
    @Test func keepsTheWholeHistoryAndTheNewestIsCurrent() throws {
        let folder = TemporaryFolder()
        let store = try AnnotationStore(directory: folder.path)
        let key = "rateMismatch|SEL-108|0101901234|2026-03"
        try store.add(Annotation(key: key, status: .new, note: "", who: "øko", at: "2026-11-23T09:00:00Z"))
        try store.add(Annotation(key: key, status: .investigating, note: "ringer til Bostedet", who: "dat", at: "2026-11-23T10:00:00Z"))
        try store.add(Annotation(key: "other", status: .fixed, note: "rettet i fagsystemet", who: "øko", at: "2026-11-23T11:00:00Z"))
        #expect(try store.history(key: key).map(\.status) == [.new, .investigating])
        #expect(try store.current()[key]?.note == "ringer til Bostedet")
        #expect(try store.current()[key]?.who == "dat")
        #expect(try store.current().count == 2)
        // A second opening (another person, a later run) sees the same.
        #expect(try AnnotationStore(directory: folder.path).current()["other"]?.status == .fixed)
        var info = stat()
        stat(store.path, &info)
        #expect(info.st_mode & 0o777 == 0o600)
    }

    @Test func resolvedAreTheFixedOnesNoLongerFound() {
        let a = Annotation(key: "a", status: .fixed, note: "", who: "x", at: "t")
        let b = Annotation(key: "b", status: .fixed, note: "", who: "x", at: "t")
        let c = Annotation(key: "c", status: .explained, note: "", who: "x", at: "t")
        #expect(AnnotationState.resolved(current: ["a": a, "b": b, "c": c], discrepancyKeys: ["b"]) == [a])
    }

    /// Two processes write 500 annotations each into one store at the same moment: all 1.000 are there.
    @Test func twoWritersAtOnceLoseNothing() throws {
        let folder = TemporaryFolder()
        _ = try AnnotationStore(directory: folder.path)
        let writers = try ["a", "b"].map { name -> Process in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: packageRoot() + "/.build/debug/overblik-annotation-writer")
            p.arguments = [folder.path, name, "500"]
            try p.run()
            return p
        }
        for w in writers { w.waitUntilExit() }
        #expect(writers.map(\.terminationStatus) == [0, 0])
        let store = try AnnotationStore(directory: folder.path)
        #expect(try store.count() == 1_000)
        let keys = Set(try store.current().keys)
        #expect(keys.count == 1_000)
        #expect(keys.contains("onlyInEconomy|SEL-108|0101901234|a-499"))
        #expect(keys.contains("onlyInEconomy|SEL-108|0101901234|b-0"))
    }

    /// Four processes write 1.000 annotations each with random pauses (up to 2 ms): all 4.000 are there.
    @Test func fourWritersWithPausesLoseNothing() throws {
        let folder = TemporaryFolder()
        _ = try AnnotationStore(directory: folder.path)
        let writers = try ["a", "b", "c", "d"].map { name -> Process in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: packageRoot() + "/.build/debug/overblik-annotation-writer")
            p.arguments = [folder.path, name, "1000", "2000"]
            try p.run()
            return p
        }
        for w in writers { w.waitUntilExit() }
        #expect(writers.map(\.terminationStatus) == [0, 0, 0, 0])
        let store = try AnnotationStore(directory: folder.path)
        #expect(try store.count() == 4_000)
        #expect(Set(try store.current().keys).count == 4_000)
    }
}
