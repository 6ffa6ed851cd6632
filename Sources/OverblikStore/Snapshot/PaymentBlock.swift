import Dispatch
import Foundation
import GRDB
import Synchronization
import OverblikCore

/// One account function's payments posted in one month, as the sync stored them (the parts of
/// 8.192 payments of `payments_by_month`, 164.516 payments in 21 parts on L, in the file's order),
/// read a few at a time as they are shown: a part's bytes are read when a payment in it is first
/// asked for (opening the list reads its first part only), and within a part where every run of
/// 64 payments begins is found as far as it has been read.
public struct PaymentBlock: Sendable {
    /// How many payments the block holds.
    public let count: Int
    /// The texts of the payments' symbols.
    public let symbols: Symbols
    /// Where each part's payments begin (by position) and how many it holds.
    private let parts: [(first: Int, count: Int)]
    /// Reads a part's bytes from the snapshot into the array given (an error: the part reads as no payments).
    private let load: @Sendable (Int, inout [UInt8]) throws -> Void
    private let state: Parts
    static let run = 64
    /// At most this many runs are kept decoded (by default 4.096: 262.144 payments, about 19 MB); then they are let go.
    private let keptRuns: Int

    /// The block of `counts[k]` payments in part k, each part's bytes as `load` reads them.
    package init(counts: [Int], symbols: Symbols, keptRuns: Int = 4_096, load: @escaping @Sendable (Int) throws -> [UInt8]) {
        self.init(counts: counts, sizes: [], symbols: symbols, keptRuns: keptRuns) { k, bytes in bytes = try load(k) }
    }

    /// The same, where part k holds `sizes[k]` bytes, which `load` appends to the array it is given:
    /// the arrays are made here, on the thread that opens the block (the screen's, whose freed
    /// memory is at hand), not on the thread that reads ahead, where each page of them would be
    /// fresh from the kernel.
    package init(counts: [Int], sizes: [Int], symbols: Symbols, keptRuns: Int = 4_096,
                 load: @escaping @Sendable (Int, inout [UInt8]) throws -> Void) {
        var parts: [(first: Int, count: Int)] = [], first = 0
        for n in counts {
            parts.append((first, max(0, n)))
            first += max(0, n)
        }
        (self.parts, self.count, self.symbols, self.keptRuns, self.load) = (parts, first, symbols, keptRuns, load)
        state = Parts(reserving: sizes)
    }

    /// The block as one part: `count` payments (a position its bytes do not hold reads as none).
    package init(bytes: [UInt8], count: Int, symbols: Symbols, keptRuns: Int = 4_096) {
        self.init(counts: [count], symbols: symbols, keptRuns: keptRuns) { _ in bytes }
    }

