import Testing
@testable import OverblikCore


/// One function (5.38.50, §108) in 2026 with today = 23-11-2026, worked by hand:
/// - A (citizen 1): from 01-01-2026, open, 1.000 kr./day, paid January–October (304 days),
///   each month posted on the 5th of the next, plus a refund of 1.000 kr. for March posted 20-04.
/// - B (citizen 2): 01-03…30-06, 2.000 kr./day, paid by another municipality: no forecast, no full-time.
/// - C (citizen 3): 15-10…15-12 (ends before 31 December), 500 kr./day, October paid (17 days, posted 05-11).
/// Budget 40.000 kr. a month; March corrected to 50.000 kr. A budget row of another function, and a
/// payment posted in January 2027, must not disturb anything.
@Suite("Økonomi: budget, spend, forecast, unit cost")
struct BudgetTests {
    let today = day(2026, 11, 23)
    let mapping = MappingIndex([
        MappingRow(paragraph: Paragraph(number: 108), function: "5.38.50", serviceCodes: ["108-01"], label: "Længerevarende botilbud"),
        MappingRow(paragraph: Paragraph(number: 85), function: "5.38.38", grouping: "004", serviceCodes: ["85-01"], label: "Støtte"),
    ], symbols: testSymbols)
    var grants: [Grant] {
        [Grant(caseId: "A", cpr: CPR(value: 1), paragraph: Paragraph(number: 108), serviceCode: "108-01", start: day(2026, 1, 1),
               rate: kr(1000), rateUnit: .day),
         Grant(caseId: "B", cpr: CPR(value: 2), paragraph: Paragraph(number: 108), serviceCode: "108-01", start: day(2026, 3, 1),
               end: day(2026, 6, 30), rate: kr(2000), rateUnit: .day, payingMunicipality: "Halsnæs"),
         Grant(caseId: "C", cpr: CPR(value: 3), paragraph: Paragraph(number: 108), serviceCode: "108-99", start: day(2026, 10, 15),
               end: day(2026, 12, 15), rate: kr(500), rateUnit: .day)]
    }
    var payments: [Payment] {
        var p: [Payment] = []
        for m in 1...10 {
            let month = DayRange.month(m, of: 2026)
            p.append(Payment(voucherId: "A\(m)", cpr: CPR(value: 1), function: "5.38.50", periodStart: month.start, periodEnd: month.end,
                             amount: kr(Int64(month.dayCount) * 1000), postingDate: day(2026, m + 1, 5)))
        }
        p.append(Payment(voucherId: "R", cpr: CPR(value: 1), function: "5.38.50", periodStart: day(2026, 3, 1), periodEnd: day(2026, 3, 31),
                         amount: kr(-1000), postingDate: day(2026, 4, 20)))
        p.append(Payment(voucherId: "C10", cpr: CPR(value: 3), function: "5.38.50", periodStart: day(2026, 10, 15), periodEnd: day(2026, 10, 31),
                         amount: kr(8500), postingDate: day(2026, 11, 5)))
        p.append(Payment(voucherId: "late", cpr: CPR(value: 3), function: "5.38.50", periodStart: day(2026, 11, 1), periodEnd: day(2026, 11, 30),
                         amount: kr(15000), postingDate: day(2027, 1, 5)))
        p.append(Payment(voucherId: "other", cpr: CPR(value: 1), function: "5.38.38", grouping: "004", periodStart: day(2026, 1, 1),
                         periodEnd: day(2026, 1, 31), amount: kr(777), postingDate: day(2026, 2, 5)))
        return p
    }
    var budget: [BudgetLine] {
        (1...12).map { BudgetLine(year: 2026, month: $0, function: "5.38.50", budget: kr(40000), correctedBudget: $0 == 3 ? kr(50000) : nil) }
            + [BudgetLine(year: 2026, month: 1, function: "5.38.99", budget: kr(5)), BudgetLine(year: 2025, month: 1, function: "5.38.98", budget: kr(5))]
    }

    var rows: [BudgetMonth] { budgetView(grants: grants, payments: payments, budget: budget, mapping: mapping, year: 2026, today: today) }

    @Test func functionsFromMappingAndBudgetFile() {
        #expect(Set(rows.map(\.function)) == ["5.38.38", "5.38.50", "5.38.99"])
        #expect(rows.count == 36)
    }

    @Test func spendByPostingMonthAndCumulativeFigures() {
        let f = rows.filter { $0.function == "5.38.50" }
        #expect(f.map(\.spend) == [0, 31000, 28000, 30000, 30000, 31000, 30000, 31000, 31000, 30000, 39500, 0].map(kr))
        #expect(f[2].budget == kr(50000))
        #expect(f[2].cumulativeBudget == kr(130_000))
        #expect(f[2].cumulativeSpend == kr(59000))
        #expect(f[2].deviation == kr(71000))
        #expect(f[0].annualBudget == kr(490_000))
        #expect(f[0].label == "Længerevarende botilbud")
    }

