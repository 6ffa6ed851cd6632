import OverblikCore
import Testing
@testable import OverblikSync

@Suite("Dates and amounts")
struct ValueParserTests {
    @Test(arguments: [
        ("29-02-2024", DateStyle.dayMonthYearDash, "2024-02-29"), ("01-01-2025", .dayMonthYearDash, "2025-01-01"),
        ("1-1-2025", .dayMonthYearDash, "2025-01-01"), ("31.12.2025", .dayMonthYearDot, "2025-12-31"),
        ("2025-12-31", .iso, "2025-12-31"), ("31/12/2025", .dayMonthYearSlash, "2025-12-31"),
        (" 05-03-2026 ", .dayMonthYearDash, "2026-03-05"), ("31-12-2025 00:00:00", .dayMonthYearDash, "2025-12-31"),
        ("2025-12-31T00:00", .iso, "2025-12-31"), ("2025-12-31", .auto, "2025-12-31"), ("31.12.2025", .auto, "2025-12-31"),
        ("31/12/2025", .auto, "2025-12-31"), ("31-12-2025", .auto, "2025-12-31"),
    ])
    func readsDates(text: String, style: DateStyle, iso: String) {
        #expect(style.parse(text)?.iso == iso)
    }

    @Test(arguments: [
        ("29-02-2025", DateStyle.dayMonthYearDash), ("31-04-2025", .dayMonthYearDash), ("2025-12-31", .dayMonthYearDash),
        ("31-12-25", .dayMonthYearDash), ("31.12.2025", .dayMonthYearDash), ("", .auto), ("i går", .auto),
        ("12/31/2025", .auto), ("2025/12/31", .auto), ("31-12-2025 kl", .dayMonthYearDash), ("0-1-2025", .auto),
    ])
    func rejectsDates(text: String, style: DateStyle) {
        #expect(style.parse(text) == nil)
    }

    @Test(arguments: [
        ("1.234.567,89", DecimalStyle.comma, Int64(123_456_789)), ("-500,00", .comma, -50_000), ("1234,5", .comma, 123_450),
        ("0", .comma, 0), ("500,00-", .comma, -50_000), ("−12,00", .comma, -1200), ("1 234,50", .comma, 123_450),
        ("1.234,50 kr.", .comma, 123_450), ("2.450", .comma, 245_000), (",5", .comma, 50), ("+7", .comma, 700),
        ("1,005", .comma, 101), ("-1,005", .comma, -101), ("1,004", .comma, 100),
        ("1234567.89", .point, 123_456_789), ("1,234,567.89", .point, 123_456_789), ("-0.5", .point, -50),
    ])
    func readsAmounts(text: String, style: DecimalStyle, hundredths: Int64) {
        #expect(style.parseHundredths(text) == hundredths)
    }

    @Test(arguments: [
        ("1.5", DecimalStyle.comma), ("12,3,4", .comma), ("", .comma), ("abc", .comma), ("1.23,00", .comma),
        ("1,5,", .comma), ("--5", .comma), ("1.234.5678", .comma), ("12a", .comma), ("1,234.5", .comma),
        ("1.234,5", .point), ("9999999999999999", .comma),
    ])
    func rejectsAmounts(text: String, style: DecimalStyle) {
        #expect(style.parseHundredths(text) == nil)
    }
}
