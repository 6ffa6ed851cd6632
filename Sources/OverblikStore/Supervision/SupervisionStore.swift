import Foundation
import GRDB
import OverblikCore
import Synchronization

/// Ledelsestilsyn's database beside the snapshots (`tilsyn.sqlite`, management.md §3): each
/// period's sample as fixed (who and when) and every answer, one row per change with login name
/// and UTC time, never overwritten. Outside the snapshot, so no sync touches it; WAL and a busy
/// timeout let several people write at the same moment without losing a write.
public final class SupervisionStore: Sendable {
    public static let fileName = "tilsyn.sqlite"
    public let path: String
    private let pool: DatabasePool
    /// Fixings written in the background (`fix(…, inBackground: true)`) not yet committed.
    private let writing = DispatchGroup()
    /// What background fixings found that the one who started them does not know yet.
    private let found = Mutex<[BackgroundOutcome]>([])

    /// What a fixing written in the background found, when it was not what its caller was told.
    public enum BackgroundOutcome: Sendable {
        /// Someone else fixed the period first: theirs stands (read it with `fixed(period:)`).
        case fixedElsewhere(period: String)
        /// The write failed: the period is not fixed.
        case failed(period: String, SnapshotError)
    }

    /// Whether the store exists in `directory` (a report never creates it).
    public static func exists(in directory: String) -> Bool {
        FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(fileName))
    }

    /// Opens (creating, mode 0600 or 0640 when `groupReadable`) the store in `directory`.
    public init(directory: String, groupReadable: Bool = false) throws(SnapshotError) {
        path = (directory as NSString).appendingPathComponent(SupervisionStore.fileName)
        do {
            pool = try SideDatabase.open(directory: directory, fileName: SupervisionStore.fileName, groupReadable: groupReadable).pool
            try pool.write { db in
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS fixings (
                        period TEXT PRIMARY KEY,
                        who TEXT NOT NULL,
                        at TEXT NOT NULL);
                    CREATE TABLE IF NOT EXISTS sample (
                        period TEXT NOT NULL,
                        case_id TEXT NOT NULL,
                        caseworker TEXT NOT NULL,
                        team TEXT NOT NULL,
                        cpr INTEGER NOT NULL,
                        paragraph TEXT NOT NULL,
                        from_active INTEGER NOT NULL,
                        added_later INTEGER NOT NULL,
                        digest TEXT NOT NULL,
                        PRIMARY KEY (period, case_id));
                    CREATE TABLE IF NOT EXISTS answers (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        key TEXT NOT NULL,
                        period TEXT NOT NULL,
                        case_id TEXT NOT NULL,
                        item INTEGER NOT NULL,
                        answer TEXT NOT NULL,
                        note TEXT NOT NULL,
                        who TEXT NOT NULL,
                        at TEXT NOT NULL);
                    CREATE INDEX IF NOT EXISTS answers_key ON answers(key, id);
                    CREATE INDEX IF NOT EXISTS answers_period ON answers(period, id);
                    """)
            }
        } catch {
            throw SnapshotError(path: path, message: Message(da: "tilsynets database kan ikke åbnes: \(error)",
                                                             en: "the supervision database cannot be opened: \(error)"))
        }
    }

    /// Fixes `period`'s sample as `rows` (a sample: each case once) unless it is fixed already (two
    /// leads opening it at once: the first stands); returns the sample as fixed: the rows as given
    /// when fixed here, else as `fixed(period:)` reads them.
    ///
    /// `inBackground`: the rows are written on the store's writer while the caller goes on (tens of
    /// milliseconds for a national quarter's sample), and the sample is returned as fixed here;
    /// should another fixing stand, or the write fail, `takeOutcomes()` says so afterwards. Every
    /// later write waits for it, and `waitForWrites()` does.
    @discardableResult
    public func fix(period: String, rows: [SampledGrant], who: String, at: String,
                    inBackground: Bool = false) throws(SnapshotError) -> FixedSupervisionSample {
        // What is written when fixed here, without reading it back (thousands of rows at national size).
        let mine = FixedSupervisionSample(period: period, by: who, at: at, rows: rows)
        if inBackground {
            writing.enter()
            pool.asyncWrite { db in
                try Self.insertFixing(db, period: period, rows: rows, who: who, at: at)
            } completion: { [self] _, result in  // (the store lives until its write is done)
                switch result {
                case .success(true): break
                case .success(false): found.withLock { $0.append(.fixedElsewhere(period: period)) }
                case .failure(let error):
                    let failure = SnapshotError(path: path, message: Message(da: "tilsynet blev ikke fastlagt: \(error)",
                                                                             en: "the sample was not fixed: \(error)"))
                    found.withLock { $0.append(.failed(period: period, failure)) }
                }
                writing.leave()
            }
            return mine
        }
        var fixedHere = false
        try write("tilsynet blev ikke fastlagt", "the sample was not fixed") { db in
            fixedHere = try Self.insertFixing(db, period: period, rows: rows, who: who, at: at)
        }
        if fixedHere { return mine }
        // By construction: the fixing above stands, whoever wrote it.
        return try fixed(period: period) ?? mine
    }

    /// Records the fixing and its rows unless the period is fixed already; whether it was fixed here.
    private static func insertFixing(_ db: Database, period: String, rows: [SampledGrant], who: String, at: String) throws -> Bool {
        try db.execute(sql: "INSERT OR IGNORE INTO fixings (period, who, at) VALUES (?, ?, ?)", arguments: [period, who, at])
        guard db.changesCount == 1 else { return false }
        try insert(db, period: period, rows)
        return true
    }

    /// Waits until every fixing started in the background is committed (or has failed).
    public func waitForWrites() { writing.wait() }

    /// What background fixings found since the last call (each told once).
    public func takeOutcomes() -> [BackgroundOutcome] {
        found.withLock { taken in defer { taken = [] }; return taken }
    }

    /// Adds grants to a fixed sample (a later sync's top-up, `addedLater`).
    public func add(period: String, rows: [SampledGrant]) throws(SnapshotError) {
        try write("stikprøven blev ikke suppleret", "the sample was not topped up") { db in
            try Self.insert(db, period: period, rows)
        }
    }

    private static func insert(_ db: Database, period: String, _ rows: [SampledGrant]) throws {
        // One statement prepared for every row, bound raw (a national quarter's sample is thousands of rows).
        let insert = try RawInsert(db, """
            INSERT OR IGNORE INTO sample (period, case_id, caseworker, team, cpr, paragraph, from_active, added_later, digest)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for r in rows {
            insert.bind(1, period); insert.bind(2, r.grant.caseId); insert.bind(3, r.grant.caseworker); insert.bind(4, r.team)
            insert.bind(5, r.grant.cpr.value); insert.bind(6, r.grant.paragraph.key); insert.bind(7, r.fromActive ? 1 : 0)
            insert.bind(8, r.addedLater ? 1 : 0); insert.bind(9, r.digest)
            try insert.step(db)
        }
    }

    /// The period's fixed sample, or nil when no one has opened it yet.
    public func fixed(period: String) throws(SnapshotError) -> FixedSupervisionSample? {
        try fixedAndState(period: period).fixed
    }

    /// What the store holds of a period, told cheaply: who fixed it and when, and how many cases
    /// (a top-up adds some; nothing is ever removed). Equal states hold the same sample.
    public struct State: Sendable, Equatable {
        public var by: String
        public var at: String
        public var cases: Int

        public init(by: String, at: String, cases: Int) { self.by = by; self.at = at; self.cases = cases }
    }

    /// The period's state (nil when it is not fixed).
    public func state(period: String) throws(SnapshotError) -> State? {
        try read { db in try Self.state(db, period: period) }
    }

    /// The period's fixed sample and its state, read at one moment.
    public func fixedAndState(period: String) throws(SnapshotError) -> (fixed: FixedSupervisionSample?, state: State?) {
        try read { db in
            guard let state = try Self.state(db, period: period) else { return (nil, nil) }
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM sample WHERE period = ? ORDER BY caseworker, digest", arguments: [period])
                .compactMap { r -> SampledGrant? in
                    guard let paragraph = Paragraph(parsing: r["paragraph"] as String) else { return nil }
                    return SampledGrant(caseId: r["case_id"], cpr: CPR(value: r["cpr"]), paragraph: paragraph, caseworker: r["caseworker"],
                                        team: r["team"], fromActive: r["from_active"], addedLater: r["added_later"], digest: r["digest"])
                }
            return (FixedSupervisionSample(period: period, by: state.by, at: state.at, rows: rows), state)
        }
    }

    private static func state(_ db: Database, period: String) throws -> State? {
        guard let fixing = try Row.fetchOne(db, sql: """
            SELECT who, at, (SELECT COUNT(*) FROM sample WHERE period = fixings.period) AS cases FROM fixings WHERE period = ?
            """, arguments: [period]) else { return nil }
        return State(by: fixing["who"], at: fixing["at"], cases: fixing["cases"])
    }

    /// Adds an answer to an item's history.
    public func answer(_ a: SupervisionAnswerEntry) throws(SnapshotError) {
        try write("svaret blev ikke gemt", "the answer was not saved") { db in
            try db.execute(sql: "INSERT INTO answers (key, period, case_id, item, answer, note, who, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           arguments: [a.key, a.period, a.caseId, a.item, a.answer.rawValue, a.note, a.who, a.at])
        }
    }

    /// The newest answer of every item of `period`, by key.
    public func answers(period: String) throws(SnapshotError) -> [String: SupervisionAnswerEntry] {
        let rows = try fetch("""
            SELECT a.* FROM answers a
            JOIN (SELECT key, MAX(id) AS id FROM answers WHERE period = ? GROUP BY key) newest ON newest.id = a.id
            """, [period])
        return Dictionary(rows.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Every answer of an item, oldest first.
    public func history(key: String) throws(SnapshotError) -> [SupervisionAnswerEntry] {
        try fetch("SELECT * FROM answers WHERE key = ? ORDER BY id", [key])
    }

    /// How many answers there are (all items, all history).
    public func count() throws(SnapshotError) -> Int {
        try read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM answers") ?? 0 }
    }

    private func fetch(_ sql: String, _ arguments: StatementArguments) throws(SnapshotError) -> [SupervisionAnswerEntry] {
        try read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { r in
                SupervisionAnswer(rawValue: r["answer"]).map {
                    SupervisionAnswerEntry(period: r["period"], caseId: r["case_id"], item: r["item"], answer: $0, note: r["note"],
                                           who: r["who"], at: r["at"])
                }
            }
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws(SnapshotError) -> T {
        do { return try pool.read(body) } catch {
            throw SnapshotError(path: path, message: Message(da: "læsefejl: \(error)", en: "read error: \(error)"))
        }
    }

    private func write(_ da: String, _ en: String, _ body: (Database) throws -> Void) throws(SnapshotError) {
        do { try pool.write(body) } catch {
            throw SnapshotError(path: path, message: Message(da: "\(da): \(error)", en: "\(en): \(error)"))
        }
    }
}
