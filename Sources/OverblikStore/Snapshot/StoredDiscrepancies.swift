import GRDB
import OverblikCore

/// The stored discrepancies read a few at a time (Afstemning of a whole municipality is read in
/// windows): by rowid, which is the list's order, and by what picks a few out (a citizen, a key,
/// a kind). The whole list is read only by `derived(year:)`, for the reports.
extension Snapshot {
    /// What a discrepancy is read from, after its rowid: the columns `reading` names, the others
    /// selected empty in their places (the decoding is the same).
    private static func discrepancySelect(_ reading: DiscrepancyReading = .everything) -> String {
        "SELECT rowid, \(reading.key ? "key" : "''"), kind, paragraph, cpr, "
            + DiscrepancyText.allCases.map { reading.reads($0) ? $0.columns : $0.empty }.joined(separator: ", ")
            + " FROM discrepancies"
    }

    private static let discrepancyColumns = discrepancySelect()

    /// The discrepancy of a row read with `discrepancySelect(reading)`; nil for a kind this build
    /// does not know. Only what `reading` names is decoded (the rest as it reads empty): a sort by
    /// one column decodes one column of each row.
    private static func discrepancy(_ r: RawRows, _ paragraphs: inout ParagraphKeys,
                                    _ reading: DiscrepancyReading = .everything) throws -> Discrepancy? {
        guard let kind = r.withText(2, discrepancyKind) else { return nil }
        func list(_ column: Int32) -> [String] { r.withText(column) { $0.isEmpty ? [] : $0.split(separator: UInt8(ascii: ",")).map { String(decoding: $0, as: UTF8.self) } } }
        func message(_ da: Int32) -> Message? { r.textOrNil(da).flatMap { text in r.textOrNil(da + 1).map { Message(da: text, en: $0) } } }
        let paragraph = try r.withText(3) { bytes in try paragraphs.parsed(bytes) ?? storedParagraph(String(decoding: bytes, as: UTF8.self)) }
        let x = reading
        return Discrepancy(key: x.key ? r.text(1) : "", kind: kind, paragraph: paragraph, cpr: r.int64OrNil(4).map(CPR.init(value:)),
                           caseIds: x.caseIds ? list(5) : [], voucherIds: x.voucherIds ? list(6) : [],
                           month: x.month ? r.textOrNil(7) : nil, caseworker: x.caseworker ? r.text(8) : "",
                           amount: x.amount ? r.int64OrNil(9).map(Money.init(ore:)) : nil, explained: x.explained && r.int(10) != 0,
                           explanation: x.explanation ? message(11) : nil, message: (x.message ? message(13) : nil) ?? Message(da: "", en: ""))
    }

    /// Which of a discrepancy's columns a read selects and decodes: `only`'s texts (nil: all) and
    /// the key with `key`, looked up once per read, not per row.
    struct DiscrepancyReading {
        let key, caseIds, voucherIds, month, caseworker, amount, explained, explanation, message: Bool
        static let everything = DiscrepancyReading(only: nil, key: true)

        init(only: Set<DiscrepancyText>?, key: Bool) {
            func reads(_ text: DiscrepancyText) -> Bool { only?.contains(text) ?? true }
            self.key = key
            (caseIds, voucherIds, month, caseworker) = (reads(.caseIds), reads(.voucherIds), reads(.month), reads(.caseworker))
            (amount, explained, explanation, message) = (reads(.amount), reads(.explained), reads(.explanation), reads(.message))
        }

        /// Whether `text`'s columns are read.
        func reads(_ text: DiscrepancyText) -> Bool {
            switch text {
            case .caseIds: caseIds
            case .voucherIds: voucherIds
            case .month: month
            case .caseworker: caseworker
            case .amount: amount
            case .explained: explained
            case .explanation: explanation
            case .message: message
            }
        }
    }

    /// The kinds by their stored names' bytes: a kind told without making a string of its name
    /// (a sort of Afstemning reads every row's).
    private static let kindNames = DiscrepancyKind.allCases.map { (Array($0.rawValue.utf8), $0) }

    /// The kind stored as `name`; nil for one this build does not know.
    private static func discrepancyKind(_ name: UnsafeBufferPointer<UInt8>) -> DiscrepancyKind? {
        kindNames.first { $0.0.elementsEqual(name) }?.1
    }

