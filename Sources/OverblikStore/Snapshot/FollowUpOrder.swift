import OverblikCore

/// One sort of the follow-up list as `follow_up_orders` stores it (see the schema): the lines
/// without a key first, then by key, equal keys in position order.
package struct FollowUpOrder: Equatable {
    /// Each line's position - 1, in the order.
    package var positions: [Int32]
    /// Each line's key, in the order (nil for the first `nulls`).
    package var keys: [Int64?]

    /// The order of lines `keys` (by position - 1), as SQLite's `ORDER BY key, position` gives it.
    package init(keys: [Int64?]) {
        var empty: [Int32] = [], keyed: [Int32] = [], bits: [UInt64] = []
        for (p, key) in keys.enumerated() {
            if let key {
                keyed.append(Int32(truncatingIfNeeded: p))
                bits.append(UInt64(bitPattern: key) ^ (1 << 63))  // (signed order as unsigned)
            } else {
                empty.append(Int32(truncatingIfNeeded: p))
            }
        }
        let order = stableOrder(of: bits)
        positions = empty + order.map { keyed[$0] }
        self.keys = empty.map { _ in nil } + order.map { Int64(bitPattern: bits[$0] ^ (1 << 63)) }
    }

    /// The order read back from its columns (a blob cut short reads as fewer lines).
    package init(nulls: Int, positions: [UInt8], keys: [UInt8]) {
        let read = PackedIntegers.integers(positions, Int32.self), values = PackedIntegers.integers(keys, Int64.self)
        let n = min(max(0, nulls), read.count)
        self.positions = Array(read.prefix(n + values.count))
        self.keys = Array(repeating: nil, count: n) + values.prefix(self.positions.count - n).map { Optional($0) }
    }

    /// How many lines have no key.
    package var nulls: Int { keys.prefix { $0 == nil }.count }

    /// The positions as the `positions` column stores them.
    package var positionBytes: [UInt8] { PackedIntegers.bytes(positions) }
    /// The keys of the lines with one as the `keys` column stores them.
    package var keyBytes: [UInt8] { PackedIntegers.bytes(keys.compactMap { $0 }) }
}

/// Integers as a blob holds them: each little-endian, one after the other.
package enum PackedIntegers {
    package static func bytes<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(values.count * MemoryLayout<T>.size)
        for v in values { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        return out
    }

    /// The whole integers of `bytes` (a blob cut short reads as fewer).
    package static func integers<T: FixedWidthInteger>(_ bytes: [UInt8], _: T.Type) -> [T] {
        let size = MemoryLayout<T>.size
        var out = [T]()
        out.reserveCapacity(bytes.count / size)
        bytes.withUnsafeBytes { raw in
            for i in 0..<(raw.count / size) { out.append(T(littleEndian: raw.loadUnaligned(fromByteOffset: i * size, as: T.self))) }
        }
        return out
    }
}
