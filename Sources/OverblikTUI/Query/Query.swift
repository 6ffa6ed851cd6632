import OverblikCore
import OverblikStore

/// Between the snapshot and the views, for the TUI and `overblik report` alike: the one place
/// that decides whether a view reads what the sync stored or computes it again, and what the
/// viewer may see. Every read throws its store error; none turns one into an empty list.
///
/// The sync stores the figures, Team's lines and Opfølgning's list for its own today; they hold
/// for that day only (active grants, the reconciliation period and the forecast move with it).
/// For another `today` (`--today`, or a snapshot opened a day later) they are computed here.
public struct Query: Sendable {
    public let snapshot: Snapshot
    public let metadata: SnapshotMetadata
    public let today: Day
    /// What the `[access]` rules let the viewer see.
    public let visibility: Visibility
    /// The annotations' newest entry per discrepancy key (empty when none are written yet).
    public var annotations: [String: Annotation] = [:]
    /// Ledelsestilsyn's store beside the snapshot, when there is one (a report never creates it).
    public var supervisionStore: SupervisionStore?
    /// Who is looking (nil: not known), for what only a role may see (ledelsestilsyn).
    public var viewer: StaffMember?

    /// Ledelsestilsyn's reach under `[access]` (management.md §3): without the rules everything; with
    /// them a consultant everything, a team lead their own team, a caseworker nothing (nil).
    public var supervisionTeams: SupervisionReach? {
        guard metadata.access.enforce else { return .everything }
        switch viewer?.role {
        case .consultant?: return .everything
        case .teamLead?: return .team(viewer?.team ?? "")
        default: return nil
        }
    }

    public enum SupervisionReach: Sendable, Equatable { case everything, team(String) }

    public init(snapshot: Snapshot, metadata: SnapshotMetadata, today: Day, visibility: Visibility) {
        self.snapshot = snapshot; self.metadata = metadata; self.today = today; self.visibility = visibility
    }

    /// The same query read through `other` (another connection to the same snapshot).
    public func reading(through other: Snapshot) -> Query {
        var q = Query(snapshot: other, metadata: metadata, today: today, visibility: visibility)
        (q.annotations, q.supervisionStore, q.viewer) = (annotations, supervisionStore, viewer)
        return q
    }

    /// Whether what the sync stored was computed for this `today`.
    public var storedHolds: Bool { metadata.today == today }
    public var dueSoonDays: Int { metadata.dueSoonDays }

    /// The figures of `year` as the sync stored them, when they hold (nil otherwise); without
    /// `discrepancies`, the reconciliation without its list.
    public func storedFigures(year: Int, discrepancies: Bool = true) throws(SnapshotError) -> DerivedFigures? {
        storedHolds ? try snapshot.derived(year: year, withDiscrepancies: discrepancies) : nil
    }

    /// The figures of `year`: stored when they hold, else computed from every record.
    public func figures(year: Int) throws(SnapshotError) -> DerivedFigures {
        if let stored = try storedFigures(year: year) { return stored }
        return DerivedFigures.compute(try snapshot.dataset(), year: year, today: today, rateTolerance: metadata.rateTolerance)
    }

    /// The budget lines of `year` (stored, or computed from every record).
    public func budget(year: Int) throws(SnapshotError) -> [BudgetMonth] {
        if let stored = try storedFigures(year: year, discrepancies: false) { return stored.budget }
        return Views.budgetRows(try snapshot.dataset(), year: year, today: today)
    }

    /// The inflow and outflow of `year` (stored, or computed from the grants).
    public func movements(year: Int) throws(SnapshotError) -> [MovementLine] {
        if let stored = try storedFigures(year: year, discrepancies: false) { return stored.movements }
        return OverblikCore.movements(grants: try snapshot.grants(), year: year)
    }

