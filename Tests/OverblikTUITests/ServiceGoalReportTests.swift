import Foundation
import OverblikCore
import OverblikTestSupport
import Testing
@testable import OverblikTUI

/// `overblik report servicemaal` and `deadlines` (cli.md; management.md §9).
@Suite("Reports: servicemål and deadlines", .serialized)
struct ServiceGoalReportTests {
    /// Sampledata has no applications: the views say which file is missing, exit 0.
    @Test func withoutTheTableTheViewsSayWhichFileIsMissing() throws {
        for view in ["servicemaal", "deadlines"] {
            let json = try runExecutable("overblik", ["report", view, "--snapshot", SampleSnapshot.path, "--today", "2026-11-23", "--format", "json"])
            #expect(json.status == 0)
            #expect(json.stdout == "{\n  \"view\": \"\(view)\",\n  \"rows\": [],\n  \"missing\": [\n    \"ansoegninger.csv\"\n  ]\n}\n")
            let text = try runExecutable("overblik", ["report", view, "--snapshot", SampleSnapshot.path, "--today", "2026-11-23"])
            #expect(text.status == 0 && text.stdout == "ingen data: ansoegninger.csv\n")
        }
    }

    @Test func rowsAsTheSpecWritesThem() throws {
        let s85 = Paragraph(number: 85), s95 = Paragraph(number: 95)
        let goals = ServiceGoals(byParagraph: [s85: .weeks(8)])
        let r = Day(year: 2026, month: 1, day: 5)!
        let decisions = [Decision(applicationId: "A", cpr: CPR(value: 101_901_234), paragraph: s85, received: r,
                                  decided: Day(year: 2026, month: 3, day: 3)!, outcome: .granted),
                         Decision(applicationId: "B", cpr: CPR(value: 101_901_234), paragraph: s95, received: r,
                                  decided: Day(year: 2026, month: 2, day: 3)!, outcome: .refused),
                         Decision(applicationId: "C", cpr: CPR(value: 101_901_234), paragraph: s85, caseworker: "MHA", team: "Bostøtte",
                                  received: Day(year: 2026, month: 10, day: 1)!)]
        let c = ReportContext(language: .en, today: Day(year: 2026, month: 11, day: 23)!)
        let table = Views.serviceGoals(serviceGoalLines(decisions, goals: goals), goals: goals)
        let json = table.render(.json, c)
        #expect(json.contains("\"paragraph\": \"SEL-85\",\n      \"quarter\": \"2026K1\",\n      \"goal\": \"8u\",\n      \"decided\": 1,\n      \"inTime\": 0,\n      \"late\": 1,\n      \"lateWithoutNotice\": 1,\n      \"shelved\": 0,\n      \"shareInTime\": 0,\n      \"targetShare\": 90,\n      \"medianDays\": 57"))
        #expect(json.contains("\"paragraph\": \"SEL-95\",\n      \"quarter\": \"2026K1\",\n      \"goal\": null,\n      \"decided\": 1,\n      \"inTime\": null"))
        #expect(json.contains("\"paragraph\": null,\n      \"quarter\": \"2026K1\",\n      \"goal\": null"))
        let text = table.render(.text, ReportContext(today: c.today))
        #expect(text.contains("ingen servicemål") && text.contains("I alt"))
        let pending = Views.deadlines(pendingApplications(decisions, goals: goals, today: c.today, dueSoonDays: 30)).render(.json, c)
        #expect(pending.contains("\"deadline\": \"2026-11-26\",\n      \"daysLeft\": 3,\n      \"noticeSent\": null,\n      \"status\": \"dueSoon\""))
        #expect(pending.contains("\"cpr\": \"010190-xxxx\""))
    }
}
