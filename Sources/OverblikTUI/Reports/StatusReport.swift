import Foundation
import OverblikCore
import OverblikStore

/// The Datastatus view as a report: when and from which files the snapshot was made, and
/// every rejected row.
public struct StatusReport: Sendable {
    public var snapshotPath: String
    public var metadata: SnapshotMetadata
    public var sources: [SourceInfo]
    /// Every rejected row (none read with `rejectedRows` false: Datastatus reads them in windows).
    public var rejected: [RejectedRow]
    /// How many rows were rejected.
    public var rejectedCount: Int
    public var quality: DataQuality
    /// Data breaks of the snapshot's year (jumps in recipients from one month to the next).
    public var dataBreaks: [Discrepancy]

    public init(snapshot: Snapshot, discrepancies: [Discrepancy]? = nil, rejectedRows: Bool = true) throws(SnapshotError) {
        snapshotPath = snapshot.path
        metadata = try snapshot.metadata()
        sources = try snapshot.sources()
        rejected = rejectedRows ? try snapshot.rejectedRows() : []
        rejectedCount = rejectedRows ? rejected.count : try snapshot.rejectedRowCount()
        quality = try snapshot.dataQuality()
        var all = discrepancies ?? []
        if discrepancies == nil { all = try snapshot.derived(year: metadata.today.year)?.reconciliation?.discrepancies ?? [] }
        dataBreaks = all.filter { $0.kind == .dataBreak }
    }

    public func render(_ format: ReportFormat, _ c: ReportContext) -> String {
        switch format {
        case .text, .html: return text(c)  // (html: refused by `ReportCatalogue.Entry.formats`)
        case .csv: return csv(c)
        case .json: return json(c)
        }
    }

    /// Datastatus's sources: one row per table of the drop, what was read and from which file. The
    /// TUI shows it above the list; the text report prints the same rows.
    func sourcesTable(_ c: ReportContext) -> ViewTable {
        var table = ViewTable(view: "sources", columns: [
            .init("table", da: "Tabel", en: "Table", maxWidth: 18, priority: 9), .init("path", da: "Fil", en: "File", maxWidth: 34, priority: 10),
            .init("rows", da: "Rækker", en: "Rows", right: true, priority: 9), .init("rejected", da: "Afvist", en: "Rejected", right: true, priority: 8),
            .init("encoding", da: "Kodning", en: "Encoding", priority: 5), .init("sha256", da: "SHA-256", en: "SHA-256", maxWidth: 14, priority: 6),
        ])
        for s in sources {
            table.rows.append([.message(s.table.label), .text(s.path), s.present ? .int(s.rows) : .text("–"), s.present ? .int(s.rejected) : .text("–"),
                               .text(s.present ? s.encoding : c.t("findes ikke", "absent")), .text(s.present ? String(s.sha256.prefix(12)) + "…" : "")])
        }
        return table
    }

    /// Datastatus's list: the rejected rows (when the viewer may see every row) and the data breaks.
    func problemsTable(showingRejected: Bool) -> ViewTable {
        var table = StatusReport.problemColumns()
        table.rows = (showingRejected ? rejected : []).map(StatusReport.problemRow) + dataBreaks.map(StatusReport.problemRow)
        return table
    }

    /// Datastatus's columns, without rows.
    static func problemColumns() -> ViewTable {
        ViewTable(view: "datastatus", columns: [
            .init("type", da: "Type", en: "Type", maxWidth: 12, priority: 3),
            .init("file", da: "Fil:linje / §", en: "File:line / §", maxWidth: 34, priority: 10), .init("column", da: "Kolonne", en: "Column", maxWidth: 16, priority: 6),
            .init("value", da: "Værdi", en: "Value", maxWidth: 24, priority: 5), .init("reason", da: "Årsag", en: "Reason", maxWidth: 72, priority: 6),
        ])
    }

    static func problemRow(_ r: RejectedRow) -> [Cell] {
        [.message(Message(da: "Afvist", en: "Rejected")), .text("\(r.file):\(r.line)"), .text(r.column), .rejectedValue(r), .message(r.reason)]
    }

    static func problemRow(_ b: Discrepancy) -> [Cell] {
        [.message(Message(da: "Databrud", en: "Data break")), .text("\(b.paragraph.display) \(b.month ?? "")"), .text(""), .text(""), .message(b.message)]
    }

