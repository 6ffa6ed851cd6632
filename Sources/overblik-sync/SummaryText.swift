import Foundation
import OverblikConfig
import OverblikCore
import OverblikSync

/// The summary a sync prints: a table per source, the first rejected rows, the snapshot and the time.
enum SummaryText {
    static func seconds(_ s: Double) -> String {
        let hundredths = Int((s * 100).rounded())
        return "\(hundredths / 100),\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100) s"
    }

    static func text(_ s: SyncSummary, configuration c: SyncConfiguration, language: Language) -> String {
        let da = language == .da
        var lines: [String] = []
        lines.append("Overblik-sync · \(c.municipality.name) (\(c.municipality.code)) · \(da ? "i dag" : "today") \(s.today.danish)")
        lines.append("")
        var table = TextTable(columns: [
            .init(da ? "Tabel" : "Table"), .init(da ? "Fil" : "File", maxWidth: 50),
            .init(da ? "Rækker" : "Rows", alignRight: true), .init(da ? "Afvist" : "Rejected", alignRight: true),
            .init(da ? "Kodning" : "Encoding"),
        ])
        for source in s.sources {
            table.append([source.table.label.text(language), source.path,
                          source.present ? DanishNumber.grouped(source.rows) : "–",
                          source.present ? DanishNumber.grouped(source.rejected) : "–",
                          source.present ? source.encoding : (da ? "findes ikke (valgfri)" : "absent (optional)")])
        }
        lines.append(contentsOf: table.render())
        let skipped = s.sources.filter { $0.skipped > 0 }
        if !skipped.isEmpty {
            let list = skipped.map { "\($0.table.label.text(language)) \(DanishNumber.grouped($0.skipped))" }.joined(separator: ", ")
            lines.append(da ? "Sprunget over (landstal, regioner, Christiansø og de køn, civilstande og aldre der ikke bruges): \(list)"
                            : "Skipped (the country, regions, Christiansø and the sexes, civil statuses and ages not used): \(list)")
        }
        if !s.rejected.isEmpty {
            let shown = s.rejected.prefix(10)
            lines.append("")
            lines.append(da ? "Afviste rækker (\(s.rejected.count), de første \(shown.count); alle står i snapshottet og i `overblik report status`):"
                            : "Rejected rows (\(s.rejected.count), the first \(shown.count); all are in the snapshot and in `overblik report status`):")
            for r in shown {
                let column = r.column.isEmpty ? "" : " \(r.column):"
                let value = SafeText.clean(DisplayWidth.truncate(r.maskedValue, to: 40))
                lines.append("  \(r.file):\(r.line):\(column) \"\(value)\" – \(r.reason.text(language))")
            }
        }
        if let r = s.reconciliation {
            lines.append("")
            lines.append(da ? "Afvigelser \(r.period.start.danish)–\(r.period.end.danish):" : "Discrepancies \(r.period.start.danish)–\(r.period.end.danish):")
            var kinds = TextTable(columns: [.init(da ? "Slags" : "Kind"), .init(da ? "I alt" : "Total", alignRight: true),
                                            .init(da ? "Forklarede" : "Explained", alignRight: true)])
            for kind in DiscrepancyKind.allCases {
                let of = r.discrepancies.filter { $0.kind == kind }
                guard !of.isEmpty else { continue }
                kinds.append([kind.label.text(language), DanishNumber.grouped(of.count), DanishNumber.grouped(of.filter(\.explained).count)])
            }
            lines.append(contentsOf: kinds.rows.isEmpty ? [da ? "  ingen" : "  none"] : kinds.render())
        }
        lines.append("")
        if s.dryRun {
            lines.append(da ? "Prøvekørsel (--dry-run): intet udgivet." : "Dry run (--dry-run): nothing published.")
        } else {
            lines.append("Snapshot: \(s.snapshotPath)")
        }
        lines.append("\(da ? "Tid" : "Time"): \(seconds(s.seconds))")
        return lines.joined(separator: "\n")
    }

    static func json(_ s: SyncSummary, configuration c: SyncConfiguration) -> String {
        let object: [String: Any] = [
            "municipality": ["code": c.municipality.code, "name": c.municipality.name],
            "today": s.today.iso,
            "dryRun": s.dryRun,
            "published": !s.dryRun,
            "snapshot": s.dryRun ? NSNull() : s.snapshotPath as Any,
            "seconds": (s.seconds * 1000).rounded() / 1000,
            "computeSeconds": (s.computeSeconds * 1000).rounded() / 1000,
            "readSeconds": (s.readSeconds * 1000).rounded() / 1000,
            "writeSeconds": (s.writeSeconds * 1000).rounded() / 1000,
            "tables": s.sources.map { [
                "name": $0.table.rawValue, "path": $0.path, "sha256": $0.sha256, "rows": $0.rows,
                "rejected": $0.rejected, "encoding": $0.encoding, "present": $0.present, "skipped": $0.skipped,
            ] as [String: Any] },
            "rejectedRows": s.rejected.map { [
                "table": $0.table.rawValue, "file": $0.file, "line": $0.line, "column": $0.column,
                "value": $0.maskedValue, "reason": $0.reason.da, "reasonEn": $0.reason.en,
            ] as [String: Any] },
            "warnings": s.warnings.map(\.en),
            "discrepancies": DiscrepancyKind.allCases.compactMap { kind -> [String: Any]? in
                guard let r = s.reconciliation else { return nil }
                let of = r.discrepancies.filter { $0.kind == kind }
                return ["kind": kind.rawValue, "total": of.count, "explained": of.filter(\.explained).count]
            },
        ]
        // By construction: built from strings, numbers, booleans, arrays and dictionaries only.
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
