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

/// The spans of `keyed` gathered per key and citizen, and each such group's union given to `body`
/// with its key (the groups ordered by key, then citizen). Ordered by radix when every key is
/// from 0 and every CPR number below 2³² (both in one word), else by comparison: no dictionary of
/// citizens per key.
func eachCitizensUnion(_ keyed: [(key: Int, cpr: Int64, span: Span)], _ body: (Int, [Span]) -> Void) {
    var keyed = keyed
    if keyed.allSatisfy({ (0..<(1 << 31)).contains($0.key) && (0..<(1 << 32)).contains($0.cpr) }) {
        let order = stableOrder(of: keyed.map { UInt64($0.key) << 32 | UInt64($0.cpr) })
        keyed = order.map { keyed[$0] }
    } else {
        keyed.sort { ($0.key, $0.cpr) < ($1.key, $1.cpr) }
    }
    var run: [Span] = [], united: [Span] = []
    var k = 0
    while k < keyed.count {
        let (key, cpr) = (keyed[k].key, keyed[k].cpr)
        run.removeAll(keepingCapacity: true)
        while k < keyed.count && keyed[k].key == key && keyed[k].cpr == cpr { run.append(keyed[k].span); k += 1 }
        united.removeAll(keepingCapacity: true)
        appendUnion(of: run, to: &united)
        body(key, united)
    }
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
