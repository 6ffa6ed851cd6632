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
        var data = fullDataset()
        let received = Day(year: 2026, month: 10, day: 1)!
        data.decisions = (1...3).map { i in
            Decision(applicationId: "A-\(i)", cpr: CPR(value: 101_901_234), paragraph: Paragraph(number: 85), received: received,
                     decided: i == 2 ? nil : received.advanced(by: i), line: i + 1)
        }
        try SnapshotWriter.write(data, metadata: metadata, to: path)
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
        // The pending applications are read along their own index, not by reading every decided one.
        let plan = try runProgram("/usr/bin/sqlite3", [path, "EXPLAIN QUERY PLAN \(Schema.select(.decisions)) WHERE decided IS NULL ORDER BY id"])
        #expect(plan.stdout.contains("USING INDEX decisions_pending"), "\(plan.stdout)")
        let pending = try runProgram("/usr/bin/sqlite3", [path, "SELECT COUNT(*) FROM decisions INDEXED BY decisions_pending WHERE decided IS NULL"])
        let all = try runProgram("/usr/bin/sqlite3", [path, "SELECT COUNT(*) FROM decisions WHERE decided IS NULL"])
        #expect(pending.stdout == all.stdout && pending.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        // A unique key stays unique in the snapshot (its index is built after the load): sqlite3
        // refuses a second application A-1, and reads a case along the grants' index.
        let unique = try runProgram("/usr/bin/sqlite3", [path, "SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE 'CREATE UNIQUE%' ORDER BY name"])
        #expect(unique.stdout == "appeals_appeal_id\ndecisions_application_id\ngrants_case_id\n")
        let duplicate = try runProgram("/usr/bin/sqlite3", [path, "INSERT INTO decisions SELECT 99, application_id, cpr, paragraph, caseworker, team, received, decided, outcome, case_id, service_code, notice_sent, line FROM decisions WHERE application_id = 'A-1'"])
        #expect(duplicate.stderr.contains("UNIQUE constraint failed: decisions.application_id"), "\(duplicate.stderr)")
        let byCase = try runProgram("/usr/bin/sqlite3", [path, "EXPLAIN QUERY PLAN SELECT * FROM grants WHERE case_id = 'S-1'"])
        #expect(byCase.stdout.contains("USING INDEX grants_case_id"), "\(byCase.stdout)")
        // A case's applications too (Tilsyn's checklist), along their own index.
        let applications = try runProgram("/usr/bin/sqlite3", [path, "EXPLAIN QUERY PLAN \(Schema.select(.decisions)) WHERE case_id = 'S-1' ORDER BY id"])
        #expect(applications.stdout.contains("USING INDEX decisions_case") && !applications.stdout.contains("TEMP B-TREE"), "\(applications.stdout)")
    }

    @Test func headersAndFieldsAreUnique() {
        for table in TableName.allCases {
            #expect(Set(table.columns.map(\.field)).count == table.columns.count, "\(table)")
            #expect(Set(table.columns.map(\.header)).count == table.columns.count, "\(table)")
        }
        #expect(TableName.grants.headerLine(renamed: ["cpr": "CPR-nr."]).prefix(3) == ["Sags-ID", "CPR-nr.", "Navn"])
    }
}

/// The follow-up list's sort orders as the snapshot stores them (`follow_up_orders`).
@Suite("Stored follow-up orders")
struct FollowUpOrderTests {
    /// Empty keys first, then by key as signed numbers, equal keys in position order; the columns'
    /// bytes read back to the same order.
    @Test func madeAndReadBack() {
        let keys: [Int64?] = [5, nil, -3, 5, Int64.max, nil, Int64.min, 0, -3]
        let order = FollowUpOrder(keys: keys)
        #expect(order.positions == [1, 5, 6, 2, 8, 7, 0, 3, 4])
        #expect(order.keys == [nil, nil, Int64.min, -3, -3, 0, 5, 5, Int64.max])
        #expect(order.nulls == 2 && order.positionBytes.count == 36 && order.keyBytes.count == 56)
        #expect(FollowUpOrder(nulls: order.nulls, positions: order.positionBytes, keys: order.keyBytes) == order)
        #expect(FollowUpOrder(keys: []) == FollowUpOrder(nulls: 0, positions: [], keys: []))
        // Cut short (a file changed by other hands): fewer lines, never a trap.
        let short = FollowUpOrder(nulls: 9, positions: Array(order.positionBytes.prefix(10)), keys: [1, 2, 3])
        #expect(short.positions == [1, 5] && short.keys == [nil, nil])
    }
}
