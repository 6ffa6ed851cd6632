import Foundation
import OverblikCore
import OverblikTestSupport
import Testing
@testable import OverblikSync

extension SplitMix {
    /// A number in 0..<n.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// Property tests on hostile input: random bytes shaped like CSV (delimiters, quotes, CR/LF,
/// NUL, invalid UTF-8, long fields) through the reader, the split for parallel reading and the
/// value parsers. No crash, no hang, and the invariants that the rest relies on hold.
@Suite("CSV and values on random input")
struct CSVPropertyTests {
    static let alphabet: [[UInt8]] = [
        [UInt8(ascii: ";")], [UInt8(ascii: "\"")], [UInt8(ascii: "\"")], [10], [13, 10], [13], [0], [0xFF], [0xC3, 0xA6],
        [0xE6], Array("ab".utf8), Array("12".utf8), Array("-".utf8), Array(",".utf8), Array(".".utf8), Array(" ".utf8),
        Array("01-02-2026".utf8), Array("1.234,50".utf8), Array("010190-1234".utf8), [0x1B], Array("§".utf8),
    ]

    static func input(_ r: inout SplitMix) -> [UInt8] {
        var out: [UInt8] = []
        let pieces = r.below(200)
        for _ in 0..<pieces { out += alphabet[r.below(alphabet.count)] }
        if r.below(20) == 0 { out += Array(repeating: UInt8(ascii: "x"), count: r.below(20_000)) }
        return out
    }

