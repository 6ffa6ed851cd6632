import OverblikCore

/// What the header shows about the data and the user.
public struct AppHeader: Sendable {
    public var municipality: String
    /// When the snapshot was made, as shown (`23-11-2026 06:00`).
    public var createdAt: String
    /// The snapshot's age in hours, for the red mark when older than a day.
    public var ageHours: Int?
    public var user: String
    public var role: Message

    public init(municipality: String, createdAt: String, ageHours: Int?, user: String, role: Message) {
        self.municipality = municipality; self.createdAt = createdAt; self.ageHours = ageHours
        self.user = user; self.role = role
    }
}

/// Where the application gets what it does not hold in memory, and where it writes: the open
/// snapshot (a citizen's records, the payments behind a figure), the annotation store, the
/// snapshot folder (is there a newer one?) and the export folder. Errors are shown on the message line.
public protocol AppSource: AnyObject {
    func citizen(_ cpr: CPR) throws -> Dataset
    func payments(function: String, posted: DayRange) throws -> Dataset
    func annotations() throws -> [String: Annotation]
    func history(key: String) throws -> [Annotation]
    func annotate(_ a: Annotation) throws
    /// The path of a snapshot newer than the open one, if one has been published.
    func newerSnapshot() -> String?
    /// The application opened anew on the newest snapshot.
    func reload() throws -> AppModel
    /// Writes an export and returns its path.
    func export(_ csv: String, view: String) throws -> String
    /// Checks the whole open file in the background; `damage` is then nil (whole, or not known
    /// yet) or what is wrong, and `previousWhole` opens the newest older snapshot that is whole.
    func startIntegrityCheck()
    func damage() -> String?
    func previousWhole() throws -> AppModel?
}

/// What the pages are built from: the records held in memory, the query layer for the rest, and
/// who is looking.
public struct AppData: Sendable {
    /// Staff and the mapping (the grants are read through `query` as pages need them).
    public var people: Dataset
    public var figures: DerivedFigures
    /// Datastatus: sources, rejected rows, data breaks.
    public var status: StatusReport
    /// The snapshot for this viewer and this today: stored or computed, and only what they may see.
    public var query: Query
    public var user: StaffMember?
    /// The login name annotations are signed with.
    public var loginName: String

    public var today: Day { query.today }
    public var dueSoonDays: Int { query.dueSoonDays }
    /// What the `[access]` rules let this person see.
    public var visibility: Visibility { query.visibility }

    public init(people: Dataset, figures: DerivedFigures, status: StatusReport, query: Query, user: StaffMember?, loginName: String) {
        self.people = people; self.figures = figures; self.status = status; self.query = query
        self.user = user; self.loginName = loginName
    }
}

/// The application as a pure model: keys in, a screen out. The terminal backend only feeds keys
/// and gives a surface; the tests do the same with a `CellGrid`.
public final class AppModel {
    /// One stack of pages per tab: the tab's own list first, then what `⏎` opened from it.
    public private(set) var stacks: [[Page]]
    public private(set) var titles: [Message]
    public private(set) var current: Int
    public private(set) var context: ReportContext
    public private(set) var header: AppHeader
    public private(set) var data: AppData
    public private(set) var source: AppSource?
    /// The newest annotation of every discrepancy key.
    public private(set) var annotations: [String: Annotation] = [:]
    public private(set) var wantsQuit = false
    /// A one-line message for confirmations and errors.
    public internal(set) var message: String?
    /// A newer snapshot has been published (the header says so; `r` opens it).
    public private(set) var newerSnapshot = false

    enum Overlay {
        case closed, help
        case picker(Picker, PickerPurpose)
        case editor(LineEditor, EditorPurpose)
    }
    enum PickerPurpose {
        /// Which column to filter by (nil: clear every filter).
        case filterColumn([Int?])
        /// Which value (nil: all).
        case filterValue(column: Int, values: [String?])
        case status(key: String)
    }
    enum EditorPurpose {
        case search(origin: Int)
        case note(key: String, status: AnnotationStatus)
    }
    var overlay = Overlay.closed

