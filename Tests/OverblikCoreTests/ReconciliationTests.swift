import Testing
@testable import OverblikCore

private let today = day(2026, 11, 23)
private let mapping = MappingIndex([
    MappingRow(paragraph: Paragraph(number: 108), function: "5.38.50", dstCode: "108", serviceCodes: ["108-01"]),
    MappingRow(paragraph: Paragraph(number: 85), function: "5.38.38", grouping: "004", dstCode: "85", serviceCodes: ["85-01"]),
    MappingRow(paragraph: Paragraph(number: 85), function: "5.38.38", grouping: "004", dstCode: "85BL", serviceCodes: ["85-10"]),
    MappingRow(paragraph: Paragraph(number: 95), function: "5.38.38", grouping: "001", serviceCodes: ["95-01"]),
    MappingRow(paragraph: Paragraph(number: 97), function: "5.38.53", serviceCodes: ["97-01"]),
    MappingRow(paragraph: Paragraph(number: 99), function: "5.38.53", serviceCodes: ["99-01"]),
    MappingRow(paragraph: Paragraph(number: 107), function: "5.38.52", dstCode: "107", serviceCodes: ["107-01"]),
    MappingRow(paragraph: Paragraph(number: 104), function: "5.38.59", dstCode: "104", serviceCodes: ["104-01"]),
], symbols: testSymbols)

/// A citizen born 1 January 1970 (so never under 18 here) unless another CPR is given.
private func cpr(_ n: Int64) -> CPR { CPR(value: 101_700_000 + n) }

private func g(_ id: String, _ c: Int64, _ code: String = "108-01", _ start: Day, _ end: Day? = nil, rate: Int64 = 1000,
               paying: String? = nil, acting: String? = nil, target: String = "Sindslidelse", cprValue: CPR? = nil) -> Grant {
    let p = code.hasPrefix("108") ? 108 : Int(code.prefix { $0.isNumber })!
    return Grant(caseId: id, cpr: cprValue ?? cpr(c), paragraph: Paragraph(number: p), serviceCode: code, start: start, end: end,
                 rate: Money(kroner: rate), rateUnit: .day, caseworker: "MHA", targetGroup: target,
                 actingMunicipality: acting, payingMunicipality: paying)
}

private func pay(_ id: String, _ c: Int64, _ from: Day, _ to: Day, _ kroner: Int64, function: String = "5.38.50", grouping: String = "",
                 acting: String? = nil) -> Payment {
    Payment(voucherId: id, cpr: cpr(c), function: function, grouping: grouping, periodStart: from, periodEnd: to,
            amount: Money(kroner: kroner), postingDate: to.advanced(by: 5), actingMunicipality: acting)
}

/// Pays a grant month by month, exactly, for the months of 2026 before November.
private func paid(_ grant: Grant, through month: Int = 10, function: String = "5.38.50", grouping: String = "") -> [Payment] {
    (1...month).compactMap { m -> Payment? in
        guard let days = grant.period(within: .month(m, of: 2026)) else { return nil }
        return Payment(voucherId: "\(grant.caseId)-\(m)", cpr: grant.cpr, function: function, grouping: grouping,
                       periodStart: days.start, periodEnd: days.end, amount: grant.expectedCost(in: days), postingDate: days.end.advanced(by: 5))
    }
}

/// Reconciled whole; every test also checks that its two parts, computed apart and joined, give the same.
private func run(_ grants: [Grant], _ payments: [Payment] = [], dst: [DstRow] = [], month: Int? = nil) -> Reconciliation {
    func part(_ p: ReconciliationPart?) -> Reconciliation {
        reconcile(grants: grants, payments: payments, dst: dst, mapping: mapping, year: 2026, month: month, today: today,
                  rateTolerance: 0.02, part: p)!
    }
    let whole = part(nil)
    #expect(Reconciliation.joined(part(.ottetal), part(.grantsAndDst)) == whole)
    return whole
}

