import OverblikCore

/// A list to choose one item from (the filter picker, the annotation status).
public struct Picker: Sendable {
    public var title: String
    public var items: [String]
    public var state = ListState()

    public init(title: String, items: [String], selected: Int = 0) {
        self.title = title
        self.items = items
        state.selected = max(0, min(selected, items.count - 1))
    }

    /// Draws the picker as a box in the middle of the screen.
    func draw(on s: Surface) {
        let width = min(s.columns - 4, max(24, DisplayWidth.of(title) + 6, (items.map { DisplayWidth.of($0) }.max() ?? 0) + 4))
        let height = min(s.rows - 6, items.count + 2)
        let left = (s.columns - width) / 2, top = max(3, (s.rows - height) / 2)
        var list = state
        list.keepVisible(height: height - 2, count: items.count)
        let head = "┌─ " + DisplayWidth.truncate(title, to: width - 6) + " "
        s.put(head + String(repeating: "─", count: max(0, width - 1 - DisplayWidth.of(head))) + "┐", row: top, column: left, style: .title)
        for y in 0..<(height - 2) {
            let i = list.top + y
            let text = i < items.count ? " " + SafeText.clean(items[i]) : ""
            s.put("│", row: top + 1 + y, column: left, style: .title)
            s.put(DisplayWidth.fit(text, to: width - 2), row: top + 1 + y, column: left + 1, style: i == list.selected ? .selected : .normal)
            s.put("│", row: top + 1 + y, column: left + width - 1, style: .title)
        }
        s.put("└" + String(repeating: "─", count: width - 2) + "┘", row: top + height - 1, column: left, style: .title)
        s.placeCursor(row: top + 1 + list.selected - list.top, column: left + 1)
    }
}

/// A one-line text editor (the search term, a note).
public struct LineEditor: Sendable {
    public var prompt: String
    public private(set) var text: String
    /// The cursor, in characters from the start.
    public private(set) var cursor: Int

    public init(prompt: String, text: String = "") {
        self.prompt = prompt
        self.text = text
        cursor = text.count
    }

    public enum Outcome { case editing, done, cancelled }

    /// Applies a key; printable characters are typed, not taken as commands.
    public mutating func handle(_ key: Action.Key) -> Outcome {
        switch key {
        case .character(let ch):
            guard !(ch.unicodeScalars.first.map(SafeText.isUnsafe) ?? true) else { return .editing }
            text.insert(ch, at: text.index(text.startIndex, offsetBy: cursor))
            cursor += 1
        case .backspace:
            if cursor > 0 {
                text.remove(at: text.index(text.startIndex, offsetBy: cursor - 1))
                cursor -= 1
            }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(text.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = text.count
        case .enter: return .done
        case .escape: return .cancelled
        default: break
        }
        return .editing
    }

    /// Draws the editor on a row; the hardware cursor rests where typing goes.
    func draw(on s: Surface, row: Int) {
        let field = s.columns - DisplayWidth.of(prompt) - 3
        // Keep the cursor in view: show the tail when the text is longer than the field.
        var shown = String(text.prefix(cursor))
        while DisplayWidth.of(shown) > field - 1, !shown.isEmpty { shown.removeFirst() }
        let visible = shown + text.dropFirst(cursor)
        s.fill(" " + prompt + " " + DisplayWidth.truncateHard(visible, to: field), row: row, style: .footerText)
        s.put(prompt, row: row, column: 1, style: .footerKey)
        s.placeCursor(row: row, column: 2 + DisplayWidth.of(prompt) + DisplayWidth.of(shown))
    }
}
