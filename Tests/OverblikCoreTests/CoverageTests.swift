import OverblikTestSupport
import Testing
@testable import OverblikCore

private func span(_ a: Day, _ b: Day?) -> Span { Span(start: a, end: b) }
private func grant(_ id: String, cpr: Int64, p: Int = 108, _ start: Day, _ end: Day?) -> Grant {
    Grant(caseId: id, cpr: CPR(value: cpr), paragraph: Paragraph(number: p), start: start, end: end)
}

@Suite("Unions, covered days, full-time persons, movements")
struct CoverageTests {
    @Test func unionMergesOverlapsAndTouchingSpans() {
        let u = union([span(day(2025, 3, 1), day(2025, 3, 31)), span(day(2025, 1, 1), day(2025, 2, 28)),
                       span(day(2025, 3, 15), day(2025, 4, 10)), span(day(2025, 6, 1), nil), span(day(2025, 7, 1), day(2025, 7, 2))])
        #expect(u == [span(day(2025, 1, 1), day(2025, 4, 10)), span(day(2025, 6, 1), nil)])
        #expect(union([span(day(2025, 1, 1), nil), span(day(2024, 1, 1), day(2024, 12, 30))])
                == [span(day(2024, 1, 1), day(2024, 12, 30)), span(day(2025, 1, 1), nil)])
    }

    /// Spans given in order (not sorted again) and the same spans in any order make one union:
    /// sorted, disjoint, not touching, covering exactly the days the spans cover (200 seeded lists
    /// of 1–6 spans in a 90-day window, some open, some starting the same day).
    @Test func unionIsTheSameInAnyOrder() {
        var random = SplitMix(seed: 25)
        let first = day(2025, 1, 1)
        for _ in 0..<200 {
            let spans = (0..<Int.random(in: 1...6, using: &random)).map { _ -> Span in
                let start = first.advanced(by: Int.random(in: 0...60, using: &random))
                return span(start, Int.random(in: 0...5, using: &random) == 0 ? nil : start.advanced(by: Int.random(in: 0...20, using: &random)))
            }
            let inOrder = spans.sorted { $0.start < $1.start }
            let u = union(inOrder)
            #expect(u == union(spans) && u == union(inOrder.reversed()) && u == union(spans.shuffled(using: &random)))
            #expect(zip(u, u.dropFirst()).allSatisfy { a, b in a.end.map { $0.advanced(by: 1) < b.start } ?? false })
            for d in 0..<120 {
                let x = first.advanced(by: d)
                #expect(u.contains { $0.covers(x) } == spans.contains { $0.covers(x) })
            }
        }
    }

    @Test func overlappingGrantsCountOnce() {
        // Two overlapping §108 grants of one citizen: 1 Jan … 30 Jun and 1 Apr … open.
        let coverage = ParagraphCoverage(grants: [grant("a", cpr: 1, day(2025, 1, 1), day(2025, 6, 30)),
                                                  grant("b", cpr: 1, day(2025, 4, 1), nil)])
        #expect(coverage.coveredDays(Paragraph(number: 108), in: .year(2025)) == 365)
        #expect(coverage.fullTimePersons(Paragraph(number: 108), in: .year(2025)).danish == "1,00")
    }

    @Test func fullTimePersonsInALeapYearAndAMonth() {
        // Citizen 1: all of 2024 (366 days). Citizen 2: 1 Feb … 29 Feb 2024 (29 days).
        // Citizen 3: open at both ends of the period (2023 … 2025). Citizen 4: ends on 1 March.
        let grants = [grant("1", cpr: 1, day(2024, 1, 1), day(2024, 12, 31)), grant("2", cpr: 2, day(2024, 2, 1), day(2024, 2, 29)),
                      grant("3", cpr: 3, day(2023, 6, 1), day(2025, 6, 1)), grant("4", cpr: 4, day(2023, 1, 1), day(2024, 3, 1))]
        let c = ParagraphCoverage(grants: grants)
        let p = Paragraph(number: 108)
        // 366 + 29 + 366 + 61 (1 Jan … 1 Mar 2024) = 822 → 822 / 366 = 2,2459…
        #expect(c.fullTimePersons(p, in: .year(2024)) == FullTimePersons(coveredDays: 822, periodDays: 366))
        #expect(c.fullTimePersons(p, in: .year(2024)).danish == "2,25")
        // March 2024: citizens 1 and 3 all month, citizen 4 one day: (31 + 31 + 1) / 31.
        #expect(c.fullTimePersons(p, in: .month(3, of: 2024)) == FullTimePersons(coveredDays: 63, periodDays: 31))
        #expect(c.recipients(p, on: day(2024, 2, 29)) == 4)
        #expect(c.recipients(p, on: day(2024, 3, 2)) == 2)
    }

    @Test func movementsPerParagraphAndMonth() {
        let grants = [
            grant("a", cpr: 1, day(2025, 1, 15), day(2025, 3, 31)), grant("b", cpr: 1, day(2025, 4, 1), nil),  // continuous
            grant("c", cpr: 2, day(2025, 2, 1), day(2025, 2, 1)),                                               // one day
            grant("d", cpr: 3, day(2024, 6, 1), day(2025, 1, 31)),                                              // from last year
            grant("e", cpr: 4, p: 85, day(2025, 3, 10), nil),
        ]
        let lines = movements(grants: grants, year: 2025)
        let p108 = lines.filter { $0.paragraph == Paragraph(number: 108) }
        #expect(p108.count == 12)
        // January: citizen 1 flows in; citizen 3 flows out on the 31st and so is still covered that day.
        // February: citizen 2 in and out on the 1st. March → April: a to b continue without a break.
        #expect(p108.prefix(4).map { [$0.inflow, $0.outflow, $0.activeAtMonthEnd] } == [[1, 1, 2], [1, 1, 1], [0, 0, 1], [0, 0, 1]])
        let p85 = lines.filter { $0.paragraph == Paragraph(number: 85) }
        #expect(p85[2].inflow == 1)
        #expect(p85[11].activeAtMonthEnd == 1)
        #expect(lines.first?.paragraph == Paragraph(number: 85))
    }
}
