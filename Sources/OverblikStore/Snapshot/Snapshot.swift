import Foundation
import GRDB
import OverblikCore
import Synchronization

/// An open, read-only snapshot. Views ask it for what they show; nothing here writes.
public final class Snapshot: Sendable {
    public let path: String
    private let queue: DatabaseQueue
    /// What was read whole and is asked for again (the series, a year's figures): a published
    /// snapshot never changes, so the first read holds for the file's life.
    private let kept = Mutex<Kept>(Kept())
    private struct Kept {
        var development: (read: Development?, teams: Bool)?
        var derived: [Int: DerivedFigures?] = [:]
        /// Read without the discrepancies' list (Afstemning reads it in windows).
        var derivedWithout: [Int: DerivedFigures?] = [:]
        var staffAndMapping: Dataset?
    }

    /// Opens the snapshot at `path` read-only and checks that it is one. `memoryMapped` reads it
    /// through a memory map (no copy of each page read; for one-shot readers such as reports,
    /// whose resident memory then counts the mapped pages).
    public convenience init(path: String, memoryMapped: Bool = false) throws(SnapshotError) {
        try self.init(path: path, memoryMapped: memoryMapped, checked: true)
    }

    /// Another read-only connection to the same file, for a background thread's reads (they do not
    /// wait for the screen's, nor it for them); not checked again: the file was checked when this
    /// one was opened, and a published snapshot never changes.
    public func anotherConnection() throws(SnapshotError) -> Snapshot {
        try Snapshot(path: path, memoryMapped: false, checked: false)
    }

