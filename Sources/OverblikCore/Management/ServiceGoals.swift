/// The municipality's decision on an application (`decisions`, exports.md).
public enum DecisionOutcome: String, Sendable, CaseIterable, Hashable {
    case granted = "bevilget"
    case partlyGranted = "delvis bevilget"
    case refused = "afslag"
    case shelved = "henlagt"

    /// The words ignoring case, surrounding and repeated spaces, and in ASCII spelling.
    public init?(parsing raw: some StringProtocol) {
        // (The file's own spelling first: no folding for the common case.)
        if let exact = DecisionOutcome(rawValue: String(raw)) { self = exact; return }
        switch Enumerated.fold(raw) {
        case "bevilget": self = .granted
        case "delvis bevilget", "delvist bevilget": self = .partlyGranted
        case "afslag", "afslået", "afslaaet": self = .refused
        case "henlagt": self = .shelved
        default: return nil
        }
    }
}

/// Enumerated values as the files write them: compared after folding case, trimming and
/// collapsing spaces, and spelling æ, ø, å as ae, oe, aa (management.md §9).
public enum Enumerated {
    public static func fold(_ raw: some StringProtocol) -> String {
        var out = ""
        var space = false
        for ch in Substring(raw).trimmingSpaces.lowercased() {
            if ch == " " || ch == "\t" { space = true; continue }
            if space && !out.isEmpty { out.append(" ") }
            space = false
            switch ch {
            case "æ": out += "ae"
            case "ø": out += "oe"
            case "å": out += "aa"
            default: out.append(ch)
            }
        }
        return out
    }
}

/// One application and the decision on it (`decisions`, exports.md).
public struct Decision: Hashable, Sendable {
    public var applicationId: String
    public var cpr: CPR
    public var paragraph: Paragraph
    public var caseworker: String
    public var team: String
    public var received: Day
    /// Nil while pending.
    public var decided: Day?
    public var outcome: DecisionOutcome?
    public var caseId: String
    public var serviceCode: String
    /// The day the citizen was told when to expect the decision.
    public var noticeSent: Day?
    public var line: Int

    public init(applicationId: String, cpr: CPR, paragraph: Paragraph, caseworker: String = "", team: String = "",
                received: Day, decided: Day? = nil, outcome: DecisionOutcome? = nil, caseId: String = "",
                serviceCode: String = "", noticeSent: Day? = nil, line: Int = 0) {
        self.applicationId = applicationId; self.cpr = cpr; self.paragraph = paragraph; self.caseworker = caseworker
        self.team = team; self.received = received; self.decided = decided; self.outcome = outcome; self.caseId = caseId
        self.serviceCode = serviceCode; self.noticeSent = noticeSent; self.line = line
    }
}

/// A case-processing deadline as the council sets it (management.md §4): weeks (`8u`),
/// calendar months (`3m`) or working days (`90ad`) from the day the application is received.
public enum ServiceGoal: Hashable, Sendable, CustomStringConvertible {
    case weeks(Int), months(Int), workingDays(Int)

    /// `8u`, `3m`, `90ad`: a whole number followed by the unit (case and spaces ignored).
    public init?(parsing raw: some StringProtocol) {
        let text = String(Enumerated.fold(raw).filter { $0 != " " })
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 5, let n = Int(digits), n >= 1 else { return nil }
        switch text.dropFirst(digits.count) {
        case "u": self = .weeks(n)
        case "m": self = .months(n)
        case "ad": self = .workingDays(n)
        default: return nil
        }
    }

    /// As configured: `8u`, `3m`, `90ad`.
    public var description: String {
        switch self {
        case .weeks(let n): return "\(n)u"
        case .months(let n): return "\(n)m"
        case .workingDays(let n): return "\(n)ad"
        }
    }

