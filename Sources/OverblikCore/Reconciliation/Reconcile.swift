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
    reconcile(grants: grants, payments: payments, dst: dst, mapping: mapping, year: year, month: month, today: today,
              rateTolerance: rateTolerance, index: index, part: nil)
}

/// One of the two parts of a reconciliation that can be computed at once (on two threads) and
/// then `joined`: the ottetal with the kinds found beside it (who is only in which system, paid
/// outside a grant, rate), and the kinds found from the grants and DST rows.
public enum ReconciliationPart: Sendable, CaseIterable {
    case ottetal, grantsAndDst
}

/// The same, of one part only (nil: whole); a part's discrepancies are in the order found, put
/// in order by `joined`.
public func reconcile(grants: [Grant], payments: [Payment], dst: [DstRow], mapping: MappingIndex,
                      year: Int, month: Int? = nil, today: Day, rateTolerance: Double, index: PaymentIndex? = nil,
                      part: ReconciliationPart?) -> Reconciliation? {
    guard let period = reconciliationPeriod(year: year, month: month, today: today) else { return nil }
    var r = Reconciler(grants: grants, payments: payments, dst: dst, mapping: mapping, period: period,
                       year: year, today: today, rateTolerance: rateTolerance,
                       index: index ?? PaymentIndex(payments: payments, grants: grants, mapping: mapping))
    return r.run(part)
}

extension Reconciliation {
    /// The whole reconciliation from its two parts (`.ottetal` first): the same as computed whole.
    public static func joined(_ ottetal: Reconciliation, _ grantsAndDst: Reconciliation) -> Reconciliation {
        Reconciliation(period: ottetal.period, ottetal: ottetal.ottetal,
                       discrepancies: Reconciler.ordered(ottetal.discrepancies + grantsAndDst.discrepancies))
    }
}

/// The work of one reconciliation, split per rule. The cross-system rules read the index's
/// groups (one citizen and paragraph each) once, in order.
struct Reconciler {
    let grants: [Grant]
    let dst: [DstRow]
    let mapping: MappingIndex
    let period: DayRange
    let year: Int
    let today: Day
    let rateTolerance: Double
    let payments: [Payment]
    let index: PaymentIndex
    /// The months of the period with their day ranges (worked out once, not per group).
    let periodMonths: [(year: Int, month: Int, range: DayRange)]
    var coverage: ParagraphCoverage { index.coverage }
    var out: [Discrepancy] = []

    init(grants: [Grant], payments: [Payment], dst: [DstRow], mapping: MappingIndex, period: DayRange,
         year: Int, today: Day, rateTolerance: Double, index: PaymentIndex) {
        self.grants = grants; self.dst = dst; self.mapping = mapping; self.period = period
        self.year = year; self.today = today; self.rateTolerance = rateTolerance
        self.payments = payments
        self.index = index
        periodMonths = months(of: period).map { ($0.year, $0.month, DayRange.month($0.month, of: $0.year)) }
    }

    func inPeriod(_ g: Grant) -> Bool { g.span.within(period) != nil }
    func inPeriod(_ p: Payment) -> Bool { p.period.intersection(period) != nil }
    func inPeriod(_ r: DstRow) -> Bool { Span(start: r.start, end: r.end).within(period) != nil }

    /// A group's grants (copies, in file order): only for a group that is reported.
    func grantsOf(_ g: CitizenGroup) -> [Grant] { g.grants.map { grants[Int(index.grantOrder[$0])] } }
    /// A group's payments as positions in `payments`.
    func paymentPositions(_ g: CitizenGroup) -> ArraySlice<Int32> { index.paymentOrder[g.payments] }
    /// The caseworker of a group's first grant (file order).
    func caseworker(_ g: CitizenGroup) -> String { g.hasGrants ? grants[Int(index.grantOrder[g.grants.lowerBound])].caseworker : "" }

    /// Every paragraph of the mapping, the grants, the attributed payments and the DST rows.
    var paragraphs: [Paragraph] {
        var set = Set(index.paragraphs)
        var last: Paragraph?
        for i in dst.indices where dst[i].paragraph != last {
            last = dst[i].paragraph
            set.insert(dst[i].paragraph)
        }
        return set.sorted()
    }

