/// One line of a caseworker's caseload (Mine sager): an open grant with its monthly cost and
/// follow-up status.
public struct CaseloadLine: Hashable, Sendable {
    public var grant: Grant
    /// Nil when the grant costs nothing (no rate).
    public var monthlyCost: Money?
    public var followUp: FollowUp

    /// The line of a grant for `today`; nil when the grant has ended before it.
    public init?(_ g: Grant, today: Day, dueSoonDays: Int) {
        guard let f = g.followUp(today: today, dueSoonDays: dueSoonDays) else { return nil }
        self.init(grant: g, monthlyCost: g.dailyRate?.monthlyCost, followUp: f)
    }

    init(grant: Grant, monthlyCost: Money?, followUp: FollowUp) {
        self.grant = grant; self.monthlyCost = monthlyCost; self.followUp = followUp
    }
}

/// The caseload of one caseworker: their grants that have not ended before `today`, grants
/// starting in the future included, in order of start date and case id.
public func caseload(of caseworker: String, grants: [Grant], today: Day, dueSoonDays: Int) -> [CaseloadLine] {
    let key = caseworker.lowercased()
    return grants.compactMap { g -> CaseloadLine? in
        guard g.caseworker.lowercased() == key, let f = g.followUp(today: today, dueSoonDays: dueSoonDays) else { return nil }
        return CaseloadLine(grant: g, monthlyCost: g.dailyRate?.monthlyCost, followUp: f)
    }.sorted { ($0.grant.start, $0.grant.caseId) < ($1.grant.start, $1.grant.caseId) }
}

/// One caseworker's line in the Team view.
public struct TeamLine: Hashable, Sendable {
    public var caseworker: String
    public var name: String
    public var team: String
    /// Open grants (the caseload).
    public var activeGrants: Int
    /// Distinct citizens among them.
    public var citizens: Int
    public var overdue: Int
    public var dueSoon: Int
    public var missingFollowUp: Int
    public var monthlyCost: Money
    /// Open grants per paragraph.
    public var byParagraph: [Paragraph: Int]
    /// The median of `activeGrants` over the caseworker's team.
    public var teamMedian: Double
    /// More open grants than 1.25 × the team's median.
    public var overloaded: Bool

    public init(caseworker: String, name: String, team: String, activeGrants: Int, citizens: Int, overdue: Int, dueSoon: Int,
                missingFollowUp: Int, monthlyCost: Money, byParagraph: [Paragraph: Int], teamMedian: Double, overloaded: Bool) {
        self.caseworker = caseworker; self.name = name; self.team = team; self.activeGrants = activeGrants; self.citizens = citizens
        self.overdue = overdue; self.dueSoon = dueSoon; self.missingFollowUp = missingFollowUp; self.monthlyCost = monthlyCost
        self.byParagraph = byParagraph; self.teamMedian = teamMedian; self.overloaded = overloaded
    }
}

