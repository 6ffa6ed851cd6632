import Testing
@testable import OverblikCore

@Suite("Day and DayRange")
struct DayTests {
    @Test func epochAndKnownOrdinals() {
        #expect(Day(year: 1970, month: 1, day: 1)!.ordinal == 0)
        #expect(Day(year: 1969, month: 12, day: 31)!.ordinal == -1)
        #expect(Day(year: 2000, month: 3, day: 1)!.ordinal == 11_017)
        #expect(Day(year: 2026, month: 11, day: 23)!.ordinal == 20_780)  // 56 × 365 + 14 leap days + 326
    }

    @Test(arguments: [(2024, 2, 29, true), (2025, 2, 29, false), (2000, 2, 29, true), (1900, 2, 29, false),
                      (2025, 4, 31, false), (2025, 12, 31, true), (2025, 13, 1, false), (2025, 1, 0, false)])
    func validity(year: Int, month: Int, day: Int, valid: Bool) {
        #expect((Day(year: year, month: month, day: day) != nil) == valid)
    }

    @Test func componentsRoundTripOverFourCenturies() {
        var d = Day(year: 1850, month: 1, day: 1)!
        let end = Day(year: 2250, month: 12, day: 31)!
        var count = 0
        while d <= end {
            let (y, m, dd) = d.components
            #expect(Day(year: y, month: m, day: dd) == d)
            d = d.advanced(by: 1)
            count += 1
        }
        #expect(count == 146_462)  // 401 years: 97 × 366 + 304 × 365
    }

    @Test func formatting() {
        let d = Day(year: 2026, month: 3, day: 5)!
        #expect(d.iso == "2026-03-05")
        #expect(d.danish == "05-03-2026")
        #expect(Day(iso: "2026-03-05") == d)
        #expect(Day(iso: "2026-3-5") == nil)
        #expect(d.firstOfMonth == Day(year: 2026, month: 3, day: 1))
        #expect(Day(year: 2024, month: 2, day: 10)!.lastOfMonth == Day(year: 2024, month: 2, day: 29))
    }

    @Test func inclusiveRanges() {
        #expect(DayRange.year(2024).dayCount == 366)
        #expect(DayRange.year(2025).dayCount == 365)
        #expect(DayRange.month(2, of: 2024).dayCount == 29)
        let oneDay = DayRange(Day(year: 2025, month: 6, day: 1)!, Day(year: 2025, month: 6, day: 1)!)!
        #expect(oneDay.dayCount == 1)
        #expect(DayRange(Day(year: 2025, month: 6, day: 2)!, Day(year: 2025, month: 6, day: 1)!) == nil)
    }

    @Test func intersectionAndClamp() {
        let june = DayRange.month(6, of: 2025)
        let grant = DayRange(Day(year: 2025, month: 6, day: 20)!, Day(year: 2025, month: 7, day: 10)!)!
        #expect(june.intersection(grant)?.dayCount == 11)
        #expect(DayRange.month(8, of: 2025).intersection(grant) == nil)
        // An open end runs to the end of the bounds; a grant ending on the first day has one day.
        #expect(Day.clamp(start: Day(year: 2024, month: 1, day: 1)!, end: nil, to: june) == june)
        #expect(Day.clamp(start: Day(year: 2024, month: 1, day: 1)!, end: Day(year: 2025, month: 6, day: 1)!, to: june)?.dayCount == 1)
        #expect(Day.clamp(start: Day(year: 2025, month: 7, day: 1)!, end: nil, to: june) == nil)
    }
}
