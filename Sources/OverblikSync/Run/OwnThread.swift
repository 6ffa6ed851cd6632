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

/// Tasks 0..<count, each taken once, lowest first, by whichever thread asks: the threads of
/// `perform`, and any other that would otherwise wait for them (the sync's writer).
final class TaskPool: @unchecked Sendable {
    private var next = 0
    private let count: Int
    private let task: @Sendable (Int) -> Void
    private let lock = NSLock()
    /// Entered when a task is taken, left when it is done.
    private let running = DispatchGroup()

    init(count: Int, _ task: @escaping @Sendable (Int) -> Void) {
        self.count = count
        self.task = task
    }

    private func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        running.enter()
        return next - 1
    }

    /// Runs tasks on this thread until none is left to take.
    func work() {
        while let i = take() {
            task(i)
            running.leave()
        }
    }

    /// Waits until every task taken is done (call after `work`: then all are).
    func waitForAll() { running.wait() }
}

/// Runs tasks 0..<count on the calling thread and `extraThreads` threads of its own (started at
/// the caller's priority, as threads are), each taking the lowest task not yet taken; `offer`
/// may hand the pool to another thread to help; returns when all are done. Unlike
/// `concurrentPerform`, no thread of Dispatch's pool runs them, so a lowered priority stays with
/// this work and leaves the pool as it was.
func perform(_ count: Int, extraThreads: Int, offer: (TaskPool) -> Void = { _ in }, _ task: @escaping @Sendable (Int) -> Void) {
    let pool = TaskPool(count: count, task)
    offer(pool)
    let threads = (0..<extraThreads).map { k in OwnThread("figures \(k + 1)") { pool.work() } }
    pool.work()
    for t in threads { _ = t.value }
    pool.waitForAll()
}

/// A value one thread sets and others read when it is there.
final class Handoff<T>: @unchecked Sendable {
    private var stored: T?
    private let lock = NSLock()

    var value: T? {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}
