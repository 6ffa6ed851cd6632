import Testing
@testable import OverblikCore

private let today = Day(year: 2026, month: 11, day: 23)!

private func grant(_ id: String, cpr: Int64 = 101_901_234, worker: String = "MHA", team: String = "Botilbud",
                   paragraph: Paragraph = Paragraph(number: 108), start: Day = day(2025, 1, 1), end: Day? = nil,
                   next: Day? = nil, rate: Int64? = 100_000, unit: RateUnit? = .day) -> Grant {
    Grant(caseId: id, cpr: CPR(value: cpr), paragraph: paragraph, start: start, end: end, rate: rate.map(Money.init(ore:)),
          rateUnit: unit, caseworker: worker, team: team, nextFollowUp: next)
}

@Suite("Follow-up status")
struct FollowUpTests {
    @Test(arguments: [
        (day(2026, 11, 22), FollowUpStatus.overdue, 1), (day(2026, 8, 25), .overdue, 90),
        (day(2026, 11, 23), .dueSoon, nil), (day(2026, 12, 23), .dueSoon, nil), (day(2026, 12, 24), .ok, nil),
    ] as [(Day, FollowUpStatus, Int?)])
    func statusByDate(next: Day, status: FollowUpStatus, daysOverdue: Int?) {
        #expect(grant("S", next: next).followUp(today: today, dueSoonDays: 30) == FollowUp(status: status, daysOverdue: daysOverdue))
    }

    @Test func missingEndedAndFuture() {
        #expect(grant("S").followUp(today: today, dueSoonDays: 30)?.status == .missing)
        // Ended yesterday: no status. Ends today: still open.
        #expect(grant("S", end: day(2026, 11, 22), next: day(2026, 1, 1)).followUp(today: today, dueSoonDays: 30) == nil)
        #expect(grant("S", end: today, next: day(2026, 1, 1)).followUp(today: today, dueSoonDays: 30)?.status == .overdue)
        // A grant starting in the future has a status too.
        #expect(grant("S", start: day(2027, 1, 1), next: day(2027, 6, 1)).followUp(today: today, dueSoonDays: 30)?.status == .ok)
        // due_soon_days = 0: only today is due soon.
        #expect(grant("S", next: today.advanced(by: 1)).followUp(today: today, dueSoonDays: 0)?.status == .ok)
    }
}

@Suite("Caseload and team")
struct CaseloadTests {
    let grants = [
        grant("S-3", start: day(2026, 2, 1), next: day(2026, 12, 1)),
        grant("S-1", cpr: 202_851_235, start: day(2025, 1, 1), next: day(2026, 10, 1)),
        grant("S-2", cpr: 202_851_235, paragraph: Paragraph(number: 104), start: day(2025, 1, 1), next: nil, rate: nil),
        grant("S-4", end: day(2026, 6, 30), next: day(2026, 1, 1)),             // ended: not in the caseload
        grant("S-5", worker: "TLA", team: "Bostøtte", paragraph: Paragraph(number: 85), rate: 45_000, unit: .hour),
        grant("S-6", worker: "mha", start: day(2027, 1, 1), next: day(2027, 6, 1), rate: 1_200_000, unit: .month),
    ]

    @Test func caseloadOfOneCaseworker() {
        let lines = caseload(of: "MHA", grants: grants, today: today, dueSoonDays: 30)
        #expect(lines.map(\.grant.caseId) == ["S-1", "S-2", "S-3", "S-6"])
        #expect(lines.map(\.followUp.status) == [.overdue, .missing, .dueSoon, .ok])
        #expect(lines[0].followUp.daysOverdue == 53)
        #expect(lines[0].monthlyCost == Money(ore: 3_041_667))  // 1.000 × 365/12 = 30.416,67
        #expect(lines[1].monthlyCost == nil)
        #expect(lines[3].monthlyCost == Money(ore: 1_200_000))
    }

