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

/// The positions of `keys` ordered by their keys (by their complements when `inverted`: the
/// keys descending), equal keys in position order: a least-significant-digit radix sort that
/// carries the positions along beside the keys, over only the bits where the keys differ, 11 of
/// them a pass (2.048 buckets: their counts and the places they fill stay in the cache), the
/// digits counted while the entries are made (a list's sort in a few passes over it, where a
/// comparing sort takes 17 comparisons a row for 164.516).
public func stableOrder(of keys: [UInt64], inverted: Bool = false) -> [Int] {
    let n = keys.count
    guard n > 1 else { return Array(keys.indices) }
    let flip: UInt64 = inverted ? .max : 0
    // Keys already in order (a list in the order of its file, sorted by the column it came sorted
    // by), in the reverse order without ties, or in a few ascending runs (voucher ids that grew
    // through the file, compared as text: those of seven digits, then those of eight): told in
    // one pass that stops once the keys are none of these, so that the sort moves nothing or
    // merges the runs. The same pass finds the bits where the keys differ.
    var descending = true, differ: UInt64 = 0, runs = 1
    var runStarts = [0]
    keys.withUnsafeBufferPointer { k in
        let first = k[0]
        for i in 1..<n {
            let (a, b) = (k[i - 1] ^ flip, k[i] ^ flip)
            differ |= k[i] ^ first  // (the same bits differ between the keys as between their complements)
            if a > b {
                runs += 1
                if runs <= maxMergedRuns { runStarts.append(i) }
            }
            if a <= b { descending = false }
            if !descending && runs > maxMergedRuns {
                for j in (i + 1)..<n { differ |= k[j] ^ first }
                break
            }
        }
    }
    if runs == 1 { return Array(keys.indices) }
    if descending { return keys.indices.reversed() }
    if runs <= maxMergedRuns { return mergedRuns(keys, flip: flip, starts: runStarts) }
    guard n <= Int(UInt32.max) else { return keys.indices.sorted { (keys[$0] ^ flip, $0) < (keys[$1] ^ flip, $1) } }
    struct Entry { var key: UInt64; var position: UInt32 }
    let low = UInt64(differ.trailingZeroBitCount), width = 64 - differ.leadingZeroBitCount - Int(low)
    let bits = 11, radix = 1 << bits, mask = UInt64(radix - 1), digits = (width + bits - 1) / bits
    var counts = [Int](repeating: 0, count: digits * radix)
    var entries = [Entry](unsafeUninitializedCapacity: n) { e, made in
        keys.withUnsafeBufferPointer { k in
            counts.withUnsafeMutableBufferPointer { c in
                for i in 0..<n {
                    let key = (k[i] ^ flip) >> low
                    e[i] = Entry(key: key, position: UInt32(truncatingIfNeeded: i))
                    for d in 0..<digits { c[d * radix + Int((key >> UInt64(bits * d)) & mask)] += 1 }
                }
            }
        }
        made = n
    }
    var scratch = [Entry](unsafeUninitializedCapacity: n) { e, made in
        // (Every place is written by the first pass that moves anything before it is read.)
        e.initialize(repeating: Entry(key: 0, position: 0))
        made = n
    }
    for d in 0..<digits {
        let shift = UInt64(bits * d)
        var next = Array(counts[(d * radix)..<((d + 1) * radix)])
        if next.contains(n) { continue }  // one value of the digit for all: nothing to move
        scatter(entries, into: &scratch, counts: &next) { Int(($0.key >> shift) & mask) }
        swap(&entries, &scratch)
    }
    return [Int](unsafeUninitializedCapacity: n) { order, made in
        entries.withUnsafeBufferPointer { e in
            for i in 0..<n { order[i] = Int(e[i].position) }
        }
        made = n
    }
}

/// At most this many ascending runs are merged rather than sorted by digits.
private let maxMergedRuns = 8

/// The positions of `keys` (each xor `flip`) ordered, ties in position order, where the keys are
/// ascending runs from each of `starts`: merged two by two.
private func mergedRuns(_ keys: [UInt64], flip: UInt64, starts: [Int]) -> [Int] {
    let n = keys.count
    var order = Array(0..<n), other = order
    var runs = starts + [n]
    keys.withUnsafeBufferPointer { k in
        while runs.count > 2 {
            var merged = [0]
            order.withUnsafeBufferPointer { from in
                other.withUnsafeMutableBufferPointer { to in
                    var r = 0
                    while r + 1 < runs.count {
                        let (start, middle) = (runs[r], runs[r + 1])
                        let end = r + 2 < runs.count ? runs[r + 2] : middle
                        var (i, j, out) = (start, middle, start)
                        while i < middle && j < end {
                            // (Equal keys: the left run's first, its positions are the lower.)
                            if k[from[j]] ^ flip < k[from[i]] ^ flip { to[out] = from[j]; j += 1 } else { to[out] = from[i]; i += 1 }
                            out += 1
                        }
                        while i < middle { to[out] = from[i]; i += 1; out += 1 }
                        while j < end { to[out] = from[j]; j += 1; out += 1 }
                        merged.append(end)
                        r += 2
                    }
                }
            }
            runs = merged
            swap(&order, &other)
        }
    }
    return order
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