    /// The reconciliation of `year` (or of one month of it), with only the discrepancies the viewer
    /// may see; nil when no month of the period is over before `today`. Without `discrepancies`
    /// the stored one comes without its list (the eight figures are what is wanted).
    public func reconciliation(year: Int, month: Int? = nil, discrepancies: Bool = true) throws(SnapshotError) -> Reconciliation? {
        let r: Reconciliation?
        if month == nil, let stored = try storedFigures(year: year, discrepancies: discrepancies) {
            r = stored.reconciliation
        } else {
            r = Views.reconciliation(try snapshot.dataset(), year: year, month: month, today: today, rateTolerance: metadata.rateTolerance)
        }
        return r.map(visible)
    }

    /// A reconciliation with only the discrepancies the viewer may see (those about no citizen,
    /// and those of caseworkers they see); the eight figures are totals and stay.
    public func visible(_ r: Reconciliation) -> Reconciliation {
        guard !visibility.isEverything else { return r }
        var shown = r
        shown.discrepancies = r.discrepancies.filter { $0.cpr == nil || visibility.seesCaseworker($0.caseworker) }
        return shown
    }

    /// The development series (management.md §1) for `today`: stored when they hold, else computed
    /// from every record. Without `teams` the series per team may be left out.
    public func development(teams: Bool = true) throws(SnapshotError) -> Development {
        if storedHolds, let stored = try snapshot.development(teams: teams) { return stored }
        return Development.compute(try snapshot.dataset(), today: today)
    }

    /// The values of `dimension` with a series, in the view's order: stored when they hold (without
    /// reading the series), else computed.
    public func developmentValues(_ dimension: DevelopmentDimension) throws(SnapshotError) -> [String] {
        let keys: [Development.SeriesKey]
        if storedHolds, let values = try snapshot.developmentValues(dimension) {
            keys = values.map { Development.SeriesKey(dimension, $0) }
        } else {
            keys = try development(teams: dimension == .team).series.keys.filter { $0.dimension == dimension }
        }
        return keys.sorted().map(\.value)
    }

    /// One series (nil when there is none): stored when they hold, else computed.
    public func developmentSeries(_ key: Development.SeriesKey) throws(SnapshotError) -> [MonthFigures]? {
        if storedHolds, try snapshot.hasDevelopment() { return try snapshot.developmentSeries(key) }
        return try development().series[key]
    }

    /// One caseworker's grants still open today, with the staff and the mapping.
    public func caseload(caseworker: String) throws(SnapshotError) -> Dataset {
        var d = try snapshot.staffAndMapping()
        d.grants = try snapshot.grants(caseworker: caseworker, openOn: today)
        return d
    }

    /// Team's lines of the teams the viewer sees (one team's, with `team`): stored when they hold,
    /// else computed from the grants still open today.
    public func teamLines(team: String? = nil) throws(SnapshotError) -> [TeamLine] {
        let lines: [TeamLine]
        if storedHolds, let stored = try snapshot.storedTeamLines(today: today) {
            lines = stored
        } else {
            let d = try snapshot.staffAndMapping()
            lines = teamDistribution(grants: try snapshot.grants(team: team, openOn: today), staff: d.staff, today: today,
                                     dueSoonDays: dueSoonDays)
        }
        return lines.filter { line in visibility.seesTeam(line.team) && (team.map { line.team.lowercased() == $0.lowercased() } ?? true) }
    }

    /// Opfølgning's lines that `filter` accepts and the viewer may see: from the stored list when it
    /// holds, else computed from the grants still open today.
    public func followUps(_ filter: ReportFilter) throws(SnapshotError) -> [CaseloadLine] {
        let grants: [Grant]
        if storedHolds, let stored = try snapshot.storedFollowUps(today: today, caseworker: filter.caseworker, team: filter.team) {
            grants = stored
        } else {
            let open = try snapshot.grants(caseworker: filter.caseworker, team: filter.team, openOn: today)
            grants = followUpList(grants: open.filter(filter.accepts), today: today, dueSoonDays: dueSoonDays).map(\.grant)
        }
        return grants.filter { filter.accepts($0) && visibility.seesCaseworker($0.caseworker) }
            .compactMap { CaseloadLine($0, today: today, dueSoonDays: dueSoonDays) }
    }

