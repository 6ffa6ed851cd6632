import Testing
@testable import OverblikCore
import OverblikTestSupport

/// Servicemål (management.md §4 and §9) by hand: the calendar, the goals' deadlines, the rows and
/// the pending applications.
@Suite("Servicemål: deadlines and figures by hand")
struct ServiceGoalTests {
    let calendar = WorkingCalendar(closedDays: [.init(month: 12, day: 24), .init(month: 12, day: 31)])

    @Test func publicHolidaysAgainstTheOfficialLists() {
        func list(_ year: Int) -> [String] { DanishHolidays.holidays(year).map { $0.day.danish } }
        #expect(list(2023) == ["01-01-2023", "06-04-2023", "07-04-2023", "09-04-2023", "10-04-2023", "05-05-2023",
                               "18-05-2023", "28-05-2023", "29-05-2023", "25-12-2023", "26-12-2023"])
        // Store bededag abolished from 2024.
        #expect(list(2024) == ["01-01-2024", "28-03-2024", "29-03-2024", "31-03-2024", "01-04-2024",
                               "09-05-2024", "19-05-2024", "20-05-2024", "25-12-2024", "26-12-2024"])
        #expect(list(2026) == ["01-01-2026", "02-04-2026", "03-04-2026", "05-04-2026", "06-04-2026",
                               "14-05-2026", "24-05-2026", "25-05-2026", "25-12-2026", "26-12-2026"])
        #expect(DanishHolidays.easterSunday(2025) == day(2025, 4, 20) && DanishHolidays.easterSunday(2000) == day(2000, 4, 23))
        #expect(day(1970, 1, 1).weekday == 4 && day(2026, 11, 30).weekday == 1 && day(1969, 12, 28).weekday == 7)
    }

    @Test func goalsAreReadAndWritten() {
        #expect(ServiceGoal(parsing: "8u") == .weeks(8) && ServiceGoal(parsing: " 3M ") == .months(3) && ServiceGoal(parsing: "90ad") == .workingDays(90))
        #expect(ServiceGoal(parsing: "90 AD") == .workingDays(90))
        for bad in ["", "u", "8", "8w", "0u", "-3m", "3,5m", "999999u", "8uu"] { #expect(ServiceGoal(parsing: bad) == nil, "\(bad)") }
        #expect(ServiceGoal.workingDays(90).description == "90ad")
        #expect(WorkingCalendar.ClosedDay(parsing: "24-12") == .init(month: 12, day: 24))
        #expect(WorkingCalendar.ClosedDay(parsing: "29-02") != nil && WorkingCalendar.ClosedDay(parsing: "31-04") == nil)
    }

    @Test func deadlines() {
        // 8 weeks: Monday to Monday.
        #expect(ServiceGoal.weeks(8).deadline(received: day(2026, 3, 2), calendar: calendar) == day(2026, 4, 27))
        // 3 months from 30 November: the last day of February, leap or not.
        #expect(ServiceGoal.months(3).deadline(received: day(2023, 11, 30), calendar: calendar) == day(2024, 2, 29))
        #expect(ServiceGoal.months(3).deadline(received: day(2024, 11, 30), calendar: calendar) == day(2025, 2, 28))
        #expect(ServiceGoal.months(3).deadline(received: day(2026, 11, 13), calendar: calendar) == day(2027, 2, 13))
        // Working days from the day after receipt: Easter 2026 (2, 3, 6 April closed) …
        #expect(ServiceGoal.workingDays(10).deadline(received: day(2026, 4, 1), calendar: calendar) == day(2026, 4, 20))
        // … and Christmas with the configured closed days (24-12, 31-12) and New Year.
        #expect(ServiceGoal.workingDays(5).deadline(received: day(2026, 12, 21), calendar: calendar) == day(2026, 12, 30))
        #expect(ServiceGoal.workingDays(6).deadline(received: day(2026, 12, 21), calendar: calendar) == day(2027, 1, 4))
        // The conformance drop's independent figures: 30ad and 90ad.
        #expect(ServiceGoal.workingDays(30).deadline(received: day(2026, 8, 27), calendar: calendar) == day(2026, 10, 8))
        #expect(ServiceGoal.workingDays(90).deadline(received: day(2026, 8, 5), calendar: calendar) == day(2026, 12, 9))
    }

    let s85 = Paragraph(number: 85), s107 = Paragraph(number: 107), s95 = Paragraph(number: 95)
    var goals: ServiceGoals {
        ServiceGoals(byParagraph: [s85: .weeks(8)], byServiceCode: [s85: ["8510": .weeks(12)], s107: ["10701": .months(3)]], calendar: calendar)
    }
    func app(_ id: String, _ p: Paragraph, received: Day, decided: Day? = nil, _ outcome: DecisionOutcome? = .granted,
             code: String = "", notice: Day? = nil) -> Decision {
        Decision(applicationId: id, cpr: CPR(value: 101_901_234), paragraph: p, received: received, decided: decided,
                 outcome: decided == nil ? nil : outcome, serviceCode: code, noticeSent: notice)
    }

    /// The cache of working-day deadlines gives what the calendar gives: days met in any order,
    /// before the first one met, again, and far from the others (decades apart: not in a table).
    @Test func deadlineCacheAgreesWithTheCalendar() {
        let goals = ServiceGoals(calendar: calendar)
        var cache = ServiceGoals.DeadlineCache()
        let base = day(2026, 3, 30)
        let offsets = [0, 1, 40, -3, -120, 5, 0, 365, 12_000, -15_000, 2, 12_001, 700]
        for goal in [ServiceGoal.workingDays(10), .workingDays(90), .workingDays(10), .weeks(8)] {
            for offset in offsets {
                let received = base.advanced(by: offset)
                #expect(goals.deadline(goal, received: received, cache: &cache) == goal.deadline(received: received, calendar: calendar),
                        "\(goal) \(received.iso)")
            }
        }
    }

    @Test func inTimeLateAndWithoutNotice() throws {
        let r = day(2026, 1, 5), deadline = day(2026, 3, 2)  // 8u
        let decisions = [
            app("A", s85, received: r, decided: deadline),                                     // exactly on the deadline: in time
            app("B", s85, received: r, decided: deadline.advanced(by: 1)),                     // a day after: late, no notice
            app("C", s85, received: r, decided: day(2026, 3, 20), notice: day(2026, 2, 20)),   // late, told in time
            app("D", s85, received: r, decided: day(2026, 3, 20), notice: day(2026, 3, 3)),    // late, told too late
            app("E", s85, received: r, decided: day(2026, 2, 1), .shelved),                    // henlagt: apart
            app("F", s85, received: r, decided: day(2026, 3, 27), code: "8510"),               // 12u: deadline 30-03, in time
            app("G", s95, received: r, decided: day(2026, 2, 10)),                             // no goal
        ]
        let lines = serviceGoalLines(decisions, goals: goals)
        let q1 = Quarter(year: 2026, quarter: 1)
        let p85 = try #require(lines.first { $0.paragraph == s85 })
        #expect(p85.quarter == q1 && p85.goal == .weeks(8))
        #expect((p85.decided, p85.shelved, p85.inTime, p85.late, p85.lateWithoutNotice) == (5, 1, 2, 3, 2))
        #expect(p85.shareInTime == 40)
        // Days: 56, 57, 74, 74, 81 → 74.
        #expect(p85.medianDays == 74)
        let p95 = try #require(lines.first { $0.paragraph == s95 })
        #expect(p95.goal == nil && p95.inTime == nil && p95.late == nil && p95.shareInTime == nil && p95.decided == 1 && p95.medianDays == 36)
        // The total: the paragraphs with a goal (§85 here), last in its quarter.
        let total = try #require(lines.last)
        #expect(total.paragraph == nil && total.goal == nil && total.decided == 5 && total.inTime == 2)
        #expect(lines.map { $0.paragraph?.key } == ["SEL-85", "SEL-95", nil])
    }

    @Test func onlyServiceCodeGoalsAndTheMedianOfAnEvenCount() throws {
        let r = day(2026, 4, 1)
        let decisions = [app("A", s107, received: r, decided: day(2026, 4, 11), code: "10701"),
                         app("B", s107, received: r, decided: day(2026, 4, 21), code: "10799"),  // another code: no goal
                         app("C", s107, received: r, decided: day(2026, 5, 1), .shelved)]
        let lines = serviceGoalLines(decisions, goals: goals, year: 2026)
        let p107 = try #require(lines.first { $0.paragraph == s107 })
        #expect(p107.goal == nil)  // only a service code's goal
        #expect((p107.decided, p107.inTime, p107.late, p107.shelved) == (2, 1, 0, 1))
        #expect(p107.medianDays == 15)  // (10 + 20) / 2
        #expect(serviceGoalLines(decisions, goals: goals, year: 2025).isEmpty)
        // A quarter with only henlagt applications is a row too.
        let onlyShelved = serviceGoalLines([app("X", s85, received: r, decided: day(2026, 7, 1), .shelved)], goals: goals)
        #expect(onlyShelved.count == 2 && onlyShelved[0].decided == 0 && onlyShelved[0].shelved == 1 && onlyShelved[0].shareInTime == nil)
        #expect(median([]) == nil && median([3]) == 3 && median([4, 1, 3, 2]) == 2.5)
    }

    /// The rows as the definition reads, one group at a time: every decided or shelved application
    /// of a paragraph and quarter, and the total of the paragraphs with a goal.
    func plainLines(_ decisions: [Decision], goals: ServiceGoals, year: Int?) -> Set<ServiceGoalLine> {
        let counted = decisions.filter { $0.decided != nil && $0.outcome != nil && (year == nil || Quarter($0.decided!).year == year) }
        var keys = Set<[String]>()
        var lines = Set<ServiceGoalLine>()
        for d in counted {
            let q = Quarter(d.decided!)
            for p in goals.hasGoal(d.paragraph) ? [d.paragraph, nil] : [d.paragraph] as [Paragraph?] {
                guard keys.insert([p?.key ?? "", q.description]).inserted else { continue }
                let group = counted.filter { Quarter($0.decided!) == q && (p.map { $0 == d.paragraph } ?? goals.hasGoal($0.paragraph)) }
                    .filter { p == nil || $0.paragraph == p }
                let decided = group.filter { $0.outcome != .shelved }
                let hasGoal = p.map(goals.hasGoal) ?? true
                var inTime = 0, late = 0, withoutNotice = 0
                for x in decided where hasGoal {
                    guard let deadline = goals.deadline(x) else { continue }
                    if x.decided! <= deadline { inTime += 1 } else {
                        late += 1
                        if !(x.noticeSent.map { $0 <= deadline } ?? false) { withoutNotice += 1 }
                    }
                }
                lines.insert(ServiceGoalLine(paragraph: p, quarter: q, goal: p.flatMap { goals.byParagraph[$0] }, decided: decided.count,
                                             shelved: group.count - decided.count, inTime: hasGoal ? inTime : nil, late: hasGoal ? late : nil,
                                             lateWithoutNotice: hasGoal ? withoutNotice : nil,
                                             medianDays: median(decided.map { $0.received.distance(to: $0.decided!) })))
            }
        }
        return lines
    }

    @Test func rowsEqualTheDefinitionOnRandomApplications() {
        var random = SplitMix(seed: 18)
        let goals = ServiceGoals(byParagraph: [s85: .weeks(8), s95: .workingDays(30)],
                                 byServiceCode: [s85: ["8510": .months(2)], s107: ["10701": .months(3), "10702": .workingDays(20)]],
                                 calendar: calendar)
        let paragraphs = [s85, s95, s107, Paragraph(number: 108), Paragraph(law: "ABL", number: 82, letter: "a")]
        let codes = ["", "8510", " 8510 ", "10701", "10702", "10799"]
        for round in 0..<40 {
            let decisions = (0..<Int.random(in: 0...300, using: &random)).map { i -> Decision in
                let received = day(2025, 1, 1).advanced(by: Int.random(in: 0...700, using: &random))
                let decided = Int.random(in: 0...5, using: &random) == 0 ? nil : received.advanced(by: Int.random(in: 0...150, using: &random))
                let notice = Bool.random(using: &random) ? received.advanced(by: Int.random(in: 0...120, using: &random)) : nil
                let outcome: DecisionOutcome? = decided == nil ? nil : [.granted, .shelved, .refused, nil].randomElement(using: &random) ?? nil
                // Runs of equal paragraphs as exports have them, and some mixed.
                let p = paragraphs[(i / Int.random(in: 1...20, using: &random)) % paragraphs.count]
                return Decision(applicationId: "A\(i)", cpr: CPR(value: 101_901_234), paragraph: p, received: received, decided: decided,
                                outcome: outcome, serviceCode: codes.randomElement(using: &random) ?? "", noticeSent: notice)
            }
            for year in [nil, 2025, 2026] {
                let lines = serviceGoalLines(decisions, goals: goals, year: year)
                #expect(Set(lines) == plainLines(decisions, goals: goals, year: year), "round \(round), year \(String(describing: year))")
                #expect(lines.count == Set(lines).count)
            }
        }
    }

    @Test func pendingApplications() {
        let today = day(2026, 11, 23)
        // 8u: received 28-09 → due 23-11 (today: due soon, not overdue); 27-09 → 22-11 (overdue by a day).
        let decisions = [app("due", s85, received: day(2026, 9, 28)), app("over", s85, received: day(2026, 9, 27)),
                         app("later", s85, received: day(2026, 11, 20)), app("none", s95, received: day(2026, 10, 1)),
                         app("done", s85, received: day(2026, 9, 1), decided: day(2026, 10, 1))]
        let pending = OverblikCore.pendingApplications(decisions, goals: goals, today: today, dueSoonDays: 30)
        #expect(pending.map(\.decision.applicationId) == ["over", "due", "later", "none"])
        #expect(pending.map(\.status) == [.overdue, .dueSoon, .pending, .noServiceGoal])
        #expect(pending.map(\.daysLeft) == [-1, 0, 53, nil])
    }

    @Test func outcomesIgnoreCaseSpacesAndASCII() {
        #expect(DecisionOutcome(parsing: " Delvis  Bevilget ") == .partlyGranted)
        #expect(DecisionOutcome(parsing: "HENLAGT") == .shelved && DecisionOutcome(parsing: "afslag") == .refused)
        #expect(DecisionOutcome(parsing: "godkendt") == nil)
        #expect(Enumerated.fold(" Stadfæstet ") == "stadfaestet" && Enumerated.fold("ændret") == Enumerated.fold("aendret"))
    }
}
