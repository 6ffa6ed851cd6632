import OverblikCore
import OverblikTestSupport
import Testing
@testable import OverblikTUI

/// The renderer reads the model and writes nothing back: the screen's size is taken by `fit`,
/// and the list's shown window is derived from the selection, not stored by drawing.
@Suite("Renderer", .serialized)
struct RendererTests {
    @Test func drawingWritesNothingBack() throws {
        let model = try app(user: nil, login: "øko")
        model.handle(.character("3"))
        model.fit(rows: 24, columns: 80)
        for _ in 0..<40 { model.handle(.down) }
        model.handle(.character("s"))  // sorted: the selected row moves far from the window
        let before = (model.page.state, model.current, model.stacks.map(\.count), model.message)
        let grid = CellGrid(rows: 24, columns: 80)
        model.draw(on: grid)
        let first = grid.text()
        model.draw(on: grid)
        #expect(grid.text() == first)
        #expect(model.page.state == before.0)
        #expect(model.current == before.1 && model.stacks.map(\.count) == before.2 && model.message == before.3)
        // What was drawn is the selection kept in view; a key starts from that same window.
        let shown = model.page.state.shown(height: model.layout.listHeight, count: model.page.order.count)
        #expect(shown.selected == model.page.state.selected)
        #expect((shown.top..<shown.top + model.layout.listHeight).contains(shown.selected))
        model.handle(.up)
        #expect(model.page.state.top == shown.top || model.page.state.top == shown.top - 1)
    }
}
