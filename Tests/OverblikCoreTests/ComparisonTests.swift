import Testing
@testable import OverblikCore

/// Sammenligning (management.md §6, §9) on small hand-computed cases.
@Suite("Comparison with other municipalities")
struct ComparisonTests {
    let q1 = Quarter(year: 2025, quarter: 1)
    let today = Day(year: 2025, month: 10, day: 15)!
    let own = Municipality(code: "250", name: "Frederikssund")

    func figure(_ code: String, _ count: Int64?, type: String = "30182", q: Quarter? = nil) -> StatBankFigure {
        StatBankFigure(code: code, serviceType: type, serviceText: "Midlertidige botilbud", quarter: q ?? q1, value: count.map { $0 * 100 })
    }

    func people(_ code: String, _ n: Int64?, q: Quarter? = nil) -> [PopulationFigure] {
        // Two ages inside the band (half each) and one outside it, which must not count.
        let half = n.map { $0 / 2 }
        return [PopulationFigure(code: code, quarter: q ?? q1, age: 18, value: half),
                PopulationFigure(code: code, quarter: q ?? q1, age: 64, value: n.map { $0 - $0 / 2 }),
                PopulationFigure(code: code, quarter: q ?? q1, age: 65, value: 99_999)]
    }

    func compare(_ statbank: [StatBankFigure], _ population: [PopulationFigure], dst: [DstRow] = [], mapping: [MappingRow] = [],
                 settings: ComparisonSettings = ComparisonSettings()) -> Comparison {
        Comparison(statbank: statbank, population: population, dst: dst, mapping: mapping, municipality: own, settings: settings, today: today)
    }

    @Test func rateRankWithTiesAndTheOthersPooled() throws {
        let c = compare([figure("250", 10), figure("101", 20), figure("147", 10), figure("151", 5)],
                        people("250", 10_000) + people("101", 10_000) + people("147", 10_000) + people("151", 10_000))
        let mine = try #require(c.lines.first)
        #expect(mine.isOwn && mine.municipality.codes == ["250"] && mine.population == 10_000 && mine.rate == 10)
        // 20 is above; 147's 10 ties with ours: rank 2 of 4 (1, 2, 2, 4).
        #expect(mine.rank == 2 && mine.ranked == 4)
        // (20 + 10 + 5) ÷ 30.000 × 10.000 = 11,67 — the pooled rate, not the mean of the rates.
        #expect(abs((mine.othersRate ?? 0) - 35.0 / 3) < 1e-9)
        #expect(mine.rateTenths == 100 && mine.othersRateTenths == 117)
        #expect(c.lines.dropFirst().map(\.municipality.codes) == [["101"], ["147"], ["151"]])
        #expect(c.lines.dropFirst().allSatisfy { $0.rank == nil && $0.othersRate == nil && $0.own == nil })
    }

    @Test func notPublishedIsLeftOutNeverZero() throws {
        let c = compare([figure("250", nil), figure("101", 20), figure("147", nil), figure("151", 5)],
                        people("250", 10_000) + people("101", 10_000) + people("147", 10_000) + people("151", 5_000))
        let mine = try #require(c.lines.first)
        #expect(mine.count == nil && mine.rate == nil && mine.rank == nil && mine.ranked == nil)
        // 147's `..` is in neither sum: (20 + 5) ÷ 15.000 × 10.000.
        #expect(abs((mine.othersRate ?? 0) - 25.0 / 15_000 * 10_000) < 1e-9)
        let other = try #require(c.lines.first { $0.municipality.codes == ["147"] })
        #expect(other.count == nil && other.rate == nil && other.population == 10_000)
        // Without a population there is no rate either.
        let noPeople = compare([figure("250", 10), figure("101", 20)], people("250", 10_000))
        #expect(noPeople.lines[1].rate == nil && noPeople.lines[1].population == nil && noPeople.lines[0].rank == 1 && noPeople.lines[0].othersRate == nil)
    }

