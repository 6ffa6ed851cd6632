import OverblikCore
import OverblikTestSupport
import Testing
@testable import OverblikSync

/// The fast paths must agree with the general parsers on everything they accept.
@Suite("Fast parsing paths")
struct FastParseTests {
    func bytes(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) { Array(s.utf8).withUnsafeBufferPointer(body) }

    @Test func datesAgreeWithTheGeneralParser() {
        let samples = ["01-01-2025", "31-12-2026", "29-02-2024", "29-02-2025", "31-04-2026", "2026-11-23", "2026-13-01",
                       "1-1-2025", "01.01.2025", "00-01-2025", "01-00-2025", "0a-01-2025", "2026/11/23", "01-01-20255"]
        for s in samples {
            for style in DateStyle.allCases {
                bytes(s) { b in
                    if let fast = FastParse.day(b, style) { #expect(fast == style.parse(s), "\(s) \(style)") }
                }
            }
        }
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let s = String((0..<10).map { _ in Array("0123456789-")[Int.random(in: 0..<11, using: &random)] })
            bytes(s) { b in
                if let fast = FastParse.day(b, .auto) { #expect(fast == DateStyle.auto.parse(s), "\(s)") }
            }
        }
    }

    /// Amounts have at most 12 digits before the decimal mark, counted over all digit groups: the
    /// fast path once counted one group's digits only, and `999.999.…` (seven groups) overflowed.
    @Test func amountsHaveAtMostTwelveDigitsInBothParsers() {
        for (text, ore) in [("999.999.999.999,99", Int64(99_999_999_999_999)), ("-999999999999,99", -99_999_999_999_999),
                            ("1.000.000.000.000,00", nil), ("999.999.999.999.999.999.999,00", nil), ("9999999999999999999999,00", nil),
                            ("1000000000000.00", nil)] as [(String, Int64?)] {
            let style: DecimalStyle = text.hasSuffix(".00") ? .point : .comma
            bytes(text) { b in #expect(FastParse.hundredths(b, style) == ore, "\(text)") }
            #expect(style.parseHundredths(text) == ore, "\(text)")
        }
        // Long runs of digit groups, any length: never a trap, and the two agree.
        var random = SplitMix(seed: 12)
        for _ in 0..<5_000 {
            let groups = Int(random.next() % 9)
            var s = String(1 + random.next() % 999)
            for _ in 0..<groups { s += "." + String(format: "%03d", Int(random.next() % 1000)) }
            s += random.next() % 2 == 0 ? ",00" : String(format: ",%02d", Int(random.next() % 100))
            bytes(s) { b in
                let fast = FastParse.hundredths(b, .comma)
                #expect(fast == DecimalStyle.comma.parseHundredths(s), "\(s)")
                #expect((fast != nil) == (groups < 4), "\(s)")
            }
        }
    }

    @Test func amountsAgreeWithTheGeneralParser() {
        let samples = ["1.234,50", "-1.234,50", "0,01", "75.950,00", "1234,50", "12.34,50", "1.2345,00", ",50", "-,50",
                       "1.234.567,89", "1.5", "123.456.789.012.345,00", "1,5", "1,505", "- 1,00", "1.234,5"]
        for s in samples {
            for style in DecimalStyle.allCases {
                bytes(s) { b in
                    if let fast = FastParse.hundredths(b, style) { #expect(fast == style.parseHundredths(s), "\(s) \(style)") }
                }
            }
        }
        #expect(bytes2("1.234,50") == 123_450)
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let n = Int.random(in: 1...12, using: &random)
            let s = String((0..<n).map { _ in Array("0123456789.,-")[Int.random(in: 0..<13, using: &random)] })
            for style in DecimalStyle.allCases {
                bytes(s) { b in
                    if let fast = FastParse.hundredths(b, style) { #expect(fast == style.parseHundredths(s), "\(s) \(style)") }
                }
            }
        }
    }

    func bytes2(_ s: String) -> Int64? { Array(s.utf8).withUnsafeBufferPointer { FastParse.hundredths($0, .comma) } }

    /// A field's text without the spaces, tabs and no-break spaces at its ends, in UTF-8 and in
    /// Windows-1252, for 20.000 fields of those and other bytes (ASCII above and below the space,
    /// DEL, letters beyond ASCII): the same as trimming the decoded text, whether or not the
    /// first and last bytes let the trim stop at once.
    @Test func trimmingAgreesWithTrimmingTheText() {
        let pieces: [String] = [" ", "\t", "\u{A0}", "a", "!", "~", "\u{7F}", "é", "Ø", "7", ";x", "\u{A0}b"]
        var r = SplitMix(seed: 11)
        for windows1252 in [false, true] {
            for _ in 0..<10_000 {
                let text = (0..<Int(r.next() % 6)).map { _ in pieces[Int(r.next() % UInt64(pieces.count))] }.joined()
                let field = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                let bytes: [UInt8] = windows1252 ? field.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) } : Array(field.utf8)
                let expected = String(text.drop { " \t\u{A0}".contains($0) }.reversed().drop { " \t\u{A0}".contains($0) }.reversed())
                bytes.withUnsafeBufferPointer { b in
                    var reader = CSVReader(bytes: b, delimiter: UInt8(ascii: ";"))
                    reader.windows1252 = windows1252
                    var fields = FieldList()
                    _ = reader.next(into: &fields)
                    let interner = Interner(windows1252: windows1252)
                    defer { withExtendedLifetime(interner) {} }  // (a RowAccess holds it unretained)
                    fields.withUnsafeBufferPointer { f in
                        let row = RowAccess(reader: reader, fields: f, decimal: .comma, dateStyle: .auto, interner: interner)
                        let column = ResolvedColumn(index: 0, header: "x", field: "x")
                        #expect(row.text(column) == expected, "\(Array(text.unicodeScalars)) \(windows1252)")
                        #expect(row.interned(column) == expected, "\(Array(text.unicodeScalars)) \(windows1252)")
                    }
                }
            }
        }
    }

    @Test func internerGivesEqualStrings() {
        let interner = Interner()
        let a = Array("Bostedet Egebakken".utf8).withUnsafeBufferPointer { interner.string($0) }
        let b = Array("Bostedet Egebakken".utf8).withUnsafeBufferPointer { interner.string($0) }
        let c = Array("Bostøtten".utf8).withUnsafeBufferPointer { interner.string($0) }
        #expect(a == b && a == "Bostedet Egebakken" && c == "Bostøtten")
    }

    /// The interner's remembered dates give what the fast parser gives, for every kind of ten
    /// bytes (valid dates repeated and in colliding slots, impossible days, other shapes), in the
    /// style the table reads.
    @Test func rememberedDatesAreTheParsedOnes() {
        var r = SplitMix(seed: 5)
        for style in [DateStyle.dayMonthYearDash, .iso, .auto] {
            let interner = Interner()
            for _ in 0..<30_000 {
                let (y, m, d) = (1990 + Int(r.next() % 40), 1 + Int(r.next() % 13), 1 + Int(r.next() % 32))
                let text: String
                switch r.next() % 4 {
                case 0: text = String(format: "%04d-%02d-%02d", y, m, d)
                case 1: text = String(format: "%02d.%02d.%04d", d, m, y)
                case 2: text = ["01-01-2026", "31-12-2025", "29-02-2024", "29-02-2025"][Int(r.next() % 4)]
                default: text = String(format: "%02d-%02d-%04d", d, m, y)
                }
                Array(text.utf8).withUnsafeBufferPointer { b in #expect(interner.day(b, style) == FastParse.day(b, style), "\(text)") }
            }
        }
    }

    /// The interner's remembered CPR number gives what `CPR.parse` gives, for runs of the same
    /// number, numbers that differ only in their last bytes, the dashed form, impossible dates,
    /// nine and twelve digits and other shapes, each right after a valid one.
    @Test func rememberedCPRNumbersAreTheParsedOnes() {
        var r = SplitMix(seed: 7)
        let interner = Interner()
        let fixed = ["0101901234", "0101901235", "010190-1235", "010190-1234", "3102901234", "010190123", "010190123456",
                     "01019O1234", "", "0101901234 ", "2902001234", "2902011234", "010190--234"]
        var previous = "0101901234"
        for n in 0..<20_000 {
            let text: String
            if n % 3 == 0 { text = previous } else if n % 7 == 0 { text = fixed[Int(r.next() % UInt64(fixed.count))] } else {
                let (d, m, y, s) = (1 + Int(r.next() % 32), 1 + Int(r.next() % 13), Int(r.next() % 100), Int(r.next() % 10_000))
                text = String(format: r.next() % 2 == 0 ? "%02d%02d%02d%04d" : "%02d%02d%02d-%04d", d, m, y, s)
            }
            let expected: CPR? = if case .success(let c) = CPR.parse(text) { c } else { nil }
            Array(text.utf8).withUnsafeBufferPointer { b in #expect(interner.cpr(b) == expected, "\(text)") }
            previous = text
        }
    }

    /// The memo's own table: every distinct sequence made once (through the table's growing and
    /// sequences of every length from empty to past two words), each asked again gives its own
    /// value; past the limit values are made anew and still right.
    @Test func byteMemoMakesEachSequenceOnce() {
        let texts = [""] + (0..<6_000).map { i in String(repeating: "æx", count: i % 13) + "\(i)" } + ["Bostedet Egebakken, afd. Nord"]
        for limit in [100_000, 10] {
            var memo = ByteMemo<Int>(limit: limit)
            var made = 0
            func value(_ t: String) -> Int {
                Array(t.utf8).withUnsafeBufferPointer { b in memo.value(for: b) { made += 1; return t.utf8.count * 7 + t.hashValue % 5 } }
            }
            let first = texts.map(value)
            #expect(made == texts.count)
            let again = texts.map(value)
            #expect(again == first)
            #expect(made == (limit > texts.count ? texts.count : 2 * texts.count - limit), "limit \(limit)")
        }
    }
}
