import OverblikCore

/// An axis's ticks at "nice" steps (1, 2, 2½ or 5 × a power of ten) covering the data and zero.
public struct NiceScale: Sendable, Equatable {
    public let low: Double
    public let high: Double
    public let step: Double

    public init(minimum: Double, maximum: Double, maxTicks: Int = 6) {
        var lo = Swift.min(0, minimum.isFinite ? minimum : 0), hi = Swift.max(0, maximum.isFinite ? maximum : 0)
        if hi - lo < 1e-9 { hi = lo + 1 }
        let step = NiceScale.niceStep((hi - lo) / Double(Swift.max(1, maxTicks - 1)))
        lo = (lo / step).rounded(.down) * step
        hi = (hi / step).rounded(.up) * step
        self.low = lo; self.high = hi; self.step = step
    }

    /// The smallest of 1, 2, 2½, 5 and 10 × 10ᵏ that is at least `rough`.
    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        var power = 1.0
        while power * 10 <= rough { power *= 10 }
        while power > rough { power /= 10 }
        for f in [1.0, 2.0, 2.5, 5.0, 10.0] where f * power >= rough * (1 - 1e-12) { return f * power }
        return 10 * power
    }

    public var ticks: [Double] {
        let n = Int(((high - low) / step).rounded())
        return (0...n).map { low + Double($0) * step }
    }
}

/// How a chart's values are written on its axis.
public enum ChartUnit: Sendable {
    /// Whole numbers (`1.250`).
    case count
    /// Kroner (`450.000`, `12,5 mio.`).
    case kroner
    /// Decimals (`12,5`).
    case decimal
}

/// Danish numbers for an axis: grouped thousands with `.`, decimals with `,`, a real minus sign,
/// and millions as `mio.` when the axis reaches them.
public enum AxisLabel {
    public static func text(_ value: Double, step: Double, top: Double, unit: ChartUnit) -> String {
        if abs(value) < step / 1e6 { return "0" }
        if unit == .kroner, top >= 1_000_000 {
            return number(value / 1_000_000, decimals: decimals(step / 1_000_000)) + " mio."
        }
        return number(value, decimals: unit == .count && step >= 1 ? 0 : decimals(step))
    }

    /// The decimals a step needs (0 for whole steps, 1 for 0,5 and 2,5 … at most 3).
    static func decimals(_ step: Double) -> Int {
        var d = 0, s = step
        while d < 3 && abs(s - s.rounded()) > 1e-9 { s *= 10; d += 1 }
        return d
    }

    static func number(_ x: Double, decimals: Int) -> String {
        var scale: Double = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((abs(x) * scale).rounded())
        let whole = scaled / Int64(scale), fraction = scaled % Int64(scale)
        var out = (x < 0 && scaled != 0 ? "−" : "") + DanishNumber.grouped(whole)
        if decimals > 0 {
            let digits = String(fraction)
            out += "," + String(repeating: "0", count: decimals - digits.count) + digits
        }
        return out
    }
}

/// A chart as inline SVG, written by the project (no scripts, no fonts, nothing fetched): lines or
/// grouped bars over categories, an optional mark per category (a budget), axes with nice ticks
/// in Danish style and a legend. Series are told apart by colour and, for lines, by dash pattern
/// and marker, so a black-and-white print still reads.
public struct SVGChart: Sendable {
    public enum Kind: Sendable { case lines, bars }

    public struct Series: Sendable {
        public var name: String
        public var values: [Double?]
        public init(_ name: String, _ values: [Double?]) { self.name = name; self.values = values }
    }

    public var kind: Kind
    public var title: String
    public var categories: [String]
    public var series: [Series]
    public var unit: ChartUnit
    /// A mark per category drawn across its bars (a budget), with its legend name.
    public var marks: [Double?]?
    public var markName: String = ""
    public var width: Double = 680
    public var height: Double = 250

    public init(_ kind: Kind, title: String, categories: [String], series: [Series], unit: ChartUnit,
                marks: [Double?]? = nil, markName: String = "") {
        self.kind = kind; self.title = title; self.categories = categories; self.series = series; self.unit = unit
        self.marks = marks; self.markName = markName
    }

    /// Colours that stay apart for the common colour-vision deficiencies (Okabe–Ito, then greys).
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#999999", "#6A3D9A", "#8C564B"]
    static let dashes: [String?] = [nil, "6 3", "2 2", "8 3 2 3", "1 3", "10 4"]
    static let markColour = "#B00020"

