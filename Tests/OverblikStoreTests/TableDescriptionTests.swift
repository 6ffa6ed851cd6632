import Foundation
import OverblikCore
import OverblikTestSupport
import Testing
@testable import OverblikSnapshotWriter
@testable import OverblikStore

/// Each source table is described once (`TableName.columns`): the snapshot's record tables are
/// made, filled and read from that description, as `sqlite3` sees them.
@Suite("One description per source table")
struct TableDescriptionTests {
    @Test func theSnapshotsRecordTablesAreTheirDescription() throws {
        let folder = TemporaryFolder()
        let path = folder.file("s.sqlite")
        let metadata = SnapshotMetadata(createdAt: "2026-11-23T06:00:00+01:00", today: Day(year: 2026, month: 11, day: 23)!,
                                        municipality: Municipality(code: "250", name: "Frederikssund"), programVersion: "test",
                                        configPath: "/drop/overblik.toml", dueSoonDays: 14, rateTolerance: 0.03)
        try SnapshotWriter.write(fullDataset(), metadata: metadata, to: path)
        for table in Schema.recordTables {
            let info = try runProgram("/usr/bin/sqlite3", [path, "SELECT name || ' ' || type || ' ' || \"notnull\" FROM pragma_table_info('\(table.rawValue)')"])
            let expected = ["id INTEGER 0"] + table.columns.compactMap { c in c.stored.map { "\($0) \(c.type.rawValue) \(c.nullable ? 0 : 1)" } }
                + ["line INTEGER 1"]
            #expect(info.stdout.split(separator: "\n").map(String.init) == expected, "\(table)")
        }
        // The one table not kept column by column.
        #expect(TableName.payments.columns.allSatisfy { $0.stored == nil })
        #expect(Set(Schema.recordTables + [.payments]) == Set(TableName.allCases))
        #expect(Schema.insert(.staff) == "INSERT INTO staff (initials, name, team, role, username, line) VALUES (?,?,?,?,?,?)")
        #expect(Schema.select(.dst) == "SELECT cpr, paragraph, dst_code, start, \"end\", target_group, line FROM dst")
    }

    @Test func headersAndFieldsAreUnique() {
        for table in TableName.allCases {
            #expect(Set(table.columns.map(\.field)).count == table.columns.count, "\(table)")
            #expect(Set(table.columns.map(\.header)).count == table.columns.count, "\(table)")
        }
        #expect(TableName.grants.headerLine(renamed: ["cpr": "CPR-nr."]).prefix(3) == ["Sags-ID", "CPR-nr.", "Navn"])
    }
}