    private init(path: String, memoryMapped: Bool, checked: Bool) throws(SnapshotError) {
        self.path = path
        var config = Configuration()
        config.readonly = true
        // A published snapshot is never changed in place (a new one is renamed over it), so it
        // can be mapped safely.
        // The page cache holds a windowed list's own table (a national follow-up list is about 4 MB),
        // so that reading it in another order does not read its pages again and again.
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = -8192")
            if memoryMapped { try db.execute(sql: "PRAGMA mmap_size = 4294967296") }
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            if !checked { return }
            let version = try queue.read { db in
                try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema_version'")
            }
            guard let version, Int(version) == Schema.version else {
                if version == nil {
                    throw SnapshotError(path: path, message: Message(da: "er ikke et helt snapshot (metadata mangler)", en: "is not a whole snapshot (its metadata is missing)"))
                }
                throw SnapshotError(path: path, message: Message(
                    da: "snapshottet har en anden skemaversion (\(version ?? "ukendt")) end programmet (\(Schema.version)); kør overblik-sync igen",
                    en: "the snapshot has another schema version (\(version ?? "unknown")) than the program (\(Schema.version)); run overblik-sync again"))
            }
            // The seal: cheap (row counts), so every opening checks it.
            let (stored, actual) = try queue.read { db in
                (try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'checksum'"), try Seal.compute(db))
            }
            guard stored == actual else {
                throw SnapshotError(path: path, message: Message(
                    da: "er beskadiget: kontrolsummen passer ikke (\(stored ?? "mangler") ≠ \(actual)); brug et tidligere snapshot eller kør overblik-sync igen",
                    en: "is damaged: the checksum does not match (\(stored ?? "missing") ≠ \(actual)); use an earlier snapshot or run overblik-sync again"))
            }
        } catch let error as SnapshotError {
            throw error
        } catch {
            throw SnapshotError(path: path, message: Message(
                da: "kan ikke åbnes som snapshot (beskadiget?): \(error)", en: "cannot be opened as a snapshot (damaged?): \(error)"))
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(SnapshotError) -> T {
        do {
            return try queue.read(body)
        } catch {
            throw SnapshotError(path: path, message: Message(da: "læsefejl: \(error)", en: "read error: \(error)"))
        }
    }

    /// SQLite's `quick_check`: "ok" for a whole, uncorrupted file, else what is wrong.
    public func integrityCheck() throws(SnapshotError) -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA quick_check").joined(separator: "; ") }
    }

    public func metadata() throws(SnapshotError) -> SnapshotMetadata {
        let pairs = try read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT key, value FROM meta").map {
                ($0["key"] as String, $0["value"] as String)
            })
        }
        var meta = SnapshotMetadata(
            createdAt: pairs["created_at"] ?? "", today: Day(iso: pairs["today"] ?? "") ?? Day(ordinal: 0),
            municipality: Municipality(code: pairs["municipality_code"] ?? "", name: pairs["municipality_name"] ?? ""),
            programVersion: pairs["program_version"] ?? "", configPath: pairs["config_path"] ?? "",
            dueSoonDays: Int(pairs["due_soon_days"] ?? "") ?? Defaults.dueSoonDays,
            rateTolerance: Double(pairs["rate_tolerance"] ?? "") ?? Defaults.rateTolerance,
            maxRejectShare: Double(pairs["max_reject_share"] ?? "") ?? Defaults.maxRejectShare,
            access: AccessRules(text: pairs["access"] ?? ""))
        meta.serviceGoals = ServiceGoals(text: pairs["service_goals"] ?? "")
        meta.supervision = SupervisionSettings(text: pairs["ledelsestilsyn"] ?? "")
        meta.comparison = ComparisonSettings(text: pairs["comparison"] ?? "")
        return meta
    }

    public func sources() throws(SnapshotError) -> [SourceInfo] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM sources").compactMap { r -> SourceInfo? in
                guard let table = TableName(rawValue: r["name"]) else { return nil }
                var info = SourceInfo(table: table, path: r["path"], sha256: r["sha256"], bytes: r["bytes"], rows: r["rows"],
                                      rejected: r["rejected"], encoding: r["encoding"], present: r["present"])
                info.skipped = r["skipped"]
                info.modified = r["modified"]
                return info
            }.sorted { $0.table < $1.table }
        }
    }

    /// The Datastatus counts the sync recorded.
    public func dataQuality() throws(SnapshotError) -> DataQuality {
        let counts = try read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, count FROM data_quality").map { ($0["name"] as String, $0["count"] as Int) })
        }
        return DataQuality(grantsWithoutRate: counts["grantsWithoutRate"] ?? 0, paymentsWithoutParagraph: counts["paymentsWithoutParagraph"] ?? 0,
                           grantsWithUnknownCaseworker: counts["grantsWithUnknownCaseworker"] ?? 0)
    }

    /// The rejected rows in table order, then line; `limit` rows from `offset`.
    public func rejectedRows(offset: Int = 0, limit: Int = Int.max) throws(SnapshotError) -> [RejectedRow] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM rejected_rows ORDER BY id LIMIT ? OFFSET ?",
                             arguments: [min(limit, Int(Int32.max)), offset]).compactMap(Snapshot.rejected)
        }
    }

    /// How many rows the sync rejected.
    public func rejectedRowCount() throws(SnapshotError) -> Int {
        try read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM rejected_rows") ?? 0 }
    }

    /// The rejected rows' ids in their order (keys only: Datastatus reads the rows in windows).
    public func rejectedRowIDs() throws(SnapshotError) -> [Int64] {
        try read { db in
            let r = try RawRows(db, "SELECT id FROM rejected_rows ORDER BY id")
            var ids: [Int64] = []
            while try r.next() { ids.append(r.int64(0)) }
            return ids
        }
    }

    /// The rejected rows with `ids`, in the order asked (nil for an id the table does not have).
    public func rejectedRows(ids: [Int64]) throws(SnapshotError) -> [RejectedRow?] {
        guard !ids.isEmpty else { return [] }
        return try read { db -> [RejectedRow?] in
            var byID: [Int64: RejectedRow] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT * FROM rejected_rows WHERE \(Snapshot.oneOf("id", ids))") {
                byID[r["id"]] = Snapshot.rejected(r)
            }
            return ids.map { byID[$0] }
        }
    }

    static func rejected(_ r: Row) -> RejectedRow? {
        guard let table = TableName(rawValue: r["table_name"]) else { return nil }
        return RejectedRow(table: table, file: r["file"], line: r["line"], column: r["column_name"], field: r["field"], value: r["value"],
                           reason: Message(da: r["reason_da"], en: r["reason_en"]))
    }

    /// The Team view's lines as the sync stored them, when it stored them for `today`.
    public func storedTeamLines(today: Day) throws(SnapshotError) -> [TeamLine]? {
        try read { db -> [TeamLine]? in
            guard try Snapshot.hasViews(db, for: today) else { return nil }
            // (A line per caseworker, thousands at national size: SQLite's column calls, each paragraph key parsed once.)
            let r = try RawRows(db, "\(Snapshot.teamLineColumns) FROM team_lines ORDER BY position")
            var paragraphs = ParagraphKeys()
            var lines: [TeamLine] = []
            while try r.next() { lines.append(Snapshot.teamLine(r, &paragraphs)) }
            return lines
        }
    }

    /// What a team line is read from, after its position.
    private static let teamLineColumns = """
        SELECT position, caseworker, name, team, active_grants, citizens, overdue, due_soon, missing, monthly_cost, by_paragraph,
          team_median, overloaded
        """

    private static func teamLine(_ r: RawRows, _ paragraphs: inout ParagraphKeys) -> TeamLine {
        TeamLine(caseworker: r.text(1), name: r.text(2), team: r.text(3), activeGrants: r.int(4), citizens: r.int(5),
                 overdue: r.int(6), dueSoon: r.int(7), missingFollowUp: r.int(8), monthlyCost: Money(ore: r.int64(9)),
                 byParagraph: r.withText(10) { Snapshot.paragraphCounts($0, &paragraphs) }, teamMedian: r.double(11), overloaded: r.int(12) != 0)
    }

    /// Team's stored lines as an index (nil when the sync stored none for `today`): the positions
    /// of the lines whose team `shown` accepts, in order, their grants per paragraph summed, the
    /// largest line's sum (the scale of the bars), and the first `first` of those lines (the ones
    /// a page measures its columns on, read in the same pass); no other line is held.
    public func storedTeamIndex(today: Day, first: Int, shown: (String) -> Bool) throws(SnapshotError)
        -> (positions: [Int64], totals: [Paragraph: Int], largest: Int, first: [TeamLine])? {
        try read { db in
            guard try Snapshot.hasViews(db, for: today) else { return nil }
            let r = try RawRows(db, "\(Snapshot.teamLineColumns) FROM team_lines ORDER BY position")
            var positions: [Int64] = [], largest = 0, lines: [TeamLine] = []
            // Summed by the paragraphs' numbers (a few dozen), not hashed per line.
            var sums: [Int] = []
            var paragraphs = ParagraphKeys(), seen: [[UInt8]: Bool] = [:]  // (by team: a few hundred at most)
            var last: (team: [UInt8], sees: Bool)?  // (the lines come by team: a team's run looked up once)
            while try r.next() {
                let sees = r.withText(3) { bytes in
                    if let last, bytes.elementsEqual(last.team) { return last.sees }
                    let team = Array(bytes)
                    let sees = seen[team] ?? shown(String(decoding: team, as: UTF8.self))
                    (seen[team], last) = (sees, (team, sees))
                    return sees
                }
                guard sees else { continue }
                positions.append(r.int64(0))
                if lines.count < first { lines.append(Snapshot.teamLine(r, &paragraphs)) }
                var sum = 0
                r.withText(10) {
                    Snapshot.eachParagraphCount($0, &paragraphs) { k, _, n in
                        if k >= sums.count { sums += Array(repeating: 0, count: k + 1 - sums.count) }
                        sums[k] += n
                        sum += n
                    }
                }
                largest = max(largest, sum)
            }
            var totals: [Paragraph: Int] = [:]
            for (k, n) in sums.enumerated() { if let p = paragraphs.paragraph(number: k) { totals[p, default: 0] += n } }
            return (positions, totals, largest, lines)
        }
    }

    /// The stored team lines at `positions` (as `storedTeamIndex` gives them), in the order asked;
    /// nil for a position the table does not have. A screen's window in one read.
    public func storedTeamLines(at positions: [Int64]) throws(SnapshotError) -> [TeamLine?] {
        try read { db in
            var paragraphs = ParagraphKeys()
            return try Snapshot.byKey(db, "\(Snapshot.teamLineColumns) FROM team_lines", "position", positions) { Snapshot.teamLine($0, &paragraphs) }
        }
    }

    /// `SEL-85:25,SEL-96:2` (a team line's count per paragraph) read from its bytes; a part that is
    /// not a paragraph key, `:` and digits is left out.
    static func paragraphCounts(_ text: UnsafeBufferPointer<UInt8>, _ paragraphs: inout ParagraphKeys) -> [Paragraph: Int] {
        // Sized for its parts at once (a small dictionary grown an entry at a time is rehashed each time it doubles).
        var counts = [Paragraph: Int](minimumCapacity: text.reduce(1) { $0 + ($1 == UInt8(ascii: ",") ? 1 : 0) })
        eachParagraphCount(text, &paragraphs) { _, p, n in counts[p] = n }
        return counts
    }

    /// `body` of each paragraph (with its number in `paragraphs`) and count of `SEL-85:25,SEL-96:2`,
    /// in order (as `paragraphCounts` reads them).
    static func eachParagraphCount(_ text: UnsafeBufferPointer<UInt8>, _ paragraphs: inout ParagraphKeys,
                                   _ body: (Int, Paragraph, Int) -> Void) {
        var start = 0
        while start < text.count {
            var end = start
            while end < text.count, text[end] != UInt8(ascii: ",") { end += 1 }
            if let colon = text[start..<end].lastIndex(of: UInt8(ascii: ":")), colon > start, colon + 1 < end {
                var n = 0, digits = true
                for b in text[(colon + 1)..<end] {
                    guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9"), n < Int.max / 10 - 9 else { digits = false; break }
                    n = n * 10 + Int(b - UInt8(ascii: "0"))
                }
                if digits, let p = paragraphs.numbered(UnsafeBufferPointer(rebasing: text[start..<colon])) { body(p.number, p.paragraph, n) }
            }
            start = end + 1
        }
    }

    /// The grants of the follow-up list in its order, as the sync stored it, when for `today`, with
    /// what the list shows of them (as `storedFollowUps(at:)`): the list's own rows in order, not a
    /// look-up of each in grants (which read a 64 KB page of it per line); with `caseworker` (else
    /// `team`), only that one's lines.
    public func storedFollowUps(today: Day, caseworker: String? = nil, team: String? = nil) throws(SnapshotError) -> [Grant]? {
        try read { db -> [Grant]? in
            guard try Snapshot.hasViews(db, for: today) else { return nil }
            // One caseworker's or team's lines: by their grants' ids (a scan of the ids, not of every line read whole).
            let owner = caseworker.map { (GrantOwners.Kind.caseworker, $0) } ?? team.map { (.team, $0) }
            let filter = try owner.map { "WHERE " + Snapshot.oneOf("grant_id", try Snapshot.grantIds(db, $0.0, $0.1)) } ?? ""
            let r = try RawRows(db, "\(Snapshot.followUpColumns) FROM follow_ups \(filter) ORDER BY position")
            var out: [Grant] = [], paragraphs = ParagraphKeys()
            while try r.next() { out.append(try Snapshot.followUpGrant(r, &paragraphs)) }
            return out
        }
    }

    /// What a follow-up line holds of its grant, after its position (from 0).
    private static let followUpColumns = """
        SELECT position - 1, case_id, cpr, name, paragraph, start, "end", caseworker, team, next_follow_up, last_follow_up, line
        """

    private static func followUpGrant(_ r: RawRows, _ paragraphs: inout ParagraphKeys) throws -> Grant {
        Grant(caseId: r.text(1), cpr: CPR(value: r.int64(2)), name: r.text(3), paragraph: try paragraphs.parse(r.text(4)),
              start: Day(ordinal: r.int32(5)), end: r.int32OrNil(6).map(Day.init(ordinal:)), caseworker: r.text(7), team: r.text(8),
              nextFollowUp: r.int32OrNil(9).map(Day.init(ordinal:)), lastFollowUp: r.int32OrNil(10).map(Day.init(ordinal:)),
              line: r.int(11))
    }

    /// The length of the follow-up list the sync stored for `today` (nil when it stored none for it).
    public func storedFollowUpCount(today: Day) throws(SnapshotError) -> Int? {
        try read { db -> Int? in
            guard try Snapshot.hasViews(db, for: today) else { return nil }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM follow_ups") ?? 0
        }
    }

    /// The stored follow-up list's grants at `positions` (from 0, in the list's order), in the
    /// order asked, with what the list shows of them (the case, CPR, name, paragraph, days,
    /// caseworker and team); nil for a position the list does not have. One read of the list's
    /// own rows for a screen's window, never the grants table.
    public func storedFollowUps(at positions: [Int]) throws(SnapshotError) -> [Grant?] {
        guard !positions.isEmpty else { return [] }
        return try read { db -> [Grant?] in
            let r = try RawRows(db, "\(Snapshot.followUpColumns) FROM follow_ups WHERE \(Snapshot.oneOf("position", positions.map { Int64($0) + 1 }))")
            var byPosition: [Int: Grant] = [:], paragraphs = ParagraphKeys()
            byPosition.reserveCapacity(positions.count)
            while try r.next() { byPosition[r.int(0)] = try Snapshot.followUpGrant(r, &paragraphs) }
            return positions.map { byPosition[$0] }
        }
    }

    /// The stored follow-up list's positions (from 0) in the order of `key`, equal keys in list
    /// order, with each one's key (nil first): read along the key's index.
    public func storedFollowUpOrder(by key: FollowUpSort) throws(SnapshotError) -> (positions: [Int32], keys: [Int64?]) {
        try read { db in
            let r = try RawRows(db, "SELECT nulls, positions, keys FROM follow_up_orders WHERE sort = ?", arguments: [key.rawValue])
            guard try r.next() else { return ([], []) }
            let order = FollowUpOrder(nulls: r.int(0), positions: r.blob(1), keys: r.blob(2))
            return (order.positions, order.keys)
        }
    }

    /// Sammenligning as the sync computed it for `today` (nil when it did not: another today, or
    /// without both StatBank tables).
    public func storedComparison(today: Day) throws(SnapshotError) -> Comparison? {
        try read { db -> Comparison? in
            guard try Snapshot.hasViews(db, for: today),
                  let measureText = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'comparison_measure'"),
                  let measure = ComparisonMeasure(rawValue: measureText) else { return nil }
            var paragraphs = ParagraphKeys()
            func paragraph(_ key: String?) throws -> Paragraph? { try key.map { try paragraphs.parse($0) } }
            var lines: [ComparisonLine] = []
            let r = try RawRows(db, """
                SELECT codes, is_own, service_type, service_text, paragraph, year, quarter, count, population, rate, rank, ranked,
                  others_rate, rate_tenths, others_rate_tenths, own FROM comparison_lines ORDER BY position
                """)
            while try r.next() {
                lines.append(ComparisonLine(
                    municipality: ComparedMunicipality(codes: r.text(0).split(separator: ",").map(String.init)), isOwn: r.int(1) != 0,
                    serviceType: r.text(2), serviceText: r.text(3), paragraph: try paragraph(r.textOrNil(4)),
                    quarter: Quarter(year: r.int(5), quarter: r.int(6)), count: r.int64OrNil(7), population: r.int64OrNil(8),
                    rate: r.doubleOrNil(9), rank: r.int64OrNil(10).map { Int($0) }, ranked: r.int64OrNil(11).map { Int($0) },
                    othersRate: r.doubleOrNil(12), rateTenths: r.int64OrNil(13), othersRateTenths: r.int64OrNil(14), own: r.int64OrNil(15)))
            }
            var unpublished: [UnpublishedQuarter] = []
            let u = try RawRows(db, "SELECT service_type, paragraph, year, quarter, own FROM comparison_unpublished ORDER BY position")
            while try u.next() {
                unpublished.append(UnpublishedQuarter(serviceType: u.text(0), paragraph: try paragraph(u.textOrNil(1)),
                                                      quarter: Quarter(year: u.int(2), quarter: u.int(3)), own: u.int64(4)))
            }
            return Comparison(lines: lines, unpublished: unpublished, measure: measure)
        }
    }

    /// Belægning's lines of `year` as the sync computed them for `today` (nil when it did not:
    /// another today or year, or no providers table).
    public func storedOccupancy(year: Int, today: Day) throws(SnapshotError) -> [OccupancyLine]? {
        try read { db -> [OccupancyLine]? in
            guard try Snapshot.hasViews(db, for: today),
                  try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'occupancy_year'") == String(year) else { return nil }
            var out: [OccupancyLine] = [], paragraphs = ParagraphKeys()
            let r = try RawRows(db, """
                SELECT provider, paragraph, month, days, capacity_days, occupied_days, budgeted_occupancy, own
                FROM occupancy_lines ORDER BY position
                """)
            while try r.next() {
                out.append(OccupancyLine(provider: r.text(0), paragraph: try r.textOrNil(1).map { try paragraphs.parse($0) },
                                         month: r.int64OrNil(2).map { CalendarMonth(index: Int($0)) }, days: r.int(3),
                                         capacityDays: r.int64OrNil(4).map { Int($0) }, occupiedDays: r.int(5),
                                         budgetedOccupancy: r.doubleOrNil(6), own: r.int(7) != 0))
            }
            return out
        }
    }

    /// Ledelsestilsyn's sample of `period` as the sync drew it for `today` (nil when it did not:
    /// another today, or a period it did not store).
    public func storedSupervisionSample(period: SupervisionPeriod, today: Day) throws(SnapshotError) -> [SampledGrant]? {
        try read { db -> [SampledGrant]? in
            guard try Snapshot.hasViews(db, for: today),
                  let stored = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'supervision_samples'"),
                  stored.split(separator: ",").contains(Substring(period.description)) else { return nil }
            // The sample's own columns: a look-up of each case in grants would read a page of it per case.
            let r = try RawRows(db, """
                SELECT case_id, cpr, paragraph, caseworker, team, from_active, digest FROM supervision_samples
                WHERE period = ? ORDER BY position
                """, arguments: [period.description])
            var paragraphs = ParagraphKeys()
            var out: [SampledGrant] = []
            // The sample comes by caseworker: a caseworker's (and team's) text is made once per run.
            var worker = (bytes: [UInt8](), text: ""), team = (bytes: [UInt8](), text: "")
            func repeated(_ column: Int32, _ last: inout (bytes: [UInt8], text: String)) -> String {
                if !r.textEquals(column, last.bytes) { last = (r.textBytes(column), r.text(column)) }
                return last.text
            }
            while try r.next() {
                out.append(SampledGrant(caseId: r.text(0), cpr: CPR(value: r.int64(1)), paragraph: try r.withText(2) { try paragraphs.parsed($0) ?? storedParagraph(String(decoding: $0, as: UTF8.self)) },
                                        caseworker: repeated(3, &worker), team: repeated(4, &team), fromActive: r.int(5) != 0,
                                        digest: r.text(6)))
            }
            return out
        }
    }

    /// The development series as the sync stored them for its today (nil when it stored none);
    /// without `teams` the series per team may be left out (they are 43.200 of L's 45.000 rows,
    /// and only Udvikling split by team shows them).
    public func development(teams: Bool = true) throws(SnapshotError) -> Development? {
        if let known = kept.withLock({ $0.development }), known.teams || !teams { return known.read }
        let read = try readDevelopment(teams: teams)
        kept.withLock { $0.development = (read, teams) }
        return read
    }

    private func readDevelopment(teams: Bool) throws(SnapshotError) -> Development? {
        try read { db -> Development? in
            func meta(_ key: String) throws -> String? { try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
            guard let firstText = try meta("development_first_data"), let keptText = try meta("development_kept_from"),
                  let shownText = try meta("development_shown") else { return nil }
            let first = Int(firstText).map(CalendarMonth.init(index:)), kept = Int(keptText).map(CalendarMonth.init(index:))
            var months: [CalendarMonth] = []
            let shown = shownText.split(separator: "-").compactMap { Int($0) }
            if shown.count == 2 { months = (0..<shown[1]).map { CalendarMonth(index: shown[0] + $0) } }
            // In key order, a series' months together (the table's order: no sorting); the key's
            // strings are made once per series.
            let dimensions = ([""] + DevelopmentDimension.allCases.filter { teams || $0 != .team }.map(\.rawValue))
                .map { "'\($0)'" }.joined(separator: ",")
            let r = try RawRows(db, """
                SELECT dimension, value, \(Snapshot.figureColumns) FROM development WHERE dimension IN (\(dimensions)) ORDER BY dimension, value, month
                """)
            var series: [Development.SeriesKey: [MonthFigures]] = [:]
            var key: Development.SeriesKey?, keyBytes: ([UInt8], [UInt8]) = ([], []), figures: [MonthFigures] = []
            while try r.next() {
                if key == nil || !r.textEquals(0, keyBytes.0) || !r.textEquals(1, keyBytes.1) {
                    if let key { series[key] = figures }
                    key = Development.SeriesKey(DevelopmentDimension(rawValue: r.text(0)), r.text(1))
                    keyBytes = (r.textBytes(0), r.textBytes(1))
                    figures = []
                }
                figures.append(Snapshot.monthFigures(r, from: 2))
            }
            if let key { series[key] = figures }
            return Development(months: months, firstDataMonth: first, keptFrom: kept, series: series)
        }
    }

    private static let figureColumns = "active, inflow, outflow, covered_days, paid_covered_days, grants, spend, paid_for, days"

    /// A development row's figures, its columns (`figureColumns`) from column `c` on.
    private static func monthFigures(_ r: RawRows, from c: Int32) -> MonthFigures {
        var f = MonthFigures(days: r.int(c + 8), hasMoney: false)
        f.activeAtMonthEnd = r.int(c); f.inflow = r.int(c + 1); f.outflow = r.int(c + 2); f.coveredDays = r.int(c + 3)
        f.paidCoveredDays = r.int(c + 4); f.grants = r.int(c + 5); f.spend = r.int64OrNil(c + 6).map(Money.init(ore:))
        f.paidFor = r.int64OrNil(c + 7).map(Money.init(ore:))
        return f
    }

    /// Whether the sync stored the development series.
    public func hasDevelopment() throws(SnapshotError) -> Bool { try read(Snapshot.hasDevelopment) }

    private static func hasDevelopment(_ db: Database) throws -> Bool {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'development_kept_from'") != nil
    }

    /// The values of `dimension` the sync stored a series of, unordered (nil when it stored none):
    /// the teams' names without their 43.200 rows of figures (L).
    public func developmentValues(_ dimension: DevelopmentDimension) throws(SnapshotError) -> [String]? {
        try read { db -> [String]? in
            guard try Snapshot.hasDevelopment(db) else { return nil }
            // From value to next value along the key (a seek each: a team's 72 months are not
            // read; the 600 teams of a whole country were 43.200 rows to scan for DISTINCT).
            return try String.fetchAll(db, sql: """
                WITH RECURSIVE next(value) AS (
                    SELECT min(value) FROM development WHERE dimension = ?1
                    UNION ALL
                    SELECT (SELECT min(value) FROM development WHERE dimension = ?1 AND value > next.value) FROM next WHERE next.value IS NOT NULL)
                SELECT value FROM next WHERE value IS NOT NULL
                """, arguments: [dimension.rawValue])
        }
    }

    /// One stored series (nil when the sync stored none, or none of `key`).
    public func developmentSeries(_ key: Development.SeriesKey) throws(SnapshotError) -> [MonthFigures]? {
        try read { db -> [MonthFigures]? in
            let r = try RawRows(db, "SELECT \(Snapshot.figureColumns) FROM development WHERE dimension = ? AND value = ? ORDER BY month",
                                arguments: [key.dimension?.rawValue ?? "", key.value])
            var figures: [MonthFigures] = []
            while try r.next() { figures.append(Snapshot.monthFigures(r, from: 0)) }
            return figures.isEmpty ? nil : figures
        }
    }

    /// Whether the sync stored the Team and Opfølgning views for `today`.
    static func hasViews(_ db: Database, for today: Day) throws -> Bool {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'views_today'") == today.iso
    }

    /// The staff and the mapping (small; what the TUI needs before any list).
    /// Read once per snapshot (a snapshot never changes; the views ask for it often).
    public func staffAndMapping() throws(SnapshotError) -> Dataset {
        if let known = kept.withLock({ $0.staffAndMapping }) { return known }
        let read = try partial { db, d in
            d.staff = try Snapshot.staff(db)
            d.mapping = try Snapshot.mapping(db)
        }
        kept.withLock { $0.staffAndMapping = read }
        return read
    }

    /// A dataset of this snapshot's municipality with what `fill` reads into it.
    private func partial(_ fill: (Database, inout Dataset) throws -> Void) throws(SnapshotError) -> Dataset {
        let meta = try metadata()
        var d = Dataset(municipality: meta.municipality)
        try read { db in try fill(db, &d) }
        return d
    }

    /// The grants of one caseworker or one team (by their ids in `grant_owners`; compared without
    /// case), or all grants when both are nil; with `openOn`, only those not ended before that day
    /// (what caseloads, team figures and follow-ups look at).
    public func grants(caseworker: String? = nil, team: String? = nil, openOn: Day? = nil) throws(SnapshotError) -> [Grant] {
        let all = try grantsUnfiltered(caseworker: caseworker, team: team, openOn: openOn)
        guard let openOn else { return all }
        return all.filter { $0.end.map { $0 >= openOn } ?? true }
    }

    private func grantsUnfiltered(caseworker: String?, team: String?, openOn: Day?) throws(SnapshotError) -> [Grant] {
        try read { db -> [Grant] in
            func by(_ kind: GrantOwners.Kind, _ name: String) throws -> [Grant] {
                try Snapshot.grants(db, where: "WHERE \(Snapshot.oneOf("id", try Snapshot.grantIds(db, kind, name)))")
            }
            if let caseworker { return try by(.caseworker, caseworker) }
            if let team { return try by(.team, team) }
            if let openOn { return try Snapshot.grants(db, where: "WHERE \"end\" IS NULL OR \"end\" >= ?", [openOn.ordinal]) }
            return try Snapshot.grants(db)
        }
    }

    /// The ids of `name`'s grants (a caseworker's or a team's; the name compared without case).
    static func grantIds(_ db: Database, _ kind: GrantOwners.Kind, _ name: String) throws -> [Int64] {
        let r = try RawRows(db, "SELECT ids FROM grant_owners WHERE owner = ?", arguments: [GrantOwners.key(kind, name)])
        guard try r.next() else { return [] }
        return PackedIntegers.integers(r.blob(0), Int32.self).map(Int64.init)
    }

    /// The grants with only what ledelsestilsyn's sample reads (case, citizen, paragraph, days,
    /// caseworker, team, last follow-up, line), in file order: a national sample reads every grant.
    /// With `within` (and `today`): only the grants that can be in a sample of those days — begun by
    /// today, and active, followed up or decided in them (a grant decided in the period may start
    /// after it) — in the same order.
    public func supervisionGrants(within range: DayRange? = nil, today: Day? = nil) throws(SnapshotError) -> [Grant] {
        try read { db in
            var out: [Grant] = [], paragraphs = ParagraphKeys()
            let filter = range == nil ? "" : """
                WHERE start <= :today AND ((start <= :to AND ("end" IS NULL OR "end" >= :from))
                  OR last_follow_up BETWEEN :from AND :to
                  OR case_id IN (SELECT case_id FROM decisions WHERE decided BETWEEN :from AND :to AND case_id <> ''))
                """
            let arguments: StatementArguments = range.map {
                ["from": $0.start.ordinal, "to": $0.end.ordinal, "today": (today ?? $0.end).ordinal]
            } ?? [:]
            let r = try RawRows(db, """
                SELECT case_id, cpr, paragraph, start, "end", caseworker, team, last_follow_up, line FROM grants \(filter) ORDER BY id
                """, arguments: arguments)
            while try r.next() {
                let key = r.text(2)
                let paragraph = try paragraphs.parse(key)
                out.append(Grant(caseId: r.text(0), cpr: CPR(value: r.int64(1)), paragraph: paragraph, start: Day(ordinal: r.int32(3)),
                                 end: r.int32OrNil(4).map(Day.init(ordinal:)), caseworker: r.text(5), team: r.text(6),
                                 lastFollowUp: r.int32OrNil(7).map(Day.init(ordinal:)), line: r.int(8)))
            }
            return out
        }
    }

    /// The grants and the staff only: what the caseload, team and follow-up views need.
    public func grantsAndStaff() throws(SnapshotError) -> Dataset {
        try partial { db, d in
            d.grants = try Snapshot.grants(db)
            d.staff = try Snapshot.staff(db)
        }
    }

    static func grants(_ db: Database, where clause: String = "", _ arguments: StatementArguments = []) throws -> [Grant] {
        func day(_ v: Int32?) -> Day? { v.map(Day.init(ordinal:)) }
        // Columns by position, in the order of the table's one description (a name lookup per value
        // costs more than the value); the round-trip tests read every field back.
        let sql = "\(Schema.select(.grants)) \(clause) ORDER BY id"
        var paragraphs = ParagraphKeys()
        var out: [Grant] = []
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let r = try cursor.next() {
            let key: String = r[3]
            let paragraph = try paragraphs.parse(key)
            out.append(Grant(caseId: r[0], cpr: CPR(value: r[1]), name: r[2], paragraph: paragraph, serviceCode: r[4],
                             serviceName: r[5], provider: r[6], start: Day(ordinal: r[7]), end: day(r[8]),
                             rate: (r[9] as Int64?).map(Money.init(ore:)), rateUnit: (r[10] as String?).flatMap(RateUnit.init(rawValue:)),
                             hoursPerWeek: (r[11] as Int64?).map(Hundredths.init), caseworker: r[12], team: r[13],
                             nextFollowUp: day(r[14]), lastFollowUp: day(r[15]), targetGroup: r[16],
                             actingMunicipality: r[17], payingMunicipality: r[18], line: r[19]))
        }
        return out
    }

    static func staff(_ db: Database) throws -> [StaffMember] {
        try Row.fetchAll(db, sql: "\(Schema.select(.staff)) ORDER BY id").map { r in
            StaffMember(initials: r[0], name: r[1], team: r[2], role: StaffRole(rawValue: r[3]) ?? .caseworker, username: r[4], line: r[5])
        }
    }

    /// Every record of the snapshot (for computations over the whole drop and for tests).
    public func dataset() throws(SnapshotError) -> Dataset {
        let meta = try metadata()
        var d = Dataset(municipality: meta.municipality)
        d.sources = try sources()
        d.rejected = try rejectedRows()
        try read { db in
            d.grants = try Snapshot.grants(db)
            d.staff = try Snapshot.staff(db)
            // In the order of the file.
            try Snapshot.payments(db, from: "payments_by_cpr", where: "", [], into: &d)
            d.payments.sort { $0.line < $1.line }
            d.budget = try Row.fetchAll(db, sql: "\(Schema.select(.budget)) ORDER BY id").map { r in
                BudgetLine(year: r[0], month: r[1], function: r[2], budget: Money(ore: r[3]),
                           correctedBudget: (r[4] as Int64?).map(Money.init(ore:)), line: r[5])
            }
            d.dst = try Snapshot.dst(db, where: "", [])
            d.mapping = try Snapshot.mapping(db)
            d.decisions = try Snapshot.decisions(db)
            d.appeals = try Snapshot.appeals(db)
            d.providers = try Snapshot.providers(db)
            d.statbank = try Snapshot.statbank(db)
            d.population = try Snapshot.population(db)
        }
        return d
    }

    /// The applications and decisions (management.md §4), in file order; only those without a
    /// decision with `pendingOnly`.
    public func decisions(pendingOnly: Bool = false) throws(SnapshotError) -> [Decision] {
        try read { try Snapshot.decisions($0, pendingOnly: pendingOnly) }
    }

    /// The applications that name case `caseId`, in file order.
    public func decisions(caseId: String) throws(SnapshotError) -> [Decision] {
        try read { try Snapshot.decisions($0, where: "WHERE case_id = ?", [caseId]) }
    }

    /// The applications decided within `range` that name a case (what ledelsestilsyn's frame reads), in file order.
    public func decisions(decidedWithin range: DayRange) throws(SnapshotError) -> [Decision] {
        try read { try Snapshot.decisions($0, where: "WHERE decided BETWEEN ? AND ? AND case_id <> ''",
                                          [range.start.ordinal, range.end.ordinal]) }
    }

    /// Servicemål's rows as the sync stored them, in order; nil when it stored none.
    public func serviceGoalLines() throws(SnapshotError) -> [ServiceGoalLine]? {
        try read { db -> [ServiceGoalLine]? in
            guard try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'service_goal_lines'") == "stored" else { return nil }
            return try Row.fetchAll(db, sql: """
                SELECT paragraph, year, quarter, goal, decided, shelved, in_time, late, late_without_notice, median_days
                FROM service_goal_lines ORDER BY position
                """).map { r in
                ServiceGoalLine(paragraph: try (r[0] as String?).map(storedParagraph), quarter: Quarter(year: r[1], quarter: r[2]),
                                goal: (r[3] as String?).flatMap { ServiceGoal(parsing: $0) }, decided: r[4], shelved: r[5],
                                inTime: r[6], late: r[7], lateWithoutNotice: r[8], medianDays: r[9])
            }
        }
    }

    static func decisions(_ db: Database, pendingOnly: Bool = false) throws -> [Decision] {
        try decisions(db, where: pendingOnly ? "WHERE decided IS NULL" : "", [])
    }

    static func decisions(_ db: Database, where clause: String, _ arguments: StatementArguments) throws -> [Decision] {
        // (At national size one application per grant: read through a cursor, each paragraph parsed once.)
        var out: [Decision] = [], paragraphs = ParagraphKeys()
        let rows = try Row.fetchCursor(db, sql: "\(Schema.select(.decisions)) \(clause) ORDER BY id", arguments: arguments)
        while let r = try rows.next() {
            let key: String = r[2]
            let paragraph = try paragraphs.parse(key)
            out.append(Decision(applicationId: r[0], cpr: CPR(value: r[1]), paragraph: paragraph, caseworker: r[3], team: r[4],
                                received: Day(ordinal: r[5]), decided: (r[6] as Int32?).map(Day.init(ordinal:)),
                                outcome: (r[7] as String?).flatMap { DecisionOutcome(rawValue: $0) }, caseId: r[8], serviceCode: r[9],
                                noticeSent: (r[10] as Int32?).map(Day.init(ordinal:)), line: r[11]))
        }
        return out
    }

    /// Klagesager as the sync stored it for `today`: its lines in order and the appeals pending at
    /// the board, the oldest first (nil when it did not: another today, or an older snapshot).
    public func storedAppeals(today: Day) throws(SnapshotError) -> (lines: [AppealLine], pending: [PendingAppeal])? {
        try read { db -> (lines: [AppealLine], pending: [PendingAppeal])? in
            guard try Snapshot.hasViews(db, for: today),
                  try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'appeal_lines'") == "stored" else { return nil }
            var lines: [AppealLine] = [], paragraphs = ParagraphKeys()
            let r = try RawRows(db, """
                SELECT paragraph, year, upheld, changed_or_annulled, remitted, not_on_merits, received, reconsidered_in_time,
                  agreed_in_reconsideration, pending FROM appeal_lines ORDER BY position
                """)
            while try r.next() {
                var l = AppealLine(paragraph: try r.textOrNil(0).map { try paragraphs.parse($0) }, year: r.int(1))
                l.upheld = r.int(2); l.changedOrAnnulled = r.int(3); l.remitted = r.int(4); l.notOnMerits = r.int(5)
                l.received = r.int(6); l.reconsideredInTime = r.int(7); l.agreedInReconsideration = r.int(8)
                l.pending = r.int64OrNil(9).map { Int($0) }
                lines.append(l)
            }
            let pending = try Snapshot.appeals(db, join: "JOIN pending_appeals p ON p.appeal = appeals.appeal_id", order: "p.position")
                .map { PendingAppeal(appeal: $0, ageDays: $0.received.distance(to: today)) }
            return (lines, pending)
        }
    }

    /// The appeals (management.md §5), in file order.
    public func appeals() throws(SnapshotError) -> [Appeal] { try read { try Snapshot.appeals($0) } }

    static func appeals(_ db: Database, join: String = "", order: String = "appeals.id") throws -> [Appeal] {
        // (One appeal per twenty applications at national size: SQLite's column calls, each paragraph parsed once.)
        var out: [Appeal] = [], paragraphs = ParagraphKeys()
        let r = try RawRows(db, "\(Schema.select(.appeals)) \(join) ORDER BY \(order)")
        func day(_ i: Int32) -> Day? { r.int32OrNil(i).map(Day.init(ordinal:)) }
        while try r.next() {
            let paragraph = try r.withText(2) { paragraphs.parsed($0) } ?? storedParagraph(r.text(2))
            out.append(Appeal(appealId: r.text(0), cpr: CPR(value: r.int64(1)), paragraph: paragraph, decisionDate: day(3),
                              received: Day(ordinal: r.int32(4)), reconsidered: day(5),
                              reconsideration: r.textOrNil(6).flatMap { Reconsideration(rawValue: $0) }, boardDecided: day(7),
                              outcome: r.textOrNil(8).flatMap { AppealOutcome(rawValue: $0) }, caseworker: r.text(9), line: r.int(10)))
        }
        return out
    }

    /// The places agreed per provider (management.md §7), in file order.
    public func providers() throws(SnapshotError) -> [ProviderAgreement] { try read { try Snapshot.providers($0) } }

    static func providers(_ db: Database) throws -> [ProviderAgreement] {
        try Row.fetchAll(db, sql: "\(Schema.select(.providers)) ORDER BY id").map { r in
            ProviderAgreement(provider: r[0], paragraph: try (r[1] as String?).map(storedParagraph), places: r[2],
                              from: (r[3] as Int32?).map(Day.init(ordinal:)), to: (r[4] as Int32?).map(Day.init(ordinal:)),
                              own: (r[5] as Int) != 0, budgetedOccupancy: (r[6] as Int64?).map { Double($0) / 100 }, line: r[7])
        }
    }

    /// StatBank's service table (management.md §6), in file order: the service cell split into its
    /// code and text again.
    public func statbank() throws(SnapshotError) -> [StatBankFigure] { try read { try Snapshot.statbank($0) } }

    static func statbank(_ db: Database) throws -> [StatBankFigure] {
        try Row.fetchAll(db, sql: "\(Schema.select(.statbank)) ORDER BY id").map { r in
            let service: String = r[1]
            let code = service.prefix { $0.isASCII && $0.isNumber }
            return StatBankFigure(code: r[0], serviceType: String(code),
                                  serviceText: String(service.dropFirst(code.count).drop { $0 == " " }),
                                  quarter: try storedQuarter(r[2]), value: r[3], line: r[4])
        }
    }

    /// FOLK1A's population within the age band (management.md §6), in file order.
    public func population() throws(SnapshotError) -> [PopulationFigure] { try read { try Snapshot.population($0) } }

    static func population(_ db: Database) throws -> [PopulationFigure] {
        // (Every municipality's ages and quarters: each quarter's text parsed once.)
        var out: [PopulationFigure] = [], quarters: [String: Quarter] = [:]
        let r = try RawRows(db, "\(Schema.select(.population)) ORDER BY id")
        while try r.next() {
            let text = r.text(2)
            let quarter = try quarters[text] ?? storedQuarter(text)
            quarters[text] = quarter
            out.append(PopulationFigure(code: r.text(0), quarter: quarter, age: r.int(1), value: r.int64OrNil(3), line: r.int(4)))
        }
        return out
    }

    /// The DST extract's rows (the own figures of management.md §6), in file order.
    public func dstRows() throws(SnapshotError) -> [DstRow] { try read { try Snapshot.dst($0, where: "", []) } }

    /// What occupancy counts of the grants (management.md §7): the citizen, provider and days of
    /// each grant this municipality acts for that names a provider, in file order.
    /// With `within`, only the grants with a day in it.
    public func providerStays(within range: DayRange? = nil) throws(SnapshotError) -> [ProviderStay] {
        try read { db in
            var out: [ProviderStay] = []
            let window = range == nil ? "" : " AND start <= :to AND (\"end\" IS NULL OR \"end\" >= :from)"
            let arguments: StatementArguments = range.map { ["from": $0.start.ordinal, "to": $0.end.ordinal] } ?? [:]
            // (Most grants at national size: SQLite's column calls.)
            let r = try RawRows(db, "SELECT cpr, provider, start, \"end\" FROM grants WHERE acting_municipality IS NULL AND provider <> ''\(window) ORDER BY id",
                                arguments: arguments)
            while try r.next() {
                out.append(ProviderStay(cpr: CPR(value: r.int64(0)), provider: r.text(1),
                                        span: Span(start: Day(ordinal: r.int32(2)), end: r.int32OrNil(3).map(Day.init(ordinal:)))))
            }
            return out
        }
    }

    /// One citizen's records in every system (grants, payments, DST rows) and the mapping, read
    /// through the CPR indexes: what the citizen drill-down shows.
    public func citizen(_ cpr: CPR) throws(SnapshotError) -> Dataset {
        try partial { db, d in
            d.grants = try Snapshot.grants(db, where: "WHERE cpr = ?", [cpr.value])
            try Snapshot.payments(db, from: "payments_by_cpr", where: "WHERE cpr = ?", [cpr.value], into: &d)
            d.dst = try Snapshot.dst(db, where: "WHERE cpr = ?", [cpr.value])
            d.mapping = try Snapshot.mapping(db)
        }
    }

    /// The payments of an account function posted within `posted` (with their symbols' texts):
    /// the rows behind an Økonomi figure.
    public func payments(function: String, posted: DayRange) throws(SnapshotError) -> Dataset {
        try partial { db, d in
            let (a, b) = (posted.start.components, posted.end.components)
            try Snapshot.payments(db, from: "payments_by_month", where: "WHERE function = ? AND posting_month BETWEEN ? AND ?",
                                  [function, a.year * 100 + a.month, b.year * 100 + b.month], into: &d)
            d.payments = d.payments.filter { posted.contains($0.postingDate) }.sorted { $0.line < $1.line }
        }
    }

    /// Unpacks the payment blocks of `table` that `clause` selects into `d`, with the symbols.
    static func payments(_ db: Database, from table: String, where clause: String, _ arguments: StatementArguments,
                         into d: inout Dataset) throws {
        d.symbols = Symbols(texts: try String.fetchAll(db, sql: "SELECT text FROM symbols ORDER BY id"))
        let rows = try Row.fetchCursor(db, sql: "SELECT count, data FROM \(table) \(clause)", arguments: arguments)
        while let r = try rows.next() {
            let count: Int = r["count"]
            let data = r.dataNoCopy(atIndex: 1) ?? Data()
            data.withUnsafeBytes { d.payments.append(contentsOf: PaymentCodec.decode($0, count: count)) }
        }
    }

    static func dst(_ db: Database, where clause: String, _ arguments: StatementArguments) throws -> [DstRow] {
        // (A national extract: SQLite's own column calls, and each paragraph's key parsed once.)
        var out: [DstRow] = [], paragraphs = ParagraphKeys()
        let r = try RawRows(db, "\(Schema.select(.dst)) \(clause) ORDER BY id", arguments: arguments)
        while try r.next() {
            let key = r.text(1)
            let paragraph = try paragraphs.parse(key)
            out.append(DstRow(cpr: CPR(value: r.int64(0)), paragraph: paragraph, dstCode: r.text(2), start: Day(ordinal: r.int32(3)),
                              end: r.int32OrNil(4).map(Day.init(ordinal:)), targetGroup: r.text(5), line: r.int(6)))
        }
        return out
    }

    /// The mapping between paragraphs, account functions and DST codes.
    public func mapping() throws(SnapshotError) -> [MappingRow] { try read { try Snapshot.mapping($0) } }

    static func mapping(_ db: Database) throws -> [MappingRow] {
        try Row.fetchAll(db, sql: "\(Schema.select(.mapping)) ORDER BY id").map { r in
            MappingRow(paragraph: try storedParagraph(r[0]), function: r[1], grouping: r[2], dstCode: r[3],
                       serviceCodes: (r[4] as String).split(separator: ",").map(String.init), label: r[5], line: r[6])
        }
    }

    /// The figures the sync derived for `year`, or nil when it derived none for that year.
    /// `withDiscrepancies` false: the reconciliation without its list of discrepancies (read in
    /// windows instead: `discrepancyIndex`), kept apart (or taken from the whole figures if read).
    public func derived(year: Int, withDiscrepancies: Bool = true) throws(SnapshotError) -> DerivedFigures? {
        if let known = kept.withLock({ withDiscrepancies ? $0.derived[year] : $0.derived[year] ?? $0.derivedWithout[year] }) {
            guard !withDiscrepancies, var figures = known else { return known }
            figures.reconciliation?.discrepancies = []
            return figures
        }
        let read = try readDerived(year: year, discrepancies: withDiscrepancies)
        kept.withLock { if withDiscrepancies { $0.derived[year] = .some(read) } else { $0.derivedWithout[year] = .some(read) } }
        return read
    }

    private func readDerived(year: Int, discrepancies withDiscrepancies: Bool) throws(SnapshotError) -> DerivedFigures? {
        try read { db -> DerivedFigures? in
            guard let y = try Row.fetchOne(db, sql: "SELECT * FROM derived_years WHERE year = ?", arguments: [year]) else { return nil }
            var reconciliation: Reconciliation?
            if let start = y["period_start"] as Int32?, let end = y["period_end"] as Int32? {
                let period = DayRange(ordering: Day(ordinal: start), Day(ordinal: end))
                let ottetal = try Row.fetchAll(db, sql: "SELECT * FROM ottetal WHERE year = ? ORDER BY rowid", arguments: [year]).map { r in
                    OttetalLine(paragraph: try storedParagraph(r["paragraph"]), period: period, caseSystem: r["case_system"],
                                economy: r["economy"], both: r["both"], onlyCaseSystem: r["only_case_system"], onlyEconomy: r["only_economy"],
                                fullTimeCaseSystem: FullTimePersons(coveredDays: r["covered_case_days"], periodDays: r["period_days"]),
                                fullTimeEconomy: FullTimePersons(coveredDays: r["covered_economy_days"], periodDays: r["period_days"]))
                }
                let discrepancies = withDiscrepancies ? try Snapshot.discrepancies(db, where: "year = ?", [year]) : []
                reconciliation = Reconciliation(period: period, ottetal: ottetal, discrepancies: discrepancies)
            }
            let budget = try Row.fetchAll(db, sql: "SELECT * FROM budget_months WHERE year = ? ORDER BY rowid", arguments: [year]).map { r in
                BudgetMonth(year: r["year"], month: r["month"], function: r["function"], label: r["label"], budget: Money(ore: r["budget"]),
                            spend: Money(ore: r["spend"]), cumulativeBudget: Money(ore: r["cumulative_budget"]),
                            cumulativeSpend: Money(ore: r["cumulative_spend"]), deviation: Money(ore: r["deviation"]),
                            annualBudget: Money(ore: r["annual_budget"]), forecastYear: Money(ore: r["forecast_year"]),
                            fullTimePersons: FullTimePersons(coveredDays: r["covered_days"], periodDays: r["period_days"]),
                            unitCost: (r["unit_cost"] as Int64?).map(Money.init(ore:)))
            }
            let movements = try Row.fetchAll(db, sql: "SELECT * FROM movements WHERE year = ? ORDER BY rowid", arguments: [year]).map { r in
                MovementLine(year: r["year"], month: r["month"], paragraph: try storedParagraph(r["paragraph"]),
                             inflow: r["inflow"], outflow: r["outflow"], activeAtMonthEnd: r["active_at_month_end"])
            }
            return DerivedFigures(year: year, reconciliation: reconciliation, budget: budget, movements: movements)
        }
    }
}

