import Testing
@testable import OverblikCore

@Suite("Money")
struct MoneyTests {
    @Test(arguments: [(5, 2, 3), (-5, 2, -3), (4, 3, 1), (-4, 3, -1), (7, -2, -4), (1, 3, 0), (3, 2, 2), (0, 7, 0)])
    func roundsHalfAwayFromZero(numerator: Int64, denominator: Int64, expected: Int64) {
        #expect(Money.roundedDivision(numerator, denominator) == expected)
    }

    @Test func danishFormats() {
        #expect(Money(ore: 123_456_789).danishKroner == "1.234.568 kr.")
        #expect(Money(ore: 123_456_749).danishKroner == "1.234.567 kr.")
        #expect(Money(ore: -50_000).danishKroner == "-500 kr.")
        #expect(Money(ore: 123_456_789).danishDecimal == "1.234.567,89")
        #expect(Money(ore: -5).danishDecimal == "-0,05")
        #expect(Money(ore: 99).danishDecimal == "0,99")
        #expect(Money(ore: -123_456).plainDecimal == "-1234.56")
        #expect(DanishNumber.grouped(1830) == "1.830")
        #expect(DanishNumber.grouped(999) == "999")
        #expect(DanishNumber.grouped(-999) == "-999")
        #expect(DanishNumber.grouped(1000) == "1.000")
        #expect(DanishNumber.grouped(-1_234_567) == "-1.234.567")
        #expect(DanishNumber.grouped(Int64.min) == "-9.223.372.036.854.775.808")
    }

    @Test func rateUnitsAsWrittenAndFolded() {
        #expect(RateUnit(parsing: "måned") == .month && RateUnit(parsing: " MÅNED ") == .month && RateUnit(parsing: "Mdr.") == .month)
        #expect(RateUnit(parsing: "døgn") == .day && RateUnit(parsing: "\u{00A0}Dag") == .day && RateUnit(parsing: "AAR") == .year)
        #expect(RateUnit(parsing: "timer") == .hour && RateUnit(parsing: "Uge") == .week)
        #expect(RateUnit(parsing: "") == nil && RateUnit(parsing: "kvartal") == nil && RateUnit(parsing: "måned x") == nil)
    }
}

@Suite("CPR")
struct CPRTests {
    @Test func parsesWithAndWithoutDash() throws {
        let a = try CPR.parse("010190-1234").get()
        let b = try CPR.parse(" 0101901234 ").get()
        #expect(a == b)
        #expect(a.formatted == "010190-1234")
        #expect(a.masked() == "010190-xxxx")
        #expect(a.masked("•") == "010190-••••")
        #expect(CPR.parse("010190-0001").map(\.digits) == .success("0101900001"))
    }

    /// The seventh digit and the year decide the century (CPR's table).
    @Test(arguments: [
        ("0101363000", 1936), ("0101373999", 1937), ("0101994000", 1999), ("0101364000", 2036),
        ("0101374000", 1937), ("0101575000", 2057), ("0101585000", 1858), ("0101998999", 1899),
        ("0101369000", 2036), ("0101379000", 1937), ("0101000000", 1900),
    ])
    func century(cpr: String, year: Int) throws {
        #expect(try CPR.parse(cpr).get().birthDate.year == year)
    }

    @Test func modulus11IsNotChecked() {
        // 010115-4000 fails modulus 11 (issued after 2007): it must be accepted.
        #expect((try? CPR.parse("0101154000").get()) != nil)
    }

    @Test(arguments: [("", CPRError.empty), ("31029012345", .wrongLength), ("101901234", .nineDigits),
                      ("3102901234", .impossibleDate), ("0101-901234", .notDigits), ("01019O1234", .notDigits),
                      ("2902011234", .impossibleDate)])
    func rejects(text: String, error: CPRError) {
        #expect(CPR.parse(text) == .failure(error))
    }

    @Test func eighteenthBirthday() throws {
        #expect(try CPR.parse("2902084000").get().eighteenthBirthday == Day(year: 2026, month: 3, day: 1))
        #expect(try CPR.parse("1510084000").get().eighteenthBirthday == Day(year: 2026, month: 10, day: 15))
    }

    @Test func rejectedValuesFromACPRColumnAreAlwaysMasked() {
        func row(_ field: String, _ value: String) -> RejectedRow {
            RejectedRow(table: .grants, file: "f", line: 2, column: "c", field: field, value: value, reason: Message(da: "", en: ""))
        }
        #expect(row("cpr", "101901234").maskedValue == "101901xxx")
        #expect(row("cpr", "3102901234").maskedValue == "310290xxxx")
        #expect(row("cpr", "12").maskedValue == "12")
        #expect(row("", "9000002;010180-1234;5.38.50").maskedValue == "9000002;010180-xxxx;5.38.50")
        #expect(row("name", "Jens").maskedValue == "Jens")
    }

