import Foundation
import OverblikCore

/// One value of a view's row, typed so that each format shows it in its own way: text in
/// Danish style, CSV with Danish decimals, JSON with plain numbers and ISO dates.
///
/// The large cases are boxed (`indirect`) so that a cell takes 48 bytes, not 120: a list holds
/// thousands of rows of them.
public enum Cell: Sendable {
    case text(String)
    case int(Int)
    /// A number shown without digit grouping (a year).
    case plain(Int)
    /// A number with up to two decimals (a median).
    case number(Double)
    case money(Money?)
    case day(Day?)
    case cpr(CPR)
    case paragraph(Paragraph)
    case status(FollowUpStatus?)
    case fullTime(FullTimePersons?)
    case counts([Paragraph: Int])
    case bool(Bool)
    /// Text that may hold CPR numbers (a discrepancy's key): masked unless revealed.
    case masked(String)
    /// A text in the report's language.
    case message(Message?)
    case kind(DiscrepancyKind)
    /// A rejected row's raw value: masked unless revealed.
    indirect case rejectedValue(RejectedRow)
    /// A bar (the screen only draws it; the formats hold its summary).
    indirect case bar(Bar)
    /// Twelve months as a sparkline (the formats hold the amounts).
    case spark([Money])
    /// Text marked for attention (a field that differs between the systems).
    case highlighted(String)
    /// A status: its code in JSON and CSV (`overdue`), its words on screen and in text, and how it stands out.
    indirect case coded(String, Message, Style)
    /// Words for the screen and the text report where the data have no value ("I alt", "ingen
    /// servicemål"): null in JSON, empty in CSV.
    case shownOnly(Message)
    /// A value only JSON holds as it is (a list of answers); text and CSV show `shown`.
    case structured(JSONValue, shown: String)
    /// A value that stands out (this municipality's row, a figure that differs): drawn highlighted,
    /// with `mark` in front in the text (so it shows without colour); CSV and JSON hold the value.
    indirect case emphasised(Cell, mark: String)
}

/// A view as a table: columns with JSON keys and headings in both languages, and typed rows.
public struct ViewTable: Sendable {
    public struct Column: Sendable {
        public var key: String
        public var title: Message
        public var alignRight: Bool
        public var maxWidth: Int
        /// Shown in the text format (JSON and CSV always hold every column).
        public var inText: Bool
        /// On a narrow screen, columns of lower priority are left out first (10 = never).
        public var priority: Int

        public init(_ key: String, da: String, en: String, right: Bool = false, maxWidth: Int = 30, inText: Bool = true,
                    priority: Int = 5) {
            self.key = key
            self.title = Message(da: da, en: en)
            self.alignRight = right
            self.maxWidth = maxWidth
            self.inText = inText
            self.priority = priority
        }
    }

    public var view: String
    public var columns: [Column]
    public var rows: [[Cell]] = []
    /// The files of the source tables the view needs and the snapshot lacks (management.md §9):
    /// the text says "ingen data: <file>", JSON has `"missing"`.
    public var missing: [String] = []

    public init(view: String, columns: [Column]) {
        self.view = view
        self.columns = columns
    }

    /// The table without the columns of `keys` (a page that makes them needless).
    func removing(_ keys: [String]) -> ViewTable {
        var t = self
        for key in keys {
            guard let i = t.column(key) else { continue }
            t.columns.remove(at: i)
            for r in t.rows.indices { t.rows[r].remove(at: i) }
        }
        return t
    }