    /// Opfølgning read in windows: when the list the sync stored holds for today and the viewer may
    /// see all of it, no caseworker, team or paragraph asked for; nil otherwise (the list is then
    /// computed and held whole: one team's or one caseworker's is short).
    public func followUpWindow(_ filter: ReportFilter) throws(SnapshotError) -> FollowUpWindow? {
        guard storedHolds, visibility.isEverything, filter.caseworker == nil, filter.team == nil, filter.paragraph == nil,
              let count = try snapshot.storedFollowUpCount(today: today) else { return nil }
        return FollowUpWindow(snapshot: snapshot, today: today, dueSoonDays: dueSoonDays, count: count)
    }

    /// The stored follow-up list by position: a screen's lines at a time, and its order by a column.
    public struct FollowUpWindow: Sendable {
        let snapshot: Snapshot
        let today: Day
        let dueSoonDays: Int
        public let count: Int

        /// The lines at `positions` (from 0, in the list's order), in the order asked.
        public func lines(at positions: [Int]) throws(SnapshotError) -> [CaseloadLine?] {
            try snapshot.storedFollowUps(at: positions).map { g in g.flatMap { CaseloadLine($0, today: today, dueSoonDays: dueSoonDays) } }
        }

        /// The positions in the order of `key` (equal keys in list order), each with its key.
        public func order(by key: FollowUpSort) throws(SnapshotError) -> (positions: [Int32], keys: [Int64?]) {
            try snapshot.storedFollowUpOrder(by: key)
        }
    }

    /// The applications and decisions (management.md §4), each with its team (its own, else its
    /// caseworker's in the staff file); `missing` names the file when the snapshot has none.
    public func decisions(pendingOnly: Bool = false) throws(SnapshotError) -> (rows: [Decision], missing: String?) {
        if let missing = try missingFile(.decisions) { return ([], missing) }
        let read = try snapshot.decisions(pendingOnly: pendingOnly)
        // The staff's teams only when an application lacks one (made for a whole country's staff,
        // they were most of opening Team when no application was pending).
        guard read.contains(where: { $0.team.isEmpty }) else { return (read, nil) }
        let staff = try snapshot.staffAndMapping().staff
        let teamOf = Dictionary(staff.map { ($0.initials.lowercased(), $0.team) }, uniquingKeysWith: { a, _ in a })
        let rows = read.map { d -> Decision in
            var d = d
            if d.team.isEmpty { d.team = teamOf[d.caseworker.lowercased()] ?? "" }
            return d
        }
        return (rows, nil)
    }

    /// The pending applications the viewer may see that `filter` accepts, with their deadlines.
    public func pendingApplications(_ filter: ReportFilter) throws(SnapshotError) -> (rows: [PendingApplication], missing: String?) {
        let (all, missing) = try decisions(pendingOnly: true)
        let shown = all.filter { d in
            (filter.caseworker.map { d.caseworker.lowercased() == $0.lowercased() } ?? true)
                && (filter.team.map { d.team.lowercased() == $0.lowercased() } ?? true)
                && (filter.paragraph.map { d.paragraph == $0 } ?? true)
                && visibility.seesCaseworker(d.caseworker)
        }
        return (OverblikCore.pendingApplications(shown, goals: metadata.serviceGoals, today: today, dueSoonDays: dueSoonDays), missing)
    }

    /// Servicemål's rows (management.md §4): of `year` only when given, of one paragraph's
    /// applications when given. Without a paragraph the rows the sync stored (they do not depend on
    /// today); with one, or from an older snapshot, computed from the applications.
    public func serviceGoalLines(year: Int?, paragraph: Paragraph?) throws(SnapshotError) -> (rows: [ServiceGoalLine], missing: String?) {
        if let missing = try missingFile(.decisions) { return ([], missing) }
        if paragraph == nil, let stored = try snapshot.serviceGoalLines() {
            return (stored.filter { l in year.map { l.quarter.year == $0 } ?? true }, nil)
        }
        let shown = try decisions().rows.filter { d in paragraph.map { d.paragraph == $0 } ?? true }
        return (OverblikCore.serviceGoalLines(shown, goals: metadata.serviceGoals, year: year), nil)
    }

