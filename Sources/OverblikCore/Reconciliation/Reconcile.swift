/// The result of reconciling the case system, the economy system and the DST extract.
public struct Reconciliation: Sendable, Equatable {
    public init(period: DayRange, ottetal: [OttetalLine], discrepancies: [Discrepancy]) {
        self.period = period; self.ottetal = ottetal; self.discrepancies = discrepancies
    }

    public var period: DayRange
    public var ottetal: [OttetalLine]
    public var discrepancies: [Discrepancy]
}

/// Reconciles for `year` (or `year` and `month`) as domain.md defines it. Nil when the
/// period has no month that is over yet.
public func reconcile(grants: [Grant], payments: [Payment], dst: [DstRow], mapping: MappingIndex,
                      year: Int, month: Int? = nil, today: Day, rateTolerance: Double, index: PaymentIndex? = nil) -> Reconciliation? {
    guard let period = reconciliationPeriod(year: year, month: month, today: today) else { return nil }
    var r = Reconciler(grants: grants, payments: payments, dst: dst, mapping: mapping, period: period,
                       year: year, today: today, rateTolerance: rateTolerance,
                       index: index ?? PaymentIndex(payments: payments, grants: grants, mapping: mapping))
    return r.run()
}

/// The work of one reconciliation, split per rule.
struct Reconciler {
    let grants: [Grant]
    let dst: [DstRow]
    let mapping: MappingIndex
    let period: DayRange
    let year: Int
    let today: Day
    let rateTolerance: Double

    /// Grants per citizen and paragraph (all time).
    let grantsBy: [CPR: [Paragraph: [Grant]]]
    let payments: [Payment]
    /// Payments attributed to a paragraph, per citizen and paragraph (all time), as positions in
    /// `payments` (at national scale a copy of every payment would double the memory).
    let paymentIndex: [CPR: [Paragraph: [Int32]]]
    let coverage: ParagraphCoverage
    /// The payments of a citizen on a paragraph.
    func paymentsOf(_ cpr: CPR, _ p: Paragraph) -> [Payment] { (paymentIndex[cpr]?[p] ?? []).map { payments[Int($0)] } }
    var out: [Discrepancy] = []

    init(grants: [Grant], payments: [Payment], dst: [DstRow], mapping: MappingIndex, period: DayRange,
         year: Int, today: Day, rateTolerance: Double, index: PaymentIndex) {
        self.grants = grants; self.dst = dst; self.mapping = mapping; self.period = period
        self.year = year; self.today = today; self.rateTolerance = rateTolerance
        grantsBy = index.grantsByCitizen
        self.payments = payments
        paymentIndex = index.byCitizen
        coverage = index.coverage
    }

    func inPeriod(_ g: Grant) -> Bool { g.span.within(period) != nil }
    func inPeriod(_ p: Payment) -> Bool { p.period.intersection(period) != nil }
    func inPeriod(_ r: DstRow) -> Bool { Span(start: r.start, end: r.end).within(period) != nil }

    var paragraphs: [Paragraph] {
        var set = Set(mapping.rows.map(\.paragraph))
        for (_, byP) in grantsBy { set.formUnion(byP.keys) }
        for (_, byP) in paymentIndex { set.formUnion(byP.keys) }
        set.formUnion(dst.map(\.paragraph))
        return set.sorted()
    }

    mutating func run() -> Reconciliation {
        let census = Census(self)
        var lines: [OttetalLine] = []
        for p in paragraphs { lines.append(ottetal(p, census)) }
        overlapping()
        grantChecks()
        dstChecks()
        dataBreaks()
        out.sort { ($0.kind, $0.paragraph, $0.cpr?.value ?? 0, $0.key) < ($1.kind, $1.paragraph, $1.cpr?.value ?? 0, $1.key) }
        return Reconciliation(period: period, ottetal: lines, discrepancies: out)
    }

    // MARK: the ottetalskontrol and the cross-system kinds

