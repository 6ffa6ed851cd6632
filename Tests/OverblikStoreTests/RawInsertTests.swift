import GRDB
import GRDBSQLite
import OverblikStore
import Testing

@Suite("Snapshot: raw inserts")
struct RawInsertTests {
    /// A row's texts are SQLite's only while the row runs: after `step` the statement is reset
    /// and its texts bound as NULL (a bind before the reset is refused as a misuse and leaves the
    /// text bound), so running it again without binding inserts NULL texts, not the last row's
    /// (nor whatever the buffer holds by then); the numbers stay bound.
    @Test func aRowsTextsAreUnboundOnceItHasRun() throws {
        let queue = try DatabaseQueue()
        try queue.inDatabase { db in
            try db.execute(sql: "CREATE TABLE t (a TEXT, b INTEGER, c TEXT)")
            let insert = try RawInsert(db, "INSERT INTO t (a, b, c) VALUES (?, ?, ?)")
            insert.bind(1, "første")
            insert.bind(2, 7)
            insert.bind(3, "")
            try insert.step(db)
            let handle = insert.statement.sqliteStatement
            #expect(sqlite3_stmt_busy(handle) == 0)
            #expect(sqlite3_step(handle) == SQLITE_DONE)
            sqlite3_reset(handle)
            insert.bind(1, "anden")
            insert.bind(2, 8)
            insert.bind(3, nil as String?)
            try insert.step(db)
            let rows = try Row.fetchAll(db, sql: "SELECT a, b, c FROM t ORDER BY rowid").map { row -> String in
                let (a, b, c): (String?, Int?, String?) = (row[0], row[1], row[2])
                return "\(a ?? "NULL")|\(b.map(String.init) ?? "NULL")|\(c ?? "NULL")"
            }
            #expect(rows == ["første|7|", "NULL|7|NULL", "anden|8|NULL"])
        }
    }

    /// A row SQLite refuses throws with SQLite's own message (taken before the texts are unbound:
    /// a bind that succeeds clears it), and the statement is ready for the next row.
    @Test func aRefusedRowSaysWhy() throws {
        let queue = try DatabaseQueue()
        try queue.inDatabase { db in
            try db.execute(sql: """
                CREATE TABLE t (a TEXT);
                CREATE TRIGGER no_b BEFORE INSERT ON t WHEN NEW.a = 'b' BEGIN SELECT RAISE(ABORT, 'refused b'); END;
                """)
            let insert = try RawInsert(db, "INSERT INTO t (a) VALUES (?)")
            insert.bind(1, "b")
            var message = ""
            do { try insert.step(db) } catch let error as DatabaseError { message = error.message ?? "" }
            #expect(message == "refused b")
            insert.bind(1, "c")
            try insert.step(db)
            #expect(try String.fetchAll(db, sql: "SELECT a FROM t") == ["c"])
        }
    }
}
