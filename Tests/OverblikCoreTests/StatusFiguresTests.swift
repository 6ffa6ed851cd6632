import Testing
@testable import OverblikCore

/// The status report's figures (management.md §2) on the data of `DevelopmentTests`, worked by
/// hand, seen from 10-04-2025: the report's year is 2025 to March, against January–March 2024.
/// - Citizen 1: §85 from 01-01-2024, open; §104 10-02…29-02-2024 (target group Sindslidelse).
/// - Citizen 2: §85 31-01…15-02-2024, paid by another municipality.
/// - Payments 2024: 3.000 kr. for 16-01…14-02 posted 20-02 (citizen 1); 3.100 kr. for March, posted
///   31-03 (citizen 3, no grant, on §108's function).
@Suite("Statusrapport: the figures by hand")
struct StatusFiguresTests {
    let today = day(2025, 4, 10)
    /// The hand-worked data of `DevelopmentTests`.
    var dataset: Dataset { DevelopmentTests().dataset }

    func budgetLine(_ function: String, _ month: Int, budget: Int64, spend: Int64, forecast: Int64) -> BudgetMonth {
        BudgetMonth(year: 2025, month: month, function: function, label: "Tekst \(function)", budget: kr(budget), spend: kr(spend),
                    cumulativeBudget: .zero, cumulativeSpend: .zero, deviation: .zero, annualBudget: kr(budget * 12),
                    forecastYear: kr(forecast), fullTimePersons: FullTimePersons(coveredDays: 0, periodDays: 1), unitCost: nil)
    }