    /// The deadline of an application received on `received`: 8u the same weekday eight weeks
    /// on; 3m the same day number three months on (the month's last day when it has fewer);
    /// 90ad the 90th working day after receipt.
    public func deadline(received: Day, calendar: WorkingCalendar) -> Day {
        switch self {
        case .weeks(let n): return received.advanced(by: 7 * n)
        case .months(let n):
            let c = received.components
            let index = c.year * 12 + (c.month - 1) + n
            let (y, m) = (index / 12, index % 12 + 1)
            return Day(anyYear: y, month: m, day: min(c.day, Day.daysIn(month: m, year: y)))
        case .workingDays(let n): return calendar.workingDay(n, after: received)
        }
    }
}

/// `[servicemaal]`: the goals per paragraph and per service code, the target share, the calendar.
public struct ServiceGoals: Sendable, Equatable {
    public var byParagraph: [Paragraph: ServiceGoal]
    /// A service code's own goal (wins over its paragraph's).
    public var byServiceCode: [Paragraph: [String: ServiceGoal]]
    /// The share of cases the goals are set to hold for (0.9), shown, not enforced.
    public var targetShare: Double
    public var calendar: WorkingCalendar

    public init(byParagraph: [Paragraph: ServiceGoal] = [:], byServiceCode: [Paragraph: [String: ServiceGoal]] = [:],
                targetShare: Double = 0.9, calendar: WorkingCalendar = WorkingCalendar()) {
        self.byParagraph = byParagraph; self.byServiceCode = byServiceCode; self.targetShare = targetShare; self.calendar = calendar
    }

    /// The goal an application has: its service code's own, else its paragraph's (none for another
    /// service code of a paragraph that has only service-code goals).
    public func goal(_ d: Decision) -> ServiceGoal? {
        if let own = byServiceCode[d.paragraph]?[Substring(d.serviceCode).trimmingSpaces.description] { return own }
        return byParagraph[d.paragraph]
    }

    /// Whether the paragraph has any goal, its own or a service code's.
    public func hasGoal(_ p: Paragraph) -> Bool { byParagraph[p] != nil || !(byServiceCode[p]?.isEmpty ?? true) }

    /// The application's deadline, when it has a goal.
    public func deadline(_ d: Decision) -> Day? { goal(d).map { $0.deadline(received: d.received, calendar: calendar) } }

    /// Deadlines already found, by goal and day of receipt (at national size many applications
    /// share both, and a working-day deadline steps through a quarter's days): per goal a table by
    /// day (no key hashed per application), a dictionary for days far from the others.
    public struct DeadlineCache {
        struct Key: Hashable { let goal: ServiceGoal; let received: Day }
        var known: [Key: Day] = [:]
        /// Per goal met, the first day of its table and the deadline's day number per day from it (`Int32.min`: not found yet).
        var goals: [ServiceGoal] = [], first: [Int32] = [], tables: [[Int32]] = []
        var last = -1
        /// Days a table may span: 30 years (a received date far outside goes to the dictionary).
        static let widest: Int32 = 11_000
        public init() {}

        mutating func deadline(_ goal: ServiceGoal, _ received: Day, _ find: () -> Day) -> Day {
            if last < 0 || goals[last] != goal {
                if let k = goals.firstIndex(of: goal) { last = k } else {
                    goals.append(goal); first.append(received.ordinal); tables.append([])
                    last = goals.count - 1
                }
            }
            let day = received.ordinal
            var offset = Int(day) - Int(first[last])
            if offset < 0 || offset >= tables[last].count {
                // Grow the table to hold the day, unless it would span too many days.
                let low = min(Int(first[last]), Int(day)), high = max(Int(first[last]) + tables[last].count - 1, Int(day))
                guard high - low < Int(Self.widest) else {
                    let key = Key(goal: goal, received: received)
                    if let known = known[key] { return known }
                    let found = find()
                    known[key] = found
                    return found
                }
                let lead = Int(first[last]) - low
                if lead > 0 { tables[last].insert(contentsOf: repeatElement(Int32.min, count: lead), at: 0) }
                first[last] = Int32(low)
                let count = high - low + 1
                if tables[last].count < count { tables[last].append(contentsOf: repeatElement(Int32.min, count: count - tables[last].count)) }
                offset = Int(day) - low
            }
            let stored = tables[last][offset]
            if stored != Int32.min { return Day(ordinal: stored) }
            let found = find()
            tables[last][offset] = found.ordinal
            return found
        }
    }

