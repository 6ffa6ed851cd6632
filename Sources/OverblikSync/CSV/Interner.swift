import Foundation
import OverblikCore

/// Gives one String, one symbol or one paragraph per distinct byte sequence (function codes,
/// providers repeat on millions of rows): looked up by a hash of the bytes and checked, so no
/// String is made for a repeat. One per thread; the symbols are shared by a table's parts.
final class Interner {
    private var strings = ByteMemo<String>(limit: 100_000)
    private var symbolMemo = ByteMemo<Symbol>(limit: 100_000)
    private var municipalities = ByteMemo<Symbol>(limit: 100_000)
    /// nil remembered too: a text that names no paragraph is not parsed again.
    private var paragraphs = ByteMemo<Paragraph?>(limit: 10_000)
    /// The last text seen per column (slot), with its symbol: consecutive rows mostly repeat it.
    private var recent = [(bytes: [UInt8], symbol: Symbol)](repeating: ([], Symbol.empty), count: 64)
    /// The bytes' encoding (the file is read in place).
    let windows1252: Bool
    let symbols: SharedSymbols

    init(windows1252: Bool = false, symbols: SharedSymbols = SharedSymbols()) {
        self.windows1252 = windows1252
        self.symbols = symbols
    }

    private func decode(_ b: UnsafeBufferPointer<UInt8>) -> String { TextDecoding.string(b, windows1252: windows1252) }

    func string(_ b: UnsafeBufferPointer<UInt8>) -> String {
        strings.value(for: b) { decode(b) }
    }

    /// The symbol of the text of `b`, from column `slot`.
    func symbol(_ b: UnsafeBufferPointer<UInt8>, slot: Int) -> Symbol {
        let k = slot & 63
        if ByteMemo<Symbol>.equal(recent[k].bytes, b) { return recent[k].symbol }
        let s = symbol(b)
        recent[k] = (Array(b), s)
        return s
    }

    /// The symbol of the text of `b`.
    func symbol(_ b: UnsafeBufferPointer<UInt8>) -> Symbol {
        symbolMemo.value(for: b) { symbols.intern(decode(b)) }
    }

    /// The paragraph the text of `b` names (parsed once per distinct text); nil when it names none.
    func paragraph(_ b: UnsafeBufferPointer<UInt8>) -> Paragraph? {
        paragraphs.value(for: b) { Paragraph(parsing: decode(b)) }
    }

    /// The symbol of a municipality's text: `Symbol.empty` for this municipality (its code or
    /// its name, which real economy exports write on most rows), remembered like any other.
    func municipality(_ b: UnsafeBufferPointer<UInt8>, _ m: Municipality) -> Symbol {
        municipalities.value(for: b) { m.other(decode(b)).map { symbols.intern($0) } ?? Symbol.empty }
    }
}

/// Values made from byte sequences, each made once per distinct sequence (at most `limit`
/// remembered): found by a hash of the bytes and checked byte for byte.
struct ByteMemo<Value> {
    private var table: [UInt64: (bytes: [UInt8], value: Value)] = [:]
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    @inline(__always) static func equal(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let bb = b.baseAddress else { return true }  // both empty
        return a.withUnsafeBufferPointer { $0.baseAddress.map { memcmp($0, bb, b.count) == 0 } ?? false }
    }

    /// The value of `b`: the one remembered, or the one `make` gives (then remembered while
    /// there is room and no other sequence holds its hash).
    mutating func value(for b: UnsafeBufferPointer<UInt8>, make: () -> Value) -> Value {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for x in b { h = (h ^ UInt64(x)) &* 0x100_0000_01b3 }
        if let e = table[h], Self.equal(e.bytes, b) { return e.value }
        let v = make()
        if table[h] == nil, table.count < limit { table[h] = (Array(b), v) }
        return v
    }
}

/// The symbols of one table, shared by the parts read in parallel: the lock is taken only
/// when a text is new to a part's `Interner`.
final class SharedSymbols: @unchecked Sendable {
    private var symbols = Symbols()
    private let lock = NSLock()

    init() {}

    func intern(_ text: String) -> Symbol {
        lock.lock()
        defer { lock.unlock() }
        return symbols.intern(text)
    }

    var value: Symbols { lock.lock(); defer { lock.unlock() }; return symbols }
}
