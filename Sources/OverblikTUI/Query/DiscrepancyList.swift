import OverblikCore
import OverblikStore

/// Afstemning's discrepancies for the viewer: the list the sync stored, read from the snapshot a
/// window at a time (only its rowids held), when it holds for today; else the list computed from
/// the records, held whole. Either way the same rows in the same order.
public struct DiscrepancyList: Sendable {
    enum Rows: Sendable {
        case held(all: [Discrepancy], shown: [Discrepancy])
        case stored(Snapshot, year: Int, rowids: [Int64])
    }

    let rows: Rows
    /// How many discrepancies the year has in all (not only those the viewer sees), and how many
    /// of them are explained: the caption's figures.
    public let total: Int
    public let explained: Int

    /// The list computed from the records: `all` of the year, the viewer seeing `shown`.
    init(all: [Discrepancy], shown: [Discrepancy]) {
        rows = .held(all: all, shown: shown)
        total = all.count
        explained = all.filter(\.explained).count
    }

    init(stored snapshot: Snapshot, year: Int, visibility: Visibility) throws(SnapshotError) {
        let index = try snapshot.discrepancyIndex(year: year, shown: visibility.isEverything ? nil : { visibility.seesCaseworker($0) })
        rows = .stored(snapshot, year: year, rowids: index.rowids)
        (total, explained) = (index.total, index.explained)
    }

    private init(rows: Rows, total: Int, explained: Int) {
        (self.rows, self.total, self.explained) = (rows, total, explained)
    }

    /// The same list read through a connection of its own to the snapshot (a second thread's
    /// reads do not wait for the screen's); nil for a held list, or when none opens.
    func throughAnotherConnection() -> DiscrepancyList? {
        guard case .stored(let snapshot, let year, let rowids) = rows, let other = try? snapshot.anotherConnection() else { return nil }
        return DiscrepancyList(rows: .stored(other, year: year, rowids: rowids), total: total, explained: explained)
    }

    /// Whether the rows are read from the snapshot as shown.
    public var isWindowed: Bool {
        if case .stored = rows { return true }
        return false
    }

    /// How many the viewer sees.
    public var count: Int {
        switch rows {
        case .held(_, let shown): return shown.count
        case .stored(_, _, let rowids): return rowids.count
        }
    }

    /// The discrepancies the viewer sees at `positions` (from 0, in the list's order), in the order asked.
    public func at(_ positions: [Int]) throws(SnapshotError) -> [Discrepancy?] {
        switch rows {
        case .held(_, let shown): return positions.map { shown.indices.contains($0) ? shown[$0] : nil }
        case .stored(let snapshot, _, let rowids):
            return try snapshot.discrepancies(rowids: positions.map { rowids.indices.contains($0) ? rowids[$0] : -1 })
        }
    }

    /// Every discrepancy the viewer sees at the positions `range` (from 0, in the list's order;
    /// nil: all), in that order, in one read (nil where one cannot be read: a kind this build does
    /// not know); with `only`, those of its texts at least, and without `key` perhaps not their keys.
    func forEach(in range: Range<Int>? = nil, only: Set<DiscrepancyText>? = nil, key: Bool = true,
                 _ body: (Discrepancy?) -> Void) throws(SnapshotError) {
        switch rows {
        case .held(_, let shown): shown[(range ?? shown.indices).clamped(to: shown.indices)].forEach(body)
        case .stored(let snapshot, let year, let rowids):
            let some = range.map { Array(rowids[$0.clamped(to: rowids.indices)]) } ?? rowids
            try snapshot.forEachDiscrepancy(year: year, rowids: some, only: only, key: key, body)
        }
    }

    /// The kind and paragraph of every discrepancy the viewer sees, in the list's order (nil where
    /// one cannot be read): from the year's index for a stored list, not its rows.
    func kindsAndParagraphs() throws(SnapshotError) -> [(kind: DiscrepancyKind, paragraph: Paragraph)?] {
        switch rows {
        case .held(_, let shown): return shown.map { ($0.kind, $0.paragraph) }
        case .stored(let snapshot, let year, let rowids): return try snapshot.discrepancyKindsAndParagraphs(year: year, rowids: rowids)
        }
    }

    /// The year's discrepancies about `cpr` (every one: the citizen's page is access-checked itself).
    public func touching(_ cpr: CPR) throws(SnapshotError) -> [Discrepancy] {
        switch rows {
        case .held(let all, _): return all.filter { $0.cpr == cpr }
        case .stored(let snapshot, let year, _): return try snapshot.discrepancies(year: year, cpr: cpr)
        }
    }

    /// The year's discrepancy with `key`, if it is still found.
    public func withKey(_ key: String) throws(SnapshotError) -> Discrepancy? {
        switch rows {
        case .held(let all, _): return all.first { $0.key == key }
        case .stored(let snapshot, let year, _): return try snapshot.discrepancy(year: year, key: key)
        }
    }

    /// Which of `keys` the year still has a discrepancy with.
    public func found(among keys: [String]) throws(SnapshotError) -> Set<String> {
        switch rows {
        case .held(let all, _): return Set(keys).intersection(all.lazy.map(\.key))
        case .stored(let snapshot, let year, _): return try snapshot.discrepancyKeys(year: year, among: keys)
        }
    }

    /// The year's data breaks (Datastatus), in the list's order.
    public func dataBreaks() throws(SnapshotError) -> [Discrepancy] {
        switch rows {
        case .held(let all, _): return all.filter { $0.kind == .dataBreak }
        case .stored(let snapshot, let year, _): return try snapshot.discrepancies(year: year, kind: .dataBreak)
        }
    }
}

extension Query {
    /// `year`'s discrepancies for the viewer, with the figures without them (the ottetal, the
    /// budget and the movements, small): the stored list read in windows when it holds, else the
    /// figures computed and the list held. Nil list: no month of the year is over yet.
    public func figuresAndDiscrepancies(year: Int) throws(SnapshotError) -> (figures: DerivedFigures, discrepancies: DiscrepancyList?) {
        if let stored = try storedFigures(year: year, discrepancies: false) {
            let list = stored.reconciliation == nil ? nil : try DiscrepancyList(stored: snapshot, year: year, visibility: visibility)
            return (stored, list)
        }
        var figures = try self.figures(year: year)
        guard let r = figures.reconciliation else { return (figures, nil) }
        figures.reconciliation?.discrepancies = []
        return (figures, DiscrepancyList(all: r.discrepancies, shown: visible(r).discrepancies))
    }
}