    /// The application's deadline, when it has a goal, through `cache`.
    public func deadline(_ d: Decision, cache: inout DeadlineCache) -> Day? {
        goal(d).map { deadline($0, received: d.received, cache: &cache) }
    }

    /// `goal`'s deadline for an application received on `received`; a working-day deadline
    /// through `cache` (weeks and months are a sum).
    public func deadline(_ goal: ServiceGoal, received: Day, cache: inout DeadlineCache) -> Day {
        guard case .workingDays = goal else { return goal.deadline(received: received, calendar: calendar) }
        return cache.deadline(goal, received) { goal.deadline(received: received, calendar: calendar) }
    }

    /// Stored in a snapshot's metadata: `target=0.9;closed=24-12,31-12;SEL-85=8u;SEL-85:08510=12u`.
    public var text: String {
        var parts = ["target=\(targetShare)", "closed=" + calendar.closedDays.map { "\($0.day)-\($0.month)" }.joined(separator: ",")]
        for (p, g) in byParagraph.sorted(by: { $0.key < $1.key }) { parts.append("\(p.key)=\(g)") }
        for (p, codes) in byServiceCode.sorted(by: { $0.key < $1.key }) {
            for (code, g) in codes.sorted(by: { $0.key < $1.key }) { parts.append("\(p.key):\(code)=\(g)") }
        }
        return parts.joined(separator: ";")
    }

    /// Reads `text` (parts that cannot be read are left out: the sync checked them when it wrote them).
    public init(text: String) {
        self.init()
        for part in text.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { continue }
            switch kv[0] {
            case "target": targetShare = Double(kv[1]) ?? targetShare
            case "closed": calendar = WorkingCalendar(closedDays: kv[1].split(separator: ",").compactMap { .init(parsing: String($0)) })
            default:
                guard let key = ServiceGoals.key(kv[0]), let goal = ServiceGoal(parsing: kv[1]) else { continue }
                if let code = key.serviceCode { byServiceCode[key.paragraph, default: [:]][code] = goal } else { byParagraph[key.paragraph] = goal }
            }
        }
    }

    /// A goal's key: a paragraph (`SEL-85`, `§ 85`, `85`), and `:<service code>` for a service code's own goal.
    public static func key(_ text: String) -> (paragraph: Paragraph, serviceCode: String?)? {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard let p = Paragraph(parsing: parts[0]) else { return nil }
        guard parts.count == 2 else { return (p, nil) }
        let code = Substring(parts[1]).trimmingSpaces
        return code.isEmpty ? nil : (p, String(code))
    }
}

/// A quarter of a year (`2026K4`).
public struct Quarter: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int, quarter: Int
    public init(year: Int, quarter: Int) { self.year = year; self.quarter = quarter }
    public init(_ day: Day) { let c = day.components; self.init(year: c.year, quarter: (c.month - 1) / 3 + 1) }
    public var description: String { "\(year)K\(quarter)" }
    public static func < (a: Quarter, b: Quarter) -> Bool { (a.year, a.quarter) < (b.year, b.quarter) }
}

/// One row of Servicemål (management.md §4 and §9): a paragraph (nil: the total of the paragraphs
/// with a goal) and a quarter of the decision date.
public struct ServiceGoalLine: Hashable, Sendable {
    public var paragraph: Paragraph?
    public var quarter: Quarter
    /// The paragraph's own goal (nil: none, or only service codes' goals; always nil on the total).
    public var goal: ServiceGoal?
    /// Decided (henlagt not counted) and shelved (henlagt).
    public var decided: Int
    public var shelved: Int
    /// Of the decided applications with a goal; nil for a paragraph without any goal.
    public var inTime: Int?
    public var late: Int?
    public var lateWithoutNotice: Int?
    /// Days from receipt to decision of the decided applications (the mean of the middle two for an even count).
    public var medianDays: Double?

