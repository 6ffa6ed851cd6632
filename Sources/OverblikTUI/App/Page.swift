import OverblikCore

/// How a column's values compare when a list is sorted by it: numbers as numbers, dates as
/// dates, paragraphs in law order, follow-up status by urgency, text in Danish order.
enum SortKey: Comparable {
    case empty
    case number(Double)
    case paragraph(Paragraph)
    case text(DanishSortText)

    /// `rows` ordered by `keys[row]` (descending if asked), equal keys in row order. Sorted first
    /// on plain numbers (the kind, then the number, the paragraph's rank or the text's packed
    /// prefix) by a radix sort; only rows whose packed prefixes tie are then compared as whole texts.
    static func sorted(_ rows: [Int], keys: [SortKey], descending: Bool) -> [Int] {
        var paragraphRank: [Paragraph: UInt64] = [:]
        for case .paragraph(let p) in keys where paragraphRank[p] == nil { paragraphRank[p] = 0 }
        for (i, p) in paragraphRank.keys.sorted().enumerated() { paragraphRank[p] = UInt64(i) }
        var kind = [UInt8](repeating: 0, count: rows.count), major = [UInt64](repeating: 0, count: rows.count)
        for (i, r) in rows.enumerated() { (kind[i], major[i]) = keys[r].packed(paragraphRank) }
        return ordered(rows, kind: kind, major: major, descending: descending) { keys[$0] < keys[$1] }
    }

    /// `rows` ordered by their packed keys (`kind[i]` and `major[i]` for `rows[i]`, as `packed`
    /// gives them; descending if asked), equal keys in row order: by a radix sort on the numbers,
    /// then, where texts' packed prefixes tie, by `less` of the two rows.
    static func ordered(_ rows: [Int], kind: [UInt8], major: [UInt64], descending: Bool, less: (Int, Int) -> Bool) -> [Int] {
        ordered(kind: kind, major: major, descending: descending) { less(rows[$0], rows[$1]) }.map { rows[$0] }
    }

    /// The same for the rows 0..<kind.count (`less` given two of them): no rows to map through
    /// (164.516 payments: two arrays of their length fewer, each a fault per fresh page).
    static func ordered(kind: [UInt8], major: [UInt64], descending: Bool, less: (Int, Int) -> Bool) -> [Int] {
        // By the number, then (stably) by the kind; descending, both reversed; equal in row order.
        var order = stableOrder(of: major, inverted: descending)
        if let first = kind.first, kind.contains(where: { $0 != first }) {
            var byKind: [[Int]] = [[], [], [], []]
            for i in order { byKind[Int(descending ? 3 - min(kind[i], 3) : min(kind[i], 3))].append(i) }
            order = Array(byKind.joined())
        }
        // Runs with the same packed prefix: ordered by the whole text where it decides.
        if kind.contains(3) {
            func before(_ a: Int, _ b: Int) -> Bool {
                if less(a, b) { return !descending }
                if less(b, a) { return descending }
                return a < b
            }
            var start = 0
            while start < order.count {
                var end = start + 1
                while end < order.count && kind[order[end]] == kind[order[start]] && major[order[end]] == major[order[start]] { end += 1 }
                // (A run already in order, as a column of few distinct texts mostly is, is left as
                // it is: a comparison a row instead of a sort's dozens.)
                if kind[order[start]] == 3 && end - start > 1
                    && !(start + 1..<end).allSatisfy({ !before(order[$0], order[$0 - 1]) }) {
                    order[start..<end].sort(by: before)
                }
                start = end
            }
        }
        return order
    }

    /// The key as plain numbers: its kind (0 empty, 1 a number, 2 a paragraph, 3 a text) and a
    /// number in its order (the number's bits, the paragraph's rank, the text's packed prefix).
    func packed(_ paragraphRank: [Paragraph: UInt64] = [:]) -> (kind: UInt8, major: UInt64) {
        switch self {
        case .empty: return (0, 0)
        case .number(let x):
            let bits = x.bitPattern
            return (1, x < 0 ? ~bits : bits | (1 << 63))  // the order of the numbers
        case .paragraph(let p): return (2, paragraphRank[p, default: 0])  // every paragraph ranked above
        case .text(let t): return (3, t.prefix)  // (equal prefixes: the texts decide)
        }
    }