/// Paragraph keys parsed once per read: a table of national size repeats a few dozen keys.
struct ParagraphKeys {
    private var known: [String: Paragraph] = [:]
    private var knownBytes: [([UInt8], Paragraph)] = []  // (a municipality has a few dozen paragraphs)
    /// `knownBytes`' keys packed (`packed`; 0 for a longer key), at the same numbers.
    private var knownPacked: [UInt64] = []

    /// The paragraph of a key's UTF-8 bytes, or nil when it is none.
    mutating func parsed(_ key: UnsafeBufferPointer<UInt8>) -> Paragraph? { numbered(key)?.paragraph }

    /// The paragraph numbered `number` by `numbered`.
    func paragraph(number: Int) -> Paragraph? { knownBytes.indices.contains(number) ? knownBytes[number].1 : nil }

    /// The paragraph of a key's UTF-8 bytes with its number among the keys met so far (from 0, in
    /// the order met), or nil when it is none: a count per paragraph kept without hashing one.
    mutating func numbered(_ key: UnsafeBufferPointer<UInt8>) -> (number: Int, paragraph: Paragraph)? {
        // A key of up to seven bytes (`SEL-85`, `ABL-105`) is compared as one number.
        let packed = ParagraphKeys.packed(key)
        if let packed, let i = knownPacked.firstIndex(of: packed) { return (i, knownBytes[i].1) }
        if packed == nil, let i = knownBytes.firstIndex(where: { $0.0.elementsEqual(key) }) { return (i, knownBytes[i].1) }
        guard let p = parsed(String(decoding: key, as: UTF8.self)) else { return nil }
        knownBytes.append((Array(key), p))
        knownPacked.append(packed ?? 0)  // (0 is no packed key: every packed key holds its length)
        return (knownBytes.count - 1, p)
    }