    /// The file name of an optional table the snapshot does not hold (its configured or default
    /// path's last part, management.md §9); nil when it holds it.
    public func missingFile(_ table: TableName) throws(SnapshotError) -> String? {
        let source = try snapshot.sources().first { $0.table == table }
        if let source, source.present { return nil }
        let path = source?.path ?? table.defaultPath
        return String(path.split(separator: "/").last ?? Substring(path))
    }

    /// The appeals (management.md §5); `missing` names the file when the snapshot has none.
    public func appeals() throws(SnapshotError) -> (rows: [Appeal], missing: String?) {
        if let missing = try missingFile(.appeals) { return ([], missing) }
        return (try snapshot.appeals(), nil)
    }

    /// Klagesager for today (management.md §5): its lines, of `year` when given, and the appeals
    /// pending at the board, the oldest first; stored when they hold (without reading every
    /// appeal), else computed. `missing` names the file when the snapshot has no appeals.
    public func appealView(year: Int? = nil) throws(SnapshotError) -> (lines: [AppealLine], pending: [PendingAppeal], missing: String?) {
        if let missing = try missingFile(.appeals) { return ([], [], missing) }
        if storedHolds, let stored = try snapshot.storedAppeals(today: today) {
            return (stored.lines.filter { l in year.map { l.year == $0 } ?? true }, stored.pending, nil)
        }
        let appeals = try snapshot.appeals()
        return (appealLines(appeals, today: today, year: year), pendingAppeals(appeals, today: today), nil)
    }

    /// Sammenligning (management.md §6): StatBank's figures as rates with this municipality's rank,
    /// the others' rate and its own figure; `missing` names the files when either StatBank table is absent.
    public func comparison() throws(SnapshotError) -> (comparison: Comparison?, missing: [String]) {
        var missing: [String] = []
        for table in [TableName.statbank, .population] { if let file = try missingFile(table) { missing.append(file) } }
        guard missing.isEmpty else { return (nil, missing) }
        if storedHolds, let stored = try snapshot.storedComparison(today: today) { return (stored, []) }
        return (Comparison(statbank: try snapshot.statbank(), population: try snapshot.population(), dst: try snapshot.dstRows(),
                           mapping: try snapshot.mapping(), municipality: metadata.municipality, settings: metadata.comparison,
                           today: today), [])
    }

    /// The StatBank file's modification day (ISO), "" when not known.
    public func statBankFileDay() throws(SnapshotError) -> String {
        try snapshot.sources().first { $0.table == .statbank }?.modified ?? ""
    }

    /// Belægning (management.md §7): without `year` the months of Udvikling, with it the year's
    /// months that are over and a row per provider for them together. `missing` names the file
    /// when the snapshot has no providers.
    public func occupancy(year: Int?) throws(SnapshotError) -> (rows: [OccupancyLine], missing: String?) {
        if let missing = try missingFile(.providers) { return ([], missing) }
        if let year, storedHolds, let stored = try snapshot.storedOccupancy(year: year, today: today) { return (stored, nil) }
        let months: [CalendarMonth]
        if let year {
            months = CalendarMonth.over(in: year, on: today)
        } else {
            months = try development(teams: false).months
        }
        // Only the stays with a day in the months shown.
        let window = months.first.flatMap { first in months.last.map { DayRange(ordering: first.range.start, $0.range.end) } }
        return (occupancyLines(stays: try snapshot.providerStays(within: window), agreements: try snapshot.providers(), months: months,
                               yearRow: year != nil), nil)
    }

    /// Ledelsestilsyn's sample of `period` as it would be fixed now (management.md §3), every caseworker's.
    public func currentSupervisionSample(period: SupervisionPeriod) throws(SnapshotError) -> [SampledGrant] {
        try currentSupervisionSamples(periods: [period])[0]
    }

