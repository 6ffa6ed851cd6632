import OverblikCore

/// One tab of the application: a view's table, its layout and its list state.
public struct AppTab: Sendable {
    public var title: Message
    public var table: ViewTable
    public var layout: TableLayout
    public var state = ListState()
    /// Text above the table (e.g. the reconciliation period).
    public var caption: String = ""
}

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

/// The application as a pure model: keys in, a screen out. The terminal backend only feeds keys
/// and gives a surface; the tests do the same with a `CellGrid`.
public final class AppModel {
    public private(set) var tabs: [AppTab]
    public private(set) var current: Int
    public private(set) var context: ReportContext
    public let header: AppHeader
    public private(set) var showHelp = false
    public private(set) var wantsQuit = false
    /// A one-line message for confirmations and errors.
    public private(set) var message: String?
    /// The screen width the tabs' layouts were made for.
    private var laidOutFor = -1
    /// The rows the current list had on the last frame (for paging).
    private var listHeight = 10

    public static let minimumSize = (rows: 24, columns: 80)

    public init(tabs: [AppTab], start: Int, context: ReportContext, header: AppHeader) {
        self.tabs = tabs
        self.current = max(0, min(start, tabs.count - 1))
        self.context = context
        self.header = header
    }

    /// The actions that work in this version; the footer and the help list only these.
    public static let available: [Action] = [.up, .down, .pageUp, .pageDown, .top, .bottom, .nextTab, .previousTab,
                                             .tab1, .tab2, .tab3, .tab4, .tab5, .tab6, .toggleCPR, .help, .back, .quit]

    public func handle(_ key: Action.Key) {
        message = nil
        guard let action = Action.forKey(key), AppModel.available.contains(action) else { return }
        if showHelp {
            if action == .help || action == .back || action == .quit { showHelp = false }
            return
        }
        let count = tabs[current].table.rows.count
        switch action {
        case .up: tabs[current].state.move(by: -1, count: count, height: listHeight)
        case .down: tabs[current].state.move(by: 1, count: count, height: listHeight)
        case .pageUp: tabs[current].state.move(by: -max(1, listHeight - 1), count: count, height: listHeight)
        case .pageDown: tabs[current].state.move(by: max(1, listHeight - 1), count: count, height: listHeight)
        case .top: tabs[current].state.move(by: -count, count: count, height: listHeight)
        case .bottom: tabs[current].state.move(by: count, count: count, height: listHeight)
        case .nextTab: current = (current + 1) % tabs.count
        case .previousTab: current = (current + tabs.count - 1) % tabs.count
        case .tab1, .tab2, .tab3, .tab4, .tab5, .tab6:
            let n = Int(action.rawValue.dropFirst(3))! - 1
            if n < tabs.count { current = n }
        case .toggleCPR:
            context.revealCPR.toggle()
            laidOutFor = -1
            message = context.revealCPR ? context.t("CPR-numre vises i denne session", "CPR numbers shown for this session")
                                        : context.t("CPR-numre skjult", "CPR numbers hidden")
        case .help: showHelp = true
        case .quit: wantsQuit = true
        default: break
        }
    }