    @Test func readerInvariantsHold() {
        var r = SplitMix(seed: 20261123)
        for _ in 0..<3_000 {
            let bytes = Self.input(&r)
            bytes.withUnsafeBufferPointer { b in
                var reader = CSVReader(bytes: b, delimiter: UInt8(ascii: ";"))
                var fields = FieldList()
                var last = -1, lastLine = 0, records = 0
                while let record = reader.next(into: &fields) {
                    records += 1
                    // Progress, in order, within bounds; every field inside its record.
                    #expect(reader.position > last)
                    last = reader.position
                    #expect(record.line > lastLine)
                    lastLine = record.line
                    #expect(record.start >= 0 && record.end <= b.count && reader.position <= b.count)
                    if record.problem == nil {
                        #expect(!fields.isEmpty)
                        for f in fields { #expect(f.start >= record.start && f.end <= b.count && f.start <= f.end) }
                        _ = fields.map { reader.string($0) }
                    }
                    _ = reader.rawText(record)
                    if records > b.count + 1 { Issue.record("more records than bytes"); break }
                }
                #expect(reader.position == b.count)
                // The parts for parallel reading always cover the input, in order, from line starts.
                let parts = CSVReader.split(b, delimiter: UInt8(ascii: ";"), from: 0, line: 1, parts: 2)
                #expect(parts.first?.start == 0 && parts.last?.end == b.count)
                for (a, c) in zip(parts, parts.dropFirst()) { #expect(a.end == c.start) }
            }
        }
    }

    /// Unquoted fields are scanned eight bytes a step: random records of random fields (every
    /// length from empty to past five words, bytes of every kind but the three that end a field,
    /// `\n` or `\r\n` line ends, any delimiter) come back field for field.
    @Test func unquotedFieldsComeBackExactly() {
        var r = SplitMix(seed: 11)
        for _ in 0..<400 {
            let delimiter: UInt8 = [UInt8(ascii: ";"), UInt8(ascii: ","), 9, UInt8(ascii: "|")][r.below(4)]
            let usable = (1...255).map(UInt8.init).filter { $0 != delimiter && $0 != 10 && $0 != 13 && $0 != UInt8(ascii: "\"") }
            var expected: [[[UInt8]]] = [], bytes: [UInt8] = []
            for _ in 0..<(1 + r.below(12)) {
                let record = (0..<(1 + r.below(9))).map { _ in (0..<r.below(45)).map { _ in usable[r.below(usable.count)] } }
                expected.append(record)
                bytes += Array(record.joined(separator: [delimiter])) + (r.below(2) == 0 ? [10] : [13, 10])
            }
            if r.below(2) == 0 { bytes.removeLast(bytes.last == 10 && bytes.dropLast().last == 13 ? 2 : 1) }  // no line end at the very end
            bytes.withUnsafeBufferPointer { b in
                var reader = CSVReader(bytes: b, delimiter: delimiter)
                var fields = FieldList(), got: [[[UInt8]]] = []
                while let record = reader.next(into: &fields) {
                    #expect(record.problem == nil)
                    got.append(fields.map { Array(b[$0.start..<$0.end]) })
                }
                #expect(got == expected)
            }
        }
    }

    /// The split for parallel reading jumps from quote to quote; it gives exactly the parts a
    /// scan of every byte gives (the definition, below), on random input cut into 2–5 parts.
    @Test func theSplitAgreesWithAByteByByteScan() {
        var r = SplitMix(seed: 7)
        for round in 0..<3_000 {
            var b = Self.input(&r)
            if round % 3 == 0 { b = Array("a;b\n\"x\ny\";c\n".utf8) + b + Array("d;\"\"\"e\n\";f\r\n".utf8) }
            let parts = 2 + r.below(4), from = r.below(min(b.count, 8) + 1), line = 1 + r.below(3)
            b.withUnsafeBufferPointer { bytes in
                let fast = CSVReader.split(bytes, delimiter: UInt8(ascii: ";"), from: from, line: line, parts: parts, minimumPart: 1)
                let slow = Self.scanSplit(bytes, delimiter: UInt8(ascii: ";"), from: from, line: line, parts: parts)
                #expect(fast.map { [$0.start, $0.end, $0.line] } == slow.map { [$0.start, $0.end, $0.line] }, "round \(round)")
            }
        }
    }

    /// The split as first written: every byte looked at (the definition the fast one is held to).
    static func scanSplit(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, from: Int, line: Int, parts: Int) -> [(start: Int, end: Int, line: Int)] {
        let (n, quote, newline) = (bytes.count, UInt8(ascii: "\""), UInt8(ascii: "\n"))
        guard parts > 1, n - from > parts else { return [(from, n, line)] }
        var out: [(Int, Int, Int)] = []
        var start = from, startLine = line, i = from, lines = line
        var inQuoted = false, atFieldStart = true
        var k = 1, target = from + (n - from) / parts
        while i < n {
            let b = bytes[i]
            i += 1
            if inQuoted {
                if b == quote {
                    if i < n && bytes[i] == quote { i += 1 } else { inQuoted = false }
                } else if b == newline {
                    lines += 1
                }
            } else if b == quote && atFieldStart {
                inQuoted = true
                atFieldStart = false
            } else if b == delimiter {
                atFieldStart = true
            } else if b == newline {
                lines += 1
                atFieldStart = true
                if i >= target && i < n {
                    out.append((start, i, startLine))
                    (start, startLine) = (i, lines)
                    k += 1
                    if k == parts { break }
                    target = from + (n - from) * k / parts
                }
            } else {
                atFieldStart = false
            }
        }
        out.append((start, n, startLine))
        return out
    }

    @Test func valueParsersNeverCrashAndAgreeWithThemselves() {
        var r = SplitMix(seed: 42)
        for _ in 0..<20_000 {
            let bytes = (0..<r.below(16)).map { _ in Self.alphabet[r.below(Self.alphabet.count)] }.flatMap { $0 }
            let text = String(decoding: bytes, as: UTF8.self)
            for style in DateStyle.allCases { _ = style.parse(text) }
            for style in DecimalStyle.allCases {
                if let n = style.parseHundredths(text) { #expect(abs(n) < 100_000_000_000_000_000) }
            }
            if case .success(let cpr) = CPR.parse(text) { #expect(CPR.parse(cpr.digits) == .success(cpr)) }
            _ = Paragraph(parsing: text)
            _ = RateUnit(parsing: text)
            let clean = SafeText.clean(text)
            #expect(!clean.unicodeScalars.contains { SafeText.isUnsafe($0) })
            #expect(DisplayWidth.of(DisplayWidth.truncate(clean, to: 7)) <= 7)
        }
    }

    @Test func decodingNeverFailsForWindows1252AndFindsBadUTF8() {
        var r = SplitMix(seed: 7)
        for _ in 0..<2_000 {
            let bytes = (0..<r.below(300)).map { _ in UInt8(truncatingIfNeeded: r.next()) }
            let d = try? TextDecoding.decode(bytes, as: .windows1252)
            #expect(d != nil)
            if let d { #expect(TextDecoding.firstInvalidUTF8(d.bytes) == nil) }
            if let bad = TextDecoding.firstInvalidUTF8(bytes) {
                #expect(throws: TextDecoding.InvalidUTF8.self) { try TextDecoding.decode(bytes, as: .utf8) }
                #expect(bad < bytes.count)
            } else {
                #expect(String(validating: bytes, as: UTF8.self) != nil)
            }
        }
    }
}
