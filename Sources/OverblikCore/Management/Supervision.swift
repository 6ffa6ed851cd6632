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

    /// The periods of `kind` in `year` that have begun by `today`, in order (the status report's
    /// year; the samples the sync stores).
    public static func begun(_ kind: Kind, year: Int, today: Day) -> [SupervisionPeriod] {
        (1...(kind == .quarter ? 4 : 12)).map { SupervisionPeriod(kind: kind, year: year, number: $0) }.filter { $0.range.start <= today }
    }
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

    public init(grant: Grant, team: String, fromActive: Bool, addedLater: Bool = false, digest: String) {
        self.grant = grant; self.team = team; self.fromActive = fromActive; self.addedLater = addedLater; self.digest = digest
    }

    /// A sampled grant as a stored sample keeps it (the snapshot's for its today, the fixed one
    /// beside): of the grant only what the views and the checklist show (the case, the CPR, the
    /// paragraph and the caseworker), with the sample's team as the grant's.
    public init(caseId: String, cpr: CPR, paragraph: Paragraph, caseworker: String, team: String, fromActive: Bool,
                addedLater: Bool = false, digest: String) {
        self.init(grant: Grant(caseId: caseId, cpr: cpr, paragraph: paragraph, start: Day(ordinal: 0), caseworker: caseworker, team: team),
                  team: team, fromActive: fromActive, addedLater: addedLater, digest: digest)
    }

    /// This sampled grant as a stored sample keeps it.
    public var kept: SampledGrant {
        SampledGrant(caseId: grant.caseId, cpr: grant.cpr, paragraph: grant.paragraph, caseworker: grant.caseworker, team: team,
                     fromActive: fromActive, addedLater: addedLater, digest: digest)
    }
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
    supervisionSamples(grants: grants, decisions: decisions, staff: staff, periods: [period], today: today,
                       municipalityCode: municipalityCode, settings: settings, sha256: sha256)[0]
}

/// A SHA-256 digest as four big-endian words: ordered as its lower-case hex is, compared without
/// making the hex (a national sample hashes every grant of the frame, and keeps two per caseworker).
public struct Digest256: Comparable, Hashable, Sendable {
    public let words: (UInt64, UInt64, UInt64, UInt64)

    /// From the digest's 32 bytes (fewer are read as if followed by zeros, more are left out).
    public init(bytes raw: UnsafeRawBufferPointer) {
        guard raw.count >= 32 else {
            var padded = [UInt8](repeating: 0, count: 32)
            for i in raw.indices { padded[i] = raw[i] }
            self = padded.withUnsafeBytes { Digest256(bytes: $0) }
            return
        }
        func word(_ k: Int) -> UInt64 { UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self)) }
        words = (word(0), word(1), word(2), word(3))
    }

    /// The 64 lower-case hex digits.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: 64)
        for (k, word) in [words.0, words.1, words.2, words.3].enumerated() {
            for i in 0..<16 { out[16 * k + i] = digits[Int((word >> (60 - 4 * UInt64(i))) & 0xF)] }
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func == (a: Digest256, b: Digest256) -> Bool { a.words == b.words }
    public static func < (a: Digest256, b: Digest256) -> Bool { a.words < b.words }
    public func hash(into h: inout Hasher) { h.combine(words.0); h.combine(words.1); h.combine(words.2); h.combine(words.3) }
}

/// `supervisionSample` for several periods from the same grants (the status report's year): the
/// caseworkers, their order and the grants of each decided case found once for all of them.
/// `sha256` gives the lower-case hex digest of a text.
public func supervisionSamples(grants: [Grant], decisions: [Decision], staff: [StaffMember], periods: [SupervisionPeriod],
                               today: Day, municipalityCode: String, settings: SupervisionSettings,
                               sha256: (String) -> String) -> [[SampledGrant]] {
    samples(grants: grants, decisions: decisions, staff: staff, periods: periods, today: today, municipalityCode: municipalityCode,
            settings: settings, digest: { sha256(String(decoding: $0, as: UTF8.self)) }, hex: { $0 })
}

/// The same, ordered by `sha256`, the digest of the hash text's UTF-8 bytes
/// (`SupervisionSettings.hashText`) as words: only the kept grants' is written out as hex.
public func supervisionSamples(grants: [Grant], decisions: [Decision], staff: [StaffMember], periods: [SupervisionPeriod],
                               today: Day, municipalityCode: String, settings: SupervisionSettings,
                               sha256: (UnsafeRawBufferPointer) -> Digest256) -> [[SampledGrant]] {
    samples(grants: grants, decisions: decisions, staff: staff, periods: periods, today: today, municipalityCode: municipalityCode,
            settings: settings, digest: sha256, hex: \.hex)
}

