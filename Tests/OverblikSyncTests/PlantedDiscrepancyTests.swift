import Foundation
import OverblikCore
import OverblikStore
import OverblikTestSupport
import Testing
@testable import OverblikSync

/// On Sampledata every planted discrepancy is found with its kind, paragraph, citizen, case,
/// month and explained flag, and nothing else is found (the generator's `planted.csv`).
@Suite("Sampledata: planted discrepancies")
struct PlantedDiscrepancyTests {
    @Test func exactlyThePlantedDiscrepanciesAreFound() throws {
        let root = packageRoot()
        let folder = TemporaryFolder()
        let today = Day(year: 2026, month: 11, day: 23)!
        let (config, summary) = try syncSampledata(into: folder)
        let d = try Snapshot(path: summary.snapshotPath).dataset()
        let r = try #require(reconcile(grants: d.grants, payments: d.payments, dst: d.dst, mapping: d.mappingIndex,
                                       year: 2026, today: today, rateTolerance: config.rateTolerance))
        #expect(r.period == DayRange(Day(year: 2026, month: 1, day: 1)!, Day(year: 2026, month: 10, day: 31)!))

        let text = String(decoding: FileManager.default.contents(atPath: root + "/Sampledata/planted.csv")!, as: UTF8.self)
        let rows: [[String]] = text.split(separator: "\n").dropFirst().map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) }
        // (The rejected rows and what is planted for servicemål, klagesager, belægning and sammenligning are checked elsewhere.)
        let plants = rows.filter { !["rejected", "servicemaal", "klagesager", "belaegning", "publishedVsOwnDiffers", "notPublished"].contains($0[0]) }
        var unmatched = r.discrepancies
        for plant in plants {
            let (kind, paragraph, cpr, caseId, month, explained) = (plant[0], plant[1], plant[2], plant[3], plant[4], plant[5] == "ja")
            let index = unmatched.firstIndex { x in
                x.kind.rawValue == kind && x.paragraph.key == paragraph && (x.cpr?.digits ?? "") == cpr && x.explained == explained
                    && (caseId.isEmpty || x.caseIds.isEmpty || x.caseIds.first == caseId)
                    && (!(kind == "rateMismatch" || kind == "dataBreak") || x.month == month)
            }
            guard let index else {
                Issue.record("planted but not found: \(plant.joined(separator: ";"))")
                continue
            }
            unmatched.remove(at: index)
        }
        #expect(unmatched.map(\.key) == [], "found but not planted")
        #expect(plants.count == 49)
    }
}
