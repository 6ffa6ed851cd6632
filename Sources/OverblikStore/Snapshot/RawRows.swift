import GRDB
import GRDBSQLite

/// Reads a query's rows with SQLite's own column calls: no boxing of each value into a
/// `DatabaseValue`, which GRDB's `Row` costs (at national size a few hundred thousand rows of a
/// wide table are read in a third of the time). Only for the hot reads; a column's type must be
/// what the schema stores.
struct RawRows {
    private let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }

    init(_ db: Database, _ sql: String, arguments: StatementArguments = StatementArguments()) throws {
        statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
    }

    /// Steps to the next row; false after the last.
    func next() throws -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    func int32(_ column: Int32) -> Int32 { Int32(truncatingIfNeeded: sqlite3_column_int64(handle, column)) }
    func int32OrNil(_ column: Int32) -> Int32? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : Int32(truncatingIfNeeded: sqlite3_column_int64(handle, column))
    }
    func int64OrNil(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
    }
    func doubleOrNil(_ column: Int32) -> Double? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_double(handle, column)
    }
    func textOrNil(_ column: Int32) -> String? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : text(column)
    }
    /// Whether the column's text (NULL as "") is `bytes`: a run of rows with the same key is told
    /// without making a string of each.
    func textEquals(_ column: Int32, _ bytes: [UInt8]) -> Bool {
        withText(column) { $0.elementsEqual(bytes) }
    }
    /// The column's text as bytes (NULL as none).
    func textBytes(_ column: Int32) -> [UInt8] { withText(column) { Array($0) } }
    /// `body` of the column's text as UTF-8 bytes (none for NULL), valid only inside it.
    func withText<R>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: sqlite3_column_text(handle, column), count: Int(sqlite3_column_bytes(handle, column))))
    }
    /// The column's bytes (none for NULL).
    func blob(_ column: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        appendBlob(column, to: &bytes)
        return bytes
    }
    /// The blob's bytes appended to `bytes` (nothing for NULL).
    func appendBlob(_ column: Int32, to bytes: inout [UInt8]) {
        guard let start = sqlite3_column_blob(handle, column) else { return }
        bytes.append(contentsOf: UnsafeRawBufferPointer(start: start, count: Int(sqlite3_column_bytes(handle, column))))
    }
    /// "" for NULL.
    func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self)
    }
}

extension Snapshot {
    /// `column IN (…)` for the integers `values`, or `column BETWEEN a AND b` when they are a run
    /// without gaps (a screen's window usually is: one range read instead of a look-up each). The
    /// integers are written into the statement, not bound one by one.
    static func oneOf(_ column: String, _ values: [Int64]) -> String {
        let sorted = Set(values).sorted()
        guard let first = sorted.first, let last = sorted.last else { return "0" }
        let span = last.subtractingReportingOverflow(first)
        if !span.overflow, span.partialValue == Int64(sorted.count - 1) { return "\(column) BETWEEN \(first) AND \(last)" }
        return "\(column) IN (\(sorted.map(String.init).joined(separator: ",")))"
    }
}

extension Snapshot {
    /// The rows of `select` (`SELECT key, … FROM table`) whose `column` is one of `keys`, each made
    /// by `make`, in the order of `keys`; nil for a key not found. A screen's window in one read.
    static func byKey<T>(_ db: Database, _ select: String, _ column: String, _ keys: [Int64],
                         _ make: (RawRows) throws -> T?) throws -> [T?] {
        guard !keys.isEmpty else { return [] }
        let r = try RawRows(db, "\(select) WHERE \(oneOf(column, keys))")
        var found: [Int64: T] = [:]
        found.reserveCapacity(keys.count)
        while try r.next() { if let made = try make(r) { found[r.int64(0)] = made } }
        return keys.map { found[$0] }
    }
}