    /// The part holding `position` (the last whose first position is at or before it).
    private func part(of position: Int) -> Int {
        var (low, high) = (0, parts.count - 1)
        while low < high {
            let mid = (low + high + 1) / 2
            if parts[mid].first <= position { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The payments at `positions` (from 0, in the file's order), in the order asked; nil for a
    /// position the block does not have. Each run of 64 they fall in is decoded once.
    public func payments(at positions: [Int]) -> [Payment?] {
        state.parts.withLock { known in
            positions.map { p -> Payment? in
                guard (0..<count).contains(p) else { return nil }
                let k = part(of: p), local = p - parts[k].first, key = RunKey(part: k, run: local / PaymentBlock.run)
                let run: [Payment]
                if let decoded = known.decoded[key] {
                    run = decoded
                } else {
                    guard let bytes = known.bytes(of: k, load) else { return nil }
                    run = bytes.withUnsafeBytes { raw -> [Payment] in
                        guard var cursor = known.start(of: key.run, part: k, in: raw) else { return [] }
                        return PaymentCodec.decode(raw, from: &cursor, count: PaymentBlock.run)
                    }
                    if known.decoded.count >= keptRuns { known.decoded.removeAll(keepingCapacity: true) }
                    known.decoded[key] = run
                }
                let i = local % PaymentBlock.run
                return run.indices.contains(i) ? run[i] : nil
            }
        }
    }

    /// How many parts the block is stored in.
    public var partCount: Int { parts.count }

    /// Starts reading the bytes of every part not read yet on a thread of its own, in order, while
    /// the list is shown, so that sorting or filtering it, which reads every payment, does not wait
    /// for the disk. The block's lock is held only to take and to store a part (what is shown does
    /// not wait for a read); what reads the block whole meanwhile takes each part as it comes,
    /// sleeping until it does (not spinning on the lock, nor reading it again itself).
    public func readAheadInBackground() {
        guard state.startReadingAhead() else { return }
        let (parts, state, load) = (parts, state, load)
        Thread.detachNewThread {
            defer { state.stopReadingAhead() }
            for k in parts.indices { state.readAhead(k, load) }
        }
    }

    /// Calls `body` with every payment and its position, in the file's order, decoding each part
    /// once from its start (no runs kept: the way to read the block whole).
    public func forEach(_ body: (Int, Payment) -> Void) {
        eachPart { first, count, raw in
            var cursor = PaymentCodec.Cursor(), position = first
            PaymentCodec.each(raw, from: &cursor, count: count) { p in
                body(position, p)
                position += 1
            }
        }
    }

    /// Calls `body` with every payment's record and its position, in the file's order (the way to
    /// sort the block: no text made per payment).
    package func forEachRaw(_ body: (Int, PaymentCodec.RawPayment) -> Void) {
        forEachRaw(inParts: parts.indices, body)
    }

    /// The same, for the payments of the parts in `range` only.
    private func forEachRaw(inParts range: Range<Int>, _ body: (Int, PaymentCodec.RawPayment) -> Void) {
        eachPart(in: range) { first, count, raw in
            var cursor = PaymentCodec.Cursor(), position = first
            PaymentCodec.eachRaw(raw, from: &cursor, count: count) { p in
                body(position, p)
                position += 1
            }
        }
    }

    /// The same as `forEachRaw`, on the calling thread and one more: `body` is called from both at
    /// once (each part whole on one of them, in order within it), so it may only write what
    /// belongs to the position it is given. The parts are taken in order by whichever thread is
    /// free: while one waits for a part (read ahead, or read by the other), the other decodes.
    package func forEachRawOnTwoThreads(_ body: @Sendable (Int, PaymentCodec.RawPayment) -> Void) {
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(2, parts.count)) { _ in
            while case let k = next.wrappingAdd(1, ordering: .relaxed).oldValue, k < parts.count {
                forEachRaw(inParts: k..<k + 1, body)
            }
        }
    }

    /// Calls `body` with each part's first position, count and bytes, in order (a part that cannot be read is left out).
    private func eachPart(in range: Range<Int>? = nil, _ body: (Int, Int, UnsafeRawBufferPointer) -> Void) {
        for k in range ?? parts.indices {
            guard let bytes = state.bytes(of: k, load) else { continue }
            bytes.withUnsafeBytes { body(parts[k].first, parts[k].count, $0) }
        }
    }
}

/// A run of a part.
private struct RunKey: Hashable { var part: Int, run: Int }

/// A block's parts as read so far: their bytes, where their runs found so far begin, and the runs
/// decoded (shared by the block's copies).
private final class Parts: Sendable {
    struct State {
        var bytes: [Int: [UInt8]] = [:]
        /// The arrays the parts not yet read will be read into, made with room for them (empty where
        /// the size was not known).
        var room: [[UInt8]] = []
        /// Where run k of a part begins, for the runs found so far (the first from the part's start).
        var starts: [Int: [PaymentCodec.Cursor]] = [:]
        var decoded: [RunKey: [Payment]] = [:]

        /// Part `k`'s bytes, read the first time they are asked for; nil when they cannot be read.
        mutating func bytes(of k: Int, _ load: (Int, inout [UInt8]) throws -> Void) -> [UInt8]? {
            if let known = bytes[k] { return known }
            var read = takeRoom(k)
            do { try load(k, &read) } catch { return nil }
            bytes[k] = read
            return read
        }

        /// The array part `k` is to be read into (empty, with room for it where its size is known).
        mutating func takeRoom(_ k: Int) -> [UInt8] {
            var taken: [UInt8] = []
            if room.indices.contains(k) { swap(&taken, &room[k]) }
            return taken
        }

        /// Where run `r` of part `k` begins, stepping over the runs before it not yet stepped
        /// over; nil when the part's bytes end before it.
        mutating func start(of r: Int, part k: Int, in raw: UnsafeRawBufferPointer) -> PaymentCodec.Cursor? {
            var found = starts[k] ?? [PaymentCodec.Cursor()]
            defer { starts[k] = found }
            while found.count <= r, var cursor = found.last {
                guard PaymentCodec.skip(raw, from: &cursor, count: PaymentBlock.run) == PaymentBlock.run,
                      cursor.offset < raw.count else { return nil }
                found.append(cursor)
            }
            return found[r]
        }
    }
    let parts: Mutex<State>
    /// Whether a thread reads the parts ahead; `arrived` is told each time it has read one, and
    /// when it stops.
    private let readingAhead = Atomic<Bool>(false)
    private let arrived = NSCondition()

    /// Whether the reading ahead starts now (false: it has started before).
    func startReadingAhead() -> Bool {
        !readingAhead.exchange(true, ordering: .acquiringAndReleasing)
    }

    func stopReadingAhead() {
        arrived.lock()
        readingAhead.store(false, ordering: .releasing)
        arrived.broadcast()
        arrived.unlock()
    }

    /// Reads part `k` unless it is read already, the lock held only to take its room and to store it.
    func readAhead(_ k: Int, _ load: (Int, inout [UInt8]) throws -> Void) {
        guard var read = parts.withLock({ $0.bytes[k] == nil ? $0.takeRoom(k) : nil }) else { return }
        // (One that cannot be read is left: whoever asks for it then tries, and finds nothing.)
        guard (try? load(k, &read)) != nil else { return }
        parts.withLock { if $0.bytes[k] == nil { $0.bytes[k] = read } }
        arrived.lock()
        arrived.broadcast()
        arrived.unlock()
    }

    /// Part `k`'s bytes: while a thread reads the parts ahead and has not read this one, after
    /// waiting for it; else read now if they are not yet. nil when they cannot be read.
    func bytes(of k: Int, _ load: (Int, inout [UInt8]) throws -> Void) -> [UInt8]? {
        if readingAhead.load(ordering: .acquiring) {
            arrived.lock()
            while readingAhead.load(ordering: .acquiring) && parts.withLock({ $0.bytes[k] == nil }) { arrived.wait() }
            arrived.unlock()
        }
        return parts.withLock { $0.bytes(of: k, load) }
    }

    /// `sizes[k]`: part k's bytes, room made for each now.
    init(reserving sizes: [Int]) {
        var state = State()
        state.room = sizes.map { n in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(max(0, n))
            return bytes
        }
        parts = Mutex(state)
    }
}

extension Snapshot {
    /// The payments on `function` posted in `month` of `year` as one block read a few at a time
    /// (only the parts' counts are read now); nil when the snapshot has none for it.
    public func paymentBlock(function: String, year: Int, month: Int) throws(SnapshotError) -> PaymentBlock? {
        let posted = year * 100 + month
        return try read { db -> PaymentBlock? in
            // (The counts only: a part's bytes lie on pages of their own, not read here.)
            var counts: [Int] = [], sizes: [Int] = []
            let rows = try RawRows(db, "SELECT count, length(data) FROM payments_by_month WHERE function = ? AND posting_month = ? ORDER BY part",
                                   arguments: [function, posted])
            while try rows.next() {
                counts.append(rows.int(0))
                sizes.append(rows.int(1))
            }
            guard !counts.isEmpty else { return nil }
            let symbols = Symbols(texts: try String.fetchAll(db, sql: "SELECT text FROM symbols ORDER BY id"))
            return PaymentBlock(counts: counts, sizes: sizes, symbols: symbols) { [self] k, bytes in
                try read { db in
                    let r = try RawRows(db, "SELECT data FROM payments_by_month WHERE function = ? AND posting_month = ? AND part = ?",
                                        arguments: [function, posted, k])
                    if try r.next() { r.appendBlob(0, to: &bytes) }
                }
            }
        }
    }
}