    @Test func teamLines() {
        let staff = [StaffMember(initials: "MHA", name: "Mette Hald", team: "Andet", role: .caseworker),
                     StaffMember(initials: "KBR", name: "Kasper Brøns", team: "Botilbud", role: .caseworker),
                     StaffMember(initials: "BIK", name: "Birgitte", team: "Botilbud", role: .teamLead)]
        let lines = teamDistribution(grants: grants, staff: staff, today: today, dueSoonDays: 30)
        // Ordered by team, then initials.
        #expect(lines.map(\.caseworker) == ["TLA", "KBR", "MHA"])
        let mha = lines[2]
        #expect(mha.team == "Botilbud")             // the grants' team wins over the staff file
        #expect(mha.name == "Mette Hald")
        #expect((mha.activeGrants, mha.citizens, mha.overdue, mha.dueSoon, mha.missingFollowUp) == (4, 2, 1, 1, 1))
        #expect(mha.monthlyCost == Money(ore: 3_041_667 * 2 + 1_200_000))
        #expect(mha.byParagraph == [Paragraph(number: 108): 3, Paragraph(number: 104): 1])
        // Botilbud: KBR 0 and MHA 4 grants, median 2; 4 > 1.25 × 2.
        #expect(mha.teamMedian == 2)
        #expect(mha.overloaded)
        #expect(lines[1].activeGrants == 0)
        #expect(!lines[1].overloaded)
        #expect(lines[0].team == "Bostøtte")
        #expect(!lines[0].overloaded)  // 1 is not more than 1.25 × 1
    }

    /// A caseworker's grants naming teams in turn and paragraphs in turn: the team named most
    /// (equal texts one team, however their letters are composed), each paragraph counted; grants
    /// of other caseworkers in between change nothing.
    @Test func teamsAndParagraphsInTurn() {
        let (p85, p104, p108) = (Paragraph(number: 85), Paragraph(number: 104), Paragraph(number: 108))
        let gs = [
            grant("1", worker: "AB", team: "Café", paragraph: p85), grant("2", worker: "CD", team: "Botilbud", paragraph: p104),
            grant("3", worker: "AB", team: "Dag", paragraph: p108), grant("4", worker: "AB", team: "Cafe\u{301}", paragraph: p85),
            grant("5", worker: "AB", team: "Dag", paragraph: p104), grant("6", worker: "CD", team: "Botilbud", paragraph: p85),
            grant("7", worker: "AB", team: "Café", paragraph: p108), grant("8", worker: "ab", team: "", paragraph: p85),
        ]
        let lines = teamDistribution(grants: gs, staff: [], today: today, dueSoonDays: 30)
        #expect(lines.map { "\($0.caseworker) \($0.team) \($0.activeGrants)" } == ["CD Botilbud 2", "AB Café 6"])
        #expect(lines[1].byParagraph == [p85: 3, p104: 1, p108: 2])
        #expect(lines[0].byParagraph == [p104: 1, p85: 1])
    }

    @Test func overloadIsStrictlyAboveTheMark() {
        #expect(median([4, 4, 5]) == 4)
        #expect(median([1, 2, 3, 10]) == 2.5)
        #expect(median([]) == 0)
        // Median 4: 5 is exactly 1.25 × 4 and is not marked; 6 is.
        let ws = ["A", "B", "C", "D"]
        let counts = [4, 4, 5, 6]
        var gs: [Grant] = []
        for (w, n) in zip(ws, counts) { for i in 0..<n { gs.append(grant("\(w)\(i)", worker: w, team: "T")) } }
        let lines = teamDistribution(grants: gs, staff: [], today: today, dueSoonDays: 30)
        #expect(lines.map(\.teamMedian) == [4.5, 4.5, 4.5, 4.5])
        #expect(lines.map(\.overloaded) == [false, false, false, true])
    }

    @Test func followUpListMostOverdueFirst() {
        let list = followUpList(grants: grants, today: today, dueSoonDays: 30)
        #expect(list.map(\.grant.caseId) == ["S-1", "S-3", "S-2", "S-5"])
    }
}