private func found(_ r: Reconciliation, _ kind: DiscrepancyKind) -> [Discrepancy] { r.discrepancies.filter { $0.kind == kind } }

/// DST rows exactly as the grants say, so that only what a test is about is found.
private func reported(_ grants: [Grant]) -> [DstRow] {
    grants.map { DstRow(cpr: $0.cpr, paragraph: $0.paragraph, dstCode: mapping.exactRow(for: $0)?.dstCode ?? "108", start: $0.start, end: $0.end) }
}

@Suite("Reconciliation")
struct ReconciliationTests {
    @Test func periods() {
        #expect(reconciliationPeriod(year: 2026, today: today) == DayRange(day(2026, 1, 1), day(2026, 10, 31)))
        #expect(reconciliationPeriod(year: 2025, today: today) == .year(2025))
        #expect(reconciliationPeriod(year: 2026, month: 10, today: today) == .month(10, of: 2026))
        #expect(reconciliationPeriod(year: 2026, month: 11, today: today) == nil)
        #expect(reconciliationPeriod(year: 2026, today: day(2026, 1, 15)) == nil)
        #expect(reconciliationPeriod(year: 2026, today: day(2026, 2, 1)) == .month(1, of: 2026))
    }

    @Test func paymentAttribution() {
        let p99 = g("G", 1, "99-01", day(2026, 1, 1))
        let shared = pay("P", 1, day(2026, 2, 1), day(2026, 2, 28), 100, function: "5.38.53")
        #expect(paragraph(of: shared, mapping: mapping, grantsOfCitizen: [p99]) == Paragraph(number: 99))
        #expect(paragraph(of: shared, mapping: mapping, grantsOfCitizen: []) == Paragraph(number: 97))  // first in the file
        // Two grants overlap the payment: the earliest starting one decides.
        let p97 = g("H", 1, "97-01", day(2025, 6, 1))
        #expect(paragraph(of: shared, mapping: mapping, grantsOfCitizen: [p99, p97]) == Paragraph(number: 97))
        #expect(paragraph(of: pay("Q", 1, day(2026, 1, 1), day(2026, 1, 31), 1, function: "5.38.38", grouping: "001"), mapping: mapping, grantsOfCitizen: []) == Paragraph(number: 95))
        #expect(paragraph(of: pay("Q", 1, day(2026, 1, 1), day(2026, 1, 31), 1, function: "5.38.38", grouping: "004"), mapping: mapping, grantsOfCitizen: []) == Paragraph(number: 85))
        #expect(paragraph(of: pay("Q", 1, day(2026, 1, 1), day(2026, 1, 31), 1, function: "5.38.99"), mapping: mapping, grantsOfCitizen: []) == nil)
    }