    /// The samples of several periods: as the sync stored them when they hold for this today, else
    /// drawn from one read of the grants, staff and decisions.
    public func currentSupervisionSamples(periods: [SupervisionPeriod]) throws(SnapshotError) -> [[SampledGrant]] {
        var stored: [[SampledGrant]] = []
        for period in periods {
            if period.range.start > today { stored.append([]); continue }  // (not begun: no sample)
            guard storedHolds, let sample = try snapshot.storedSupervisionSample(period: period, today: today) else { break }
            stored.append(sample)
        }
        if stored.count == periods.count { return stored }
        // Only what a sample of these periods can hold: the grants and decisions of their days up to today.
        let begun = periods.filter { $0.range.start <= today }
        guard let first = begun.map(\.range.start).min(), let last = begun.map({ min($0.range.end, today) }).max() else {
            return periods.map { _ in [] }
        }
        let range = DayRange(ordering: first, last)
        let grants = try snapshot.supervisionGrants(within: range, today: today)
        let staff = try snapshot.staffAndMapping().staff
        let decisions = try snapshot.decisions(decidedWithin: range)
        return OverblikCore.supervisionSamples(grants: grants, decisions: decisions, staff: staff, periods: periods, today: today,
                                               municipalityCode: metadata.municipality.code, settings: metadata.supervision,
                                               sha256: SupervisionDigest.sha256)
    }

    /// A period's sample as the viewer sees it: the fixed one with the grants a later sync adds
    /// (`addedLater`), else as it would be fixed now; the newest answers; of `team` when given.
    public struct Supervision: Sendable {
        public var period: SupervisionPeriod
        public var rows: [SampledGrant]
        public var fixed: FixedSupervisionSample?
        /// Grants of `rows` the fixed sample does not hold yet (stored when the period is opened).
        public var toAdd: [SampledGrant]
        public var answers: [String: SupervisionAnswerEntry]
    }

    /// `unrestricted`: every team's, whoever looks (what is fixed is always the whole sample).
    public func supervision(period: SupervisionPeriod, team: String?, unrestricted: Bool = false,
                            current known: [SampledGrant]? = nil, fixed knownFixed: FixedSupervisionSample?? = nil,
                            toAdd knownToAdd: [SampledGrant]? = nil) throws(SnapshotError) -> Supervision {
        let current: [SampledGrant]
        if let known { current = known } else { current = try currentSupervisionSample(period: period) }
        let fixed: FixedSupervisionSample?
        if let knownFixed { fixed = knownFixed } else { fixed = try supervisionStore?.fixed(period: period.description) }
        let toAdd = knownToAdd ?? fixed?.topUp(from: current, perCaseworker: metadata.supervision.perCaseworker) ?? []
        let all = fixed.map { toAdd.isEmpty ? $0.rows : $0.rows + toAdd } ?? current
        let reach = unrestricted ? .everything : supervisionTeams
        let shown = reach == .everything && team == nil ? all : all.filter { s in
            switch reach {
            case nil: return false
            case .team(let own)?: guard s.team.lowercased() == own.lowercased() else { return false }
            case .everything?: break
            }
            return team.map { s.team.lowercased() == $0.lowercased() } ?? true
        }
        // Sorted as positions (a sampled grant is large: moving it is costly; thousands at national
        // size), by team, caseworker, added later and digest: the names ranked once (a few thousand).
        // (A sample comes by caseworker: a name is looked up once per run of it.)
        func ranks(_ names: [String]) -> [Int] {
            var seen: [String: Int] = [:], first: [Int] = [], last: String?, id = 0
            first.reserveCapacity(names.count)
            for name in names {
                if name != last {
                    if let known = seen[name] { id = known } else { id = seen.count; seen[name] = id }
                    last = name
                }
                first.append(id)
            }
            var rank = [Int](repeating: 0, count: seen.count)
            for (r, (_, id)) in seen.sorted(by: { $0.key < $1.key }).enumerated() { rank[id] = r }
            return first.map { rank[$0] }
        }
        let team = ranks(shown.map(\.team)), worker = ranks(shown.map(\.grant.caseworker))
        let order = shown.indices.sorted { a, b in
            if team[a] != team[b] { return team[a] < team[b] }
            if worker[a] != worker[b] { return worker[a] < worker[b] }
            if shown[a].addedLater != shown[b].addedLater { return !shown[a].addedLater }
            return shown[a].digest < shown[b].digest
        }
        let rows = order.map { shown[$0] }
        let answers = try supervisionStore?.answers(period: period.description) ?? [:]
        return Supervision(period: period, rows: rows, fixed: fixed, toAdd: toAdd, answers: answers)
    }

