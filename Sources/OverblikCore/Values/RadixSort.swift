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
        scatter(keys, into: &scratch, counts: &counts) { Int(($0 >> s) & 0xFFFF) }
        swap(&keys, &scratch)
        shift += 16
    }
}

/// The positions of `keys` ordered by their keys, equal keys in position order: a
/// least-significant-digit radix sort that carries the positions along beside the keys, a byte a
/// pass (two bytes for 65.536 keys or more: half the passes, the buckets' counts still few
/// beside the keys), the digits counted in one pass first and those that never differ skipped (a
/// list's sort in a few passes over it, where a comparing sort takes 17 comparisons a row for 164.516).
public func stableOrder(of keys: [UInt64]) -> [Int] {
    guard keys.count > 1 else { return Array(keys.indices) }
    // Keys already in order (a list in the order of its file, sorted by the column it came sorted
    // by), or in the reverse order without ties: told in one pass that stops at the first key
    // that is neither, so the sort moves nothing.
    var ascending = true, descending = true
    for i in 1..<keys.count {
        if keys[i - 1] > keys[i] { ascending = false }
        if keys[i - 1] <= keys[i] { descending = false }
        if !ascending && !descending { break }
    }
    if ascending { return Array(keys.indices) }
    if descending { return keys.indices.reversed() }
    struct Entry { var key: UInt64; var position: Int }
    let bits = keys.count >= 1 << 16 ? 16 : 8, digits = 64 / bits, radix = 1 << bits, mask = UInt64(radix - 1)
    var counts = [Int](repeating: 0, count: digits * radix)
    counts.withUnsafeMutableBufferPointer { c in
        for k in keys {
            for d in 0..<digits { c[d * radix + Int((k >> UInt64(bits * d)) & mask)] += 1 }
        }
    }
    var entries = keys.enumerated().map { Entry(key: $0.element, position: $0.offset) }
    var scratch = entries
    for d in 0..<digits {
        let shift = UInt64(bits * d)
        var next = Array(counts[(d * radix)..<((d + 1) * radix)])
        if next.contains(keys.count) { continue }  // one value of the digit for all: nothing to move
        scatter(entries, into: &scratch, counts: &next) { Int(($0.key >> shift) & mask) }
        swap(&entries, &scratch)
    }
    return entries.map(\.position)
}

/// One pass of a radix sort: each element of `from` put into `to` after those of smaller digits
/// and those of its digit before it; `counts` holds how many elements have each digit (it is
/// used up).
@inline(__always)
private func scatter<T>(_ from: [T], into to: inout [T], counts: inout [Int], digit: (T) -> Int) {
    var total = 0
    for d in counts.indices { (counts[d], total) = (total, total + counts[d]) }
    from.withUnsafeBufferPointer { from in
        to.withUnsafeMutableBufferPointer { to in
            counts.withUnsafeMutableBufferPointer { next in
                for e in from {
                    let d = digit(e)
                    to[next[d]] = e
                    next[d] += 1
                }
            }
        }
    }
}
