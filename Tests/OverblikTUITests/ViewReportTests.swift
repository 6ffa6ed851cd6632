import Foundation
import OverblikCore
import OverblikStore
import Testing
@testable import OverblikTUI

private let today = Day(year: 2026, month: 11, day: 23)!
private func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }

private func dataset() -> Dataset {
    var d = Dataset(municipality: Municipality(code: "250", name: "Frederikssund"))
    d.grants = [
        Grant(caseId: "S-1", cpr: CPR(value: 101_901_234), name: "Åse Øby", paragraph: Paragraph(number: 108), serviceCode: "108-01",
              provider: "Bostedet \u{1B}[31mEgebakken", start: day(2025, 1, 1), rate: Money(ore: 245_000), rateUnit: .day,
              caseworker: "MHA", team: "Botilbud", nextFollowUp: day(2026, 11, 1)),
        Grant(caseId: "S-2", cpr: CPR(value: 202_851_235), name: "山田太郎", paragraph: Paragraph(number: 85), serviceCode: "85-01",
              provider: "Bostøtten", start: day(2026, 3, 1), end: day(2026, 12, 31), rate: Money(ore: 45_000), rateUnit: .hour,
              hoursPerWeek: Hundredths(700), caseworker: "MHA", team: "Botilbud", nextFollowUp: day(2026, 12, 10)),
        Grant(caseId: "S-3", cpr: CPR(value: 303_851_236), name: "Ib", paragraph: Paragraph(number: 85), start: day(2024, 1, 1),
              end: day(2026, 3, 31), caseworker: "TLA", team: "Bostøtte"),
    ]
    return d
}

@Suite("Report views")
struct ViewReportTests {
    let danish = ReportContext(today: today)

