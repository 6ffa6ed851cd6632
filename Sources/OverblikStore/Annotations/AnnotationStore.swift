import Foundation
import GRDB
import OverblikCore

/// The annotation database beside the snapshots (`annotations.sqlite`): every status and note a
/// consultant sets on a discrepancy, by key, with who and when; nothing is ever overwritten.
/// WAL and a busy timeout let several people write at the same moment without losing a write.
public final class AnnotationStore: Sendable {
    public static let fileName = "annotations.sqlite"
    public let path: String
    private let pool: DatabasePool

    /// Opens (creating, mode 0600 or 0640 when `groupReadable`) the store in `directory`.
    public init(directory: String, groupReadable: Bool = false) throws(SnapshotError) {
        path = (directory as NSString).appendingPathComponent(AnnotationStore.fileName)
        do {
            pool = try SideDatabase.open(directory: directory, fileName: AnnotationStore.fileName, groupReadable: groupReadable).pool
            try pool.write { db in
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS annotations (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        key TEXT NOT NULL,
                        status TEXT NOT NULL,
                        note TEXT NOT NULL,
                        who TEXT NOT NULL,
                        at TEXT NOT NULL);
                    CREATE INDEX IF NOT EXISTS annotations_key ON annotations(key, id);
                    """)
            }
        } catch {
            throw SnapshotError(path: path, message: Message(da: "annoteringerne kan ikke åbnes: \(error)",
                                                             en: "the annotations cannot be opened: \(error)"))
        }
    }

    /// Adds an entry (a status and a note) to a discrepancy's history.
    public func add(_ a: Annotation) throws(SnapshotError) {
        do {
            try pool.write { db in
                try db.execute(sql: "INSERT INTO annotations (key, status, note, who, at) VALUES (?, ?, ?, ?, ?)",
                               arguments: [a.key, a.status.rawValue, a.note, a.who, a.at])
            }
        } catch {
            throw SnapshotError(path: path, message: Message(da: "annoteringen blev ikke gemt: \(error)",
                                                             en: "the annotation was not saved: \(error)"))
        }
    }

    /// The newest entry of every key.
    public func current() throws(SnapshotError) -> [String: Annotation] {
        let rows = try fetch("""
            SELECT a.* FROM annotations a
            JOIN (SELECT key, MAX(id) AS id FROM annotations GROUP BY key) newest ON newest.id = a.id
            """, [])
        return Dictionary(rows.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Every entry of a key, oldest first.
    public func history(key: String) throws(SnapshotError) -> [Annotation] {
        try fetch("SELECT * FROM annotations WHERE key = ? ORDER BY id", [key])
    }

    /// How many entries there are (all keys, all history).
    public func count() throws(SnapshotError) -> Int {
        do { return try pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM annotations") ?? 0 } } catch {
            throw SnapshotError(path: path, message: Message(da: "læsefejl: \(error)", en: "read error: \(error)"))
        }
    }

    private func fetch(_ sql: String, _ arguments: StatementArguments) throws(SnapshotError) -> [Annotation] {
        do {
            return try pool.read { db in
                try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { r in
                    AnnotationStatus(rawValue: r["status"]).map {
                        Annotation(key: r["key"], status: $0, note: r["note"], who: r["who"], at: r["at"])
                    }
                }
            }
        } catch {
            throw SnapshotError(path: path, message: Message(da: "læsefejl: \(error)", en: "read error: \(error)"))
        }
    }
}