    /// The index every year's figures read: one group per citizen and paragraph, grants and
    /// payments in file order within it, the grants' union made once; citizens interleaved in
    /// the files; a payment on a shared function attributed by the citizen's grants.
    @Test func theIndexGroupsEachCitizenAndParagraphOnce() {
        let a1 = g("A1", 1, "108-01", day(2026, 1, 1), day(2026, 3, 31)), b = g("B", 2, "107-01", day(2025, 5, 1))
        let a2 = g("A2", 1, "108-01", day(2026, 3, 15)), g99 = g("G", 1, "99-01", day(2026, 1, 1))
        let grants = [a1, b, a2, g99]
        let payments = [pay("P1", 1, day(2026, 1, 1), day(2026, 1, 31), 100), pay("S", 3, day(2026, 2, 1), day(2026, 2, 28), 5, function: "5.38.53"),
                        pay("Q", 1, day(2026, 2, 1), day(2026, 2, 28), 7, function: "5.38.53"), pay("P2", 1, day(2026, 2, 1), day(2026, 2, 28), 100),
                        pay("X", 1, day(2026, 2, 1), day(2026, 2, 28), 9, function: "5.38.99")]
        let index = PaymentIndex(payments: payments, grants: grants, mapping: mapping)
        #expect(index.paragraphs.map(\.number) == [85, 95, 97, 99, 104, 107, 108])
        #expect(index.paymentParagraph.map { $0 < 0 ? 0 : index.paragraphs[Int($0)].number } == [108, 97, 99, 108, 0])
        let first = index.groups(of: cpr(1)).map { index.groups[$0] }
        #expect(first.map { index.paragraphs[Int($0.paragraph)].number } == [99, 108])
        #expect(first.map { $0.grants.map { grants[Int(index.grantOrder[$0])].caseId } } == [["G"], ["A1", "A2"]])
        #expect(first.map { $0.payments.map { payments[Int(index.paymentOrder[$0])].voucherId } } == [["Q"], ["P1", "P2"]])
        #expect(Array(index.grantUnions[first[1].unions]) == [Span(start: day(2026, 1, 1), end: nil)])
        let second = index.groups(of: cpr(2)).map { index.groups[$0] }
        #expect(second.count == 1 && second[0].payments.isEmpty && index.paragraphs[Int(second[0].paragraph)].number == 107)
        let onlyPaid = index.group(cpr(3), Paragraph(number: 97)).map { index.groups[$0] }
        #expect(onlyPaid?.hasGrants == false && onlyPaid?.payments.count == 1)
        #expect(index.group(cpr(3), Paragraph(number: 108)) == nil && index.groups(of: cpr(9)).isEmpty)
        #expect(index.coverage.recipients(Paragraph(number: 108), on: [day(2025, 12, 31), day(2026, 3, 31), day(2026, 11, 1)]) == [0, 1, 1])
    }

    /// October 2026 (31 days): citizen 1 granted and paid all month; citizen 2 granted 1–15 October
    /// and not paid; citizen 3 paid all month with no grant.
    @Test func theEightFigures() {
        let a = g("A", 1, "108-01", day(2026, 1, 1)), b = g("B", 2, "108-01", day(2026, 10, 1), day(2026, 10, 15))
        let r = run([a, b], [pay("P1", 1, day(2026, 10, 1), day(2026, 10, 31), 31000), pay("P3", 3, day(2026, 10, 1), day(2026, 10, 31), 31000)],
                    dst: reported([a, b]), month: 10)
        let line = r.ottetal.first { $0.paragraph == Paragraph(number: 108) }!
        #expect([line.caseSystem, line.economy, line.both, line.onlyCaseSystem, line.onlyEconomy] == [2, 2, 1, 1, 1])
        #expect(line.fullTimeCaseSystem == FullTimePersons(coveredDays: 46, periodDays: 31))
        #expect(line.fullTimeEconomy == FullTimePersons(coveredDays: 62, periodDays: 31))
        #expect(abs(line.fullTimeDifference - (46.0 - 62.0) / 31.0) < 1e-12)
        #expect(r.ottetal.first { $0.paragraph == Paragraph(number: 85) }!.caseSystem == 0)
    }

    @Test func onlyInCaseSystemAndItsExplanation() {
        let mine = g("A", 1, "108-01", day(2026, 1, 1))
        let other = g("B", 2, "108-01", day(2026, 1, 1), paying: "Halsnæs")
        let mixed = [g("C", 3, "108-01", day(2026, 1, 1), day(2026, 3, 31), paying: "Halsnæs"), g("D", 3, "108-01", day(2026, 4, 1))]
        let r = run([mine, other] + mixed, dst: reported([mine, other] + mixed))
        let x = found(r, .onlyInCaseSystem)
        #expect(x.map { $0.cpr! } == [cpr(1), cpr(2), cpr(3)])
        #expect(x.map(\.explained) == [false, true, false])
        #expect(x[1].explanation?.da == "betales af Halsnæs")
        #expect(x[2].caseIds == ["C", "D"])
        #expect(x[0].key == "onlyInCaseSystem|SEL-108|0101700001|")
    }

