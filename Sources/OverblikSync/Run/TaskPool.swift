import Foundation
import OverblikStore

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
