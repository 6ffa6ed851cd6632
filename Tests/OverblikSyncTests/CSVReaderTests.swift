import Testing
import OverblikConfig
@testable import OverblikSync

/// Reads all records of `text` (as UTF-8) into strings with their line numbers and problems.
func readAll(_ text: String, delimiter: Character = ";") -> [(line: Int, fields: [String], problem: CSVRecordProblem?)] {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { buffer in
        var reader = CSVReader(bytes: buffer, delimiter: delimiter.asciiValue!)
        var fields = FieldList()
        var out: [(Int, [String], CSVRecordProblem?)] = []
        while let record = reader.next(into: &fields) {
            out.append((record.line, fields.map(reader.string), record.problem))
        }
        return out
    }
}

@Suite("CSV reader")
struct CSVReaderTests {
    @Test func plainRecords() {
        let r = readAll("a;b;c\n1;2;3\n")
        #expect(r.map(\.fields) == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(r.map(\.line) == [1, 2])
    }

    @Test func quotedDelimitersQuotesAndLineBreaks() {
        let r = readAll("id;navn;note\n1;\"Jensen; Jens\";\"sagde \"\"hej\"\"\"\n2;\"to\nlinjer\";x\n3;;\n")
        #expect(r.map(\.fields) == [["id", "navn", "note"], ["1", "Jensen; Jens", "sagde \"hej\""],
                                    ["2", "to\nlinjer", "x"], ["3", "", ""]])
        // The record with a line break starts on line 3; the next one is on line 5.
        #expect(r.map(\.line) == [1, 2, 3, 5])
    }

    @Test func crlfAndNoFinalLineEnd() {
        let r = readAll("a;b\r\n1;\"2\"\r\n3;4")
        #expect(r.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(r.map(\.line) == [1, 2, 3])
    }

    @Test func crInsideQuotesIsKept() {
        #expect(readAll("\"a\r\nb\";c\r\n").map(\.fields) == [["a\r\nb", "c"]])
    }

    @Test func emptyInputAndHeaderOnly() {
        #expect(readAll("").isEmpty)
        #expect(readAll("a;b\n").map(\.fields) == [["a", "b"]])
    }

    @Test func blankLinesAreOneEmptyField() {
        let r = readAll("a\n\n1\n")
        #expect(r.map(\.fields) == [["a"], [""], ["1"]])
        #expect(r.map(\.line) == [1, 2, 3])
    }

    @Test func raggedRowsKeepTheirFieldCount() {
        #expect(readAll("a;b;c\n1;2\n1;2;3;4\n").map { $0.fields.count } == [3, 2, 4])
    }

    /// Wide records (a StatBank download's or an export with many columns) keep every field in
    /// order, between short ones, with the field of a problem numbered among them all.
    @Test(arguments: [63, 64, 65, 128, 129, 200])
    func recordsWiderThanTheStackBuffer(width: Int) {
        let wide = (1...width).map { "f\($0)" }
        let r = readAll("a;b\n" + wide.joined(separator: ";") + "\n1;2\n")
        #expect(r.map(\.fields) == [["a", "b"], wide, ["1", "2"]])
        #expect(r.map(\.line) == [1, 2, 3])
        // Text after a closing quote in the last field of a wide record: numbered among them all.
        let quoted = readAll(wide.dropLast().joined(separator: ";") + ";\"x\"y\n")
        #expect(quoted[0].problem == .textAfterClosingQuote(field: width))
        #expect(quoted[0].fields.count == width)
        // An unterminated quote after them all: the record keeps no field, the next line is read.
        let open = readAll(wide.joined(separator: ";") + ";\"open\n1;2\n")
        #expect(open.map(\.fields) == [[], ["1", "2"]])
        #expect(open[0].problem == .unterminatedQuote)
    }

    @Test func unterminatedQuoteResumesAtTheNextLine() {
        let r = readAll("a;b\n1;\"open\n2;x\n3;y\n")
        #expect(r.count == 4)
        #expect(r[1].line == 2)
        #expect(r[1].problem == .unterminatedQuote)
        #expect(r[2].fields == ["2", "x"])
        #expect(r[2].line == 3)
        #expect(r[3].fields == ["3", "y"])
        #expect(r[3].line == 4)
    }

    @Test func textAfterClosingQuote() {
        let r = readAll("\"ab\"c;d\n")
        #expect(r[0].problem == .textAfterClosingQuote(field: 1))
        #expect(r[0].fields.count == 2)
    }

    @Test func otherDelimiters() {
        #expect(readAll("a,b\n\"1,5\",2\n", delimiter: ",").map(\.fields) == [["a", "b"], ["1,5", "2"]])
        #expect(readAll("a\tb\n1\t2\n", delimiter: "\t").map(\.fields) == [["a", "b"], ["1", "2"]])
    }

    @Test(arguments: [("a;b;c\n", ";"), ("a,b,c\n", ","), ("a\tb\tc\n", "\t"), ("\"x;y\",b,c\n", ","), ("abc\n", ";"), ("a;b,c\n", ";")])
    func detectsTheDelimiter(header: String, expected: Character) {
        let bytes = Array(header.utf8)
        let found = bytes.withUnsafeBufferPointer { CSVReader.detectDelimiter(in: $0) }
        #expect(found == expected.asciiValue!)
    }

    @Test func rawTextOfARecord() {
        let bytes = Array("a;b\r\n1;2\r\n".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var reader = CSVReader(bytes: buffer, delimiter: UInt8(ascii: ";"))
            var fields = FieldList()
            _ = reader.next(into: &fields)
            let second = reader.next(into: &fields)!
            #expect(reader.rawText(second) == "1;2")
        }
    }
}

