import OverblikCore
import OverblikStore

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
    /// The payments on `function` posted in a month as the stored block, read as shown (nil: none, or not in file order).
    func paymentBlock(function: String, year: Int, month: Int) throws -> PaymentBlock?
    func annotations() throws -> [String: Annotation]
    func history(key: String) throws -> [Annotation]
    func annotate(_ a: Annotation) throws
    /// Ledelsestilsyn's store beside the snapshots, opened (and created) when first needed.
    func supervisionStore() throws -> SupervisionStore
    /// The path of a snapshot newer than the open one, if one has been published.
    func newerSnapshot() -> String?
    /// The application opened anew on the newest snapshot.
    func reload() throws -> AppModel
    /// The folder exports are written to.
    var exportDirectory: String { get }
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
    /// The year's figures; the reconciliation without its discrepancies, which are in `discrepancies`.
    public var figures: DerivedFigures
    /// Afstemning's discrepancies (nil: no month of the year is over yet).
    public var discrepancies: DiscrepancyList?
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

    public init(people: Dataset, figures: DerivedFigures, discrepancies: DiscrepancyList?, status: StatusReport, query: Query, user: StaffMember?,
                loginName: String) {
        self.people = people; self.figures = figures; self.discrepancies = discrepancies; self.status = status; self.query = query
        self.user = user; self.loginName = loginName
    }
}

/// The application as a pure model: keys in, a screen out. The terminal backend only feeds keys
/// and gives a surface; the tests do the same with a `CellGrid`.
public final class AppModel {
    /// One stack of pages per tab: the tab's own list first, then what `⏎` opened from it.
    public internal(set) var stacks: [[Page]]
    public private(set) var titles: [Message]
    public internal(set) var current: Int
    public internal(set) var context: ReportContext
    public private(set) var header: AppHeader
    public private(set) var data: AppData
    public private(set) var source: AppSource?
    /// The newest annotation of every discrepancy key.
    public internal(set) var annotations: [String: Annotation] = [:]
    public internal(set) var wantsQuit = false
    /// A one-line message for confirmations and errors.
    public internal(set) var message: String?
    /// A newer snapshot has been published (the header says so; `r` opens it).
    public internal(set) var newerSnapshot = false

    enum Overlay {
        case closed, help
        /// Udvikling's `?`: the measure's help text (`?` again: every key).
        case measureHelp
        case picker(Picker, PickerPurpose)
        case editor(LineEditor, EditorPurpose)
    }
    enum PickerPurpose {
        /// Which column to filter by (nil: clear every filter).
        case filterColumn([Int?])
        /// Which value (nil: all).
        case filterValue(column: Int, values: [String?])
        case status(key: String)
        case measure
        case dimension
        case developmentValue([String?])
        /// Sammenligning's service type (DST codes).
        case serviceType([String])
    }
    enum EditorPurpose {
        case search(origin: Int)
        case note(key: String, status: AnnotationStatus)
        /// Ledelsestilsyn: a note on a checklist item of a sampled case.
        case supervisionNote(caseId: String, item: Int)
    }
    var overlay = Overlay.closed

