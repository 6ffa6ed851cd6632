import OverblikCore

/// Payments packed into blocks (one per citizen, one per account function and posting month):
/// at national scale ten million payment lines as rows would take most of the sync to insert and
/// index, while a block is written in one go and read in one go for a drill-down.
///
/// A block is a sequence of records, each a run of unsigned LEB128 varints (signed values
/// zigzag-encoded), most of them as differences from the record before: CPR, period start,
/// period length, posting date, amount, function, grouping, provider, paying and acting
/// municipality (the dataset's symbol ids, 0 for none), line, then the voucher id as length and
/// UTF-8 bytes. The texts of the symbols are stored once per snapshot in `symbols`.
package enum PaymentCodec {
    @inline(__always) static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }
    @inline(__always) static func unzigzag(_ u: UInt64) -> Int64 { Int64(bitPattern: u >> 1) ^ -Int64(bitPattern: u & 1) }

    /// Packs the payments at `positions` (in that order) into one block: written into `scratch`
    /// (grown to the worst case, kept between calls), then copied to `out` at its exact size. A
    /// block sized for the worst case would hold about four times its bytes until it is inserted
    /// (at national scale 150 MB of the sync's peak). (Concrete types: the writer calls it from
    /// another module, where a generic one would run unspecialised, through witness tables.)
    package static func encode(_ positions: UnsafeBufferPointer<Int>, of payments: UnsafeBufferPointer<Payment>,
                               into out: inout [UInt8], scratch: inout [UInt8]) {
        var bound = 0
        for k in positions { bound += 128 + payments[k].voucherId.utf8.count }
        if scratch.count < bound { scratch = [UInt8](repeating: 0, count: max(bound, 2 * scratch.count)) }
        let used = scratch.withUnsafeMutableBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }  // no positions: an empty block
            var w = base
            @inline(__always) func put(_ value: UInt64) {
                var v = value
                while v >= 0x80 {
                    w.pointee = UInt8(truncatingIfNeeded: v) | 0x80
                    w += 1
                    v >>= 7
                }
                w.pointee = UInt8(v)
                w += 1
            }
            var cpr: Int64 = 0, start: Int64 = 0, line: Int64 = 0
            // The payments are touched a chunk ahead in a loop of independent loads, so that their
            // cache misses overlap (a block per function and month jumps through the whole file);
            // the loop that encodes them, long and serial, then finds them in the cache.
            var touched = 0, sink: Int64 = 0
            for (n, k) in positions.enumerated() {
                if n == touched {
                    touched = min(positions.count, n + 64)
                    for j in n..<touched { sink &+= payments[positions[j]].cpr.value ^ Int64(payments[positions[j]].actingMunicipality.id) }
                }
                let (pCPR, pStart, pEnd, pPosting) = (payments[k].cpr.value, payments[k].periodStart.ordinal,
                                                      payments[k].periodEnd.ordinal, payments[k].postingDate.ordinal)
                put(zigzag(pCPR - cpr))
                put(zigzag(Int64(pStart) - start))
                put(zigzag(Int64(pEnd - pStart)))
                put(zigzag(Int64(pPosting - pStart)))
                put(zigzag(payments[k].amount.ore))
                put(UInt64(payments[k].function.id))
                put(UInt64(payments[k].grouping.id))
                put(UInt64(payments[k].provider.id))
                put(UInt64(payments[k].payingMunicipality.id))
                put(UInt64(payments[k].actingMunicipality.id))
                let pLine = Int64(payments[k].line)
                put(zigzag(pLine - line))
                var voucher = payments[k].voucherId
                voucher.withUTF8 { v in
                    put(UInt64(v.count))
                    if let base = v.baseAddress { w.update(from: base, count: v.count) }
                    w += v.count
                }
                (cpr, start, line) = (pCPR, Int64(pStart), pLine)
            }
            // The sum kept in the scratch's last byte (past the block: a record takes less than its
            // 128 bytes of the bound), so that the touching loads are not optimised away.
            base[buffer.count - 1] = UInt8(truncatingIfNeeded: sink)
            return w - base
        }
        out = Array(scratch[..<used])
    }

    /// Packs `payments` (in their order) into one block.
    package static func encode(_ payments: [Payment]) -> [UInt8] {
        var out: [UInt8] = [], scratch: [UInt8] = []
        let positions = Array(payments.indices)
        positions.withUnsafeBufferPointer { k in payments.withUnsafeBufferPointer { encode(k, of: $0, into: &out, scratch: &scratch) } }
        return out
    }

    /// Where decoding a block stands: the byte offset and the values the next record is coded against.
    package struct Cursor: Sendable {
        var offset = 0
        var cpr: Int64 = 0, start: Int64 = 0, line: Int64 = 0
    }

    /// Unpacks a block of `count` payments.
    package static func decode(_ bytes: UnsafeRawBufferPointer, count: Int) -> [Payment] {
        var cursor = Cursor()
        return decode(bytes, from: &cursor, count: count)
    }

    /// Unpacks up to `count` payments from `cursor` on, and moves it past them.
    package static func decode(_ bytes: UnsafeRawBufferPointer, from cursor: inout Cursor, count: Int) -> [Payment] {
        var out: [Payment] = []
        out.reserveCapacity(count)
        each(bytes, from: &cursor, count: count) { out.append($0) }
        return out
    }

    /// Calls `body` with up to `count` payments from `cursor` on, in order, and moves it past them.
    @inline(__always)
    package static func each(_ bytes: UnsafeRawBufferPointer, from cursor: inout Cursor, count: Int, _ body: (Payment) -> Void) {
        eachRaw(bytes, from: &cursor, count: count) { r in
            body(Payment(voucherId: String(decoding: r.voucher, as: UTF8.self), cpr: CPR(value: r.cpr), function: r.function,
                         grouping: r.grouping, provider: r.provider, periodStart: r.periodStart, periodEnd: r.periodEnd,
                         amount: r.amount, postingDate: r.postingDate, payingMunicipality: r.payingMunicipality,
                         actingMunicipality: r.actingMunicipality, line: Int(r.line)))
        }
    }

    /// A payment as its record holds it, its voucher id as the record's bytes (valid only in the
    /// call it is given to): what a sort of a block reads, without making a text per payment.
    package struct RawPayment {
        package var cpr: Int64, periodStart: Day, periodEnd: Day, postingDate: Day, amount: Money
        package var function: Symbol, grouping: Symbol, provider: Symbol, payingMunicipality: Symbol, actingMunicipality: Symbol
        package var line: Int64
        package var voucher: UnsafeRawBufferPointer
    }

    /// Calls `body` with up to `count` records from `cursor` on, in order, and moves it past them.
    @inline(__always)
    package static func eachRaw(_ bytes: UnsafeRawBufferPointer, from cursor: inout Cursor, count: Int, _ body: (RawPayment) -> Void) {
        walk(bytes, from: &cursor, count: count) { i, c, voucherLength, values in
            let (start, length, posting, amount, function, grouping, provider, paying, acting) = values
            body(RawPayment(cpr: c.cpr, periodStart: Day(ordinal: Int32(truncatingIfNeeded: start)),
                            periodEnd: Day(ordinal: Int32(truncatingIfNeeded: start + length)),
                            postingDate: Day(ordinal: Int32(truncatingIfNeeded: start + posting)), amount: Money(ore: amount),
                            function: symbol(function), grouping: symbol(grouping), provider: symbol(provider),
                            payingMunicipality: symbol(paying), actingMunicipality: symbol(acting), line: c.line,
                            voucher: UnsafeRawBufferPointer(rebasing: bytes[min(bytes.count, i)..<min(bytes.count, i + voucherLength)])))
        }
    }

    /// Steps over up to `count` payments from `cursor` without making them; returns how many it stepped over.
    package static func skip(_ bytes: UnsafeRawBufferPointer, from cursor: inout Cursor, count: Int) -> Int {
        var done = 0
        walk(bytes, from: &cursor, count: count) { _, _, _, _ in done += 1 }
        return done
    }

    @inline(__always) private static func symbol(_ id: UInt64) -> Symbol { Symbol(id: UInt32(truncatingIfNeeded: id)) }

    /// Reads up to `count` records from `cursor` on, calling `body` with each one's voucher offset,
    /// the cursor's running values after it, its voucher's length and its own values (period start,
    /// length, posting offset, amount, function, grouping, provider, paying and acting municipality).
    @inline(__always)
    private static func walk(_ bytes: UnsafeRawBufferPointer, from cursor: inout Cursor, count: Int,
                             _ body: (Int, Cursor, Int, (Int64, Int64, Int64, Int64, UInt64, UInt64, UInt64, UInt64, UInt64)) -> Void) {
        var i = cursor.offset
        func next() -> UInt64 {
            guard i < bytes.count else { return 0 }
            // (Most values fit one byte: returned at once, the loop only for longer ones.)
            let first = bytes[i]
            i += 1
            if first < 0x80 { return UInt64(first) }
            var v = UInt64(first & 0x7F), shift: UInt64 = 7
            while i < bytes.count {
                let b = bytes[i]
                i += 1
                if shift < 64 { v |= UInt64(b & 0x7F) &<< shift }  // (bytes past the tenth, which no record has, add nothing)
                if b < 0x80 { break }
                shift += 7
            }
            return v
        }
        var c = cursor, done = 0
        while i < bytes.count && done < count {
            c.cpr += unzigzag(next())
            c.start += unzigzag(next())
            let length = unzigzag(next())
            let posting = unzigzag(next())
            let amount = unzigzag(next())
            let function = next(), grouping = next(), provider = next()
            let paying = next(), acting = next()
            c.line += unzigzag(next())
            let n = Int(next())
            body(i, c, n, (c.start, length, posting, amount, function, grouping, provider, paying, acting))
            i += n
            done += 1
        }
        c.offset = i
        cursor = c
    }
}
