import Foundation
import OverblikCore
import OverblikStore
import OverblikTestSupport
import Testing
@testable import OverblikTUI

/// `overblik report klagesager` and `belaegning` through the real programs (cli.md; management.md
/// §5, §7, §9), on a small drop computed by hand.
@Suite("Reports: klagesager and belægning", .serialized)
struct AppealAndOccupancyReportTests {
    static let appeals = """
    Klage-ID;CPR;Paragraf;Afgørelsesdato;Klage modtaget;Genvurderet;Genvurdering;Ankestyrelsens afgørelse;Resultat;Sagsbehandler
    K-1;010190-1234;SEL §85;06-04-2024;29-04-2024;10-05-2024;Fastholdt;19-11-2024;hjemvist;MHA
    K-2;0202851235;108;;02-02-2026;;;;;
    K-8;010190-1234;SEL-85;03-03-2026;01-03-2026;20-03-2026;delvis medhold;01-09-2026;ophævet;

    """
    // DropBuilder's grants: 010190-1234 at "Bostedet; afd. Øst" from 01-01-2025, 020285-1235 at
    // "Bostøtten" 15-03-2025 to 31-12-2026 (no row here: "uden aftalte pladser").
    static let providers = """
    Leverandør;Paragraf;Pladser;Fra;Til;Egen kommune;Budgetteret belægning
    "bostedet;  afd. øst";108;2;;30-06-2026;ja;90

    """

    /// The drop's folders, kept while the suite runs (a folder is removed with its last reference).
    nonisolated(unsafe) static var folders: [TemporaryFolder] = []

    func synced(appeals: Bool = true, providers: Bool = true) throws -> String {
        let folder = TemporaryFolder()
        Self.folders.append(folder)
        var b = DropBuilder()
        if appeals { b.extra["fagsystem/klagesager.csv"] = Array(Self.appeals.utf8) }
        if providers { b.extra["stamdata/tilbud.csv"] = Array(Self.providers.utf8) }
        let config = b.write(into: folder)
        #expect(try runExecutable("overblik-sync", ["--config", config, "--today", "2026-11-23", "--quiet"]).status == 0)
        return config
    }

    func report(_ config: String, _ args: String...) throws -> String {
        let r = try runExecutable("overblik", ["report"] + args + ["--config", config, "--today", "2026-11-23"])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout
    }

