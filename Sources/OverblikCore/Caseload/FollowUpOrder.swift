/// Opfølgning's columns a long list is sorted by from the snapshot (tui.md 3): the sync stores each
/// line's key per column beside the list, so that a windowed list sorts by an index instead of
/// holding its rows.
public enum FollowUpSort: String, CaseIterable, Sendable {
    case caseworker, caseId, cprMasked, cpr, name, paragraph, nextFollowUp, daysOverdue, status

    /// The key's column in the snapshot's follow-up list.
    public var column: String { "key_" + rawValue }
}

/// Each line's key per sortable column, in the order the list's sort shows (equal keys in list
/// order; nil, an empty cell, first): texts by their place in Danish order, the CPR masked and
/// whole, paragraphs in law order, days as days, the status by urgency (overdue first).
public func followUpSortKeys(_ lines: [CaseloadLine]) -> [FollowUpSort: [Int64?]] {
    // Each line's field read by position (a line passed whole to a closure is copied, its grant's
    // texts retained; at national size hundreds of thousands of lines, per sortable column).
    func texts(_ text: (Int) -> String) -> [Int64?] {
        sortRanks(lines.indices.map { DanishSortText(text($0)) }).map { $0 == 0 ? nil : Int64($0) }
    }
    let paragraphs = sortRanks(lines.indices.map { lines[$0].grant.paragraph }, isEmpty: { _ in false }, before: <)
    var out: [FollowUpSort: [Int64?]] = [:]
    for key in FollowUpSort.allCases {
        switch key {
        case .caseworker: out[key] = texts { lines[$0].grant.caseworker }
        case .caseId: out[key] = texts { lines[$0].grant.caseId }
        case .cprMasked: out[key] = texts { lines[$0].grant.cpr.masked() }
        case .cpr: out[key] = texts { lines[$0].grant.cpr.formatted }
        case .name: out[key] = texts { lines[$0].grant.name }
        case .paragraph: out[key] = paragraphs.map { Int64($0) }
        case .nextFollowUp: out[key] = lines.indices.map { lines[$0].grant.nextFollowUp.map { Int64($0.ordinal) } }
        case .daysOverdue: out[key] = lines.indices.map { lines[$0].followUp.daysOverdue.map(Int64.init) }
        case .status: out[key] = lines.indices.map { Int64(lines[$0].followUp.status.urgency) }
        }
    }
    return out
}
