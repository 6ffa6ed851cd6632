import ArgumentParser
import Foundation
import OverblikCore
import OverblikSnapshotWriter
import OverblikStore

/// `overblik-bench figures`: the sync's figures one by one on a snapshot's dataset, each run
/// several times on one thread, its least CPU time printed (the sync runs them beside the writer
/// on two cores, where one figure's time is hard to tell from another's). For profiling a change
/// to one figure; printed, not asserted.
struct FiguresBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "figures", abstract: "Time the sync's figures one by one.")

    @Option(help: "A snapshot (its dataset and settings are read back).") var snapshot: String
    @Option(help: "Runs of each figure (at least 1).") var runs = 3

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
    }

    func run() throws {
        let s = try Snapshot(path: snapshot)
        let meta = try s.metadata()
        let loaded = clock()
        let d = try s.dataset()
        print("dataset: \(d.grants.count) grants, \(d.payments.count) payments, \(d.decisions.count) applications (read in \(String(format: "%.1f", clock() - loaded)) s)")
        let today = meta.today
        func time<T>(_ name: String, _ work: () -> T) -> T {
            var t = threadCPU()
            let result = work()
            var best = threadCPU() - t
            for _ in 1..<max(1, runs) {
                t = threadCPU()
                _ = work()
                best = min(best, threadCPU() - t)
            }
            print(name.padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: "%7.3f s", best))
            return result
        }
        let index = time("payment index") { PaymentIndex(payments: d.payments, grants: d.grants, mapping: d.mappingIndex) }
        let basis = time("budget basis") {
            BudgetBasis(grants: d.grants, payments: d.payments, mapping: d.mappingIndex, today: today, index: index)
        }
        for year in DerivedFigures.years(for: today) {
            _ = time("reconciliation \(year)") {
                DerivedFigures.reconciliation(d, year: year, today: today, rateTolerance: meta.rateTolerance, index: index)
            }
            _ = time("economy \(year)") { DerivedFigures.economy(d, year: year, today: today, index: index, basis: basis) }
        }
        _ = time("development") { Development.compute(d, today: today, index: index) }
        _ = time("team distribution") { teamDistribution(grants: d.grants, staff: d.staff, today: today, dueSoonDays: meta.dueSoonDays) }
        let followUps = time("follow-up list") { followUpList(grants: d.grants, today: today, dueSoonDays: meta.dueSoonDays) }
        _ = time("follow-up sort keys") { followUpSortKeys(followUps) }
        _ = time("grant owners") { GrantOwners.of(d.grants) }
        _ = time("service goals") { serviceGoalLines(d.decisions, goals: meta.serviceGoals) }
        let stays = time("occupancy stays") { ProviderStay.of(d.grants) }
        _ = time("occupancy lines") {
            let year = CalendarMonth(today).advanced(by: -1).year
            return occupancyLines(stays: stays, agreements: d.providers, months: CalendarMonth.over(in: year, on: today), yearRow: true)
        }
        _ = time("appeals") { (appealLines(d.appeals, today: today), pendingAppeals(d.appeals, today: today)) }
        _ = time("comparison") {
            Comparison(statbank: d.statbank, population: d.population, dst: d.dst, mapping: d.mapping, municipality: d.municipality,
                       settings: meta.comparison, today: today)
        }
        let periods = SupervisionPeriod.begun(meta.supervision.period, year: today.components.year, today: today)
        _ = time("supervision samples") {
            supervisionSamples(grants: d.grants, decisions: d.decisions, staff: d.staff, periods: periods, today: today,
                               municipalityCode: d.municipality.code, settings: meta.supervision,
                               sha256: SupervisionDigest.sha256)
        }
        _ = time("data quality") { DataQuality(d) }
        _ = time("views (lists, whole)") {
            StoredViews.lists(d, today: today, dueSoonDays: meta.dueSoonDays, goals: meta.serviceGoals,
                              supervision: meta.supervision, comparison: meta.comparison)
        }
    }

    private func threadCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    private func clock() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