    /// 311.500 paid for 2026 by payments posted until today + A's 61 unpaid days × 1.000 + C's 45 unpaid days × 500 = 395.000.
    /// (C's November is paid by a payment posted only in 2027, after today: those days are still forecast.)
    @Test func forecastAddsUnpaidDaysOfOwnGrants() {
        let f = rows.filter { $0.function == "5.38.50" }
        #expect(Set(f.map(\.forecastYear)) == [kr(395_000)])
        // The grant of another municipality is not forecast; the other function's payment not counted.
        #expect(rows.first { $0.function == "5.38.38" }!.forecastYear == kr(777))
    }

    @Test func fullTimePersonsAndUnitCost() {
        let f = rows.filter { $0.function == "5.38.50" }
        #expect(f[5].fullTimePersons == FullTimePersons(coveredDays: 30, periodDays: 30))   // June: A only (B is paid elsewhere)
        #expect(f[9].fullTimePersons.danish == "1,55")                                      // October: (31 + 17) / 31
        // March: paid for 1 Jan … 31 Mar = 31.000 + 28.000 + 31.000 − 1.000 = 89.000 over 90 covered days × 365.
        #expect(f[2].unitCost == Money(ore: 36_094_444))
        // October: 303.000 + 8.500 = 311.500 over 304 + 17 = 321 days × 365 = 354.197,82.
        #expect(f[9].unitCost == Money(ore: 35_419_782))
        #expect(f[10].unitCost == nil)   // November has not ended
        #expect(f[11].unitCost == nil)
    }

    @Test func paidForIsProRataToThePaymentPeriod() {
        let p = Payment(voucherId: "x", cpr: CPR(value: 1), function: "f", periodStart: day(2026, 1, 20), periodEnd: day(2026, 2, 8),
                        amount: Money(ore: 100_000), postingDate: day(2026, 2, 10))
        // 12 of the payment's 20 days fall in January: 1.000 × 12/20 = 600.
        #expect(paidFor([p], in: .month(1, of: 2026)) == Money(ore: 60_000))
        #expect(paidFor([p], in: .month(3, of: 2026)) == .zero)
    }
}

@Suite("Paid to each month end in one pass")
struct PaidToMonthEndTests {
    /// The one-pass figures equal `paidFor` on each range 1 January … month end, rounding included.
    @Test func equalsPaidForOnEveryRange() {
        var random = SystemRandomNumberGenerator()
        let first = Day(year: 2024, month: 11, day: 1)!
        var payments: [Payment] = []
        for i in 0..<3_000 {
            let start = first.advanced(by: Int.random(in: 0...500, using: &random))
            let end = start.advanced(by: Int.random(in: 0...70, using: &random))
            payments.append(Payment(voucherId: "\(i)", cpr: CPR(value: 101_901_234), function: "5.38.50", periodStart: start,
                                    periodEnd: end, amount: Money(ore: Int64.random(in: -50_000...9_000_000, using: &random)),
                                    postingDate: end))
        }
        let fast = paidForYearToMonthEnds(payments, year: 2025)
        for m in 1...12 {
            let range = DayRange(Day(year: 2025, month: 1, day: 1)!, DayRange.month(m, of: 2025).end)!
            #expect(fast[m] == paidFor(payments, in: range), "month \(m)")
        }
        // Read in place at positions: the same as the payments at those positions copied out.
        let positions = (0..<Int32(payments.count)).filter { _ in Bool.random(using: &random) }
        for m in 1...12 {
            let month = DayRange.month(m, of: 2025)
            #expect(paidFor(payments, positions, in: month) == paidFor(positions.map { payments[Int($0)] }, in: month), "month \(m)")
        }
    }
}

/// The forecast by service year (domain.md, Budget vs spend), on cases worked by hand with one
/// function: paid = each payment posted by today × its days in the year ÷ its days, summed
/// exactly and rounded once; unpaid = daily rate × the grant's days of the year no such payment covers.
@Suite("Økonomi: the forecast by service year")
struct ServiceYearForecastTests {
    func payment(_ id: String, _ cpr: Int64, _ from: Day, _ to: Day, ore: Int64, posted: Day) -> Payment {
        Payment(voucherId: id, cpr: CPR(value: cpr), function: "5.38.50", periodStart: from, periodEnd: to,
                amount: Money(ore: ore), postingDate: posted)
    }