    /// The screen width the pages were laid out for.
    var laidOutFor = -1
    /// The size of the screen the application is shown on (the last frame's; the minimum until
    /// the first): paging and the mouse read the same `layout` the renderer draws with.
    var screenSize = ScreenLayout.minimumSize

    public init(data: AppData, context: ReportContext, header: AppHeader, source: AppSource?, start: Int? = nil) {
        self.data = data
        self.context = context
        self.header = header
        self.source = source
        stacks = []
        titles = []
        current = 0
        annotations = reporting { try source?.annotations() } ?? [:]
        build()
        current = max(0, min(start ?? AppModel.startTab(for: data.user), stacks.count - 1))
    }

    /// The tab a user starts in (see `ViewCatalogue.startTab`).
    public static func startTab(for user: StaffMember?) -> Int { ViewCatalogue.startTab(for: user?.role) }

    /// The tabs' pages are built when first shown (the first frame needs only the start tab).
    private func build() {
        titles = ViewCatalogue.tabs.map(\.title)
        stacks = Array(repeating: [], count: ViewCatalogue.tabs.count)
        laidOutFor = -1
    }

    private func makeTab(_ i: Int) -> Page { ViewCatalogue.tabs[i].build(self) }

    /// The current tab's stack, built if it is not yet.
    private func ensureCurrent() {
        if stacks[current].isEmpty {
            var p = makeTab(current)
            if laidOutFor > 0 { p.layOut(width: laidOutFor - ScreenLayout.pageMargin, context) }
            stacks[current] = [p]
        }
    }

    /// The tab bar's labels (a drilled tab marked `›`).
    var tabLabels: [String] {
        titles.enumerated().map { i, title in "\(i + 1) \(title.text(c.language))" + (stacks[i].count > 1 ? " ›" : "") }
    }

    /// Where everything goes on the current screen, for the page shown.
    var layout: ScreenLayout {
        let p = page
        return ScreenLayout(rows: screenSize.rows, columns: screenSize.columns,
                            aboveRows: p.aboveLayout == nil ? nil : p.above?.rows.count, tabLabels: tabLabels)
    }

    /// The page on screen.
    public var page: Page {
        ensureCurrent()
        return stacks[current].last!
    }
    func modifyPage(_ change: (inout Page) -> Void) {
        ensureCurrent()
        change(&stacks[current][stacks[current].count - 1])
    }

    /// Lays every page out for a screen `width` cells wide (on start, on resize, after `c`).
    func layOutAll(width: Int) {
        for t in stacks.indices { for p in stacks[t].indices { stacks[t][p].layOut(width: width - ScreenLayout.pageMargin, context) } }
        laidOutFor = width
    }

    // MARK: Keys

    public func handle(_ key: Action.Key) {
        message = nil
        switch overlay {
        case .help:
            if let a = Action.forKey(key), a == .help || a == .back || a == .quit { overlay = .closed }
            return
        case .editor(var editor, let purpose):
            let outcome = editor.handle(key)
            overlay = outcome == .editing ? .editor(editor, purpose) : .closed
            edited(editor.text, purpose, outcome)
            return
        case .picker(var picker, let purpose):
            switch key {
            case .enter:
                overlay = .closed
                picked(picker.state.selected, purpose)
            case .escape, .character("q"): overlay = .closed
            default:
                let h = max(1, min(24, picker.items.count))
                switch Action.forKey(key) {
                case .up?: picker.state.move(by: -1, count: picker.items.count, height: h)
                case .down?: picker.state.move(by: 1, count: picker.items.count, height: h)
                case .pageUp?, .top?: picker.state.move(by: -picker.items.count, count: picker.items.count, height: h)
                case .pageDown?, .bottom?: picker.state.move(by: picker.items.count, count: picker.items.count, height: h)
                default: break
                }
                overlay = .picker(picker, purpose)
            }
            return
        case .closed: break
        }
        switch key {
        case .click(let row, let column): click(row: row, column: column); return
        case .wheelUp: move(by: -3); return
        case .wheelDown: move(by: 3); return
        default: break
        }
        guard let action = Action.forKey(key) else { return }
        if action == .showTab, let tab = ViewCatalogue.tab(forKey: key) {
            current = tab
            return
        }
        perform(action)
    }

