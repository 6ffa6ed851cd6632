/// One agreement on places with a provider (`providers`, exports.md): a row of tilbud.csv.
public struct ProviderAgreement: Hashable, Sendable {
    public var provider: String
    public var paragraph: Paragraph?
    public var places: Int
    /// Valid from (nil: always) to (nil: ongoing), both inclusive.
    public var from: Day?
    public var to: Day?
    /// One of the municipality's own offers.
    public var own: Bool
    /// The occupancy in per cent the rate was set from.
    public var budgetedOccupancy: Double?
    public var line: Int

    public init(provider: String, paragraph: Paragraph? = nil, places: Int, from: Day? = nil, to: Day? = nil,
                own: Bool = false, budgetedOccupancy: Double? = nil, line: Int = 0) {
        self.provider = provider; self.paragraph = paragraph; self.places = places; self.from = from; self.to = to
        self.own = own; self.budgetedOccupancy = budgetedOccupancy; self.line = line
    }

    /// The days of `range` the agreement is valid on.
    func validDays(in range: DayRange) -> Int {
        let start = Swift.max(range.start, from ?? range.start), end = Swift.min(range.end, to ?? range.end)
        return start <= end ? start.distance(to: end) + 1 : 0
    }
}

/// A provider's name as the files are matched on it (management.md §7, §9): trimmed, case folded,
/// inner runs of white space (spaces, tabs, a line break in a quoted field) as one space.
public func providerKey(_ name: some StringProtocol) -> String {
    providerName(name).lowercased()
}

/// A provider's name as shown: trimmed, inner runs of white space as one space (its case kept).
public func providerName(_ name: some StringProtocol) -> String {
    name.split(whereSeparator: \.isWhitespace).joined(separator: " ")
}

/// What occupancy counts of a grant: its citizen, provider and days.
public struct ProviderStay: Hashable, Sendable {
    public var cpr: CPR
    public var provider: String
    public var span: Span
    public init(cpr: CPR, provider: String, span: Span) { self.cpr = cpr; self.provider = provider; self.span = span }

    /// The stays occupancy counts: the grants this municipality acts for that name a provider.
    public static func of(_ grants: [Grant]) -> [ProviderStay] {
        // (By position: a grant passed whole to a closure is copied, each of its texts retained.)
        grants.indices.compactMap { i in
            grants[i].actingMunicipality == nil && !grants[i].provider.isEmpty
                ? ProviderStay(cpr: grants[i].cpr, provider: grants[i].provider, span: Span(start: grants[i].start, end: grants[i].end)) : nil
        }
    }
}

/// One row of Belægning (management.md §7, §9): a provider and a month, or (`month` nil) the
/// months of a year that are over together.
public struct OccupancyLine: Hashable, Sendable {
    public var provider: String
    public var paragraph: Paragraph?
    public var month: CalendarMonth?
    /// The days of the month, or of the year's months together.
    public var days: Int
    /// Nil for a provider without any `providers` row ("uden aftalte pladser").
    public var capacityDays: Int?
    public var occupiedDays: Int
    /// The provider's budgeted occupancy (on a month row only when an agreement is valid in it).
    public var budgetedOccupancy: Double?
    /// One of the municipality's own offers (its other municipalities' citizens are not in the drop).
    public var own: Bool

    public init(provider: String, paragraph: Paragraph?, month: CalendarMonth?, days: Int, capacityDays: Int?, occupiedDays: Int,
                budgetedOccupancy: Double?, own: Bool) {
        self.provider = provider; self.paragraph = paragraph; self.month = month; self.days = days
        self.capacityDays = capacityDays; self.occupiedDays = occupiedDays; self.budgetedOccupancy = budgetedOccupancy; self.own = own
    }

    public var hasAgreement: Bool { capacityDays != nil }
    /// capacity days ÷ days.
    public var places: Double? { capacityDays.map { Double($0) / Double(days) } }
    /// occupied ÷ capacity days × 100; nil without capacity.
    public var occupancy: Double? {
        guard let capacityDays, capacityDays > 0 else { return nil }
        return Double(occupiedDays) / Double(capacityDays) * 100
    }
    /// (capacity − occupied) ÷ days; negative when overbooked.
    public var freePlaces: Double? { capacityDays.map { Double($0 - occupiedDays) / Double(days) } }
    /// occupancy − budgeted occupancy, in percentage points.
    public var differenceToBudget: Double? {
        guard let occupancy, let budgetedOccupancy else { return nil }
        return occupancy - budgetedOccupancy
    }
}