    @Test func onlyInEconomyOrPaidOutsideGrant() {
        let payments = [pay("P1", 4, day(2026, 1, 1), day(2026, 1, 31), 10000), pay("P2", 4, day(2026, 2, 1), day(2026, 2, 28), 5000),
                        pay("P3", 5, day(2026, 1, 1), day(2026, 1, 31), 100, acting: "Egedal"), pay("P4", 5, day(2026, 2, 1), day(2026, 2, 28), 100, acting: "240"),
                        pay("P5", 6, day(2026, 1, 1), day(2026, 1, 31), 100, acting: "Egedal"), pay("P6", 6, day(2026, 2, 1), day(2026, 2, 28), 100),
                        pay("P7", 7, day(2026, 1, 1), day(2026, 1, 31), 31000)]
        let earlier = g("E", 7, "108-01", day(2025, 1, 1), day(2025, 12, 31))
        let r = run([earlier], payments, dst: reported([earlier]))
        let x = found(r, .onlyInEconomy)
        #expect(x.map { $0.cpr! } == [cpr(4), cpr(5), cpr(6)])
        #expect(x[0].amount == Money(kroner: 15000))
        #expect(x[0].voucherIds == ["P1", "P2"])
        #expect(x.map(\.explained) == [false, true, false])
        // Citizen 7 had a grant on §108 in 2025: the January payment is paid outside grant instead.
        let outside = found(r, .paidOutsideGrant)
        #expect(outside.map(\.voucherIds) == [["P7"]])
        #expect(outside[0].amount == Money(kroner: 31000))
    }

    @Test func paidOutsideGrantAmountsAndAPaymentStraddlingTwoGrants() {
        let ending = g("A", 1, "108-01", day(2026, 1, 1), day(2026, 5, 15))
        let straddled = [g("B", 2, "108-01", day(2026, 1, 1), day(2026, 3, 15)), g("C", 2, "108-01", day(2026, 3, 16))]
        let gap = [g("D", 3, "108-01", day(2026, 1, 1), day(2026, 3, 10)), g("E", 3, "108-01", day(2026, 3, 20))]
        let payments = [pay("P1", 1, day(2026, 5, 1), day(2026, 5, 31), 31000), pay("P2", 2, day(2026, 3, 1), day(2026, 3, 31), 31000),
                        pay("P3", 3, day(2026, 3, 1), day(2026, 3, 31), 31000)]
        let r = run([ending] + straddled + gap, payments, dst: reported([ending] + straddled + gap))
        let x = found(r, .paidOutsideGrant)
        #expect(x.map(\.voucherIds) == [["P1"], ["P3"]])
        #expect(x.map(\.amount) == [Money(kroner: 16000), Money(kroner: 9000)])  // 16 of 31 days; 11–19 March = 9 days
        #expect(x[0].key == "paidOutsideGrant|SEL-108|0101700001|P1@2026-05-01")
    }

    /// 1.000 kr./day: February paid exactly 2 % over (not more than the tolerance), March 2,1 % over.
    @Test func rateMismatchAtTheTolerance() {
        let a = g("A", 1, "108-01", day(2025, 1, 1))
        let payments = [pay("J", 1, day(2026, 1, 1), day(2026, 1, 31), 31000), pay("F", 1, day(2026, 2, 1), day(2026, 2, 28), 28560),
                        Payment(voucherId: "M", cpr: cpr(1), function: "5.38.50", periodStart: day(2026, 3, 1), periodEnd: day(2026, 3, 31),
                                amount: Money(ore: 3_165_100), postingDate: day(2026, 4, 5)),
                        pay("R", 1, day(2026, 4, 1), day(2026, 4, 20), 1)]  // April not fully paid: not judged
        let x = found(run([a], payments, dst: reported([a])), .rateMismatch)
        #expect(x.map(\.month) == ["2026-03"])
        #expect(x[0].amount == Money(kroner: 651))
        #expect(x[0].key == "rateMismatch|SEL-108|0101700001|2026-03")
    }