    @Test func withoutTheTablesTheViewsSayWhichFileIsMissing() throws {
        let config = try synced(appeals: false, providers: false)
        for (view, file) in [("klagesager", "klagesager.csv"), ("belaegning", "tilbud.csv")] {
            #expect(try report(config, view, "--format", "json")
                    == "{\n  \"view\": \"\(view)\",\n  \"rows\": [],\n  \"missing\": [\n    \"\(file)\"\n  ]\n}\n")
            #expect(try report(config, view) == "ingen data: \(file)\n")
        }
    }

    @Test func klagesagerAsComputedByHand() throws {
        let config = try synced()
        let json = try report(config, "klagesager", "--format", "json")
        // 2024, §85: one decision (hjemvist) of one on the merits; received and reconsidered in 11 days.
        #expect(json.contains("""
              "paragraph": "SEL-85",
              "year": 2024,
              "decided": 1,
              "stadfaestet": 0,
              "aendretOphaevet": 0,
              "hjemvist": 1,
              "notOnMerits": 0,
              "omgoerelsesprocent": 100,
              "divisor": 1,
              "received": 1,
              "reconsideredInTime": 1,
              "agreedInReconsideration": 0,
              "pending": null
        """))
        // 2026, all paragraphs: K-8 decided (ophævet), agreed in part; K-2 pending.
        #expect(json.contains("""
              "paragraph": null,
              "year": 2026,
              "decided": 1,
              "stadfaestet": 0,
              "aendretOphaevet": 1,
              "hjemvist": 0,
              "notOnMerits": 0,
              "omgoerelsesprocent": 100,
              "divisor": 1,
              "received": 2,
              "reconsideredInTime": 1,
              "agreedInReconsideration": 1,
              "pending": 1
        """))
        // §108 in 2024 and 2025: rows of zeros, no percentage.
        #expect(json.contains("\"paragraph\": \"SEL-108\",\n      \"year\": 2025,\n      \"decided\": 0,"))
        let year = try report(config, "klagesager", "--year", "2025", "--format", "csv")
        #expect(year.split(whereSeparator: \.isNewline).count == 4 && !year.contains(";2024;") && !year.contains(";2026;"))
        #expect(try report(config, "klagesager").contains("I alt"))
    }

    @Test func belaegningAsComputedByHand() throws {
        let config = try synced()
        let json = try report(config, "belaegning", "--year", "2026", "--format", "json")
        // June: 2 places × 30 days = 60, one citizen all month: 50 %, one place free.
        #expect(json.contains("""
              "provider": "bostedet; afd. øst",
              "paragraph": "SEL-108",
              "month": "2026-06",
              "places": 2,
              "capacityDays": 60,
              "occupiedDays": 30,
              "occupancy": 50,
              "freePlaces": 1,
              "budgetedOccupancy": 90
        """))
        // July: the agreement ended 30 June: places 0, no occupancy, −1 free place.
        #expect(json.contains("""
              "month": "2026-07",
              "places": 0,
              "capacityDays": 0,
              "occupiedDays": 31,
              "occupancy": null,
              "freePlaces": -1,
              "budgetedOccupancy": null
        """))
        // The year's ten months that are over: capacity 181 × 2 = 362, occupied 304; 362 ÷ 304 = 1,19 places.
        #expect(json.contains("""
              "month": null,
              "places": 1.2,
              "capacityDays": 362,
              "occupiedDays": 304,
              "occupancy": 84,
              "freePlaces": 0.2,
              "budgetedOccupancy": 90
        """))
        // Bostøtten has no row: listed last, without places.
        #expect(json.contains("""
              "provider": "Bostøtten",
              "paragraph": null,
              "month": null,
              "places": null,
              "capacityDays": null,
              "occupiedDays": 304,
        """))
        let rows = try report(config, "belaegning", "--year", "2026", "--format", "csv").split(whereSeparator: \.isNewline)
        #expect(rows.count == 1 + 11 + 11 && rows.last?.hasPrefix("Bostøtten;") == true)
        #expect(try report(config, "belaegning", "--year", "2026").contains("uden aftale"))
    }

    /// Sampledata's planted appeals and providers (Sampledata/README.md).
    @Test func sampledatasPlantedAppealsAndProviders() throws {
        let snapshot = try Snapshot(path: SampleSnapshot.path)
        let today = Day(year: 2026, month: 11, day: 23)!
        let q = Query(snapshot: snapshot, metadata: try snapshot.metadata(), today: today, visibility: .everything)
        let (appeals, missing) = try q.appeals()
        #expect(missing == nil && appeals.count > 40)
        func planted(_ id: String) throws -> Appeal { try #require(appeals.first { $0.appealId == id }) }
        #expect(try planted("KL-9001").reconsideredInTime && !(try planted("KL-9002").reconsideredInTime))
        #expect(try planted("KL-9003").endedByAgreement && !(try planted("KL-9003").isPending))
        let pending = pendingAppeals(appeals, today: today)
        #expect(pending.first { $0.appeal.appealId == "KL-9004" }?.ageDays == 223)
        // Every outcome at least once.
        #expect(Set(appeals.compactMap(\.boardOutcome?.outcome)).count >= 6)
        let lines = appealLines(appeals, today: today)
        let s108 = Paragraph(number: 108)
        // KL-9001 (ændret 31-12-2025) in 2025's figures, KL-9002 (stadfæstet 01-01-2026) in 2026's.
        #expect(lines.first { $0.paragraph == s108 && $0.year == 2025 }.map { $0.changedOrAnnulled >= 1 } == true)
        let (occupancy, none) = try q.occupancy(year: 2026)
        #expect(none == nil)
        let october = CalendarMonth(year: 2026, month: 10)
        func line(_ name: String, _ month: CalendarMonth?) -> OccupancyLine? {
            occupancy.first { providerKey($0.provider) == providerKey(name) && $0.month == month }
        }
        #expect(line("Fjordhuset; afd. Vest", october).map { ($0.freePlaces ?? 0) < 0 } == true)
        #expect(line("Bostedet Egebakken", CalendarMonth(year: 2026, month: 6))?.places == 72)
        #expect(line("Bostedet Egebakken", october)?.places == 68)
        #expect(line("Overgangsboligen Kildevang", CalendarMonth(year: 2026, month: 2)).map { $0.capacityDays == 0 && $0.occupancy == nil } == true)
        #expect(line("Bostøtten Nord", october)?.provider == "BOSTØTTEN NORD")
        #expect(line("Kontant tilskud", nil).map { $0.capacityDays == nil && $0.occupiedDays > 0 } == true)
    }
}

/// Belægning reads only the grants with a day in the months it shows: the rows are those of every
/// grant, for Udvikling's months and for each year (Sampledata).
@Suite("Belægning: the window read")
struct OccupancyWindowTests {
    @Test func theWindowedReadGivesTheSameRows() throws {
        let snapshot = try Snapshot(path: SampleSnapshot.path)
        let meta = try snapshot.metadata()
        let q = Query(snapshot: snapshot, metadata: meta, today: Day(year: 2026, month: 11, day: 23)!, visibility: .everything)
        let stays = try snapshot.providerStays(), agreements = try snapshot.providers()
        for year in [2025, 2026] {
            let months = (1...12).map { CalendarMonth(year: year, month: $0) }.filter { $0 < CalendarMonth(q.today) }
            let rows = try q.occupancy(year: year).rows
            #expect(!rows.isEmpty && rows == occupancyLines(stays: stays, agreements: agreements, months: months, yearRow: true))
        }
        let all = try q.occupancy(year: nil).rows
        #expect(all == occupancyLines(stays: stays, agreements: agreements, months: try q.development().months, yearRow: false))
        let window = DayRange(ordering: Day(year: 2026, month: 1, day: 1)!, Day(year: 2026, month: 10, day: 31)!)
        #expect(try snapshot.providerStays(within: window).count < stays.count)
    }
}
