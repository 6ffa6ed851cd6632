/// Comparison with other municipalities (management.md §6): Danmarks Statistik's own figures
/// (HAND07 recipients or HAND01 full-time services) per municipality, service type and quarter,
/// as rates per 10.000 aged 18–64 (FOLK1A), this municipality's rank, the others' pooled rate, and
/// DST's published figure beside the same figure computed from the municipality's own DST extract.

/// Which figure the StatBank file holds (`[comparison] measure`).
public enum ComparisonMeasure: String, Sendable, CaseIterable {
    /// HAND07: recipients, whole numbers.
    case recipients
    /// HAND01: full-time services (the quarter's average of daily recipients), two decimals.
    case fulltime
}

/// `[comparison]` (exports.md).
public struct ComparisonSettings: Sendable, Equatable {
    public var measure: ComparisonMeasure = .recipients
    /// The codes compared (three digits); empty: every municipality in the file. This municipality
    /// is always compared.
    public var municipalities: [String] = []
    /// The population's age band, both ends included.
    public var ages: ClosedRange<Int> = 18...64

    public init() {}

    /// As the snapshot keeps it: `measure=recipients;ages=18-64;municipalities=165,183`.
    public var text: String {
        "measure=\(measure.rawValue);ages=\(ages.lowerBound)-\(ages.upperBound);municipalities=" + municipalities.joined(separator: ",")
    }

    /// Reads `text` (parts that cannot be read keep their defaults: the sync checked them).
    public init(text: String) {
        self.init()
        for part in text.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard kv.count == 2 else { continue }
            switch kv[0] {
            case "measure": measure = ComparisonMeasure(rawValue: kv[1]) ?? measure
            case "ages":
                let ends = kv[1].split(separator: "-").compactMap { Int($0) }
                if ends.count == 2, ends[0] <= ends[1] { ages = ends[0]...ends[1] }
            case "municipalities": municipalities = kv[1].split(separator: ",").map(String.init)
            default: continue
            }
        }
    }
}

extension Quarter {
    /// `2025K3` (also `2025k3`, `2025 K3`, `2025Q3`); nil for a year, a month or anything else.
    public init?(parsing raw: some StringProtocol) {
        let text = Substring(raw).trimmingSpaces.uppercased().replacingOccurrences(of: " ", with: "")
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "K" || $0 == "Q" })
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 1, let y = Int(parts[0]), let q = Int(parts[1]),
              (1900...9999).contains(y), (1...4).contains(q) else { return nil }
        self.init(year: y, quarter: q)
    }

    public var firstDay: Day { Day(anyYear: year, month: quarter * 3 - 2, day: 1) }
    public var lastDay: Day { Day(anyYear: year, month: quarter * 3, day: 1).lastOfMonth }
    public var days: DayRange { DayRange(ordering: firstDay, lastDay) }
    public var next: Quarter { quarter == 4 ? Quarter(year: year + 1, quarter: 1) : Quarter(year: year, quarter: quarter + 1) }
}

/// One published figure of the service table: a municipality (its code as DST reports it), a DST
/// service type, a quarter, and the value in hundredths (nil: `..`, not published).
public struct StatBankFigure: Hashable, Sendable {
    public var code: String
    public var serviceType: String
    /// The type's text as the file gives it beside the code ("Midlertidige botilbud …"); may be empty.
    public var serviceText: String
    public var quarter: Quarter
    public var value: Int64?
    public var line: Int

    public init(code: String, serviceType: String, serviceText: String = "", quarter: Quarter, value: Int64?, line: Int = 0) {
        self.code = code; self.serviceType = serviceType; self.serviceText = serviceText; self.quarter = quarter
        self.value = value; self.line = line
    }
}

/// One population figure (FOLK1A): a municipality, a quarter (its first day), one year of age, and
/// the number of people (nil: `..`).
public struct PopulationFigure: Hashable, Sendable {
    public var code: String
    public var quarter: Quarter
    public var age: Int
    public var value: Int64?
    public var line: Int

    public init(code: String, quarter: Quarter, age: Int, value: Int64?, line: Int = 0) {
        self.code = code; self.quarter = quarter; self.age = age; self.value = value; self.line = line
    }
}

