import OverblikCore

/// Payments packed into blocks (one per citizen, one per account function and posting month):
/// at national scale ten million payment lines as rows would take most of the sync to insert and
/// index, while a block is written in one go and read in one go for a drill-down.
///
/// A block is a sequence of records, each a run of unsigned LEB128 varints (signed values
/// zigzag-encoded), most of them as differences from the record before: CPR, period start,
/// period length, posting date, amount, function, grouping, provider, paying and acting
/// municipality (symbol ids, 0 for none), line, then the voucher id as length and UTF-8 bytes.
/// Texts that repeat (functions, groupings, providers, municipalities) are symbols, stored once
/// per snapshot in `symbols`.
struct PaymentCodec {
    /// Symbol texts by id (id 0 is "none").
    private(set) var texts: [String] = [""]
    private var ids: [String: UInt64] = ["": 0]

    init() {}

    init(texts: [String]) {
        self.texts = texts
        for (i, t) in texts.enumerated() { ids[t] = UInt64(i) }
    }

    mutating func id(_ text: String?) -> UInt64 {
        guard let text else { return 0 }
        if let id = ids[text] { return id }
        let id = UInt64(texts.count)
        texts.append(text)
        ids[text] = id
        return id
    }

    @inline(__always) static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }
    @inline(__always) static func unzigzag(_ u: UInt64) -> Int64 { Int64(bitPattern: u >> 1) ^ -Int64(bitPattern: u & 1) }

    @inline(__always) static func put(_ v: UInt64, _ out: inout [UInt8]) {
        var v = v
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    /// The symbol ids of every payment's texts, looked up once (function, grouping, provider,
    /// paying and acting municipality; a municipality's id is +1, 0 for none).
    mutating func symbolIds(_ payments: [Payment]) -> [(UInt32, UInt32, UInt32, UInt32, UInt32)] {
        payments.map { p in
            (UInt32(id(p.function)), UInt32(id(p.grouping)), UInt32(id(p.provider)),
             p.payingMunicipality.map { UInt32(id($0) + 1) } ?? 0, p.actingMunicipality.map { UInt32(id($0) + 1) } ?? 0)
        }
    }

    /// Packs the payments at `positions` (in that order) into one block.
    static func encode(_ positions: some Collection<Int>, of payments: [Payment], ids: [(UInt32, UInt32, UInt32, UInt32, UInt32)],
                       into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        var cpr: Int64 = 0, start: Int64 = 0, line: Int64 = 0
        payments.withUnsafeBufferPointer { payments in
            for k in positions {
                let s = ids[k]
                let (pCPR, pStart, pEnd, pPosting) = (payments[k].cpr.value, payments[k].periodStart.ordinal,
                                                      payments[k].periodEnd.ordinal, payments[k].postingDate.ordinal)
                Self.put(Self.zigzag(pCPR - cpr), &out)
                Self.put(Self.zigzag(Int64(pStart) - start), &out)
                Self.put(Self.zigzag(Int64(pEnd - pStart)), &out)
                Self.put(Self.zigzag(Int64(pPosting - pStart)), &out)
                Self.put(Self.zigzag(payments[k].amount.ore), &out)
                Self.put(UInt64(s.0), &out)
                Self.put(UInt64(s.1), &out)
                Self.put(UInt64(s.2), &out)
                Self.put(UInt64(s.3), &out)
                Self.put(UInt64(s.4), &out)
                Self.put(Self.zigzag(Int64(payments[k].line) - line), &out)
                var voucher = payments[k].voucherId
                voucher.withUTF8 { v in
                    Self.put(UInt64(v.count), &out)
                    out.append(contentsOf: v)
                }
                (cpr, start, line) = (pCPR, Int64(pStart), Int64(payments[k].line))
            }
        }
    }

    /// Packs `payments` (in their order) into one block.
    mutating func encode(_ payments: [Payment]) -> [UInt8] {
        let ids = symbolIds(payments)
        var out: [UInt8] = []
        Self.encode(payments.indices, of: payments, ids: ids, into: &out)
        return out
    }

    /// Unpacks a block of `count` payments.
    func decode(_ bytes: UnsafeRawBufferPointer, count: Int) -> [Payment] {
        var out: [Payment] = []
        out.reserveCapacity(count)
        var i = 0
        func next() -> UInt64 {
            var v: UInt64 = 0, shift: UInt64 = 0
            while i < bytes.count {
                let b = bytes[i]
                i += 1
                v |= UInt64(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
            return v
        }
        func text(_ id: UInt64) -> String { Int(id) < texts.count ? texts[Int(id)] : "" }
        var cpr: Int64 = 0, start: Int64 = 0, line: Int64 = 0
        while i < bytes.count && out.count < count {
            cpr += Self.unzigzag(next())
            start += Self.unzigzag(next())
            let length = Self.unzigzag(next())
            let posting = Self.unzigzag(next())
            let amount = Self.unzigzag(next())
            let function = text(next()), grouping = text(next()), provider = text(next())
            let paying = next(), acting = next()
            line += Self.unzigzag(next())
            let n = Int(next())
            let voucher = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[i..<min(bytes.count, i + n)]), as: UTF8.self)
            i += n
            let from = Day(ordinal: Int32(start))
            out.append(Payment(voucherId: voucher, cpr: CPR(value: cpr), function: function, grouping: grouping, provider: provider,
                               periodStart: from, periodEnd: Day(ordinal: Int32(start + length)), amount: Money(ore: amount),
                               postingDate: Day(ordinal: Int32(start + posting)),
                               payingMunicipality: paying == 0 ? nil : text(paying - 1),
                               actingMunicipality: acting == 0 ? nil : text(acting - 1), line: Int(line)))
        }
        return out
    }
}
