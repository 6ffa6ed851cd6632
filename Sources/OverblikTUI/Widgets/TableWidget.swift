import OverblikCore

/// Column widths of a table, worked out once (not per frame): the widest of the title and the
/// values, at most the column's `maxWidth`. Only the first `sampled` rows are measured (a list of
/// 100.000 rows is not formatted to lay it out; a wider value further down is cut with `…`). A
/// thousand: a capped column reaches its cap within a few dozen rows; reading and formatting the
/// rows measured was half of opening Team or Opfølgning on L with 2.000.
public struct TableLayout: Sendable {
    public let shown: [Int]
    public let widths: [Int]
    public static let sampled = 250

    /// The layout for a screen `available` cells wide: when the columns do not fit, those of
    /// lowest priority are left out first (and the last one kept is cut to fit).
    public init(_ table: ViewTable, _ c: ReportContext, available: Int = Int.max) {
        var columns = table.columns.indices.filter { table.columns[$0].inText }
        func isBar(_ i: Int) -> Bool { if case .bar? = table.rows.first?[i] { return true }; return false }
        var width = [Int](repeating: 0, count: table.columns.count)
        for i in columns {
            let column = table.columns[i]
            let title = DisplayWidth.of(column.title.text(c.language))
            if isBar(i) {
                width[i] = max(column.maxWidth, title)
                continue
            }
            // Measured until a value reaches the column's cap (no later one can widen it further).
            let cap = max(column.maxWidth, title)
            var widest = title
            for row in table.rows.prefix(TableLayout.sampled) {
                if widest >= cap { break }
                if row.indices.contains(i) { widest = max(widest, table.width(row[i], c)) }
            }
            width[i] = min(widest, cap)
        }
        func total() -> Int { columns.reduce(0) { $0 + width[$1] } + 2 * max(0, columns.count - 1) }
        while total() > available, columns.count > 1 {
            guard let drop = columns.min(by: { (table.columns[$0].priority, -$0) < (table.columns[$1].priority, -$1) }),
                  table.columns[drop].priority < 10 else { break }
            // A text column next in line to go is cut to the room left instead, when that room is
            // enough to read it (12 cells, or its title).
            let room = available - (total() - width[drop])
            if room >= max(12, DisplayWidth.of(table.columns[drop].title.text(c.language))), !isBar(drop) {
                width[drop] = room
                break
            }
            columns.removeAll { $0 == drop }
        }
        shown = columns
        widths = columns.map { width[$0] }
    }
}

/// Draws a table with a header row and a selected row; only the rows in view are formatted.
/// Text from the data is made safe here (control characters never reach the terminal).
public enum TableWidget {
    /// Draws `rows` (indices into the table, in order) into screen rows `top..<top+height`;
    /// returns the screen row of the selection. With no `state`, nothing is selected. `cells`
    /// gives a row's cells where the table does not hold them (a windowed page).
    @discardableResult
    public static func draw(_ table: ViewTable, rows order: [Int], layout: TableLayout, state: ListState?,
                            sort: (column: Int, descending: Bool)? = nil, context c: ReportContext,
                            on s: Surface, top: Int, height: Int, cells: ((Int) -> [Cell])? = nil) -> Int {
        guard height > 0 else { return top }
        var x = 1
        for (k, i) in layout.shown.enumerated() where x < s.columns {
            let column = table.columns[i]
            var title = DisplayWidth.fit(column.title.text(c.language), to: layout.widths[k], alignRight: column.alignRight)
            if let sort, sort.column == i, layout.widths[k] > 0 {
                let name = DisplayWidth.truncate(column.title.text(c.language), to: layout.widths[k] - 1)
                title = DisplayWidth.fit(name + (sort.descending ? "▼" : "▲"), to: layout.widths[k], alignRight: column.alignRight)
            }
            s.put(title, row: top, column: x, style: .columnHeader)
            x += layout.widths[k] + 2
        }
        let visible = max(0, height - 1)
        let first = state?.top ?? 0
        var cursorRow = top + 1
        for p in first..<min(order.count, first + visible) {
            let y = top + 1 + p - first
            let selected = p == state?.selected
            if selected {
                s.fill("", row: y, style: .selected)
                cursorRow = y
            }
            var x = 1
            let row = cells?(order[p]) ?? table.rows[order[p]]
            for (k, i) in layout.shown.enumerated() where x < s.columns && row.indices.contains(i) {
                let cell = row[i]
                if case .bar(let bar) = cell {
                    for (offset, part) in bar.cells(width: layout.widths[k]).enumerated() {
                        s.put(String(part.0), row: y, column: x + offset, style: selected && part.1 == .normal ? .selected : part.1)
                    }
                } else {
                    let text = DisplayWidth.fit(SafeText.clean(table.text(cell, c)), to: layout.widths[k], alignRight: table.columns[i].alignRight)
                    s.put(text, row: y, column: x, style: selected ? .selected : style(of: cell))
                }
                x += layout.widths[k] + 2
            }
        }
        if order.isEmpty {
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
        case .highlighted, .emphasised: return .highlight
        case .coded(_, _, let style): return style
        default: return .normal
        }
    }
}