    init(_ cell: Cell, _ table: ViewTable, _ c: ReportContext) {
        switch cell {
        case .int(let n), .plain(let n): self = .number(Double(n))
        case .number(let x): self = .number(x)
        case .money(let m): self = m.map { .number(Double($0.ore)) } ?? .empty
        case .day(let d): self = d.map { .number(Double($0.ordinal)) } ?? .empty
        case .paragraph(let p): self = .paragraph(p)
        case .status(let s):
            self = s.map { .number(Double($0.urgency)) } ?? .empty
        case .fullTime(let f): self = f.map { .number($0.value) } ?? .empty
        case .bool(let b): self = .number(b ? 1 : 0)
        case .bar(let b): self = .number(b.total)
        case .spark(let values): self = .number(values.reduce(0.0) { $0 + Double($1.ore) })
        default: self = SortKey(text: table.text(cell, c))
        }
    }

    /// A text's key (none for an empty text).
    init(text: String) {
        self = text.isEmpty ? .empty : .text(DanishSortText(text))
    }
}

/// A cell's value as a key that is cheap to hash: a paragraph or a status as itself (their
/// texts hold `§`, `✓` and other letters outside ASCII, whose String hashing is slow), else
/// the text shown. Equal keys show equal texts.
enum CellValue: Hashable {
    case paragraph(Paragraph)
    case status(FollowUpStatus?)
    case text(String)

    init(_ cell: Cell, _ table: ViewTable, _ c: ReportContext) {
        switch cell {
        case .paragraph(let p): self = .paragraph(p)
        case .status(let s): self = .status(s)
        default: self = .text(table.text(cell, c))
        }
    }
}

/// One filter as a test of a row: the cell's text compared once per distinct value.
final class FilterTest {
    let filter: Page.Filter
    let table: ViewTable
    let context: ReportContext
    private var known: [CellValue: Bool] = [:]

    init(_ filter: Page.Filter, _ table: ViewTable, _ context: ReportContext) {
        self.filter = filter; self.table = table; self.context = context
    }

    func passes(_ row: [Cell]) -> Bool {
        let cell = row[filter.column]
        let value = CellValue(cell, table, context)
        if case .text(let text) = value { return text == filter.value }
        if let answer = known[value] { return answer }
        let answer = table.text(cell, context) == filter.value
        known[value] = answer
        return answer
    }
}

/// A long list's rows read from the snapshot a window at a time instead of held (Opfølgning of a
/// whole municipality): the page keeps only positions, in the order shown.
public protocol RowSource: Sendable {
    /// How many rows the list has.
    var count: Int { get }
    /// The rows at `positions` (from 0, in the list's own order), in the order asked.
    func rows(_ positions: [Int]) -> [[Cell]]
    /// The positions ordered by `column` as `SortKey.sorted` orders the rows (equal keys in list
    /// order), read along an index of the snapshot; nil when it has none for the column.
    func order(by column: Int, descending: Bool, _ c: ReportContext) -> [Int]?
    /// Each row's key in `column`, by position: rows with equal keys show equal cells. nil when the
    /// source has no keys for the column (the page then reads the rows to filter).
    func keys(of column: Int, _ c: ReportContext) -> [Int64?]?
    /// The positions in the order of their keys in `column` with the keys (equal keys side by
    /// side), as the snapshot's index gives them; nil when the source has no keys for the column.
    func keyOrder(of column: Int, _ c: ReportContext) -> (positions: [Int32], keys: [Int64?])?
    /// One column's cells at `positions`, in the order asked, when the source has the column at
    /// hand (nil: the page reads the rows).
    func cells(of column: Int, at positions: [Int], _ c: ReportContext) -> [Cell]?
}

/// A long list made a row at a time as it is shown, from what it is made of (Tilsynssvar's
/// results): the page holds neither its rows' cells nor their texts. No column has keys: sorting
/// reads the sorted column's keys, filtering reads the rows, a chunk at a time.
public struct LazyRows: RowSource {
    public let count: Int
    let make: @Sendable (Int) -> [Cell]

    public init(count: Int, make: @escaping @Sendable (Int) -> [Cell]) { self.count = count; self.make = make }

    public func rows(_ positions: [Int]) -> [[Cell]] { positions.map(make) }
}

extension RowSource {
    /// No stored order: the page sorts by reading the sorted column's keys a chunk at a time.
    public func order(by column: Int, descending: Bool, _ c: ReportContext) -> [Int]? { nil }
    /// No stored keys: the page filters by reading the rows a chunk at a time.
    public func keys(of column: Int, _ c: ReportContext) -> [Int64?]? { nil }
    public func keyOrder(of column: Int, _ c: ReportContext) -> (positions: [Int32], keys: [Int64?])? { nil }
    public func cells(of column: Int, at positions: [Int], _ c: ReportContext) -> [Cell]? { nil }