    func perform(_ action: Action) {
        let count = page.order.count
        switch action {
        case .up: move(by: -1)
        case .down: move(by: 1)
        case .pageUp: move(by: -max(1, layout.listHeight - 1))
        case .pageDown: move(by: max(1, layout.listHeight - 1))
        case .top: move(by: -count)
        case .bottom: move(by: count)
        case .nextTab: current = (current + 1) % stacks.count
        case .previousTab: current = (current + stacks.count - 1) % stacks.count
        case .showTab: break  // handled with its key, which names the tab
        case .details: details()
        case .back:
            if stacks[current].count > 1 { stacks[current].removeLast() }
        case .search:
            overlay = .editor(LineEditor(prompt: context.t("Søg:", "Search:"), text: ""), .search(origin: page.state.selected))
        case .searchNext, .searchPrevious:
            guard let term = page.search else { message = context.t("søg først med /", "search first with /"); return }
            let direction = action == .searchNext ? 1 : -1
            if let p = page.find(term, from: page.state.selected + direction, direction: direction, context) {
                select(p)
            } else {
                message = context.t("ingen fund for »\(term)«", "no match for “\(term)”")
            }
        case .filter: openFilterPicker()
        case .sort: modifyPage { $0.cycleSort(context) }; sortMessage()
        case .sortReverse: modifyPage { $0.reverseSort(context) }; sortMessage()
        case .annotate: openAnnotation()
        case .export: export()
        case .reload: reload()
        case .toggleCPR:
            // A revealed CPR is as wide as a masked one: no new layout is needed.
            context.revealCPR.toggle()
            message = context.revealCPR ? context.t("CPR-numre vises i denne session", "CPR numbers shown for this session")
                                        : context.t("CPR-numre skjult", "CPR numbers hidden")
        case .help: overlay = .help
        case .quit: wantsQuit = true
        }
    }

    private func move(by delta: Int) {
        let count = page.order.count, height = layout.listHeight
        modifyPage { $0.state.move(by: delta, count: count, height: height) }
    }

    private func select(_ position: Int) {
        let count = page.order.count, height = layout.listHeight
        modifyPage { $0.state.selected = position; $0.state.keepVisible(height: height, count: count) }
    }

    private func click(row: Int, column: Int) {
        let l = layout
        if row == ScreenLayout.tabRow {
            if let tab = l.tabStarts.lastIndex(where: { $0 <= column }) { current = tab }
        } else if row > l.listTop, row <= l.listTop + l.listHeight {
            let p = page.state.top + row - l.listTop - 1
            if p < page.order.count { select(p) }
        }
    }

    private func sortMessage() {
        guard let sort = page.sort else { message = context.t("oprindelig rækkefølge", "original order"); return }
        let title = page.table.columns[sort.column].title.text(context.language)
        message = context.t("sorteret efter \(title) \(sort.descending ? "faldende" : "stigende")",
                            "sorted by \(title) \(sort.descending ? "descending" : "ascending")")
    }

    // MARK: Search, filter, annotate

    private func edited(_ text: String, _ purpose: EditorPurpose, _ outcome: LineEditor.Outcome) {
        switch purpose {
        case .search(let origin):
            switch outcome {
            case .cancelled: select(origin)
            case .editing, .done:
                guard !text.isEmpty else { select(origin); return }
                if let p = page.find(text, from: origin, direction: 1, context) {
                    select(p)
                } else {
                    message = context.t("ingen fund for »\(text)«", "no match for “\(text)”")
                }
                if outcome == .done { modifyPage { $0.search = text } }
            }
        case .note(let key, let status):
            guard outcome == .done else { return }
            annotate(key: key, status: status, note: text)
        }
    }