    /// The whole reconciliation, or one part of it (its discrepancies then not yet in order).
    mutating func run(_ part: ReconciliationPart? = nil) -> Reconciliation {
        var lines: [OttetalLine] = []
        if part != .grantsAndDst { lines = ottetal() }
        if part != .ottetal {
            overlapping()
            grantChecks()
            dstChecks()
            dataBreaks()
        }
        return Reconciliation(period: period, ottetal: lines, discrepancies: part == nil ? Self.ordered(out) : out)
    }

    /// Discrepancies in the order shown: by kind, paragraph, CPR and key (those equal in the order found).
    static func ordered(_ found: [Discrepancy]) -> [Discrepancy] {
        // Positions sorted, each discrepancy's fields read in place (sorting the discrepancies
        // themselves copied two per comparison, every text retained); equal ones keep their order.
        let order = found.withUnsafeBufferPointer { d in
            Array(d.indices).sorted { a, b in
                if d[a].kind != d[b].kind { return d[a].kind < d[b].kind }
                if d[a].paragraph != d[b].paragraph { return d[a].paragraph < d[b].paragraph }
                let (p, q) = (d[a].cpr?.value ?? 0, d[b].cpr?.value ?? 0)
                if p != q { return p < q }
                if d[a].key != d[b].key { return d[a].key < d[b].key }
                return a < b
            }
        }
        return order.map { found[$0] }
    }

    // MARK: the ottetalskontrol and the cross-system kinds

    /// Who appears in each system in the period, per paragraph, their covered days, and the
    /// cross-system kinds of each citizen and paragraph: one pass over the groups.
    mutating func ottetal() -> [OttetalLine] {
        let n = index.paragraphs.count
        var caseSystem = [Int](repeating: 0, count: n), economy = caseSystem, both = caseSystem
        var coveredCase = caseSystem, coveredPaid = caseSystem
        var spans: [Span] = []
        for g in index.groups {
            let unions = index.grantUnions[g.unions]
            let inCase = unions.contains { $0.within(period) != nil }
            // The payments read in place: no copy of them.
            spans.removeAll(keepingCapacity: true)
            var inEconomy = false
            for k in g.payments {
                let i = Int(index.paymentOrder[k])
                let (start, end) = (payments[i].periodStart, payments[i].periodEnd)
                spans.append(Span(start: start, end: end))
                if start <= period.end && end >= period.start { inEconomy = true }
            }
            let p = Int(g.paragraph)
            if inCase {
                caseSystem[p] += 1
                coveredCase[p] += coveredDays(unions, in: period)
            }
            var paid: [Span] = []
            if inEconomy {
                economy[p] += 1
                paid = spans.count == 1 ? spans : union(spans)
                coveredPaid[p] += coveredDays(paid, in: period)
            }
            switch (inCase, inEconomy) {
            case (true, false): onlyInCaseSystem(g)
            case (false, true): if g.hasGrants { paidOutsideGrant(g) } else { onlyInEconomy(g) }
            case (true, true):
                both[p] += 1
                paidOutsideGrant(g)
                rateMismatch(g, paidSpans: paid)
            case (false, false): break
            }
        }
        return paragraphs.map { p in
            let r = index.rank(of: p)
            func count(_ a: [Int]) -> Int { r.map { a[$0] } ?? 0 }
            return OttetalLine(paragraph: p, period: period, caseSystem: count(caseSystem), economy: count(economy),
                               both: count(both), onlyCaseSystem: count(caseSystem) - count(both),
                               onlyEconomy: count(economy) - count(both),
                               fullTimeCaseSystem: FullTimePersons(coveredDays: count(coveredCase), periodDays: period.dayCount),
                               fullTimeEconomy: FullTimePersons(coveredDays: count(coveredPaid), periodDays: period.dayCount))
        }
    }

    func key(_ kind: DiscrepancyKind, _ p: Paragraph, _ cpr: CPR?, _ id: String) -> String {
        DiscrepancyKey(kind, p, cpr, id).text
    }

