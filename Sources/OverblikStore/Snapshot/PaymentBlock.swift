import GRDB
import Synchronization
import OverblikCore

/// One account function's payments posted in one month, as the sync stored them (a block of
/// `payments_by_month`, 164.516 payments on L, in the file's order), read a few at a time as they
/// are shown: only the block's bytes are held (a few bytes a payment) and where every run of 64 of
/// its payments begins, found as far as the list has been read (opening the list reads its first
/// run only).
public struct PaymentBlock: Sendable {
    /// How many payments the block holds.
    public let count: Int
    /// The texts of the payments' symbols.
    public let symbols: Symbols
    private let bytes: [UInt8]
    /// Where the runs found so far begin, and the runs decoded so far, shared by the block's copies.
    private let runs = Runs()
    static let run = 64
    /// At most this many runs are kept decoded (by default 4.096: 262.144 payments, about 19 MB); then they are let go.
    private let keptRuns: Int

    /// The block as read: `count` payments (a position its bytes do not hold reads as none).
    init(bytes: [UInt8], count: Int, symbols: Symbols, keptRuns: Int = 4_096) {
        (self.bytes, self.count, self.symbols, self.keptRuns) = (bytes, max(0, count), symbols, keptRuns)
    }

    /// The payments at `positions` (from 0, in the file's order), in the order asked; nil for a
    /// position the block does not have. Each run of 64 they fall in is decoded once.
    public func payments(at positions: [Int]) -> [Payment?] {
        runs.state.withLock { state in
            bytes.withUnsafeBytes { raw in
                positions.map { p -> Payment? in
                    guard (0..<count).contains(p) else { return nil }
                    let k = p / PaymentBlock.run
                    let run: [Payment]
                    if let known = state.decoded[k] {
                        run = known
                    } else {
                        guard var cursor = state.start(of: k, in: raw) else { return nil }
                        if state.decoded.count >= keptRuns { state.decoded.removeAll(keepingCapacity: true) }
                        run = PaymentCodec.decode(raw, from: &cursor, count: PaymentBlock.run)
                        state.decoded[k] = run
                    }
                    let i = p - k * PaymentBlock.run
                    return run.indices.contains(i) ? run[i] : nil
                }
            }
        }
    }

    /// Calls `body` with every payment and its position, in the file's order, decoding the block
    /// once from its start (nothing kept: the way to read it whole, to sort it).
    public func forEach(_ body: (Int, Payment) -> Void) {
        bytes.withUnsafeBytes { raw in
            var cursor = PaymentCodec.Cursor(), position = 0
            PaymentCodec.each(raw, from: &cursor, count: count) { p in
                body(position, p)
                position += 1
            }
        }
    }
}

/// A block's runs: where those found so far begin, and those decoded (by number).
private final class Runs: Sendable {
    struct State {
        /// Where run k begins, for the runs found so far (the first from the block's start).
        var starts = [PaymentCodec.Cursor()]
        var decoded: [Int: [Payment]] = [:]

        /// Where run `k` begins, stepping over the runs before it not yet stepped over; nil when
        /// the block's bytes end before it.
        mutating func start(of k: Int, in raw: UnsafeRawBufferPointer) -> PaymentCodec.Cursor? {
            while starts.count <= k, var cursor = starts.last {
                guard PaymentCodec.skip(raw, from: &cursor, count: PaymentBlock.run) == PaymentBlock.run,
                      cursor.offset < raw.count else { return nil }
                starts.append(cursor)
            }
            return starts[k]
        }
    }
    let state = Mutex(State())
}

extension Snapshot {
    /// The payments on `function` posted in `month` of `year` as one block read a few at a time;
    /// nil when the snapshot has none for it.
    public func paymentBlock(function: String, year: Int, month: Int) throws(SnapshotError) -> PaymentBlock? {
        try read { db -> PaymentBlock? in
            let r = try RawRows(db, "SELECT count, data FROM payments_by_month WHERE function = ? AND posting_month = ?",
                                arguments: [function, year * 100 + month])
            guard try r.next() else { return nil }
            let (count, bytes) = (r.int(0), r.blob(1))  // (the block copied once, from SQLite's own buffer)
            let symbols = Symbols(texts: try String.fetchAll(db, sql: "SELECT text FROM symbols ORDER BY id"))
            return PaymentBlock(bytes: bytes, count: count, symbols: symbols)
        }
    }
}
