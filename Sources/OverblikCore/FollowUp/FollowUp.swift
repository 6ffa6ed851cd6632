/// The state of a grant's legally required follow-up (opfølgning, SEL §148).
public enum FollowUpStatus: String, Sendable, CaseIterable, Comparable {
    /// The next follow-up date has passed.
    case overdue
    /// The next follow-up is within `due_soon_days` from today (today included).
    case dueSoon
    /// The next follow-up is later than that.
    case ok
    /// No next follow-up is planned.
    case missing

    /// Overdue first, then due soon, missing, ok: the order a list of follow-ups is worked in.
    public static func < (a: FollowUpStatus, b: FollowUpStatus) -> Bool { a.urgency < b.urgency }
    /// Its place in that order (a list sorted by status).
    public var urgency: Int {
        switch self {
        case .overdue: return 0
        case .dueSoon: return 1
        case .missing: return 2
        case .ok: return 3
        }
    }

    public var label: Message {
        switch self {
        case .overdue: return Message(da: "overskredet", en: "overdue")
        case .dueSoon: return Message(da: "snart", en: "due soon")
        case .ok: return Message(da: "ok", en: "ok")
        case .missing: return Message(da: "mangler", en: "missing")
        }
    }
}

/// A grant's follow-up status on a day.
public struct FollowUp: Hashable, Sendable {
    public var status: FollowUpStatus
    /// Today − next follow-up, for an overdue follow-up; nil otherwise.
    public var daysOverdue: Int?
}

extension Grant {
    /// Whether the grant has not ended before `today` (grants starting in the future included):
    /// the grants a caseload holds and that have a follow-up status.
    public func isOpen(on today: Day) -> Bool { end.map { $0 >= today } ?? true }

    /// Whether the grant is active on `day`: started and not yet ended.
    public func isActive(on day: Day) -> Bool { start <= day && isOpen(on: day) }

    /// The follow-up status on `today`; nil for a grant that ended before today (it has none).
    public func followUp(today: Day, dueSoonDays: Int) -> FollowUp? {
        guard isOpen(on: today) else { return nil }
        guard let next = nextFollowUp else { return FollowUp(status: .missing, daysOverdue: nil) }
        if next < today { return FollowUp(status: .overdue, daysOverdue: next.distance(to: today)) }
        if next <= today.advanced(by: dueSoonDays) { return FollowUp(status: .dueSoon, daysOverdue: nil) }
        return FollowUp(status: .ok, daysOverdue: nil)
    }
}