/// A municipality as compared: one code, or a pooled pair (Ishøj and Vallensbæk, the reporting
/// municipality first).
public struct ComparedMunicipality: Hashable, Sendable, Comparable {
    public var codes: [String]
    public var name: String { DanishMunicipalities.label(codes) }

    public init(_ code: String) { codes = DanishMunicipalities.pooled(code) }
    /// As stored: the codes compared as one, the reporting municipality first.
    public init(codes: [String]) { self.codes = codes }

    public static func < (a: ComparedMunicipality, b: ComparedMunicipality) -> Bool { a.codes[0] < b.codes[0] }
}

/// One row of Sammenligning: a municipality (a pooled pair as one), a service type and a quarter.
public struct ComparisonLine: Hashable, Sendable {
    public var municipality: ComparedMunicipality
    /// This municipality's row (rank, the others' rate and the own figure are on it only).
    public var isOwn: Bool
    public var serviceType: String
    public var serviceText: String
    /// From the mapping's DST codes (nil when no mapping row has the type).
    public var paragraph: Paragraph?
    public var quarter: Quarter
    /// DST's figure in hundredths (nil: not published).
    public var count: Int64?
    /// Aged within the band on the quarter's first day, the pair's added (nil: not in the file).
    public var population: Int64?
    /// count ÷ population × 10.000, unrounded (nil without either).
    public var rate: Double?
    /// 1 = the highest rate among the municipalities compared that have one; ties share.
    public var rank: Int?
    /// How many municipalities had a rate (what the rank is out of).
    public var ranked: Int?
    /// Σ counts ÷ Σ populations × 10.000 of the other municipalities with both.
    public var othersRate: Double?
    /// The rate and the others' rate in tenths, rounded half away from zero on the exact fraction
    /// (management.md §9): what is shown; `rate` and `othersRate` are what is ranked.
    public var rateTenths: Int64?
    public var othersRateTenths: Int64?
    /// The same figure from the own DST extract, in hundredths (nil where it does not cover the quarter).
    public var own: Int64?

    public init(municipality: ComparedMunicipality, isOwn: Bool, serviceType: String, serviceText: String, paragraph: Paragraph?,
                quarter: Quarter, count: Int64?, population: Int64?, rate: Double?, rank: Int? = nil, ranked: Int? = nil,
                othersRate: Double? = nil, rateTenths: Int64? = nil, othersRateTenths: Int64? = nil, own: Int64? = nil) {
        self.municipality = municipality; self.isOwn = isOwn; self.serviceType = serviceType; self.serviceText = serviceText
        self.paragraph = paragraph; self.quarter = quarter; self.count = count; self.population = population; self.rate = rate
        self.rank = rank; self.ranked = ranked; self.othersRate = othersRate; self.rateTenths = rateTenths
        self.othersRateTenths = othersRateTenths; self.own = own
    }
}

/// A quarter the own DST extract covers that DST has not published yet ("ikke offentliggjort endnu").
public struct UnpublishedQuarter: Hashable, Sendable {
    public var serviceType: String
    public var paragraph: Paragraph?
    public var quarter: Quarter
    /// The own figure in hundredths.
    public var own: Int64

    public init(serviceType: String, paragraph: Paragraph?, quarter: Quarter, own: Int64) {
        self.serviceType = serviceType; self.paragraph = paragraph; self.quarter = quarter; self.own = own
    }
}

/// Sammenligning's rows and the quarters not published yet.
public struct Comparison: Sendable, Equatable {
    public var lines: [ComparisonLine]
    public var unpublished: [UnpublishedQuarter]
    public var measure: ComparisonMeasure

    /// The service types in the file, by code, with their texts.
    public var serviceTypes: [(code: String, text: String, paragraph: Paragraph?)] {
        var seen: Set<String> = []
        return lines.filter { seen.insert($0.serviceType).inserted }.map { ($0.serviceType, $0.serviceText, $0.paragraph) }
            .sorted { $0.code < $1.code }
    }

    public var quarters: [Quarter] { Set(lines.map(\.quarter)).sorted() }