    /// Opens `period` as a team lead does (management.md §3): the first opening of a period that has
    /// begun fixes every team's sample, a later one stores the grants a sync has added; then the
    /// sample as this viewer sees it, and how many cases were fixed now (nil: it was fixed before, or
    /// the period has not begun). The sample is drawn once for both. `fixInBackground`: a fixing is
    /// written while the sample is shown (see `SupervisionStore.fix`).
    public func openSupervision(period: SupervisionPeriod, who: String, at: String,
                                fixInBackground: Bool = false) throws(SnapshotError) -> (Supervision, fixedNow: Int?) {
        // (Prepared just now: the store's state was read with it, not read again.)
        try open(prepareSupervision(period: period), who: who, at: at, fixInBackground: fixInBackground)
    }

    /// A period's sample read and ordered as opening it shows it, before anything is written: the
    /// slow part of an opening (thousands of grants at national size), which a background thread
    /// can do before the view is asked for.
    public struct PreparedSupervision: Sendable {
        public let period: SupervisionPeriod
        /// The store's state it was read in (nil: not fixed, or no store).
        let state: SupervisionStore.State?
        let current: [SampledGrant]
        let supervision: Supervision
    }

    public func prepareSupervision(period: SupervisionPeriod) throws(SnapshotError) -> PreparedSupervision {
        let current = try currentSupervisionSample(period: period)
        let (fixed, state) = try supervisionStore?.fixedAndState(period: period.description) ?? (nil, nil)
        return PreparedSupervision(period: period, state: state, current: current,
                                   supervision: try supervision(period: period, team: nil, current: current, fixed: .some(fixed)))
    }

    /// Opens a prepared period (see `openSupervision(period:…)`); it is prepared again when the
    /// store has changed since (another lead opened it meanwhile).
    public func openSupervision(_ prepared: PreparedSupervision, who: String, at: String,
                                fixInBackground: Bool = false) throws(SnapshotError) -> (Supervision, fixedNow: Int?) {
        guard let store = supervisionStore, try store.state(period: prepared.period.description) != prepared.state else {
            return try open(prepared, who: who, at: at, fixInBackground: fixInBackground)
        }
        return try open(prepareSupervision(period: prepared.period), who: who, at: at, fixInBackground: fixInBackground)
    }

    /// Opens a sample prepared in the store's present state.
    private func open(_ prepared: PreparedSupervision, who: String, at: String,
                      fixInBackground: Bool) throws(SnapshotError) -> (Supervision, fixedNow: Int?) {
        guard let store = supervisionStore else { return (prepared.supervision, nil) }
        let period = prepared.period, key = period.description
        var s = prepared.supervision, fixedNow: Int?
        if s.fixed == nil, period.range.start <= today {
            let fixed = try store.fix(period: key, rows: prepared.current, who: who, at: at, inBackground: fixInBackground)
            guard fixed.by == who && fixed.at == at else {
                // Someone else's fixing came first and stands: theirs is shown.
                return (try supervision(period: period, team: nil, current: prepared.current, fixed: .some(fixed), toAdd: []), nil)
            }
            (s.fixed, fixedNow) = (fixed, prepared.current.count)
        } else if var fixed = s.fixed, !s.toAdd.isEmpty {
            try store.add(period: key, rows: s.toAdd)
            fixed.rows += s.toAdd.map(\.kept)
            s.fixed = fixed
        }
        // (Fixed now, or topped up just above: nothing more to add.)
        s.toAdd = []
        s.answers = try store.answers(period: key)
        return (s, fixedNow)
    }
}