    @Test func pooledPairsAreOneRowWithTheirPopulationsAdded() throws {
        // HAND has Ishøj's figure (Vallensbæk included); a row for Vallensbæk itself is not a municipality of its own.
        let c = compare([figure("250", 10), figure("183", 30), figure("187", 7), figure("185", 12)],
                        people("250", 10_000) + people("183", 6_000) + people("187", 4_000) + people("185", 5_000) + people("155", 1_000))
        #expect(c.lines.map(\.municipality.codes) == [["250"], ["183", "187"], ["185", "155"]])
        let ishoj = c.lines[1]
        #expect(ishoj.municipality.name == "Ishøj og Vallensbæk" && ishoj.count == 3000 && ishoj.population == 10_000 && ishoj.rate == 30)
        #expect(c.lines[2].population == 6_000 && c.lines[2].rate == 20)
        // A pair with one half missing from FOLK1A has no population.
        let half = compare([figure("250", 10), figure("183", 30)], people("250", 10_000) + people("183", 6_000))
        #expect(half.lines[1].population == nil && half.lines[1].rate == nil)
    }

    @Test func publishedAgainstTheOwnExtractByDSTCode() throws {
        func row(_ cpr: Int64, _ code: String, _ from: Day, _ to: Day?) -> DstRow {
            DstRow(cpr: CPR(value: cpr), paragraph: Paragraph(number: 85), dstCode: code, start: from, end: to)
        }
        let d = { (y: Int, m: Int, day: Int) in Day(year: y, month: m, day: day)! }
        let dst = [
            row(1, "31201", d(2024, 6, 1), nil),                  // the whole quarter: 90 days
            row(2, "31201", d(2025, 1, 1), d(2025, 1, 31)),       // 1 Jan – 28 Feb as one: 59 days
            row(2, "31201", d(2025, 1, 15), d(2025, 2, 28)),
            row(3, "31201", d(2024, 1, 1), d(2024, 12, 31)),      // over before the quarter
            row(4, "31202", d(2025, 3, 31), nil),                 // §85 elsewhere: its own type
        ]
        let mapping = [MappingRow(paragraph: Paragraph(number: 85), function: "5.38.38", grouping: "", dstCode: "31201", serviceCodes: [], label: ""),
                       MappingRow(paragraph: Paragraph(number: 85), function: "5.38.38", grouping: "", dstCode: "31202", serviceCodes: [], label: "")]
        let statbank = [figure("250", 3, type: "31201"), figure("250", 1, type: "31202")]
        let recipients = compare(statbank, people("250", 10_000), dst: dst, mapping: mapping)
        #expect(recipients.lines.map(\.serviceType) == ["31201", "31202"])
        #expect(recipients.lines.map(\.paragraph) == [Paragraph(number: 85), Paragraph(number: 85)])
        #expect(recipients.lines[0].own == 200 && recipients.lines[0].count == 300)
        #expect(recipients.lines[1].own == 100)
        var fulltime = ComparisonSettings()
        fulltime.measure = .fulltime
        let days = compare(statbank, people("250", 10_000), dst: dst, mapping: mapping, settings: fulltime)
        // (90 + 59) ÷ 90 = 1,655… → 1,66; and 1 ÷ 90 = 0,011… → 0,01.
        #expect(days.lines[0].own == 166 && days.lines[1].own == 1)
        // A type no mapping row has: no paragraph.
        #expect(compare([figure("250", 3, type: "30011")], []).lines[0].paragraph == nil)
    }

    @Test func ownOnlyWhereTheExtractCoversTheQuarterAndUnpublishedQuarters() throws {
        let dst = [DstRow(cpr: CPR(value: 1), paragraph: Paragraph(number: 107), dstCode: "30182",
                          start: Day(year: 2025, month: 2, day: 1)!, end: nil)]
        let q2 = Quarter(year: 2025, quarter: 2)
        let c = compare([figure("250", 1), figure("250", 1, q: q2)], people("250", 10_000) + people("250", 10_000, q: q2), dst: dst)
        // 2025K1 begins before the extract's first day; 2025K2 is covered.
        #expect(c.lines.map(\.own) == [nil, 100])
        // Today 15 October 2025: 2025K3 is over and not in the file; 2025K4 is not over.
        #expect(c.unpublished == [UnpublishedQuarter(serviceType: "30182", paragraph: nil, quarter: Quarter(year: 2025, quarter: 3), own: 100)])
        // A quarter not over has no own figure even when DST had one.
        let early = Comparison(statbank: [figure("250", 1, q: q2)], population: [], dst: dst, mapping: [], municipality: own,
                               settings: ComparisonSettings(), today: Day(year: 2025, month: 6, day: 30)!)
        #expect(early.lines[0].own == nil && early.unpublished.isEmpty)
    }

