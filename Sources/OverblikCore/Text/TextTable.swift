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
    public var widths: [Int] { widths(rows.map { $0.map(DisplayWidth.of) }) }

    private func widths(_ cellWidths: [[Int]]) -> [Int] {
        columns.indices.map { c in
            let title = DisplayWidth.of(columns[c].title)
            let widest = cellWidths.reduce(title) { max($0, $1[c]) }
            return min(widest, max(columns[c].maxWidth, title))
        }
    }

    /// The table as lines: a header, a rule, the rows; two spaces between columns, no trailing spaces.
    public func render() -> [String] {
        // Each cell measured once (a report of 40.000 lines has hundreds of thousands).
        let cellWidths = rows.map { $0.map(DisplayWidth.of) }
        let w = widths(cellWidths)
        let lineWidth = w.reduce(0, +) + 2 * max(0, w.count - 1)
        func line(_ cells: [String], _ cellWidth: [Int]) -> String {
            // The cells cut or padded to their column; spaces are owed until text follows them, so
            // none trails the line.
            var s = "", owed = 0
            s.reserveCapacity(lineWidth)
            for (c, cell) in cells.enumerated() {
                if c > 0 { owed += 2 }
                var (text, width) = (cell, cellWidth[c])
                if width > w[c] { text = DisplayWidth.truncate(cell, to: w[c]); width = DisplayWidth.of(text) }
                let padding = max(0, w[c] - width)
                if columns[c].alignRight { owed += padding }
                if !text.isEmpty {
                    if owed > 0 { s += String(repeating: " ", count: owed) }
                    s += text
                    owed = 0
                }
                if !columns[c].alignRight { owed += padding }
            }
            while s.utf8.last == UInt8(ascii: " ") { s.removeLast() }  // (a cell's own trailing spaces, at the end)
            return s
        }
        var out = [line(columns.map(\.title), columns.map { DisplayWidth.of($0.title) })]
        out.reserveCapacity(rows.count + 2)
        out.append(w.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        for (row, widths) in zip(rows, cellWidths) { out.append(line(row, widths)) }
        return out
    }
}
