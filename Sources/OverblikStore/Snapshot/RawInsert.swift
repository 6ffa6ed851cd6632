import GRDB
import GRDBSQLite

/// Inserts through a prepared statement with SQLite's own bind calls: no boxing of each value,
/// which GRDB's `StatementArguments` costs (the snapshot's large tables load 5–8 × faster).
package struct RawInsert {
    package let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    package init(_ db: Database, _ sql: String) throws {
        statement = try db.makeStatement(sql: sql)
    }

    package func bind(_ i: Int32, _ v: Int64) { sqlite3_bind_int64(handle, i, v) }
    package func bind(_ i: Int32, _ v: Int) { sqlite3_bind_int64(handle, i, Int64(v)) }
    package func bind(_ i: Int32, _ v: Int32) { sqlite3_bind_int64(handle, i, Int64(v)) }
    package func bind(_ i: Int32, _ v: Int64?) { if let v { sqlite3_bind_int64(handle, i, v) } else { sqlite3_bind_null(handle, i) } }
    package func bind(_ i: Int32, _ v: Int32?) { if let v { sqlite3_bind_int64(handle, i, Int64(v)) } else { sqlite3_bind_null(handle, i) } }
    package func bind(_ i: Int32, _ v: Double) { sqlite3_bind_double(handle, i, v) }
    package func bind(_ i: Int32, _ v: String) {
        var s = v
        s.withUTF8 { b in
            b.withMemoryRebound(to: CChar.self) { c in
                _ = sqlite3_bind_text(handle, i, c.baseAddress ?? UnsafePointer(bitPattern: 1), Int32(c.count), RawInsert.transient)
            }
        }
    }
    package func bind(_ i: Int32, _ v: [UInt8]) {
        v.withUnsafeBytes { b in _ = sqlite3_bind_blob(handle, i, b.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(b.count), RawInsert.transient) }
    }
    package func bind(_ i: Int32, _ v: String?) { if let v { bind(i, v) } else { sqlite3_bind_null(handle, i) } }

    /// Binds `blob` as value `i` without SQLite copying it (it is read in place while the
    /// statement runs), then runs the statement as `step`: for the payments' blocks, a third of
    /// the snapshot, that would each be copied once more.
    package func step(_ db: Database, blob i: Int32, _ blob: [UInt8]) throws {
        try blob.withUnsafeBytes { b in
            _ = sqlite3_bind_blob(handle, i, b.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(b.count), nil)  // nil: SQLITE_STATIC
            defer { sqlite3_bind_null(handle, i) }  // (no pointer into the array kept past it)
            try step(db)
        }
    }

    /// Runs the statement with the values bound, then makes it ready for the next row.
    package func step(_ db: Database) throws {
        let rc = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard rc == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }
}
