import Testing
@testable import OverblikCore

@Suite("Rates")
struct GrantCostTests {
    func grant(_ rate: Int64, _ unit: RateUnit, hours: Int64? = nil, start: Day = Day(year: 2025, month: 1, day: 1)!, end: Day? = nil) -> Grant {
        Grant(caseId: "S", cpr: CPR(value: 101_901_234), paragraph: Paragraph(number: 108), start: start, end: end,
              rate: Money(ore: rate), rateUnit: unit, hoursPerWeek: hours.map(Hundredths.init))
    }

    /// June 2025 has 30 days; each figure is worked out by hand from the rule in domain.md.
    @Test func expectedCostPerUnit() {
        let june = DayRange.month(6, of: 2025)
        #expect(grant(245_000, .day).expectedCost(in: june) == Money(ore: 7_350_000))           // 2.450 × 30
        #expect(grant(70_000, .week).expectedCost(in: june) == Money(ore: 300_000))             // 700/7 × 30 = 3.000
        #expect(grant(1_200_000, .month).expectedCost(in: june) == Money(ore: 1_183_562))       // 12.000×12/365×30 = 11.835,616…
        #expect(grant(36_500_000, .year).expectedCost(in: june) == Money(ore: 3_000_000))       // 365.000/365 × 30
        #expect(grant(45_000, .hour, hours: 750).expectedCost(in: june) == Money(ore: 1_446_429)) // 450×7,5/7×30 = 14.464,2857…
        #expect(grant(45_000, .hour).expectedCost(in: june) == .zero)                           // no hours: costs nothing
    }

    @Test func monthlyCost() {
        #expect(grant(245_000, .day).dailyRate?.monthlyCost == Money(ore: 7_452_083))  // 2.450 × 365/12 = 74.520,833…
        #expect(grant(1_200_000, .month).dailyRate?.monthlyCost == Money(ore: 1_200_000))
        #expect(grant(36_500_000, .year).dailyRate?.monthlyCost == Money(ore: 3_041_667))
    }

    @Test func onlyTheGrantsDaysCount() {
        let june = DayRange.month(6, of: 2025)
        let g = grant(100_000, .day, start: Day(year: 2025, month: 6, day: 20)!, end: Day(year: 2025, month: 7, day: 3)!)
        #expect(g.expectedCost(in: june) == Money(ore: 1_100_000))  // 20…30 June = 11 days
        var free = g
        free.rate = nil
        #expect(free.expectedCost(in: june) == .zero)
    }
}

@Suite("Data quality counts")
struct DataQualityTests {
    @Test func countsWhatFiguresCannotUseInFull() {
        var d = Dataset(municipality: Municipality(code: "250", name: "F"))
        let day = Day(year: 2026, month: 1, day: 1)!
        d.mapping = [MappingRow(paragraph: Paragraph(number: 85), function: "5.38.38", grouping: "004", serviceCodes: ["85-01"])]
        d.staff = [StaffMember(initials: "MHA")]
        d.grants = [Grant(caseId: "A", cpr: CPR(value: 1), paragraph: Paragraph(number: 85), start: day, rate: Money(kroner: 1), rateUnit: .day, caseworker: "mha"),
                    Grant(caseId: "B", cpr: CPR(value: 1), paragraph: Paragraph(number: 85), start: day, caseworker: "XYZ"),
                    Grant(caseId: "C", cpr: CPR(value: 1), paragraph: Paragraph(number: 85), start: day, rate: Money(kroner: 1), rateUnit: .hour)]
        d.payments = [Payment(voucherId: "1", cpr: CPR(value: 1), function: "5.38.38", grouping: "004", periodStart: day, periodEnd: day, amount: .zero, postingDate: day),
                      Payment(voucherId: "2", cpr: CPR(value: 1), function: "5.38.38", grouping: "009", periodStart: day, periodEnd: day, amount: .zero, postingDate: day),
                      Payment(voucherId: "3", cpr: CPR(value: 1), function: "5.99.99", periodStart: day, periodEnd: day, amount: .zero, postingDate: day)]
        d.symbols = testSymbols
        #expect(DataQuality(d) == DataQuality(grantsWithoutRate: 2, paymentsWithoutParagraph: 2, grantsWithUnknownCaseworker: 1))
        // A caseworker met again (known, unknown, in another case), none, and accounts in runs and back again.
        for (id, worker) in [("D", "XYZ"), ("E", ""), ("F", "Mha"), ("G", "mha")] {
            d.grants.append(Grant(caseId: id, cpr: CPR(value: 2), paragraph: Paragraph(number: 85), start: day, rate: Money(kroner: 1),
                                  rateUnit: .day, caseworker: worker))
        }
        for (id, function, grouping) in [("4", "5.38.38", "004"), ("5", "5.99.99", ""), ("6", "5.99.99", ""), ("7", "5.38.38", "004")] {
            d.payments.append(Payment(voucherId: id, cpr: CPR(value: 2), function: function, grouping: grouping, periodStart: day, periodEnd: day,
                                      amount: .zero, postingDate: day))
        }
        d.symbols = testSymbols
        #expect(DataQuality(d) == DataQuality(grantsWithoutRate: 2, paymentsWithoutParagraph: 4, grantsWithUnknownCaseworker: 2))
    }
}
