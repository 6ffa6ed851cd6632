import Foundation
/// Where one field of a record lies in the buffer.
public struct FieldSpan: Sendable, Equatable {
    public var start: Int
    public var end: Int
    /// The field was quoted and holds doubled quotes (`""`) that must be turned into one.
    public var hasEscapedQuotes: Bool
}

/// The fields of the record last read: spans into the reader's bytes, in storage kept from record
/// to record. The reader writes them through one pointer per record: an append per field checked
/// the array's uniqueness and capacity each time (on LC 55 million fields), and clearing it was a
/// generic `replaceSubrange`.
public struct FieldList: RandomAccessCollection, Sendable {
    /// Room for `spans.count` fields; the first `count` are the record's.
    fileprivate var spans = [FieldSpan](repeating: FieldList.room, count: 32)
    public fileprivate(set) var count = 0
    /// What fills the room not yet written (never handed out).
    private static let room = FieldSpan(start: 0, end: 0, hasEscapedQuotes: false)

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public subscript(i: Int) -> FieldSpan {
        // (A stale span past `count` is never handed out.)
        // By construction: the readers index by the collection's own indices, below `count`.
        precondition(i >= 0 && i < count, "field \(i) of \(count)")
        return spans[i]
    }

    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<FieldSpan>) throws -> R) rethrows -> R {
        try spans.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[..<count])) }
    }

    /// Room for twice as many fields.
    fileprivate mutating func grow() {
        spans.append(contentsOf: repeatElement(FieldList.room, count: spans.count))
    }
}

/// Something wrong with a record as a whole.
public enum CSVRecordProblem: Sendable, Equatable {
    /// A quoted field is never closed; reading resumes at the next line.
    case unterminatedQuote
    /// Text follows the closing quote of a field (`"abc"d`), in the 1-based field number given.
    case textAfterClosingQuote(field: Int)
}

/// A reader of delimited text in the Danish dialect: `;` (or any one-byte delimiter), RFC 4180
/// quoting with `""` for a quote and with delimiters and line breaks inside quotes, `\n` or
/// `\r\n` line ends.
///
/// It works on UTF-8 bytes without copying them: a record is a list of `FieldSpan`s into the
/// buffer. Line numbers are physical lines (the first line is 1); a record spanning lines has
/// the number of the line where it starts.
public struct CSVReader {
    public let bytes: UnsafeBufferPointer<UInt8>
    public let delimiter: UInt8
    /// The bytes are Windows-1252 (read in place): texts are converted when made into Strings.
    public var windows1252 = false
    public private(set) var position: Int = 0
    /// The physical line the next record starts on.
    public private(set) var line: Int = 1

    private static let quote = UInt8(ascii: "\"")
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// The delimiter in every byte of a word (for looking at eight bytes a step).
    private let delimiterWord: UInt64