    public init(paragraph: Paragraph?, quarter: Quarter, goal: ServiceGoal?, decided: Int, shelved: Int, inTime: Int?, late: Int?,
                lateWithoutNotice: Int?, medianDays: Double?) {
        self.paragraph = paragraph; self.quarter = quarter; self.goal = goal; self.decided = decided; self.shelved = shelved
        self.inTime = inTime; self.late = late; self.lateWithoutNotice = lateWithoutNotice; self.medianDays = medianDays
    }

    /// inTime ÷ (inTime + late) in per cent, unrounded; nil without a goal or without such applications.
    public var shareInTime: Double? {
        guard let inTime, let late, inTime + late > 0 else { return nil }
        return Double(inTime) / Double(inTime + late) * 100
    }
}

/// Servicemål's rows: per paragraph with a decided or shelved application and quarter of its
/// decision date, and per quarter a total of the paragraphs with a goal; of `year` only when given.
/// Ordered by quarter, the paragraphs in their order, the total last.
public func serviceGoalLines(_ decisions: [Decision], goals: ServiceGoals, year: Int? = nil) -> [ServiceGoalLine] {
    // Each decision is judged once and counted in its paragraph's line and, when the paragraph
    // has a goal, in the total's; the paragraphs found once per run of equal ones (at national size
    // one application per grant).
    enum Judged { case shelved, decided(days: Int, lateness: Lateness?) }
    enum Lateness { case inTime, lateWithNotice, lateWithoutNotice }
    struct Tally {
        var decided = 0, shelved = 0, inTime = 0, late = 0, lateWithoutNotice = 0, days: [Int] = []
        mutating func add(_ judged: Judged) {
            guard case .decided(let taken, let lateness) = judged else { shelved += 1; return }
            decided += 1
            days.append(taken)
            switch lateness {
            case .inTime?: inTime += 1
            case .lateWithNotice?: late += 1
            case .lateWithoutNotice?: late += 1; lateWithoutNotice += 1
            case nil: break
            }
        }
    }
    struct Known { let paragraph: Paragraph; let hasGoal: Bool; let goal: ServiceGoal?; let codes: [String: ServiceGoal]? }
    var known: [Known] = [], idOf: [Paragraph: Int] = [:], last = -1
    // Each counted decision's quarter as a number (year × 4 + quarter − 1; -1: not counted), and
    // their range: the tallies per paragraph and quarter in arrays (no key hashed per decision).
    let quarterOf = decisions.withUnsafeBufferPointer { all in
        all.indices.map { j -> Int32 in  // (by position: a decision passed whole is copied, its texts retained)
            guard let decided = all[j].decided, all[j].outcome != nil else { return -1 }
            let q = Quarter(decided)
            if let year, q.year != year { return -1 }
            return Int32(q.year * 4 + q.quarter - 1)
        }
    }
    let first = Int(quarterOf.lazy.filter { $0 >= 0 }.min() ?? 0), span = Int(quarterOf.max() ?? 0) - first + 1
    // Per paragraph (by its number in `known`) its tally per quarter, and the total's (dates lie in
    // the years 1–9999: at most 40.000 quarters).
    var tallies: [[Tally]] = [], total = [Tally](repeating: Tally(), count: max(span, 0))
    var cache = ServiceGoals.DeadlineCache()
    decisions.withUnsafeBufferPointer { all in
        for j in all.indices where quarterOf[j] >= 0 {
            // (Each decision read in place: one copied would retain its texts.)
            guard let decided = all[j].decided, let outcome = all[j].outcome else { continue }
            if last < 0 || known[last].paragraph != all[j].paragraph {
                if let id = idOf[all[j].paragraph] { last = id } else {
                    let codes = goals.byServiceCode[all[j].paragraph]
                    known.append(Known(paragraph: all[j].paragraph, hasGoal: goals.hasGoal(all[j].paragraph), goal: goals.byParagraph[all[j].paragraph],
                                       codes: codes?.isEmpty == false ? codes : nil))
                    tallies.append([Tally](repeating: Tally(), count: span))
                    last = known.count - 1
                    idOf[all[j].paragraph] = last
                }
            }
            let hasGoal = known[last].hasGoal
            var judged = Judged.shelved
            if outcome != .shelved {
                var lateness: Lateness?
                let goal = known[last].codes.flatMap { $0[all[j].serviceCode.trimmingSpaces] } ?? known[last].goal
                if hasGoal, let goal {
                    let deadline = goals.deadline(goal, received: all[j].received, cache: &cache)
                    lateness = decided <= deadline ? .inTime : (all[j].noticeSent.map { $0 <= deadline } ?? false) ? .lateWithNotice : .lateWithoutNotice
                }
                judged = .decided(days: all[j].received.distance(to: decided), lateness: lateness)
            }
            let q = Int(quarterOf[j]) - first
            tallies[last][q].add(judged)
            if hasGoal { total[q].add(judged) }
        }
    }
    var lines: [ServiceGoalLine] = []
    func line(_ paragraph: Known?, _ q: Int, _ t: Tally) {
        guard t.decided + t.shelved > 0 else { return }
        let hasGoal = paragraph?.hasGoal ?? true
        lines.append(ServiceGoalLine(paragraph: paragraph?.paragraph, quarter: Quarter(year: (first + q) / 4, quarter: (first + q) % 4 + 1),
                                     goal: paragraph?.goal, decided: t.decided, shelved: t.shelved,
                                     inTime: hasGoal ? t.inTime : nil, late: hasGoal ? t.late : nil,
                                     lateWithoutNotice: hasGoal ? t.lateWithoutNotice : nil, medianDays: median(t.days)))
    }
    for (id, perQuarter) in tallies.enumerated() { for (q, t) in perQuarter.enumerated() { line(known[id], q, t) } }
    for (q, t) in total.enumerated() { line(nil, q, t) }
    return lines.sorted { a, b in
        if a.quarter != b.quarter { return a.quarter < b.quarter }
        switch (a.paragraph, b.paragraph) {
        case (let x?, let y?): return x < y
        case (_?, nil): return true
        default: return false
        }
    }
}