    /// The rows at `positions` when the snapshot cannot be read (`why`): they say so rather than vanish.
    func unreadable(_ positions: [Int], _ why: Message, width: Int) -> [[Cell]] {
        positions.map { _ in [.message(why)] + Array(repeating: .text(""), count: max(0, width - 1)) }
    }
}

/// The rows of a windowed page last read (the screen's window and its neighbours), shared by the
/// page's copies. The TUI runs on one thread.
final class RowWindow: @unchecked Sendable {
    let source: RowSource
    private var cached: [Int: [Cell]] = [:]
    /// The first rows, which the columns' widths are measured on.
    let sample: [[Cell]]
    static let chunk = 1_024

    init(_ source: RowSource) {
        self.source = source
        sample = source.rows(Array(0..<min(source.count, TableLayout.sampled)))
    }

    /// The rows at `positions`, read in one go where they are not at hand.
    func rows(_ positions: [Int]) -> [[Cell]] {
        let missing = positions.filter { cached[$0] == nil }
        if !missing.isEmpty {
            if cached.count + missing.count > 4 * RowWindow.chunk { cached.removeAll(keepingCapacity: true) }
            for (p, row) in zip(missing, source.rows(missing)) { cached[p] = row }
        }
        return positions.map { cached[$0] ?? [] }
    }

    /// One column's cell of each row of `positions`, in turn: from the source when it has the
    /// column at hand, else the rows read a chunk at a time.
    func scan(_ positions: [Int], column: Int, _ c: ReportContext, _ body: (Int, Cell) -> Void) {
        if let cells = source.cells(of: column, at: positions, c), cells.count == positions.count {
            for (p, cell) in zip(positions, cells) { body(p, cell) }
            return
        }
        scan(positions) { p, row in
            if row.indices.contains(column) { body(p, row[column]) }
            return true
        }
    }

    /// Every row of `positions` in turn, read a chunk at a time (see `RowSource.scan`).
    func scan(_ positions: [Int], _ body: (Int, [Cell]) -> Bool) { source.scan(positions, body) }
}

extension RowSource {
    /// Every row of `positions` in turn, read a chunk at a time (memory stays at a chunk's).
    /// `body` returns false to stop.
    func scan(_ positions: [Int], _ body: (Int, [Cell]) -> Bool) {
        var start = 0
        while start < positions.count {
            let part = Array(positions[start..<min(positions.count, start + RowWindow.chunk)])
            for (p, row) in zip(part, rows(part)) where !body(p, row) { return }
            start += RowWindow.chunk
        }
    }
}

/// One list on screen: a table, what the user did to it (filters, sort, search) and where the
/// selection is. The table keeps every row, or (a windowed page) only its columns while its rows
/// are read from the snapshot as they are shown; `order` is what is shown, in the order shown.
public struct Page: Sendable {
    public struct Filter: Equatable, Sendable {
        public var column: Int
        /// The value as shown; a row passes when its cell shows exactly this.
        public var value: String
    }

    public var kind: PageKind
    public var caption: String
    public var table: ViewTable
    /// What the page is about: a citizen's CPR digits, a discrepancy's key.
    public var subject: String?
    /// A fixed table drawn above the list (the ottetalskontrol in Afstemning).
    public var above: ViewTable?
    public var state = ListState()
    public private(set) var order: [Int]
    public private(set) var sort: (column: Int, descending: Bool)?
    public private(set) var filters: [Filter] = []
    /// The last search term, for `n` and `N`.
    public var search: String?
    /// The sort keys of the sorted column, kept for `S` and for filtering again.
    private var sortKeys: (column: Int, revealed: Bool, language: Language, keys: [SortKey])?
    /// A windowed page's order from its source, kept for filtering again (`sourceOrder`).
    private var sourceOrdered: (column: Int, descending: Bool, revealed: Bool, language: Language, order: [Int])?
    var layout: TableLayout
    var aboveLayout: TableLayout?
    /// A chart drawn above the list (Udvikling), its cursor on the selected row's month.
    public var chart: Chart?
    /// A windowed page's rows (nil: the table holds them).
    let window: RowWindow?