    @Test func dstKinds() {
        let notReported = g("A", 1, "108-01", day(2026, 1, 1))
        let actingElsewhere = g("B", 2, "108-01", day(2026, 1, 1), acting: "Egedal")
        let notReportable = g("C", 3, "95-01", day(2026, 1, 1))
        let invalidCode = g("D", 4, "108-99", day(2026, 1, 1))
        let wrongCode = g("E", 5, "85-10", day(2026, 1, 1))
        let rightCode = g("F", 6, "85-10", day(2026, 1, 1))
        let wrongPeriod = g("G", 7, "108-01", day(2026, 2, 1))
        let dst = [DstRow(cpr: cpr(5), paragraph: Paragraph(number: 85), dstCode: "85", start: day(2026, 1, 1)),
                   DstRow(cpr: cpr(6), paragraph: Paragraph(number: 85), dstCode: "85BL", start: day(2026, 1, 1)),
                   DstRow(cpr: cpr(7), paragraph: Paragraph(number: 108), dstCode: "108", start: day(2026, 3, 1)),
                   DstRow(cpr: cpr(8), paragraph: Paragraph(number: 108), dstCode: "108", start: day(2026, 5, 1), end: day(2026, 5, 31)),
                   DstRow(cpr: cpr(9), paragraph: Paragraph(number: 108), dstCode: "999", start: day(2026, 5, 1)),
                   DstRow(cpr: cpr(10), paragraph: Paragraph(number: 108), dstCode: "108", start: day(2024, 1, 1), end: day(2024, 12, 31))]
        let r = run([notReported, actingElsewhere, notReportable, invalidCode, wrongCode, rightCode, wrongPeriod], dst: dst)
        let nr = found(r, .notReportedToDst)
        #expect(nr.map(\.caseIds) == [["A"], ["B"], ["D"]])
        #expect(nr.map(\.explained) == [false, true, false])
        #expect(found(r, .reportedNotGranted).map { $0.cpr! } == [cpr(8), cpr(9)])  // citizen 10's row is outside the period
        #expect(found(r, .dstCodeMismatch).map { $0.cpr! } == [cpr(5), cpr(9)])
        #expect(found(r, .dstPeriodMismatch).map { $0.cpr! } == [cpr(7)])
        #expect(found(r, .dstPeriodMismatch)[0].key == "dstPeriodMismatch|SEL-108|0101700007|2026-03-01/108")
    }

    @Test func overlappingGrants() {
        let grants = [g("A", 1, "85-01", day(2026, 1, 1), day(2026, 3, 1)), g("B", 1, "85-01", day(2026, 3, 1), day(2026, 6, 30)),  // share 1 March
                      g("C", 2, "85-01", day(2026, 1, 1), day(2026, 2, 28)), g("D", 2, "85-01", day(2026, 3, 1)),                   // touch only
                      g("E", 3, "107-01", day(2025, 1, 1), day(2026, 3, 31)), g("F", 3, "108-01", day(2026, 3, 1)),                 // §107 + §108
                      g("G", 4, "85-01", day(2026, 1, 1)), g("H", 4, "108-01", day(2026, 1, 1))]                                    // other paragraphs
        let x = found(run(grants, dst: reported(grants)), .overlappingGrants)
        #expect(x.map(\.caseIds) == [["B", "A"], ["F", "E"]])
        #expect(x.map(\.paragraph) == [Paragraph(number: 85), Paragraph(number: 108)])
        #expect(x[0].key == "overlappingGrants|SEL-85|0101700001|A+B")
        #expect(x[0].message.da == "B (§85) overlapper A (§85) fra 01-03-2026 til 01-03-2026")
    }