    /// The discrepancies `where` picks, in the list's order.
    static func discrepancies(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> [Discrepancy] {
        let r = try RawRows(db, "\(discrepancyColumns) WHERE \(condition) ORDER BY rowid", arguments: arguments)
        var out: [Discrepancy] = [], paragraphs = ParagraphKeys()
        while try r.next() { if let d = try discrepancy(r, &paragraphs) { out.append(d) } }
        return out
    }

    /// The list of `year`'s discrepancies as rowids in the list's order, only those `shown`
    /// accepts by caseworker (those about no citizen always; nil: every one), with how many the
    /// year has in all and how many of them are explained. Keys only: a few bytes a discrepancy.
    public func discrepancyIndex(year: Int, shown: ((String) -> Bool)?) throws(SnapshotError) -> (rowids: [Int64], total: Int, explained: Int) {
        try read { db in
            let r = try RawRows(db, "SELECT rowid, explained, cpr IS NULL, caseworker FROM discrepancies WHERE year = ? ORDER BY rowid",
                                arguments: [year])
            var rowids: [Int64] = [], total = 0, explained = 0
            var seen: [String: Bool] = [:]  // (by caseworker: a few thousand at most)
            while try r.next() {
                total += 1
                if r.int(1) != 0 { explained += 1 }
                if let shown, r.int(2) == 0 {
                    let caseworker = r.text(3)
                    let sees = seen[caseworker] ?? shown(caseworker)
                    seen[caseworker] = sees
                    guard sees else { continue }
                }
                rowids.append(r.int64(0))
            }
            return (rowids, total, explained)
        }
    }

    /// The discrepancies with `rowids`, in the order asked (nil for a rowid the table does not
    /// have): a screen's window in one read.
    public func discrepancies(rowids: [Int64]) throws(SnapshotError) -> [Discrepancy?] {
        try read { db in
            var paragraphs = ParagraphKeys()
            return try Snapshot.byKey(db, Snapshot.discrepancyColumns, "rowid", rowids) { try Snapshot.discrepancy($0, &paragraphs) }
        }
    }

    /// `year`'s discrepancies with `rowids` (ascending, as `discrepancyIndex` gives them) in that
    /// order, each given to `body` (nil for one this build cannot make or a rowid not found), in
    /// one pass along the table: a sort or a filter reads every row of the list. With `only`, just
    /// those of a discrepancy's texts are read (the others empty): a sort by one column need not
    /// read every message; without `key`, their keys are read as "" (a column that does not show it).
    package func forEachDiscrepancy(year: Int, rowids: [Int64], only: Set<DiscrepancyText>? = nil, key: Bool = true,
                                    _ body: (Discrepancy?) -> Void) throws(SnapshotError) {
        try read { db in
            // (Along the rowids' range: by the year's index, SQLite sorted the rows by rowid again.)
            let reading = DiscrepancyReading(only: only, key: key)
            let r = try RawRows(db, "\(Snapshot.discrepancySelect(reading)) WHERE rowid BETWEEN ? AND ? AND +year = ? ORDER BY rowid",
                                arguments: [rowids.first ?? 0, rowids.last ?? -1, year])
            var paragraphs = ParagraphKeys(), next = 0
            while next < rowids.count, try r.next() {
                let rowid = r.int64(0)
                while next < rowids.count && rowids[next] < rowid { body(nil); next += 1 }  // (not in the table)
                guard next < rowids.count, rowids[next] == rowid else { continue }  // (one the viewer does not see)
                body(try Snapshot.discrepancy(r, &paragraphs, reading))
                next += 1
            }
            for _ in next..<rowids.count { body(nil) }
        }
    }

    /// The kind and paragraph of `year`'s discrepancies with `rowids` (ascending, as
    /// `discrepancyIndex` gives them), in that order (nil for a kind this build does not know or a
    /// rowid not found): read from the year's index alone, which holds both, a few bytes a row
    /// instead of every row of the table (Afstemning's filter by kind or paragraph on L's 10.777
    /// lines: a read of 4-23 ms in two halves, each row's messages stepped over).
    package func discrepancyKindsAndParagraphs(year: Int, rowids: [Int64]) throws(SnapshotError) -> [(kind: DiscrepancyKind, paragraph: Paragraph)?] {
        try read { db in
            var out = [(kind: DiscrepancyKind, paragraph: Paragraph)?](repeating: nil, count: rowids.count)
            guard let low = rowids.first, let high = rowids.last else { return out }
            // (The index is in kind and paragraph order: each row put at its rowid's position.)
            let r = try RawRows(db, "SELECT rowid, kind, paragraph FROM discrepancies INDEXED BY discrepancies_year WHERE year = ? AND rowid BETWEEN ? AND ?",
                                arguments: [year, low, high])
            var paragraphs = ParagraphKeys()
            var last: (kind: [UInt8], value: DiscrepancyKind?) = ([], nil)
            var lastParagraph: (bytes: [UInt8], value: Paragraph)?
            while try r.next() {
                let rowid = r.int64(0)
                guard let position = Snapshot.position(of: rowid, in: rowids) else { continue }  // (one the viewer does not see)
                // (Equal kinds side by side in the index: the kind told from its bytes once per run.)
                let kind = r.withText(1) { bytes -> DiscrepancyKind? in
                    if !bytes.elementsEqual(last.kind) { last = (Array(bytes), Snapshot.discrepancyKind(bytes)) }
                    return last.value
                }
                guard let kind else { continue }
                // (So are equal paragraphs within a kind: parsed once per run.)
                let paragraph = try r.withText(2) { bytes -> Paragraph in
                    if let known = lastParagraph, known.bytes.elementsEqual(bytes) { return known.value }
                    let parsed = try paragraphs.parsed(bytes) ?? storedParagraph(String(decoding: bytes, as: UTF8.self))
                    lastParagraph = (Array(bytes), parsed)
                    return parsed
                }
                out[position] = (kind, paragraph)
            }
            return out
        }
    }

    /// Where `rowid` is in `rowids` (ascending), if it is.
    private static func position(of rowid: Int64, in rowids: [Int64]) -> Int? {
        var (low, high) = (0, rowids.count)
        while low < high {
            let mid = (low + high) / 2
            if rowids[mid] < rowid { low = mid + 1 } else { high = mid }
        }
        return low < rowids.count && rowids[low] == rowid ? low : nil
    }

    /// `year`'s discrepancies about one citizen, in the list's order.
    public func discrepancies(year: Int, cpr: CPR) throws(SnapshotError) -> [Discrepancy] {
        try read { try Snapshot.discrepancies($0, where: "cpr = ? AND year = ?", [cpr.value, year]) }
    }

    /// `year`'s discrepancy with `key`, if it has one.
    public func discrepancy(year: Int, key: String) throws(SnapshotError) -> Discrepancy? {
        try read { try Snapshot.discrepancies($0, where: "key = ? AND year = ?", [key, year]).first }
    }

    /// `year`'s discrepancies of one kind (the data breaks for Datastatus), in the list's order.
    public func discrepancies(year: Int, kind: DiscrepancyKind) throws(SnapshotError) -> [Discrepancy] {
        try read { try Snapshot.discrepancies($0, where: "year = ? AND kind = ?", [year, kind.rawValue]) }
    }

    /// Which of `keys` `year` has a discrepancy with (the annotated ones that are still found).
    public func discrepancyKeys(year: Int, among keys: some Sequence<String>) throws(SnapshotError) -> Set<String> {
        try read { db in
            var found = Set<String>()
            let statement = try db.makeStatement(sql: "SELECT 1 FROM discrepancies WHERE key = ? AND year = ? LIMIT 1")
            for key in keys where try Bool.fetchOne(statement, arguments: [key, year]) != nil { found.insert(key) }
            return found
        }
    }
}

/// What a stored discrepancy holds besides its key, kind, paragraph and citizen, in the table's
/// column order (see `forEachDiscrepancy(year:rowids:only:)`).
package enum DiscrepancyText: CaseIterable, Sendable {
    case caseIds, voucherIds, month, caseworker, amount, explained, explanation, message

    /// Its columns in the table.
    var columns: String {
        switch self {
        case .caseIds: "case_ids"
        case .voucherIds: "voucher_ids"
        case .month: "month"
        case .caseworker: "caseworker"
        case .amount: "amount"
        case .explained: "explained"
        case .explanation: "explanation_da, explanation_en"
        case .message: "message_da, message_en"
        }
    }

    /// The same columns left empty (as an absent value reads).
    var empty: String {
        switch self {
        case .caseIds, .voucherIds, .caseworker: "''"
        case .month, .amount: "NULL"
        case .explained: "0"
        case .explanation: "NULL, NULL"
        case .message: "'', ''"
        }
    }
}
