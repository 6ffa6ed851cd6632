import Foundation
import OverblikCore
import Testing
@testable import OverblikTUI

@Suite("Status report: the chart module")
struct SVGChartTests {
    @Test func niceTicksCoverTheDataAndZero() {
        #expect(NiceScale(minimum: 0, maximum: 87).ticks == [0, 20, 40, 60, 80, 100])
        #expect(NiceScale(minimum: 3, maximum: 87).ticks.first == 0)
        #expect(NiceScale(minimum: -3.2, maximum: 14.1).ticks == [-5, 0, 5, 10, 15])
        #expect(NiceScale(minimum: 0, maximum: 26_495_070).ticks == [0, 10_000_000, 20_000_000, 30_000_000])
        #expect(NiceScale(minimum: 0, maximum: 1.2).step == 0.25)
        // Nothing to show: one step from zero, never a division by nothing.
        let empty = NiceScale(minimum: 0, maximum: 0)
        #expect((empty.low, empty.high, empty.step) == (0, 1, 0.2))
        #expect(NiceScale.niceStep(0.3) == 0.5 && NiceScale.niceStep(7) == 10 && NiceScale.niceStep(2.2) == 2.5 && NiceScale.niceStep(40) == 50)
    }

    @Test func axisLabelsInDanish() {
        #expect(AxisLabel.text(12_000, step: 2_000, top: 14_000, unit: .count) == "12.000")
        #expect(AxisLabel.text(1_500_000, step: 500_000, top: 3_000_000, unit: .kroner) == "1,5 mio.")
        #expect(AxisLabel.text(25_000_000, step: 5_000_000, top: 30_000_000, unit: .kroner) == "25 mio.")
        #expect(AxisLabel.text(450_000, step: 50_000, top: 500_000, unit: .kroner) == "450.000")
        #expect(AxisLabel.text(-2.5, step: 2.5, top: 10, unit: .decimal) == "−2,5")
        #expect(AxisLabel.text(0, step: 0.25, top: 1.25, unit: .decimal) == "0" && AxisLabel.text(0, step: 250_000, top: 1_250_000, unit: .kroner) == "0")
        #expect(AxisLabel.text(0.75, step: 0.25, top: 1.25, unit: .decimal) == "0,75")
    }

    @Test func barsLinesMarksAndALegendAsWellFormedSVG() throws {
        let chart = SVGChart(.bars, title: "Forbrug & budget", categories: ["jan", "feb", "mar"],
                             series: [.init("<b>Forbrug</b>", [10, nil, -4])], unit: .count, marks: [12, 12, nil], markName: "Budget")
        let svg = chart.svg()
        let page = ParsedPage(svg)
        #expect(page.error == nil)
        // A bar per value (none for a missing one), a mark per budget, the names as text.
        #expect(page.elements.filter { $0.name == "rect" && $0.attributes["fill"] == SVGChart.palette[0] }.count == 3)  // 2 bars + the legend's square
        #expect(page.elements.filter { $0.name == "line" && $0.attributes["stroke"] == SVGChart.markColour }.count == 3)  // 2 marks + the legend's
        #expect(svg.contains("&lt;b&gt;Forbrug&lt;/b&gt;") && !svg.contains("<b>"))
        #expect(page.elements.contains { $0.name == "text" && $0.text == "−5" })
        #expect(page.elements.contains { $0.name == "text" && $0.text == "15" })

        let lines = SVGChart(.lines, title: "t", categories: ["a", "b", "c", "d", "e"],
                             series: [.init("x", [1, 2, nil, 4, 5]), .init("y", [3, 3, 3, 3, 3])], unit: .count).svg()
        let parsed = ParsedPage(lines)
        // A gap splits a line in two; the second series is dashed.
        let polylines = parsed.elements.filter { $0.name == "polyline" }
        #expect(polylines.count == 3)
        #expect(polylines.last?.attributes["stroke-dasharray"] == "6 3")
    }

    @Test func markupEscapesAndKeepsXMLValid() {
        #expect(Markup.escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;")
        #expect(Markup.escape("nul\u{0}her") == "nul\u{FFFD}her")
        #expect(Markup.escape("æøå\ttab") == "æøå\ttab")
        #expect(Markup.coordinate(12) == "12" && Markup.coordinate(1.25) == "1.25" && Markup.coordinate(1.05) == "1.05")
        #expect(Markup.coordinate(-0.5) == "-0.50")
        #expect(Markup.coordinate(.nan) == "0")
    }
}
