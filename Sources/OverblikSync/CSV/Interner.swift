import Foundation
import OverblikCore

/// Gives one String, one symbol or one paragraph per distinct byte sequence (function codes,
/// providers repeat on millions of rows): looked up by a hash of the bytes and checked, so no
/// String is made for a repeat. One per thread; the symbols are shared by a table's parts.
final class Interner {
    // (One per thread, its memos never reached from two places at once: the run-time exclusivity
    // checks, a thread-local look-up per access, cost more than the look-ups they guarded.)
    @exclusivity(unchecked) private var strings = ByteMemo<String>(limit: 100_000)
    @exclusivity(unchecked) private var symbolMemo = ByteMemo<Symbol>(limit: 100_000)
    @exclusivity(unchecked) private var municipalities = ByteMemo<Symbol>(limit: 100_000)
    /// nil remembered too: a text that names no paragraph is not parsed again.
    @exclusivity(unchecked) private var paragraphs = ByteMemo<Paragraph?>(limit: 10_000)
    /// The same for rate units (their words compared as Strings, `måned` and `år` the slow way, per grant).
    @exclusivity(unchecked) private var rateUnits = ByteMemo<RateUnit?>(limit: 1_000)
    /// The last text seen per column (slot), with its symbol: consecutive rows mostly repeat it.
    @exclusivity(unchecked) private var recent = [(bytes: [UInt8], symbol: Symbol)](repeating: ([], Symbol.empty), count: 64)
    /// The last dates read, direct-mapped by a hash of their ten bytes (an export repeats a few
    /// thousand dates on millions of rows): the bytes and the day. One table's interner reads
    /// one date style.
    @exclusivity(unchecked) private var dayHeads = [UInt64](repeating: 0, count: 4096)
    @exclusivity(unchecked) private var dayTails = [UInt16](repeating: 0, count: 4096)
    @exclusivity(unchecked) private var dayOrdinals = [Int32](repeating: 0, count: 4096)
    /// The last CPR number read: its bytes (the first eight, then the rest with their count) and
    /// its value. A citizen's rows mostly follow one another (twenty payment lines each in a
    /// national extract), and a number is checked (its digits, its birth date) once per run of
    /// rows instead of once per row.
    @exclusivity(unchecked) private var lastCPRHead: UInt64 = 0
    @exclusivity(unchecked) private var lastCPRTail: UInt32 = 0
    @exclusivity(unchecked) private var lastCPR: CPR?
    /// The bytes' encoding (the file is read in place).
    let windows1252: Bool
    let symbols: SharedSymbols
    /// The municipality whose own code and name mean "this municipality" in the part read.
    let municipality: Municipality

    init(windows1252: Bool = false, symbols: SharedSymbols = SharedSymbols(), municipality: Municipality = Municipality(code: "", name: "")) {
        self.windows1252 = windows1252
        self.symbols = symbols
        self.municipality = municipality
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

    /// The day of a ten-byte date (as `FastParse.day` reads it), remembered; nil where that
    /// reads none.
    func day(_ b: UnsafeBufferPointer<UInt8>, _ style: DateStyle) -> Day? {
        guard b.count == 10, let base = b.baseAddress else { return FastParse.day(b, style) }
        let raw = UnsafeRawPointer(base)
        let head = raw.loadUnaligned(as: UInt64.self), tail = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        let slot = Int(truncatingIfNeeded: ((head ^ UInt64(tail) << 17) &* 0xFF51_AFD7_ED55_8CCD) >> 52)
        // (A date's bytes are never eight zero bytes: an empty slot matches nothing.)
        if dayHeads[slot] == head && dayTails[slot] == tail { return Day(ordinal: dayOrdinals[slot]) }
        guard let d = FastParse.day(b, style) else { return nil }
        (dayHeads[slot], dayTails[slot], dayOrdinals[slot]) = (head, tail, d.ordinal)
        return d
    }

    /// The CPR number of `b` (as `CPR.parse` reads it), the last one remembered; nil where that
    /// reads none (the caller says why).
    func cpr(_ b: UnsafeBufferPointer<UInt8>) -> CPR? {
        guard b.count == 10 || b.count == 11, let base = b.baseAddress else {
            guard case .success(let cpr) = CPR.parse(utf8: b) else { return nil }
            return cpr
        }
        let raw = UnsafeRawPointer(base)
        let head = raw.loadUnaligned(as: UInt64.self)
        var tail = UInt32(b.count) << 24 | UInt32(base[8]) << 8 | UInt32(base[9])
        if b.count == 11 { tail |= UInt32(base[10]) << 16 }
        if let lastCPR, head == lastCPRHead, tail == lastCPRTail { return lastCPR }
        guard case .success(let cpr) = CPR.parse(utf8: b) else { return nil }
        (lastCPRHead, lastCPRTail, lastCPR) = (head, tail, cpr)
        return cpr
    }

    /// The rate unit the text of `b` names (parsed once per distinct text); nil when it names none.
    func rateUnit(_ b: UnsafeBufferPointer<UInt8>) -> RateUnit? {
        rateUnits.value(for: b) { RateUnit(parsing: decode(b)) }
    }

    /// The paragraph the text of `b` names (parsed once per distinct text); nil when it names none.
    func paragraph(_ b: UnsafeBufferPointer<UInt8>) -> Paragraph? {
        paragraphs.value(for: b) { Paragraph(parsing: decode(b)) }
    }

    /// The symbol of a municipality's text: `Symbol.empty` for this municipality (its code or
    /// its name, which real economy exports write on most rows), remembered like any other.
    func municipality(_ b: UnsafeBufferPointer<UInt8>) -> Symbol {
        municipalities.value(for: b) { municipality.other(decode(b)).map { symbols.intern($0) } ?? Symbol.empty }
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
