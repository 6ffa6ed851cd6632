import OverblikCore

/// The tabs of the application, in order: one entry each with its title, the roles that start in
/// it and how its page is built. The tab bar, the number keys (`1`…), the help screen and the start
/// tab all come from this list; a new tab is one entry here and its page builder.
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
    ]

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