    public func render(_ format: ReportFormat, _ c: ReportContext) -> String {
        switch format {
        case .text, .html:  // (html is the status report's only; `ReportCatalogue.Entry.formats` refuses it here)
            let shown = columns.indices.filter { columns[$0].inText }
            var table = TextTable(columns: shown.map {
                TextTable.Column(columns[$0].title.text(c.language), alignRight: columns[$0].alignRight, maxWidth: columns[$0].maxWidth)
            })
            guard missing.isEmpty else { return missing.map { c.t("ingen data: \($0)", "no data: \($0)") }.joined(separator: "\n") }
            for row in rows { table.append(shown.map { text(row[$0], c) }) }
            var lines = table.render()
            lines.append("")
            lines.append(c.t("\(DanishNumber.grouped(rows.count)) rækker", "\(DanishNumber.grouped(rows.count)) rows"))
            return lines.joined(separator: "\n")
        case .csv:
            return CSVText.document(header: columns.map(\.key), rows: rows.map { $0.map { csv($0, c) } })
        case .json:
            var pairs: [(String, JSONValue)] = [("view", .string(view)), ("rows", jsonRows(c))]
            if !missing.isEmpty { pairs.append(("missing", .array(missing.map(JSONValue.string)))) }
            return JSONValue.object(pairs).rendered()
        }
    }

    /// The rows as JSON objects, a key per column.
    func jsonRows(_ c: ReportContext) -> JSONValue {
        .array(rows.map { row in JSONValue.object(zip(columns, row).map { ($0.key, json($1, c)) }) })
    }

    /// The position of the column with `key`, if the table has one.
    public func column(_ key: String) -> Int? { columns.firstIndex { $0.key == key } }

    /// Sets the cell of column `key` in `row` (nothing when the table has no such column).
    public func set(_ key: String, _ cell: Cell, in row: inout [Cell]) {
        if let i = column(key), row.indices.contains(i) { row[i] = cell }
    }

    func text(_ cell: Cell, _ c: ReportContext) -> String {
        switch cell {
        case .text(let s): return s
        case .int(let n): return DanishNumber.grouped(n)
        case .plain(let n): return String(n)
        case .number(let x): return String(Self.decimal(x).map { $0 == "." ? "," : $0 })
        case .money(let m): return m?.danishKroner ?? "–"
        case .day(let d): return d?.danish ?? ""
        case .cpr(let cpr): return c.show(cpr)
        case .paragraph(let p): return p.display
        case .status(let s): return s.map { Self.symbol($0) + " " + $0.label.text(c.language) } ?? ""
        case .fullTime(let f): return f?.danish ?? ""
        case .counts(let counts): return counts.sorted { $0.key < $1.key }.map { "\($0.key.display): \($0.value)" }.joined(separator: ", ")
        case .bool(let b): return b ? c.t("ja", "yes") : ""
        case .masked(let s): return c.showText(s)
        case .message(let m): return m?.text(c.language) ?? ""
        case .kind(let k): return k.label.text(c.language)
        case .rejectedValue(let r): return c.show(r)
        case .bar(let b): return b.summary
        case .spark(let values): return Bar.sparkline(values.map(\.ore))
        case .highlighted(let s): return "≠ " + s
        case .coded(_, let m, _): return m.text(c.language)
        case .shownOnly(let m): return m.text(c.language)
        case .structured(_, let shown): return shown
        case .emphasised(let inner, let mark): return mark + text(inner, c)
        }
    }

    /// The cells `text(cell, c)` takes on screen: numbers, amounts and dates counted without
    /// formatting them (a layout measures thousands of cells when a page opens).
    func width(_ cell: Cell, _ c: ReportContext) -> Int {
        switch cell {
        case .text(let s): return DisplayWidth.of(s)
        case .int(let n): return DanishNumber.groupedWidth(Int64(n))
        case .plain(let n): return DanishNumber.digits(Int64(n).magnitude) + (n < 0 ? 1 : 0)
        case .money(let m?): return DanishNumber.groupedWidth(Money.roundedDivision(m.ore, 100)) + 4  // " kr."
        case .money(nil): return 1
        case .day(nil): return 0
        case .day(let d?) where (1000...9999).contains(d.components.year): return 10
        case .cpr(let cpr) where (0..<10_000_000_000).contains(cpr.value): return 11  // DDMMYY-SSSS, revealed or not
        case .status(nil): return 0
        case .status(let s?): return 2 + DisplayWidth.of(s.label.text(c.language))  // (the symbol is one cell)
        case .number(let x) where (x * 100).magnitude < 9e18:
            // `decimal`: the hundredths' whole part, and `,d` or `,dd` unless they are zero.
            let hundredths = Int64((x * 100).rounded()), m = hundredths.magnitude
            return (hundredths < 0 ? 1 : 0) + DanishNumber.digits(m / 100) + (m % 100 == 0 ? 0 : m % 10 == 0 ? 2 : 3)
        default: return DisplayWidth.of(text(cell, c))
        }
    }

