/// The grants and payments grouped once for every year's figures: one group per citizen and
/// paragraph, holding that citizen's grants on the paragraph, the payments attributed to it
/// (`paragraph(of:)`) and the union of the grants' spans, as positions in flat arrays. The
/// reconciliation reads each group once, in order; no figure looks a citizen or a paragraph up
/// in a dictionary per grant or payment, and no grant is copied. At national scale building this
/// is a large part of the work; both years and the development series share one.
public struct PaymentIndex: Sendable {
    /// The paragraphs of the grants and of the mapping (every paragraph a payment can be
    /// attributed to), sorted; a group's `paragraph` is a position in it.
    public let paragraphs: [Paragraph]
    /// Each payment's attributed paragraph as a position in `paragraphs`; -1 for none.
    public let paymentParagraph: [Int32]
    /// The payments per account function, as positions.
    public let byFunction: [Symbol: [Int32]]
    /// A citizen's groups follow one another, by paragraph.
    public let groups: [CitizenGroup]
    /// Positions in the grants, group by group (in file order within a group).
    public let grantOrder: [Int32]
    /// Positions in the payments, group by group (in file order within a group).
    public let paymentOrder: [Int32]
    /// The union of each group's grant spans, group by group (sorted, disjoint).
    public let grantUnions: [Span]
    /// Every grant's span, in file order: read where only the span is wanted (reading it through
    /// the grant copied the whole grant, a dozen texts retained and released, per grant and year).
    public let grantSpans: [Span]
    /// Every grant's paragraph as a position in `paragraphs`, in file order.
    public let grantParagraph: [Int32]
    /// Every grant's mapping row (`MappingIndex.exactRow`) as a position in the mapping's rows, in
    /// file order; -1 for none. Found once per service code and paragraph, for every figure.
    public let grantMappingRow: [Int32]
    /// The same for `MappingIndex.row(for:)` (for a service code not in the mapping, the first
    /// row of the grant's paragraph): the row whose function the grant counts under.
    public let grantFunctionRow: [Int32]
    /// Every grant's coverage per paragraph and citizen (movements and data breaks).
    public let coverage: ParagraphCoverage
    private let rankOf: [Paragraph: Int32]
    private let citizenOf: [CPR: Int32]
    /// Per citizen (numbered as in `citizenOf`) the position of its first group; one more at the end.
    private let citizenGroups: [Int32]

    /// The position of `p` in `paragraphs`, or nil when no grant or mapping row has it.
    public func rank(of p: Paragraph) -> Int? { rankOf[p].map(Int.init) }

    /// The groups of a citizen (empty when the citizen has no grant and no attributed payment).
    public func groups(of cpr: CPR) -> Range<Int> {
        guard let c = citizenOf[cpr] else { return 0..<0 }
        return Int(citizenGroups[Int(c)])..<Int(citizenGroups[Int(c) + 1])
    }

    /// The group of a citizen and paragraph, if any.
    public func group(_ cpr: CPR, _ p: Paragraph) -> Int? {
        guard let r = rankOf[p] else { return nil }
        return groups(of: cpr).first { groups[$0].paragraph == r }
    }

