import Foundation
import OverblikCore

/// Gives one String, or one symbol, per distinct byte sequence (function codes, providers
/// repeat on millions of rows): looked up by a hash of the bytes and checked, so no String is
/// made for a repeat. One per thread; the symbols are shared by a table's parts.
final class Interner {
    private var table: [UInt64: (bytes: [UInt8], string: String)] = [:]
    private var symbolTable: [UInt64: (bytes: [UInt8], symbol: Symbol)] = [:]
    private var municipalityTable: [UInt64: (bytes: [UInt8], symbol: Symbol)] = [:]
    /// The bytes' encoding (the file is read in place).
    let windows1252: Bool
    let symbols: SharedSymbols

    init(windows1252: Bool = false, symbols: SharedSymbols = SharedSymbols()) {
        self.windows1252 = windows1252
        self.symbols = symbols
    }

    @inline(__always) private static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for x in b { h = (h ^ UInt64(x)) &* 0x100_0000_01b3 }
        return h
    }

    func string(_ b: UnsafeBufferPointer<UInt8>) -> String {
        let h = Self.hash(b)
        if let e = table[h], Self.equal(e.bytes, b) { return e.string }
        let s = TextDecoding.string(b, windows1252: windows1252)
        if table[h] == nil, table.count < 100_000 { table[h] = (Array(b), s) }
        return s
    }

    /// The last text seen per column (slot), with its symbol: consecutive rows mostly repeat it.
    private var recent = [(bytes: [UInt8], symbol: Symbol)](repeating: ([], .none), count: 64)

    @inline(__always) private static func equal(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.count == b.count && (b.isEmpty || a.withUnsafeBufferPointer { memcmp($0.baseAddress!, b.baseAddress!, b.count) == 0 })
    }

    /// The symbol of the text of `b`, from column `slot`.
    func symbol(_ b: UnsafeBufferPointer<UInt8>, slot: Int) -> Symbol {
        let k = slot & 63
        if Self.equal(recent[k].bytes, b) { return recent[k].symbol }
        let s = symbol(b)
        recent[k] = (Array(b), s)
        return s
    }

    /// The symbol of the text of `b`.
    func symbol(_ b: UnsafeBufferPointer<UInt8>) -> Symbol {
        let h = Self.hash(b)
        if let e = symbolTable[h], Self.equal(e.bytes, b) { return e.symbol }
        let s = symbols.intern(TextDecoding.string(b, windows1252: windows1252))
        if symbolTable[h] == nil, symbolTable.count < 100_000 { symbolTable[h] = (Array(b), s) }
        return s
    }

    private var paragraphTable: [UInt64: (bytes: [UInt8], paragraph: Paragraph)] = [:]

    /// The paragraph the text of `b` names (parsed once per distinct text); nil when it names none.
    func paragraph(_ b: UnsafeBufferPointer<UInt8>) -> Paragraph? {
        let h = Self.hash(b)
        if let e = paragraphTable[h], Self.equal(e.bytes, b) { return e.paragraph }
        guard let p = Paragraph(parsing: TextDecoding.string(b, windows1252: windows1252)) else { return nil }
        if paragraphTable[h] == nil, paragraphTable.count < 10_000 { paragraphTable[h] = (Array(b), p) }
        return p
    }

    /// The symbol of a municipality's text: `.none` for this municipality.
    func municipality(_ b: UnsafeBufferPointer<UInt8>, _ m: Municipality) -> Symbol {
        let h = Self.hash(b)
        if let e = municipalityTable[h], Self.equal(e.bytes, b) { return e.symbol }
        let s = m.other(TextDecoding.string(b, windows1252: windows1252)).map { symbols.intern($0) } ?? .none
        if municipalityTable[h] == nil, municipalityTable.count < 100_000 { municipalityTable[h] = (Array(b), s) }
        return s
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
