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
