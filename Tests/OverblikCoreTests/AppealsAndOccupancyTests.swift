import Testing
@testable import OverblikCore

/// Klagesager (management.md §5) and Belægning (§7) on small hand-computed data.
@Suite("Klagesager and belægning by hand")
struct AppealsAndOccupancyTests {
    let s85 = Paragraph(number: 85), s108 = Paragraph(number: 108)
    let today = day(2026, 11, 23)

    func appeal(_ id: String, _ p: Paragraph, received: Day, reconsidered: Day? = nil, _ r: Reconsideration? = nil,
                board: Day? = nil, _ o: AppealOutcome? = nil) -> Appeal {
        Appeal(appealId: id, cpr: CPR(value: 101_801_234), paragraph: p, received: received, reconsidered: reconsidered,
               reconsideration: r, boardDecided: board, outcome: o)
    }

    @Test func outcomesAreReadInEverySpelling() {
        #expect(AppealOutcome(parsing: "Stadfæstet") == .upheld && AppealOutcome(parsing: " stadfaestet ") == .upheld)
        #expect(AppealOutcome(parsing: "ÆNDRET") == .changed && AppealOutcome(parsing: "aendret") == .changed)
        #expect(AppealOutcome(parsing: "ophaevet") == .annulled && AppealOutcome(parsing: "hjemvist") == .remitted)
        #expect(AppealOutcome(parsing: "godkendt") == nil && AppealOutcome(parsing: "") == nil)
        #expect(Reconsideration(parsing: "Delvis  medhold") == .partlyAgreed && Reconsideration(parsing: "fastholdt") == .upheld)
        #expect(!AppealOutcome.dismissed.isOnMerits && !AppealOutcome.referred.isOnMerits && !AppealOutcome.lapsed.isOnMerits)
        #expect(AppealOutcome.remitted.isOnMerits)
    }

