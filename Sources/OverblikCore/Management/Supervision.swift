/// A period of ledelsestilsyn (management.md §3): a quarter (`2026K4`) or a month (`2026-11`).
public struct SupervisionPeriod: Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable { case quarter, month }
    public let kind: Kind
    public let year: Int
    /// The quarter (1–4) or the month (1–12).
    public let number: Int

    public init(kind: Kind, year: Int, number: Int) { self.kind = kind; self.year = year; self.number = number }

    /// The period of `kind` that holds `day`.
    public init(_ kind: Kind, containing day: Day) {
        let c = day.components
        self.init(kind: kind, year: c.year, number: kind == .quarter ? (c.month - 1) / 3 + 1 : c.month)
    }

    /// `2026K4` (also `2026k4`, `2026-K4`) or `2026-11` (also `2026-1`).
    public init?(parsing raw: String) {
        let text = Substring(raw).trimmingSpaces.uppercased()
        let parts = text.split(whereSeparator: { $0 == "K" || $0 == "-" }).map(String.init)
        guard parts.count == 2, let y = Int(parts[0]), (1900...9999).contains(y), let n = Int(parts[1]) else { return nil }
        if text.contains("K") {
            guard (1...4).contains(n) else { return nil }
            self.init(kind: .quarter, year: y, number: n)
        } else {
            guard (1...12).contains(n) else { return nil }
            self.init(kind: .month, year: y, number: n)
        }
    }

    public var description: String {
        kind == .quarter ? "\(year)K\(number)" : "\(year)-\(number < 10 ? "0" : "")\(number)"
    }

    /// Its first to last day.
    public var range: DayRange {
        switch kind {
        case .quarter:
            let first = DayRange.month((number - 1) * 3 + 1, of: year), last = DayRange.month(number * 3, of: year)
            return DayRange(ordering: first.start, last.end)
        case .month: return DayRange.month(number, of: year)
        }
    }

    public static func < (a: SupervisionPeriod, b: SupervisionPeriod) -> Bool { a.range.start < b.range.start }
}

/// `[ledelsestilsyn]` (management.md §3): the period, the sample per caseworker, the salt, the checklist.
public struct SupervisionSettings: Sendable, Equatable {
    public var period: SupervisionPeriod.Kind = .quarter
    public var perCaseworker = 2
    /// Put in front of the hash's text when given: only those with the salt can work out the sample.
    public var salt: String?
    public var items: [String] = SupervisionSettings.defaultItems

    public init(period: SupervisionPeriod.Kind = .quarter, perCaseworker: Int = 2, salt: String? = nil,
                items: [String] = SupervisionSettings.defaultItems) {
        self.period = period; self.perCaseworker = perCaseworker; self.salt = salt; self.items = items
    }

    /// After the criteria Ankestyrelsen reviews cases by (management.md §3).
    public static let defaultItems = [
        "Sagen er tilstrækkeligt oplyst",
        "Der er foretaget partshøring",
        "Afgørelsen er skriftlig og har korrekt hjemmel",
        "Afgørelsen er begrundet",
        "Der er givet korrekt klagevejledning",
        "Sagsbehandlingsfristen er overholdt, eller borgeren er orienteret",
        "Der er foretaget en helhedsvurdering af borgerens situation",
        "Borgeren er tilbudt en handleplan (SEL § 141)",
        "Der er fulgt op inden for den fastsatte frist (SEL § 148)",
        "Borgerens ønsker og mål fremgår",
        "Målgruppe, ydelse og leverandør er registreret korrekt",
        "Notatpligten er overholdt, og journalen er ajourført",
    ]

    /// The text the sample's order is the SHA-256 of: `"<salt>|<code>|<T>|<caseId>"`, without the
    /// salt `"<code>|<T>|<caseId>"`; the case id as read, surrounding spaces removed.
    public func hashText(municipalityCode: String, period: SupervisionPeriod, caseId: String) -> String {
        let id = Substring(caseId).trimmingSpaces
        return (salt.map { "\($0)|" } ?? "") + "\(municipalityCode)|\(period)|\(id)"
    }
}

/// One grant of a period's sample.
public struct SampledGrant: Hashable, Sendable {
    public var grant: Grant
    /// The grant's team, else its caseworker's in `staff`.
    public var team: String
    /// Drawn from the caseworker's other active grants because the frame held too few.
    public var fromActive: Bool
    /// Entered the sample after it was fixed.
    public var addedLater = false
    /// The SHA-256 (lower-case hex) that ordered it.
    public var digest: String
}

/// The sample of `period` (management.md §3, §9): per caseworker, the frame — grants that start in
/// the period, whose last follow-up lies in it, or that a decision decided in it belongs to, each
/// up to `today` — in the order of the SHA-256 of `hashText`, the first `perCaseworker`; filled up
/// in the same order from the caseworker's other grants active on a day of the period up to today.
/// Every grant with a caseworker counts, whoever acts or pays; one starting after today never; a
/// period that has not begun has none. `sha256` gives the lower-case hex digest of a text. Ordered
/// by caseworker, then by digest.
public func supervisionSample(grants: [Grant], decisions: [Decision], staff: [StaffMember], period: SupervisionPeriod,
                              today: Day, municipalityCode: String, settings: SupervisionSettings,
                              sha256: (String) -> String) -> [SampledGrant] {
    let range = period.range
    guard range.start <= today else { return [] }
    let upTo = DayRange(ordering: range.start, min(range.end, today))
    let decided = Set(decisions.compactMap { d -> String? in
        guard let day = d.decided, upTo.contains(day) else { return nil }
        let id = Substring(d.caseId).trimmingSpaces
        return id.isEmpty ? nil : String(id)
    })
    let teamOf = Dictionary(staff.map { ($0.initials.lowercased(), $0.team) }, uniquingKeysWith: { a, _ in a })
    var byCaseworker: [String: [(grant: Grant, inFrame: Bool)]] = [:]
    for g in grants {
        let worker = Substring(g.caseworker).trimmingSpaces
        guard !worker.isEmpty, g.start <= today else { continue }
        let inFrame = upTo.contains(g.start) || (g.lastFollowUp.map(upTo.contains) ?? false)
            || decided.contains(String(Substring(g.caseId).trimmingSpaces))
        let active = g.span.within(upTo) != nil
        guard inFrame || active else { continue }
        byCaseworker[String(worker), default: []].append((g, inFrame))
    }
    var out: [SampledGrant] = []
    for worker in byCaseworker.keys.sorted() {
        let ordered = (byCaseworker[worker] ?? []).map { entry in
            (entry, sha256(settings.hashText(municipalityCode: municipalityCode, period: period, caseId: entry.grant.caseId)))
        }.sorted { ($0.1, $0.0.grant.line) < ($1.1, $1.0.grant.line) }
        let frame = ordered.filter { $0.0.inFrame }.prefix(settings.perCaseworker)
        let fill = ordered.filter { !$0.0.inFrame }.prefix(max(0, settings.perCaseworker - frame.count))
        for (entry, digest) in Array(frame) + Array(fill) {
            let g = entry.grant
            let team = g.team.isEmpty ? teamOf[g.caseworker.lowercased()] ?? "" : g.team
            out.append(SampledGrant(grant: g, team: team, fromActive: !entry.inFrame, digest: digest))
        }
    }
    return out
}