    /// The screen width the pages were laid out for.
    var laidOutFor = -1
    /// The size of the screen the application is shown on (the last frame's; the minimum until
    /// the first): paging and the mouse read the same `layout` the renderer draws with.
    var screenSize = ScreenLayout.minimumSize
    /// The development series, read once when Ledelse first needs them.
    var developmentSeries: Development??
    /// Sammenligning's figures, read once when first shown.
    var comparisonRead: (comparison: Comparison?, missing: [String])?
    /// Ledelse's sub-view pages as first built (their figures do not change until a reload), so that
    /// going back to one is answered at once; Tilsyn and Tilsynssvar, whose answers change, are not kept.
    var ledelsePages: [LedelseView: Page] = [:]
    /// Ledelse's chosen sub-view, and whether its list (not the view) has the focus.
    var ledelseView = LedelseView.udvikling
    var ledelseListFocused = false
    /// Ledelse › Tilsyn's sample as opened (fixed once; only its answers are read again).
    var supervisionSample: Query.Supervision?
    /// The store Tilsyn's first opening fixed its sample in, in the background (see `noticeFixing`).
    var fixing: SupervisionStore?
    /// What is read ahead in the background since the first frame (see `prepareInBackground`).
    var ahead: ReadAhead?
    /// The export being made in the background, if one is (see `Export`).
    var exporting: Export?

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
        developmentSeries = nil
        comparisonRead = nil
        ledelsePages = [:]
        laidOutFor = -1
    }

    private func makeTab(_ i: Int) -> Page { ViewCatalogue.tabs[i].build(self) }

    /// The current tab's stack, built if it is not yet.
    private func ensureCurrent() {
        if stacks[current].isEmpty {
            var p = makeTab(current)
            if laidOutFor > 0 { p.layOut(width: pageWidth(tab: current, screen: laidOutFor), context) }
            stacks[current] = [p]
        }
    }

    /// The tab bar's labels (a drilled tab marked `›`): the full titles where they fit the screen,
    /// else the other tabs' short titles, else only their numbers.
    var tabLabels: [String] {
        func labels(_ title: (Int) -> String?) -> [String] {
            titles.indices.map { i in "\(i + 1)" + (title(i).map { " " + $0 } ?? "") + (stacks[i].count > 1 ? " ›" : "") }
        }
        let full = labels { titles[$0].text(c.language) }
        let short = labels { $0 == current ? titles[$0].text(c.language) : ViewCatalogue.shortTitles[$0].text(c.language) }
        let numbers = labels { $0 == current ? titles[$0].text(c.language) : nil }
        return [full, short].first { ScreenLayout.tabBarWidth($0, gap: 1) <= screenSize.columns } ?? numbers
    }

    /// Where everything goes on the current screen, for the page shown.
    var layout: ScreenLayout {
        let p = page
        let aboveRows = p.chart != nil ? ScreenLayout.chartRows(screenRows: screenSize.rows) : p.aboveLayout == nil ? nil : p.above?.rows.count
        return ScreenLayout(rows: screenSize.rows, columns: screenSize.columns, aboveRows: aboveRows, tabLabels: tabLabels)
    }

    /// The page on screen.
    public var page: Page {
        ensureCurrent()
        return stacks[current].last ?? makeTab(current)  // ensureCurrent leaves the stack non-empty
    }
    func modifyPage(_ change: (inout Page) -> Void) {
        ensureCurrent()
        change(&stacks[current][stacks[current].count - 1])
    }

    /// Lays every page out for a screen `width` cells wide (on start, on resize, after `c`).
    func layOutAll(width: Int) {
        for t in stacks.indices { for p in stacks[t].indices { stacks[t][p].layOut(width: pageWidth(tab: t, screen: width), context) } }
        laidOutFor = width
    }

    /// Shows a message on the message line (e.g. that an older snapshot is shown).
    public func notify(_ text: String) { message = text }

    /// Called while waiting for keys: notices a newer snapshot, damage, and what a fixing written
    /// in the background found; true when the screen should be drawn again.
    @discardableResult
    public func poll() -> Bool {
        let before = (newerSnapshot, damaged)
        if !newerSnapshot, source?.newerSnapshot() != nil {
            newerSnapshot = true
            message = nil
        }
        if damaged == nil, let damage = source?.damage() {
            damaged = damage
            message = context.t("snapshottet er beskadiget (\(damage)); tryk r for det forrige hele",
                                "the snapshot is damaged (\(damage)); press r for the previous whole one")
        }
        let fixingChanged = noticeFixing()
        let exported = noticeExport()
        return fixingChanged || exported || newerSnapshot != before.0 || damaged != before.1
    }

    /// What SQLite's check found wrong with the open snapshot, if anything.
    public internal(set) var damaged: String?

    /// Starts the background check of the open snapshot (after the first frame).
    public func startIntegrityCheck() { source?.startIntegrityCheck() }

    /// Starts what is read ahead in the background after the first frame (see `ReadAhead`): the
    /// views whose first opening reads much then open at once. Tilsyn's sample only for whoever
    /// may see it, whose store is opened (created when missing) here rather than on the key that
    /// opens Tilsyn: creating a file and its tables waits for the disk (one that cannot be opened
    /// is said when Tilsyn is opened).
    /// And the main thread's heap grown by 16 MB, touched (`FreedMemory.reserve`): the first sort
    /// of a long list then finds its pages in place instead of faulting them in one by one.
    public func prepareInBackground() {
        guard ahead == nil else { return }
        FreedMemory.reserve(16 << 20)
        var query = data.query
        let tilsyn = query.supervisionTeams != nil && supervisionSample == nil
        if tilsyn { query.supervisionStore = try? source?.supervisionStore() }
        ahead = ReadAhead(query, supervision: tilsyn ? supervisionPeriod : nil)
    }

    func reload() {
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
        supervisionSample = nil
        ahead = nil  // (read from the snapshot left)
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
