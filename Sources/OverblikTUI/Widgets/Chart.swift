import OverblikCore

/// A series over months drawn in terminal cells: per month a pair of bars, the same month a year
/// earlier as a light-shaded bar (`░`, whole cells, dimmer) and this year's as a solid bar in
/// eighth blocks (`▁…█`), so the two are told apart by shape as well as colour (and without colour
/// at all). The y-axis has three labels in Danish number style; the month under the cursor is
/// marked, and its figures are given in words below the chart by the caller.
public struct Chart: Sendable {
    public struct Point: Sendable, Equatable {
        /// The month as the axis shows it (`jan 26`), where `tick` puts a label.
        public var label: String
        public var tick: Bool
        public var value: Double?
        public var lastYear: Double?
        public init(label: String, tick: Bool, value: Double?, lastYear: Double?) {
            self.label = label; self.tick = tick; self.value = value; self.lastYear = lastYear
        }
    }

    public var points: [Point]
    /// The point under the cursor.
    public var cursor: Int

    public init(points: [Point], cursor: Int) { self.points = points; self.cursor = cursor }

    /// Cells per month: a shaded and a solid bar and a gap.
    static let cellsPerMonth = 3

    /// The axis' top: the largest value rounded up to 1, 2, 2,5 or 5 × a power of ten.
    static func niceTop(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return 1 }
        var power = 1.0
        while power * 10 <= x { power *= 10 }
        while power > x { power /= 10 }
        for step in [1.0, 2, 2.5, 5, 10] where step * power >= x { return step * power }
        return 10 * power
    }

    /// The axis from `base` to `top`: from 0, unless every value lies well above it (the lowest over
    /// half the highest), when it starts at a round number below the lowest, so that the months'
    /// differences show; the bottom label then says where it starts.
    static func axis(low: Double, high: Double) -> (base: Double, top: Double) {
        guard high > 0 else { return (0, 1) }
        guard low > high / 2 else { return (0, niceTop(high)) }
        let step = niceTop((high - low) / 2)
        let base = (low / step).rounded(.down) * step
        let top = max(base + step, (high / step).rounded(.up) * step)
        return (base, top)
    }

    /// An axis label: grouped whole numbers (`12.500`), one decimal below ten (`2,5`), `1,2 mio.` from a million.
    static func label(_ x: Double) -> String {
        if x >= 1_000_000 {
            let tenths = Int64((x / 100_000).rounded())
            return tenths % 10 == 0 ? "\(DanishNumber.grouped(tenths / 10)) mio." : "\(tenths / 10),\(tenths % 10) mio."
        }
        if x < 10 && x != x.rounded() { return String(Int(x)) + "," + String(Int((x * 10).rounded()) % 10) }
        return DanishNumber.grouped(Int64(x.rounded()))
    }

    /// How many of the last points fit `width` cells after an axis of `axisWidth`.
    static func fitting(_ count: Int, width: Int, axisWidth: Int) -> Int {
        max(0, min(count, (width - axisWidth - 1) / cellsPerMonth))
    }

    /// Draws the chart in `height` rows from `top` (the last row holds the month labels), `width` cells from `left`.
    public func draw(on s: Surface, top: Int, left: Int = 0, height: Int, width: Int) {
        guard height >= 3, !points.isEmpty else { return }
        let plotRows = height - 1
        // The window of months: the last that fit, moved back as far as the cursor needs; the axis
        // is that window's (its width first estimated from every month's).
        func labelsOf(_ ps: ArraySlice<Point>) -> (base: Double, top: Double, labels: [String]) {
            let values = ps.flatMap { [$0.value, $0.lastYear] }.compactMap { $0 }
            let (base, top) = Chart.axis(low: values.min() ?? 0, high: values.max() ?? 0)
            return (base, top, [Chart.label(top), Chart.label((top + base) / 2), Chart.label(base)])
        }
        let estimate = labelsOf(points[...]).labels.map(DisplayWidth.of).max() ?? 1
        let shown = Chart.fitting(points.count, width: width, axisWidth: estimate + 2)
        guard shown > 0 else { return }
        let first = min(points.count - shown, max(0, cursor))
        let window = Array(first..<first + shown)
        let (base, axisTop, labels) = labelsOf(points[first..<first + shown])
        let axisWidth = max(estimate, labels.map(DisplayWidth.of).max() ?? 1)
        // The axis.
        for (i, row) in [0, plotRows / 2, plotRows - 1].enumerated() {
            s.put(DisplayWidth.fit(labels[i], to: axisWidth, alignRight: true), row: top + row, column: left, style: .muted)
        }
        for row in 0..<plotRows { s.put("┤", row: top + row, column: left + axisWidth, style: .rule) }
        // The bars: heights in eighths of a cell.
        func eighthsOf(_ v: Double?) -> Int {
            guard let v, v > base else { return 0 }
            return min(plotRows * 8, Int(((v - base) / (axisTop - base) * Double(plotRows * 8)).rounded()))
        }
        for (k, p) in window.enumerated() {
            let x = left + axisWidth + 1 + k * Chart.cellsPerMonth
            let selected = p == cursor
            let previous = eighthsOf(points[p].lastYear), current = eighthsOf(points[p].value)
            for row in 0..<plotRows {
                let fromBottom = plotRows - 1 - row  // cells below this one
                // Last year: whole shaded cells, rounded to the nearest cell.
                if (previous + 4) / 8 > fromBottom { s.put("░", row: top + row, column: x, style: .muted) }
                let filled = current - fromBottom * 8
                if filled > 0 {
                    s.put(String(Bar.eighths[min(8, filled) - 1]), row: top + row, column: x + 1, style: selected ? .highlight : .bar1)
                }
            }
            // The month axis: January and July labelled; the cursor's month marked.
            if points[p].tick && k + 2 < window.count { s.put(points[p].label, row: top + plotRows, column: x, style: .muted) }
            if selected { s.put("▲", row: top + plotRows, column: x + 1, style: .highlight) }
        }
    }
}