    @Test func caseloadAsText() {
        let text = Views.caseload(dataset(), caseworker: "mha", today: today, dueSoonDays: 30).render(.text, danish)
        #expect(text == """
            Sag  CPR          Navn      §     Ydelse  Leverandør               Start       Slut         Pr. måned  Opfølgning  Status
            ───  ───────────  ────────  ────  ──────  ───────────────────────  ──────────  ──────────  ──────────  ──────────  ─────────────
            S-1  010190-xxxx  Åse Øby   §108  108-01  Bostedet �[31mEgebakken  01-01-2025              74.521 kr.  01-11-2026  ! overskredet
            S-2  020285-xxxx  山田太郎  §85   85-01   Bostøtten                01-03-2026  31-12-2026  13.688 kr.  10-12-2026  ~ snart

            2 rækker
            """)
    }

    @Test func caseloadAsJSONHasTheFieldsOfTheCLISpec() throws {
        let json = Views.caseload(dataset(), caseworker: "MHA", today: today, dueSoonDays: 30).render(.json, danish)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        #expect(object["view"] as? String == "caseload")
        let rows = object["rows"] as! [[String: Any]]
        #expect(Set(rows[0].keys) == ["caseId", "cpr", "name", "paragraph", "serviceCode", "provider", "start", "end", "rate",
                                      "rateUnit", "monthlyCost", "nextFollowUp", "followUpStatus"])
        #expect(rows[0]["paragraph"] as? String == "SEL-108")
        #expect(rows[0]["start"] as? String == "2025-01-01")
        #expect(rows[0]["end"] is NSNull)
        #expect(rows[0]["followUpStatus"] as? String == "overdue")
        #expect(rows[1]["followUpStatus"] as? String == "dueSoon")
        #expect(rows[0]["cpr"] as? String == "010190-xxxx")
        // Amounts are exact numbers of kroner with two decimals: 450 × 7/7 × 365/12 = 13.687,50.
        #expect(json.contains("\"monthlyCost\": 13687.50"))
        #expect(json.contains("\"monthlyCost\": 74520.83"))
    }

    @Test func teamAsJSONAndCSV() throws {
        let table = Views.team(dataset(), filter: ReportFilter(), today: today, dueSoonDays: 30)
        let rows = (try JSONSerialization.jsonObject(with: Data(table.render(.json, danish).utf8)) as! [String: Any])["rows"] as! [[String: Any]]
        #expect(Set(rows[0].keys).isSuperset(of: ["caseworker", "name", "team", "activeGrants", "citizens", "overdue", "dueSoon",
                                                  "missingFollowUp", "monthlyCost", "byParagraph"]))
        #expect(rows.map { $0["caseworker"] as! String } == ["MHA"])  // TLA's only grant has ended
        #expect(rows[0]["byParagraph"] as? [String: Int] == ["SEL-85": 1, "SEL-108": 1])
        let csv = table.render(.csv, danish)
        #expect(csv.hasPrefix("\u{FEFF}caseworker;name;team;activeGrants;citizens;overdue;dueSoon;missingFollowUp;monthlyCost;overloaded;teamMedian;byParagraph\r\n"))
        #expect(csv.contains("\r\nMHA;;Botilbud;2;2;1;1;0;88208,33;0;2;§85: 1, §108: 1\r\n"))
    }

    @Test func followUpsInEnglishWithRevealedCPR() {
        let text = Views.followUps(dataset(), filter: ReportFilter(team: "botilbud"), today: today, dueSoonDays: 30)
            .render(.text, ReportContext(language: .en, revealCPR: true, today: today))
        #expect(text.components(separatedBy: "\n")[2] == "MHA         S-1   010190-1234  Åse Øby   §108  01-11-2026         22  ! overdue")
        #expect(text.hasSuffix("2 rows"))
    }

    @Test func movementsAsJSON() throws {
        let json = Views.movements(movements(grants: dataset().grants, year: 2026), filter: ReportFilter(paragraph: Paragraph(number: 85))).render(.json, danish)
        let rows = (try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any])["rows"] as! [[String: Any]]
        #expect(rows.count == 12)
        #expect(rows[2]["year"] as? Int == 2026)
        // March: S-2 starts on the 1st; S-3 ends on the 31st and so still counts at month end.
        #expect([rows[2]["inflow"], rows[2]["outflow"], rows[2]["activeAtMonthEnd"]].map { $0 as? Int } == [1, 1, 2])
    }

    @Test func jsonEscapesWhatMustBeEscaped() {
        #expect(JSONValue.string("a\"b\\c\n\u{1B}æ").rendered() == "\"a\\\"b\\\\c\\n\\u001bæ\"")
        #expect(JSONValue.object([("b", .int(1)), ("a", .array([]))]).rendered() == "{\n  \"b\": 1,\n  \"a\": []\n}")
    }
}

@Suite("Views the sync stores")
struct StoredViewTests {
    /// The team lines and the follow-up list stored in the snapshot are what computing them from
    /// every grant gives, and are offered only for the snapshot's own today.
    @Test func storedTeamAndFollowUpsEqualComputed() throws {
        let snapshot = try Snapshot(path: SampleSnapshot.path)
        let today = Day(year: 2026, month: 11, day: 23)!
        let d = try snapshot.dataset()
        let due = try snapshot.metadata().dueSoonDays
        #expect(try snapshot.storedTeamLines(today: today) == teamDistribution(grants: d.grants, staff: d.staff, today: today, dueSoonDays: due))
        let stored = try #require(try snapshot.storedFollowUps(today: today))
        // What the list keeps of each grant: the case, CPR, name, paragraph, days, caseworker, team and line.
        let listed = { (g: Grant) in
            Grant(caseId: g.caseId, cpr: g.cpr, name: g.name, paragraph: g.paragraph, start: g.start, end: g.end, caseworker: g.caseworker,
                  team: g.team, nextFollowUp: g.nextFollowUp, lastFollowUp: g.lastFollowUp, line: g.line)
        }
        #expect(stored == followUpList(grants: d.grants, today: today, dueSoonDays: due).map { listed($0.grant) })
        #expect(stored.count == 187)
        // One caseworker's or one team's lines (asked for in another case): the list's, in its order.
        for worker in Set(stored.map(\.caseworker)) {
            let own = try snapshot.storedFollowUps(today: today, caseworker: worker.uppercased() == worker ? worker.lowercased() : worker.uppercased())
            #expect(own == stored.filter { $0.caseworker.lowercased() == worker.lowercased() })
        }
        for team in Set(stored.map(\.team)) {
            #expect(try snapshot.storedFollowUps(today: today, team: team.uppercased()) == stored.filter { $0.team.lowercased() == team.lowercased() })
        }
        #expect(try snapshot.storedFollowUps(today: today, caseworker: "INGEN") == [])
        #expect(try snapshot.storedTeamLines(today: today.advanced(by: 1)) == nil)
        #expect(try snapshot.storedFollowUps(today: today.advanced(by: 1)) == nil)
    }

    /// Belægning's lines stored for the sync's today are the ones computed from every grant, and what
    /// the query computes for another day of the same month (through its window read).
    @Test func storedOccupancyEqualsComputed() throws {
        let snapshot = try Snapshot(path: SampleSnapshot.path)
        let today = Day(year: 2026, month: 11, day: 23)!
        let d = try snapshot.dataset()
        let stored = try #require(try snapshot.storedOccupancy(year: 2026, today: today))
        let computed = occupancyLines(stays: ProviderStay.of(d.grants), agreements: d.providers,
                                      months: CalendarMonth.over(in: 2026, on: today), yearRow: true)
        #expect(stored == computed)
        #expect(stored.count > 20 && stored.contains { $0.month == nil } && stored.contains { $0.month == CalendarMonth(year: 2026, month: 10) })
        let meta = try snapshot.metadata()
        let q = Query(snapshot: snapshot, metadata: meta, today: today, visibility: .everything)
        let other = Query(snapshot: snapshot, metadata: meta, today: today.advanced(by: 1), visibility: .everything)
        #expect(!other.storedHolds)
        #expect(try other.occupancy(year: 2026).rows == stored)
        #expect(try q.occupancy(year: 2026).rows == stored)
        #expect(try snapshot.storedOccupancy(year: 2025, today: today) == nil)
        #expect(try snapshot.storedOccupancy(year: 2026, today: today.advanced(by: 1)) == nil)
    }

    /// Sammenligning stored for the sync's today is the one computed from StatBank's tables and the
    /// DST extract (every line, rate and rank), and what the query computes for another day.
    @Test func storedComparisonEqualsComputed() throws {
        let snapshot = try Snapshot(path: SampleSnapshot.path)
        let today = Day(year: 2026, month: 11, day: 23)!
        let d = try snapshot.dataset()
        let meta = try snapshot.metadata()
        let stored = try #require(try snapshot.storedComparison(today: today))
        let computed = Comparison(statbank: d.statbank, population: d.population, dst: d.dst, mapping: d.mapping,
                                  municipality: meta.municipality, settings: meta.comparison, today: today)
        #expect(stored == computed)
        #expect(stored.lines.count > 500 && stored.lines.contains { $0.isOwn && $0.rank != nil && $0.own != nil })
        #expect(stored.lines.contains { $0.municipality.codes.count == 2 })
        let other = Query(snapshot: snapshot, metadata: meta, today: today.advanced(by: 1), visibility: .everything)
        #expect(try other.comparison().comparison == stored)
        #expect(try snapshot.storedComparison(today: today.advanced(by: 1)) == nil)
    }

    /// Tilsyn's samples stored for the sync's today are the ones drawn from every grant, for each
    /// quarter of the year that has begun; none for another day or another year.
    @Test func storedSupervisionSamplesEqualDrawn() throws {
        let snapshot = try Snapshot(path: SampleSnapshot.path)
        let today = Day(year: 2026, month: 11, day: 23)!
        let d = try snapshot.dataset()
        let metadata = try snapshot.metadata()
        let periods = (1...4).map { SupervisionPeriod(kind: .quarter, year: 2026, number: $0) }
        let drawn = supervisionSamples(grants: d.grants, decisions: d.decisions, staff: d.staff, periods: periods, today: today,
                                       municipalityCode: metadata.municipality.code, settings: metadata.supervision,
                                       sha256: SupervisionDigest.sha256Hex)
        for (period, sample) in zip(periods, drawn) {
            // The stored sample keeps of each grant what the views show (as the fixed one beside does).
            #expect(try snapshot.storedSupervisionSample(period: period, today: today) == sample.map(\.kept), "\(period)")
        }
        #expect(drawn.map(\.count) == [30, 30, 30, 30])  // 15 caseworkers, 2 each
        #expect(try snapshot.storedSupervisionSample(period: periods[3], today: today.advanced(by: 1)) == nil)
        #expect(try snapshot.storedSupervisionSample(period: SupervisionPeriod(kind: .quarter, year: 2025, number: 4), today: today) == nil)
    }
}