    public var scale: NiceScale {
        let values = series.flatMap { $0.values.compactMap { $0 } } + (marks ?? []).compactMap { $0 }
        return NiceScale(minimum: values.min() ?? 0, maximum: values.max() ?? 1)
    }

    /// The chart as an `<svg>` element.
    public func svg() -> String {
        let scale = self.scale
        let ticks = scale.ticks
        let labels = ticks.map { AxisLabel.text($0, step: scale.step, top: Swift.max(abs(scale.high), abs(scale.low)), unit: unit) }
        let left = Double(Swift.max(4, labels.map(\.count).max() ?? 4)) * 6.2 + 10
        let legendRows = legendLayout().rows
        let (top, right) = (10.0, 10.0)
        let bottom = 22.0 + Double(legendRows) * 16
        let plotW = width - left - right, plotH = height - top - bottom
        func y(_ v: Double) -> Double { top + plotH * (scale.high - v) / (scale.high - scale.low) }
        let n = Swift.max(1, categories.count)
        let slot = plotW / Double(n)
        func x(_ i: Int) -> Double { left + slot * (Double(i) + 0.5) }

        var out = Markup.open("svg", [("viewBox", "0 0 \(Markup.coordinate(width)) \(Markup.coordinate(height))"),
                                      ("width", "100%"), ("role", "img"), ("aria-label", title), ("class", "chart")])
        out += Markup.element("title", [], title)
        // Grid and the y axis's labels.
        for (t, label) in zip(ticks, labels) {
            let ty = Markup.coordinate(y(t))
            out += "<line x1=\"\(Markup.coordinate(left))\" x2=\"\(Markup.coordinate(left + plotW))\" y1=\"\(ty)\" y2=\"\(ty)\" stroke=\"\(abs(t) < scale.step / 2 ? "#444444" : "#DDDDDD")\" stroke-width=\"\(abs(t) < scale.step / 2 ? "1" : "0.6")\"/>"
            out += Markup.element("text", [("x", Markup.coordinate(left - 6)), ("y", Markup.coordinate(y(t) + 3.5)), ("text-anchor", "end"), ("font-size", "10")], label)
        }
        // The x axis's labels: as many as fit.
        let every = Swift.max(1, Int((Double(categories.map(\.count).max() ?? 1) * 6.0 + 6) / slot) + 1)
        for (i, c) in categories.enumerated() where i % every == 0 {
            out += Markup.element("text", [("x", Markup.coordinate(x(i))), ("y", Markup.coordinate(top + plotH + 14)), ("text-anchor", "middle"), ("font-size", "10")], c)
        }
        switch kind {
        case .bars:
            let k = Double(Swift.max(1, series.count))
            let barW = slot * 0.8 / k
            for (s, one) in series.enumerated() {
                let colour = SVGChart.palette[s % SVGChart.palette.count]
                for (i, v) in one.values.enumerated() where i < n {
                    guard let v else { continue }
                    let x0 = left + slot * Double(i) + slot * 0.1 + barW * Double(s)
                    let (a, b) = (y(Swift.max(v, 0)), y(Swift.min(v, 0)))
                    out += "<rect x=\"\(Markup.coordinate(x0))\" y=\"\(Markup.coordinate(a))\" width=\"\(Markup.coordinate(barW * 0.92))\" height=\"\(Markup.coordinate(Swift.max(0.5, b - a)))\" fill=\"\(colour)\">"
                    out += Markup.element("title", [], "\(one.name) \(categories.indices.contains(i) ? categories[i] : ""): \(AxisLabel.number(v, decimals: unit == .decimal ? 2 : 0))")
                    out += "</rect>"
                }
            }
        case .lines:
            for (s, one) in series.enumerated() {
                let colour = SVGChart.palette[s % SVGChart.palette.count]
                let dash = SVGChart.dashes[s % SVGChart.dashes.count]
                // A line per run of months with values (a gap where a value is none).
                var run: [String] = []
                func flush() {
                    if run.count > 1 {
                        out += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.8\"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") points=\"\(run.joined(separator: " "))\"/>"
                    }
                    run.removeAll()
                }
                for (i, v) in one.values.enumerated() where i < n {
                    guard let v else { flush(); continue }
                    run.append("\(Markup.coordinate(x(i))),\(Markup.coordinate(y(v)))")
                    out += marker(s, x(i), y(v), colour)
                }
                flush()
            }
        }
        if let marks {
            for (i, m) in marks.enumerated() where i < n {
                guard let m else { continue }
                out += "<line x1=\"\(Markup.coordinate(left + slot * Double(i) + slot * 0.05))\" x2=\"\(Markup.coordinate(left + slot * Double(i + 1) - slot * 0.05))\" y1=\"\(Markup.coordinate(y(m)))\" y2=\"\(Markup.coordinate(y(m)))\" stroke=\"\(SVGChart.markColour)\" stroke-width=\"2.2\"/>"
            }
        }
        out += legend(y: top + plotH + 24, left: left)
        return out + "</svg>"
    }

    /// A small shape per point, different per series (circle, square, triangle, diamond).
    private func marker(_ s: Int, _ cx: Double, _ cy: Double, _ colour: String) -> String {
        guard categories.count <= 36 else { return "" }
        let (x, y) = (Markup.coordinate(cx), Markup.coordinate(cy))
        switch s % 4 {
        case 0: return "<circle cx=\"\(x)\" cy=\"\(y)\" r=\"2.2\" fill=\"\(colour)\"/>"
        case 1: return "<rect x=\"\(Markup.coordinate(cx - 2))\" y=\"\(Markup.coordinate(cy - 2))\" width=\"4\" height=\"4\" fill=\"\(colour)\"/>"
        case 2: return "<path d=\"M\(Markup.coordinate(cx)) \(Markup.coordinate(cy - 2.6))L\(Markup.coordinate(cx + 2.6)) \(Markup.coordinate(cy + 2))L\(Markup.coordinate(cx - 2.6)) \(Markup.coordinate(cy + 2))Z\" fill=\"\(colour)\"/>"
        default: return "<path d=\"M\(Markup.coordinate(cx)) \(Markup.coordinate(cy - 2.8))L\(Markup.coordinate(cx + 2.8)) \(Markup.coordinate(cy))L\(Markup.coordinate(cx)) \(Markup.coordinate(cy + 2.8))L\(Markup.coordinate(cx - 2.8)) \(Markup.coordinate(cy))Z\" fill=\"\(colour)\"/>"
        }
    }

    /// The legend's entries (the series, then the mark) placed in rows across the width.
    private func legendLayout() -> (rows: Int, positions: [(x: Double, row: Int)]) {
        var entries = series.map(\.name)
        if marks != nil { entries.append(markName) }
        var positions: [(Double, Int)] = [], (x, row) = (0.0, 0)
        for name in entries {
            let w = 28 + Double(name.count) * 6.0
            if x > 0 && x + w > width - 70 { x = 0; row += 1 }
            positions.append((x, row)); x += w
        }
        return (entries.isEmpty ? 0 : row + 1, positions)
    }

    private func legend(y: Double, left: Double) -> String {
        var out = ""
        let layout = legendLayout()
        var names = series.map(\.name)
        if marks != nil { names.append(markName) }
        for (i, name) in names.enumerated() {
            let p = layout.positions[i]
            let (x0, y0) = (left + p.x, y + Double(p.row) * 16)
            let isMark = i >= series.count
            let colour = isMark ? SVGChart.markColour : SVGChart.palette[i % SVGChart.palette.count]
            if isMark || kind == .lines {
                let dash = isMark ? nil : SVGChart.dashes[i % SVGChart.dashes.count]
                out += "<line x1=\"\(Markup.coordinate(x0))\" x2=\"\(Markup.coordinate(x0 + 18))\" y1=\"\(Markup.coordinate(y0 - 3.5))\" y2=\"\(Markup.coordinate(y0 - 3.5))\" stroke=\"\(colour)\" stroke-width=\"\(isMark ? "2.2" : "1.8")\"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>"
                if !isMark { out += marker(i, x0 + 9, y0 - 3.5, colour) }
            } else {
                out += "<rect x=\"\(Markup.coordinate(x0 + 3))\" y=\"\(Markup.coordinate(y0 - 9))\" width=\"11\" height=\"11\" fill=\"\(colour)\"/>"
            }
            out += Markup.element("text", [("x", Markup.coordinate(x0 + 22)), ("y", Markup.coordinate(y0)), ("font-size", "10")], name)
        }
        return out
    }
}