    /// Who appears in each system in the period, per paragraph, and their covered days: one
    /// pass over the citizens for every paragraph at once.
    struct Census {
        var caseSystem: [Paragraph: Set<CPR>] = [:]
        var economy: [Paragraph: Set<CPR>] = [:]
        var coveredCase: [Paragraph: Int] = [:]
        var coveredPaid: [Paragraph: Int] = [:]

        init(_ r: Reconciler) {
            for (cpr, byP) in r.grantsBy {
                for (p, gs) in byP where gs.contains(where: r.inPeriod) {
                    caseSystem[p, default: []].insert(cpr)
                    coveredCase[p, default: 0] += coveredDays(union(gs.map(\.span)), in: r.period)
                }
            }
            var spans: [Span] = []
            for (cpr, byP) in r.paymentIndex {
                for (p, indices) in byP {
                    // Read in place: no copy of the payments.
                    spans.removeAll(keepingCapacity: true)
                    var inside = false
                    for i in indices {
                        let (start, end) = (r.payments[Int(i)].periodStart, r.payments[Int(i)].periodEnd)
                        spans.append(Span(start: start, end: end))
                        if start <= r.period.end && end >= r.period.start { inside = true }
                    }
                    guard inside else { continue }
                    economy[p, default: []].insert(cpr)
                    coveredPaid[p, default: 0] += coveredDays(union(spans), in: r.period)
                }
            }
        }
    }

    mutating func ottetal(_ p: Paragraph, _ census: Census) -> OttetalLine {
        let caseSystem = census.caseSystem[p] ?? [], economy = census.economy[p] ?? []
        for cpr in caseSystem.subtracting(economy) { onlyInCaseSystem(cpr, p) }
        for cpr in economy.subtracting(caseSystem) { onlyInEconomyOrOutside(cpr, p) }
        for cpr in economy.intersection(caseSystem) { paidOutsideGrant(cpr, p); rateMismatch(cpr, p) }
        return OttetalLine(paragraph: p, period: period, caseSystem: caseSystem.count, economy: economy.count,
                           both: caseSystem.intersection(economy).count, onlyCaseSystem: caseSystem.subtracting(economy).count,
                           onlyEconomy: economy.subtracting(caseSystem).count,
                           fullTimeCaseSystem: FullTimePersons(coveredDays: census.coveredCase[p] ?? 0, periodDays: period.dayCount),
                           fullTimeEconomy: FullTimePersons(coveredDays: census.coveredPaid[p] ?? 0, periodDays: period.dayCount))
    }

    func key(_ kind: DiscrepancyKind, _ p: Paragraph, _ cpr: CPR?, _ id: String) -> String {
        DiscrepancyKey(kind, p, cpr, id).text
    }

    mutating func onlyInCaseSystem(_ cpr: CPR, _ p: Paragraph) {
        let gs = (grantsBy[cpr]?[p] ?? []).filter(inPeriod).sorted { $0.start < $1.start }
        let explained = gs.allSatisfy { $0.payingMunicipality != nil }
        let paying = gs.first?.payingMunicipality ?? ""
        out.append(Discrepancy(
            key: key(.onlyInCaseSystem, p, cpr, ""), kind: .onlyInCaseSystem, paragraph: p, cpr: cpr,
            caseIds: gs.map(\.caseId), voucherIds: [], month: nil, caseworker: gs.first?.caseworker ?? "", amount: nil,
            explained: explained,
            explanation: explained ? Message(da: "betales af \(paying)", en: "paid by \(paying)") : nil,
            message: Message(da: "bevilget efter \(p.display), men ingen udbetaling i perioden",
                             en: "granted under \(p.display), but no payment in the period")))
    }

