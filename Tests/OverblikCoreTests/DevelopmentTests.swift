import Testing
@testable import OverblikCore


/// Udvikling (management.md §1) on data worked by hand; today 10-04-2024, so January–March 2024
/// (a leap year) are shown, and the first month with data is January.
/// - Citizen 1: §85 from 01-01-2024, open; §104 10-02…29-02 (team Bostøtte, no target group).
/// - Citizen 2: §85 31-01…15-02 (starts on the month's last day), paid by another municipality.
/// - A payment for citizen 1 on 5.38.38 (§85) for 16-01…14-02 (30 days), 3.000 kr., posted 20-02:
///   16 days (1.600 kr.) fall in January and 14 (1.400 kr.) in February.
/// - A payment for citizen 3, who has no grant, on 5.38.50 (§108) for March, 3.100 kr., posted 31-03:
///   paid for, but on a function with no covered days, so no unit cost there.
@Suite("Udvikling: the series by hand")
struct DevelopmentTests {
    let today = day(2024, 4, 10)
    var dataset: Dataset {
        var d = Dataset(municipality: Municipality(code: "250", name: "Frederikssund"))
        d.mapping = [MappingRow(paragraph: Paragraph(number: 85), function: "5.38.38"),
                     MappingRow(paragraph: Paragraph(number: 104), function: "5.38.42"),
                     MappingRow(paragraph: Paragraph(number: 108), function: "5.38.50")]
        d.staff = [StaffMember(initials: "MHA", name: "Mette", team: "Bostøtte", role: .caseworker)]
        d.grants = [
            Grant(caseId: "1a", cpr: CPR(value: 1), paragraph: Paragraph(number: 85), start: day(2024, 1, 1), caseworker: "MHA"),
            Grant(caseId: "1b", cpr: CPR(value: 1), paragraph: Paragraph(number: 104), start: day(2024, 2, 10), end: day(2024, 2, 29),
                  team: "Bostøtte", targetGroup: "Sindslidelse"),
            Grant(caseId: "2", cpr: CPR(value: 2), paragraph: Paragraph(number: 85), start: day(2024, 1, 31), end: day(2024, 2, 15),
                  payingMunicipality: "Egedal"),
        ]
        d.addPayment(voucherId: "P1", cpr: CPR(value: 1), function: "5.38.38", periodStart: day(2024, 1, 16), periodEnd: day(2024, 2, 14),
                     amount: kr(3000), postingDate: day(2024, 2, 20))
        d.addPayment(voucherId: "P2", cpr: CPR(value: 3), function: "5.38.50", periodStart: day(2024, 3, 1), periodEnd: day(2024, 3, 31),
                     amount: kr(3100), postingDate: day(2024, 3, 31))
        return d
    }

    func row(_ rows: [DevelopmentRow], _ month: Int, _ value: String?) throws -> DevelopmentRow {
        try #require(rows.first { $0.month == CalendarMonth(year: 2024, month: month) && $0.value == value })
    }

    @Test func theTotal() throws {
        let development = Development.compute(dataset, today: today)
        #expect(development.months.map(\.key) == ["2024-01", "2024-02", "2024-03"])
        let rows = development.rows(by: nil)
        #expect(rows.count == 3)
        let jan = try row(rows, 1, nil), feb = try row(rows, 2, nil), mar = try row(rows, 3, nil)
        // January: both citizens active on the 31st (citizen 2 from that very day), two inflows.
        #expect((jan.figures.activeAtMonthEnd, jan.figures.inflow, jan.figures.outflow, jan.figures.grants) == (2, 2, 0, 2))
        #expect(jan.figures.fullTimePersons == FullTimePersons(coveredDays: 32, periodDays: 31))
        // February has 29 days: citizen 1 all of them (once, though on two paragraphs), citizen 2 the 1st–15th.
        #expect((feb.figures.activeAtMonthEnd, feb.figures.inflow, feb.figures.outflow, feb.figures.grants) == (1, 0, 1, 2))
        #expect(feb.figures.fullTimePersons == FullTimePersons(coveredDays: 44, periodDays: 29))
        #expect(feb.figures.fullTimePersons.danish == "1,52")
        #expect(mar.figures.fullTimePersons == FullTimePersons(coveredDays: 31, periodDays: 31))
        // Spend by posting date; paid for by the days of the period in each month.
        #expect((jan.figures.spend, feb.figures.spend, mar.figures.spend) == (kr(0), kr(3000), kr(3100)))
        #expect((jan.figures.paidFor, feb.figures.paidFor, mar.figures.paidFor) == (kr(1600), kr(1400), kr(3100)))
        // Unit cost over the days of the grants this municipality pays (citizen 1 only):
        // January 1.600 ÷ 31 × 366 = 18.890,32; February 1.400 ÷ 29 × 366 = 17.668,97.
        #expect(jan.unitCostRate == Money(ore: 1_889_032))
        #expect(feb.unitCostRate == Money(ore: 1_766_897))
        // Nothing a year earlier, nor twelve months back: the data begin in January 2024.
        #expect(jan.lastYear == nil && jan.rolling12 == nil)
    }