    public init(payments: [Payment], grants: [Grant], mapping: MappingIndex) {
        // The paragraphs, ranked: the grants' and the mapping's (attribution picks among the mapping's).
        var set = Set(mapping.rows.map(\.paragraph))
        var lastParagraph: Paragraph?
        for i in grants.indices where grants[i].paragraph != lastParagraph {
            lastParagraph = grants[i].paragraph
            set.insert(grants[i].paragraph)
        }
        paragraphs = set.sorted()
        var rankOf: [Paragraph: Int32] = [:]
        for (i, p) in paragraphs.enumerated() { rankOf[p] = Int32(i) }
        self.rankOf = rankOf
        // A paragraph's rank, looked up only when it differs from the one before (runs are common).
        var cachedParagraph: Paragraph?, cachedRank: Int32 = 0
        func rank(_ p: Paragraph) -> Int32 {
            if p != cachedParagraph { (cachedParagraph, cachedRank) = (p, rankOf[p] ?? 0) }  // every grant's and mapping row's paragraph is ranked above
            return cachedRank
        }

        // Citizens numbered in order of appearance: those with grants first. (A struct, not a
        // function capturing variables: those were checked for exclusive access at run time, per call.)
        struct Citizens {
            var of: [CPR: Int32] = [:], list: [CPR] = []
            var cachedCPR: CPR?, cached: Int32 = 0
            mutating func number(_ c: CPR) -> Int32 {
                if c == cachedCPR { return cached }
                if let known = of[c] {
                    cached = known
                } else {
                    cached = Int32(list.count)
                    of[c] = cached
                    list.append(c)
                }
                cachedCPR = c
                return cached
            }
        }
        var numbering = Citizens()
        let grantCount = grants.count
        var grantCitizen = [Int32](repeating: 0, count: grantCount), grantRank = grantCitizen
        let grantSpans = grants.withUnsafeBufferPointer { grants in
            for i in 0..<grantCount {
                grantCitizen[i] = numbering.number(grants[i].cpr)
                grantRank[i] = rank(grants[i].paragraph)
            }
            return grants.indices.map { Span(start: grants[$0].start, end: grants[$0].end) }  // (a grant passed whole is copied)
        }
        self.grantSpans = grantSpans
        grantParagraph = grantRank
        // The mapping rows: per service code (numbered by its bytes) the last paragraph and row
        // found for it (a code mostly belongs to one paragraph), looked up in the mapping only
        // when the paragraph differs.
        let firstRow = paragraphs.map { p in mapping.rows.firstIndex { $0.paragraph == p }.map(Int32.init) ?? -1 }
        var codes = TextNumbers(), rowOfCode: [(rank: Int32, row: Int32)] = []
        var grantMappingRow = [Int32](repeating: -1, count: grantCount), grantFunctionRow = grantMappingRow
        grants.withUnsafeBufferPointer { grants in
            for i in 0..<grantCount {
                let code = Int(codes.number(grants[i].serviceCode))
                if code == rowOfCode.count { rowOfCode.append((-1, -1)) }
                if rowOfCode[code].rank != grantRank[i] {
                    let row = mapping.exactRowPosition(grants[i].paragraph, grants[i].serviceCode).map(Int32.init) ?? -1
                    rowOfCode[code] = (grantRank[i], row)
                }
                grantMappingRow[i] = rowOfCode[code].row
                grantFunctionRow[i] = rowOfCode[code].row >= 0 ? rowOfCode[code].row : firstRow[Int(grantRank[i])]
            }
        }
        (self.grantMappingRow, self.grantFunctionRow) = (grantMappingRow, grantFunctionRow)
        let withGrants = numbering.list.count
        let grantsOfCitizen = countingSort(grantCitizen, buckets: withGrants)

        // Each payment's function and attributed paragraph, and its citizen.
        // Each function's list sized first (grown by doubling they held a quarter more than their
        // positions, at national scale 10 MB of the sync's peak).
        var functionCounts = [Int](repeating: 0, count: mapping.symbols.count)
        for i in payments.indices {
            let id = Int(payments[i].function.id)
            if id >= functionCounts.count { functionCounts.append(contentsOf: repeatElement(0, count: id + 1 - functionCounts.count)) }
            functionCounts[id] += 1
        }
        var functionLists: [[Int32]] = functionCounts.map { n in
            var list: [Int32] = []
            list.reserveCapacity(n)
            return list
        }
        var paymentParagraph = [Int32](repeating: -1, count: payments.count)
        var paymentCitizen = [Int32](repeating: -1, count: payments.count)
        // The candidates' ranks per account, worked out once per function and grouping: per
        // function symbol the last grouping seen with its ranks (a function's payments mostly
        // share one grouping), so that a payment costs two array reads, no hashing of paragraphs.
        // (The first candidate and whether there are more kept apart from the list: the list is
        // read only for a payment with several, not retained and released for every payment.)
        let functions = functionCounts.count
        var accountGrouping = [Int64](repeating: -1, count: functions), accountFirst = [Int32](repeating: -1, count: functions)
        var accountSeveral = [Bool](repeating: false, count: functions), accountRanks = [[Int32]](repeating: [], count: functions)
        for i in payments.indices {
            let function = payments[i].function, grouping = payments[i].grouping
            let f = Int(function.id)
            functionLists[f].append(Int32(i))
            if accountGrouping[f] != Int64(grouping.id) {
                let ranks = mapping.paragraphs(function: function, grouping: grouping).map { rankOf[$0] ?? 0 }
                (accountGrouping[f], accountFirst[f], accountSeveral[f], accountRanks[f]) = (Int64(grouping.id), ranks.first ?? -1, ranks.count > 1, ranks)
            }
            let first = accountFirst[f]
            guard first >= 0 else { continue }
            let c = numbering.number(payments[i].cpr)
            var chosen = first
            if accountSeveral[f], Int(c) < withGrants {
                // Several: the citizen's earliest starting grant (then the lowest case id) on one of
                // them overlapping the payment's period, else the first in the mapping file.
                let candidates = accountRanks[f]
                let period = DayRange(ordering: payments[i].periodStart, payments[i].periodEnd)
                var best = -1
                for k in grantsOfCitizen.range(Int(c)) {
                    let g = Int(grantsOfCitizen.order[k])
                    guard candidates.contains(grantRank[g]), grantSpans[g].within(period) != nil else { continue }
                    if best < 0 || (grants[g].start, grants[g].caseId) < (grants[best].start, grants[best].caseId) { best = g }
                }
                if best >= 0 { chosen = grantRank[best] }
            }
            paymentParagraph[i] = chosen
            paymentCitizen[i] = c
        }
        self.paymentParagraph = paymentParagraph
        var byFunction: [Symbol: [Int32]] = [:]
        for (id, positions) in functionLists.enumerated() where !positions.isEmpty { byFunction[Symbol(id: UInt32(id))] = positions }
        self.byFunction = byFunction
        let citizens = numbering.list
        let paymentsOfCitizen = countingSort(paymentCitizen, buckets: citizens.count)

        // The groups: per citizen, its grants and payments by paragraph (stable: file order kept).
        var groups: [CitizenGroup] = [], grantOrder: [Int32] = [], paymentOrder: [Int32] = [], unions: [Span] = []
        groups.reserveCapacity(withGrants + 16)
        grantOrder.reserveCapacity(grantCount)
        paymentOrder.reserveCapacity(paymentsOfCitizen.order.count)
        var citizenGroups = [Int32](repeating: 0, count: citizens.count + 1)
        var gs: [Int32] = [], ps: [Int32] = [], spans: [Span] = []
        for c in 0..<citizens.count {
            citizenGroups[c] = Int32(groups.count)
            gs.removeAll(keepingCapacity: true)
            ps.removeAll(keepingCapacity: true)
            if c < withGrants { gs.append(contentsOf: grantsOfCitizen.order[grantsOfCitizen.range(c)]) }
            ps.append(contentsOf: paymentsOfCitizen.order[paymentsOfCitizen.range(c)])
            // Mostly one paragraph: nothing to sort.
            if gs.contains(where: { grantRank[Int($0)] != grantRank[Int(gs[0])] }) {
                gs.sort { (grantRank[Int($0)], $0) < (grantRank[Int($1)], $1) }
            }
            if ps.contains(where: { paymentParagraph[Int($0)] != paymentParagraph[Int(ps[0])] }) {
                ps.sort { (paymentParagraph[Int($0)], $0) < (paymentParagraph[Int($1)], $1) }
            }
            var a = 0, b = 0
            while a < gs.count || b < ps.count {
                let r = min(a < gs.count ? grantRank[Int(gs[a])] : .max, b < ps.count ? paymentParagraph[Int(ps[b])] : .max)
                let (grantStart, paymentStart, unionStart) = (grantOrder.count, paymentOrder.count, unions.count)
                spans.removeAll(keepingCapacity: true)
                while a < gs.count && grantRank[Int(gs[a])] == r {
                    grantOrder.append(gs[a])
                    spans.append(grantSpans[Int(gs[a])])
                    a += 1
                }
                while b < ps.count && paymentParagraph[Int(ps[b])] == r {
                    paymentOrder.append(ps[b])
                    b += 1
                }
                if spans.count == 1 { unions.append(spans[0]) } else { unions.append(contentsOf: union(spans)) }
                groups.append(CitizenGroup(cpr: citizens[c], paragraph: r, grantStart: Int32(grantStart), grantEnd: Int32(grantOrder.count),
                                           paymentStart: Int32(paymentStart), paymentEnd: Int32(paymentOrder.count),
                                           unionStart: Int32(unionStart), unionEnd: Int32(unions.count)))
            }
        }
        citizenGroups[citizens.count] = Int32(groups.count)
        self.groups = groups
        self.grantOrder = grantOrder
        self.paymentOrder = paymentOrder
        self.grantUnions = unions
        self.citizenOf = numbering.of
        self.citizenGroups = citizenGroups

        // The coverage from the groups' unions (each citizen's union per paragraph, already made).
        var perRank = [[Span]](repeating: [], count: paragraphs.count)
        for g in groups where g.unionEnd > g.unionStart { perRank[Int(g.paragraph)].append(contentsOf: unions[g.unions]) }
        var spansBy: [Paragraph: [Span]] = [:]
        for (p, citizens) in zip(paragraphs, perRank) where !citizens.isEmpty { spansBy[p] = citizens }
        coverage = ParagraphCoverage(unions: spansBy)
    }
}

