import OverblikCore

/// A horizontal bar in a table cell: stacked segments (each with its own glyph, so the parts are
/// told apart without colour) against a common scale, and a mark (the team's median, the budget).
public struct Bar: Sendable {
    public struct Segment: Sendable {
        public var value: Double
        public var glyph: Character
        public var style: Style
        public init(value: Double, glyph: Character, style: Style) { self.value = value; self.glyph = glyph; self.style = style }
    }

    public var segments: [Segment]
    /// Where the mark goes, in the segments' unit; nil for none.
    public var mark: Double?
    /// The value that fills the whole width.
    public var scale: Double
    /// The bar's figures as text (for CSV and JSON, and for search): given, or each segment's
    /// label and whole value (`§ 85: 25, andre: 4`), made only when asked for.
    public var summary: String {
        summaryText ?? zip(labels, segments).map { "\($0): \(Int($1.value))" }.joined(separator: ", ")
    }
    private var summaryText: String?
    private var labels: [String] = []

    public init(segments: [Segment], mark: Double?, scale: Double, summary: String) {
        self.segments = segments; self.mark = mark; self.scale = scale; self.summaryText = summary
    }

    /// A bar whose summary names each segment with `labels` (one per segment, shared by a list's
    /// bars) and its value as a whole number.
    public init(segments: [Segment], mark: Double?, scale: Double, labels: [String]) {
        self.segments = segments; self.mark = mark; self.scale = scale; self.labels = labels
    }

    public var total: Double { segments.reduce(0) { $0 + $1.value } }

    /// The bar drawn `width` cells wide: one (glyph, style) per cell. Segment ends are rounded
    /// cumulatively so the parts add up to the rounded whole.
    public func cells(width: Int) -> [(Character, Style)] {
        guard width > 0 else { return [] }
        var out = Array(repeating: (Character(" "), Style.normal), count: width)
        let unit = scale > 0 ? Double(width) / scale : 0
        var end = 0.0
        var from = 0
        for s in segments {
            end += s.value
            let to = min(width, Int((end * unit).rounded()))
            if to > from { for x in from..<to { out[x] = (s.glyph, s.style) } }
            from = max(from, to)
        }
        if let mark, scale > 0 {
            let x = min(width - 1, max(0, Int((mark * unit).rounded())))
            out[x] = ("│", .mark)
        }
        return out
    }

    public func text(width: Int) -> String { String(cells(width: width).map(\.0)) }

    /// Glyphs and styles for the n-th part of a stacked bar (they repeat after four).
    public static let glyphs: [Character] = ["█", "▓", "▒", "░"]
    public static let styles: [Style] = [.bar1, .bar2, .bar3, .bar4]
    public static func part(_ n: Int) -> (Character, Style) { (glyphs[n % 4], styles[n % 4]) }

    /// A cell filled from the bottom in eighths (`▁` one, `█` all eight): sparklines and charts.
    static let eighths: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// Eight-step sparkline of `values` (the lowest bar is the smallest non-zero value's floor at 0).
    public static func sparkline(_ values: [Int64]) -> String {
        let ticks = eighths
        let top = values.max() ?? 0
        return String(values.map { v -> Character in
            guard top > 0, v > 0 else { return v < 0 ? "▁" : " " }
            return ticks[min(7, Int((Double(v) / Double(top) * 7).rounded()))]
        })
    }
}
