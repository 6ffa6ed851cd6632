import Foundation
import GRDB
import OverblikCore
@testable import OverblikSnapshotWriter
@testable import OverblikStore
import OverblikTestSupport
import Testing

/// One caseworker's and one team's grants are read by the ids `grant_owners` keeps (no index on
/// either name): the names compared without case, the grants in file order.
@Suite("Each caseworker's and team's grants")
struct GrantOwnersTests {
    let today = Day(year: 2026, month: 11, day: 23)!
    var metadata: SnapshotMetadata {
        SnapshotMetadata(createdAt: "2026-11-23T06:00:00+01:00", today: today, municipality: Municipality(code: "250", name: "Frederikssund"),
                         programVersion: "test", configPath: "/drop/overblik.toml", dueSoonDays: 14, rateTolerance: 0.03)
    }

    /// Five grants: MHA in three spellings over two teams (one of them in two spellings), one
    /// grant ended before today, one with neither caseworker nor team.
    var dataset: Dataset {
        var d = Dataset(municipality: Municipality(code: "250", name: "Frederikssund"))
        let start = Day(year: 2025, month: 1, day: 1)!
        func grant(_ id: String, _ worker: String, _ team: String, end: Day? = nil, line: Int) -> Grant {
            Grant(caseId: id, cpr: CPR(value: 101_901_234), paragraph: Paragraph(number: 85), start: start, end: end,
                  caseworker: worker, team: team, line: line)
        }
        d.grants = [grant("S-1", "MHA", "Bostøtte", line: 2), grant("S-2", "kje", "Botilbud", line: 3),
                    grant("S-3", "mha", "BOSTØTTE", line: 4), grant("S-4", "Mha", "Botilbud", end: Day(year: 2026, month: 1, day: 31)!, line: 5),
                    grant("S-5", "", "", line: 6)]
        d.sources = TableName.allCases.map { SourceInfo(table: $0, path: $0.defaultPath, present: $0 == .grants) }
        return d
    }

    @Test func theTableHoldsEveryNameInLowerCaseWithItsIdsAscending() {
        let owners = GrantOwners.of(dataset.grants)
        #expect(owners.map(\.key) == ["caseworker:", "caseworker:kje", "caseworker:mha", "team:", "team:bostøtte", "team:botilbud"])
        #expect(owners.map(\.ids) == [[5], [2], [1, 3, 4], [5], [1, 3], [2, 4]])
    }

    @Test(arguments: [false, true]) func aCaseworkersAndATeamsGrantsAreReadByTheirIds(viewsGiven: Bool) throws {
        let folder = TemporaryFolder()
        let path = folder.file("s.sqlite")
        let d = dataset
        // The sync gives the views (the owners made beside the writer); without them the writer makes them.
        let views = viewsGiven ? StoredViews.lists(d, today: today, dueSoonDays: 14) : nil
        #expect((views?.grantOwners != nil) == viewsGiven)
        try SnapshotWriter.write(d, derivedWhenReady: { [] }, views: { views }, metadata: metadata, to: path)
        let snapshot = try Snapshot(path: path)
        #expect(try snapshot.grants(caseworker: "MHA").map(\.caseId) == ["S-1", "S-3", "S-4"])
        #expect(try snapshot.grants(caseworker: "mHa", openOn: today).map(\.caseId) == ["S-1", "S-3"])
        #expect(try snapshot.grants(team: "bostøtte").map(\.caseId) == ["S-1", "S-3"])
        #expect(try snapshot.grants(team: "BOTILBUD", openOn: today).map(\.caseId) == ["S-2"])
        #expect(try snapshot.grants(caseworker: "ukendt").isEmpty)
        #expect(try snapshot.grants(caseworker: "").map(\.caseId) == ["S-5"])
        // Every field of a grant read by id, as read whole.
        #expect(try snapshot.grants(caseworker: "kje") == [d.grants[1]])
        let stored = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT owner, length(ids) FROM grant_owners ORDER BY owner").map { "\($0[0] as String) \($0[1] as Int)" }
        }
        #expect(stored == ["caseworker: 4", "caseworker:kje 4", "caseworker:mha 12", "team: 4", "team:bostøtte 8", "team:botilbud 8"])
    }
}
