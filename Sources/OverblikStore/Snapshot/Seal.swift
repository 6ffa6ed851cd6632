import GRDB

/// A snapshot's seal: FNV-1a (64 bits) over its metadata (but the seal itself) and the row
/// count of every table, in name order, but the payment blocks (counting those reads most of
/// the file; SQLite's own check covers them before publishing). A table emptied, cut short or
/// swapped no longer matches it.
package enum Seal {
    package static func compute(_ db: Database) throws -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ s: String) { for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }; h = (h ^ 0xFF) &* 0x100_0000_01b3 }
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta WHERE key <> 'checksum' ORDER BY key") {
            add(row["key"]); add(row["value"])
        }
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'payments_%' ORDER BY name")
        for t in tables {
            add(t)
            let filter = t == "meta" ? " WHERE key <> 'checksum'" : ""
            add(String(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(t)\"\(filter)") ?? 0))
        }
        return String(h, radix: 16)
    }
}
