import GRDB
import Synchronization
import OverblikCore

/// One account function's payments posted in one month, as the sync stored them (a block of
/// `payments_by_month`, 164.516 payments on L, in citizen order), read a few at a time as they
/// are shown, in the file's order: only the block's bytes are held (a few bytes a payment), where
/// every run of 64 of its payments begins, and their order by line (4 bytes a payment).
public struct PaymentBlock: Sendable {
    /// How many payments the block holds.
    public let count: Int
    /// The texts of the payments' symbols.
    public let symbols: Symbols
    private let bytes: [UInt8]
    /// Where payment `k × run` of the block begins, for every k.
    private let starts: [PaymentCodec.Cursor]
    /// The block's payments in the file's order (by line): their places in the block (none: the
    /// block is in that order).
    private let byLine: [Int32]
    /// The runs decoded so far (a list read whole, to sort or filter it, decodes each run once).
    private let decoded = DecodedRuns()
    static let run = 64
    /// At most this many runs are kept decoded (by default 4.096: 262.144 payments, about 19 MB); then they are let go.
    private let keptRuns: Int

    /// The block as read: `count` payments or the fewer its bytes hold.
    init(bytes: [UInt8], count: Int, symbols: Symbols, keptRuns: Int = 4_096) {
        var starts: [PaymentCodec.Cursor] = [], keys: [UInt64] = [], cursor = PaymentCodec.Cursor()
        var ascending = true, last: Int64 = .min
        keys.reserveCapacity(count)
        bytes.withUnsafeBytes { raw in
            while keys.count < count {
                if keys.count % PaymentBlock.run == 0 { starts.append(cursor) }
                // The line above the place, so that one sort of plain numbers orders the places by line.
                guard let line = PaymentCodec.skip(raw, from: &cursor) else { break }
                keys.append(UInt64(truncatingIfNeeded: line) << 32 | UInt64(keys.count))
                if line < last { ascending = false }
                last = line
            }
        }
        // A block in the file's order (an export made citizen by citizen) is its own order by line.
        if !ascending { radixSort(&keys, above: 32) }  // (by line; the places rise within a line)
        (self.bytes, self.count, self.symbols, self.starts, self.keptRuns) = (bytes, keys.count, symbols, starts, keptRuns)
        byLine = ascending ? [] : keys.map { Int32(truncatingIfNeeded: $0 & 0xFFFF_FFFF) }
    }

    /// The payments at `positions` (from 0, in the file's order), in the order asked; nil for a
    /// position the block does not have. Each run of 64 they fall in is decoded once.
    public func payments(at positions: [Int]) -> [Payment?] {
        decoded.runs.withLock { runs in
            bytes.withUnsafeBytes { raw in
                positions.map { p -> Payment? in
                    guard (0..<count).contains(p) else { return nil }
                    let place = byLine.isEmpty ? p : Int(byLine[p]), k = place / PaymentBlock.run
                    let run: [Payment]
                    if let known = runs[k] {
                        run = known
                    } else {
                        if runs.count >= keptRuns { runs.removeAll(keepingCapacity: true) }
                        var cursor = starts[k]
                        run = PaymentCodec.decode(raw, from: &cursor, count: PaymentBlock.run)
                        runs[k] = run
                    }
                    let i = place - k * PaymentBlock.run
                    return run.indices.contains(i) ? run[i] : nil
                }
            }
        }
    }
}

/// A block's decoded runs by number, shared by its copies.
private final class DecodedRuns: Sendable {
    let runs = Mutex<[Int: [Payment]]>([:])
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