    public init(kind: PageKind, caption: String, table: ViewTable, above: ViewTable? = nil, context: ReportContext) {
        self.kind = kind
        self.caption = caption
        self.table = table
        self.above = above
        window = nil
        order = Array(table.rows.indices)
        layout = TableLayout(table, context)
        aboveLayout = above.map { TableLayout($0, context) }
    }

    /// A windowed page: `columns` (its rows are not used) with the rows of `source`.
    public init(kind: PageKind, caption: String, columns: ViewTable, source: RowSource, above: ViewTable? = nil, context: ReportContext) {
        self.kind = kind
        self.caption = caption
        var table = columns
        table.rows = []
        self.table = table
        self.above = above
        let window = RowWindow(source)
        self.window = window
        order = Array(0..<source.count)
        layout = TableLayout(Page.measured(table, window), context)
        aboveLayout = above.map { TableLayout($0, context) }
    }

    /// The table the columns' widths are measured on: a windowed page's with its first rows.
    private static func measured(_ table: ViewTable, _ window: RowWindow?) -> ViewTable {
        guard let window else { return table }
        var t = table
        t.rows = window.sample
        return t
    }

    /// How many rows the list has (filtered or not).
    public var rowCount: Int { window?.source.count ?? table.rows.count }

    /// Whether the rows are read from the snapshot as shown.
    public var isWindowed: Bool { window != nil }

    /// The cells of row `row` (of the list's own order).
    public func cells(_ row: Int) -> [Cell] {
        guard let window else { return table.rows[row] }
        return window.rows([row])[0]
    }

    /// Reads the rows at `positions` of the shown order in one go (a windowed page, before drawing them).
    func prefetch(_ positions: Range<Int>) {
        guard let window else { return }
        let shown = positions.clamped(to: order.indices)
        _ = window.rows(Array(order[shown]))
    }

    /// Every row of `rows` in turn with its cells; `body` returns false to stop.
    private func scan(_ rows: [Int], _ body: (Int, [Cell]) -> Bool) {
        if let window { return window.scan(rows, body) }
        for r in rows where !body(r, table.rows[r]) { return }
    }

    /// The table as shown: the filtered rows in the shown order (what `e` exports).
    public var shownTable: ViewTable {
        var t = table
        if window != nil {
            var rows: [[Cell]] = []
            rows.reserveCapacity(order.count)
            scan(order) { rows.append($1); return true }
            t.rows = rows
        } else {
            t.rows = order.map { table.rows[$0] }
        }
        return t
    }

    /// What `e` exports, taken as the key is pressed: the columns, the rows shown in the order
    /// shown, and a windowed page's source (made into CSV on a thread of its own, see `Export`).
    public var shown: Shown { Shown(table: table, order: order, source: window?.source) }

    public struct Shown: Sendable {
        let table: ViewTable
        let order: [Int]
        let source: RowSource?
        /// How many rows are exported.
        public var count: Int { order.count }

        /// The rows as CSV, as `ViewTable.render(.csv)` makes it, given to `part` a chunk of
        /// rows at a time (a windowed page's read a chunk at a time too): neither the rows nor
        /// their CSV are held whole.
        public func csv<E: Error>(_ c: ReportContext, _ part: (String) throws(E) -> Void) throws(E) {
            var document = CSVText.Document(header: table.columns.map(\.key))
            var start = 0
            while start < order.count {
                let chunk = Array(order[start..<min(order.count, start + RowWindow.chunk)])
                if let source {
                    source.scan(chunk) { _, row in
                        document.append(row.map { table.csv($0, c) })
                        return true
                    }
                } else {
                    for r in chunk { document.append(table.rows[r].map { table.csv($0, c) }) }
                }
                try part(document.take())
                start += RowWindow.chunk
            }
            if start == 0 { try part(document.take()) }  // (no rows: the header alone)
        }
    }

    /// The row of the list that is selected, if any.
    public var selectedRow: Int? { order.indices.contains(state.selected) ? order[state.selected] : nil }

    /// A cell of the selected row by column key.
    public func selected(_ key: String) -> Cell? {
        guard let r = selectedRow, let i = table.columns.firstIndex(where: { $0.key == key }) else { return nil }
        let row = cells(r)
        return row.indices.contains(i) ? row[i] : nil
    }

    mutating func layOut(width: Int, _ c: ReportContext) {
        layout = TableLayout(Page.measured(table, window), c, available: width)
        aboveLayout = above.map { TableLayout($0, c, available: width) }
    }

