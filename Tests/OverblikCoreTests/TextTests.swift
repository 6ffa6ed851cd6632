import Testing
@testable import OverblikCore

@Suite("Text layout")
struct TextTests {
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

    @Test func csvForDanishExcel() {
        let doc = CSVText.document(header: ["navn", "beløb"], rows: [["Jens; \"J\"", "1.234,50"]])
        #expect(doc == "\u{FEFF}navn;beløb\r\n\"Jens; \"\"J\"\"\";1.234,50\r\n")
    }
}
