import OverblikCore

/// What a page lists: each kind is one view of the catalogue below.
public enum PageKind: Equatable, Sendable {
    case caseload, team, followUps, functions, months(function: String), payments, discrepancies, citizen, sideBySide, rejected
    /// Ledelse › Udvikling: one measure of one series (the total, or a dimension's value) over the months.
    case development(DevelopmentChoice)
    /// Ledelse › Statusrapport: the status report's key figures.
    case statusReport
    /// Ledelse › Servicemål: per paragraph and quarter.
    case serviceGoals
    /// Ledelse › Klagesager: per paragraph and year.
    case appeals
    /// Ledelse › Belægning: per provider, the last month and the year so far.
    case occupancy
    /// Ledelse › Sammenligning: one service type and quarter, the municipalities by rate above and
    /// the published figures against the own extract below.
    case comparison(ComparisonChoice)
    /// Ledelse › Tilsyn: the period's sample per caseworker.
    case supervision
    /// Ledelse › Tilsyn › a sampled case: its checklist.
    case supervisionCase(String)
    /// Ledelse › Tilsynssvar: the results per caseworker and item.
    case supervisionResults
}

/// What Sammenligning shows: a service type (DST code) and a quarter (nil: the first type, the last quarter).
public struct ComparisonChoice: Equatable, Sendable {
    public var serviceType: String?
    public var quarter: Quarter?
    public init(serviceType: String? = nil, quarter: Quarter? = nil) { self.serviceType = serviceType; self.quarter = quarter }
}

/// What Udvikling shows: the measure, the dimension and its value (nil: the total).
public struct DevelopmentChoice: Equatable, Sendable {
    public var measure = DevelopmentMeasure.activeAtMonthEnd
    public var dimension: DevelopmentDimension?
    public var value: String?
    /// The splits `d` offers: the total, then every dimension.
    static let dimensions: [DevelopmentDimension?] = [nil] + DevelopmentDimension.allCases.map(Optional.some)

    public init(measure: DevelopmentMeasure = .activeAtMonthEnd, dimension: DevelopmentDimension? = nil, value: String? = nil) {
        self.measure = measure; self.dimension = dimension; self.value = value
    }
}

/// The views of the application, in one place: the tabs in order (title, the roles that start
/// there, how the page is built) and, for every kind of page, what `⏎` opens from its rows, the
/// actions it offers (with the reason when one does not work), and the `overblik report` view that
/// prints the same list. The tab bar, the number keys, the start tab, drill-down, the footer and
/// the help screen all come from here; a new view is an entry here, its page builder (`Pages.swift`)
/// and its pure view function (`Views`), and for a report an entry in `ReportCatalogue`.
enum ViewCatalogue {
    struct Tab: Sendable {
        let title: Message
        /// The roles that start here (a user who is not in the staff file counts as `nil`).
        let startsFor: [StaffRole?]
        let build: @Sendable (AppModel) -> Page
    }

    static let tabs: [Tab] = [
        Tab(title: Message(da: "Mine sager", en: "My cases"), startsFor: [.caseworker], build: { $0.mineSager() }),
        Tab(title: Message(da: "Team", en: "Team"), startsFor: [.teamLead, nil], build: { $0.teamPage() }),
        Tab(title: Message(da: "Opfølgning", en: "Follow-up"), startsFor: [], build: { $0.followUpPage() }),
        Tab(title: Message(da: "Økonomi", en: "Economy"), startsFor: [], build: { $0.functionsPage() }),
        Tab(title: Message(da: "Afstemning", en: "Reconciliation"), startsFor: [.consultant], build: { $0.discrepancyPage() }),
        Tab(title: Message(da: "Datastatus", en: "Data status"), startsFor: [], build: { $0.rejectedPage() }),
        Tab(title: Message(da: "Ledelse", en: "Management"), startsFor: [], build: { $0.ledelsePage() }),
    ]

    /// Ledelse: its page has the list of sub-views on its left.
    static let ledelseTab = 6

    /// The tab bar's short titles, for a screen too narrow for the full ones.
    static let shortTitles: [Message] = [
        Message(da: "Sager", en: "Cases"), Message(da: "Team", en: "Team"), Message(da: "Opfølgn.", en: "Follow-up"),
        Message(da: "Økonomi", en: "Economy"), Message(da: "Afstemn.", en: "Reconcile"), Message(da: "Data", en: "Data"),
        Message(da: "Ledelse", en: "Mgmt"),
    ]

    /// One kind of page.
    struct View: Sendable {
        /// The `overblik report` view that prints the same list, where there is one.
        let report: String?
        /// What `⏎` opens from the selected row; nil from the closure when nothing does (a refusal
        /// then says why on the message line). A view without it has nothing behind its rows.
        var opens: (@Sendable (AppModel) -> Page?)?
        /// Whether the selected row has something behind it (for the footer's `⏎`).
        var canOpen: @Sendable (Page) -> Bool = { _ in true }
        /// The actions the view offers beyond those every list has.
        var offers: [Offer] = []
        /// The sections of `docs/tal.md` that say how this view's figures are computed (its `?` names them).
        var figures: [String] = []
    }

