import OverblikCore
import OverblikStore

/// The views `overblik report` prints, one entry each: its name, who may print it, and how it is
/// read through the query layer and printed. `overblik report VIEW` is this list; the TUI's views
/// name the report that prints the same list (`ViewCatalogue.View.report`). A new report is an
/// entry here and its pure view function in `Views`.
public enum ReportCatalogue {
    public struct Entry: Sendable {
        public let name: String
        /// `--caseworker` must be given.
        public var needsCaseworker = false
        /// The formats it is printed in; the first when `--format` is not given.
        public var formats: [ReportFormat] = [.text, .csv, .json]
        /// Why this viewer may not print it with these options (nil: they may).
        var refusal: @Sendable (Query, ReportFilter) -> AccessCheck.Refusal? = { _, _ in nil }
        /// The view printed, or nil when the period it needs has no month that is over.
        let print: @Sendable (Query, ReportFilter, ReportFormat, ReportContext) throws(SnapshotError) -> String?

        /// Why the viewer may not print this report (nil: they may).
        public func refused(_ query: Query, _ filter: ReportFilter) -> AccessCheck.Refusal? { refusal(query, filter) }

        /// The report as text, CSV or JSON; nil when no month of the period is over before today.
        public func render(_ query: Query, _ filter: ReportFilter, _ format: ReportFormat,
                           _ c: ReportContext) throws(SnapshotError) -> String? {
            try print(query, filter, format, c)
        }
    }

