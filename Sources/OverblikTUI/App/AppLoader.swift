import OverblikCore
import OverblikStore

/// Builds the application's tabs from a snapshot for a user and a day.
public enum AppLoader {
    /// Who is using Overblik: from `--user` (initials), else the login name matched in the staff file.
    public static func resolveUser(initials: String?, loginName: String?, staff: [StaffMember]) -> StaffMember? {
        if let initials {
            return staff.first { $0.initials.lowercased() == initials.lowercased() }
                ?? StaffMember(initials: initials.uppercased(), role: .caseworker)
        }
        guard let loginName, !loginName.isEmpty else { return nil }
        return staff.first { !$0.username.isEmpty && $0.username.lowercased() == loginName.lowercased() }
    }

    /// The tab a role starts in: a caseworker in Mine sager, a team lead in Team, a consultant in
    /// Afstemning; someone unknown in Team.
    public static func startTab(for user: StaffMember?) -> Int {
        switch user?.role {
        case .caseworker?: return 0
        case .teamLead?: return 1
        case .consultant?: return 4
        case nil: return 1
        }
    }

    public static func load(snapshot: Snapshot, initials: String?, loginName: String?, language: Language, today: Day,
                            ageHours: Int?) throws(SnapshotError) -> AppModel {
        let meta = try snapshot.metadata()
        let people = try snapshot.grantsAndStaff()
        let user = resolveUser(initials: initials, loginName: loginName, staff: people.staff)
        let context = ReportContext(language: language, revealCPR: false, today: today)
        var derived = meta.today == today ? try snapshot.derived(year: today.year) : nil
        if derived == nil {
            derived = DerivedFigures.compute(try snapshot.dataset(), year: today.year, today: today, rateTolerance: meta.rateTolerance)
        }
        let figures = derived!
        let status = try StatusReport(snapshot: snapshot)
        let c = context

        func tab(_ title: Message, _ table: ViewTable, _ caption: String) -> AppTab {
            AppTab(title: title, table: table, layout: TableLayout(table, c), caption: caption)
        }
        var tabs: [AppTab] = []
        let mine = Views.caseload(people, caseworker: user?.initials ?? "", today: today, dueSoonDays: meta.dueSoonDays)
        tabs.append(tab(Action.tab1.description, mine, user.map { c.t("Sager for \($0.initials)\($0.name.isEmpty ? "" : " · \($0.name)")", "Cases of \($0.initials)\($0.name.isEmpty ? "" : " · \($0.name)")") }
                        ?? c.t("Ingen bruger: start med --user INITIALER", "No user: start with --user INITIALS")))
        let team = Views.team(people, filter: ReportFilter(team: user?.role == .teamLead ? user?.team : nil), today: today, dueSoonDays: meta.dueSoonDays)
        tabs.append(tab(Action.tab2.description, team, c.t("Fordeling af sager (markeret: over 1,25 × teamets median)", "Case distribution (marked: above 1.25 × the team's median)")))
        let followFilter = ReportFilter(caseworker: user?.role == .caseworker ? user?.initials : nil,
                                        team: user?.role == .teamLead ? user?.team : nil)
        tabs.append(tab(Action.tab3.description, Views.followUps(people, filter: followFilter, today: today, dueSoonDays: meta.dueSoonDays),
                        c.t("Overskredet, snart og manglende opfølgning", "Overdue, due-soon and missing follow-ups")))
        tabs.append(tab(Action.tab4.description, Views.budget(figures.budget, filter: ReportFilter()),
                        c.t("Budget og forbrug \(today.year) pr. funktion og måned", "Budget and spend \(today.year) by function and month")))
        if let r = figures.reconciliation {
            let explained = r.discrepancies.filter(\.explained).count
            tabs.append(tab(Action.tab5.description, Views.discrepancies(r, filter: ReportFilter()),
                            c.t("Afvigelser \(r.period.start.danish)–\(r.period.end.danish): \(r.discrepancies.count), heraf \(explained) forklarede",
                                "Discrepancies \(r.period.start.danish)–\(r.period.end.danish): \(r.discrepancies.count), \(explained) explained")))
        } else {
            tabs.append(tab(Action.tab5.description, ViewTable(view: "discrepancies", columns: [.init("kind", da: "Slags", en: "Kind")]),
                            c.t("Ingen afsluttet måned i \(today.year) endnu", "No month of \(today.year) is over yet")))
        }
        tabs.append(tab(Action.tab6.description, Views.rejectedRows(status.rejected),
                        c.t("\(status.sources.filter(\.present).count) kildefiler · \(status.rejected.count) afviste rækker", "\(status.sources.filter(\.present).count) source files · \(status.rejected.count) rejected rows")))

        let role = user?.role ?? .caseworker
        let roleLabel: Message
        switch role {
        case .caseworker: roleLabel = Message(da: "sagsbehandler", en: "caseworker")
        case .teamLead: roleLabel = Message(da: "teamleder", en: "team lead")
        case .consultant: roleLabel = Message(da: "konsulent", en: "consultant")
        }
        let created = String(meta.createdAt.prefix(16)).replacingOccurrences(of: "T", with: " ")
        let createdShown = Day(iso: created.prefix(10)).map { "\($0.danish)\(created.dropFirst(10))" } ?? created
        let header = AppHeader(municipality: meta.municipality.name, createdAt: createdShown, ageHours: ageHours,
                               user: user?.initials ?? "–", role: user == nil ? Message(da: "ukendt bruger", en: "unknown user") : roleLabel)
        return AppModel(tabs: tabs, start: startTab(for: user), context: context, header: header)
    }
}

extension Views {
    /// Datastatus: the rejected rows.
    public static func rejectedRows(_ rows: [RejectedRow]) -> ViewTable {
        var t = ViewTable(view: "rejected", columns: [
            .init("file", da: "Fil:linje", en: "File:line", maxWidth: 34), .init("column", da: "Kolonne", en: "Column", maxWidth: 16),
            .init("value", da: "Værdi", en: "Value", maxWidth: 24), .init("reason", da: "Årsag", en: "Reason", maxWidth: 80),
        ])
        for r in rows {
            t.rows.append([.text("\(r.file):\(r.line)"), .text(r.column), .rejectedValue(r), .message(r.reason)])
        }
        return t
    }
}