    @Test func masksCPRsInFreeText() {
        #expect(CPR.maskAll(in: "9000002;010180-1234;5.38.50") == "9000002;010180-xxxx;5.38.50")
        #expect(CPR.maskAll(in: "0101801234") == "010180-xxxx")
        #expect(CPR.maskAll(in: "12345678901 and 123") == "12345678901 and 123")
        #expect(CPR.maskAll(in: "Bilag 5000001") == "Bilag 5000001")
    }
}

@Suite("Paragraph")
struct ParagraphTests {
    @Test(arguments: [
        ("SEL §108", "SEL-108"), ("§ 85", "SEL-85"), ("108", "SEL-108"), ("ABL §105", "ABL-105"),
        ("Serviceloven § 107", "SEL-107"), ("§ 82 a", "SEL-82a"), ("§82a", "SEL-82a"), ("SEL-108", "SEL-108"),
        ("§85, stk. 1", "SEL-85"), ("  sel §  104 ", "SEL-104"), ("Almenboligloven §105", "ABL-105"), ("SL 85", "SEL-85"),
    ])
    func normalises(raw: String, key: String) {
        #expect(Paragraph(parsing: raw)?.key == key)
    }

    @Test(arguments: ["", "§", "ukendt", "SEL §", "§ 0", "§ 85 abc"])
    func rejects(raw: String) {
        #expect(Paragraph(parsing: raw) == nil)
    }

    @Test func displayAndOrder() {
        #expect(Paragraph(number: 108).display == "§108")
        #expect(Paragraph(law: "ABL", number: 105).display == "ABL §105")
        #expect(Paragraph(key: "SEL-82a") == Paragraph(number: 82, letter: "a"))
        let sorted = [Paragraph(law: "ABL", number: 105), Paragraph(number: 108), Paragraph(number: 85),
                      Paragraph(number: 82, letter: "a")].sorted()
        #expect(sorted.map(\.key) == ["SEL-82a", "SEL-85", "SEL-108", "ABL-105"])
    }
}

@Suite("Municipality")
struct MunicipalityTests {
    @Test func recognisesItself() {
        let m = Municipality(code: "250", name: "Frederikssund")
        #expect(m.isSelf(""))
        #expect(m.isSelf("250"))
        #expect(m.isSelf("0250"))
        #expect(m.isSelf(" frederikssund "))
        #expect(!m.isSelf("260"))
        #expect(m.other("Halsnæs") == "Halsnæs")
        #expect(m.other("250") == nil)
    }
}

/// Money never traps, whatever the data: sums saturate at ±Int64.max øre, shares of large amounts
/// are multiplied in 128 bits, and dividing Int64.min clamps.
@Suite("Money at its limits")
struct MoneyLimitTests {
    @Test func sumsSaturateInsteadOfTrapping() {
        let big = Money(ore: Int64.max - 10)
        #expect((big + Money(ore: 100)).ore == Int64.max)
        #expect((-big - Money(ore: 100)).ore == -Int64.max)
        #expect((-Money(ore: Int64.min)).ore == Int64.max)
        #expect((Money(ore: 5) + Money(ore: -7)).ore == -2)
    }

    @Test func proRataOfLargeAmountsIsExact() {
        // 10^17 øre × 366 / 366 overflows 64 bits in the product, not in the result.
        #expect(Money.proRata(100_000_000_000_000_000, 366, 366) == 100_000_000_000_000_000)
        #expect(Money.proRata(Int64.max, 2, 3) == 6_148_914_691_236_517_205)
        #expect(Money.proRata(-1_000, 1, 3) == -333)
        #expect(Money.proRata(50, 1, 100) == 1)        // a half rounds away from zero
        #expect(Money.roundedDivision(Int64.min, 1) == -Int64.max)
        #expect(Money.roundedDivision(Int64.min, -1) == Int64.max)
    }

    @Test func aDailyRateOfTheLargestAmountTimesManyDaysDoesNotTrap() {
        let rate = DailyRate(numerator: 99_999_999_999_999 * 16_800, denominator: 700)
        #expect(rate.cost(days: 366).ore == 878_399_999_999_991_216)  // the product, 6·10²⁰, needs 128 bits
        #expect(DailyRate(numerator: 1_000, denominator: 7).cost(days: 7).ore == 1_000)
    }
}