/// Both: ordered by `digest` of the hash text's bytes, `hex` its text as the sample keeps it.
/// (Internal: the two entries above are its specialisations; a generic called from another
/// module would compare each digest through its conformance.)
private func samples<D: Comparable>(grants: [Grant], decisions: [Decision], staff: [StaffMember], periods: [SupervisionPeriod],
                                    today: Day, municipalityCode: String, settings: SupervisionSettings,
                                    digest: (UnsafeRawBufferPointer) -> D, hex: (D) -> String) -> [[SampledGrant]] {
    // Each grant's caseworker as a number (-1: none, or starting after today), the caseworkers in name order.
    var workerOf = [Int32](repeating: -1, count: grants.count)
    var workerNumbers = TextNumbers()
    // Per decision decided on a day of the periods up to today, the first grant of its case
    // (-1: none), and per grant the next grant of the same case: a chain, found once for every
    // period (a list per case was an allocation per grant at national size).
    var grantOfDecision: [Int32] = [], nextOfCase: [Int32] = []
    grants.withUnsafeBufferPointer { all in
        for i in all.indices where all[i].start <= today {
            let worker = all[i].caseworker.trimmingSpaces
            guard !worker.isEmpty else { continue }
            workerOf[i] = workerNumbers.number(worker)
        }
    }
    let workers = workerNumbers.texts
    let byName = workers.indices.sorted { workers[$0] < workers[$1] }
    let teamOf = Dictionary(staff.map { ($0.initials.lowercased(), $0.team) }, uniquingKeysWith: { a, _ in a })
    let begun = periods.map(\.range).filter { $0.start <= today }
    if let from = begun.map(\.start).min(), let to = begun.map(\.end).max(),
       decisions.indices.contains(where: { decisions[$0].decided.map { $0 >= from && $0 <= min(to, today) } ?? false }) {
        // The cases of the decisions decided on a day of the periods numbered by their ids' bytes,
        // then each grant of one of them found by a look-up (no number made per grant: a table of
        // the periods' cases only, not of every grant's).
        var cases = TextNumbers()
        let caseOfDecision: [Int32] = decisions.withUnsafeBufferPointer { all in
            all.indices.map { j in  // (by position: a decision passed whole is copied, its texts retained)
                guard let day = all[j].decided, day >= from, day <= min(to, today) else { return -1 }
                let id = all[j].caseId.trimmingSpaces
                return id.isEmpty ? -1 : cases.number(id)
            }
        }
        var firstOfCase = [Int32](repeating: -1, count: cases.texts.count)
        nextOfCase = [Int32](repeating: -1, count: grants.count)
        grants.withUnsafeBufferPointer { all in
            for i in all.indices.reversed() where workerOf[i] >= 0 {
                guard let n = cases.existingNumber(all[i].caseId.trimmingSpaces).map(Int.init) else { continue }
                nextOfCase[i] = firstOfCase[n]
                firstOfCase[n] = Int32(i)
            }
        }
        grantOfDecision = caseOfDecision.map { $0 >= 0 ? firstOfCase[Int($0)] : -1 }
    }
    // The days the decisions of a decided case were decided (read once, in place, for every period).
    let decidedOn: [Day?] = decisions.withUnsafeBufferPointer { d in grantOfDecision.indices.map { grantOfDecision[$0] >= 0 ? d[$0].decided : nil } }
    let keep = max(0, settings.perCaseworker)
    return periods.map { period -> [SampledGrant] in
        let range = period.range
        guard range.start <= today else { return [] }
        let upTo = DayRange(ordering: range.start, min(range.end, today))
        // The grants of the cases decided in the period, marked (a look-up per decision, not per grant).
        var decided = [Bool](repeating: false, count: grants.count)
        for (j, first) in grantOfDecision.enumerated() where first >= 0 {
            guard let day = decidedOn[j], upTo.contains(day) else { continue }
            var i = Int(first)
            while i >= 0 { decided[i] = true; i = Int(nextOfCase[i]) }
        }
        // Positions, not copies: at national size a caseworker's pool is hundreds of grants.
        var pools = [[(index: Int, inFrame: Bool)]](repeating: [], count: workers.count)
        grants.withUnsafeBufferPointer { all in
            for i in all.indices where workerOf[i] >= 0 {
                let inFrame = upTo.contains(all[i].start) || (all[i].lastFollowUp.map(upTo.contains) ?? false) || decided[i]
                guard inFrame || Day.clamp(start: all[i].start, end: all[i].end, to: upTo) != nil else { continue }
                pools[Int(workerOf[i])].append((i, inFrame))
            }
        }
        // The hash text's bytes: the period's prefix once, then each case id after it (no String per grant).
        var text = Array(settings.hashText(municipalityCode: municipalityCode, period: period, caseId: "").utf8)
        let prefix = text.count
        var out: [SampledGrant] = []
        for w in byName where !pools[w].isEmpty {
            let pool = pools[w]
            /// The first `count` of `entries` in the order of (digest, line): kept in order as they
            /// come (a caseworker keeps two of hundreds: no sort of them all).
            func first(_ count: Int, of entries: some Sequence<(index: Int, inFrame: Bool)>) -> [(entry: (index: Int, inFrame: Bool), digest: D)] {
                guard count > 0 else { return [] }
                var best: [(entry: (index: Int, inFrame: Bool), digest: D, line: Int)] = []
                grants.withUnsafeBufferPointer { grants in  // (read in place: a grant copied would retain its texts)
                    for entry in entries {
                        text.removeSubrange(prefix...)
                        text.append(contentsOf: Substring(grants[entry.index].caseId).trimmingSpaces.utf8)
                        let d = text.withUnsafeBytes(digest), line = grants[entry.index].line
                        if best.count == count, let worst = best.last, (worst.digest, worst.line) < (d, line) { continue }
                        let at = best.firstIndex { (d, line) < ($0.digest, $0.line) } ?? best.count
                        best.insert((entry, d, line), at: at)
                        if best.count > count { best.removeLast() }
                    }
                }
                return best.map { ($0.entry, $0.digest) }
            }
            let frame = first(keep, of: pool.lazy.filter(\.inFrame))
            // The other active grants are hashed only when the frame holds too few.
            let fill = first(keep - frame.count, of: pool.lazy.filter { !$0.inFrame })
            for (entry, d) in frame + fill {
                let g = grants[entry.index]
                let team = g.team.isEmpty ? teamOf[g.caseworker.lowercased()] ?? "" : g.team
                out.append(SampledGrant(grant: g, team: team, fromActive: !entry.inFrame, digest: hex(d)))
            }
        }
        return out
    }
}

