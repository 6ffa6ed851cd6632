// libFuzzer target (built by `make fuzz`, see Scripts/fuzz.sh): any bytes through the CSV
// reader (both delimiters, both encodings), the split for parallel reading, and every field
// through the value parsers. Crashes, hangs and broken invariants are the failures.
import OverblikCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    for windows1252 in [false, true] {
        for delimiter in [UInt8(ascii: ";"), UInt8(ascii: ",")] {
            var reader = CSVReader(bytes: bytes, delimiter: delimiter)
            reader.windows1252 = windows1252
            var fields = FieldList()
            var last = -1
            while let record = reader.next(into: &fields) {
                precondition(reader.position > last && reader.position <= size, "the reader went back or past the end")
                last = reader.position
                _ = reader.rawText(record)
                for f in fields {
                    precondition(f.start <= f.end && f.end <= size, "a field outside the input")
                    let text = reader.string(f)
                    for style in DateStyle.allCases { _ = style.parse(text) }
                    _ = DecimalStyle.comma.parseHundredths(text)
                    _ = DecimalStyle.point.parseHundredths(text)
                    _ = CPR.parse(text)
                    _ = Paragraph(parsing: text)
                    _ = SafeText.clean(text)
                    let field = UnsafeBufferPointer(rebasing: bytes[f.start..<f.end])
                    if let fast = FastParse.day(field, .auto) { precondition(fast == DateStyle.auto.parse(text), "fast date differs") }
                    if !f.hasEscapedQuotes, let fast = FastParse.hundredths(field, .comma) {
                        precondition(fast == DecimalStyle.comma.parseHundredths(text), "fast amount differs")
                    }
                }
            }
            precondition(reader.position == size, "the reader stopped before the end")
            let parts = CSVReader.split(bytes, delimiter: delimiter, from: 0, line: 1, parts: 2)
            precondition(parts.first?.start == 0 && parts.last?.end == size, "the parts do not cover the input")
        }
    }
    _ = try? TextDecoding.decode(Array(bytes), as: .auto)
    return 0
}