    public static let entries: [Entry] = [
        Entry(name: "caseload", needsCaseworker: true, refusal: { q, f in
            guard let who = f.caseworker, !q.visibility.seesCaseworker(who) else { return nil }
            return AccessCheck.refusal("\(who.uppercased())s sager er ikke dine at se", "\(who.uppercased())'s cases are not yours to see")
        }, print: { q, f, format, c throws(SnapshotError) in
            let who = f.caseworker ?? ""  // needsCaseworker: given
            return Views.caseload(try q.caseload(caseworker: who), caseworker: who, today: q.today, dueSoonDays: q.dueSoonDays).render(format, c)
        }),
        Entry(name: "team", print: { q, f, format, c throws(SnapshotError) in
            Views.team(lines: try q.teamLines(team: f.team), filter: f).render(format, c)
        }),
        Entry(name: "followups", print: { q, f, format, c throws(SnapshotError) in
            Views.followUps(lines: try q.followUps(f)).render(format, c)
        }),
        Entry(name: "budget", print: { q, f, format, c throws(SnapshotError) in
            Views.budget(try q.budget(year: f.year ?? q.today.year), filter: f).render(format, c)
        }),
        Entry(name: "movements", print: { q, f, format, c throws(SnapshotError) in
            Views.movements(try q.movements(year: f.year ?? q.today.year), filter: f).render(format, c)
        }),
        // The eight figures are totals of every paragraph, whoever looks; the discrepancies only those the viewer may see.
        Entry(name: "ottetal", print: { q, f, format, c throws(SnapshotError) in
            try q.reconciliation(year: f.year ?? q.today.year, month: f.month).map { Views.ottetal($0, filter: f.withoutPeriod).render(format, c) }
        }),
        Entry(name: "discrepancies", print: { q, f, format, c throws(SnapshotError) in
            try q.reconciliation(year: f.year ?? q.today.year, month: f.month).map { Views.discrepancies($0, filter: f.withoutPeriod).render(format, c) }
        }),
        Entry(name: "udvikling", print: { q, f, format, c throws(SnapshotError) in
            Views.development(try q.development(teams: f.by == .team).rows(by: f.by)).render(format, c)
        }),
        Entry(name: "servicemaal", print: { q, f, format, c throws(SnapshotError) in
            let (lines, missing) = try q.serviceGoalLines(year: f.year, paragraph: f.paragraph)
            var t = Views.serviceGoals(lines, goals: q.metadata.serviceGoals)
            t.missing = missing.map { [$0] } ?? []
            return t.render(format, c)
        }),
        Entry(name: "deadlines", print: { q, f, format, c throws(SnapshotError) in
            let (pending, missing) = try q.pendingApplications(f)
            var t = Views.deadlines(pending)
            t.missing = missing.map { [$0] } ?? []
            return t.render(format, c)
        }),
        Entry(name: "klagesager", print: { q, f, format, c throws(SnapshotError) in
            // (One paragraph's appeals make their own whole of the year: computed from them.)
            let (lines, missing): ([AppealLine], String?)
            if let paragraph = f.paragraph {
                let read = try q.appeals()
                (lines, missing) = (appealLines(read.rows.filter { $0.paragraph == paragraph }, today: q.today, year: f.year), read.missing)
            } else {
                let read = try q.appealView(year: f.year)
                (lines, missing) = (read.lines, read.missing)
            }
            var t = Views.appeals(lines)
            t.missing = missing.map { [$0] } ?? []
            return t.render(format, c)
        }),
        Entry(name: "sammenligning", print: { q, f, format, c throws(SnapshotError) in
            let (comparison, missing) = try q.comparison()
            let lines = (comparison?.lines ?? []).filter { l in
                (f.paragraph.map { l.paragraph == $0 } ?? true) && (f.year.map { l.quarter.year == $0 } ?? true)
            }
            var t = Views.comparison(lines, measure: q.metadata.comparison.measure)
            t.missing = missing
            return t.render(format, c)
        }),
        Entry(name: "belaegning", print: { q, f, format, c throws(SnapshotError) in
            let (lines, missing) = try q.occupancy(year: f.year)
            var t = Views.occupancy(lines)
            t.missing = missing.map { [$0] } ?? []
            return t.render(format, c)
        }),
        // Team leads and consultants (a team lead their own team's); caseworkers none of it.
        Entry(name: "tilsyn", refusal: { q, _ in
            q.supervisionTeams != nil ? nil
                : AccessCheck.refusal("ledelsestilsyn er for teamledere og konsulenter", "ledelsestilsyn is for team leads and consultants")
        }, print: { q, f, format, c throws(SnapshotError) in
            let period = f.period ?? SupervisionPeriod(q.metadata.supervision.period, containing: q.today)
            let s = try q.supervision(period: period, team: f.team)
            if f.summary {
                return Views.supervisionResults(supervisionResults(s.rows, answers: s.answers, period: period.description,
                                                                   items: q.metadata.supervision.items.count),
                                                items: q.metadata.supervision.items).render(format, c)
            }
            return Views.supervision(s, items: q.metadata.supervision.items).render(format, c)
        }),
        // The status report covers the whole area (every paragraph and team), like Datastatus.
        Entry(name: "statusrapport", formats: [.html, .json], refusal: { q, _ in
            q.visibility.isEverything ? nil
                : AccessCheck.refusal("statusrapporten viser hele området; det kræver adgang til alt",
                                      "the status report shows the whole area; that needs access to everything")
        }, print: { q, f, format, c throws(SnapshotError) in
            guard let report = try StatusRapport.make(q, year: f.year, annotations: q.annotations) else { return nil }
            return format == .json ? report.json(c) : report.html(c)
        }),
        Entry(name: "status", refusal: { q, _ in
            q.visibility.isEverything ? nil
                : AccessCheck.refusal("status viser alle afviste rækker; det kræver adgang til alt",
                                      "status shows every rejected row; that needs access to everything")
        }, print: { q, _, format, c throws(SnapshotError) in
            try StatusReport(snapshot: q.snapshot).render(format, c)
        }),
    ]

    public static var names: [String] { entries.map(\.name) }

    public static func entry(named name: String) -> Entry? { entries.first { $0.name == name } }
}

extension ReportFilter {
    /// The filter without its year and month (the reconciliation's period is chosen by them already).
    var withoutPeriod: ReportFilter { ReportFilter(caseworker: caseworker, team: team, paragraph: paragraph) }
}