/// The answers of `period` per case and item, grouped once: the views read a case's answers from
/// it rather than making a key text per case and item (at national size most have none).
public func answersByCase(_ answers: [String: SupervisionAnswerEntry], period: String) -> [String: [Int: SupervisionAnswerEntry]] {
    var out: [String: [Int: SupervisionAnswerEntry]] = [:]
    for (key, e) in answers where e.period == period && key == e.key { out[e.caseId, default: [:]][e.item] = e }
    return out
}

/// Whether a case is reviewed: every one of `items` checklist items answered.
public func isReviewed(_ answers: [Int: SupervisionAnswerEntry]?, items: Int) -> Bool {
    (1...max(1, items)).allSatisfy { answers?[$0] != nil }
}

/// An answer to a checklist item (management.md §3): `ja`, `nej` or `ikke relevant`.
public enum SupervisionAnswer: String, Sendable, CaseIterable, Hashable {
    case yes = "ja", no = "nej", notRelevant = "ikke relevant"

    /// Also `ikke-relevant` (the command line), `ir`, and case and spaces folded.
    public init?(parsing raw: some StringProtocol) {
        switch Enumerated.fold(String(raw.map { $0 == "-" ? " " : $0 })) {
        case "ja", "j", "yes": self = .yes
        case "nej", "n", "no": self = .no
        case "ikke relevant", "ir", "i", "not relevant": self = .notRelevant
        default: return nil
        }
    }
}

/// One answer as stored: a row per change, never overwritten (the newest per key is the answer).
public struct SupervisionAnswerEntry: Hashable, Sendable {
    public var period: String
    public var caseId: String
    /// The checklist item, from 1.
    public var item: Int
    public var answer: SupervisionAnswer
    public var note: String
    /// The login name of whoever answered, and when (UTC, ISO 8601).
    public var who: String
    public var at: String

    public init(period: String, caseId: String, item: Int, answer: SupervisionAnswer, note: String = "", who: String, at: String) {
        self.period = period; self.caseId = caseId; self.item = item; self.answer = answer; self.note = note; self.who = who; self.at = at
    }