    /// The sources as the text report prints them (the file column wider than on screen).
    func sourceTable(_ c: ReportContext) -> TextTable {
        let view = sourcesTable(c)
        let widths = ["path": 44, "sha256": 16]
        var table = TextTable(columns: view.columns.map { .init($0.title.text(c.language), alignRight: $0.alignRight, maxWidth: widths[$0.key] ?? 40) })
        for row in view.rows { table.append(row.map { view.text($0, c) }) }
        return table
    }

    func text(_ c: ReportContext) -> String {
        var lines = [
            "\(c.t("Datastatus", "Data status")) · \(metadata.municipality.name) (\(metadata.municipality.code))",
            "Snapshot:  \(snapshotPath)",
            "\(c.t("Lavet", "Created")):     \(metadata.createdAt)   \(c.t("beregnet for", "computed for")) \(metadata.today.danish)   \(c.t("program", "program")) \(metadata.programVersion)",
            "",
        ]
        lines += sourceTable(c).render()
        lines.append("")
        for (_, label, count) in quality.pairs { lines.append("\(label.text(c.language)): \(DanishNumber.grouped(count))") }
        lines.append("")
        if dataBreaks.isEmpty {
            lines.append(c.t("Ingen databrud i \(metadata.today.year).", "No data breaks in \(metadata.today.year)."))
        } else {
            lines.append(c.t("Databrud (modtagere ultimo måneden ændrer sig mere end 20 % og mindst 10):",
                             "Data breaks (recipients at month end change by more than 20 % and at least 10):"))
            for b in dataBreaks { lines.append("  \(b.month ?? "")  \(b.paragraph.display)  \(b.message.text(c.language))") }
        }
        lines.append("")
        if rejected.isEmpty {
            lines.append(c.t("Ingen afviste rækker.", "No rejected rows."))
        } else {
            lines.append(c.t("Afviste rækker (\(DanishNumber.grouped(rejected.count)))", "Rejected rows (\(DanishNumber.grouped(rejected.count)))"))
            var table = TextTable(columns: [
                .init(c.t("Fil:linje", "File:line"), maxWidth: 40), .init(c.t("Kolonne", "Column"), maxWidth: 20),
                .init(c.t("Værdi", "Value"), maxWidth: 30), .init(c.t("Årsag", "Reason"), maxWidth: 90),
            ])
            for r in rejected {
                table.append(["\(r.file):\(r.line)", r.column, c.show(r), r.reason.text(c.language)])
            }
            lines += table.render()
        }
        return lines.joined(separator: "\n")
    }

    func csv(_ c: ReportContext) -> String {
        CSVText.document(
            header: [c.t("tabel", "table"), c.t("fil", "file"), "sha256", c.t("rækker", "rows"), c.t("afvist", "rejected"), c.t("kodning", "encoding")],
            rows: sources.map { [$0.table.rawValue, $0.path, $0.sha256, String($0.rows), String($0.rejected), $0.encoding] })
    }

    func json(_ c: ReportContext) -> String {
        let object: [String: Any] = [
            "view": "status",
            "createdAt": metadata.createdAt,
            "today": metadata.today.iso,
            "municipality": ["code": metadata.municipality.code, "name": metadata.municipality.name],
            "snapshot": snapshotPath,
            "programVersion": metadata.programVersion,
            "tables": sources.map { [
                "name": $0.table.rawValue, "path": $0.path, "sha256": $0.sha256, "rows": $0.rows,
                "rejected": $0.rejected, "present": $0.present, "encoding": $0.encoding, "skipped": $0.skipped,
            ] as [String: Any] },
            "dataQuality": Dictionary(uniqueKeysWithValues: quality.pairs.map { ($0.key, $0.count) }),
            "dataBreaks": dataBreaks.map { ["paragraph": $0.paragraph.key, "month": $0.month ?? "", "message": $0.message.text(c.language)] },
            "rejectedRows": rejected.map { [
                "table": $0.table.rawValue, "file": $0.file, "line": $0.line, "column": $0.column,
                "value": c.show($0), "reason": $0.reason.text(c.language),
            ] as [String: Any] },
        ]
        return JSONText.encode(object)
    }
}

/// Stable, readable JSON: sorted keys, indented, slashes unescaped.
public enum JSONText {
    public static func encode(_ object: Any) -> String {
        // By construction: the views build their objects from strings, numbers, booleans, arrays and dictionaries only.
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
