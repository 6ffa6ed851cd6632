import Foundation
import OverblikCore
import OverblikStore
import OverblikTestSupport
import Testing
@testable import OverblikTUI

/// `overblik report servicemaal` and `deadlines` (cli.md; management.md §9).
@Suite("Reports: servicemål and deadlines", .serialized)
struct ServiceGoalReportTests {
    /// A drop without applications: the views say which file is missing, exit 0.
    @Test func withoutTheTableTheViewsSayWhichFileIsMissing() throws {
        let folder = TemporaryFolder()
        let config = DropBuilder().write(into: folder)
        #expect(try runExecutable("overblik-sync", ["--config", config, "--today", "2026-11-23", "--quiet"]).status == 0)
        for view in ["servicemaal", "deadlines"] {
            let json = try runExecutable("overblik", ["report", view, "--config", config, "--today", "2026-11-23", "--format", "json"])
            #expect(json.status == 0)
            #expect(json.stdout == "{\n  \"view\": \"\(view)\",\n  \"rows\": [],\n  \"missing\": [\n    \"ansoegninger.csv\"\n  ]\n}\n")
            let text = try runExecutable("overblik", ["report", view, "--config", config, "--today", "2026-11-23"])
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

    /// The rows the sync stores are the rows computed from every application (so the report need not
    /// read them all), for every year and for one; a paragraph's rows are computed; the pending
    /// applications read alone are those without a decision.
    @Test func storedRowsAreTheComputedOnes() throws {
        let snapshot = try Snapshot(path: SampleSnapshot.path)
        let meta = try snapshot.metadata()
        let q = Query(snapshot: snapshot, metadata: meta, today: Day(year: 2026, month: 11, day: 23)!, visibility: .everything)
        let all = try snapshot.decisions()
        let stored = try #require(try snapshot.serviceGoalLines())
        #expect(stored.count > 20 && stored == serviceGoalLines(all, goals: meta.serviceGoals))
        #expect(try q.serviceGoalLines(year: 2025, paragraph: nil).rows == serviceGoalLines(all, goals: meta.serviceGoals, year: 2025))
        let s85 = Paragraph(number: 85)
        #expect(try q.serviceGoalLines(year: nil, paragraph: s85).rows == serviceGoalLines(all.filter { $0.paragraph == s85 }, goals: meta.serviceGoals))
        #expect(try snapshot.decisions(pendingOnly: true) == all.filter { $0.decided == nil })
    }

    /// Sampledata's applications planted on the edges of §85's 8 weeks (Sampledata/README.md).
    @Test func sampledatasPlantedApplications() throws {
        let snapshot = try Snapshot(path: SampleSnapshot.path)
        let meta = try snapshot.metadata()
        let today = Day(year: 2026, month: 11, day: 23)!
        let q = Query(snapshot: snapshot, metadata: meta, today: today, visibility: .everything)
        let (decisions, missing) = try q.decisions()
        #expect(missing == nil && decisions.count > 350)
        // The file leaves the team empty: each application has its caseworker's team from the staff.
        let teamOf = Dictionary(try snapshot.staffAndMapping().staff.map { ($0.initials.lowercased(), $0.team) }, uniquingKeysWith: { a, _ in a })
        #expect(try snapshot.decisions().allSatisfy(\.team.isEmpty))
        #expect(decisions.allSatisfy { $0.team == teamOf[$0.caseworker.lowercased()] ?? "" } && decisions.contains { !$0.team.isEmpty })
        let goals = meta.serviceGoals
        #expect(goals.byParagraph[Paragraph(number: 85)] == .weeks(8) && goals.byParagraph[Paragraph(number: 108)] == .workingDays(90))
        func planted(_ id: String) throws -> Decision { try #require(decisions.first { $0.applicationId == id }) }
        let onTime = try planted("ANS-2026-9001"), late = try planted("ANS-2026-9002"), told = try planted("ANS-2026-9003")
        #expect(goals.deadline(onTime) == onTime.decided)
        #expect(late.decided == goals.deadline(late)?.advanced(by: 1) && late.noticeSent == nil)
        #expect(told.noticeSent.map { $0 <= goals.deadline(told)! } == true)
        let pending = try q.pendingApplications(ReportFilter(caseworker: "TLA")).rows
        let dueToday = try #require(pending.first { $0.decision.applicationId == "ANS-2026-9004" })
        let dayOver = try #require(pending.first { $0.decision.applicationId == "ANS-2026-9005" })
        #expect(dueToday.status == .dueSoon && dueToday.daysLeft == 0)
        #expect(dayOver.status == .overdue && dayOver.daysLeft == -1)
    }
}