    @Test func onlyTheMunicipalitiesConfiguredAndAlwaysThisOne() {
        var settings = ComparisonSettings()
        settings.municipalities = ["101", "187"]
        let c = compare([figure("250", 10), figure("101", 20), figure("147", 10), figure("183", 30)],
                        people("250", 10_000) + people("101", 10_000) + people("147", 10_000) + people("183", 5_000) + people("187", 5_000),
                        settings: settings)
        // Vallensbæk named: the pair compared. 147 not named: out of the rank and the others' rate.
        #expect(c.lines.map(\.municipality.codes) == [["250"], ["101"], ["183", "187"]])
        #expect(c.lines[0].rank == 3 && c.lines[0].ranked == 3 && c.lines[0].othersRate == 25)
        #expect(ComparisonSettings(text: settings.text) == settings)
    }

    /// Rates shown with one decimal are rounded on the exact fraction, halves away from zero.
    @Test func halvesRoundAwayFromZero() {
        // 3 per 40.000 × 10.000 = 0,75 exactly → 0,8; 1 per 16.000 → 0,625 → 0,6; 7 per 80.000 → 0,875 → 0,9.
        #expect(Comparison.tenths(300, 40_000) == 8 && Comparison.tenths(100, 16_000) == 6 && Comparison.tenths(700, 80_000) == 9)
        // Full-time services in hundredths: 116,76 per 28.769 → 40,585… → 40,6.
        #expect(Comparison.tenths(11_676, 28_769) == 406)
    }

    @Test func areasByCodeNameAndOldSpelling() {
        typealias M = DanishMunicipalities
        #expect(M.names.count == 98)
        #expect(M.area("253 Greve") == .municipality(code: "253") && M.area("0253") == .municipality(code: "253"))
        #expect(M.area("Greve Kommune") == .municipality(code: "253") && M.area("  greve ") == .municipality(code: "253"))
        #expect(M.area("Århus") == .municipality(code: "751") && M.area("Aarhus") == .municipality(code: "751"))
        #expect(M.area("Høje Tåstrup") == .municipality(code: "169") && M.area("Lyngby-Tårbæk") == .municipality(code: "173"))
        #expect(M.area("Åbenrå") == .municipality(code: "580") && M.area("Ærø") == .municipality(code: "492"))
        #expect(M.area("000 Hele landet") == .aggregate(code: "000") && M.area("Region Hovedstaden") == .aggregate(code: "084"))
        #expect(M.area("411 Christiansø") == .aggregate(code: "411") && M.area("Christiansø") == .aggregate(code: "411"))
        #expect(M.area("Atlantis") == .unknown && M.area("999") == .unknown && M.area("253x") == .unknown && M.area("") == .unknown)
        // Wherever a municipality is read: an export's "Aarhus" is this municipality when it is Århus.
        let aarhus = Municipality(code: "751", name: "Århus")
        #expect(aarhus.isSelf("Aarhus") && aarhus.isSelf("751 Aarhus") && aarhus.isSelf("0751") && !aarhus.isSelf("Odense"))
        #expect(Quarter(parsing: "2025K3") == Quarter(year: 2025, quarter: 3) && Quarter(parsing: "2025") == nil && Quarter(parsing: "2025K5") == nil)
        #expect(Quarter(year: 2024, quarter: 1).days.dayCount == 91 && Quarter(year: 2025, quarter: 4).lastDay == Day(year: 2025, month: 12, day: 31))
    }
}
