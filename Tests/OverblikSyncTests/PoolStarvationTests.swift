import Foundation
import OverblikCore
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
}
