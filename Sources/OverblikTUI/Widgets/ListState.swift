/// The selection and scroll position of a list.
public struct ListState: Equatable, Sendable {
    public var selected = 0
    /// The first visible row.
    public var top = 0

    public init(selected: Int = 0, top: Int = 0) {
        self.selected = selected
        self.top = top
    }

    /// Moves the selection by `delta` rows within `count` rows, keeping it visible in `height` rows.
    public mutating func move(by delta: Int, count: Int, height: Int) {
        guard count > 0 else { selected = 0; top = 0; return }
        selected = max(0, min(count - 1, selected + delta))
        keepVisible(height: height, count: count)
    }

    public mutating func keepVisible(height: Int, count: Int) {
        let h = max(1, height)
        if selected < top { top = selected }
        if selected >= top + h { top = selected - h + 1 }
        top = max(0, min(top, max(0, count - h)))
    }

    /// The state as shown in `height` rows: the selection kept visible (what the screen draws and a
    /// click or a key starts from), without changing this one.
    public func shown(height: Int, count: Int) -> ListState {
        var s = self
        s.keepVisible(height: height, count: count)
        return s
    }
}