    /// Status is never told by colour alone: every status has a symbol.
    static func symbol(_ s: FollowUpStatus) -> String {
        switch s {
        case .overdue: return "!"
        case .dueSoon: return "~"
        case .ok: return "✓"
        case .missing: return "?"
        }
    }

    /// Up to two decimals with a point: `2`, `2.5`, `2.33`.
    static func decimal(_ x: Double) -> String {
        guard (x * 100).magnitude < 9e18 else { return x.isNaN ? "" : String(x) }  // (no figure is; never a trap)
        let hundredths = Int64((x * 100).rounded())
        var s = Money(ore: hundredths).plainDecimal
        // (Bytes compared: Foundation's `contains` of a string searches with a locale.)
        guard s.utf8.contains(UInt8(ascii: ".")) else { return s }
        while s.utf8.last == UInt8(ascii: "0") { s.removeLast() }
        if s.utf8.last == UInt8(ascii: ".") { s.removeLast() }
        return s
    }

    func csv(_ cell: Cell, _ c: ReportContext) -> String {
        switch cell {
        case .int(let n): return String(n)
        case .money(let m): return m?.danishPlain ?? ""
        case .status(let s): return s?.rawValue ?? ""
        case .bool(let b): return b ? "1" : "0"
        case .paragraph(let p): return p.key
        case .kind(let k): return k.rawValue
        case .spark(let values): return values.map(\.danishPlain).joined(separator: " ")
        case .highlighted(let s): return s
        case .coded(let code, _, _): return code
        case .shownOnly: return ""
        case .structured(_, let shown): return shown
        case .emphasised(let inner, _): return csv(inner, c)
        default: return text(cell, c)
        }
    }

    func json(_ cell: Cell, _ c: ReportContext) -> JSONValue {
        switch cell {
        case .text(let s): return .string(s)
        case .int(let n), .plain(let n): return .int(n)
        case .number(let x): return .number(Self.decimal(x))
        case .money(let m): return .money(m)
        case .day(let d): return .day(d)
        case .cpr(let cpr): return .string(c.show(cpr))
        case .paragraph(let p): return .string(p.key)
        case .status(let s): return s.map { .string($0.rawValue) } ?? .null
        case .fullTime(let f): return f.map { .number(String(format2: $0)) } ?? .null
        case .counts(let counts): return .object(counts.sorted { $0.key < $1.key }.map { ($0.key.key, .int($0.value)) })
        case .bool(let b): return .bool(b)
        case .masked(let s): return .string(c.showText(s))
        case .message(let m): return m.map { .string($0.text(c.language)) } ?? .null
        case .kind(let k): return .string(k.rawValue)
        case .rejectedValue(let r): return .string(c.show(r))
        case .bar(let b): return .string(b.summary)
        case .spark(let values): return .array(values.map { .money($0) })
        case .highlighted(let s): return .string(s)
        case .coded(let code, _, _): return .string(code)
        case .shownOnly: return .null
        case .structured(let value, _): return value
        case .emphasised(let inner, _): return json(inner, c)
        }
    }
}

extension String {
    /// A full-time figure with two decimals and a decimal point (`12.34`).
    init(format2 f: FullTimePersons) {
        let hundredths = f.periodDays == 0 ? 0 : Money.roundedDivision(Int64(f.coveredDays) * 100, Int64(f.periodDays))
        self = Money(ore: hundredths).plainDecimal
    }
}
