import OverblikCore

/// Where everything goes on a screen of a given size: computed from the size and the page, never
/// written by drawing, so that the renderer and the key handling (paging, the mouse) agree.
///
///     row 0            header: municipality, data time, user
///     row 1            tab bar
///     row 2            rule
///     row 3            the page's caption and position
///     rows 4…          the fixed table above the list (if any), a blank row, then the list
///     row rows − 2     rule
///     row rows − 1     footer: the keys, or a message
struct ScreenLayout: Equatable {
    /// Below this the screen says "vinduet er for lille" instead of drawing.
    static let minimumSize = (rows: 24, columns: 80)
    static let headerRow = 0, tabRow = 1, topRuleRow = 2, captionRow = 3, pageTop = 4
    /// The fixed table above the list takes what it needs but leaves the list at least this many rows.
    static let listReserve = 8
    /// Pages are laid out this many cells narrower than the screen (a margin each side).
    static let pageMargin = 2
    /// Ledelse's list of sub-views on the left, its rule included.
    static let subviewListWidth = 16
    /// The help overlay's first row, and the rows it leaves free.
    static let helpTop = 5, helpReserve = 8

    let rows: Int
    let columns: Int
    /// The first row of the list (its column headings) and how many data rows it shows.
    let listTop: Int
    let listHeight: Int
    /// The fixed table above the list: its first row and height (headings included), if drawn.
    let above: (top: Int, height: Int)?
    /// Where each tab's label starts on the tab bar.
    let tabStarts: [Int]

    var tooSmall: Bool { rows < Self.minimumSize.rows || columns < Self.minimumSize.columns }
    var bottomRuleRow: Int { rows - 2 }
    var footerRow: Int { rows - 1 }
    var pageWidth: Int { columns - Self.pageMargin }
    var helpHeight: Int { rows - 3 - Self.helpTop }

    static func == (a: ScreenLayout, b: ScreenLayout) -> Bool {
        (a.rows, a.columns, a.listTop, a.listHeight, a.tabStarts) == (b.rows, b.columns, b.listTop, b.listHeight, b.tabStarts)
            && a.above?.top == b.above?.top && a.above?.height == b.above?.height
    }

    /// The layout of a `rows` × `columns` screen showing a page whose fixed table above has
    /// `aboveRows` rows (nil: none), with tab labels as given.
    init(rows: Int, columns: Int, aboveRows: Int?, tabLabels: [String]) {
        self.rows = rows
        self.columns = columns
        var top = Self.pageTop
        var above: (Int, Int)?
        if let aboveRows {
            let height = min(aboveRows + 1, Self.aboveDataRows(screenRows: rows) + 1)
            if height > 1 {
                above = (top, height)
                top += height + 1
            }
        }
        self.above = above
        listTop = top
        listHeight = rows - 2 - top - 1
        let gap = Self.tabBarWidth(tabLabels, gap: 2) <= columns ? 2 : 1
        var x = 1
        var starts: [Int] = []
        for label in tabLabels {
            starts.append(x)
            x += DisplayWidth.of(label) + gap
        }
        tabStarts = starts
    }

    /// The width of a tab bar of `labels` `gap` cells apart (a cell's margin on the left).
    static func tabBarWidth(_ labels: [String], gap: Int) -> Int {
        1 + labels.reduce(0) { $0 + DisplayWidth.of($1) } + gap * max(0, labels.count - 1)
    }

    /// The most data rows a fixed table above the list shows on a screen `screenRows` high (its
    /// headings row aside), leaving the list `listReserve` rows.
    static func aboveDataRows(screenRows: Int) -> Int { screenRows - 2 - pageTop - listReserve - 1 }

    /// The rows a chart takes above its list: half of what the page has, at least seven.
    static func chartRows(screenRows: Int) -> Int { max(7, (screenRows - pageTop - 4) / 2) }
}
