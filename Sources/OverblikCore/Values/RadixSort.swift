/// Sorts `keys` by their bits from `above` up, stably (equal such bits keep their order): a
/// least-significant-digit radix sort, 16 bits a pass, passes whose digit never differs skipped.
public func radixSort(_ keys: inout [UInt64], above low: Int) {
    guard keys.count > 1 else { return }
    var scratch = [UInt64](repeating: 0, count: keys.count)
    var shift = low
    while shift < 64 {
        let s = UInt64(shift)
        var counts = [Int](repeating: 0, count: 1 << 16)
        for k in keys { counts[Int((k >> s) & 0xFFFF)] += 1 }
        if counts.contains(keys.count) { shift += 16; continue }  // one digit for all: nothing to move
        var total = 0
        for d in counts.indices { (counts[d], total) = (total, total + counts[d]) }
        keys.withUnsafeBufferPointer { from in
            scratch.withUnsafeMutableBufferPointer { to in
                counts.withUnsafeMutableBufferPointer { next in
                    for k in from {
                        let d = Int((k >> s) & 0xFFFF)
                        to[next[d]] = k
                        next[d] += 1
                    }
                }
            }
        }
        swap(&keys, &scratch)
        shift += 16
    }
}

/// The positions of `keys` ordered by their keys, equal keys in position order: a
/// least-significant-digit radix sort of a byte a pass that carries the positions along beside
/// the keys, the bytes counted in one pass first and the bytes that never differ skipped (a list's
/// sort in a few passes over it, where a comparing sort takes 17 comparisons a row for 164.516).
public func stableOrder(of keys: [UInt64]) -> [Int] {
    guard keys.count > 1 else { return Array(keys.indices) }
    struct Entry { var key: UInt64; var position: Int }
    var counts = [Int](repeating: 0, count: 8 * 256)
    counts.withUnsafeMutableBufferPointer { c in
        for k in keys {
            for byte in 0..<8 { c[byte << 8 | Int((k >> UInt64(8 * byte)) & 0xFF)] += 1 }
        }
    }
    var entries = keys.enumerated().map { Entry(key: $0.element, position: $0.offset) }
    var scratch = entries
    for byte in 0..<8 {
        let shift = UInt64(8 * byte)
        var next = Array(counts[(byte << 8)..<((byte + 1) << 8)])
        if next.contains(keys.count) { continue }  // one value of the byte for all: nothing to move
        var total = 0
        for d in next.indices { (next[d], total) = (total, total + next[d]) }
        entries.withUnsafeBufferPointer { from in
            scratch.withUnsafeMutableBufferPointer { to in
                next.withUnsafeMutableBufferPointer { next in
                    for e in from {
                        let d = Int((e.key >> shift) & 0xFF)
                        to[next[d]] = e
                        next[d] += 1
                    }
                }
            }
        }
        swap(&entries, &scratch)
    }
    return entries.map(\.position)
}
