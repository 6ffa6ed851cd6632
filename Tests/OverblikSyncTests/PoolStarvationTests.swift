import Foundation
import OverblikCore
import OverblikStore
import OverblikTestSupport
import Testing
@testable import OverblikSync

/// A sync started from every thread of Swift's concurrency pool at once must finish. The file
/// digests and the figures once ran on Dispatch's global queue, which on Linux shares that pool:
/// with every thread waiting for a digest, nothing was left to compute one, and the run hung
/// (CI's test run under a moved clock did, on two cores).
@Suite("Sync from a busy pool")
struct PoolStarvationTests {
    @Test(.timeLimit(.minutes(2))) func syncsFromEveryThreadOfThePoolAtOnce() async throws {
        let width = ProcessInfo.processInfo.activeProcessorCount + 1
        let folders = (0..<width).map { _ in TemporaryFolder() }
        let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
            for folder in folders {
                group.addTask {
                    // Blocks this pool thread until the sync is done, as a test's synchronous code does.
                    try syncSampledata(into: folder).1.sources.map { "\($0.table.rawValue) \($0.rows) \($0.sha256)" }.joined(separator: "\n")
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(outcomes.count == width)
        // Every run read the same rows and hashed the same bytes.
        #expect(Set(outcomes).count == 1)
        #expect(outcomes.first?.hasPrefix("grants ") == true)
    }

    /// The figures' threads: every task run once, on the caller and its extra thread; a thread
    /// started at a lower priority has it (and its threads too), the caller keeps its own.
    @Test func figuresRunOnceEachAtTheirOwnPriority() {
        let own = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        final class Runs: @unchecked Sendable {
            let lock = NSLock()
            var counts = [Int](repeating: 0, count: 50)
            var priorities = Set<Int32>()
        }
        let runs = Runs()
        let lowered = OwnThread("test", niceness: 10) {
            perform(50, extraThreads: 1) { i in
                let p = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
                runs.lock.lock(); runs.counts[i] += 1; runs.priorities.insert(p); runs.lock.unlock()
            }
            return getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        }
        // (Never raised above the caller's own: a process already at nice 10 or more stays where it is.)
        let expected = max(own, 10)
        #expect(lowered.value == expected)
        #expect(runs.counts == [Int](repeating: 1, count: 50))
        #expect(runs.priorities == [expected])
        #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) == own)
    }
}
