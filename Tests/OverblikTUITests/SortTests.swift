import Testing
@testable import OverblikCore
@testable import OverblikTUI

@Suite("Sorting a list")
struct SortTests {
    /// The sort on packed numbers gives what comparing the keys gives, on random columns of
    /// every kind (numbers of both signs, paragraphs, Danish texts sharing long prefixes, empty
    /// cells), both ways, equal keys kept in row order.
    @Test func packedSortEqualsComparingKeys() {
        var random = SystemRandomNumberGenerator()
        let words = ["Bostedet Ærø", "Bostedet Aalborg", "bostedet ærø", "Bostedet Åbo", "Bostedet Øst", "Bostedet Zeta",
                     "Ålykke", "Anders", "anders", "Østervang", "Ébo", "Bo", "Bostedet", "Bostedet Ærø 2", "日本"]
        let paragraphs = [Paragraph(number: 108), Paragraph(number: 85), Paragraph(number: 82, letter: "a"),
                          Paragraph(law: "ABL", number: 105)]
        for round in 0..<200 {
            let keys: [SortKey] = (0..<Int.random(in: 0...300, using: &random)).map { _ in
                switch (round % 4, Int.random(in: 0..<10, using: &random)) {
                case (_, 0): return .empty
                case (0, _): return .number(Double(Int.random(in: -50...50, using: &random)) / 4)
                case (1, _): return .paragraph(paragraphs.randomElement(using: &random)!)
                case (2, let k) where k < 3: return .number(Double(k))
                default: return .text(.init(words.randomElement(using: &random)!))
                }
            }
            let rows = Array(keys.indices).filter { _ in Int.random(in: 0..<5, using: &random) > 0 }
            for descending in [false, true] {
                let expected = rows.indices.sorted { a, b in
                    let (x, y) = (keys[rows[a]], keys[rows[b]])
                    if x < y { return !descending }
                    if y < x { return descending }
                    return a < b
                }.map { rows[$0] }
                #expect(SortKey.sorted(rows, keys: keys, descending: descending) == expected, "round \(round) descending \(descending)")
            }
        }
    }
}
