import OverblikCore

/// Every user action, with its name, its description in both languages and its default keys.
/// Key handling, the footer hints and the `?` help are all generated from this one table.
public enum Action: String, CaseIterable, Sendable {
    case up, down, pageUp, pageDown, top, bottom
    /// A number key: the tab of that number (`ViewCatalogue.tabs`).
    case nextTab, previousTab, showTab
    case details, back, search, searchNext, searchPrevious, filter, sort, sortReverse
    case annotate, export, reload, toggleCPR, help, quit
    /// Udvikling: the measure and the dimension of the chart.
    case measure, dimension

    /// A key as the backends report it.
    public enum Key: Hashable, Sendable {
        case character(Character)
        case up, down, left, right, pageUp, pageDown, home, end, enter, escape, backspace, tab, backTab, resize
        /// A mouse click at a screen cell, and the wheel.
        case click(row: Int, column: Int)
        case wheelUp, wheelDown
    }

    public var keys: [Key] {
        switch self {
        case .up: return [.up, .character("k")]
        case .down: return [.down, .character("j")]
        case .pageUp: return [.pageUp, .character("b")]
        case .pageDown: return [.pageDown, .character(" ")]
        case .top: return [.home, .character("g")]
        case .bottom: return [.end, .character("G")]
        case .nextTab: return [.tab, .right, .character("l")]
        case .previousTab: return [.backTab, .left, .character("h")]
        case .showTab: return ViewCatalogue.tabs.indices.map { .character(Character(String($0 + 1))) }
        case .details: return [.enter]
        case .back: return [.escape, .backspace]
        case .search: return [.character("/")]
        case .searchNext: return [.character("n")]
        case .searchPrevious: return [.character("N")]
        case .filter: return [.character("f")]
        case .sort: return [.character("s")]
        case .sortReverse: return [.character("S")]
        case .annotate: return [.character("a")]
        case .export: return [.character("e")]
        case .reload: return [.character("r")]
        case .toggleCPR: return [.character("c")]
        case .help: return [.character("?")]
        case .quit: return [.character("q")]
        case .measure: return [.character("m")]
        case .dimension: return [.character("d")]
        }
    }

    public var description: Message {
        switch self {
        case .up: return Message(da: "op", en: "up")
        case .down: return Message(da: "ned", en: "down")
        case .pageUp: return Message(da: "side op", en: "page up")
        case .pageDown: return Message(da: "side ned", en: "page down")
        case .top: return Message(da: "første række", en: "first row")
        case .bottom: return Message(da: "sidste række", en: "last row")
        case .nextTab: return Message(da: "næste visning", en: "next view")
        case .previousTab: return Message(da: "forrige visning", en: "previous view")
        case .showTab: return Message(da: "visning", en: "view")
        case .details: return Message(da: "detaljer", en: "details")
        case .back: return Message(da: "tilbage", en: "back")
        case .search: return Message(da: "søg", en: "search")
        case .searchNext: return Message(da: "næste fund", en: "next match")
        case .searchPrevious: return Message(da: "forrige fund", en: "previous match")
        case .filter: return Message(da: "filter", en: "filter")
        case .sort: return Message(da: "sortér", en: "sort")
        case .sortReverse: return Message(da: "vend sortering", en: "reverse sort")
        case .annotate: return Message(da: "sæt status og note", en: "set status and note")
        case .export: return Message(da: "eksportér", en: "export")
        case .reload: return Message(da: "genindlæs", en: "reload")
        case .toggleCPR: return Message(da: "vis/skjul CPR", en: "show/hide CPR")
        case .help: return Message(da: "hjælp", en: "help")
        case .quit: return Message(da: "afslut", en: "quit")
        case .measure: return Message(da: "mål / ydelsestype", en: "measure / service type")
        case .dimension: return Message(da: "opdeling (Udvikling)", en: "split by (Development)")
        }
    }

    /// The action a key performs, if any.
    public static func forKey(_ key: Key) -> Action? { keyTable[key] }

    private static let keyTable: [Key: Action] = {
        var table: [Key: Action] = [:]
        for action in allCases { for key in action.keys where table[key] == nil { table[key] = action } }
        return table
    }()

    /// How a key is written in the footer and the help.
    public static func label(_ key: Key) -> String {
        switch key {
        case .character(" "): return "␣"
        case .character(let c): return String(c)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "⏎"
        case .escape: return "Esc"
        case .backspace: return "⌫"
        case .tab: return "Tab"
        case .backTab: return "⇧Tab"
        case .resize, .click, .wheelUp, .wheelDown: return ""
        }
    }
}
