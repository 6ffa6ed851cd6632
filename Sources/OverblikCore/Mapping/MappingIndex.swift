/// Look-ups in the masteroversigt: a grant's mapping row, and the paragraphs a payment's
/// account can belong to (for payments whose symbols are those of `symbols`).
public struct MappingIndex: Sendable {
    public let rows: [MappingRow]
    /// The texts of the payments' symbols this index looks up.
    public let symbols: Symbols
    private let byParagraph: [Paragraph: [MappingRow]]
    private let byFunction: [String: [MappingRow]]
    /// `paragraphs(function:grouping:)` worked out for every function and every grouping the
    /// mapping names (and "": any other grouping gives the same as "").
    private let accounts: [String: [String: [Paragraph]]]
    /// The same by symbol: per function symbol id, the paragraphs per grouping symbol and for
    /// any other grouping (an array look-up per payment, no hashing of texts).
    private let accountsBySymbol: [(byGrouping: [Symbol: [Paragraph]], other: [Paragraph])?]

    public init(_ rows: [MappingRow], symbols: Symbols = Symbols()) {
        self.rows = rows
        self.symbols = symbols
        byParagraph = Dictionary(grouping: rows, by: \.paragraph)
        let byFunction = Dictionary(grouping: rows, by: \.function)
        self.byFunction = byFunction
        var accounts: [String: [String: [Paragraph]]] = [:]
        for (function, functionRows) in byFunction {
            for grouping in Set(functionRows.map(\.grouping)).union([""]) {
                var out: [Paragraph] = []
                for r in functionRows where r.grouping.isEmpty || r.grouping == grouping {
                    if !out.contains(r.paragraph) { out.append(r.paragraph) }
                }
                accounts[function, default: [:]][grouping] = out
            }
        }
        self.accounts = accounts
        var bySymbol: [(byGrouping: [Symbol: [Paragraph]], other: [Paragraph])?] = Array(repeating: nil, count: symbols.count)
        for (function, byGrouping) in accounts {
            guard let f = symbols.symbol(for: function) else { continue }
            var entry: (byGrouping: [Symbol: [Paragraph]], other: [Paragraph]) = ([:], byGrouping[""] ?? [])
            for (grouping, paragraphs) in byGrouping where !grouping.isEmpty {
                if let g = symbols.symbol(for: grouping) { entry.byGrouping[g] = paragraphs }
            }
            bySymbol[Int(f.id)] = entry
        }
        accountsBySymbol = bySymbol
    }

    /// The row of the grant's paragraph whose service codes include the grant's service code.
    public func exactRow(for g: Grant) -> MappingRow? {
        byParagraph[g.paragraph]?.first { $0.serviceCodes.contains(g.serviceCode) }
    }

    /// The position in `rows` of the row of `paragraph` whose service codes include `serviceCode`.
    public func exactRowPosition(_ paragraph: Paragraph, _ serviceCode: String) -> Int? {
        rows.firstIndex { $0.paragraph == paragraph && $0.serviceCodes.contains(serviceCode) }
    }

    /// The grant's mapping row; for an invalid service code the first row of its paragraph
    /// (so that it still counts on the Økonomi view); nil when the paragraph is not mapped.
    public func row(for g: Grant) -> MappingRow? {
        exactRow(for: g) ?? byParagraph[g.paragraph]?.first
    }

    /// The rows of a paragraph, in file order.
    public func rows(of paragraph: Paragraph) -> [MappingRow] { byParagraph[paragraph] ?? [] }

    /// The distinct paragraphs whose rows match a payment's account: the function equal, and
    /// the grouping equal where the row gives one. In file order.
    public func paragraphs(function: String, grouping: String) -> [Paragraph] {
        guard let byGrouping = accounts[function] else { return [] }
        return byGrouping[grouping] ?? byGrouping[""] ?? []
    }

    /// The same for a payment's account given by symbols of `symbols`.
    public func paragraphs(function: Symbol, grouping: Symbol) -> [Paragraph] {
        guard Int(function.id) < accountsBySymbol.count, let entry = accountsBySymbol[Int(function.id)] else { return [] }
        return grouping.isEmpty ? entry.other : entry.byGrouping[grouping] ?? entry.other
    }

    /// Every account function named in the mapping, sorted.
    public var functions: [String] { byFunction.keys.sorted() }

    /// The text of a function: the label of its first row.
    public func label(function: String) -> String { byFunction[function]?.first?.label ?? "" }
}
