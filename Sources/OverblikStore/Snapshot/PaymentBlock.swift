import Foundation
import GRDB
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
    /// The block's payments in the file's order (by line): their places in the block.
    private let byLine: [Int32]
    static let run = 64

    /// The block as read: `count` payments or the fewer its bytes hold.
    init(bytes: [UInt8], count: Int, symbols: Symbols) {
        var starts: [PaymentCodec.Cursor] = [], keys: [UInt64] = [], cursor = PaymentCodec.Cursor()
        keys.reserveCapacity(count)
        bytes.withUnsafeBytes { raw in
            while keys.count < count {
                if keys.count % PaymentBlock.run == 0 { starts.append(cursor) }
                // The line above the place, so that one sort of plain numbers orders the places by line.
                guard let line = PaymentCodec.skip(raw, from: &cursor, count: 1).line else { break }
                keys.append(UInt64(truncatingIfNeeded: line) << 32 | UInt64(keys.count))
            }
        }
        keys.sort()
        (self.bytes, self.count, self.symbols, self.starts) = (bytes, keys.count, symbols, starts)
        byLine = keys.map { Int32(truncatingIfNeeded: $0 & 0xFFFF_FFFF) }
    }

    /// The payments at `positions` (from 0, in the file's order), in the order asked; nil for a
    /// position the block does not have. Each run of 64 they fall in is decoded once.
    public func payments(at positions: [Int]) -> [Payment?] {
        var runs: [Int: [Payment]] = [:]
        return bytes.withUnsafeBytes { raw in
            positions.map { p -> Payment? in
                guard byLine.indices.contains(p) else { return nil }
                let place = Int(byLine[p]), k = place / PaymentBlock.run
                let decoded: [Payment]
                if let known = runs[k] {
                    decoded = known
                } else {
                    var cursor = starts[k]
                    decoded = PaymentCodec.decode(raw, from: &cursor, count: PaymentBlock.run)
                    runs[k] = decoded
                }
                let i = place - k * PaymentBlock.run
                return decoded.indices.contains(i) ? decoded[i] : nil
            }
        }
    }
}

extension Snapshot {
    /// The payments on `function` posted in `month` of `year` as one block read a few at a time;
    /// nil when the snapshot has none for it.
    public func paymentBlock(function: String, year: Int, month: Int) throws(SnapshotError) -> PaymentBlock? {
        try read { db -> PaymentBlock? in
            guard let row = try Row.fetchOne(db, sql: "SELECT count, data FROM payments_by_month WHERE function = ? AND posting_month = ?",
                                             arguments: [function, year * 100 + month]) else { return nil }
            let symbols = Symbols(texts: try String.fetchAll(db, sql: "SELECT text FROM symbols ORDER BY id"))
            let data: Data = row["data"]
            return PaymentBlock(bytes: [UInt8](data), count: row["count"], symbols: symbols)
        }
    }
}
