import OverblikCore

/// Each caseworker's and each team's grants as `grant_owners` stores them (see the schema): the
/// name in lower case after `caseworker:` or `team:`, and the grants' ids ascending. One caseworker's
/// caseload is read by its ids, not by a walk of every grant (and with no index on the names, whose
/// two indexes cost the sync about a second at national size).
package enum GrantOwners {
    package enum Kind: String, Sendable { case caseworker, team }

    /// The key of `name`'s grants of `kind`.
    package static func key(_ kind: Kind, _ name: String) -> String { kind.rawValue + ":" + name.lowercased() }

    /// Every owner's grants, by key: ids are `grants`' positions + 1 (the rows' ids as written).
    package static func of(_ grants: [Grant]) -> [(key: String, ids: [Int32])] {
        // Grouped by the name as written first (the same few thousand texts repeat), lowered once
        // per name; one pass over the grants (a field read in place: a grant copied would retain
        // each of its texts).
        // (Names numbered by their bytes: no String hashed per grant.)
        var caseworkers = TextNumbers(), teams = TextNumbers()
        var caseworkerIds: [[Int32]] = [], teamIds: [[Int32]] = []
        grants.withUnsafeBufferPointer { all in
            for i in all.indices {
                let id = Int32(truncatingIfNeeded: i + 1)
                let (c, t) = (Int(caseworkers.number(all[i].caseworker)), Int(teams.number(all[i].team)))
                if c == caseworkerIds.count { caseworkerIds.append([]) }
                if t == teamIds.count { teamIds.append([]) }
                caseworkerIds[c].append(id)
                teamIds[t].append(id)
            }
        }
        var out: [String: [Int32]] = [:]
        for (name, ids) in zip(caseworkers.texts, caseworkerIds) { out[key(.caseworker, name), default: []].append(contentsOf: ids) }
        for (name, ids) in zip(teams.texts, teamIds) { out[key(.team, name), default: []].append(contentsOf: ids) }
        // (Names that differ only in case were joined above: their ids in order again.)
        return out.map { ($0.key, $0.value.sorted()) }.sorted { $0.key < $1.key }
    }
}