    mutating func onlyInCaseSystem(_ g: CitizenGroup) {
        let (cpr, p) = (g.cpr, index.paragraphs[Int(g.paragraph)])
        let gs = grantsOf(g).filter(inPeriod).sorted { $0.start < $1.start }
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

    /// Paid on a paragraph the citizen has no grant on at all.
    mutating func onlyInEconomy(_ g: CitizenGroup) {
        let (cpr, p) = (g.cpr, index.paragraphs[Int(g.paragraph)])
        let ps = paymentPositions(g).map { payments[Int($0)] }.filter(inPeriod)
            .sorted { ($0.periodStart, $0.voucherId) < ($1.periodStart, $1.voucherId) }
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

    mutating func paidOutsideGrant(_ g: CitizenGroup) {
        let (cpr, p) = (g.cpr, index.paragraphs[Int(g.paragraph)])
        let spans = index.grantUnions[g.unions]
        for i in paymentPositions(g) where inPeriod(payments[Int(i)]) {
            let pay = payments[Int(i)]
            let uncovered = pay.period.dayCount - coveredDays(spans, in: pay.period)
            guard uncovered > 0 else { continue }
            out.append(Discrepancy(
                key: key(.paidOutsideGrant, p, cpr, "\(pay.voucherId)@\(pay.periodStart.iso)"), kind: .paidOutsideGrant,
                paragraph: p, cpr: cpr, caseIds: [], voucherIds: [pay.voucherId], month: nil, caseworker: caseworker(g),
                amount: Money(ore: Money.proRata(pay.amount.ore, uncovered, pay.period.dayCount)),
                explained: false, explanation: nil,
                message: Message(da: "\(uncovered) af betalingens \(pay.period.dayCount) dage (\(pay.periodStart.danish)–\(pay.periodEnd.danish)) er ikke dækket af en bevilling",
                                 en: "\(uncovered) of the payment's \(pay.period.dayCount) days (\(pay.periodStart.danish)–\(pay.periodEnd.danish)) are covered by no grant")))
        }
    }

    /// `paidSpans`: the union of the group's payment periods.
    mutating func rateMismatch(_ g: CitizenGroup, paidSpans: [Span]) {
        let (cpr, p) = (g.cpr, index.paragraphs[Int(g.paragraph)])
        let grantSpans = index.grantUnions[g.unions]
        // The payments read in place by position; copied only for a month that is reported.
        let positions = paymentPositions(g)
        // The months wholly covered by both the grants and the payments; then what was paid for
        // each of them with every payment read once, its share of each such month it overlaps
        // rounded per payment and month, as `paidFor` rounds (a pass over the payments per month
        // was 0,2 CPU s a year on LC).
        // (A bit per month: a period is a year at most.)
        var whole: UInt64 = 0
        for (j, (_, _, month)) in periodMonths.enumerated() where j < 64 {
            if coveredDays(grantSpans, in: month) == month.dayCount && coveredDays(paidSpans, in: month) == month.dayCount { whole |= 1 << j }
        }
        guard whole != 0 else { return }
        var paidIn = [Money](repeating: .zero, count: periodMonths.count)
        for i in positions {
            let (start, end, amount) = (payments[Int(i)].periodStart, payments[Int(i)].periodEnd, payments[Int(i)].amount)
            let days = start.distance(to: end) + 1
            // From the first month ending on or after the period's start, while the months start by its end.
            var j = 0
            while j < periodMonths.count && periodMonths[j].range.end < start { j += 1 }
            while j < periodMonths.count && periodMonths[j].range.start <= end {
                if whole & (1 << j) != 0 {
                    let month = periodMonths[j].range
                    let overlap = max(start, month.start).distance(to: min(end, month.end)) + 1
                    paidIn[j] = paidIn[j] + Money(ore: Money.proRata(amount.ore, overlap, days))
                }
                j += 1
            }
        }
        for (j, (y, m, month)) in periodMonths.enumerated() where j < 64 && whole & (1 << j) != 0 {
            let paid = paidIn[j]
            var expected = Money.zero
            for k in g.grants { expected = expected + grants[Int(index.grantOrder[k])].expectedCost(in: month) }
            let difference = paid - expected
            guard Double(difference.ore.magnitude) > rateTolerance * Double(expected.ore.magnitude) else { continue }
            let ps = positions.map { payments[Int($0)] }
            out.append(Discrepancy(
                key: key(.rateMismatch, p, cpr, monthKey(y, m)), kind: .rateMismatch, paragraph: p, cpr: cpr,
                caseIds: grantsOf(g).filter { $0.span.within(month) != nil }.map(\.caseId),
                voucherIds: ps.filter { $0.period.intersection(month) != nil }.map(\.voucherId), month: monthKey(y, m),
                caseworker: caseworker(g), amount: difference, explained: false, explanation: nil,
                message: Message(da: "betalt \(paid.danishDecimal) kr., forventet \(expected.danishDecimal) kr. efter takst",
                                 en: "paid \(paid.danishDecimal) kr., expected \(expected.danishDecimal) kr. by the rate")))
        }
    }
}