    /// Takes over the selection, filters, sort and search of the page this one replaces
    /// (the same list rebuilt, e.g. after an annotation).
    mutating func keep(from old: Page, _ c: ReportContext) {
        let selectedKey = old.selectedRow.map { old.cells($0) }.map { row in old.table.columns.indices.map { old.table.text(row[$0], c) } }
        filters = old.filters
        sort = old.sort
        search = old.search
        layout = old.layout
        aboveLayout = old.aboveLayout
        apply(c)
        state.top = old.state.top
        if let selectedKey, let key = table.columns.firstIndex(where: { $0.key == "key" }) ?? table.columns.indices.first {
            let wanted = selectedKey[min(key, selectedKey.count - 1)]
            var found: Int?
            var index = 0
            scan(order) { _, row in
                if table.text(row[key], c) == wanted { found = index; return false }
                index += 1
                return true
            }
            state.selected = found ?? min(old.state.selected, max(0, order.count - 1))
        }
    }

    /// Sorts by the next shown column (`s`); after the last column the original order returns.
    mutating func cycleSort(_ c: ReportContext) {
        let shown = layout.shown
        if let sort, let k = shown.firstIndex(of: sort.column) {
            self.sort = k + 1 < shown.count ? (shown[k + 1], false) : nil
        } else {
            sort = shown.first.map { ($0, false) }
        }
        apply(c)
    }

    /// Reverses the sort (`S`); unsorted, it sorts the first column descending.
    mutating func reverseSort(_ c: ReportContext) {
        if let s = sort { sort = (s.column, !s.descending) } else { sort = layout.shown.first.map { ($0, true) } }
        apply(c)
    }

    mutating func setFilter(column: Int, value: String?, _ c: ReportContext) {
        filters.removeAll { $0.column == column }
        if let value { filters.append(Filter(column: column, value: value)) }
        apply(c)
    }

    mutating func clearFilters(_ c: ReportContext) {
        filters = []
        apply(c)
    }

    /// Recomputes `order` from the filters and the sort, keeping the selected row selected when it is still shown.
    mutating func apply(_ c: ReportContext) {
        let keep = selectedRow
        let all = Array(0..<rowCount)
        let pass = passing(filters, c)
        var rows = pass.map { pass in all.filter { pass[$0] } } ?? all
        if let sort {
            if let ordered = sourceOrder(sort, c) {
                // The snapshot's order, with the rows the filters let through.
                rows = pass.map { pass in ordered.filter { pass.indices.contains($0) && pass[$0] } } ?? ordered
            } else {
                let keys: [SortKey]
                if let cached = sortKeys, cached.column == sort.column, cached.revealed == c.revealCPR, cached.language == c.language {
                    keys = cached.keys
                } else {
                    var made: [SortKey] = []
                    made.reserveCapacity(rowCount)
                    scan(all) { made.append(SortKey($1[sort.column], table, c)); return true }
                    keys = made
                    sortKeys = (sort.column, c.revealCPR, c.language, keys)
                }
                rows = SortKey.sorted(rows, keys: keys, descending: sort.descending)
            }
        }
        order = rows
        state.selected = keep.flatMap { rows.firstIndex(of: $0) } ?? 0
        state.top = 0
    }

    /// The source's order of every row by `sort` (nil: it has none), kept for the next `apply`
    /// with the same sort: a filter set or cleared does not sort the rows again.
    private mutating func sourceOrder(_ sort: (column: Int, descending: Bool), _ c: ReportContext) -> [Int]? {
        if let kept = sourceOrdered, kept.column == sort.column, kept.descending == sort.descending,
           kept.revealed == c.revealCPR, kept.language == c.language {
            return kept.order
        }
        guard let ordered = window?.source.order(by: sort.column, descending: sort.descending, c) else { return nil }
        sourceOrdered = (sort.column, sort.descending, c.revealCPR, c.language, ordered)
        return ordered
    }

    /// Which rows `filters` let through (by row; nil: no filter). A windowed page tests the keys
    /// of a column its source has keys for, and reads the rows only for the others.
    private func passing(_ filters: [Filter], _ c: ReportContext) -> [Bool]? {
        guard !filters.isEmpty else { return nil }
        var pass = [Bool](repeating: true, count: rowCount)
        var tested: [FilterTest] = []
        for f in filters {
            guard let window, let keys = window.source.keys(of: f.column, c) else {
                tested.append(FilterTest(f, table, c))
                continue
            }
            let wanted = Set(distinctCells(keys, column: f.column, window, c).filter { table.text($0.value, c) == f.value }.map(\.key))
            for (r, key) in keys.enumerated() where pass[r] && !wanted.contains(key) { pass[r] = false }
        }
        if !tested.isEmpty {
            scan(pass.indices.filter { pass[$0] }) { r, row in
                if !tested.allSatisfy({ $0.passes(row) }) { pass[r] = false }
                return true
            }
        }
        return pass
    }