@Suite("Text decoding")
struct TextDecodingTests {
    @Test func stripsTheUTF8ByteOrderMark() throws {
        let d = try TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array("æø".utf8), as: .auto)
        #expect(d.bytes == Array("æø".utf8))
        #expect(d.encoding == .utf8)
    }

    @Test func windows1252() throws {
        // "Søren – §85 æøå ÆØÅ €" in Windows-1252.
        let bytes: [UInt8] = [0x53, 0xF8, 0x72, 0x65, 0x6E, 0x20, 0x96, 0x20, 0xA7, 0x38, 0x35, 0x20, 0xE6, 0xF8, 0xE5,
                              0x20, 0xC6, 0xD8, 0xC5, 0x20, 0x80]
        let d = try TextDecoding.decode(bytes, as: .windows1252)
        #expect(String(decoding: d.bytes, as: UTF8.self) == "Søren – §85 æøå ÆØÅ €")
        let auto = try TextDecoding.decode(bytes, as: .auto)
        #expect(auto.encoding == .windows1252)
        #expect(auto.bytes == d.bytes)
        // Undefined bytes never fail: they become the C1 control of the same value.
        #expect(String(decoding: TextDecoding.fromWindows1252([0x81]), as: UTF8.self) == "\u{81}")
    }

    @Test func autoPrefersValidUTF8() throws {
        let d = try TextDecoding.decode(Array("Åse".utf8), as: .auto)
        #expect(d.encoding == .utf8)
    }

    @Test func invalidUTF8DeclaredUTF8NamesTheLine() {
        let bytes = Array("a;b\n1;2\n".utf8) + [0x53, 0xF8, 0x0A]
        #expect(throws: TextDecoding.InvalidUTF8(line: 3, offset: 9)) { try TextDecoding.decode(bytes, as: .utf8) }
    }

    @Test(arguments: [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80]] as [[UInt8]])
    func rejectsMalformedUTF8(bytes: [UInt8]) {
        #expect(TextDecoding.firstInvalidUTF8(Array("abcdefghij".utf8) + bytes) == 10)
    }

    @Test func acceptsAllValidUTF8() {
        #expect(TextDecoding.firstInvalidUTF8(Array("æøå € 山 🙂 abcdefghijklmnop".utf8)) == nil)
    }
}
