import OverblikCore

extension Views {
    /// One decimal, halves away from zero (management.md §9), for a JSON number.
    static func oneDecimal(_ x: Double?) -> Cell {
        x.map { .number(($0 * 10).rounded(.toNearestOrAwayFromZero) / 10) } ?? .message(nil)
    }

    static func count(_ n: Int?) -> Cell { n.map(Cell.int) ?? .message(nil) }

    /// Servicemål (management.md §4): per paragraph and quarter of the decision date, and the
    /// total of the paragraphs with a goal.
    public static func serviceGoals(_ lines: [ServiceGoalLine], goals: ServiceGoals) -> ViewTable {
        var t = ViewTable(view: "servicemaal", columns: [
            .init("paragraph", da: "Paragraf", en: "Paragraph", maxWidth: 10, priority: 10),
            .init("quarter", da: "Kvartal", en: "Quarter", priority: 10),
            .init("goal", da: "Servicemål", en: "Goal", priority: 9),
            .init("decided", da: "Afgjort", en: "Decided", right: true, priority: 9),
            .init("inTime", da: "Til tiden", en: "In time", right: true, priority: 8),
            .init("late", da: "For sent", en: "Late", right: true, priority: 8),
            .init("lateWithoutNotice", da: "Uden besked", en: "No notice", right: true, priority: 7),
            .init("shelved", da: "Henlagt", en: "Shelved", right: true, priority: 5),
            .init("shareInTime", da: "Andel %", en: "Share %", right: true, priority: 9),
            .init("targetShare", da: "Mål %", en: "Target %", right: true, priority: 6),
            .init("medianDays", da: "Median dage", en: "Median days", right: true, priority: 6),
        ])
        for l in lines {
            let hasGoal = l.inTime != nil
            t.rows.append([
                l.paragraph.map(Cell.paragraph) ?? .shownOnly(Message(da: "I alt", en: "Total")),
                .text(l.quarter.description),
                l.goal.map { .text($0.description) }
                    ?? (l.paragraph != nil && !hasGoal ? .shownOnly(Message(da: "ingen servicemål", en: "no service goal")) : .message(nil)),
                .int(l.decided), count(l.inTime), count(l.late), count(l.lateWithoutNotice), .int(l.shelved),
                oneDecimal(l.shareInTime), oneDecimal(goals.targetShare * 100), oneDecimal(l.medianDays),
            ])
        }
        return t
    }

    /// The pending applications with their deadlines (management.md §4; `deadlines`).
    public static func deadlines(_ pending: [PendingApplication]) -> ViewTable {
        var t = ViewTable(view: "deadlines", columns: [
            .init("applicationId", da: "Ansøgning", en: "Application", maxWidth: 16, priority: 9),
            .init("cpr", da: "CPR", en: "CPR", priority: 8),
            .init("paragraph", da: "Paragraf", en: "Paragraph", maxWidth: 10, priority: 9),
            .init("caseworker", da: "Sagsbeh.", en: "Caseworker", maxWidth: 10, priority: 7),
            .init("team", da: "Team", en: "Team", maxWidth: 20, priority: 4),
            .init("received", da: "Modtaget", en: "Received", priority: 6),
            .init("deadline", da: "Frist", en: "Deadline", priority: 10),
            .init("daysLeft", da: "Dage tilbage", en: "Days left", right: true, priority: 10),
            .init("noticeSent", da: "Besked sendt", en: "Notice sent", priority: 5),
            .init("status", da: "Status", en: "Status", maxWidth: 16, priority: 10),
        ])
        for p in pending {
            let d = p.decision
            t.rows.append([.text(d.applicationId), .cpr(d.cpr), .paragraph(d.paragraph), .text(d.caseworker), .text(d.team),
                           .day(d.received), .day(p.deadline), count(p.daysLeft), .day(d.noticeSent),
                           .coded(p.status.rawValue, p.status.label, p.status.style)])
        }
        return t
    }
}

extension PendingApplication.Status {
    /// On screen and in text (JSON and CSV have the name: `overdue`, `dueSoon`, …); marked by a
    /// symbol too, so it shows without colour.
    var label: Message {
        switch self {
        case .overdue: return Message(da: "! overskredet", en: "! overdue")
        case .dueSoon: return Message(da: "~ snart", en: "~ due soon")
        case .pending: return Message(da: "verserer", en: "pending")
        case .noServiceGoal: return Message(da: "intet servicemål", en: "no service goal")
        }
    }

    var style: Style {
        switch self {
        case .overdue: return .overdue
        case .dueSoon: return .dueSoon
        case .pending, .noServiceGoal: return .normal
        }
    }
}