    @Test func omgoerelsesprocentLeavesOutWhatIsNotJudgedOnTheMerits() {
        let r = day(2025, 2, 1)
        let appeals = [
            appeal("1", s85, received: r, board: day(2025, 6, 1), .upheld),
            appeal("2", s85, received: r, board: day(2025, 6, 2), .upheld),
            appeal("3", s85, received: r, board: day(2025, 6, 3), .changed),
            appeal("4", s85, received: r, board: day(2025, 6, 4), .remitted),
            appeal("5", s85, received: r, board: day(2025, 6, 5), .dismissed),
            appeal("6", s85, received: r, board: day(2025, 6, 6), .referred),
            appeal("7", s85, received: r, board: day(2025, 6, 7), .lapsed),
            // Only outcomes not on the merits: divisor 0, no percentage.
            appeal("8", s108, received: r, board: day(2025, 7, 1), .dismissed),
            // Decided 31 December and 1 January: each in its own year.
            appeal("9", s108, received: r, board: day(2025, 12, 31), .annulled),
            appeal("10", s108, received: r, board: day(2026, 1, 1), .upheld),
        ]
        let lines = appealLines(appeals, today: today)
        func line(_ p: Paragraph?, _ y: Int) -> AppealLine? { lines.first { $0.paragraph == p && $0.year == y } }
        let a = line(s85, 2025)
        #expect(a?.decided == 7 && a?.upheld == 2 && a?.changedOrAnnulled == 1 && a?.remitted == 1 && a?.notOnMerits == 3)
        #expect(a?.divisor == 4 && a?.reversalRate == 50)
        let b = line(s108, 2025)
        #expect(b?.decided == 2 && b?.divisor == 1 && b?.reversalRate == 100)
        #expect(line(s108, 2026)?.divisor == 1 && line(s108, 2026)?.reversalRate == 0)
        // All paragraphs together: (1 + 1 + 1) ÷ 5.
        #expect(line(nil, 2025)?.divisor == 5 && line(nil, 2025)?.reversalRate == 60)
        #expect(line(nil, 2025)?.received == 10 && line(nil, 2026)?.received == 0)
        // Rows: every paragraph and the total for 2025 and 2026 (today's year), pending only on 2026.
        #expect(lines.map { "\($0.paragraph?.key ?? "-") \($0.year)" } == ["SEL-85 2025", "SEL-108 2025", "- 2025",
                                                                        "SEL-85 2026", "SEL-108 2026", "- 2026"])
        #expect(line(nil, 2025)?.pending == nil && line(nil, 2026)?.pending == 0)
        let only = appealLines([appeal("8", s108, received: r, board: day(2025, 7, 1), .dismissed)], today: today)
        #expect(only.first?.divisor == 0 && only.first?.reversalRate == nil)
        #expect(appealLines(appeals, today: today, year: 2026).map(\.year) == [2026, 2026, 2026])
    }

    @Test func reconsiderationWithin28DaysAndMedholdEndingTheAppeal() {
        let r = day(2025, 3, 2)
        let appeals = [
            appeal("28", s85, received: r, reconsidered: day(2025, 3, 30), .upheld, board: day(2025, 9, 1), .upheld),
            appeal("29", s85, received: r, reconsidered: day(2025, 3, 31), .upheld, board: day(2025, 9, 2), .remitted),
            // medhold: agreed, ends there (a board date on the row is not counted), never pending.
            appeal("m", s85, received: r, reconsidered: day(2025, 3, 10), .agreed),
            appeal("mb", s85, received: r, reconsidered: day(2025, 3, 10), .agreed, board: day(2025, 9, 3), .upheld),
            // delvis medhold: agreed, and goes on to the board, still pending.
            appeal("d", s85, received: day(2026, 9, 4), reconsidered: day(2026, 10, 14), .partlyAgreed),
            // pending since 26 July, no reconsideration yet.
            appeal("p", s108, received: day(2026, 7, 26)),
        ]
        let lines = appealLines(appeals, today: today)
        func line(_ p: Paragraph?, _ y: Int) -> AppealLine? { lines.first { $0.paragraph == p && $0.year == y } }
        #expect(line(s85, 2025)?.received == 4 && line(s85, 2025)?.reconsideredInTime == 3)
        #expect(line(s85, 2025)?.agreedInReconsideration == 2 && line(s85, 2025)?.decided == 2)
        #expect(line(s85, 2026)?.received == 1 && line(s85, 2026)?.reconsideredInTime == 0)
        #expect(line(s85, 2026)?.agreedInReconsideration == 1 && line(s85, 2026)?.pending == 1)
        #expect(line(s108, 2026)?.pending == 1 && line(nil, 2026)?.pending == 2)
        // s108 has no appeal in 2025 but a row, all zero.
        #expect(line(s108, 2025).map { $0.decided == 0 && $0.received == 0 && $0.reversalRate == nil } == true)
        let pending = pendingAppeals(appeals, today: today)
        #expect(pending.map(\.appeal.appealId) == ["p", "d"] && pending.map(\.ageDays) == [120, 80])
    }

    // MARK: Belægning


    func stay(_ cpr: Int64, _ provider: String, _ from: Day, _ to: Day?) -> ProviderStay {
        ProviderStay(cpr: CPR(value: cpr), provider: provider, span: Span(start: from, end: to))
    }

    @Test func occupancyWithPartValidityOverbookingAndProvidersWithoutRows() {
        let feb = CalendarMonth(year: 2026, month: 2), mar = CalendarMonth(year: 2026, month: 3)
        let agreements = [
            // Valid from 15 March: 17 days of March.
            ProviderAgreement(provider: "Udslusningen", paragraph: s108, places: 2, from: day(2026, 3, 15), budgetedOccupancy: 90),
            // One place, two citizens all of March: overbooked.
            ProviderAgreement(provider: "  SØLYST ", places: 1),
        ]
        let stays = [
            stay(1, "Udslusningen", day(2026, 2, 1), nil),
            // Two overlapping grants of one citizen at one provider: counted once.
            stay(2, "udslusningen", day(2026, 3, 1), day(2026, 3, 20)),
            stay(2, "Udslusningen ", day(2026, 3, 10), day(2026, 3, 31)),
            stay(3, "Sølyst", day(2026, 1, 1), nil),
            stay(4, "sølyst", day(2026, 3, 1), nil),
            stay(5, "Hjemmevejleder  Hansen", day(2026, 3, 16), day(2026, 3, 31)),
        ]
        let lines = occupancyLines(stays: stays, agreements: agreements, months: [feb, mar], yearRow: true)
        #expect(lines.map { "\($0.provider) \($0.month?.key ?? "år")" } == [
            "SØLYST 2026-02", "SØLYST 2026-03", "SØLYST år",
            "Udslusningen 2026-02", "Udslusningen 2026-03", "Udslusningen år",
            "Hjemmevejleder Hansen 2026-03", "Hjemmevejleder Hansen år"])
        let udFeb = lines[3], udMar = lines[4], udYear = lines[5]
        // February: grants, no valid agreement: places 0, occupancy none, free places −28 ÷ 28.
        #expect(udFeb.capacityDays == 0 && udFeb.occupiedDays == 28 && udFeb.occupancy == nil && udFeb.freePlaces == -1)
        #expect(udFeb.budgetedOccupancy == nil && udFeb.places == 0)
        // March: 2 places × 17 days = 34; occupied 31 + 31 (citizen 2 once) = 62.
        #expect(udMar.capacityDays == 34 && udMar.occupiedDays == 62 && udMar.budgetedOccupancy == 90)
        #expect(udMar.places.map { ($0 * 10).rounded() / 10 } == 1.1 && udMar.freePlaces == Double(34 - 62) / 31)
        #expect(udYear.capacityDays == 34 && udYear.occupiedDays == 90 && udYear.days == 59)
        let soMar = lines[1]
        #expect(soMar.capacityDays == 31 && soMar.occupiedDays == 62 && soMar.occupancy == 200 && soMar.freePlaces == -1)
        #expect(lines[0].occupancy == 100 && lines[0].freePlaces == 0)
        // Without a providers row: no capacity, occupied days given, listed last.
        let hh = lines[6]
        #expect(hh.capacityDays == nil && hh.places == nil && hh.occupancy == nil && hh.freePlaces == nil && hh.occupiedDays == 16)
        #expect(lines[7].occupiedDays == 16 && lines[7].capacityDays == nil)
    }

    @Test func agreementsOverTimeAddUp() {
        let may = CalendarMonth(year: 2026, month: 5), jun = CalendarMonth(year: 2026, month: 6)
        let agreements = [
            ProviderAgreement(provider: "Ørnehøj", places: 23, to: day(2026, 5, 31)),
            ProviderAgreement(provider: "Ørnehøj", places: 25, from: day(2026, 6, 1)),
            ProviderAgreement(provider: "Ørnehøj", places: 3, from: day(2026, 6, 15), to: day(2026, 9, 30)),
        ]
        let lines = occupancyLines(stays: [], agreements: agreements, months: [may, jun])
        #expect(lines.map(\.capacityDays) == [713, 750 + 48])
        #expect(lines.map { $0.places.map { ($0 * 10).rounded() / 10 } } == [23, 26.6])
        #expect(lines.allSatisfy { $0.occupancy == 0 })
        #expect(providerKey("  Boligselskabet   Greve Strand ") == "boligselskabet greve strand")
        // A line break in a quoted field is white space like any other.
        #expect(providerKey("Aktivitetshuset Fjordlys\n(afd. Strandvejen)") == "aktivitetshuset fjordlys (afd. strandvejen)")
        #expect(providerName("\tØrnehøj \u{00A0} Vest ") == "Ørnehøj Vest")
    }
}