    /// The columns a list can be filtered by.
    static let filterKeys = ["source", "kind", "paragraph", "caseworker", "team", "followUpStatus", "status", "explained",
                             "annotation", "function", "month", "column"]

    private func openFilterPicker() {
        let columns = AppModel.filterKeys.compactMap { key in page.table.columns.firstIndex { $0.key == key } }
        guard !columns.isEmpty else { message = context.t("denne liste har intet at filtrere på", "this list has nothing to filter by"); return }
        var options: [Int?] = page.filters.isEmpty ? [] : [nil]
        options += columns.map(Optional.some)
        let items = options.map { column -> String in
            guard let column else { return context.t("Fjern alle filtre", "Clear all filters") }
            let title = page.table.columns[column].title.text(context.language)
            let active = page.filters.first { $0.column == column }.map { " = \($0.value)" } ?? ""
            return title + active
        }
        overlay = .picker(Picker(title: context.t("Filtrér efter", "Filter by"), items: items), .filterColumn(options))
    }

    private func picked(_ index: Int, _ purpose: PickerPurpose) {
        switch purpose {
        case .filterColumn(let options):
            guard let column = options[index] else {
                modifyPage { $0.clearFilters(context) }
                message = context.t("alle filtre fjernet", "all filters cleared")
                return
            }
            let values = page.values(of: column, context)
            let choices: [String?] = [nil] + values.map { Optional.some($0.value) }
            let items = [context.t("(alle)", "(all)")] + values.map { "\($0.value.isEmpty ? context.t("(tom)", "(empty)") : $0.value)  (\(DanishNumber.grouped($0.count)))" }
            let now = page.filters.first { $0.column == column }.flatMap { f in choices.firstIndex { $0 == f.value } } ?? 0
            overlay = .picker(Picker(title: page.table.columns[column].title.text(context.language), items: items, selected: now),
                              .filterValue(column: column, values: choices))
        case .filterValue(let column, let values):
            modifyPage { $0.setFilter(column: column, value: values[index], context) }
        case .status(let key):
            let status = AnnotationStatus.allCases[index]
            overlay = .editor(LineEditor(prompt: context.t("Note:", "Note:"), text: annotations[key]?.note ?? ""), .note(key: key, status: status))
        }
    }

    /// The discrepancy key of the selected line, where the page has one.
    var selectedKey: String? {
        if page.kind == .sideBySide { return page.subject }
        if case .masked(let key)? = page.selected("key"), !key.isEmpty { return key }
        return nil
    }

    private func openAnnotation() {
        guard let offer = ViewCatalogue.view(page.kind).offers.first(where: { $0.action == .annotate }), let key = selectedKey else {
            message = context.t("vælg en afvigelse i Afstemning", "choose a discrepancy in Reconciliation")
            return
        }
        if let reason = offer.disabledBecause(self) {
            message = reason.text(context.language)
            return
        }
        guard source != nil else { message = context.t("ingen annoteringsdatabase", "no annotation database"); return }
        let now = annotations[key].flatMap { a in AnnotationStatus.allCases.firstIndex(of: a.status) } ?? 0
        overlay = .picker(Picker(title: context.t("Status", "Status"), items: AnnotationStatus.allCases.map { $0.label.text(context.language) },
                                 selected: now), .status(key: key))
    }

    private func annotate(key: String, status: AnnotationStatus, note: String) {
        guard let source else { return }
        let entry = Annotation(key: key, status: status, note: note, who: data.loginName, at: AppModel.timestamp())
        do {
            try source.annotate(entry)
            annotations = try source.annotations()
        } catch {
            message = describe(error)
            return
        }
        refreshAnnotated()
        message = context.t("status »\(status.label.da)« gemt", "status “\(status.label.en)” saved")
    }