    func figures(budget: [BudgetMonth] = [], reconciliation: Reconciliation? = nil,
                 annotations: [String: Annotation] = [:]) throws -> StatusFigures {
        try #require(StatusFigures.compute(year: 2025, today: today, development: Development.compute(dataset, today: today),
                                           budget: budget, reconciliation: reconciliation, annotations: annotations))
    }

    @Test func keyFiguresAgainstTheSameMonthsAYearEarlier() throws {
        let f = try figures()
        #expect((f.year, f.lastMonth) == (2025, 3))
        // 2025: citizen 1 alone, all 90 days; no payments (0 kr. per year over the days paid for).
        let now = f.keyFigures
        #expect((now.citizensAtEnd, now.inflow, now.outflow, now.months) == (1, 0, 0, 3))
        #expect(now.fullTimePersons == FullTimePersons(coveredDays: 90, periodDays: 90))
        #expect(now.spend == .zero && now.paidFor == .zero && now.unitCost == Money.zero)
        // January–March 2024 (91 days, a leap year): covered 32 + 44 + 31 = 107 days; two inflows in
        // January, citizen 2's outflow in February; every payment of the three months.
        let before = try #require(f.keyFiguresLastYear)
        #expect((before.citizensAtEnd, before.inflow, before.outflow) == (1, 2, 1))
        #expect(before.fullTimePersons == FullTimePersons(coveredDays: 107, periodDays: 91))
        #expect(before.fullTimePersons.danish == "1,18")
        #expect((before.spend, before.paidFor) == (kr(6100), kr(6100)))
        // Unit cost: 6.100 ÷ 91 days of citizen 1 (citizen 2 is paid by Egedal) × 366 = 24.534,07.
        #expect(before.unitCost == Money(ore: 2_453_407))
    }

    @Test func casesByParagraphOver24MonthsAsFarBackAsTheDataGo() throws {
        let f = try figures()
        // April 2023 … March 2025 asked; the data begin in January 2024: 15 months.
        #expect(f.caseMonths.first?.key == "2024-01" && f.caseMonths.last?.key == "2025-03" && f.caseMonths.count == 15)
        let s85 = try #require(f.casesByParagraph.first { $0.key == "SEL-85" })
        #expect(Array(s85.values.prefix(3)) == [2, 1, 1])
        // §104 was active on no month's last day after February 2024 … but on 29-02: once.
        let s104 = try #require(f.casesByParagraph.first { $0.key == "SEL-104" })
        #expect(s104.values.compactMap { $0 }.reduce(0, +) == 1)
        #expect(f.casesTotal.values.first == 2)
    }

    @Test func budgetSummedPerMonthAndTheForecastPerFunction() throws {
        let budget = [budgetLine("5.38.38", 1, budget: 100, spend: 90, forecast: 1300), budgetLine("5.38.42", 1, budget: 50, spend: 70, forecast: 500),
                      budgetLine("5.38.38", 4, budget: 100, spend: 0, forecast: 1300)]
        let f = try figures(budget: budget)
        #expect(f.budgetByMonth.count == 12)
        #expect(f.budgetByMonth[0] == .init(month: CalendarMonth(year: 2025, month: 1), budget: kr(150), spend: kr(160)))
        #expect(f.budgetByMonth[1].spend == kr(0))
        // April is not over: its budget, no spend.
        #expect(f.budgetByMonth[3] == .init(month: CalendarMonth(year: 2025, month: 4), budget: kr(100), spend: nil))
        #expect(f.forecastByFunction.map(\.function) == ["5.38.38", "5.38.42"])
        #expect(f.forecastByFunction[1].difference == kr(500 - 600))
    }

    @Test func discrepanciesByKindWithTheirAnnotations() throws {
        func x(_ key: String, _ kind: DiscrepancyKind, explained: Bool = false) -> Discrepancy {
            Discrepancy(key: key, kind: kind, paragraph: Paragraph(number: 85), cpr: CPR(value: 1), caseIds: [], voucherIds: [], month: nil,
                        caseworker: "MHA", amount: nil, explained: explained, explanation: nil, message: Message(da: "", en: ""))
        }
        let r = Reconciliation(period: DayRange(ordering: day(2025, 1, 1), day(2025, 3, 31)), ottetal: [],
                               discrepancies: [x("a", .onlyInEconomy), x("b", .onlyInEconomy, explained: true), x("c", .onlyInEconomy), x("d", .rateMismatch)])
        let notes = ["a": Annotation(key: "a", status: .fixed, note: "", who: "k", at: ""),
                     "c": Annotation(key: "c", status: .explained, note: "", who: "k", at: ""),
                     "d": Annotation(key: "d", status: .investigating, note: "", who: "k", at: "")]
        let f = try figures(reconciliation: r, annotations: notes)
        #expect(f.discrepancyKinds == [
            .init(kind: .onlyInEconomy, found: 3, explained: 1, annotatedFixed: 1, annotatedExplained: 1),
            .init(kind: .rateMismatch, found: 1, explained: 0, annotatedFixed: 0, annotatedExplained: 0),
        ])
    }

    @Test func targetGroupsTheYearAgainstTheYearBefore() throws {
        let f = try figures()
        let unknown = try #require(f.targetGroups.first { $0.group == "Uoplyst" })
        #expect((unknown.citizensAtEnd, unknown.citizensAtEndLastYear) == (1, 1))
        let mental = try #require(f.targetGroups.first { $0.group == "Sindslidelse" })
        // 10-02…29-02-2024: 20 of the 91 days; ended before March's end.
        #expect((mental.citizensAtEnd, mental.citizensAtEndLastYear) == (0, 0))
        #expect(mental.fullTimePersonsLastYear == FullTimePersons(coveredDays: 20, periodDays: 91))
    }

    @Test func thePeriod() throws {
        let development = Development.compute(dataset, today: today)
        // A year not begun, or with no month over, has no report; a past year is whole.
        #expect(StatusFigures.period(year: 2026, today: today, development: development) == nil)
        #expect(StatusFigures.period(year: 2025, today: day(2025, 1, 20), development: Development.compute(dataset, today: day(2025, 1, 20))) == nil)
        #expect(StatusFigures.period(year: 2024, today: today, development: development)! == (2024, 12))
        // Before the data begin: none.
        #expect(StatusFigures.period(year: 2023, today: today, development: development) == nil)
    }
}