    public static func == (a: Comparison, b: Comparison) -> Bool {
        a.lines == b.lines && a.unpublished == b.unpublished && a.measure == b.measure
    }

    /// As stored.
    public init(lines: [ComparisonLine], unpublished: [UnpublishedQuarter], measure: ComparisonMeasure) {
        self.lines = lines; self.unpublished = unpublished; self.measure = measure
    }

    /// Computes §6 for `municipality` as of `today`.
    public init(statbank: [StatBankFigure], population: [PopulationFigure], dst: [DstRow], mapping: [MappingRow],
                municipality: Municipality, settings: ComparisonSettings, today: Day) {
        measure = settings.measure
        let ownHead = DanishMunicipalities.reporting(Self.threeDigits(municipality.code))
        let chosen: Set<String>? = settings.municipalities.isEmpty ? nil
            : Set(settings.municipalities.map { DanishMunicipalities.reporting(Self.threeDigits($0)) }).union([ownHead])

        // The population per code and quarter, within the band; nil where a year of age is `..`.
        struct CodeQuarter: Hashable { let code: String; let quarter: Quarter }
        var people: [CodeQuarter: Int64?] = [:]
        for p in population where settings.ages.contains(p.age) {
            let key = CodeQuarter(code: p.code, quarter: p.quarter)
            let before = people[key] ?? 0
            people[key] = before.flatMap { b in p.value.map { b + $0 } }
        }
        func populationOf(_ m: ComparedMunicipality, _ q: Quarter) -> Int64? {
            var sum: Int64 = 0
            for code in m.codes {
                guard let n = people[CodeQuarter(code: code, quarter: q)], let n else { return nil }
                sum += n
            }
            return sum
        }

        var paragraphOf: [String: Paragraph] = [:]
        for row in mapping {
            let code = String(Substring(row.dstCode).trimmingSpaces)
            if !code.isEmpty, paragraphOf[code] == nil { paragraphOf[code] = row.paragraph }
        }
        let own = OwnExtract(dst, today: today)

        // The reporting municipalities' figures only (a partner's own row, if any, is in Ishøj's/Tårnby's).
        struct Group: Hashable { let serviceType: String; let quarter: Quarter }
        var groups: [Group: [StatBankFigure]] = [:]
        var texts: [String: String] = [:]
        for f in statbank where DanishMunicipalities.reportedBy[f.code] == nil && (chosen?.contains(f.code) ?? true) {
            groups[Group(serviceType: f.serviceType, quarter: f.quarter), default: []].append(f)
            if texts[f.serviceType, default: ""].isEmpty { texts[f.serviceType] = f.serviceText }
        }
        var lines: [ComparisonLine] = []
        for (g, figures) in groups.sorted(by: { ($0.key.serviceType, $0.key.quarter) < ($1.key.serviceType, $1.key.quarter) }) {
            var seen: Set<String> = []
            var group: [ComparisonLine] = []
            for f in figures where seen.insert(f.code).inserted {
                let m = ComparedMunicipality(f.code)
                let pop = populationOf(m, g.quarter)
                var rate: Double?, tenths: Int64?
                if let count = f.value, let pop, pop > 0 {
                    rate = Double(count) / 100 / Double(pop) * 10_000
                    tenths = Self.tenths(count, pop)
                }
                var line = ComparisonLine(municipality: m, isOwn: f.code == ownHead, serviceType: g.serviceType,
                                          serviceText: texts[g.serviceType] ?? "", paragraph: paragraphOf[g.serviceType],
                                          quarter: g.quarter, count: f.value, population: pop, rate: rate)
                line.rateTenths = tenths
                group.append(line)
            }
            let rates = group.compactMap(\.rate)
            for i in group.indices where group[i].isOwn {
                if let r = group[i].rate {
                    group[i].rank = 1 + rates.filter { $0 > r }.count
                    group[i].ranked = rates.count
                }
                var counts: Int64 = 0, pops: Int64 = 0
                for o in group where !o.isOwn {
                    guard let c = o.count, let p = o.population, p > 0 else { continue }
                    counts += c; pops += p
                }
                group[i].othersRate = pops > 0 ? Double(counts) / 100 / Double(pops) * 10_000 : nil
                group[i].othersRateTenths = pops > 0 ? Self.tenths(counts, pops) : nil
                group[i].own = own.figure(g.serviceType, g.quarter, settings.measure)
            }
            group.sort { a, b in a.isOwn != b.isOwn ? a.isOwn : a.municipality < b.municipality }
            lines += group
        }
        self.lines = lines

        // Quarters after the file's last one that are over and the extract covers.
        var unpublished: [UnpublishedQuarter] = []
        if let last = Set(lines.map(\.quarter)).max(), let from = own.firstDay {
            var q = last.next
            while q.lastDay < today {
                if q.firstDay >= from {
                    for type in Set(lines.map(\.serviceType)).sorted() {
                        if let n = own.figure(type, q, settings.measure) {
                            unpublished.append(UnpublishedQuarter(serviceType: type, paragraph: paragraphOf[type], quarter: q, own: n))
                        }
                    }
                }
                q = q.next
            }
        }
        self.unpublished = unpublished
    }

