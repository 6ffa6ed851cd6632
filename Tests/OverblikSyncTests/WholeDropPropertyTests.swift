import Foundation
import OverblikConfig
import OverblikCore
import OverblikStore
import OverblikTestSupport
import Testing
@testable import OverblikSync

/// Random drops of every kind `exports.md` allows (`DropGenerator`), each synced in-process twice.
/// Invariants: the sync neither crashes nor fails; every record of a file is either read or
/// rejected, and the counts match what was written; the second sync gives the same records and
/// figures; the ottetal's `both` is at most the smaller of its two systems; the stored Team lines
/// are the ones computed from the grants, their paragraphs add up to their grants, and all lines
/// together hold every open grant that has a caseworker.
///
/// `make test` runs 200 drops; `OVERBLIK_DROPS=N` runs more (CI's fuzz pass runs 2.000),
/// `OVERBLIK_DROP_SEED=S` starts elsewhere (a failure names its seed).
@Suite("Whole drops (property)", .serialized)
struct WholeDropPropertyTests {
    static let environment = ProcessInfo.processInfo.environment
    static let count = environment["OVERBLIK_DROPS"].flatMap { Int($0) } ?? 200
    static let firstSeed = environment["OVERBLIK_DROP_SEED"].flatMap { UInt64($0) } ?? 1

    func accepted(_ d: Dataset, _ table: String) -> Int {
        switch table {
        case "grants": d.grants.count
        case "staff": d.staff.count
        case "payments": d.payments.count
        case "budget": d.budget.count
        case "dst": d.dst.count
        default: d.mapping.count
        }
    }

    @Test func randomDropsSyncAndHoldTheInvariants() throws {
        var rejectedSeen = 0, recordsSeen = 0
        for k in 0..<Self.count {
            let seed = Self.firstSeed &+ UInt64(k)
            var generator = DropGenerator(seed: seed)
            let drop = generator.make()
            let folder = TemporaryFolder()
            let path = drop.write(into: folder)
            let context = "seed \(seed): \(drop.summary)"
            let config = try SyncConfiguration.load(path: path)
            let today = try #require(Day(iso: drop.today))
            let options = SyncOptions(today: today, now: fixedNowDate, programVersion: "test")
            let summary: SyncSummary
            do { summary = try runSync(config, options: options) } catch {
                Issue.record("\(context): the sync failed: \(error.message.en)")
                continue
            }
            let snapshot = try Snapshot(path: summary.snapshotPath)
            let d = try snapshot.dataset()

            // Every record read or rejected, as many as were written.
            for (table, records) in drop.records {
                let info = try #require(d.sources.first { $0.table.rawValue == table }, "\(context): \(table)")
                let rejected = d.rejected.filter { $0.table.rawValue == table }.count
                #expect(info.present && info.rows == records, "\(context): \(table) has \(info.rows) rows for \(records) records")
                #expect(accepted(d, table) + rejected == info.rows, "\(context): \(table) \(accepted(d, table)) + \(rejected) ≠ \(info.rows)")
                #expect(info.rejected == rejected, "\(context): \(table)")
                rejectedSeen += rejected
                recordsSeen += records
            }

            // The ottetal: nobody is in both systems more often than in either.
            for year in DerivedFigures.years(for: today) {
                for line in try snapshot.derived(year: year)?.reconciliation?.ottetal ?? [] {
                    #expect(line.both <= min(line.caseSystem, line.economy), "\(context): \(year) \(line.paragraph.key)")
                    #expect(line.onlyCaseSystem == line.caseSystem - line.both && line.onlyEconomy == line.economy - line.both,
                            "\(context): \(year) \(line.paragraph.key)")
                }
            }

            // The reconciliation the sync computed in two parts is the one computed whole.
            let index = PaymentIndex(payments: d.payments, grants: d.grants, mapping: d.mappingIndex)
            for year in DerivedFigures.years(for: today) {
                func part(_ p: ReconciliationPart?) -> DerivedFigures {
                    DerivedFigures.reconciliation(d, year: year, today: today, rateTolerance: config.rateTolerance, index: index, part: p)
                }
                #expect(DerivedFigures.reconciliation(joining: part(.ottetal), part(.grantsAndDst)) == part(nil), "\(context): \(year)")
            }

            // Team: the stored lines are the computed ones and add up to the open grants.
            let lines = try #require(try snapshot.storedTeamLines(today: today), "\(context): no stored Team lines")
            #expect(lines == teamDistribution(grants: d.grants, staff: d.staff, today: today, dueSoonDays: config.dueSoonDays), "\(context)")
            let open = d.grants.filter { !$0.caseworker.isEmpty && $0.followUp(today: today, dueSoonDays: config.dueSoonDays) != nil }
            #expect(lines.reduce(0) { $0 + $1.activeGrants } == open.count, "\(context)")
            #expect(lines.reduce(Money.zero) { $0 + $1.monthlyCost } == open.reduce(Money.zero) { $0 + ($1.dailyRate?.monthlyCost ?? .zero) },
                    "\(context)")
            for line in lines {
                #expect(line.byParagraph.values.reduce(0, +) == line.activeGrants, "\(context): \(line.caseworker)")
                #expect(line.overdue + line.dueSoon + line.missingFollowUp <= line.activeGrants, "\(context): \(line.caseworker)")
            }
            for (team, members) in Dictionary(grouping: lines, by: \.team) {
                let names = Set(members.map { $0.caseworker.lowercased() })
                #expect(members.reduce(0) { $0 + $1.activeGrants } == open.filter { names.contains($0.caseworker.lowercased()) }.count,
                        "\(context): team \(team)")
            }

            // Tilsyn: the samples stored for the year's begun periods are the ones drawn from every grant.
            let metadata = try snapshot.metadata()
            let periods = SupervisionPeriod.begun(metadata.supervision.period, year: today.components.year, today: today)
            let drawn = supervisionSamples(grants: d.grants, decisions: d.decisions, staff: d.staff, periods: periods, today: today,
                                           municipalityCode: metadata.municipality.code, settings: metadata.supervision,
                                           sha256: SupervisionDigest.sha256Hex)
            for (period, sample) in zip(periods, drawn) {
                #expect(try snapshot.storedSupervisionSample(period: period, today: today) == sample.map(\.kept), "\(context): \(period)")
            }

            // The same drop again: the same records and figures.
            let again = try runSync(config, options: options)
            let second = try Snapshot(path: again.snapshotPath)
            #expect(try second.dataset() == d, "\(context)")
            for year in DerivedFigures.years(for: today) {
                #expect(try second.derived(year: year) == (try snapshot.derived(year: year)), "\(context): \(year)")
            }
            #expect(try second.storedTeamLines(today: today) == lines, "\(context)")
        }
        print("whole drops: \(Self.count) drops from seed \(Self.firstSeed), \(recordsSeen) records, \(rejectedSeen) rejected")
    }
}