    /// Draws the whole screen.
    public func render(on s: Surface) {
        s.clear()
        guard s.rows >= AppModel.minimumSize.rows, s.columns >= AppModel.minimumSize.columns else {
            s.put(context.t("vinduet er for lille", "the window is too small"), row: 0, column: 0, style: .warning)
            s.put("\(s.columns)×\(s.rows) < \(AppModel.minimumSize.columns)×\(AppModel.minimumSize.rows)", row: 1, column: 0, style: .muted)
            s.placeCursor(row: 0, column: 0)
            return
        }
        if laidOutFor != s.columns {
            for i in tabs.indices { tabs[i].layout = TableLayout(tabs[i].table, context, available: s.columns - 2) }
            laidOutFor = s.columns
        }
        drawHeader(s)
        drawTabs(s)
        s.put(String(repeating: "─", count: s.columns), row: 2, column: 0, style: .rule)
        s.put(String(repeating: "─", count: s.columns), row: s.rows - 2, column: 0, style: .rule)
        drawFooter(s)
        if showHelp {
            drawHelp(s)
            return
        }
        let tab = tabs[current]
        let count = tab.table.rows.count
        let position = count == 0 ? "0/0" : "\(DanishNumber.grouped(tab.state.selected + 1))/\(DanishNumber.grouped(count))"
        s.put(" " + tab.caption, row: 3, column: 0, style: .title)
        s.put(position + " ", row: 3, column: s.columns - DisplayWidth.of(position) - 1, style: .muted)
        listHeight = s.rows - 2 - 5
        tabs[current].state.keepVisible(height: listHeight, count: count)
        let cursor = TableWidget.draw(tab.table, layout: tab.layout, state: tabs[current].state, context: context,
                                      on: s, top: 4, height: listHeight + 1)
        s.placeCursor(row: cursor, column: 0)
    }

    func drawHeader(_ s: Surface) {
        let age = header.ageHours.map { $0 < 48 ? " (\($0) t)" : " (\($0 / 24) d)" } ?? ""
        let left = " Overblik · \(header.municipality) · \(context.t("data fra", "data from")) \(header.createdAt)"
        s.fill(left, row: 0, style: .title)
        if let hours = header.ageHours, hours > 24 {
            s.put(age, row: 0, column: DisplayWidth.of(left), style: .warning)
        } else {
            s.put(age, row: 0, column: DisplayWidth.of(left), style: .title)
        }
        var right = "\(header.user) · \(header.role.text(context.language))"
        if context.revealCPR { right = context.t("CPR VIST", "CPR SHOWN") + " · " + right }
        s.put(right + " ", row: 0, column: max(0, s.columns - DisplayWidth.of(right) - 1), style: context.revealCPR ? .warning : .title)
    }

    func drawTabs(_ s: Surface) {
        var x = 1
        for (i, tab) in tabs.enumerated() {
            let label = "\(i + 1) \(tab.title.text(context.language))"
            s.put(label, row: 1, column: x, style: i == current ? .tabActive : .tabInactive)
            x += DisplayWidth.of(label) + 2
        }
    }

    /// The footer: the available keys, generated from the action table.
    func drawFooter(_ s: Surface) {
        if let message {
            s.fill(" " + message, row: s.rows - 1, style: .warning)
            return
        }
        let hints: [(String, Message)] = [
            ("↑↓", Message(da: "flyt", en: "move")), ("1–6", Message(da: "visning", en: "view")),
            (Action.label(Action.toggleCPR.keys[0]), Action.toggleCPR.description),
            (Action.label(Action.help.keys[0]), Action.help.description), (Action.label(Action.quit.keys[0]), Action.quit.description),
        ]
        var x = 1
        for (key, text) in hints {
            s.put(key, row: s.rows - 1, column: x, style: .footerKey)
            x += DisplayWidth.of(key) + 1
            let t = text.text(context.language)
            s.put(t, row: s.rows - 1, column: x, style: .footerText)
            x += DisplayWidth.of(t) + 2
        }
    }

    /// The help overlay: every available action with its keys, from the action table.
    func drawHelp(_ s: Surface) {
        s.put(" " + context.t("Taster (? eller Esc lukker)", "Keys (? or Esc closes)"), row: 3, column: 0, style: .title)
        // One column while the actions fit, two when they do not.
        let height = s.rows - 3 - 5
        for (i, action) in AppModel.available.enumerated() {
            let (y, x) = (5 + i % height, i / height == 0 ? 2 : s.columns / 2 + 1)
            guard i / height < 2 else { break }
            let keys = action.keys.map(Action.label).joined(separator: " ")
            s.put(DisplayWidth.fit(keys, to: 14), row: y, column: x, style: .footerKey)
            s.put(DisplayWidth.truncate(action.description.text(context.language), to: s.columns / 2 - 18), row: y, column: x + 15, style: .normal)
        }
    }
}
