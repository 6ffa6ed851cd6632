/// Look-ups in the masteroversigt: a grant's mapping row, and the paragraphs a payment's
/// account can belong to.
public struct MappingIndex: Sendable {
    public let rows: [MappingRow]
    private let byParagraph: [Paragraph: [MappingRow]]
    private let byFunction: [String: [MappingRow]]
    /// `paragraphs(function:grouping:)` worked out for every function and every grouping the
    /// mapping names (and "": any other grouping gives the same as "").
    private let accounts: [String: [String: [Paragraph]]]

    public init(_ rows: [MappingRow]) {
        self.rows = rows
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
    }

    /// The row of the grant's paragraph whose service codes include the grant's service code.
    public func exactRow(for g: Grant) -> MappingRow? {
        byParagraph[g.paragraph]?.first { $0.serviceCodes.contains(g.serviceCode) }
    }

    /// The grant's mapping row; for an invalid service code the first row of its paragraph
    /// (so that it still counts on the Økonomi view); nil when the paragraph is not mapped.
    public func row(for g: Grant) -> MappingRow? {
        exactRow(for: g) ?? byParagraph[g.paragraph]?.first
    }

    /// Whether the grant's service code is in a row of its paragraph.
    public func hasValidServiceCode(_ g: Grant) -> Bool { exactRow(for: g) != nil }

    /// The rows of a paragraph, in file order.
    public func rows(of paragraph: Paragraph) -> [MappingRow] { byParagraph[paragraph] ?? [] }

    /// The distinct paragraphs whose rows match a payment's account: the function equal, and
    /// the grouping equal where the row gives one. In file order.
    public func paragraphs(function: String, grouping: String) -> [Paragraph] {
        guard let byGrouping = accounts[function] else { return [] }
        return byGrouping[grouping] ?? byGrouping[""] ?? []
    }

    /// Every account function named in the mapping, sorted.
    public var functions: [String] { byFunction.keys.sorted() }

    /// The text of a function: the label of its first row.
    public func label(function: String) -> String { byFunction[function]?.first?.label ?? "" }
}