/// Belægning per provider and month of `months`, and with `yearRow`, one row per provider for
/// those months together (month nil) after its months. Providers with agreed places first (by
/// name), then those with grants and no `providers` row. A month is listed when an agreement is
/// valid in it or a citizen stays; occupied days join each citizen's stays at the provider.
public func occupancyLines(stays: [ProviderStay], agreements: [ProviderAgreement], months: [CalendarMonth],
                           yearRow: Bool = false) -> [OccupancyLine] {
    guard let first = months.first, let last = months.last else { return [] }
    struct Provider {
        var name: String
        var paragraph: Paragraph?
        var budgeted: Double?
        var own = false
        var agreements: [ProviderAgreement] = []
        var occupied: [Int]
    }
    let span = first.distance(to: last) + 1
    var providers: [String: Provider] = [:], order: [String] = []
    func register(_ key: String, _ name: String) {
        guard providers[key] == nil else { return }
        providers[key] = Provider(name: providerName(name), occupied: Array(repeating: 0, count: span))
        order.append(key)
    }
    for a in agreements {
        let key = providerKey(a.provider)
        guard !key.isEmpty else { continue }
        register(key, a.provider)
        providers[key]?.agreements.append(a)
        if providers[key]?.paragraph == nil { providers[key]?.paragraph = a.paragraph }
        if providers[key]?.budgeted == nil { providers[key]?.budgeted = a.budgetedOccupancy }
        if a.own { providers[key]?.own = true }
    }
    // Each citizen's stays at a provider joined, their days counted per month (a provider without
    // agreements is named as its first grant in the file writes it). A provider's text is folded
    // once, however many grants name it.
    // (The texts numbered by their bytes: no String hashed per stay.)
    var ids: [String: Int] = [:], keys: [String] = [], texts = TextNumbers(), idOfText: [Int] = []
    var keyed: [(key: Int, cpr: Int64, span: Span)] = []
    keyed.reserveCapacity(stays.count)
    for s in stays {
        let text = Int(texts.number(s.provider))
        if text == idOfText.count {
            let key = providerKey(s.provider)
            if key.isEmpty { idOfText.append(-1) } else if let known = ids[key] { idOfText.append(known) } else {
                idOfText.append(keys.count); ids[key] = keys.count; keys.append(key)
                register(key, s.provider)
            }
        }
        let id = idOfText[text]
        if id >= 0 { keyed.append((id, s.cpr.value, s.span)) }
    }
    // The months' first days (and the day after the last), as ordinals.
    let starts = (0...span).map { Int(first.advanced(by: $0).range.start.ordinal) }
    var occupied = keys.map { _ in [Int](repeating: 0, count: span) }
    // Per provider each citizen's stays united (`eachCitizensUnion`), their days counted per month.
    eachCitizensUnion(keyed) { id, united in
        for s in united {
            let from = max(Int(s.start.ordinal), starts[0]), to = min(s.end.map { Int($0.ordinal) } ?? Int.max, starts[span] - 1)
            guard from <= to else { continue }
            // The first month holding `from`, then month by month to `to`.
            var m = 0
            while starts[m + 1] <= from { m += 1 }
            while m < span && starts[m] <= to {
                occupied[id][m] += min(to, starts[m + 1] - 1) - max(from, starts[m]) + 1
                m += 1
            }
        }
    }
    for (id, key) in keys.enumerated() { providers[key]?.occupied = occupied[id] }
    let withRow = order.filter { providers[$0].map { !$0.agreements.isEmpty } ?? false }
        .sorted { DanishCollation.before(providers[$0]?.name ?? $0, providers[$1]?.name ?? $1) }
    let without = order.filter { providers[$0].map { $0.agreements.isEmpty } ?? false }
        .sorted { DanishCollation.before(providers[$0]?.name ?? $0, providers[$1]?.name ?? $1) }
    var lines: [OccupancyLine] = []
    for key in withRow + without {
        guard let p = providers[key] else { continue }
        let agreed = !p.agreements.isEmpty
        var total = OccupancyLine(provider: p.name, paragraph: p.paragraph, month: nil, days: 0, capacityDays: agreed ? 0 : nil,
                                  occupiedDays: 0, budgetedOccupancy: p.budgeted, own: p.own)
        var any = false
        for m in months {
            let occupied = p.occupied[first.distance(to: m)]
            let valid = p.agreements.filter { $0.validDays(in: m.range) > 0 }
            total.days += m.days
            guard occupied > 0 || !valid.isEmpty else { continue }
            any = true
            let capacity = agreed ? valid.reduce(0) { $0 + $1.places * $1.validDays(in: m.range) } : nil
            lines.append(OccupancyLine(provider: p.name, paragraph: p.paragraph, month: m, days: m.days, capacityDays: capacity,
                                       occupiedDays: occupied, budgetedOccupancy: valid.isEmpty ? nil : p.budgeted, own: p.own))
            total.occupiedDays += occupied
            if let capacity { total.capacityDays? += capacity }
        }
        if yearRow && any { lines.append(total) }
    }
    return lines
}