/// The Team view: one line per caseworker with open grants (and per member of staff with the
/// role caseworker, so that someone with no cases shows as 0), ordered by team and initials.
///
/// A caseworker's team is the team their grants name most often (the grants' `Team` column
/// wins over the staff file, as exports.md says), else the staff file's; a team's median
/// counts every caseworker of the team, those with no grants too.
public func teamDistribution(grants: [Grant], staff: [StaffMember], today: Day, dueSoonDays: Int) -> [TeamLine] {
    struct Tally {
        var grants = 0
        var citizens = Set<CPR>()
        var overdue = 0, dueSoon = 0, missing = 0
        var cost = Money.zero
        /// Per paragraph (a position in `paragraphs`) its grants.
        var byParagraph: [Int] = []
        /// Per team (a number of `teams`) its grants; the last team's text and position kept (a
        /// caseworker's grants mostly name one team, and the reader's equal texts share their
        /// storage: no team hashed per grant).
        var teams: [(team: Int32, count: Int)] = []
        var lastTeam: String?, lastTeamAt = 0
    }
    var tallies: [String: Tally] = [:]
    var spelling: [String: String] = [:]
    // The caseworkers as written numbered by their bytes, each lowered once to find its tally (no
    // String hashed per grant); the grants read in place (a grant copied would retain its texts).
    var workers = TextNumbers(), teams = TextNumbers()
    var tallyOf: [Int] = [], keys: [String] = [], counted: [Tally] = [], tallyOfKey: [String: Int] = [:]
    // The paragraphs numbered in order of appearance (found by comparing with the last one, else
    // with the few found so far: no paragraph hashed per grant).
    var paragraphs: [Paragraph] = [], lastParagraph = -1
    grants.withUnsafeBufferPointer { all in
        for g in all.indices where !all[g].caseworker.isEmpty {
            guard let f = all[g].followUp(today: today, dueSoonDays: dueSoonDays) else { continue }
            if lastParagraph < 0 || paragraphs[lastParagraph] != all[g].paragraph {
                if let known = paragraphs.firstIndex(of: all[g].paragraph) { lastParagraph = known } else {
                    paragraphs.append(all[g].paragraph)
                    lastParagraph = paragraphs.count - 1
                }
            }
            let paragraph = lastParagraph
            let w = Int(workers.number(all[g].caseworker))
            if w == tallyOf.count {
                let key = all[g].caseworker.lowercased()
                if let known = tallyOfKey[key] { tallyOf.append(known) } else {
                    tallyOf.append(counted.count)
                    tallyOfKey[key] = counted.count
                    keys.append(key)
                    counted.append(Tally())
                    spelling[key] = all[g].caseworker
                }
            }
            // Counted in place (a tally taken out and put back would copy its set of citizens every time).
            func count(_ t: inout Tally) {
                t.grants += 1
                t.citizens.insert(all[g].cpr)
                switch f.status {
                case .overdue: t.overdue += 1
                case .dueSoon: t.dueSoon += 1
                case .missing: t.missing += 1
                case .ok: break
                }
                t.cost = t.cost + (all[g].dailyRate?.monthlyCost ?? .zero)
                if paragraph >= t.byParagraph.count { t.byParagraph.append(contentsOf: repeatElement(0, count: paragraph + 1 - t.byParagraph.count)) }
                t.byParagraph[paragraph] += 1
                if !all[g].team.isEmpty {
                    if all[g].team != t.lastTeam {
                        let n = teams.number(all[g].team)
                        if let at = t.teams.firstIndex(where: { $0.team == n }) { t.lastTeamAt = at } else {
                            t.teams.append((n, 0))
                            t.lastTeamAt = t.teams.count - 1
                        }
                        t.lastTeam = all[g].team
                    }
                    t.teams[t.lastTeamAt].count += 1
                }
            }
            count(&counted[tallyOf[w]])
        }
    }
    for (key, t) in zip(keys, counted) { tallies[key] = t }
    let members = Dictionary(staff.map { ($0.initials.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
    for member in staff where member.role == .caseworker && tallies[member.initials.lowercased()] == nil {
        tallies[member.initials.lowercased()] = Tally()
        spelling[member.initials.lowercased()] = member.initials
    }
    var lines = tallies.map { key, t -> TeamLine in
        let member = members[key]
        let team = t.teams.map { (name: teams.texts[Int($0.team)], count: $0.count) }
            .max { ($0.count, $1.name) < ($1.count, $0.name) }?.name ?? member?.team ?? ""
        var byParagraph: [Paragraph: Int] = [:]
        for (p, n) in t.byParagraph.enumerated() where n > 0 { byParagraph[paragraphs[p]] = n }
        return TeamLine(caseworker: member?.initials ?? spelling[key] ?? key, name: member?.name ?? "", team: team,
                        activeGrants: t.grants, citizens: t.citizens.count, overdue: t.overdue, dueSoon: t.dueSoon,
                        missingFollowUp: t.missing, monthlyCost: t.cost, byParagraph: byParagraph,
                        teamMedian: 0, overloaded: false)
    }
    let medians = Dictionary(grouping: lines, by: \.team).mapValues { median($0.map(\.activeGrants)) }
    for i in lines.indices {
        let m = medians[lines[i].team] ?? 0
        lines[i].teamMedian = m
        lines[i].overloaded = Double(lines[i].activeGrants) > 1.25 * m
    }
    return lines.sorted { ($0.team, $0.caseworker) < ($1.team, $1.caseworker) }
}

/// The median; the mean of the two middle values for an even count; 0 for none.
public func median(_ values: [Int]) -> Double {
    guard !values.isEmpty else { return 0 }
    let s = values.sorted()
    let mid = s.count / 2
    return s.count % 2 == 1 ? Double(s[mid]) : Double(s[mid - 1] + s[mid]) / 2
}

/// The Opfølgning view: open grants whose follow-up is overdue, due soon or missing, most
/// overdue first, then due soon by date, then missing; by caseworker and case id within each.
public func followUpList(grants: [Grant], today: Day, dueSoonDays: Int) -> [CaseloadLine] {
    // (By position: a grant passed whole to a closure is copied; only a listed one is.)
    let lines = grants.indices.compactMap { i -> CaseloadLine? in
        guard let f = grants[i].followUp(today: today, dueSoonDays: dueSoonDays), f.status != .ok else { return nil }
        return CaseloadLine(grant: grants[i], monthlyCost: grants[i].dailyRate?.monthlyCost, followUp: f)
    }
    // Sorted as positions with the numeric keys first (a line is large: moving it is costly).
    let keys = lines.map { ($0.followUp.status.urgency, -($0.followUp.daysOverdue ?? 0), $0.grant.nextFollowUp?.ordinal ?? 0) }
    let order = lines.indices.sorted { a, b in
        if keys[a] != keys[b] { return keys[a] < keys[b] }
        return (lines[a].grant.caseworker, lines[a].grant.caseId) < (lines[b].grant.caseworker, lines[b].grant.caseId)
    }
    return order.map { lines[$0] }
}