    /// An action one view offers, and when it does not work for this user.
    struct Offer: Sendable {
        let action: Action
        /// The footer's word for it.
        let label: Message
        /// Why it does nothing for this user here (nil: it works).
        let disabledBecause: @Sendable (AppModel) -> Message?
        /// Shown in the footer when it works (else it works without being advertised).
        var inFooter = true
    }

    /// The view of a kind of page.
    static func view(_ kind: PageKind) -> View {
        switch kind {
        case .caseload: return View(report: "caseload", opens: openCitizen, figures: ["Opfølgning", "Sagsstamme og team"])
        case .team:
            return View(report: "team", opens: { m in
                guard case .text(let initials)? = m.page.selected("caseworker") else { return nil }
                guard m.data.visibility.seesCaseworker(initials) else {
                    m.message = AccessCheck.refusal("\(initials)s sager er ikke dine at se; Team viser kun tallene",
                                                    "\(initials)'s cases are not yours to see; Team shows the figures only").text(m.c.language)
                    return nil
                }
                return m.caseloadPage(initials)
            }, figures: ["Sagsstamme og team", "Opfølgning"])
        case .followUps: return View(report: "followups", opens: openCitizen, figures: ["Opfølgning"])
        case .functions:
            return View(report: "budget", opens: { m in
                guard case .text(let function)? = m.page.selected("function") else { return nil }
                return m.monthsPage(function)
            }, figures: ["Budget og forbrug", "Enhedspris", "Prognose (årets ydelser)", "Dækning og helårspersoner"])
        case .months(let function):
            return View(report: nil, opens: { m in
                guard case .int(let month)? = m.page.selected("month") else { return nil }
                return m.paymentsPage(function, month: month)
            }, figures: ["Budget og forbrug", "Tilgang og afgang"])
        case .payments: return View(report: nil, opens: openCitizen, figures: ["Hvilken paragraf en betaling hører til"])
        case .discrepancies:
            return View(report: "discrepancies", opens: openDiscrepancy, offers: [annotate],
                        figures: ["Ottetalskontrollen", "Afvigelser", "Afstemningsperioden"])
        case .citizen:
            // A citizen's rows that are discrepancies open side by side, and take a status too.
            return View(report: nil, opens: openDiscrepancy, canOpen: { page in
                if case .masked(let key)? = page.selected("key") { return !key.isEmpty }
                return false
            }, offers: [Offer(action: annotate.action, label: annotate.label, disabledBecause: annotate.disabledBecause, inFooter: false)],
                        figures: ["Afvigelser"])
        case .sideBySide: return View(report: nil, opens: nil, offers: [annotate], figures: ["Afvigelser", "Dækning og helårspersoner"])
        case .rejected: return View(report: "status", opens: nil)
        case .development(let choice):
            return View(report: "udvikling", opens: nil, offers: [
                Offer(action: .measure, label: Message(da: "mål", en: "measure")) { _ in nil },
                Offer(action: .dimension, label: Message(da: "opdeling", en: "split")) { _ in nil },
            ], figures: ["Udvikling"] + (choice.measure == .unitCostRate ? ["Enhedspris"] : []))
        case .statusReport: return View(report: "statusrapport", opens: nil, figures: ["Statusrapporten"])
        case .serviceGoals: return View(report: "servicemaal", opens: nil, figures: ["Servicemål"])
        case .appeals: return View(report: "klagesager", opens: nil, figures: ["Klagesager"])
        case .occupancy: return View(report: "belaegning", opens: nil, figures: ["Belægning"])
        case .comparison:
            return View(report: "sammenligning", opens: nil, offers: [
                Offer(action: .measure, label: Message(da: "ydelsestype", en: "service type")) { _ in nil },
            ], figures: ["Sammenligning"])
        case .supervision:
            return View(report: "tilsyn", opens: { m in
                guard case .text(let id)? = m.page.selected("caseId") else { return nil }
                return m.checklistPage(caseId: id)
            }, figures: ["Ledelsestilsyn"])
        case .supervisionCase: return View(report: nil, opens: nil, figures: ["Ledelsestilsyn"])
        case .supervisionResults: return View(report: "tilsyn", opens: nil, figures: ["Ledelsestilsyn"])
        }
    }

    private static let openCitizen: @Sendable (AppModel) -> Page? = { m in
        guard case .cpr(let cpr)? = m.page.selected("cpr") else { return nil }
        return m.citizenPage(cpr)
    }

    private static let openDiscrepancy: @Sendable (AppModel) -> Page? = { m in m.selectedKey.flatMap { m.sideBySidePage(key: $0) } }

    /// `a`: a status and a note on a discrepancy, for a consultant.
    private static let annotate = Offer(action: .annotate, label: Message(da: "status", en: "status")) { m in
        m.data.user?.role == .consultant ? nil
            : Message(da: "kun en konsulent kan sætte status på en afvigelse", en: "only a consultant can set a discrepancy's status")
    }

    /// The tab a role starts in: a caseworker in Mine sager, a team lead in Team, a consultant in
    /// Afstemning; someone unknown in Team.
    static func startTab(for role: StaffRole?) -> Int {
        tabs.firstIndex { $0.startsFor.contains(role) } ?? 0
    }

    /// The tab a number key opens (`1` the first), if there is one.
    static func tab(forKey key: Action.Key) -> Int? {
        guard case .character(let c) = key, let n = c.wholeNumberValue, n >= 1, n <= tabs.count else { return nil }
        return n - 1
    }
}