    /// Rebuilds the pages that show annotations, keeping their selection, filters and sort.
    private func refreshAnnotated() {
        for t in stacks.indices {
            for p in stacks[t].indices {
                let old = stacks[t][p]
                var fresh: Page
                switch old.kind {
                case .discrepancies: fresh = discrepancyPage()
                case .sideBySide: guard let rebuilt = sideBySidePage(key: old.subject ?? "") else { continue }; fresh = rebuilt
                default: continue
                }
                fresh.keep(from: old, context)
                stacks[t][p] = fresh
            }
        }
        laidOutFor = -1
    }

    /// Now, as ISO 8601 in UTC.
    nonisolated(unsafe) static var timestamp: () -> String = { isoNow() }

    // MARK: Drill-down, export, reload

    /// `⏎`: what the page's view opens from the selected row (`ViewCatalogue`).
    private func details() {
        guard page.selectedRow != nil else { return }
        guard var next = ViewCatalogue.view(page.kind).opens?(self) else {
            if message == nil { message = context.t("ingen detaljer bag denne række", "no details behind this row") }
            return
        }
        next.layOut(width: laidOutFor - ScreenLayout.pageMargin, context)
        stacks[current].append(next)
    }

    private func export() {
        guard let source else { return }
        let csv = page.shownTable.render(.csv, context)
        do {
            let path = try source.export(csv, view: page.table.view)
            message = context.t("\(DanishNumber.grouped(page.order.count)) rækker gemt i \(path)",
                                "\(DanishNumber.grouped(page.order.count)) rows saved in \(path)")
        } catch {
            message = describe(error)
        }
    }

    /// Shows a message on the message line (e.g. that an older snapshot is shown).
    public func notify(_ text: String) { message = text }

    /// Called while waiting for keys: notices a newer snapshot.
    public func poll() {
        if !newerSnapshot, source?.newerSnapshot() != nil {
            newerSnapshot = true
            message = nil
        }
        if damaged == nil, let damage = source?.damage() {
            damaged = damage
            message = context.t("snapshottet er beskadiget (\(damage)); tryk r for det forrige hele",
                                "the snapshot is damaged (\(damage)); press r for the previous whole one")
        }
    }

    /// What SQLite's check found wrong with the open snapshot, if anything.
    public private(set) var damaged: String?

    /// Starts the background check of the open snapshot (after the first frame).
    public func startIntegrityCheck() { source?.startIntegrityCheck() }

    private func reload() {
        guard let source else { return }
        if damaged != nil {
            do {
                guard let previous = try source.previousWhole() else {
                    message = context.t("der er intet tidligere helt snapshot", "there is no earlier whole snapshot")
                    return
                }
                adopt(previous)
                damaged = nil
                message = context.t("det forrige hele snapshot er indlæst (\(header.createdAt))", "the previous whole snapshot is loaded (\(header.createdAt))")
            } catch {
                message = describe(error)
            }
            return
        }
        guard source.newerSnapshot() != nil else {
            message = context.t("der er ingen nyere data", "there is no newer data")
            return
        }
        do {
            adopt(try source.reload())
            newerSnapshot = false
            message = context.t("nyeste data indlæst (\(header.createdAt))", "newest data loaded (\(header.createdAt))")
        } catch {
            message = describe(error)
        }
    }

    /// Takes over another model's data (a reloaded snapshot), keeping the tab and CPR state.
    private func adopt(_ fresh: AppModel) {
        // The new snapshot's source too: drill-downs must read the snapshot the lists come from.
        source = fresh.source
        data = fresh.data
        header = fresh.header
        annotations = fresh.annotations
        build()
    }

    /// The result of a read from the store, or nil with the error on the message line (never an
    /// error turned silently into an empty list).
    func reporting<T>(_ read: () throws -> T?) -> T? {
        do { return try read() } catch {
            message = describe(error)
            return nil
        }
    }

    func describe(_ error: Error) -> String {
        if let e = error as? LocalizedMessage { return e.text(context.language) }
        return "\(error)"
    }
}

/// An error that can say itself in the user's language.
public protocol LocalizedMessage {
    func text(_ language: Language) -> String
}
