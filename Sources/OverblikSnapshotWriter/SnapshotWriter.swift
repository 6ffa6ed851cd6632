import CSQLiteSetup
import Foundation
import GRDB
import OverblikCore
import OverblikStore

/// The Team and Opfølgning views and the development series as the sync computed them for its today.
public struct StoredViews: Sendable {
    public var teamLines: [TeamLine]
    /// Positions in the dataset's grants, in the follow-up list's order.
    public var followUpGrants: [Int]
    /// Each follow-up line's key per sortable column (a windowed Opfølgning sorts by them).
    public var followUpKeys: [FollowUpSort: [Int64?]] = [:]
    /// Udvikling (management.md §1).
    public var development: Development?
    /// Servicemål's rows of every quarter (management.md §4; they do not depend on today); nil
    /// without the applications table.
    public var serviceGoalLines: [ServiceGoalLine]?
    /// Ledelsestilsyn's samples (management.md §3) of the periods of today's year that have begun,
    /// as they would be fixed on today: what opening Tilsyn and the status report read.
    public var supervisionSamples: [(period: SupervisionPeriod, rows: [StoredSample])] = []
    /// Belægning (management.md §7) of the year of the last month that is over: each provider's
    /// months and year (nil without the providers table).
    public var occupancy: (year: Int, lines: [OccupancyLine])?
    /// Sammenligning (management.md §6) as of today (nil without both StatBank tables).
    public var comparison: Comparison?
    /// Klagesager (management.md §5) as of today: its lines and the appeals pending at the board,
    /// the oldest first (nil without the appeals table).
    public var appeals: (lines: [AppealLine], pending: [PendingAppeal])?
    /// Each caseworker's and team's grants (`grant_owners`), made beside the writer (at national
    /// size 0,15-0,2 s); nil: made as they are written.
    package var grantOwners: [(key: String, ids: [Int32])]?

    /// A sampled grant as its position in the dataset's grants.
    public struct StoredSample: Sendable {
        public var grant: Int
        public var team: String
        public var fromActive: Bool
        public var digest: String
    }

    public init(teamLines: [TeamLine], followUpGrants: [Int], development: Development? = nil) {
        self.teamLines = teamLines
        self.followUpGrants = followUpGrants
        self.development = development
    }

    /// Computes them from a dataset for `today` (the payments sorted once in `index`, when given).
    public static func compute(_ d: Dataset, today: Day, dueSoonDays: Int, goals: ServiceGoals = ServiceGoals(),
                               supervision: SupervisionSettings = SupervisionSettings(), comparison: ComparisonSettings = ComparisonSettings(),
                               index: PaymentIndex? = nil) -> StoredViews {
        var views = lists(d, today: today, dueSoonDays: dueSoonDays, goals: goals, supervision: supervision, comparison: comparison)
        views.development = Development.compute(d, today: today, index: index)
        return views
    }

    /// Team's lines, Opfølgning's list, Servicemål's rows and Tilsyn's samples (the series left out:
    /// the sync computes them beside).
    public static func lists(_ d: Dataset, today: Day, dueSoonDays: Int, goals: ServiceGoals = ServiceGoals(),
                             supervision: SupervisionSettings = SupervisionSettings(),
                             comparison: ComparisonSettings = ComparisonSettings()) -> StoredViews {
        let team = teamDistribution(grants: d.grants, staff: d.staff, today: today, dueSoonDays: dueSoonDays)
        // The follow-up list over positions, so that the stored list points at the grants: a
        // grant's position found by its line (a sync reads them in line order: a binary search;
        // else a table of them).
        let ascending = d.grants.indices.dropFirst().allSatisfy { d.grants[$0 - 1].line < d.grants[$0].line }
        var table: [Int: Int] = [:]
        if !ascending { for i in d.grants.indices { table[d.grants[i].line] = i } }
        func position(_ line: Int) -> Int? {
            guard ascending else { return table[line] }
            var (low, high) = (0, d.grants.count)
            while low < high {
                let mid = (low + high) / 2
                if d.grants[mid].line < line { low = mid + 1 } else { high = mid }
            }
            return low < d.grants.count && d.grants[low].line == line ? low : nil
        }
        let lines = followUpList(grants: d.grants, today: today, dueSoonDays: dueSoonDays)
        // By construction: every listed grant is one of `d.grants`, whose lines are unique (one record, one line).
        let follow = lines.map { position($0.grant.line)! }
        var views = StoredViews(teamLines: team, followUpGrants: follow)
        views.grantOwners = GrantOwners.of(d.grants)
        views.followUpKeys = followUpSortKeys(lines)
        if d.sources.contains(where: { $0.table == .decisions && $0.present }) {
            views.serviceGoalLines = OverblikCore.serviceGoalLines(d.decisions, goals: goals)
        }
        if d.sources.contains(where: { $0.table == .providers && $0.present }) {
            let year = CalendarMonth(today).advanced(by: -1).year
            views.occupancy = (year, occupancyLines(stays: ProviderStay.of(d.grants), agreements: d.providers,
                                                    months: CalendarMonth.over(in: year, on: today), yearRow: true))
        }
        if d.sources.contains(where: { $0.table == .appeals && $0.present }) {
            views.appeals = (appealLines(d.appeals, today: today), pendingAppeals(d.appeals, today: today))
        }
        if [TableName.statbank, .population].allSatisfy({ t in d.sources.contains { $0.table == t && $0.present } }) {
            views.comparison = Comparison(statbank: d.statbank, population: d.population, dst: d.dst, mapping: d.mapping,
                                          municipality: d.municipality, settings: comparison, today: today)
        }
        let periods = SupervisionPeriod.begun(supervision.period, year: today.components.year, today: today)
        let samples = OverblikCore.supervisionSamples(grants: d.grants, decisions: d.decisions, staff: d.staff, periods: periods, today: today,
                                         municipalityCode: d.municipality.code, settings: supervision,
                                         sha256: SupervisionDigest.sha256)
        views.supervisionSamples = zip(periods, samples).map { period, rows in
            // By construction, as above: every sampled grant is one of `d.grants`.
            (period, rows.map { StoredSample(grant: position($0.grant.line)!, team: $0.team, fromActive: $0.fromActive, digest: $0.digest) })
        }
        return views
    }
}

