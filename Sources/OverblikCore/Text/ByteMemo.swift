/// Values made from byte sequences, each made once per distinct sequence (at most `limit`
/// remembered): found by a hash of the bytes, eight at a time, in an open-addressed table of
/// their own (no `Hasher`, no array per entry) and checked byte for byte.
public struct ByteMemo<Value> {
    /// Per slot the entry's hash (0: empty; a hash is never 0) and its position in `entries`.
    @usableFromInline var slots: [(hash: UInt64, entry: Int32)] = Array(repeating: (0, -1), count: 1024)
    @usableFromInline var entries: [(start: Int32, count: Int32, value: Value)] = []
    /// Every remembered sequence's bytes, one after the other.
    @usableFromInline var bytes: [UInt8] = []
    @usableFromInline let limit: Int

    public init(limit: Int) { self.limit = limit }

    @inlinable @inline(__always) public static func equal(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let bb = b.baseAddress else { return true }  // both empty
        return a.withUnsafeBufferPointer { $0.baseAddress.map { sameBytes($0, bb, b.count) } ?? false }
    }

    /// A hash of the bytes, never 0: eight bytes a step, multiplied and folded.
    @inlinable @inline(__always) public static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(b.count &+ 1)
        if let base = b.baseAddress {
            let raw = UnsafeRawPointer(base)
            var i = 0
            while i &+ 8 <= b.count {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
                h ^= h >> 32
                i &+= 8
            }
            if i < b.count {
                var tail: UInt64 = 0
                for k in i..<b.count { tail = tail << 8 | UInt64(b[k]) }
                h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
                h ^= h >> 29
            }
        }
        return h == 0 ? 1 : h
    }

    /// The value of `b`: the one remembered, or the one `make` gives (then remembered while
    /// fewer than `limit` are).
    @inlinable public mutating func value(for b: UnsafeBufferPointer<UInt8>, make: () -> Value) -> Value {
        let h = Self.hash(b)
        let (slot, found) = probe(b, hash: h)
        if let found { return found }
        let v = make()
        guard entries.count < limit else { return v }
        slots[slot] = (h, Int32(entries.count))
        entries.append((Int32(bytes.count), Int32(b.count), v))
        bytes.append(contentsOf: b)
        if entries.count * 2 > slots.count { grow() }
        return v
    }

    /// The value remembered for `b`, if any.
    @inlinable public func existing(for b: UnsafeBufferPointer<UInt8>) -> Value? { probe(b, hash: Self.hash(b)).value }

    /// The slot of `b`'s entry and its value, or the empty slot where it would go.
    @inlinable @inline(__always) func probe(_ b: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> (slot: Int, value: Value?) {
        var slot = Int(truncatingIfNeeded: h) & (slots.count - 1)
        while slots[slot].hash != 0 {
            if slots[slot].hash == h {
                let e = entries[Int(slots[slot].entry)]
                if holds(start: Int(e.start), count: Int(e.count), b) { return (slot, e.value) }
            }
            slot = (slot + 1) & (slots.count - 1)
        }
        return (slot, nil)
    }

    /// Whether the remembered bytes at `start` are those of `b`.
    @inlinable @inline(__always) func holds(start: Int, count: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard count == b.count else { return false }
        guard let bb = b.baseAddress, count > 0 else { return true }  // both empty
        return bytes.withUnsafeBufferPointer { all in all.baseAddress.map { Self.sameBytes($0 + start, bb, count) } ?? false }
    }

    /// Whether `count` bytes at `a` and at `b` are the same: eight at a time.
    @inlinable @inline(__always) static func sameBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let (ra, rb) = (UnsafeRawPointer(a), UnsafeRawPointer(b))
        var i = 0
        while i &+ 8 <= count {
            guard ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) == rb.loadUnaligned(fromByteOffset: i, as: UInt64.self) else { return false }
            i &+= 8
        }
        while i < count {
            guard a[i] == b[i] else { return false }
            i &+= 1
        }
        return true
    }

    /// Twice the slots, every entry placed again.
    @usableFromInline mutating func grow() {
        let old = slots
        slots = Array(repeating: (0, -1), count: old.count * 2)
        for s in old where s.hash != 0 {
            var slot = Int(truncatingIfNeeded: s.hash) & (slots.count - 1)
            while slots[slot].hash != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = s
        }
    }
}

/// Numbers texts 0, 1, 2, … in the order they first come, found by a hash of their UTF-8 bytes
/// (`ByteMemo`): at national size a figure groups hundreds of thousands of grants by caseworker,
/// team or case id, and hashing a String (SipHash over its normalised form, a seed made per hash)
/// was up to half of such a figure's time. Texts that are equal as Strings get one number also
/// when their bytes differ (another Unicode normal form, or a sign like the Kelvin sign that
/// stands for a letter): a byte sequence not seen before that is not ASCII is looked up among the
/// texts numbered (an ASCII text equals only its own bytes, or such a sign, which is not ASCII:
/// until one comes, ASCII texts are numbered by their bytes alone).
public struct TextNumbers {
    /// The texts, by number.
    public private(set) var texts: [String] = []
    private var memo = ByteMemo<Int32>(limit: .max)
    /// Every text by its number; made only once a text that is not ASCII comes.
    private var byText: [String: Int32]?

    public init() {}

    public var count: Int { texts.count }

    /// The number of `text`, given it when it has none yet.
    public mutating func number(_ text: String) -> Int32 {
        var bytes = text
        return bytes.withUTF8 { bytes in
            let next = Int32(texts.count)
            if byText == nil && Self.isASCII(bytes) {
                var isNew = false
                let n = memo.value(for: bytes) { isNew = true; return next }
                if isNew { texts.append(text) }
                return n
            }
            if let known = memo.existing(for: bytes) { return known }
            var all = byText ?? everyText()
            byText = nil  // (so that `all` is the only reference, changed in place)
            let n: Int32
            if let equal = all[text] { n = equal } else {
                n = next
                texts.append(text)
                all[text] = n
            }
            byText = all
            _ = memo.value(for: bytes) { n }
            return n
        }
    }

    /// The number of `text`, nil when it has none.
    public mutating func existingNumber(_ text: String) -> Int32? {
        var bytes = text
        return bytes.withUTF8 { bytes in
            if let known = memo.existing(for: bytes) { return known }
            // (Another spelling of a text numbered can only be found among them when one of the two is not ASCII.)
            if Self.isASCII(bytes) && byText == nil { return nil }
            let all = byText ?? everyText()
            byText = all
            return all[text]
        }
    }

    /// Every text numbered, by text.
    private func everyText() -> [String: Int32] {
        Dictionary(texts.enumerated().map { ($0.element, Int32($0.offset)) }, uniquingKeysWith: { a, _ in a })
    }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let raw = UnsafeRawBufferPointer(bytes)
        var i = 0, high: UInt64 = 0
        while i + 8 <= raw.count {
            high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < raw.count { high |= UInt64(raw[i]); i += 1 }
        return high & 0x8080_8080_8080_8080 == 0
    }
}
