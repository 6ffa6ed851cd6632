import Testing
@testable import OverblikCore

@Suite("Text layout")
struct TextTests {
    @Test func spacesTrimmedAroundATextOnly() {
        #expect("S-1".trimmingSpaces == "S-1" && "æble".trimmingSpaces == "æble" && "".trimmingSpaces == "")
        #expect(" S-1\t".trimmingSpaces == "S-1" && "\u{00A0}Ø 2\u{00A0}".trimmingSpaces == "Ø 2" && " \t ".trimmingSpaces == "")
        #expect("a b".trimmingSpaces == "a b" && "\u{00A0}".trimmingSpaces == "")
    }

    @Test func widthsInTerminalCells() {
        #expect(DisplayWidth.of("æøå ÆØÅ § – ·") == 13)
        #expect(DisplayWidth.of("山田太郎") == 8)
        #expect(DisplayWidth.of("e\u{0301}") == 1)
        #expect(DisplayWidth.of("🙂") == 2)
        // A string's fast path (printable ASCII, a cell a byte) agrees with the scalar path.
        for text in ["Bostedet Egebakken", "", "a\tb", "\u{7F}x", "SEL-85:3, ABL-105:2", "æ", "~ snart", "100 %"] {
            #expect(DisplayWidth.of(text) == text.unicodeScalars.reduce(0) { $0 + DisplayWidth.of($1) }, "\(text)")
            #expect(DisplayWidth.of(Substring(text)) == DisplayWidth.of(text), "\(text)")
        }
        #expect(DisplayWidth.of("a\tb") == 2 && DisplayWidth.of("ab ") == 3)
    }

    @Test func truncatesWithEllipsis() {
        #expect(DisplayWidth.truncate("Bostedet Egebakken", to: 10) == "Bostedet …")
        #expect(DisplayWidth.truncate("山田太郎", to: 5) == "山田…")
        #expect(DisplayWidth.truncate("kort", to: 10) == "kort")
        #expect(DisplayWidth.fit("æø", to: 4, alignRight: true) == "  æø")
    }

    @Test func controlCharactersNeverReachTheScreen() {
        #expect(SafeText.clean("Bo\u{1B}[31mstedet") == "Bo\u{FFFD}[31mstedet")
        #expect(SafeText.clean("a\u{202E}b") == "a\u{FFFD}b")
        #expect(SafeText.clean("linje\nto") == "linje to")
        #expect(SafeText.clean("Ærø") == "Ærø")
    }

    @Test func rendersATable() {
        var t = TextTable(columns: [.init("Navn"), .init("Beløb", alignRight: true)])
        t.append(["Åse Øby", "1.234,50"])
        t.append(["Jens\u{1B}", "7,00"])
        #expect(t.render() == [
            "Navn        Beløb",
            "───────  ────────",
            "Åse Øby  1.234,50",
            "Jens\u{FFFD}        7,00",
        ])
    }

    /// Random tables render as each cell fitted to its column, joined by two spaces, without
    /// trailing spaces (the plain way, cell by cell).
    @Test func rendersAsEveryCellFittedToItsColumn() {
        var random = SystemRandomNumberGenerator()
        let pieces = ["a", "Åse", "中文", "e\u{301}", " ", "  ", "", "1.234,50", "§ 85", "lang tekst der bliver skåret af", "x "]
        func text() -> String { (0..<Int.random(in: 0...3, using: &random)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &random)] }.joined() }
        for _ in 0..<300 {
            let n = Int.random(in: 1...5, using: &random)
            var t = TextTable(columns: (0..<n).map { _ in
                TextTable.Column(text(), alignRight: Bool.random(using: &random), maxWidth: Int.random(in: 0...12, using: &random))
            })
            for _ in 0..<Int.random(in: 0...6, using: &random) { t.append((0..<n).map { _ in text() }) }
            let w = t.widths
            func plain(_ cells: [String]) -> String {
                var s = cells.indices.map { DisplayWidth.fit(cells[$0], to: w[$0], alignRight: t.columns[$0].alignRight) }.joined(separator: "  ")
                while s.last == " " { s.removeLast() }
                return s
            }
            let expected = [plain(t.columns.map(\.title)), w.map { String(repeating: "─", count: $0) }.joined(separator: "  ")] + t.rows.map(plain)
            #expect(t.render() == expected, "\(t.columns.map(\.title)) \(t.rows)")
        }
    }

    @Test func csvForDanishExcel() {
        let doc = CSVText.document(header: ["navn", "beløb"], rows: [["Jens; \"J\"", "1.234,50"]])
        #expect(doc == "\u{FEFF}navn;beløb\r\n\"Jens; \"\"J\"\"\";1.234,50\r\n")
        // Quoted: a CRLF inside a value (one character, neither CR nor LF), a lone CR or LF, a space
        // at either end; not: Danish letters, `§`, an empty value, a space inside.
        let fields = ["a\r\nb", "a\rb", "a\nb", " a", "a ", "Ærø § 85", "", "a b", "\"", ";"]
        #expect(fields.map(CSVText.field) == ["\"a\r\nb\"", "\"a\rb\"", "\"a\nb\"", "\" a\"", "\"a \"", "Ærø § 85", "", "a b", "\"\"\"\"", "\";\""])
        #expect(CSVText.document(header: ["x"], rows: [["a\r\nb", ""], []]) == "\u{FEFF}x\r\n\"a\r\nb\";\r\n\r\n")
    }
}
