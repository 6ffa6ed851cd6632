import Foundation

/// Work started on a thread of its own, whose result a caller waits for.
///
/// Not on Dispatch's global queues: on Linux those share a pool as wide as the machine's cores
/// with Swift's concurrency, so a caller that waits on one of the pool's threads (a test run's
/// tasks, two of them on a machine with two cores) can wait forever for work queued behind
/// itself. A thread of its own always runs; `concurrentPerform` inside it runs on it too.
final class OwnThread<T>: @unchecked Sendable {
    private let done = DispatchGroup()
    private let lock = NSLock()
    private var result: T?

    init(_ name: String, _ work: @escaping @Sendable () -> T) {
        done.enter()
        let thread = Thread { [self] in
            let value = work()
            lock.lock()
            result = value
            lock.unlock()
            done.leave()
        }
        thread.name = name
        thread.start()
    }

    /// The result, once the work is done (waits until then; may be asked again).
    var value: T {
        done.wait()
        lock.lock()
        defer { lock.unlock() }
        return result!  // By construction: set before the group is left, and the wait above returns only after.
    }
}
