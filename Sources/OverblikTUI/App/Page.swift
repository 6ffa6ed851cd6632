import OverblikCore

/// How a column's values compare when a list is sorted by it: numbers as numbers, dates as
/// dates, paragraphs in law order, follow-up status by urgency, text in Danish order.
enum SortKey: Comparable {
    case empty
    case number(Double)
    case paragraph(Paragraph)
    case text(TextKey)

    /// Text in Danish order: up to the first eight letters packed into a number decide most
    /// comparisons without touching the text; ties fall back to the whole text. The packing stops
    /// at a letter outside ASCII and æ ø å ä ö, so that it never disagrees with the full order.
    struct TextKey: Comparable {
        let prefix: UInt64
        let text: String
        /// The whole text is in the prefix: an equal prefix means an equal place.
        let complete: Bool

        init(_ text: String) {
            self.text = text
            var p: UInt64 = 0
            var n = 0
            var complete = true
            for s in text.unicodeScalars {
                guard n < 8, let w = TextKey.weight(s) else { complete = false; break }
                p = p << 8 | UInt64(w)
                n += 1
            }
            prefix = n == 0 ? 0 : p << UInt64(8 * (8 - n))
            self.complete = complete
        }

        /// A letter's place in Danish order, case ignored (æ, ø, å after z); nil outside what is packed.
        static func weight(_ s: Unicode.Scalar) -> UInt8? {
            switch s.value {
            case 0x41...0x5A: return UInt8(s.value + 32)
            case 0x01...0x7F: return UInt8(s.value)
            case 0xC6, 0xE6, 0xC4, 0xE4: return 0x7B
            case 0xD8, 0xF8, 0xD6, 0xF6: return 0x7C
            case 0xC5, 0xE5: return 0x7D
            default: return nil
            }
        }

        static func < (a: TextKey, b: TextKey) -> Bool {
            if a.prefix != b.prefix { return a.prefix < b.prefix }
            if a.complete && b.complete { return false }
            return DanishCollation.before(a.text, b.text)
        }
        static func == (a: TextKey, b: TextKey) -> Bool { a.prefix == b.prefix && a.text == b.text }
    }

    /// `rows` ordered by `keys[row]` (descending if asked), equal keys in row order. Sorted first
    /// on plain numbers (the kind, then the number, the paragraph's rank or the text's packed
    /// prefix); only rows whose packed prefixes tie are then compared as whole texts.
    static func sorted(_ rows: [Int], keys: [SortKey], descending: Bool) -> [Int] {
        var paragraphRank: [Paragraph: UInt64] = [:]
        for case .paragraph(let p) in keys where paragraphRank[p] == nil { paragraphRank[p] = 0 }
        for (i, p) in paragraphRank.keys.sorted().enumerated() { paragraphRank[p] = UInt64(i) }
        var kind = [UInt8](repeating: 0, count: rows.count), major = [UInt64](repeating: 0, count: rows.count)
        var needsText = false
        for (i, r) in rows.enumerated() {
            switch keys[r] {
            case .empty: break
            case .number(let x):
                kind[i] = 1
                let bits = x.bitPattern
                major[i] = x < 0 ? ~bits : bits | (1 << 63)  // the order of the numbers
            case .paragraph(let p): kind[i] = 2; major[i] = paragraphRank[p, default: 0]  // every paragraph ranked above
            case .text(let t): kind[i] = 3; major[i] = t.prefix; if !t.complete { needsText = true }
            }
        }
        var order = Array(rows.indices)
        kind.withUnsafeBufferPointer { kind in
            major.withUnsafeBufferPointer { major in
                order.sort { a, b in
                    if kind[a] != kind[b] { return (kind[a] < kind[b]) != descending }
                    if major[a] != major[b] { return (major[a] < major[b]) != descending }
                    return a < b
                }
            }
        }
        // Runs with the same packed prefix: ordered by the whole text where it decides.
        if needsText {
            var start = 0
            while start < order.count {
                var end = start + 1
                while end < order.count && kind[order[end]] == kind[order[start]] && major[order[end]] == major[order[start]] { end += 1 }
                if kind[order[start]] == 3 && end - start > 1 {
                    order[start..<end].sort { a, b in
                        let (x, y) = (keys[rows[a]], keys[rows[b]])
                        if x < y { return !descending }
                        if y < x { return descending }
                        return a < b
                    }
                }
                start = end
            }
        }
        return order.map { rows[$0] }
    }