/// Writes a whole snapshot into a new SQLite file in one transaction, indexes after the load.
/// Used only by `overblik-sync` (through `SnapshotDirectory.publish`).
public enum SnapshotWriter {
    /// Sets SQLite for a process that writes a snapshot, before SQLite is first used: its memory
    /// statistics off (with them on, each allocation SQLite makes takes a process-wide mutex to
    /// count it: on LC six million, 0,9 % of the sync's CPU). Later it changes nothing (SQLite
    /// refuses once in use). Whether it took effect.
    @discardableResult
    public static func prepareProcess() -> Bool { overblik_sqlite_memstatus_off() == 0 }  // 0: SQLITE_OK

    /// Writes `dataset` and `metadata` into the (new, empty) database file at `path`.
    public static func write(_ dataset: Dataset, derived: [DerivedFigures] = [], metadata: SnapshotMetadata,
                             to path: String) throws {
        try write(dataset, derivedWhenReady: { derived }, metadata: metadata, to: path)
    }

    /// The same, where the derived figures are computed meanwhile: the records are written
    /// first, then `views` and `derivedWhenReady` are asked (each may wait for its computation).
    public static func write(_ dataset: Dataset, derivedWhenReady: () -> [DerivedFigures], views: () -> StoredViews? = { nil },
                             metadata: SnapshotMetadata, to path: String) throws {
        var config = Configuration()
        // The file is a private temporary until it is renamed into place: no journal needed.
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA page_size = 65536; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA threads = 2")
        }
        let queue = try DatabaseQueue(path: path, configuration: config)
        var timer = PhaseTimer(prefix: "  write ")
        func lap(_ what: String) {
            timer.lap(what)
            StopPoint.reach("write \(what)")
        }
        try queue.inDatabase { db in
            try db.execute(sql: Schema.tables)
            lap("schema")
            // The records in a transaction of their own, then SQLite's check of their tables on
            // a connection of its own while this one writes the views and the figures: the check
            // is the longest step left when the figures are done (on LC about 0,9 s, one core idle
            // meanwhile), and the views and figures take about half as long. The second
            // transaction is held in memory (no spill: the check's read lock is held meanwhile)
            // and committed once the check has said "ok". The file is a private temporary until
            // it is published, so two transactions publish nothing more than one.
            try db.inTransaction {
                try insert(dataset, metadata: metadata, into: db)
                // (Counted here, not after the figures: the writer would otherwise wait for them idle.)
                for (key, _, count) in DataQuality(dataset).pairs {
                    try db.execute(sql: "INSERT INTO data_quality (name, count) VALUES (?, ?)", arguments: [key, count])
                }
                return .commit
            }
            lap("records")
            let recordsCheck = OwnThread("check") { Result { try check(path: path, tables: checkedEarly) } }
            // Before any failure below leaves: the check's connection closed first.
            defer { _ = recordsCheck.value }
            try db.execute(sql: "PRAGMA cache_spill = OFF")
            try db.inTransaction {
                // The views: computed before the years' figures, and written while those are.
                let v = views()
                if let v { try insert(v, grants: dataset.grants, today: metadata.today, into: db) }
                let owners = try RawInsert(db, "INSERT INTO grant_owners (owner, ids) VALUES (?, ?)")
                for (key, ids) in v?.grantOwners ?? GrantOwners.of(dataset.grants) {
                    owners.bind(1, key)
                    try owners.step(db, blob: 2, PackedIntegers.bytes(ids))
                }
                lap("views")
                let derived = derivedWhenReady()
                lap("waiting for the figures")
                for figures in derived { try insert(figures, into: db) }
                lap("derived")
                try recordsCheck.value.get()
                lap("check of the records")
                return .commit
            }
            lap("commit")
            // The seal: a checksum over the metadata and every table's row count, checked at
            // open; and SQLite's own check of the whole file before it is published.
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('checksum', ?)", arguments: [try Seal.compute(db)])
            try db.execute(sql: Schema.derivedIndexes)
            lap("indexes")
            try db.execute(sql: Schema.views)
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
            let rest = try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
                .filter { !checkedEarly.contains($0) }
            try check(db, tables: rest)
            lap("check")
        }
        try queue.close()
        lap("close")
    }

    /// The tables whole, indexes and all, once the records are written: checked while the views and the figures are written.
    static let checkedEarly = Schema.recordTables.map(\.rawValue) + ["rejected_rows", "sources", "symbols", "payments_by_cpr", "payments_by_month"]

    /// The same on a read-only connection of its own to the file at `path`.
    private static func check(path: String, tables: [String]) throws {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: config)
        try queue.read { db in try check(db, tables: tables) }
        try queue.close()
    }

    /// SQLite's `quick_check` of each table with its indexes: together, every table of the file.
    private static func check(_ db: Database, tables: [String]) throws {
        for table in tables {
            let check = try String.fetchAll(db, sql: "PRAGMA quick_check(\(table))").joined(separator: "; ")
            guard check == "ok" else { throw DatabaseError(message: "the new snapshot fails SQLite's check of \(table): \(check)") }
        }
    }

    private static func insert(_ d: Dataset, metadata: SnapshotMetadata, into db: Database) throws {
        guard d.payments.count < 1 << 28 else {
            throw SnapshotContentError(message: "\(d.payments.count) payment lines: a snapshot holds at most 268.435.455 / \(d.payments.count) betalingslinjer: et snapshot rummer højst 268.435.455")
        }
        // The payments' blocks are encoded from the start on a thread of their own, and inserted
        // between the other records' rows as they come: the encoder would otherwise wait for room
        // in the pipe until the other records were written, and the writer then wait for it (on
        // L three seconds with a core idle).
        let blocks = PaymentBlocks.start(d.payments)
        defer { blocks.cancel() }  // (after a failure: the encoder stops)
        let payments = try PaymentInserter(db, symbols: d.symbols)
        func drain() throws { for batch in blocks.takeReady() { try payments.insert(batch, db) } }
        /// Called after each row of the large tables: every 4.096 rows, the blocks ready are inserted.
        var rowsWritten = 0
        func rowWritten() throws {
            rowsWritten += 1
            if rowsWritten & 0xFFF == 0 { try drain() }
        }
        var timer = PhaseTimer(prefix: "    ")
        func note(_ what: String) { timer.lap(what) }
        let meta = try db.makeStatement(sql: "INSERT INTO meta (key, value) VALUES (?, ?)")
        for (k, v) in metadata.pairs { try meta.execute(arguments: [k, v]) }

        let sources = try db.makeStatement(sql: """
            INSERT INTO sources (name, path, sha256, bytes, rows, rejected, encoding, present, skipped, modified) VALUES (?,?,?,?,?,?,?,?,?,?)
            """)
        for s in d.sources {
            try sources.execute(arguments: [s.table.rawValue, s.path, s.sha256, s.bytes, s.rows, s.rejected, s.encoding, s.present,
                                            s.skipped, s.modified])
        }

        let rejected = try db.makeStatement(sql: """
            INSERT INTO rejected_rows (table_name, file, line, column_name, field, value, reason_da, reason_en) VALUES (?,?,?,?,?,?,?,?)
            """)
        for r in d.rejected {
            try rejected.execute(arguments: [r.table.rawValue, r.file, r.line, r.column, r.field, r.value, r.reason.da, r.reason.en])
        }

        // Values in the order of the table's one description (`TableName.columns`, `Schema.insert`);
        // the round-trip tests read every field back.
        var paragraphKeys = ParagraphKeyCache()
        func key(_ p: Paragraph) -> String { paragraphKeys.key(p) }
        let grants = try RawInsert(db, Schema.insert(.grants))
        // (Each grant and application bound where it lies, through a pointer: one passed by value
        // is copied first, each of its texts retained and released again.)
        func bind(_ g: UnsafePointer<Grant>) {
            grants.bind(1, g.pointee.caseId); grants.bind(2, g.pointee.cpr.value); grants.bind(3, g.pointee.name); grants.bind(4, key(g.pointee.paragraph))
            grants.bind(5, g.pointee.serviceCode); grants.bind(6, g.pointee.serviceName); grants.bind(7, g.pointee.provider); grants.bind(8, g.pointee.start.ordinal)
            grants.bind(9, g.pointee.end?.ordinal); grants.bind(10, g.pointee.rate?.ore); grants.bind(11, g.pointee.rateUnit?.rawValue)
            grants.bind(12, g.pointee.hoursPerWeek?.value); grants.bind(13, g.pointee.caseworker); grants.bind(14, g.pointee.team)
            grants.bind(15, g.pointee.nextFollowUp?.ordinal); grants.bind(16, g.pointee.lastFollowUp?.ordinal); grants.bind(17, g.pointee.targetGroup)
            grants.bind(18, g.pointee.actingMunicipality); grants.bind(19, g.pointee.payingMunicipality); grants.bind(20, g.pointee.line)
        }
        try d.grants.withUnsafeBufferPointer { all in
            guard let first = all.baseAddress else { return }
            for i in all.indices {
                bind(first + i)
                try grants.step(db)
                try rowWritten()
            }
        }

        note("meta, sources, rejected rows and grants")
        let staff = try db.makeStatement(sql: Schema.insert(.staff))
        for s in d.staff {
            try staff.execute(arguments: [s.initials, s.name, s.team, s.role.rawValue, s.username, s.line])
        }


        let budget = try db.makeStatement(sql: Schema.insert(.budget))
        for b in d.budget {
            try budget.execute(arguments: [b.year, b.month, b.function, b.budget.ore, b.correctedBudget?.ore, b.line])
        }

        // (A row per citizen and paragraph, a few hundred thousand at national size: bound raw.)
        let dst = try RawInsert(db, Schema.insert(.dst))
        for i in d.dst.indices {
            dst.bind(1, d.dst[i].cpr.value); dst.bind(2, key(d.dst[i].paragraph)); dst.bind(3, d.dst[i].dstCode)
            dst.bind(4, d.dst[i].start.ordinal); dst.bind(5, d.dst[i].end?.ordinal); dst.bind(6, d.dst[i].targetGroup); dst.bind(7, d.dst[i].line)
            try dst.step(db)
            try rowWritten()
        }

        let mapping = try db.makeStatement(sql: Schema.insert(.mapping))
        for m in d.mapping {
            try mapping.execute(arguments: [m.paragraph.key, m.function, m.grouping, m.dstCode,
                                            m.serviceCodes.joined(separator: ","), m.label, m.line])
        }

        // (At national size one application per grant: bound raw like the grants.)
        let decisions = try RawInsert(db, Schema.insert(.decisions))
        func bind(_ a: UnsafePointer<Decision>) {
            decisions.bind(1, a.pointee.applicationId); decisions.bind(2, a.pointee.cpr.value); decisions.bind(3, key(a.pointee.paragraph))
            decisions.bind(4, a.pointee.caseworker); decisions.bind(5, a.pointee.team); decisions.bind(6, a.pointee.received.ordinal)
            decisions.bind(7, a.pointee.decided?.ordinal); decisions.bind(8, a.pointee.outcome?.rawValue); decisions.bind(9, a.pointee.caseId)
            decisions.bind(10, a.pointee.serviceCode); decisions.bind(11, a.pointee.noticeSent?.ordinal); decisions.bind(12, a.pointee.line)
        }
        try d.decisions.withUnsafeBufferPointer { all in
            guard let first = all.baseAddress else { return }
            for i in all.indices {
                bind(first + i)
                try decisions.step(db)
                try rowWritten()
            }
        }

        note("staff, budget, DST, mapping and decisions")
        let appeals = try RawInsert(db, Schema.insert(.appeals))
        for a in d.appeals {
            appeals.bind(1, a.appealId); appeals.bind(2, a.cpr.value); appeals.bind(3, key(a.paragraph))
            appeals.bind(4, a.decisionDate?.ordinal); appeals.bind(5, a.received.ordinal); appeals.bind(6, a.reconsidered?.ordinal)
            appeals.bind(7, a.reconsideration?.rawValue); appeals.bind(8, a.boardDecided?.ordinal); appeals.bind(9, a.outcome?.rawValue)
            appeals.bind(10, a.caseworker); appeals.bind(11, a.line)
            try appeals.step(db)
        }

        let providers = try db.makeStatement(sql: Schema.insert(.providers))
        for p in d.providers {
            try providers.execute(arguments: [p.provider, p.paragraph?.key, p.places, p.from?.ordinal, p.to?.ordinal, p.own ? 1 : 0,
                                              p.budgetedOccupancy.map { Int(($0 * 100).rounded()) }, p.line])
        }

        let statbank = try db.makeStatement(sql: Schema.insert(.statbank))
        for f in d.statbank {
            let service = f.serviceText.isEmpty ? f.serviceType : f.serviceType + " " + f.serviceText
            try statbank.execute(arguments: [f.code, service, f.quarter.description, f.value, f.line])
        }
        let population = try RawInsert(db, Schema.insert(.population))
        for p in d.population {
            population.bind(1, p.code); population.bind(2, p.age); population.bind(3, p.quarter.description)
            population.bind(4, p.value); population.bind(5, p.line)
            try population.step(db)
            try rowWritten()
        }

        note("appeals, providers and StatBank")
        // The records' indexes while the payments' blocks are still being encoded on their own
        // thread (the writer would otherwise wait for them, and index after).
        try drain()
        try db.execute(sql: Schema.recordIndexes)
        note("record indexes")
        StopPoint.reach("write record indexes")
        while let batch = blocks.take() { try payments.insert(batch, db) }
        let insert = try RawInsert(db, "INSERT INTO symbols (id, text) VALUES (?,?)")
        for (id, text) in d.symbols.texts.enumerated() {
            insert.bind(1, id); insert.bind(2, text)
            try insert.step(db)
        }
        note("payments (the blocks left after the other records)")
    }

    /// Inserts the payments' blocks: per citizen (in file order) and per function and posting
    /// month (encoded by `PaymentBlocks` beside).
    private struct PaymentInserter {
        let byCPR: RawInsert, byMonth: RawInsert, symbols: Symbols

        init(_ db: Database, symbols: Symbols) throws {
            byCPR = try RawInsert(db, "INSERT INTO payments_by_cpr (cpr, count, data) VALUES (?,?,?)")
            byMonth = try RawInsert(db, "INSERT INTO payments_by_month (function, posting_month, part, count, data) VALUES (?,?,?,?,?)")
            self.symbols = symbols
        }

        func insert(_ batch: [PaymentBlock], _ db: Database) throws {
            for block in batch {
                if block.byMonth {
                    byMonth.bind(1, symbols[Symbol(id: UInt32(block.key))]); byMonth.bind(2, block.month)
                    byMonth.bind(3, block.part); byMonth.bind(4, block.count)
                    try byMonth.step(db, blob: 5, block.data)
                } else {
                    byCPR.bind(1, block.key); byCPR.bind(2, block.count)
                    try byCPR.step(db, blob: 3, block.data)
                }
            }
        }
    }

    private static func insert(_ v: StoredViews, grants: [Grant], today: Day, into db: Database) throws {
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('views_today', ?)", arguments: [today.iso])
        let lines = try RawInsert(db, """
            INSERT INTO team_lines (caseworker, name, team, active_grants, citizens, overdue, due_soon, missing, monthly_cost,
              by_paragraph, team_median, overloaded) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        for l in v.teamLines {
            lines.bind(1, l.caseworker); lines.bind(2, l.name); lines.bind(3, l.team); lines.bind(4, l.activeGrants)
            lines.bind(5, l.citizens); lines.bind(6, l.overdue); lines.bind(7, l.dueSoon); lines.bind(8, l.missingFollowUp)
            lines.bind(9, l.monthlyCost.ore)
            lines.bind(10, l.byParagraph.sorted { $0.key < $1.key }.map { "\($0.key.key):\($0.value)" }.joined(separator: ","))
            lines.bind(11, l.teamMedian); lines.bind(12, l.overloaded ? 1 : 0)
            try lines.step(db)
        }
        let sorts = FollowUpSort.allCases
        let follow = try RawInsert(db, """
            INSERT INTO follow_ups (grant_id, case_id, cpr, name, paragraph, start, "end", caseworker, team, next_follow_up,
              last_follow_up, line, \(sorts.map(\.column).joined(separator: ", "))) VALUES (?,?,?,?,?,?,?,?,?,?,?,?\(String(repeating: ",?", count: sorts.count)))
            """)
        let keys = sorts.map { v.followUpKeys[$0] ?? [] }
        var paragraphKeys = ParagraphKeyCache()
        try grants.withUnsafeBufferPointer { all in
            guard let first = all.baseAddress else { return }
            for (i, position) in v.followUpGrants.enumerated() where all.indices.contains(position) {
                let g = UnsafePointer(first + position)  // (in place, as the grants above)
                follow.bind(1, position + 1)  // grants.id: the grant's position + 1 (inserted in order into a new table)
                follow.bind(2, g.pointee.caseId); follow.bind(3, g.pointee.cpr.value); follow.bind(4, g.pointee.name)
                follow.bind(5, paragraphKeys.key(g.pointee.paragraph)); follow.bind(6, g.pointee.start.ordinal)
                follow.bind(7, g.pointee.end?.ordinal); follow.bind(8, g.pointee.caseworker); follow.bind(9, g.pointee.team)
                follow.bind(10, g.pointee.nextFollowUp?.ordinal); follow.bind(11, g.pointee.lastFollowUp?.ordinal); follow.bind(12, g.pointee.line)
                for (k, column) in keys.enumerated() { follow.bind(Int32(k + 13), column.indices.contains(i) ? column[i] : nil) }
                try follow.step(db)
            }
        }
        // Each sort's order, made here from the keys (the lines as inserted: one key per line).
        let order = try RawInsert(db, "INSERT INTO follow_up_orders (sort, nulls, positions, keys) VALUES (?, ?, ?, ?)")
        let inserted = v.followUpGrants.filter { grants.indices.contains($0) }.count
        for (sort, column) in zip(sorts, keys) {
            let made = FollowUpOrder(keys: (0..<inserted).map { column.indices.contains($0) ? column[$0] : nil })
            order.bind(1, sort.rawValue); order.bind(2, made.nulls); order.bind(3, made.positionBytes); order.bind(4, made.keyBytes)
            try order.step(db)
        }
        if let development = v.development { try insert(development, into: db) }
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('supervision_samples', ?)",
                       arguments: [v.supervisionSamples.map(\.period.description).joined(separator: ",")])
        let sample = try RawInsert(db, """
            INSERT INTO supervision_samples (period, grant_id, case_id, cpr, paragraph, caseworker, team, from_active, digest)
            VALUES (?,?,?,?,?,?,?,?,?)
            """)
        for (period, rows) in v.supervisionSamples {
            let name = period.description
            for r in rows where grants.indices.contains(r.grant) {
                let g = grants[r.grant]
                sample.bind(1, name); sample.bind(2, r.grant + 1); sample.bind(3, g.caseId); sample.bind(4, g.cpr.value)
                sample.bind(5, g.paragraph.key); sample.bind(6, g.caseworker); sample.bind(7, r.team); sample.bind(8, r.fromActive ? 1 : 0)
                sample.bind(9, r.digest)
                try sample.step(db)
            }
        }
        if let (year, lines) = v.occupancy {
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('occupancy_year', ?)", arguments: [String(year)])
            let insert = try RawInsert(db, """
                INSERT INTO occupancy_lines (provider, paragraph, month, days, capacity_days, occupied_days, budgeted_occupancy, own)
                VALUES (?,?,?,?,?,?,?,?)
                """)
            for l in lines {
                insert.bind(1, l.provider); insert.bind(2, l.paragraph?.key); insert.bind(3, l.month.map { Int64($0.index) })
                insert.bind(4, l.days); insert.bind(5, l.capacityDays.map(Int64.init)); insert.bind(6, l.occupiedDays)
                if let b = l.budgetedOccupancy { insert.bind(7, b) } else { insert.bind(7, Int64?.none) }
                insert.bind(8, l.own ? 1 : 0)
                try insert.step(db)
            }
        }
        if let comparison = v.comparison { try insert(comparison, into: db) }
        if let (lines, pending) = v.appeals {
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('appeal_lines', 'stored')")
            let insert = try RawInsert(db, """
                INSERT INTO appeal_lines (paragraph, year, upheld, changed_or_annulled, remitted, not_on_merits, received,
                  reconsidered_in_time, agreed_in_reconsideration, pending) VALUES (?,?,?,?,?,?,?,?,?,?)
                """)
            for l in lines {
                insert.bind(1, l.paragraph?.key); insert.bind(2, l.year); insert.bind(3, l.upheld); insert.bind(4, l.changedOrAnnulled)
                insert.bind(5, l.remitted); insert.bind(6, l.notOnMerits); insert.bind(7, l.received); insert.bind(8, l.reconsideredInTime)
                insert.bind(9, l.agreedInReconsideration); insert.bind(10, l.pending.map(Int64.init))
                try insert.step(db)
            }
            let waiting = try RawInsert(db, "INSERT INTO pending_appeals (appeal) VALUES (?)")
            for p in pending {
                waiting.bind(1, p.appeal.appealId)
                try waiting.step(db)
            }
        }
        if let lines = v.serviceGoalLines {
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('service_goal_lines', 'stored')")
            let insert = try RawInsert(db, """
                INSERT INTO service_goal_lines (paragraph, year, quarter, goal, decided, shelved, in_time, late, late_without_notice,
                  median_days) VALUES (?,?,?,?,?,?,?,?,?,?)
                """)
            for l in lines {
                insert.bind(1, l.paragraph?.key); insert.bind(2, l.quarter.year); insert.bind(3, l.quarter.quarter)
                insert.bind(4, l.goal?.description); insert.bind(5, l.decided); insert.bind(6, l.shelved)
                insert.bind(7, l.inTime.map(Int64.init)); insert.bind(8, l.late.map(Int64.init))
                insert.bind(9, l.lateWithoutNotice.map(Int64.init))
                if let m = l.medianDays { insert.bind(10, m) } else { insert.bind(10, Int64?.none) }
                try insert.step(db)
            }
        }
    }

    private static func insert(_ c: Comparison, into db: Database) throws {
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('comparison_measure', ?)", arguments: [c.measure.rawValue])
        let lines = try RawInsert(db, """
            INSERT INTO comparison_lines (codes, is_own, service_type, service_text, paragraph, year, quarter, count, population,
              rate, rank, ranked, others_rate, rate_tenths, others_rate_tenths, own) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        func real(_ i: Int32, _ v: Double?) { if let v { lines.bind(i, v) } else { lines.bind(i, Int64?.none) } }
        for l in c.lines {
            lines.bind(1, l.municipality.codes.joined(separator: ",")); lines.bind(2, l.isOwn ? 1 : 0); lines.bind(3, l.serviceType)
            lines.bind(4, l.serviceText); lines.bind(5, l.paragraph?.key); lines.bind(6, l.quarter.year); lines.bind(7, l.quarter.quarter)
            lines.bind(8, l.count); lines.bind(9, l.population); real(10, l.rate); lines.bind(11, l.rank.map(Int64.init))
            lines.bind(12, l.ranked.map(Int64.init)); real(13, l.othersRate); lines.bind(14, l.rateTenths)
            lines.bind(15, l.othersRateTenths); lines.bind(16, l.own)
            try lines.step(db)
        }
        let unpublished = try RawInsert(db, "INSERT INTO comparison_unpublished (service_type, paragraph, year, quarter, own) VALUES (?,?,?,?,?)")
        for u in c.unpublished {
            unpublished.bind(1, u.serviceType); unpublished.bind(2, u.paragraph?.key); unpublished.bind(3, u.quarter.year)
            unpublished.bind(4, u.quarter.quarter); unpublished.bind(5, u.own)
            try unpublished.step(db)
        }
    }

    private static func insert(_ d: Development, into db: Database) throws {
        let meta = try db.makeStatement(sql: "INSERT INTO meta (key, value) VALUES (?, ?)")
        try meta.execute(arguments: ["development_first_data", d.firstDataMonth.map { String($0.index) } ?? ""])
        try meta.execute(arguments: ["development_kept_from", d.keptFrom.map { String($0.index) } ?? ""])
        try meta.execute(arguments: ["development_shown", d.months.first.map { "\($0.index)-\(d.months.count)" } ?? ""])
        guard let from = d.keptFrom else { return }
        let rows = try RawInsert(db, """
            INSERT INTO development (dimension, value, month, active, inflow, outflow, covered_days, paid_covered_days, grants,
              spend, paid_for, days) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        for (key, figures) in d.series.sorted(by: { $0.key < $1.key }) {
            for (i, f) in figures.enumerated() {
                rows.bind(1, key.dimension?.rawValue ?? ""); rows.bind(2, key.value); rows.bind(3, from.index + i)
                rows.bind(4, f.activeAtMonthEnd); rows.bind(5, f.inflow); rows.bind(6, f.outflow); rows.bind(7, f.coveredDays)
                rows.bind(8, f.paidCoveredDays); rows.bind(9, f.grants); rows.bind(10, f.spend?.ore); rows.bind(11, f.paidFor?.ore)
                rows.bind(12, f.days)
                try rows.step(db)
            }
        }
    }

    private static func insert(_ f: DerivedFigures, into db: Database) throws {
        let r = f.reconciliation
        try db.execute(sql: "INSERT INTO derived_years (year, period_start, period_end) VALUES (?,?,?)",
                       arguments: [f.year, r?.period.start.ordinal, r?.period.end.ordinal])
        if let r {
            let ottetal = try db.makeStatement(sql: """
                INSERT INTO ottetal (year, paragraph, case_system, economy, both, only_case_system, only_economy,
                  covered_case_days, covered_economy_days, period_days) VALUES (?,?,?,?,?,?,?,?,?,?)
                """)
            for l in r.ottetal {
                try ottetal.execute(arguments: [f.year, l.paragraph.key, l.caseSystem, l.economy, l.both, l.onlyCaseSystem,
                                                l.onlyEconomy, l.fullTimeCaseSystem.coveredDays, l.fullTimeEconomy.coveredDays,
                                                l.fullTimeCaseSystem.periodDays])
            }
            // (Tens of thousands at national size: bound raw, each read where it lies.)
            let discrepancies = try RawInsert(db, """
                INSERT INTO discrepancies (year, key, kind, paragraph, cpr, case_ids, voucher_ids, month, caseworker, amount,
                  explained, explanation_da, explanation_en, message_da, message_en) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                """)
            var paragraphKeys = ParagraphKeyCache()
            for i in r.discrepancies.indices {
                discrepancies.bind(1, f.year); discrepancies.bind(2, r.discrepancies[i].key)
                discrepancies.bind(3, r.discrepancies[i].kind.rawValue); discrepancies.bind(4, paragraphKeys.key(r.discrepancies[i].paragraph))
                discrepancies.bind(5, r.discrepancies[i].cpr?.value); discrepancies.bind(6, r.discrepancies[i].caseIds.joined(separator: ","))
                discrepancies.bind(7, r.discrepancies[i].voucherIds.joined(separator: ",")); discrepancies.bind(8, r.discrepancies[i].month)
                discrepancies.bind(9, r.discrepancies[i].caseworker); discrepancies.bind(10, r.discrepancies[i].amount?.ore)
                discrepancies.bind(11, r.discrepancies[i].explained ? 1 : 0)
                discrepancies.bind(12, r.discrepancies[i].explanation?.da); discrepancies.bind(13, r.discrepancies[i].explanation?.en)
                discrepancies.bind(14, r.discrepancies[i].message.da); discrepancies.bind(15, r.discrepancies[i].message.en)
                try discrepancies.step(db)
            }
        }
        let budget = try db.makeStatement(sql: """
            INSERT INTO budget_months (year, month, function, label, budget, spend, cumulative_budget, cumulative_spend,
              deviation, annual_budget, forecast_year, covered_days, period_days, unit_cost) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        for b in f.budget {
            try budget.execute(arguments: [b.year, b.month, b.function, b.label, b.budget.ore, b.spend.ore, b.cumulativeBudget.ore,
                                           b.cumulativeSpend.ore, b.deviation.ore, b.annualBudget.ore, b.forecastYear.ore,
                                           b.fullTimePersons.coveredDays, b.fullTimePersons.periodDays, b.unitCost?.ore])
        }
        let movements = try db.makeStatement(sql: """
            INSERT INTO movements (year, month, paragraph, inflow, outflow, active_at_month_end) VALUES (?,?,?,?,?,?)
            """)
        for m in f.movements {
            try movements.execute(arguments: [m.year, m.month, m.paragraph.key, m.inflow, m.outflow, m.activeAtMonthEnd])
        }
    }
}

/// `OVERBLIK_TIMING`: each step's wall time and the calling thread's CPU time, on standard error.
struct PhaseTimer {
    private let on = ProcessInfo.processInfo.environment["OVERBLIK_TIMING"] != nil
    private let prefix: String
    private var wall = Date(), cpu = threadCPUSeconds()

    init(prefix: String) { self.prefix = prefix }

    /// Reports the step since the last one, and starts the next.
    mutating func lap(_ what: String) {
        if on {
            let text = String(format: "%.3f s (CPU %.3f s)", Date().timeIntervalSince(wall), threadCPUSeconds() - cpu)
            FileHandle.standardError.write(Data("\(prefix)\(what): \(text)\n".utf8))
        }
        (wall, cpu) = (Date(), threadCPUSeconds())
    }
}

/// The CPU time the calling thread has used, in seconds (for `OVERBLIK_TIMING`; the sync's too).
package func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Each paragraph's key (`SEL-108`) made once per paragraph (a few dozen), not per row: found
/// among those made (the last one first), not hashed (hashing a paragraph hashes its texts).
private struct ParagraphKeyCache {
    private var keys: [(paragraph: Paragraph, key: String)] = []
    private var last = 0

    mutating func key(_ p: Paragraph) -> String {
        if last < keys.count, keys[last].paragraph == p { return keys[last].key }
        if let i = keys.firstIndex(where: { $0.paragraph == p }) { last = i } else {
            keys.append((p, p.key))
            last = keys.count - 1
        }
        return keys[last].key
    }
}