/// The median of whole numbers (the mean of the middle two for an even count); nil for none.
public func median(_ values: [Int]) -> Double? {
    guard !values.isEmpty else { return nil }
    let s = values.sorted(), mid = s.count / 2
    return s.count % 2 == 1 ? Double(s[mid]) : Double(s[mid - 1] + s[mid]) / 2
}

/// A pending application and its deadline (management.md §4; `deadlines`).
public struct PendingApplication: Hashable, Sendable {
    public enum Status: String, Sendable { case overdue, dueSoon, pending, noServiceGoal }
    public var decision: Decision
    public var deadline: Day?
    /// deadline − today (negative when overdue); nil without a goal.
    public var daysLeft: Int?
    public var status: Status
}

/// The applications with no decision yet: overdue when today is after the deadline, due soon
/// when 0 ≤ days left ≤ `dueSoonDays`; ordered by days left, then received, then id; those
/// without a goal last.
public func pendingApplications(_ decisions: [Decision], goals: ServiceGoals, today: Day, dueSoonDays: Int) -> [PendingApplication] {
    var cache = ServiceGoals.DeadlineCache()
    let pending = decisions.filter { $0.decided == nil }.map { d -> PendingApplication in
        guard let deadline = goals.deadline(d, cache: &cache) else { return PendingApplication(decision: d, deadline: nil, daysLeft: nil, status: .noServiceGoal) }
        let left = today.distance(to: deadline)
        let status: PendingApplication.Status = left < 0 ? .overdue : left <= dueSoonDays ? .dueSoon : .pending
        return PendingApplication(decision: d, deadline: deadline, daysLeft: left, status: status)
    }
    return pending.sorted { a, b in
        switch (a.daysLeft, b.daysLeft) {
        case (let x?, let y?) where x != y: return x < y
        case (_?, nil): return true
        case (nil, _?): return false
        default: return (a.decision.received, a.decision.applicationId) < (b.decision.received, b.decision.applicationId)
        }
    }
}
