import Dispatch
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
    /// A part's bytes, read from the snapshot (an error: the part reads as no payments).
    private let load: @Sendable (Int) throws -> [UInt8]
    private let state = Parts()
    static let run = 64
    /// At most this many runs are kept decoded (by default 4.096: 262.144 payments, about 19 MB); then they are let go.
    private let keptRuns: Int

    /// The block of `counts[k]` payments in part k, each part's bytes as `load` reads them.
    package init(counts: [Int], symbols: Symbols, keptRuns: Int = 4_096, load: @escaping @Sendable (Int) throws -> [UInt8]) {
        var parts: [(first: Int, count: Int)] = [], first = 0
        for n in counts {
            parts.append((first, max(0, n)))
            first += max(0, n)
        }
        (self.parts, self.count, self.symbols, self.keptRuns, self.load) = (parts, first, symbols, keptRuns, load)
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

    /// Reads the bytes of every part not read yet, a part at a time (what is shown waits for one
    /// part at most): on a thread of its own while the list is shown, so that sorting or filtering
    /// it, which reads every payment, does not wait for the disk.
    public func readAll() {
        for k in parts.indices { _ = state.parts.withLock { $0.bytes(of: k, load) } }
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

    /// The same as `forEachRaw`, the parts shared out between the calling thread and one more:
    /// `body` is called from both at once (each part whole on one of them, in order within it),
    /// so it may only write what belongs to the position it is given.
    package func forEachRawOnTwoThreads(_ body: @Sendable (Int, PaymentCodec.RawPayment) -> Void) {
        let halves = parts.count > 1 ? [0..<parts.count / 2, parts.count / 2..<parts.count] : [0..<parts.count]
        DispatchQueue.concurrentPerform(iterations: halves.count) { h in forEachRaw(inParts: halves[h], body) }
    }

    /// Calls `body` with each part's first position, count and bytes, in order (a part that cannot be read is left out).
    private func eachPart(in range: Range<Int>? = nil, _ body: (Int, Int, UnsafeRawBufferPointer) -> Void) {
        for k in range ?? parts.indices {
            guard let bytes = state.parts.withLock({ $0.bytes(of: k, load) }) else { continue }
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
        /// Where run k of a part begins, for the runs found so far (the first from the part's start).
        var starts: [Int: [PaymentCodec.Cursor]] = [:]
        var decoded: [RunKey: [Payment]] = [:]

        /// Part `k`'s bytes, read the first time they are asked for; nil when they cannot be read.
        mutating func bytes(of k: Int, _ load: (Int) throws -> [UInt8]) -> [UInt8]? {
            if let known = bytes[k] { return known }
            guard let read = try? load(k) else { return nil }
            bytes[k] = read
            return read
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
    let parts = Mutex(State())
}

extension Snapshot {
    /// The payments on `function` posted in `month` of `year` as one block read a few at a time
    /// (only the parts' counts are read now); nil when the snapshot has none for it.
    public func paymentBlock(function: String, year: Int, month: Int) throws(SnapshotError) -> PaymentBlock? {
        let posted = year * 100 + month
        return try read { db -> PaymentBlock? in
            // (The counts only: a part's bytes lie on pages of their own, not read here.)
            let counts = try Int.fetchAll(db, sql: "SELECT count FROM payments_by_month WHERE function = ? AND posting_month = ? ORDER BY part",
                                          arguments: [function, posted])
            guard !counts.isEmpty else { return nil }
            let symbols = Symbols(texts: try String.fetchAll(db, sql: "SELECT text FROM symbols ORDER BY id"))
            return PaymentBlock(counts: counts, symbols: symbols) { [self] k in
                try read { db -> [UInt8] in
                    let r = try RawRows(db, "SELECT data FROM payments_by_month WHERE function = ? AND posting_month = ? AND part = ?",
                                        arguments: [function, posted, k])
                    return try r.next() ? r.blob(0) : []
                }
            }
        }
    }
}
