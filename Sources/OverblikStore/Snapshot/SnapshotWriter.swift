import GRDB
import OverblikCore

/// Writes a whole snapshot into a new SQLite file in one transaction, indexes after the load.
/// Used only by `overblik-sync` (through `SnapshotDirectory.publish`).
public enum SnapshotWriter {
    /// Writes `dataset` and `metadata` into the (new, empty) database file at `path`.
    public static func write(_ dataset: Dataset, metadata: SnapshotMetadata, to path: String) throws {
        var config = Configuration()
        // The file is a private temporary until it is renamed into place: no journal needed.
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
        }
        let queue = try DatabaseQueue(path: path, configuration: config)
        try queue.inDatabase { db in
            try db.execute(sql: Schema.tables)
            try db.inTransaction {
                try insert(dataset, metadata: metadata, into: db)
                return .commit
            }
            try db.execute(sql: Schema.indexes)
            try db.execute(sql: Schema.views)
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
        }
        try queue.close()
    }

    private static func insert(_ d: Dataset, metadata: SnapshotMetadata, into db: Database) throws {
        let meta = try db.makeStatement(sql: "INSERT INTO meta (key, value) VALUES (?, ?)")
        for (k, v) in metadata.pairs { try meta.execute(arguments: [k, v]) }

        let sources = try db.makeStatement(sql: """
            INSERT INTO sources (name, path, sha256, bytes, rows, rejected, encoding, present) VALUES (?,?,?,?,?,?,?,?)
            """)
        for s in d.sources {
            try sources.execute(arguments: [s.table.rawValue, s.path, s.sha256, s.bytes, s.rows, s.rejected, s.encoding, s.present])
        }

        let rejected = try db.makeStatement(sql: """
            INSERT INTO rejected_rows (table_name, file, line, column_name, field, value, reason_da, reason_en) VALUES (?,?,?,?,?,?,?,?)
            """)
        for r in d.rejected {
            try rejected.execute(arguments: [r.table.rawValue, r.file, r.line, r.column, r.field, r.value, r.reason.da, r.reason.en])
        }

        let grants = try db.makeStatement(sql: """
            INSERT INTO grants (case_id, cpr, name, paragraph, service_code, service_name, provider, start, "end",
              rate, rate_unit, hours_per_week, caseworker, team, next_follow_up, last_follow_up, target_group,
              acting_municipality, paying_municipality, line) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        for g in d.grants {
            try grants.execute(arguments: [
                g.caseId, g.cpr.value, g.name, g.paragraph.key, g.serviceCode, g.serviceName, g.provider,
                g.start.ordinal, g.end?.ordinal, g.rate?.ore, g.rateUnit?.rawValue, g.hoursPerWeek?.value,
                g.caseworker, g.team, g.nextFollowUp?.ordinal, g.lastFollowUp?.ordinal, g.targetGroup,
                g.actingMunicipality, g.payingMunicipality, g.line,
            ])
        }

        let staff = try db.makeStatement(sql: "INSERT INTO staff (initials, name, team, role, username, line) VALUES (?,?,?,?,?,?)")
        for s in d.staff {
            try staff.execute(arguments: [s.initials, s.name, s.team, s.role.rawValue, s.username, s.line])
        }

        let payments = try db.makeStatement(sql: """
            INSERT INTO payments (voucher_id, cpr, function, grouping, provider, period_start, period_end, amount,
              posting_date, paying_municipality, acting_municipality, line) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        for p in d.payments {
            payments.setUncheckedArguments([
                p.voucherId, p.cpr.value, p.function, p.grouping, p.provider, p.periodStart.ordinal,
                p.periodEnd.ordinal, p.amount.ore, p.postingDate.ordinal, p.payingMunicipality,
                p.actingMunicipality, p.line,
            ])
            try payments.execute()
        }

        let budget = try db.makeStatement(sql: """
            INSERT INTO budget (year, month, function, budget, corrected_budget, line) VALUES (?,?,?,?,?,?)
            """)
        for b in d.budget {
            try budget.execute(arguments: [b.year, b.month, b.function, b.budget.ore, b.correctedBudget?.ore, b.line])
        }

        let dst = try db.makeStatement(sql: """
            INSERT INTO dst (cpr, paragraph, dst_code, start, "end", target_group, line) VALUES (?,?,?,?,?,?,?)
            """)
        for r in d.dst {
            try dst.execute(arguments: [r.cpr.value, r.paragraph.key, r.dstCode, r.start.ordinal, r.end?.ordinal, r.targetGroup, r.line])
        }

        let mapping = try db.makeStatement(sql: """
            INSERT INTO mapping (paragraph, function, grouping, dst_code, service_codes, label, line) VALUES (?,?,?,?,?,?,?)
            """)
        for m in d.mapping {
            try mapping.execute(arguments: [m.paragraph.key, m.function, m.grouping, m.dstCode,
                                            m.serviceCodes.joined(separator: ","), m.label, m.line])
        }
    }
}
