/// What one person may see (config `[access]`), by the role the staff file gives their login name.
public enum AccessScope: String, Sendable, CaseIterable {
    /// Their own caseload and citizens; figures of their team in aggregate.
    case own
    /// Their team's caseloads and citizens.
    case team
    /// Everything.
    case all
}

/// The `[access]` rules: off by default (everyone sees everything, as before); when enforced,
/// each role has a scope and a login name the staff file does not know sees nothing.
public struct AccessRules: Sendable, Equatable {
    public var enforce: Bool
    public var caseworker: AccessScope
    public var teamLead: AccessScope
    public var consultant: AccessScope

    public init(enforce: Bool = false, caseworker: AccessScope = .own, teamLead: AccessScope = .team, consultant: AccessScope = .all) {
        self.enforce = enforce; self.caseworker = caseworker; self.teamLead = teamLead; self.consultant = consultant
    }

    /// The scope of a member of staff (nil: not known, so nothing may be shown).
    public func scope(for user: StaffMember?) -> AccessScope? {
        guard enforce else { return .all }
        switch user?.role {
        case .caseworker?: return caseworker
        case .teamLead?: return teamLead
        case .consultant?: return consultant
        case nil: return nil
        }
    }

    /// Stored in a snapshot's metadata as `enforce=1;sagsbehandler=own;teamleder=team;konsulent=all`.
    public var text: String {
        "enforce=\(enforce ? 1 : 0);sagsbehandler=\(caseworker.rawValue);teamleder=\(teamLead.rawValue);konsulent=\(consultant.rawValue)"
    }

    public init(text: String) {
        self.init()
        for part in text.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { continue }
            switch kv[0] {
            case "enforce": enforce = kv[1] == "1"
            case "sagsbehandler": caseworker = AccessScope(rawValue: kv[1]) ?? .own
            case "teamleder": teamLead = AccessScope(rawValue: kv[1]) ?? .team
            case "konsulent": consultant = AccessScope(rawValue: kv[1]) ?? .all
            default: break
            }
        }
    }
}

/// Who a person's scope lets them see: the caseworkers whose caseloads (and citizens) are
/// theirs to look at, and the teams whose aggregate figures they see; nil means all.
public struct Visibility: Sendable, Equatable {
    public var caseworkers: Set<String>?
    public var teams: Set<String>?

    public static let everything = Visibility(caseworkers: nil, teams: nil)

    public init(caseworkers: Set<String>?, teams: Set<String>?) {
        self.caseworkers = caseworkers.map { Set($0.map { $0.lowercased() }) }
        self.teams = teams.map { Set($0.map { $0.lowercased() }) }
    }

    /// The visibility of `user` with `scope`, given the staff.
    public init(user: StaffMember, scope: AccessScope, staff: [StaffMember]) {
        switch scope {
        case .all: self = .everything
        case .team:
            let members = staff.filter { $0.team.lowercased() == user.team.lowercased() }.map(\.initials)
            self.init(caseworkers: Set(members + [user.initials]), teams: [user.team])
        case .own:
            self.init(caseworkers: [user.initials], teams: [user.team])
        }
    }

    public var isEverything: Bool { caseworkers == nil && teams == nil }
    public func seesCaseworker(_ initials: String) -> Bool { caseworkers?.contains(initials.lowercased()) ?? true }
    public func seesTeam(_ team: String) -> Bool { teams?.contains(team.lowercased()) ?? true }
    /// A citizen is visible when one of their grants is in a visible caseload.
    public func seesCitizen(grants: [Grant]) -> Bool { caseworkers == nil || grants.contains { seesCaseworker($0.caseworker) } }
}
