/// A table of text cells laid out in terminal cells: the `text` format of `overblik report`
/// and the layout the terminal UI's lists share.
public struct TextTable: Sendable {
    public struct Column: Sendable {
        public var title: String
        public var alignRight: Bool
        /// The column is never made wider than this many cells (longer values are cut with `…`).
        public var maxWidth: Int

        public init(_ title: String, alignRight: Bool = false, maxWidth: Int = 40) {
            self.title = title
            self.alignRight = alignRight
            self.maxWidth = maxWidth
        }
    }

    public var columns: [Column]
    public var rows: [[String]] = []

    public init(columns: [Column]) { self.columns = columns }

    public mutating func append(_ row: [String]) {
        // By construction: the views build every row from the same column list as the header.
        precondition(row.count == columns.count, "row has \(row.count) cells for \(columns.count) columns")
        rows.append(row.map(SafeText.clean))
    }

    /// The widths each column gets: the widest of its title and values, at most its `maxWidth`.
    public var widths: [Int] {
        columns.indices.map { c in
            let widest = rows.reduce(DisplayWidth.of(columns[c].title)) { max($0, DisplayWidth.of($1[c])) }
            return min(widest, max(columns[c].maxWidth, DisplayWidth.of(columns[c].title)))
        }
    }

    /// The table as lines: a header, a rule, the rows; two spaces between columns, no trailing spaces.
    public func render() -> [String] {
        let w = widths
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (c, cell) in cells.enumerated() {
                parts.append(DisplayWidth.fit(cell, to: w[c], alignRight: columns[c].alignRight))
            }
            var s = parts.joined(separator: "  ")
            while s.last == " " { s.removeLast() }
            return s
        }
        var out = [line(columns.map(\.title))]
        out.append(w.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        out.append(contentsOf: rows.map(line))
        return out
    }
}