    /// A count in hundredths per `population` × 10.000, in tenths: count × 1.000 ÷ population, rounded
    /// half away from zero on the exact fraction.
    static func tenths(_ hundredths: Int64, _ population: Int64) -> Int64 {
        Money.roundedDivision(Int128(hundredths) * 1_000, Int128(population))
    }

    /// `"253"` for `253`, `"0253"` or `"253 Greve"`.
    static func threeDigits(_ code: String) -> String {
        DanishMunicipalities.code(code) ?? code
    }
}

/// The own DST extract by DST code: each citizen's union of days per code.
public struct OwnExtract: Sendable {
    /// Per code (trimmed) its citizens' unions, one per citizen (in no particular order).
    let spans: [String: [[Span]]]
    /// The first day of the earliest row (nil: an empty extract).
    public let firstDay: Day?
    let today: Day

    public init(_ rows: [DstRow], today: Day) {
        // Each row's code numbered (trimmed and hashed only where it differs from the row
        // before), each citizen's spans of a code then united (`eachCitizensUnion`): no
        // dictionary per code of citizens (a CPR hashed per row, at national size 0,18 s).
        var codes: [String] = [], numberOf: [String: Int] = [:]
        var lastText: String?, last = 0
        var keyed: [(key: Int, cpr: Int64, span: Span)] = []
        keyed.reserveCapacity(rows.count)
        for i in rows.indices {  // (by position: a row passed whole is copied, its texts retained)
            if rows[i].dstCode != lastText {
                lastText = rows[i].dstCode
                let code = String(Substring(rows[i].dstCode).trimmingSpaces)
                if let known = numberOf[code] { last = known } else {
                    last = codes.count
                    numberOf[code] = last
                    codes.append(code)
                }
            }
            keyed.append((last, rows[i].cpr.value, Span(start: rows[i].start, end: rows[i].end)))
        }
        var byCode = [[[Span]]](repeating: [], count: codes.count)
        eachCitizensUnion(keyed) { code, united in byCode[code].append(united) }
        spans = Dictionary(uniqueKeysWithValues: zip(codes, byCode))
        firstDay = rows.indices.lazy.map { rows[$0].start }.min()
        self.today = today
    }

    /// Recipients (citizens with a day of the code in the quarter) or full-time services (their
    /// covered days ÷ the quarter's days, two decimals), in hundredths; nil for a quarter not
    /// over or beginning before the extract's first day.
    public func figure(_ code: String, _ q: Quarter, _ measure: ComparisonMeasure) -> Int64? {
        guard let firstDay, q.lastDay < today, q.firstDay >= firstDay else { return nil }
        let period = q.days
        var citizens = 0, days = 0
        for s in spans[code] ?? [] {
            let d = coveredDays(s, in: period)
            if d > 0 { citizens += 1; days += d }
        }
        switch measure {
        case .recipients: return Int64(citizens) * 100
        case .fulltime: return Money.roundedDivision(Int64(days) * 100, Int64(period.dayCount))
        }
    }
}
