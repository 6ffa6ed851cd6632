import OverblikCore

/// What a piece of text means on screen; each backend maps it to attributes and colours
/// (or to none at all, with `NO_COLOR`). Status is never told by style alone.
public enum Style: Hashable, Sendable, CaseIterable {
    case normal, title, tabActive, tabInactive, columnHeader, selected, rule, footerKey, footerText
    case overdue, dueSoon, muted, warning, good
    /// Marked for attention: a field that differs between the systems, an active filter.
    case highlight
    /// The parts of a stacked bar and its mark (median, budget).
    case bar1, bar2, bar3, bar4, mark
}

/// Somewhere to draw: the terminal (`CursesSurface`) or memory (`CellGrid`, for tests).
public protocol Surface: AnyObject {
    var rows: Int { get }
    var columns: Int { get }
    /// Blanks everything (the backend decides what actually reaches the terminal).
    func clear()
    /// Draws `text` from (row, column), cut at the right edge; `text` must already be safe
    /// (control characters removed) and is measured in terminal cells.
    func put(_ text: String, row: Int, column: Int, style: Style)
    /// Where the hardware cursor rests (screen readers follow it).
    func placeCursor(row: Int, column: Int)
}

extension Surface {
    /// Fills a row from `column` to the right edge with `text` cut or padded to fit.
    public func fill(_ text: String, row: Int, column: Int = 0, width: Int? = nil, style: Style) {
        let w = min(width ?? columns - column, columns - column)
        guard w > 0 else { return }
        put(DisplayWidth.fit(text, to: w), row: row, column: column, style: style)
    }
}
