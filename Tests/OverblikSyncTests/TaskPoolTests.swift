import Foundation
import Testing
@testable import OverblikSync

/// The figures' tasks shared with a thread that would otherwise wait (the writer).
@Suite("Task pool")
struct TaskPoolTests {
    final class Ran: @unchecked Sendable {
        private var counts = [Int](repeating: 0, count: 40)
        private let lock = NSLock()
        func add(_ i: Int) { lock.lock(); counts[i] += 1; lock.unlock() }
        var all: [Int] { lock.lock(); defer { lock.unlock() }; return counts }
    }

    /// Every task runs once, whichever thread takes it, and `perform` returns only when every
    /// task is done, also one a helping thread took (the slowest is the last: taken last, by
    /// whichever thread is free then).
    @Test func everyTaskOnceAndAllDoneOnReturn() {
        for _ in 0..<5 {
            let ran = Ran()
            var helper: Thread?
            perform(40, extraThreads: 1, offer: { pool in
                helper = Thread { pool.work() }
                helper?.start()
            }) { i in
                usleep(i == 39 ? 100_000 : 1_000)
                ran.add(i)
            }
            #expect(ran.all == [Int](repeating: 1, count: 40))
        }
    }
}