    init(_ cell: Cell, _ table: ViewTable, _ c: ReportContext) {
        switch cell {
        case .int(let n), .plain(let n): self = .number(Double(n))
        case .number(let x): self = .number(x)
        case .money(let m): self = m.map { .number(Double($0.ore)) } ?? .empty
        case .day(let d): self = d.map { .number(Double($0.ordinal)) } ?? .empty
        case .paragraph(let p): self = .paragraph(p)
        case .status(let s):
            let urgency: [FollowUpStatus: Double] = [.overdue: 0, .dueSoon: 1, .missing: 2, .ok: 3]
            self = s.map { .number(urgency[$0] ?? 4) } ?? .empty
        case .fullTime(let f): self = f.map { .number($0.value) } ?? .empty
        case .bool(let b): self = .number(b ? 1 : 0)
        case .bar(let b): self = .number(b.total)
        case .spark(let values): self = .number(values.reduce(0.0) { $0 + Double($1.ore) })
        default:
            let text = table.text(cell, c)
            self = text.isEmpty ? .empty : .text(TextKey(text))
        }
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

/// One list on screen: a table, what the user did to it (filters, sort, search) and where the
/// selection is. The table keeps every row; `order` is what is shown, in the order shown.
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
    var layout: TableLayout
    var aboveLayout: TableLayout?
    /// A chart drawn above the list (Udvikling), its cursor on the selected row's month.
    public var chart: Chart?

    public init(kind: PageKind, caption: String, table: ViewTable, above: ViewTable? = nil, context: ReportContext) {
        self.kind = kind
        self.caption = caption
        self.table = table
        self.above = above
        order = Array(table.rows.indices)
        layout = TableLayout(table, context)
        aboveLayout = above.map { TableLayout($0, context) }
    }

    /// The table as shown: the filtered rows in the shown order (what `e` exports).
    public var shownTable: ViewTable {
        var t = table
        t.rows = order.map { table.rows[$0] }
        return t
    }

    /// The row of `table.rows` that is selected, if any.
    public var selectedRow: Int? { order.indices.contains(state.selected) ? order[state.selected] : nil }

    /// A cell of the selected row by column key.
    public func selected(_ key: String) -> Cell? {
        guard let r = selectedRow, let i = table.columns.firstIndex(where: { $0.key == key }) else { return nil }
        return table.rows[r][i]
    }

    mutating func layOut(width: Int, _ c: ReportContext) {
        layout = TableLayout(table, c, available: width)
        aboveLayout = above.map { TableLayout($0, c, available: width) }
    }

    /// Takes over the selection, filters, sort and search of the page this one replaces
    /// (the same list rebuilt, e.g. after an annotation).
    mutating func keep(from old: Page, _ c: ReportContext) {
        let selectedKey = old.selectedRow.map { old.table.rows[$0] }.map { row in old.table.columns.indices.map { old.table.text(row[$0], c) } }
        filters = old.filters
        sort = old.sort
        search = old.search
        layout = old.layout
        aboveLayout = old.aboveLayout
        apply(c)
        state.top = old.state.top
        if let selectedKey, let key = table.columns.firstIndex(where: { $0.key == "key" }) ?? table.columns.indices.first {
            let wanted = selectedKey[min(key, selectedKey.count - 1)]
            state.selected = order.firstIndex { table.text(table.rows[$0][key], c) == wanted } ?? min(old.state.selected, max(0, order.count - 1))
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
        var rows = Array(table.rows.indices)
        if !filters.isEmpty {
            let passes = filters.map { FilterTest($0, table, c) }
            rows = rows.filter { r in passes.allSatisfy { $0.passes(table.rows[r]) } }
        }
        if let sort {
            let keys: [SortKey]
            if let cached = sortKeys, cached.column == sort.column, cached.revealed == c.revealCPR, cached.language == c.language {
                keys = cached.keys
            } else {
                keys = table.rows.map { SortKey($0[sort.column], table, c) }
                sortKeys = (sort.column, c.revealCPR, c.language, keys)
            }
            rows = SortKey.sorted(rows, keys: keys, descending: sort.descending)
        }
        order = rows
        state.selected = keep.flatMap { rows.firstIndex(of: $0) } ?? 0
        state.top = 0
    }

    /// The values a column shows among the rows passing the other filters, with how many rows show each.
    func values(of column: Int, _ c: ReportContext) -> [(value: String, count: Int)] {
        let others = filters.filter { $0.column != column }.map { FilterTest($0, table, c) }
        // Per value: how many rows show it, and the first of them (one look-up per row, by a key
        // that is cheap to hash); then per text shown.
        var byValue: [CellValue: (count: Int, first: Int)] = [:]
        for (r, row) in table.rows.enumerated() where others.allSatisfy({ $0.passes(row) }) {
            byValue[CellValue(row[column], table, c), default: (0, r)].count += 1
        }
        var counts: [String: (count: Int, first: Int)] = [:]
        for (_, v) in byValue {
            let text = table.text(table.rows[v.first][column], c)
            let before = counts[text] ?? (0, v.first)
            counts[text] = (before.count + v.count, min(before.first, v.first))
        }
        // Ordered as the column sorts (urgency for a status, law order for §), keys made per value only.
        let keys = counts.mapValues { SortKey(table.rows[$0.first][column], table, c) }
        return counts.map { ($0.key, $0.value.count) }.sorted { keys[$0.value, default: .empty] < keys[$1.value, default: .empty] }  // every text has its key
    }

    /// Whether a shown row holds `term` (case-insensitive) in one of its shown columns.
    func matches(_ position: Int, _ term: String, _ c: ReportContext) -> Bool {
        let row = table.rows[order[position]]
        return layout.shown.contains { table.text(row[$0], c).lowercased().contains(term) }
    }

    /// The next shown row from `start` (wrapping, in `direction`) that matches `term`.
    func find(_ term: String, from start: Int, direction: Int, _ c: ReportContext) -> Int? {
        let needle = term.lowercased()
        guard !needle.isEmpty, !order.isEmpty else { return nil }
        let n = order.count
        for step in 0..<n {
            let p = ((start + direction * step) % n + n) % n
            if matches(p, needle, c) { return p }
        }
        return nil
    }
}