/// One citizen's grants and attributed payments on one paragraph, as ranges of `PaymentIndex`'s arrays.
public struct CitizenGroup: Sendable {
    public let cpr: CPR
    /// A position in `PaymentIndex.paragraphs`.
    public let paragraph: Int32
    let grantStart: Int32, grantEnd: Int32
    let paymentStart: Int32, paymentEnd: Int32
    let unionStart: Int32, unionEnd: Int32

    /// Positions in `PaymentIndex.grantOrder`.
    public var grants: Range<Int> { Int(grantStart)..<Int(grantEnd) }
    /// Positions in `PaymentIndex.paymentOrder`.
    public var payments: Range<Int> { Int(paymentStart)..<Int(paymentEnd) }
    /// Positions in `PaymentIndex.grantUnions`.
    public var unions: Range<Int> { Int(unionStart)..<Int(unionEnd) }
    public var hasGrants: Bool { grantEnd > grantStart }
}

/// Positions 0..<keys.count ordered by their key (keys in 0..<buckets; a negative key is left
/// out), stable: a counting sort, two passes and no comparisons.
struct BucketOrder {
    var order: [Int32]
    var starts: [Int32]
    func range(_ bucket: Int) -> Range<Int> { Int(starts[bucket])..<Int(starts[bucket + 1]) }
}

func countingSort(_ keys: [Int32], buckets: Int) -> BucketOrder {
    var starts = [Int32](repeating: 0, count: buckets + 1)
    for k in keys where k >= 0 { starts[Int(k) + 1] += 1 }
    for b in 0..<buckets { starts[b + 1] += starts[b] }
    var fill = starts
    var order = [Int32](repeating: 0, count: Int(starts[buckets]))
    for (i, k) in keys.enumerated() where k >= 0 {
        order[Int(fill[Int(k)])] = Int32(i)
        fill[Int(k)] += 1
    }
    return BucketOrder(order: order, starts: starts)
}
