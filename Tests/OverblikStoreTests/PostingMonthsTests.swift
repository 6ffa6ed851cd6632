import OverblikCore
@testable import OverblikSnapshotWriter
import Testing

/// The payment blocks' posting month (year × 100 + month) taken from a table per day of the
/// payments' range equals the calendar's own arithmetic, within the range, at its ends, and
/// where the range is too wide for a table (computed per payment then).
@Suite("Posting months of the payment blocks")
struct PostingMonthsTests {
    func payments(_ days: [Day]) -> [Payment] {
        var d = Dataset(municipality: Municipality(code: "250", name: "Frederikssund"))
        for (k, day) in days.enumerated() {
            d.addPayment(voucherId: "B-\(k)", cpr: CPR(value: 101_901_234), function: "5.38.50", periodStart: day, periodEnd: day,
                         amount: Money(ore: 100), postingDate: day, line: k + 2)
        }
        return d.payments
    }

    func expected(_ day: Day) -> UInt32 {
        let c = day.components
        return UInt32(c.year * 100 + c.month)
    }

    @Test func everyDayOfFourYearsIncludingLeapDays() {
        let first = Day(year: 2023, month: 12, day: 31)!
        let days = (0..<1_500).map { first.advanced(by: $0) }
        let months = payments(days).withUnsafeBufferPointer { PostingMonths($0) }
        for day in days { #expect(months[day] == expected(day)) }
        #expect(months[Day(year: 2024, month: 2, day: 29)!] == 202_402)
        #expect(months[Day(year: 2025, month: 3, day: 1)!] == 202_503)
        // A day outside the payments' range (asked of no payment, but answered all the same).
        #expect(months[Day(year: 1999, month: 12, day: 31)!] == 199_912)
    }

    @Test func aRangeTooWideForATableIsComputedPerDay() {
        let days = [Day(year: 1900, month: 1, day: 1)!, Day(year: 2026, month: 11, day: 23)!, Day(year: 9999, month: 12, day: 31)!]
        let months = payments(days).withUnsafeBufferPointer { PostingMonths($0) }
        #expect(days.map { months[$0] } == [190_001, 202_611, 999_912])
    }

    @Test func noPayments() {
        let months = [Payment]().withUnsafeBufferPointer { PostingMonths($0) }
        #expect(months[Day(year: 2026, month: 1, day: 31)!] == 202_601)
    }
}