    @Test func grantLevelKinds() {
        let bornMarch = try! CPR.parse("0103084000").get()      // 18 on 1 March 2026
        let bornLeapDay = try! CPR.parse("2902084001").get()    // 18 on 1 March 2026 (2026 has no 29 February)
        let grants = [g("A", 1, "108-99", day(2026, 1, 1)), g("B", 2, "108-99", day(2024, 1, 1), day(2024, 12, 31)),
                      g("C", 0, "85-01", day(2026, 2, 28), cprValue: bornMarch), g("D", 0, "85-01", day(2026, 3, 1), cprValue: bornMarch),
                      g("E", 0, "85-01", day(2026, 2, 28), cprValue: bornLeapDay), g("F", 0, "85-01", day(2026, 3, 1), cprValue: bornLeapDay),
                      g("G", 3, "85-01", day(2026, 1, 1), target: ""), g("H", 4, "85-01", day(2025, 1, 1), day(2026, 11, 22), target: ""),
                      g("I", 5, "85-01", day(2026, 12, 1), target: "")]
        let r = run(grants, dst: reported(grants))
        #expect(found(r, .invalidServiceCode).map(\.caseIds) == [["A"]])
        #expect(found(r, .under18).map(\.caseIds) == [["C"], ["E"]])
        #expect(found(r, .missingTargetGroup).map(\.caseIds) == [["G"]])  // H ended yesterday, I starts in December
    }

    /// Recipients at month end: 49 → 59 (+10, 20,4 %) is a break; 50 → 60 (exactly 20 %) is not.
    @Test func dataBreakAtExactlyTheThreshold() {
        func population(_ code: String, _ base: Int, _ added: Int, offset: Int64) -> [Grant] {
            (0..<base).map { g("b\(code)\($0)", offset + Int64($0), code, day(2025, 1, 1)) }
                + (0..<added).map { g("n\(code)\($0)", offset + 1000 + Int64($0), code, day(2026, 3, 1)) }
        }
        let grants = population("104-01", 49, 10, offset: 0) + population("107-01", 50, 10, offset: 10_000)
        let r = run(grants, dst: reported(grants))
        let x = found(r, .dataBreak)
        #expect(x.map(\.paragraph) == [Paragraph(number: 104)])
        #expect(x.map(\.month) == ["2026-03"])
        #expect(x[0].cpr == nil)
        #expect(x[0].message.en == "recipients at month end 49 → 59 (+10)")
        #expect(x[0].key == "dataBreak|SEL-104||2026-03")
    }
}

@Suite("The discrepancy key")
struct DiscrepancyKeyTests {
    @Test func writesAndReadsEveryShape() throws {
        let cpr = try CPR.parse("0101901234").get()
        let keys = [
            DiscrepancyKey(.onlyInCaseSystem, Paragraph(number: 85), cpr, ""),
            DiscrepancyKey(.paidOutsideGrant, Paragraph(number: 108), cpr, "7100001@2026-03-01"),
            DiscrepancyKey(.overlappingGrants, Paragraph(number: 107), cpr, "S-1+S-2"),
            DiscrepancyKey(.dataBreak, Paragraph(number: 104), nil, "2026-05"),
            DiscrepancyKey(.invalidServiceCode, Paragraph(number: 108), cpr, "NX|odd|id"),  // an id holding the separator
        ]
        #expect(keys[0].text == "onlyInCaseSystem|SEL-85|0101901234|")
        #expect(keys[3].text == "dataBreak|SEL-104||2026-05")
        for key in keys { #expect(DiscrepancyKey(text: key.text) == key, "\(key.text)") }
    }

    @Test(arguments: ["", "noKind|SEL-85|0101901234|x", "onlyInEconomy|nonsense|0101901234|x", "onlyInEconomy|SEL-85|12|x",
                      "onlyInEconomy|SEL-85|0101901234"])
    func refusesWhatIsNoKey(text: String) {
        #expect(DiscrepancyKey(text: text) == nil)
    }
}
