import Testing
@testable import OverblikCore

@Suite("Symbols")
struct SymbolsTests {
    @Test func aTextIsInternedOnce() {
        var s = Symbols()
        let a = s.intern("5.38.50"), b = s.intern("Bostedet Åløkke"), c = s.intern("5.38.50")
        #expect(a == c)
        #expect(a != b)
        #expect(s.intern("") == Symbol.empty)
        #expect(s.texts == ["", "5.38.50", "Bostedet Åløkke"])
        #expect(s[b] == "Bostedet Åløkke")
        #expect(s[Symbol(id: 99)] == "")
        #expect(s.symbol(for: "5.38.50") == a)
        #expect(s.symbol(for: "5.38.99") == nil)
        #expect(s.municipality(Symbol.empty) == nil)
        #expect(s.municipality(b) == "Bostedet Åløkke")
    }

    /// Renumbered in text order, a payment keeps its texts.
    @Test func textOrderKeepsEveryPaymentsTexts() {
        var s = Symbols()
        let d = Day(year: 2026, month: 1, day: 1)!
        var p = Payment(voucherId: "1", cpr: CPR(value: 101_901_234), function: "5.38.52", grouping: "004", provider: "Ørebro",
                        periodStart: d, periodEnd: d, amount: .zero, postingDate: d, payingMunicipality: "Egedal",
                        actingMunicipality: nil, symbols: &s)
        let before = [p.function, p.grouping, p.provider, p.payingMunicipality, p.actingMunicipality].map { s[$0] }
        let (ordered, renumbered) = s.inTextOrder()
        p.renumber(renumbered)
        #expect(ordered.texts == ["", "004", "5.38.52", "Egedal", "Ørebro"])
        #expect([p.function, p.grouping, p.provider, p.payingMunicipality, p.actingMunicipality].map { ordered[$0] } == before)
        #expect(p.actingMunicipality == Symbol.empty)
    }

    /// The mapping's look-up by symbols gives what its look-up by texts gives, for every
    /// function and grouping (mapped, unmapped, none).
    @Test func mappingBySymbolsEqualsByText() {
        var s = Symbols()
        let texts = ["5.38.50", "5.38.38", "5.38.53", "5.38.99", "001", "004", "009"]
        for t in texts { _ = s.intern(t) }
        let rows = [
            MappingRow(paragraph: Paragraph(number: 108), function: "5.38.50"),
            MappingRow(paragraph: Paragraph(number: 85), function: "5.38.38", grouping: "004"),
            MappingRow(paragraph: Paragraph(number: 95), function: "5.38.38", grouping: "001"),
            MappingRow(paragraph: Paragraph(number: 97), function: "5.38.53"),
            MappingRow(paragraph: Paragraph(number: 99), function: "5.38.53"),
            MappingRow(paragraph: Paragraph(number: 96), function: "5.38.38"),
        ]
        let mapping = MappingIndex(rows, symbols: s)
        for f in texts + ["5.99.99"] {
            for g in ["", "001", "004", "009"] {
                let bySymbol = mapping.paragraphs(function: s.symbol(for: f) ?? Symbol(id: 1000), grouping: s.symbol(for: g) ?? Symbol.empty)
                #expect(bySymbol == mapping.paragraphs(function: f, grouping: g), "\(f) \(g)")
            }
        }
        #expect(mapping.paragraphs(function: "5.38.38", grouping: "009") == [Paragraph(number: 96)])
    }
}
