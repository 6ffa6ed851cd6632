import Foundation
import OverblikCore
import OverblikStore

/// One packed block of payments, ready to insert: per citizen (`key` the CPR number) or a part of
/// an account function's posting month (`key` the function's symbol id, `month` year × 100 + month,
/// `part` from 0).
struct PaymentBlock {
    var byMonth: Bool
    var key: Int64
    var month: Int
    var part = 0
    var count: Int
    var data: [UInt8]
}

/// Hands the blocks from the thread that encodes them to the writer that inserts them, a few
/// batches at a time: encoding (the larger part of the work) runs beside the inserts, and no
/// more than `limit` batches wait in memory.
final class PaymentBlockPipe: @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [[PaymentBlock]] = []
    private var finished = false
    private var cancelled = false
    private let limit = 4

    /// Hands a batch over, waiting while `limit` batches wait; false once the writer has given up.
    func put(_ batch: [PaymentBlock]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while ready.count >= limit && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        ready.append(batch)
        condition.broadcast()
        return true
    }

    /// No more batches will come.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, waiting for it; nil when every batch has been taken.
    func take() -> [PaymentBlock]? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !finished && !cancelled { condition.wait() }
        guard !ready.isEmpty, !cancelled else { return nil }
        condition.broadcast()
        return ready.removeFirst()
    }

    /// The batches ready now, without waiting (none when the encoder has not got further).
    func takeReady() -> [[PaymentBlock]] {
        condition.lock()
        defer { condition.unlock() }
        guard !ready.isEmpty, !cancelled else { return [] }
        defer { ready = [] }
        condition.broadcast()
        return ready
    }

    /// The writer stops taking (it failed): the encoder stops at its next batch.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}

enum PaymentBlocks {
    /// The payments of a part of a function's posting month (the last part holds the rest).
    static let partSize = 8_192

    /// Starts encoding the blocks on a thread of their own: first one per citizen (in file order
    /// within a citizen), then one per function and posting month in parts of `partSize` (in file order within).
    static func start(_ payments: [Payment]) -> PaymentBlockPipe {
        let pipe = PaymentBlockPipe()
        let thread = Thread { encode(payments, into: pipe) }
        thread.name = "payment blocks"
        thread.start()
        return pipe
    }

    private static func encode(_ payments: [Payment], into pipe: PaymentBlockPipe) {
        defer { pipe.finish() }
        var timer = PhaseTimer(prefix: "    payment blocks ")
        var batch: [PaymentBlock] = [], bytes = 0
        /// False once the writer has given up.
        func emit(_ block: PaymentBlock) -> Bool {
            bytes += block.data.count
            batch.append(block)
            guard batch.count >= 4096 || bytes >= 8 << 20 else { return true }
            defer { batch = []; bytes = 0 }
            return pipe.put(batch)
        }
        payments.withUnsafeBufferPointer { p in
            var positions: [Int] = [], scratch: [UInt8] = []
            // By citizen, in file order within a citizen. An export made citizen by citizen (the
            // usual one) is taken as it is; any other is put in that order by one sort of plain
            // numbers (the CPR number above the position; at national scale 78 MB while it lasts).
            let mask: UInt64 = (1 << 28) - 1
            let inCitizenOrder = p.indices.dropFirst().allSatisfy { p[$0 - 1].cpr <= p[$0].cpr }
            var byCitizen: [UInt32] = []
            if !inCitizenOrder {
                var order = (0..<p.count).map { UInt64(p[$0].cpr.value) << 28 | UInt64($0) }
                radixSort(&order, above: 28)  // made in position order: stable on the CPR keeps it within a citizen
                byCitizen = order.map { UInt32($0 & mask) }
            }
            @inline(__always) func citizenOrdered(_ k: Int) -> Int { inCitizenOrder ? k : Int(byCitizen[k]) }
            /// The block of the payments at `positions`; false once the writer has given up.
            func emitBlock(byMonth: Bool, key: Int64, month: Int, part: Int = 0, _ positions: ArraySlice<Int>) -> Bool {
                var block: [UInt8] = []
                positions.withUnsafeBufferPointer { PaymentCodec.encode($0, of: p, into: &block, scratch: &scratch) }
                return emit(PaymentBlock(byMonth: byMonth, key: key, month: month, part: part, count: positions.count, data: block))
            }
            var i = 0
            while i < p.count {
                let cpr = p[citizenOrdered(i)].cpr
                positions.removeAll(keepingCapacity: true)
                while i < p.count && p[citizenOrdered(i)].cpr == cpr { positions.append(citizenOrdered(i)); i += 1 }
                guard emitBlock(byMonth: false, key: cpr.value, month: 0, positions[...]) else { return }
            }
            timer.lap("by citizen")
            // Per function and posting month (year * 100 + month), in file order within (the order
            // the TUI shows a month's payments in, so that it need not sort them to open the list):
            // keyed by the function's symbol, with the position below the key so that one plain
            // sort keeps the file's order.
            let month = PostingMonths(p)
            var order = [UInt64](repeating: 0, count: p.count)
            for k in order.indices {
                order[k] = UInt64(p[k].function.id) << 48 | UInt64(month[p[k].postingDate]) << 28 | UInt64(k)
            }
            radixSort(&order, above: 28)  // made in file order: kept within a function and month
            i = 0
            while i < order.count {
                let key = order[i] >> 28
                positions.removeAll(keepingCapacity: true)
                while i < order.count && order[i] >> 28 == key { positions.append(Int(order[i] & mask)); i += 1 }
                // In parts of `partSize` (a list opens on its first part, not the whole month's bytes).
                for (n, start) in stride(from: 0, to: positions.count, by: PaymentBlocks.partSize).enumerated() {
                    let part = positions[start..<min(positions.count, start + PaymentBlocks.partSize)]
                    guard emitBlock(byMonth: true, key: Int64(key >> 20), month: Int(key & 0xFFFFF), part: n, part) else { return }
                }
            }
            if !batch.isEmpty { _ = pipe.put(batch) }
            timer.lap("by function and month")
        }
    }
}

/// Year × 100 + month of the payments' posting days, from a table with one entry per day of their
/// range: the calendar's arithmetic (divisions) once per day, not once per payment (on LC 3,3
/// million payments over a few years' days). A range wider than `limit` days (a stray date far
/// off) is computed per payment.
struct PostingMonths {
    static let limit = 20_000
    private let first: Int32
    private let table: [UInt32]

    init(_ payments: UnsafeBufferPointer<Payment>) {
        var low = Int32.max, high = Int32.min
        for p in payments {
            low = min(low, p.postingDate.ordinal)
            high = max(high, p.postingDate.ordinal)
        }
        first = low
        table = low <= high && Int(high) - Int(low) < PostingMonths.limit
            ? (low...high).map { PostingMonths.compute(Day(ordinal: $0)) } : []
    }

    subscript(day: Day) -> UInt32 {
        let i = Int(day.ordinal) - Int(first)
        return i >= 0 && i < table.count ? table[i] : PostingMonths.compute(day)
    }

    private static func compute(_ day: Day) -> UInt32 {
        let c = day.components
        return UInt32(truncatingIfNeeded: c.year * 100 + c.month)
    }
}