    /// G: 01-12-2025 … 30-06-2026 (ends in June), 100 kr. a day, paid monthly in arrears on the 5th.
    var grantEndingInJune: Grant {
        Grant(caseId: "G", cpr: CPR(value: 1), paragraph: Paragraph(number: 108), serviceCode: "108-01", start: day(2025, 12, 1),
              end: day(2026, 6, 30), rate: kr(100), rateUnit: .day)
    }
    var paidInArrears: [Payment] {
        [payment("dec", 1, day(2025, 12, 1), day(2025, 12, 31), ore: 310_000, posted: day(2026, 1, 5))]
            + (1...6).map { m in
                let month = DayRange.month(m, of: 2026)
                return payment("m\(m)", 1, month.start, month.end, ore: Int64(month.dayCount) * 10_000, posted: day(2026, m + 1, 5))
            }
    }

    /// December 2025 posted in January counts towards 2025 only: 2026 holds January–June, 181
    /// days × 100 = 18.100 (the rule until 2026-11-24 gave 21.200: thirteen months). 2025 holds December.
    @Test func aDecemberPaymentPostedInJanuaryCountsForLastYear() {
        #expect(forecastYear(grants: [grantEndingInJune], payments: paidInArrears, year: 2026, today: day(2026, 11, 23)) == kr(18_100))
        #expect(forecastYear(grants: [grantEndingInJune], payments: paidInArrears, year: 2025, today: day(2026, 11, 23)) == kr(3_100))
    }

    /// On 20-06-2026 June's payment (posted 05-07) is not paid yet: its 30 days are unpaid and forecast,
    /// 15.100 paid + 3.000 unpaid; a grant ending in June has nothing after it.
    @Test func aPaymentPostedAfterTodayIsNotPaidYet() {
        #expect(forecastYear(grants: [grantEndingInJune], payments: paidInArrears, year: 2026, today: day(2026, 6, 20)) == kr(18_100))
        // Without the grant only what is paid remains: 15.100.
        #expect(forecastYear(grants: [], payments: paidInArrears, year: 2026, today: day(2026, 6, 20)) == kr(15_100))
    }

    /// A payment for 16-12-2026 … 15-01-2027 (31 days, 310 kr.) posted 20-11-2026 is split by days:
    /// 16 days (160 kr.) in 2026, 15 days (150 kr.) in 2027. The grant (from 01-11-2026, 10 kr. a day)
    /// is unpaid 01-11 … 15-12 (45 days, 450 kr.) in 2026 and 16-01 … 31-12 (350 days, 3.500 kr.) in 2027.
    @Test func aPaymentStraddlingNewYearIsSplitByDays() {
        let grant = Grant(caseId: "S", cpr: CPR(value: 2), paragraph: Paragraph(number: 108), serviceCode: "108-01",
                          start: day(2026, 11, 1), rate: kr(10), rateUnit: .day)
        let paid = [payment("x", 2, day(2026, 12, 16), day(2027, 1, 15), ore: 31_000, posted: day(2026, 11, 20))]
        #expect(forecastYear(grants: [grant], payments: paid, year: 2026, today: day(2026, 11, 23)) == kr(610))
        #expect(forecastYear(grants: [grant], payments: paid, year: 2027, today: day(2026, 11, 23)) == kr(3_650))
    }

    /// Three payments of 1 kr. for 31-12-2025 … 02-01-2026 each put a third of a krone on 2025:
    /// summed exactly that is 1,00 kr. (rounded per payment it would be 0,99).
    @Test func thePaidPartIsRoundedOncePerFunction() {
        let thirds = (1...3).map { payment("t\($0)", 3, day(2025, 12, 31), day(2026, 1, 2), ore: 100, posted: day(2026, 1, 5)) }
        #expect(forecastYear(grants: [], payments: thirds, year: 2025, today: day(2026, 11, 23)) == Money(ore: 100))
        #expect(forecastYear(grants: [], payments: thirds, year: 2026, today: day(2026, 11, 23)) == Money(ore: 200))
    }

    @Test(arguments: [
        ([(1, 2)], 1), ([(-1, 2)], -1), ([(1, 3), (1, 6)], 1), ([(-1, 3), (-1, 6)], -1), ([(5, 2)], 3), ([(-5, 2)], -3),
        ([(1, 3), (1, 3)], 1), ([(-1, 3), (-1, 3)], -1), ([(1, 3)], 0), ([(7, 31), (-7, 31)], 0), ([(299, 100), (1, 7)], 3),
    ] as [([(Int, Int)], Int64)])
    func exactSumRoundsHalfAwayFromZeroOnce(fractions: [(Int, Int)], rounded: Int64) {
        var sum = ExactSum()
        for (n, d) in fractions { sum.add(Int128(n), over: Int64(d)) }
        #expect(sum.rounded == Money(ore: rounded))
    }
}