    /// The bytes of a key of one to seven bytes as one number, its length in the top byte; nil for another.
    private static func packed(_ key: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard (1...7).contains(key.count) else { return nil }
        return key.reduce(UInt64(0)) { $0 << 8 | UInt64($1) } | UInt64(key.count) << 56  // (seven bytes fill the 56 bits below)
    }

    /// The paragraph of a key, or nil when it is none.
    mutating func parsed(_ key: some StringProtocol) -> Paragraph? {
        let text = String(key)
        if let p = known[text] { return p }
        let p = Paragraph(key: text)
        if let p { known[text] = p }
        return p
    }

    /// The paragraph of a stored key, an error when it is none (`storedParagraph`).
    mutating func parse(_ key: String) throws -> Paragraph {
        if let p = parsed(key) { return p }
        return try storedParagraph(key)
    }
}

/// A paragraph key read back from a snapshot. The sync writes only keys it parsed, so a key no
/// paragraph has means the file was changed by other hands: an error naming it, never a crash.
func storedParagraph(_ key: String) throws -> Paragraph {
    guard let p = Paragraph(key: key) else {
        throw SnapshotContentError(message: "the stored paragraph \"\(key)\" is no paragraph key; was the snapshot edited?")
    }
    return p
}

/// A quarter read back from a snapshot (`2025K3`), an error when the file was edited.
func storedQuarter(_ text: String) throws -> Quarter {
    guard let q = Quarter(parsing: text) else {
        throw SnapshotContentError(message: "the stored quarter \"\(text)\" is no quarter; was the snapshot edited?")
    }
    return q
}

/// A value in a snapshot that the sync cannot have written.
package struct SnapshotContentError: Error, CustomStringConvertible {
    package var message: String
    package init(message: String) { self.message = message }
    package var description: String { message }
}
