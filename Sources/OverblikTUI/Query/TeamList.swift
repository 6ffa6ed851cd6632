import OverblikCore
import OverblikStore

/// Team's lines for the viewer: the lines the sync stored, read from the snapshot a window at a
/// time (their positions held, and the first 1.000 lines, read in the same pass, that the page
/// measures its columns on), when they hold for today; else computed from the grants and held.
/// Either way the same lines in the same order, with what the bars need of all of them.
public struct TeamList: Sendable {
    enum Rows: Sendable {
        case held([TeamLine])
        /// `first`: the first lines, read with the positions (the page measures its columns on them).
        case stored(Snapshot, positions: [Int64], first: [TeamLine])
    }

    let rows: Rows
    /// The lines' grants per paragraph, summed.
    public let totals: [Paragraph: Int]
    /// The largest line's grants (the bars' scale).
    public let largest: Int

    init(held lines: [TeamLine]) {
        rows = .held(lines)
        var totals: [Paragraph: Int] = [:], largest = 0
        for line in lines {
            var sum = 0
            for (p, n) in line.byParagraph { totals[p, default: 0] += n; sum += n }
            largest = max(largest, sum)
        }
        (self.totals, self.largest) = (totals, largest)
    }

    init(stored snapshot: Snapshot, positions: [Int64], first: [TeamLine], totals: [Paragraph: Int], largest: Int) {
        rows = .stored(snapshot, positions: positions, first: first)
        (self.totals, self.largest) = (totals, largest)
    }

    /// Whether the lines are read from the snapshot as shown.
    public var isWindowed: Bool {
        if case .stored = rows { return true }
        return false
    }

    public var count: Int {
        switch rows {
        case .held(let lines): return lines.count
        case .stored(_, let positions, _): return positions.count
        }
    }

    /// The lines at `positions` (from 0, in the list's order), in the order asked.
    public func at(_ positions: [Int]) throws(SnapshotError) -> [TeamLine?] {
        switch rows {
        case .held(let lines): return positions.map { lines.indices.contains($0) ? lines[$0] : nil }
        case .stored(let snapshot, let stored, let first):
            if positions.allSatisfy(first.indices.contains) { return positions.map { first[$0] } }
            return try snapshot.storedTeamLines(at: positions.map { stored.indices.contains($0) ? stored[$0] : -1 })
        }
    }
}

extension Query {
    /// Team's lines of the teams the viewer sees (one team's, with `team`): the stored lines read in
    /// windows when they hold, else computed from the grants still open today and held.
    public func teamList(team: String? = nil) throws(SnapshotError) -> TeamList {
        if storedHolds, let index = try snapshot.storedTeamIndex(today: today, first: TableLayout.sampled, shown: { shown in
            visibility.seesTeam(shown) && (team.map { shown.lowercased() == $0.lowercased() } ?? true)
        }) {
            return TeamList(stored: snapshot, positions: index.positions, first: index.first, totals: index.totals, largest: index.largest)
        }
        return TeamList(held: try teamLines(team: team))
    }
}
