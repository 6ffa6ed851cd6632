import OverblikCore
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

    @Test func internerGivesEqualStrings() {
        let interner = Interner()
        let a = Array("Bostedet Egebakken".utf8).withUnsafeBufferPointer { interner.string($0) }
        let b = Array("Bostedet Egebakken".utf8).withUnsafeBufferPointer { interner.string($0) }
        let c = Array("Bostøtten".utf8).withUnsafeBufferPointer { interner.string($0) }
        #expect(a == b && a == "Bostedet Egebakken" && c == "Bostøtten")
    }
}