    /// `tilsyn|<T>|<caseId>|<item>` (management.md §3).
    public var key: String { SupervisionAnswerEntry.key(period: period, caseId: caseId, item: item) }
    public static func key(period: String, caseId: String, item: Int) -> String { "tilsyn|\(period)|\(caseId)|\(item)" }
}

/// A period's sample as fixed when a team lead first opened it: who fixed it and when, and its grants.
public struct FixedSupervisionSample: Sendable, Equatable {
    public var period: String
    public var by: String
    public var at: String
    public var rows: [SampledGrant]

    public init(period: String, by: String, at: String, rows: [SampledGrant]) {
        self.period = period; self.by = by; self.at = at; self.rows = rows
    }

    /// The grants a later sync adds (management.md §9): a caseworker with fewer than
    /// `perCaseworker` fixed grants is topped up from today's sample in hash order, those grants
    /// marked `addedLater`. A fixed grant stays, whoever has it now.
    public func topUp(from current: [SampledGrant], perCaseworker: Int) -> [SampledGrant] {
        var count: [String: Int] = [:]
        for r in rows { count[r.grant.caseworker.lowercased(), default: 0] += 1 }
        let fixedIds = Set(rows.map(\.grant.caseId))
        var added: [SampledGrant] = []
        // In positions (a sampled grant is large: moving it is costly), only those that may be added
        // (none, most often: every grant of the sample is fixed).
        let order = current.indices.filter { i in
            !fixedIds.contains(current[i].grant.caseId) && count[current[i].grant.caseworker.lowercased(), default: 0] < perCaseworker
        }.sorted { a, b in
            let (x, y) = (current[a], current[b])
            return x.grant.caseworker != y.grant.caseworker ? x.grant.caseworker < y.grant.caseworker : x.digest < y.digest
        }
        for s in order.lazy.map({ current[$0] }) {
            let worker = s.grant.caseworker.lowercased()
            guard count[worker, default: 0] < perCaseworker else { continue }
            count[worker, default: 0] += 1
            var s = s
            s.addedLater = true
            added.append(s)
        }
        return added
    }
}

/// Per caseworker (and team) and checklist item: cases sampled, reviewed (every item answered),
/// the answers, and the share `ja` of the items answered `ja` or `nej` (management.md §3).
public struct SupervisionResult: Hashable, Sendable {
    public var team: String
    public var caseworker: String
    public var item: Int
    public var sampled = 0, reviewed = 0, yes = 0, no = 0, notRelevant = 0
    public var shareYes: Double? { yes + no == 0 ? nil : Double(yes) / Double(yes + no) * 100 }

    public init(team: String, caseworker: String, item: Int, sampled: Int = 0, reviewed: Int = 0) {
        self.team = team; self.caseworker = caseworker; self.item = item; self.sampled = sampled; self.reviewed = reviewed
    }
}

/// The results of a sample with its answers (newest per key), per caseworker and item, ordered by
/// team, caseworker and item.
public func supervisionResults(_ sample: [SampledGrant], answers: [String: SupervisionAnswerEntry], period: String,
                               items: Int) -> [SupervisionResult] {
    // Positions per caseworker, in order of team and caseworker: the runs of the positions sorted
    // by their keys, taken once (a sampled grant is large: comparing two grants' fields copied
    // both). The sample as shown is in that order already, and sorting what is sorted is one pass.
    let keys = sample.map { ($0.team, $0.grant.caseworker) }
    let order = keys.indices.sorted { keys[$0] < keys[$1] }
    var workers: [(team: String, caseworker: String, cases: [Int])] = []
    for i in order {
        let (team, caseworker) = keys[i]
        if let last = workers.last, last.team == team, last.caseworker == caseworker {
            workers[workers.count - 1].cases.append(i)
        } else {
            workers.append((team, caseworker, [i]))
        }
    }
    let ofCase = answersByCase(answers, period: period)
    var out: [SupervisionResult] = []
    out.reserveCapacity(workers.count * max(1, items))
    for (team, caseworker, cases) in workers {
        let answered = ofCase.isEmpty ? [] : cases.compactMap { ofCase[sample[$0].grant.caseId] }  // (a case without any: not reviewed)
        let reviewed = answered.filter { isReviewed($0, items: items) }.count
        for item in 1...max(1, items) {
            var r = SupervisionResult(team: team, caseworker: caseworker, item: item, sampled: cases.count, reviewed: reviewed)
            for a in answered {
                switch a[item]?.answer {
                case .yes?: r.yes += 1
                case .no?: r.no += 1
                case .notRelevant?: r.notRelevant += 1
                case nil: break
                }
            }
            out.append(r)
        }
    }
    return out
}