    @Test func perParagraphACitizenCountsOnceInEach() throws {
        let rows = Development.compute(dataset, today: today).rows(by: .paragraph)
        #expect(Set(rows.map(\.value)) == [nil, "SEL-85", "SEL-104", "SEL-108"])
        let s85 = try row(rows, 2, "SEL-85"), s104 = try row(rows, 2, "SEL-104"), total = try row(rows, 2, nil)
        #expect((s85.figures.activeAtMonthEnd, s104.figures.activeAtMonthEnd, total.figures.activeAtMonthEnd) == (1, 1, 1))
        #expect((s104.figures.inflow, s104.figures.outflow, s104.figures.coveredDays) == (1, 1, 20))
        // The §85 payment by attribution; §104 has none (0, not none: it has money per paragraph).
        #expect((s85.figures.paidFor, s104.figures.paidFor) == (kr(1400), kr(0)))
        // §108: a payment, no grant: paid for, but no unit cost without covered days.
        let s108 = try row(rows, 3, "SEL-108")
        #expect(s108.figures.paidFor == kr(3100))
        #expect(s108.figures.coveredDays == 0)
        #expect(s108.unitCostRate == nil)
    }

    @Test func perFunctionTeamAndTargetGroup() throws {
        let development = Development.compute(dataset, today: today)
        let byFunction = development.rows(by: .function)
        #expect(Set(byFunction.map(\.value)) == [nil, "5.38.38", "5.38.42", "5.38.50"])
        #expect(try row(byFunction, 1, "5.38.38").unitCostRate == Money(ore: 1_889_032))
        #expect(try row(byFunction, 3, "5.38.50").unitCostRate == nil)
        // Per team: the grant's team, else the caseworker's in staff; citizen 2's grant has neither.
        let byTeam = development.rows(by: .team)
        #expect(Set(byTeam.map(\.value)) == [nil, "Bostøtte"])
        #expect(try row(byTeam, 1, "Bostøtte").figures.activeAtMonthEnd == 1)
        // No money per team, on the total row of that view neither.
        #expect(try row(byTeam, 2, nil).figures.spend == nil)
        #expect(try row(byTeam, 2, "Bostøtte").figures.paidFor == nil)
        // An empty target group is Uoplyst.
        let byGroup = development.rows(by: .targetGroup)
        #expect(Set(byGroup.map(\.value)) == [nil, "Uoplyst", "Sindslidelse"])
        #expect(try row(byGroup, 1, "Uoplyst").figures.activeAtMonthEnd == 2)
        // One series of a split is that split's rows of the series (the total without money too).
        for dimension in [nil] + DevelopmentDimension.allCases {
            let split = development.rows(by: dimension)
            for value in [nil, "Bostøtte", "5.38.38", "Uoplyst", "SEL-85", "none"] {
                #expect(development.rows(by: dimension, value: value) == split.filter { $0.value == value })
            }
        }
        #expect(development.rows(by: .team, value: nil).allSatisfy { $0.figures.spend == nil })
        #expect(development.rows(by: .team, value: "Bostøtte").count == byTeam.filter { $0.value == "Bostøtte" }.count)
    }

    /// One citizen with an open grant from 01-01-2023; today 10-03-2024: a year earlier and the rolling twelve months.
    @Test func aYearEarlierAndTheRollingTwelveMonths() throws {
        var d = Dataset(municipality: Municipality(code: "250", name: "Frederikssund"))
        d.grants = [Grant(caseId: "1", cpr: CPR(value: 1), paragraph: Paragraph(number: 85), start: day(2023, 1, 1))]
        let development = Development.compute(d, today: day(2024, 3, 10))
        #expect(development.months.first?.key == "2023-01" && development.months.last?.key == "2024-02")
        let rows = development.rows(by: nil)
        let jan24 = try #require(rows.first { $0.month.key == "2024-01" })
        #expect(jan24.lastYear?.coveredDays == 31)
        #expect(jan24.lastYear?.activeAtMonthEnd == 1)
        // February 2023 … January 2024: 365 days, every one covered.
        let r = try #require(jan24.rolling12)
        #expect((r.coveredDays, r.days, r.activeAtMonthEnd, r.inflow) == (365, 365, 1.0, 0))
        let dec23 = try #require(rows.first { $0.month.key == "2023-12" })
        #expect(dec23.rolling12?.inflow == 1)  // January 2023 … December 2023 holds the start
        let jun23 = try #require(rows.first { $0.month.key == "2023-06" })
        #expect(jun23.lastYear == nil && jun23.rolling12 == nil)
    }
}