    /// The cell each distinct key of a column shows (its first row read, one per key).
    private func distinctCells(_ keys: [Int64?], column: Int, _ window: RowWindow, _ c: ReportContext) -> [Int64?: Cell] {
        var first: [Int64?: Int] = [:]
        for (r, key) in keys.enumerated() where first[key] == nil { first[key] = r }
        var cells: [Int64?: Cell] = [:]
        window.scan(first.values.sorted(), column: column, c) { r, cell in cells[keys[r]] = cell }
        return cells
    }

    /// The values a column shows among the rows passing the other filters, with how many rows show each.
    func values(of column: Int, _ c: ReportContext) -> [(value: String, count: Int)] {
        let others = filters.filter { $0.column != column }
        // Per value: how many rows show it, and its cell (one look-up per row, by a key that is
        // cheap to hash); then per text shown.
        var byValue: [CellValue: (count: Int, cell: Cell)] = [:]
        if let window, let (positions, keys) = window.source.keyOrder(of: column, c) {
            // A windowed page counts the column's keys along their order (equal keys side by
            // side: no hashing per row); one row is read per value shown.
            let pass = passing(others, c)
            var runs: [(first: Int, count: Int)] = [], start = 0
            while start < positions.count {
                var end = start + 1, n = 0
                while end < keys.count && keys[end] == keys[start] { end += 1 }
                for i in start..<end where pass?[Int(positions[i])] ?? true { n += 1 }
                if n > 0 { runs.append((Int(positions[start]), n)) }
                start = end
            }
            var cells: [Int: Cell] = [:]
            window.scan(runs.map(\.first).sorted(), column: column, c) { r, cell in cells[r] = cell }
            for run in runs { if let cell = cells[run.first] { byValue[CellValue(cell, table, c), default: (0, cell)].count += run.count } }
        } else {
            let tests = others.map { FilterTest($0, table, c) }
            scan(Array(0..<rowCount)) { _, row in
                if tests.allSatisfy({ $0.passes(row) }) { byValue[CellValue(row[column], table, c), default: (0, row[column])].count += 1 }
                return true
            }
        }
        var counts: [String: (count: Int, cell: Cell)] = [:]
        for (_, v) in byValue {
            let text = table.text(v.cell, c)
            counts[text, default: (0, v.cell)].count += v.count
        }
        // Ordered as the column sorts (urgency for a status, law order for §), keys made per value
        // only; values whose keys tie (an empty amount's "–" and an empty text) by their texts.
        let keys = counts.mapValues { SortKey($0.cell, table, c) }
        return counts.map { ($0.key, $0.value.count) }.sorted { a, b in
            let (x, y) = (keys[a.value, default: .empty], keys[b.value, default: .empty])  // (every text has its key)
            return x != y ? x < y : a.value < b.value
        }
    }

    /// Whether a row holds `term` (lower-cased) in one of its shown columns.
    private func holds(_ row: [Cell], _ term: String, _ c: ReportContext) -> Bool {
        layout.shown.contains { table.text(row[$0], c).lowercased().contains(term) }
    }

    /// Whether a shown row holds `term` (case-insensitive) in one of its shown columns.
    func matches(_ position: Int, _ term: String, _ c: ReportContext) -> Bool {
        holds(cells(order[position]), term.lowercased(), c)
    }

    /// The next shown row from `start` (wrapping, in `direction`) that matches `term`.
    func find(_ term: String, from start: Int, direction: Int, _ c: ReportContext) -> Int? {
        let needle = term.lowercased()
        guard !needle.isEmpty, !order.isEmpty else { return nil }
        let n = order.count
        // Positions in the order they are tried, read a chunk at a time.
        var found: Int?
        var step = 0
        while step < n, found == nil {
            let tried = (step..<min(n, step + RowWindow.chunk)).map { ((start + direction * $0) % n + n) % n }
            var k = 0
            scan(tried.map { order[$0] }) { _, row in
                if holds(row, needle, c) { found = tried[k]; return false }
                k += 1
                return true
            }
            step += RowWindow.chunk
        }
        return found
    }
}