    public init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) {
        self.bytes = bytes
        self.delimiter = delimiter
        delimiterWord = UInt64(delimiter) &* 0x0101_0101_0101_0101
    }

    /// A reader that starts at `position` (a record's start) on physical line `line`.
    public init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, position: Int, line: Int) {
        self.bytes = bytes
        self.delimiter = delimiter
        delimiterWord = UInt64(delimiter) &* 0x0101_0101_0101_0101
        self.position = position
        self.line = line
    }

    /// Splits `bytes[from...]` into up to `parts` ranges, each starting at a line start that the
    /// reader would also reach (quotes are followed as the reader follows them), with the
    /// physical line each starts on, for reading in parallel. Readers of the parts must check
    /// that they end exactly where the next part starts (see `SourceFile.readRows`). Input
    /// shorter than `parts × minimumPart` bytes is one part.
    ///
    /// The bytes between two quotes cannot change whether the scan is inside a quoted field, so
    /// it goes from quote to quote with `memchr` (and from line break to line break, counting
    /// them), not byte by byte: a national payments file has no quote in 300 MB, and the scan,
    /// done before either part can start, took a third of a second.
    public static func split(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, from: Int, line: Int, parts: Int,
                             minimumPart: Int = 4_000_000) -> [(start: Int, end: Int, line: Int)] {
        let n = bytes.count
        guard parts > 1, n - from > parts * minimumPart, let base = bytes.baseAddress else { return [(from, n, line)] }
        /// The position of the first `byte` in `i..<end`, or `end`.
        func find(_ byte: UInt8, _ i: Int, _ end: Int) -> Int {
            guard i < end, let hit = memchr(base + i, Int32(byte), end - i) else { return end }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        var out: [(Int, Int, Int)] = []
        var start = from, startLine = line
        var i = from, lines = line
        var inQuoted = false, atFieldStart = true
        var k = 1
        var target = from + (n - from) / parts
        scan: while i < n {
            let q = find(quote, i, n)
            if inQuoted {
                // Line breaks inside the quoted field are counted; the quote closes it unless doubled.
                var j = find(newline, i, q)
                while j < q { lines += 1; j = find(newline, j + 1, q) }
                guard q < n else { break }
                i = q + 1
                if i < n && bytes[i] == quote { i += 1 } else { inQuoted = false }
                continue
            }
            // Up to the next quote every line break ends a record.
            var j = find(newline, i, q)
            while j < q {
                lines += 1
                let next = j + 1
                if next >= target && next < n {
                    out.append((start, next, startLine))
                    (start, startLine) = (next, lines)
                    k += 1
                    if k == parts { break scan }
                    target = from + (n - from) * k / parts
                }
                j = find(newline, next, q)
            }
            guard q < n else { break }
            // A quote opens a quoted field only at a field's start.
            if q > i { atFieldStart = bytes[q - 1] == delimiter || bytes[q - 1] == newline }
            if atFieldStart { inQuoted = true }
            atFieldStart = false
            i = q + 1
        }
        out.append((start, n, startLine))
        return out
    }

    /// One record read by `next(into:)`.
    public struct Record: Sendable, Equatable {
        public var line: Int
        /// The byte offsets of the record in the buffer (for showing the raw line of a bad row).
        public var start: Int
        public var end: Int
        public var problem: CSVRecordProblem?
    }

    /// Reads the next record's fields into `fields` (cleared first); nil at the end of the input.
    public mutating func next(into fields: inout FieldList) -> Record? {
        fields.count = 0
        guard position < bytes.count else { return nil }
        let (recordStart, recordLine) = (position, line)
        while true {
            var n = 0
            if let record = fields.spans.withUnsafeMutableBufferPointer({ next(into: $0, count: &n) }) {
                fields.count = n
                return record
            }
            // More fields than the list has room for (rare: the first wide record): room for
            // twice as many, and the record read again.
            (position, line) = (recordStart, recordLine)
            fields.grow()
        }
    }

    /// Reads the next record into `spans`, their number into `n`; nil when they do not fit (the
    /// reader's place is then somewhere inside the record).
    private mutating func next(into spans: UnsafeMutableBufferPointer<FieldSpan>, count n: inout Int) -> Record? {
        // The place in locals (in registers) while the record is read, set back at its end.
        var position = self.position, line = self.line
        defer { (self.position, self.line) = (position, line) }
        let count = bytes.count
        let recordStart = position
        let recordLine = line
        var problem: CSVRecordProblem?
        /// False when there is no room for another field.
        @inline(__always) func append(_ field: FieldSpan) -> Bool {
            guard n < spans.count else { return false }
            spans[n] = field
            n += 1
            return true
        }

        while true {
            if position < count && bytes[position] == CSVReader.quote {
                position += 1
                let start = position
                var escaped = false
                var closed = false
                while position < count {
                    let b = bytes[position]
                    if b == CSVReader.quote {
                        if position + 1 < count && bytes[position + 1] == CSVReader.quote {
                            escaped = true
                            position += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    if b == CSVReader.newline { line += 1 }
                    position += 1
                }
                guard closed else {
                    // Resume at the line after the one the record started on, so that one stray
                    // quote cannot swallow the rest of the file.
                    line = recordLine + 1
                    position = recordStart
                    while position < count && bytes[position] != CSVReader.newline { position += 1 }
                    if position < count { position += 1 }
                    n = 0
                    return Record(line: recordLine, start: recordStart, end: position, problem: .unterminatedQuote)
                }
                guard append(FieldSpan(start: start, end: position, hasEscapedQuotes: escaped)) else { return nil }
                position += 1
                // After the closing quote: a delimiter, a line end, or the end of the input.
                if position < count, bytes[position] != delimiter, bytes[position] != CSVReader.newline,
                   !(bytes[position] == CSVReader.carriageReturn
                     && (position + 1 == count || bytes[position + 1] == CSVReader.newline)) {
                    if problem == nil { problem = .textAfterClosingQuote(field: n) }
                    while position < count && bytes[position] != delimiter && bytes[position] != CSVReader.newline {
                        position += 1
                    }
                }
            } else {
                let start = position
                // Eight bytes a step while none is the delimiter or a line feed (a byte equal to
                // one is a zero byte of the word xor-ed with it; the lowest such is exact), then
                // byte by byte from the first that may be.
                if let base = bytes.baseAddress {
                    let raw = UnsafeRawPointer(base)
                    while position &+ 8 <= count {
                        let w = raw.loadUnaligned(fromByteOffset: position, as: UInt64.self)
                        let x = w ^ delimiterWord, y = w ^ 0x0A0A_0A0A_0A0A_0A0A
                        let found = ((x &- 0x0101_0101_0101_0101) & ~x | (y &- 0x0101_0101_0101_0101) & ~y) & 0x8080_8080_8080_8080
                        if found != 0 { position &+= found.trailingZeroBitCount >> 3; break }
                        position &+= 8
                    }
                }
                while position < count {
                    let b = bytes[position]
                    if b == delimiter || b == CSVReader.newline { break }
                    position += 1
                }
                var end = position
                if end > start && bytes[end - 1] == CSVReader.carriageReturn
                    && (position == count || bytes[position] == CSVReader.newline) {
                    end -= 1
                }
                guard append(FieldSpan(start: start, end: end, hasEscapedQuotes: false)) else { return nil }
            }
            if position < count && bytes[position] == delimiter {
                position += 1
                continue
            }
            // A line end (`\n`, or `\r\n` after a quoted field) or the end of the input.
            var end = position
            if position < count && bytes[position] == CSVReader.carriageReturn { position += 1 }
            if position < count && bytes[position] == CSVReader.newline {
                position += 1
                line += 1
            }
            if end > recordStart && bytes[end - 1] == CSVReader.carriageReturn { end -= 1 }
            return Record(line: recordLine, start: recordStart, end: end, problem: problem)
        }
    }

    /// The text of a field, with doubled quotes made single.
    public func string(_ span: FieldSpan) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[span.start..<span.end])
        guard span.hasEscapedQuotes else { return TextDecoding.string(slice, windows1252: windows1252) }
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var i = 0
        while i < slice.count {
            out.append(slice[i])
            i += slice[i] == CSVReader.quote && i + 1 < slice.count && slice[i + 1] == CSVReader.quote ? 2 : 1
        }
        return out.withUnsafeBufferPointer { TextDecoding.string($0, windows1252: windows1252) }
    }

    /// The raw text of a record as it stands in the file (for a rejected row's value).
    /// The record as it stands in the file (for a rejected row), at most 1.000 bytes and cut
    /// with `…`: a 200 MB line is not copied into a snapshot.
    public func rawText(_ record: Record) -> String {
        let end = max(record.start, record.end)
        let cut = min(end, record.start + 1_000)
        var text = TextDecoding.string(UnsafeBufferPointer(rebasing: bytes[record.start..<cut]), windows1252: windows1252)
        if cut < end {
            // Not inside a UTF-8 sequence: the decoder turned a cut one into U+FFFD; drop it.
            if text.last == "\u{FFFD}" { text.removeLast() }
            text += "…"
        }
        return text
    }

    /// Whether a record is a blank line (one empty field), which readers skip.
    public static func isBlank(_ fields: FieldList) -> Bool {
        fields.count == 1 && fields[0].start == fields[0].end && !fields[0].hasEscapedQuotes
    }

    /// Guesses the delimiter from a header line: the most frequent of `;`, `,` and tab outside
    /// quotes, `;` on a tie or when none occurs.
    public static func detectDelimiter(in bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        // In a fixed order, so that a tie is always decided the same way (the first wins).
        let candidates: [UInt8] = [UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "\t")]
        var counts = [0, 0, 0]
        var inQuotes = false
        for b in bytes {
            if b == quote { inQuotes.toggle(); continue }
            if !inQuotes && b == newline { break }
            if !inQuotes, let k = candidates.firstIndex(of: b) { counts[k] += 1 }
        }
        var best = 0
        for k in 1..<candidates.count where counts[k] > counts[best] { best = k }
        return candidates[best]
    }
}
