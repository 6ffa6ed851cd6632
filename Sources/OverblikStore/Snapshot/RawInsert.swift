import GRDB
import GRDBSQLite

/// Inserts through a prepared statement with SQLite's own bind calls: no boxing of each value,
/// which GRDB's `StatementArguments` costs (the snapshot's large tables load 5–8 × faster).
package struct RawInsert {
    package let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// The row's texts, gathered as they are bound and handed to SQLite in place when the row
    /// is stepped: one copy into a buffer kept from row to row, where a text bound as
    /// `SQLITE_TRANSIENT` cost SQLite an allocation and a copy of its own (eight million at
    /// national size, grants and applications).
    private final class Texts {
        // (Used by one writer at a time, between a row's binds and its step: no access overlaps,
        // and the run-time check cost more than the binding itself.)
        /// The row's bytes so far: raw memory copied into with `memcpy` (an array's generic append
        /// of a buffer was a third of the writer's own time on the grants).
        @exclusivity(unchecked) private(set) var bytes: UnsafeMutableRawPointer
        @exclusivity(unchecked) private var capacity: Int
        @exclusivity(unchecked) private(set) var used = 0
        @exclusivity(unchecked) var marks: [(index: Int32, start: Int, count: Int)] = []

        init() {
            capacity = 4096
            bytes = .allocate(byteCount: capacity, alignment: 16)
        }

        deinit { bytes.deallocate() }

        func add(_ i: Int32, _ b: UnsafeBufferPointer<UInt8>) {
            if used + b.count > capacity {
                // (Only between binds: no pointer into the old bytes has been handed to SQLite yet.)
                capacity = max(2 * capacity, used + b.count)
                let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
                grown.copyMemory(from: bytes, byteCount: used)
                bytes.deallocate()
                bytes = grown
            }
            if let source = b.baseAddress, b.count > 0 { (bytes + used).copyMemory(from: source, byteCount: b.count) }
            marks.append((i, used, b.count))
            used += b.count
        }

        func clear() {
            used = 0
            marks.removeAll(keepingCapacity: true)
        }
    }
    private let texts = Texts()

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
        // A native String's bytes in place; only a bridged one is copied to reach them.
        if v.utf8.withContiguousStorageIfAvailable({ add(i, $0) }) != nil { return }
        var s = v
        s.withUTF8 { add(i, $0) }
    }

    private func add(_ i: Int32, _ b: UnsafeBufferPointer<UInt8>) { texts.add(i, b) }
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
        let all = texts.bytes
        for m in texts.marks {
            // (An empty text gets a pointer of its own: SQLite takes a null one for NULL.)
            let text = m.count == 0 ? UnsafeRawPointer(bitPattern: 1) : UnsafeRawPointer(all + m.start)
            _ = sqlite3_bind_text(handle, m.index, text?.assumingMemoryBound(to: CChar.self), Int32(m.count), nil)  // nil: SQLITE_STATIC
        }
        let rc = sqlite3_step(handle)
        sqlite3_reset(handle)
        // (The message taken before the binds below: a bind that succeeds clears it.)
        let failure = rc == SQLITE_DONE ? nil : String(cString: sqlite3_errmsg(db.sqliteConnection))
        // No pointer into the buffer kept past the row: the texts bound as NULL, once the statement
        // is reset (a bind to a statement that has run and is not reset is refused as a misuse,
        // which SQLite reports through its error log: at national size 8 million reports, for
        // binds that did nothing).
        for m in texts.marks { sqlite3_bind_null(handle, m.index) }
        texts.clear()
        if let failure { throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: failure) }
    }
}
