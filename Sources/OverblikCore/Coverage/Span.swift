/// A run of days from `start` to an inclusive `end`, or ongoing when `end` is nil.
public struct Span: Hashable, Sendable {
    public var start: Day
    public var end: Day?

    public init(start: Day, end: Day?) {
        self.start = start
        self.end = end
    }

    public func covers(_ day: Day) -> Bool { start <= day && end.map { day <= $0 } ?? true }

    /// Whether the two spans share a day.
    public func overlaps(_ other: Span) -> Bool {
        (end.map { other.start <= $0 } ?? true) && (other.end.map { start <= $0 } ?? true)
    }

    /// The span's days within `bounds`, or nil.
    public func within(_ bounds: DayRange) -> DayRange? { Day.clamp(start: start, end: end, to: bounds) }
}

/// The union of spans as sorted, disjoint spans. Spans that overlap or touch (one ends the day
/// before the next starts) merge, so that a citizen moving from one grant straight to the next
/// is one continuous recipient: counted once, with no outflow and inflow in between.
public func union(_ spans: [Span]) -> [Span] {
    var out: [Span] = []
    appendUnion(of: spans, to: &out)
    return out
}

/// `union(spans)` appended to `out`, with no array of its own made when the spans are in order
/// already (mostly: a citizen's payments and grants follow the calendar); sorted only when not.
/// (Spans starting the same day merge alike in either order.)
func appendUnion<C: RandomAccessCollection>(of spans: C, to out: inout [Span]) where C.Element == Span {
    guard zip(spans, spans.dropFirst()).allSatisfy({ $0.start <= $1.start }) else {
        appendUnion(of: spans.sorted { $0.start < $1.start }, to: &out)
        return
    }
    let first = out.count
    for s in spans {
        if out.count > first {
            guard let lastEnd = out[out.count - 1].end else { continue }  // the last one is open: it covers everything after
            if s.start <= lastEnd.advanced(by: 1) {
                out[out.count - 1].end = s.end.map { max($0, lastEnd) }
                continue
            }
        }
        out.append(s)
    }
}

/// `coveredDays(period)`: the days of `period` on which at least one of the (disjoint) spans runs.
public func coveredDays(_ disjoint: [Span], in period: DayRange) -> Int {
    disjoint.reduce(0) { $0 + ($1.within(period)?.dayCount ?? 0) }
}

/// The same over a part of an array (a group's union in `PaymentIndex.grantUnions`).
public func coveredDays(_ disjoint: ArraySlice<Span>, in period: DayRange) -> Int {
    disjoint.reduce(0) { $0 + ($1.within(period)?.dayCount ?? 0) }
}

extension Grant {
    public var span: Span { Span(start: start, end: end) }
}
