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

    /// Texts sharing their packed prefix that come already in order (or all the same), as a
    /// column of few distinct values mostly does: the runs left as they are give the same order
    /// as comparing the keys, both ways, equal texts in row order.
    @Test func runsAlreadyInOrderKeepTheirOrder() {
        var random = SystemRandomNumberGenerator()
        let words = ["Bostedet Aalborg", "Bostedet Ærø", "Bostedet Ærø", "Bostedet Ærø 2", "bostedet ærø", "Bostedet Øst", "Bostedet Åbo"]
        let ordered = words.map { SortKey.text(.init($0)) }.sorted()
        for round in 0..<100 {
            let n = Int.random(in: 0...200, using: &random)
            var keys: [SortKey]
            switch round % 3 {
            case 0: keys = Array(repeating: ordered[round % ordered.count], count: n)  // one text only
            case 1: keys = (0..<n).map { _ in ordered.randomElement(using: &random)! }.sorted()  // ascending
            default: keys = (0..<n).map { _ in ordered.randomElement(using: &random)! }.sorted(by: >)  // descending
            }
            if round % 5 == 4, !keys.isEmpty { keys[Int.random(in: 0..<n, using: &random)] = .text(.init("Bostedet Aarhus")) }  // one out of place
            let rows = Array(keys.indices)
            for descending in [false, true] {
                let expected = rows.indices.sorted { a, b in
                    let (x, y) = (keys[a], keys[b])
                    if x < y { return !descending }
                    if y < x { return descending }
                    return a < b
                }
                #expect(SortKey.sorted(rows, keys: keys, descending: descending) == expected, "round \(round) descending \(descending)")
            }
        }
    }
}
