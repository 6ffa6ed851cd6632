import Foundation

/// Lowers the calling thread's priority to nice `n`, never raising it (a thread may always lower
/// its own; Linux keeps the value per thread, and `who` 0 is the calling thread): the sync's
/// figures below its writer, the TUI's reading ahead below its keys.
package func lowerPriority(_ n: Int32) {
    #if os(Linux)
    let which = __priority_which_t(PRIO_PROCESS.rawValue)
    #else
    let which = PRIO_PROCESS
    #endif
    errno = 0
    let current = getpriority(which, 0)
    guard errno == 0, current < n else { return }
    _ = setpriority(which, 0, n)
}

/// Work started on a thread of its own, whose result a caller waits for.
///
/// Not on Dispatch's global queues: on Linux those share a pool as wide as the machine's cores
/// with Swift's concurrency, so a caller that waits on one of the pool's threads (a test run's
/// tasks, two of them on a machine with two cores) can wait forever for work queued behind
/// itself. A thread of its own always runs; `concurrentPerform` inside it runs on it too.
package final class OwnThread<T>: @unchecked Sendable {
    private let done = DispatchGroup()
    private let lock = NSLock()
    private var result: T?

    /// `niceness` above 0 lowers the thread's priority (and that of the threads it starts): on
    /// Linux a thread's nice value is its own.
    package init(_ name: String, niceness: Int32 = 0, _ work: @escaping @Sendable () -> T) {
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
    package var value: T {
        done.wait()
        lock.lock()
        defer { lock.unlock() }
        return result!  // By construction: set before the group is left, and the wait above returns only after.
    }
}
