import Foundation
import OverblikCore
import OverblikStore
import OverblikTestSupport
import Testing
@testable import OverblikTUI

/// The query layer: what the sync stored on its own today, the same computed on any other day,
/// and only what the viewer may see, for the TUI and the reports alike.
@Suite("Query layer", .serialized)
struct QueryTests {
    let snapshot: Snapshot
    let meta: SnapshotMetadata
    let records: Dataset
    init() throws {
        snapshot = try Snapshot(path: SampleSnapshot.path)
        meta = try snapshot.metadata()
        records = try snapshot.dataset()
    }

    func query(_ today: Day, _ visibility: Visibility = .everything) -> Query {
        Query(snapshot: snapshot, metadata: meta, today: today, visibility: visibility)
    }

    @Test func storedOnTheSyncsTodayComputedOnAnother() throws {
        let synced = Day(year: 2026, month: 11, day: 23)!, later = Day(year: 2026, month: 12, day: 15)!
        #expect(query(synced).storedHolds)
        #expect(!query(later).storedHolds)
        #expect(try query(later).storedFigures(year: 2026) == nil)
        for day in [synced, later] {
            let q = query(day)
            #expect(try q.teamLines() == teamDistribution(grants: records.grants, staff: records.staff, today: day, dueSoonDays: meta.dueSoonDays))
            let expected = followUpList(grants: records.grants, today: day, dueSoonDays: meta.dueSoonDays).map(\.grant.caseId)
            #expect(try q.followUps(ReportFilter()).map(\.grant.caseId).sorted() == expected.sorted())
            let r = try #require(try q.reconciliation(year: 2026))
            #expect(r.period.end < day)
            #expect(try q.figures(year: 2026).budget == Views.budgetRows(records, year: 2026, today: day))
        }
        // The later day moves what is computed: more months are over, follow-ups fall due.
        #expect(try query(later).reconciliation(year: 2026)?.period.end != query(synced).reconciliation(year: 2026)?.period.end)
    }

    /// Udvikling as stored (read in the table's key order) is Udvikling computed from every record;
    /// without the teams every other series is the same and the teams' are left out.
    @Test func storedDevelopmentIsTheComputedOne() throws {
        let synced = Day(year: 2026, month: 11, day: 23)!
        let computed = Development.compute(records, today: synced)
        #expect(computed.series.keys.contains { $0.dimension == .team })
        let fresh = try Snapshot(path: SampleSnapshot.path)
        let withoutTeams = try #require(try fresh.development(teams: false))
        #expect(withoutTeams.series == computed.series.filter { $0.key.dimension != .team })
        #expect(withoutTeams.months == computed.months && withoutTeams.keptFrom == computed.keptFrom)
        #expect(try fresh.development(teams: true) == computed)
        #expect(try fresh.development(teams: false) == computed)  // the whole one, once read, serves both
        // The teams' names and one team's series on their own, stored and computed alike.
        for q in [query(synced), query(synced.advanced(by: 40))] {
            let expected = Development.compute(records, today: q.today)
            let teams = expected.series.keys.filter { $0.dimension == .team }.sorted()
            #expect(teams.count > 1)
            #expect(try q.developmentValues(.team) == teams.map(\.value))
            #expect(try q.developmentValues(.paragraph) == expected.series.keys.filter { $0.dimension == .paragraph }.sorted().map(\.value))
            for team in teams { #expect(try q.developmentSeries(team) == expected.series[team]) }
            #expect(try q.developmentSeries(.init(.team, "no such team")) == nil)
        }
    }

    /// Klagesager as stored for the sync's today is Klagesager computed from every appeal, and so
    /// on another day; of one year, that year's lines.
    @Test func storedAppealsAreTheComputedOnes() throws {
        let synced = Day(year: 2026, month: 11, day: 23)!
        #expect(try snapshot.storedAppeals(today: synced) != nil)
        #expect(try snapshot.storedAppeals(today: synced.advanced(by: 1)) == nil)
        for day in [synced, synced.advanced(by: 60)] {
            let q = query(day)
            let view = try q.appealView()
            #expect(view.missing == nil)
            #expect(view.lines == appealLines(records.appeals, today: day))
            #expect(view.pending == pendingAppeals(records.appeals, today: day))
            #expect(!view.pending.isEmpty && view.lines.contains { $0.pending ?? 0 > 0 })
            #expect(try q.appealView(year: 2025).lines == appealLines(records.appeals, today: day, year: 2025))
        }
    }

    /// Tilsyn's rows by team, caseworker, added later and digest, as the names compare.
    @Test func supervisionRowsInTheShownOrder() throws {
        let synced = Day(year: 2026, month: 11, day: 23)!
        let period = try #require(SupervisionPeriod(parsing: "2026K4"))
        let rows = try query(synced).supervision(period: period, team: nil, unrestricted: true).rows
        #expect(rows.count > 20 && Set(rows.map(\.team)).count > 1)
        let expected = rows.shuffled().sorted { x, y in
            if x.team != y.team { return x.team < y.team }
            if x.grant.caseworker != y.grant.caseworker { return x.grant.caseworker < y.grant.caseworker }
            if x.addedLater != y.addedLater { return !x.addedLater }
            return x.digest < y.digest
        }
        #expect(rows.map(\.grant.caseId) == expected.map(\.grant.caseId))
    }

    @Test func onlyWhatTheViewerMaySee() throws {
        let day = Day(year: 2026, month: 11, day: 23)!
        let member = try #require(records.staff.first { $0.initials == "MHA" })
        let own = Visibility(user: member, scope: .own, staff: records.staff)
        for q in [query(day, own), query(day.advanced(by: 1), own)] {
            let lines = try q.teamLines()
            #expect(!lines.isEmpty)
            #expect(lines.allSatisfy { $0.team.lowercased() == member.team.lowercased() })
            let followUps = try q.followUps(ReportFilter())
            #expect(!followUps.isEmpty)
            #expect(followUps.allSatisfy { $0.grant.caseworker == "MHA" })
            let r = try #require(try q.reconciliation(year: 2026))
            #expect(r.discrepancies.allSatisfy { $0.cpr == nil || $0.caseworker.uppercased() == "MHA" })
            #expect(try query(q.today).reconciliation(year: 2026)?.discrepancies.count ?? 0 > r.discrepancies.count)
        }
    }

    /// The TUI on a day the sync did not store shows what the query layer computes.
    @Test func theTUIOnALaterDay() throws {
        let later = Day(year: 2026, month: 12, day: 15)!
        let model = try AppLoader.load(snapshot: snapshot, initials: nil, loginName: nil, language: .da, today: later, ageHours: 500,
                                       exportDirectory: TemporaryFolder().path, annotationDirectory: TemporaryFolder().path)
        #expect(model.message == nil)
        let expected = teamDistribution(grants: records.grants, staff: records.staff, today: later, dueSoonDays: meta.dueSoonDays)
        #expect(model.page.kind == .team)
        let shown = model.page.shownTable.rows.map { model.page.table.text($0[0], model.context) }
        #expect(shown == expected.map(\.caseworker))
    }
}