    mutating func onlyInEconomyOrOutside(_ cpr: CPR, _ p: Paragraph) {
        if grantsBy[cpr]?[p] != nil {
            paidOutsideGrant(cpr, p)
            return
        }
        let ps = paymentsOf(cpr, p).filter(inPeriod).sorted { ($0.periodStart, $0.voucherId) < ($1.periodStart, $1.voucherId) }
        let amount = ps.reduce(Money.zero) { $0 + $1.amount }
        let explained = ps.allSatisfy { !$0.actingMunicipality.isEmpty }
        let acting = explained ? mapping.symbols[ps[0].actingMunicipality] : ""
        out.append(Discrepancy(
            key: key(.onlyInEconomy, p, cpr, ""), kind: .onlyInEconomy, paragraph: p, cpr: cpr, caseIds: [],
            voucherIds: ps.map(\.voucherId), month: nil, caseworker: "", amount: amount, explained: explained,
            explanation: explained ? Message(da: "handlekommune \(acting)", en: "acting municipality \(acting)") : nil,
            message: Message(da: "udbetalt efter \(p.display) uden nogen bevilling på paragraffen",
                             en: "paid under \(p.display) with no grant on the paragraph at all")))
    }

    mutating func paidOutsideGrant(_ cpr: CPR, _ p: Paragraph) {
        let spans = union((grantsBy[cpr]?[p] ?? []).map(\.span))
        for i in paymentIndex[cpr]?[p] ?? [] where inPeriod(payments[Int(i)]) {
            let pay = payments[Int(i)]
            let uncovered = pay.period.dayCount - coveredDays(spans, in: pay.period)
            guard uncovered > 0 else { continue }
            let caseworker = grantsBy[cpr]?[p]?.first?.caseworker ?? ""
            out.append(Discrepancy(
                key: key(.paidOutsideGrant, p, cpr, "\(pay.voucherId)@\(pay.periodStart.iso)"), kind: .paidOutsideGrant,
                paragraph: p, cpr: cpr, caseIds: [], voucherIds: [pay.voucherId], month: nil, caseworker: caseworker,
                amount: Money(ore: Money.proRata(pay.amount.ore, uncovered, pay.period.dayCount)),
                explained: false, explanation: nil,
                message: Message(da: "\(uncovered) af betalingens \(pay.period.dayCount) dage (\(pay.periodStart.danish)–\(pay.periodEnd.danish)) er ikke dækket af en bevilling",
                                 en: "\(uncovered) of the payment's \(pay.period.dayCount) days (\(pay.periodStart.danish)–\(pay.periodEnd.danish)) are covered by no grant")))
        }
    }

    mutating func rateMismatch(_ cpr: CPR, _ p: Paragraph) {
        let gs = grantsBy[cpr]?[p] ?? []
        let grantSpans = union(gs.map(\.span))
        // The payments read in place by position; copied only for a month that is reported.
        let positions = paymentIndex[cpr]?[p] ?? []
        let paidSpans = union(positions.map { Span(start: payments[Int($0)].periodStart, end: payments[Int($0)].periodEnd) })
        for (y, m) in months(of: period) {
            let month = DayRange.month(m, of: y)
            guard coveredDays(grantSpans, in: month) == month.dayCount, coveredDays(paidSpans, in: month) == month.dayCount else { continue }
            let paid = paidFor(payments, positions, in: month)
            let expected = gs.reduce(Money.zero) { $0 + $1.expectedCost(in: month) }
            let difference = paid - expected
            guard Double(difference.ore.magnitude) > rateTolerance * Double(expected.ore.magnitude) else { continue }
            let ps = positions.map { payments[Int($0)] }
            out.append(Discrepancy(
                key: key(.rateMismatch, p, cpr, monthKey(y, m)), kind: .rateMismatch, paragraph: p, cpr: cpr,
                caseIds: gs.filter { $0.span.within(month) != nil }.map(\.caseId),
                voucherIds: ps.filter { $0.period.intersection(month) != nil }.map(\.voucherId), month: monthKey(y, m),
                caseworker: gs.first?.caseworker ?? "", amount: difference, explained: false, explanation: nil,
                message: Message(da: "betalt \(paid.danishDecimal) kr., forventet \(expected.danishDecimal) kr. efter takst",
                                 en: "paid \(paid.danishDecimal) kr., expected \(expected.danishDecimal) kr. by the rate")))
        }
    }
}
