import OverblikCore

/// Column widths of a table, worked out once (not per frame): the widest of the title and the
/// values, at most the column's `maxWidth`.
public struct TableLayout: Sendable {
    public let shown: [Int]
    public let widths: [Int]

    /// The layout for a screen `available` cells wide: when the columns do not fit, those of
    /// lowest priority are left out first (and the last one kept is cut to fit).
    public init(_ table: ViewTable, _ c: ReportContext, available: Int = Int.max) {
        var columns = table.columns.indices.filter { table.columns[$0].inText }
        var width: [Int: Int] = [:]
        for i in columns {
            let column = table.columns[i]
            let title = DisplayWidth.of(column.title.text(c.language))
            let widest = table.rows.reduce(title) { max($0, DisplayWidth.of(table.text($1[i], c))) }
            width[i] = min(widest, max(column.maxWidth, title))
        }
        func total() -> Int { columns.reduce(0) { $0 + width[$1]! } + 2 * max(0, columns.count - 1) }
        while total() > available, columns.count > 1 {
            let drop = columns.min { (table.columns[$0].priority, -$0) < (table.columns[$1].priority, -$1) }!
            guard table.columns[drop].priority < 10 else { break }
            columns.removeAll { $0 == drop }
        }
        shown = columns
        widths = columns.map { width[$0]! }
    }
}

/// Draws a table with a header row and a selected row; only the rows in view are formatted.
public enum TableWidget {
    /// Draws into rows `top..<top+height` of the surface; returns the screen row of the selection.
    @discardableResult
    public static func draw(_ table: ViewTable, layout: TableLayout, state: ListState, context c: ReportContext,
                            on s: Surface, top: Int, height: Int) -> Int {
        guard height > 0 else { return top }
        var x = 1
        for (k, i) in layout.shown.enumerated() where x < s.columns {
            let column = table.columns[i]
            s.put(DisplayWidth.fit(column.title.text(c.language), to: layout.widths[k], alignRight: column.alignRight),
                  row: top, column: x, style: .columnHeader)
            x += layout.widths[k] + 2
        }
        let visible = max(0, height - 1)
        var cursorRow = top + 1
        for r in state.top..<min(table.rows.count, state.top + visible) {
            let y = top + 1 + r - state.top
            let selected = r == state.selected
            if selected {
                s.fill("", row: y, style: .selected)
                cursorRow = y
            }
            var x = 1
            for (k, i) in layout.shown.enumerated() where x < s.columns {
                let cell = table.rows[r][i]
                let text = DisplayWidth.fit(table.text(cell, c), to: layout.widths[k], alignRight: table.columns[i].alignRight)
                s.put(text, row: y, column: x, style: selected ? .selected : style(of: cell))
                x += layout.widths[k] + 2
            }
        }
        if table.rows.isEmpty {
            s.put(c.t("ingen rækker", "no rows"), row: top + 1, column: 1, style: .muted)
        }
        return cursorRow
    }

    /// The semantic style of a cell: follow-up status and money below zero stand out.
    static func style(of cell: Cell) -> Style {
        switch cell {
        case .status(.overdue): return .overdue
        case .status(.dueSoon): return .dueSoon
        case .status(.missing): return .muted
        case .money(let m) where (m?.ore ?? 0) < 0: return .warning
        case .bool(true): return .warning
        default: return .normal
        }
    }
}
