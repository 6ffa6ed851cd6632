import OverblikCore

/// An in-memory screen: a grid of cells, where a double-width character takes two. It gives the
/// screen back as text lines and styles, so tests assert exact screens.
public final class CellGrid: Surface {
    struct Cell: Equatable {
        var text: String = " "
        var style: Style = .normal
        /// The right half of a double-width character.
        var isContinuation = false
    }

    public private(set) var rows: Int
    public private(set) var columns: Int
    private var cells: [[Cell]]
    public private(set) var cursor: (row: Int, column: Int) = (0, 0)

    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        cells = Array(repeating: Array(repeating: Cell(), count: columns), count: rows)
    }

    /// Changes the size, as a terminal resize does; the content is cleared.
    public func resize(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        clear()
    }

    public func clear() {
        cells = Array(repeating: Array(repeating: Cell(), count: columns), count: rows)
    }

    public func put(_ text: String, row: Int, column: Int, style: Style) {
        guard row >= 0, row < rows else { return }
        var col = column
        for ch in text {
            let w = DisplayWidth.of(String(ch))
            if w == 0 {
                // A combining mark joins the character before it.
                if col > 0 { cells[row][col - 1].text.append(ch) }
                continue
            }
            guard col >= 0, col + w <= columns else { break }
            // Overwriting half of a wide character blanks its other half.
            if cells[row][col].isContinuation, col > 0 { cells[row][col - 1] = Cell(text: " ", style: cells[row][col - 1].style) }
            if col + w < columns, cells[row][col + w].isContinuation { cells[row][col + w] = Cell(text: " ", style: cells[row][col + w].style) }
            cells[row][col] = Cell(text: String(ch), style: style)
            if w == 2 { cells[row][col + 1] = Cell(text: "", style: style, isContinuation: true) }
            col += w
        }
    }

    public func placeCursor(row: Int, column: Int) { cursor = (row, column) }

    /// The screen as lines, trailing spaces removed.
    public func text() -> [String] {
        cells.map { line in
            var s = line.map(\.text).joined()
            while s.last == " " { s.removeLast() }
            return s
        }
    }

    /// The style of the cell at (row, column).
    public func style(row: Int, column: Int) -> Style { cells[row][column].style }

    /// The styles of a row, one per cell.
    public func styles(row: Int) -> [Style] { cells[row].map(\.style) }
}
