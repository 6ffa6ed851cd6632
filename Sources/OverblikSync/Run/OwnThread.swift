import Foundation
import OverblikStore

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

    /// `niceness` above 0 lowers the thread's priority (and that of the threads it starts): on
    /// Linux a thread's nice value is its own.
    init(_ name: String, niceness: Int32 = 0, _ work: @escaping @Sendable () -> T) {
        done.enter()
        let thread = Thread { [self] in
            if niceness > 0 { lowerPriority(niceness) }
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

/// Runs tasks 0..<count on the calling thread and `extraThreads` threads of its own (started at
/// the caller's priority, as threads are), each taking the lowest task not yet taken; returns when
/// all are done. Unlike `concurrentPerform`, no thread of Dispatch's pool runs them, so a lowered
/// priority stays with this work and leaves the pool as it was.
func perform(_ count: Int, extraThreads: Int, _ task: @escaping @Sendable (Int) -> Void) {
    final class Counter: @unchecked Sendable {
        private var next = 0
        private let lock = NSLock()
        func take(below count: Int) -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < count else { return nil }
            next += 1
            return next - 1
        }
    }
    let counter = Counter()
    let work: @Sendable () -> Void = { while let i = counter.take(below: count) { task(i) } }
    let threads = (0..<extraThreads).map { k in OwnThread("figures \(k + 1)") { work() } }
    work()
    for t in threads { _ = t.value }
}
