import Foundation
import OverblikCore
import OverblikStore
import Synchronization

/// The pages of the application: each tab's list, and what `⏎` opens from a row.
extension AppModel {
    var c: ReportContext { context }

    func mineSager() -> Page {
        guard let user = data.user else {
            return Page(kind: .caseload, caption: c.t("Ingen bruger: start med --user INITIALER", "No user: start with --user INITIALS"),
                        table: Views.caseload(data.people, caseworker: "", today: data.today, dueSoonDays: data.dueSoonDays), context: c)
            // (no grants read: nobody's caseload)
        }
        var page = caseloadPage(user.initials)
        page.caption = c.t("Sager for ", "Cases of ") + staffLabel(user.initials)
        // The caseworker's pending applications with their deadlines above the cases, overdue first.
        let pending = reporting { try data.query.pendingApplications(ReportFilter(caseworker: user.initials)).rows } ?? []
        if !pending.isEmpty {
            let overdue = pending.filter { $0.status == .overdue }.count
            page = Page(kind: .caseload, caption: page.caption + c.t(" · \(pending.count) \(pending.count == 1 ? "ansøgning venter" : "ansøgninger venter")",
                                                                 " · \(pending.count) \(pending.count == 1 ? "application pending" : "applications pending")")
                            + (overdue > 0 ? c.t(", \(overdue) over fristen", ", \(overdue) past the deadline") : ""),
                        table: page.table, above: pendingTable(pending, without: ["cpr", "caseworker", "team", "noticeSent"]), context: c)
        }
        return page
    }

    /// Pending applications as a table above a list, without the columns the page makes needless.
    func pendingTable(_ pending: [PendingApplication], without keys: [String]) -> ViewTable {
        Views.deadlines(pending).removing(keys)
    }

    func staffLabel(_ initials: String) -> String {
        let name = data.people.staff.first { $0.initials.lowercased() == initials.lowercased() }?.name ?? ""
        return initials + (name.isEmpty ? "" : " · \(name)")
    }

    func caseloadPage(_ initials: String) -> Page {
        let grants = reporting { try data.query.caseload(caseworker: initials) } ?? data.people
        let table = Views.caseload(grants, caseworker: initials, today: data.today, dueSoonDays: data.dueSoonDays)
        return Page(kind: .caseload, caption: c.t("Sager for ", "Cases of ") + staffLabel(initials), table: table, context: c)
    }

    /// Team: a line per caseworker (3.000 at national size), made as it is shown from the lines,
    /// with a bar of the counts per paragraph (the three largest paragraphs of the list, the rest as
    /// one) against the team's median, and with applications each caseworker's past the deadline.
    func teamPage() -> Page {
        let user = data.user
        let team = user?.role == .teamLead ? user?.team : nil
        let filter = ReportFilter(team: team)
        // The stored lines are read a window at a time; held are their positions, the bars' totals and
        // the first 1.000 lines (the ones the columns are measured on).
        let list = reporting { try data.query.teamList(team: team) } ?? TeamList(held: [])
        var columns = Views.teamColumns()
        let scale = list.largest
        let largest = list.totals.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(3).map(\.key)
        let others = c.t("andre", "others"), labels = largest.map(\.display) + [others]
        let barAt = min(4, columns.columns.count)
        columns.columns.insert(.init("bar", da: "Pr. paragraf │median", en: "By paragraph │median", maxWidth: 20, priority: 6), at: barAt)
        // With applications (management.md §4): how many of each caseworker's are past the deadline.
        var overdueOf: [String: Int]?, overdueAt: Int?
        if let pending = reporting({ try data.query.pendingApplications(filter) }), pending.missing == nil, let overdue = columns.column("overdue") {
            var counts: [String: Int] = [:]
            for p in pending.rows where p.status == .overdue { counts[p.decision.caseworker.lowercased(), default: 0] += 1 }
            columns.columns.insert(.init("overdueApplications", da: "Ansøgn. over frist", en: "Applications overdue", right: true, maxWidth: 10,
                                         priority: 4), at: overdue + 1)
            (overdueOf, overdueAt) = (counts, overdue + 1)
        }
        let source = TeamRows(list: list, width: columns.columns.count) { [scale, overdueOf, overdueAt] line in
            var row = Views.teamRow(line)
            row.reserveCapacity(row.count + 2)  // (the bar and the applications: grown at once, not doubled)
            var segments = largest.enumerated().map { k, p in
                Bar.Segment(value: Double(line.byParagraph[p] ?? 0), glyph: Bar.part(k).0, style: Bar.part(k).1)
            }
            let rest = line.byParagraph.reduce(0) { $0 + (largest.contains($1.key) ? 0 : $1.value) }
            segments.append(Bar.Segment(value: Double(rest), glyph: Bar.part(3).0, style: Bar.part(3).1))
            row.insert(.bar(Bar(segments: segments, mark: line.teamMedian, scale: Double(scale), labels: labels)), at: barAt)
            if let overdueOf, let overdueAt {
                let n = overdueOf[line.caseworker.lowercased()] ?? 0
                row.insert(n > 0 ? .coded(String(n), Message(da: "! \(n)", en: "! \(n)"), .overdue) : .int(0), at: overdueAt)
            }
            return row
        }
        let scope = team ?? c.t("alle teams", "all teams")
        let legend = largest.enumerated().map { "\(Bar.part($0.offset).0) \($0.element.display)" } + ["\(Bar.part(3).0) " + others]
        return Page(kind: .team, caption: "\(scope) · " + legend.joined(separator: " ") + c.t(" · ja: over 1,25 × median", " · yes: above 1.25 × median"),
                    columns: columns, source: source, context: c)
    }

    func followUpPage() -> Page {
        let user = data.user
        let filter = ReportFilter(caseworker: user?.role == .caseworker ? user?.initials : nil, team: user?.role == .teamLead ? user?.team : nil)
        let caption = c.t("Overskredet, snart og manglende opfølgning", "Overdue, due-soon and missing follow-ups")
        // Applications past their deadline (management.md §4) above the follow-ups, when there are any.
        let overdue = (reporting { try data.query.pendingApplications(filter).rows } ?? []).filter { $0.status == .overdue }
        let above = overdue.isEmpty ? nil : pendingTable(overdue, without: ["cpr", "team", "noticeSent", "status"])
        let full = overdue.isEmpty ? caption
            : caption + c.t(" · \(DanishNumber.grouped(overdue.count)) \(overdue.count == 1 ? "ansøgning" : "ansøgninger") over fristen",
                            " · \(DanishNumber.grouped(overdue.count)) \(overdue.count == 1 ? "application" : "applications") past the deadline")
        // The whole municipality's list is read from the snapshot in windows; a team's or a caseworker's is held.
        if let window = reporting({ try data.query.followUpWindow(filter) }) ?? nil {
            return Page(kind: .followUps, caption: full, columns: Views.followUps(lines: []), source: FollowUpRows(window: window),
                        above: above, context: c)
        }
        return Page(kind: .followUps, caption: full, table: followUpTable(filter), above: above, context: c)
    }

    /// The follow-up list (stored or computed, only what the user may see: the query layer decides).
    func followUpTable(_ filter: ReportFilter) -> ViewTable {
        Views.followUps(lines: reporting { try data.query.followUps(filter) } ?? [])
    }

    /// The month the year-to-date figures run to: the last month that is over (as in the
    /// reconciliation), else December of an earlier year.
    var throughMonth: Int { data.figures.year == data.today.year ? max(1, data.today.month - 1) : 12 }

    func functionsPage() -> Page {
        let rows = data.figures.budget
        let budget = rows.filter { $0.month == throughMonth }.reduce(Money.zero) { $0 + $1.annualBudget }.ore
        let forecast = rows.filter { $0.month == throughMonth }.reduce(Money.zero) { $0 + $1.forecastYear }.ore
        return Page(kind: .functions,
                    caption: c.t("Økonomi \(data.figures.year) til og med md. \(throughMonth) · årsbudget \(Money(ore: budget).danishKroner) · prognose (årets ydelser) \(Money(ore: forecast).danishKroner)",
                                 "Economy \(data.figures.year) through month \(throughMonth) · annual budget \(Money(ore: budget).danishKroner) · forecast (the year's services) \(Money(ore: forecast).danishKroner)"),
                    table: Views.functions(rows, month: throughMonth), context: c)
    }

    func monthsPage(_ function: String) -> Page {
        let mapping = MappingIndex(data.people.mapping)
        let paragraphs = Set(mapping.rows.filter { $0.function == function }.map(\.paragraph))
        let label = mapping.label(function: function)
        return Page(kind: .months(function: function),
                    caption: "\(function) \(label) · " + c.t("█ forbrug, │ budget; tilgang og afgang for ", "█ spend, │ budget; inflow and outflow of ")
                        + paragraphs.sorted().map(\.display).joined(separator: ", "),
                    table: Views.months(data.figures.budget, function: function, movements: data.figures.movements, paragraphs: paragraphs),
                    context: c)
    }

    func paymentsPage(_ function: String, month: Int) -> Page? {
        guard let source else { return nil }
        guard data.visibility.isEverything else {
            message = AccessCheck.refusal("posteringerne bag et tal viser alle borgere; det kræver adgang til alt",
                                          "the payments behind a figure show every citizen; that needs access to everything").text(c.language)
            return nil
        }
        let range = DayRange.month(month, of: data.figures.year)
        do {
            let caption = { (count: Int) in
                self.c.t("Posteringer på \(function) bogført \(monthKey(self.data.figures.year, month)): \(DanishNumber.grouped(count))",
                         "Payments on \(function) posted \(monthKey(self.data.figures.year, month)): \(DanishNumber.grouped(count))")
            }
            // A function's month is 164.516 payments on L: its block is read a few at a time as they
            // are shown (only its bytes held); without one (an older snapshot) they are held as read
            // and made into rows as shown, never held as cells (ten times the bytes).
            if let block = try source.paymentBlock(function: function, year: data.figures.year, month: month) {
                return Page(kind: .payments, caption: caption(block.count), columns: Views.paymentColumns(), source: PaymentBlockRows(block: block),
                            context: c)
            }
            let d = try source.payments(function: function, posted: range)
            let (payments, symbols) = (d.payments, d.symbols)
            return Page(kind: .payments, caption: caption(payments.count), columns: Views.paymentColumns(),
                        source: LazyRows(count: payments.count) { Views.paymentRow(payments[$0], symbols) }, context: c)
        } catch {
            message = describe(error)
            return nil
        }
    }

    func citizenPage(_ cpr: CPR) -> Page? {
        guard let source else { return nil }
        do {
            let d = try source.citizen(cpr)
            guard data.visibility.seesCitizen(grants: d.grants) else {
                message = AccessCheck.refusal("borgeren hører ikke til de sager, du har adgang til",
                                              "the citizen is not in the caseloads you have access to").text(c.language)
                return nil
            }
            let touching = reporting { try data.discrepancies?.touching(cpr) } ?? []
            let name = d.grants.first { !$0.name.isEmpty }?.name ?? ""
            var page = Page(kind: .citizen,
                            caption: "\(c.show(cpr))\(name.isEmpty ? "" : " · \(name)") · " + c.t("\(d.grants.count) bevillinger, \(d.payments.count) posteringer, \(d.dst.count) DST-rækker, \(touching.count) afvigelser",
                                                                                              "\(d.grants.count) grants, \(d.payments.count) payments, \(d.dst.count) DST rows, \(touching.count) discrepancies"),
                            table: Views.citizen(d, discrepancies: touching, today: data.today, dueSoonDays: data.dueSoonDays), context: c)
            page.subject = cpr.digits
            return page
        } catch {
            message = describe(error)
            return nil
        }
    }

    /// Afstemning: the ottetalskontrol above, the discrepancies below with their annotation, and
    /// the ones marked `rettet` that the reconciliation no longer finds, as resolved.
    func discrepancyPage() -> Page {
        guard let r = data.figures.reconciliation, let list = data.discrepancies else {
            return Page(kind: .discrepancies, caption: c.t("Ingen afsluttet måned i \(data.figures.year) endnu", "No month of \(data.figures.year) is over yet"),
                        table: ViewTable(view: "discrepancies", columns: [.init("kind", da: "Slags", en: "Kind")]), context: c)
        }
        // A line per discrepancy (10.777 on L), read from the snapshot a window at a time and made
        // as it is shown, with its annotation; then the resolved ones.
        var columns = Views.discrepancyColumns()
        columns.columns.insert(.init("annotation", da: "Status", en: "Status", maxWidth: 12, priority: 7), at: 2)
        columns.columns.append(.init("note", da: "Note", en: "Note", maxWidth: 30, priority: 0))
        guard let keyColumn = columns.column("key") else { return Page(kind: .discrepancies, caption: "", table: columns, context: c) }  // (it has it)
        let fixed = annotations.values.filter { $0.status == .fixed }.map(\.key)
        let stillFound = reporting { try list.found(among: fixed) } ?? Set(fixed)  // (unreadable: none shown as resolved)
        let resolved = AnnotationState.resolved(current: annotations, discrepancyKeys: stillFound)
        let resolvedRows = resolved.map { a in
            var row = columns.columns.map { _ in Cell.text("") }
            row[keyColumn] = .masked(a.key)
            if let key = DiscrepancyKey(text: a.key) {
                columns.set("kind", .kind(key.kind), in: &row)
                columns.set("paragraph", .paragraph(key.paragraph), in: &row)
                if let cpr = key.cpr { columns.set("cpr", .cpr(cpr), in: &row) }
            }
            row[2] = .message(Message(da: "✓ løst", en: "✓ resolved"))
            columns.set("message", .message(Message(da: "rettet og ikke længere fundet", en: "fixed and no longer found")), in: &row)
            row[columns.columns.count - 1] = .text(a.note)
            return row
        }
        let source = DiscrepancyRows(list: list, annotations: annotations, resolved: resolvedRows, table: columns)
        return Page(kind: .discrepancies,
                    caption: c.t("Afvigelser \(r.period.start.danish)–\(r.period.end.danish): \(DanishNumber.grouped(list.total)), heraf \(DanishNumber.grouped(list.explained)) forklarede",
                                 "Discrepancies \(r.period.start.danish)–\(r.period.end.danish): \(DanishNumber.grouped(list.total)), \(DanishNumber.grouped(list.explained)) explained")
                        + (resolved.isEmpty ? "" : c.t(" · \(resolved.count) løst", " · \(resolved.count) resolved")),
                    columns: columns, source: source, above: Views.ottetal(r, filter: ReportFilter()), context: c)
    }

    func sideBySidePage(key: String) -> Page? {
        guard let x = reporting({ try data.discrepancies?.withKey(key) }) ?? nil else {
            message = c.t("afvigelsen findes ikke længere", "the discrepancy is no longer found")
            return nil
        }
        var d = Dataset(municipality: data.people.municipality)
        d.mapping = data.people.mapping
        do {
            if let cpr = x.cpr, let source { d = try source.citizen(cpr) }
            let history = try source?.history(key: key) ?? []
            var page = Page(kind: .sideBySide,
                            caption: "\(x.kind.label.text(c.language)) · \(x.paragraph.display)\(x.cpr.map { " · " + c.show($0) } ?? "") · \(x.message.text(c.language))",
                            table: Views.sideBySide(x, citizen: d, history: history, language: c.language), context: c)
            page.subject = key
            return page
        } catch {
            message = describe(error)
            return nil
        }
    }

    /// Datastatus: the sources above; the rejected rows and the data breaks below.
    func rejectedPage() -> Page {
        let status = data.status
        let sources = status.sourcesTable(c)
        let age = header.ageHours.map { c.t(" (\($0) t gammelt)", " (\($0) h old)") } ?? ""
        // The rejected rows (when the viewer may see every row) read from the snapshot a window at a
        // time, only their ids held; then the data breaks.
        let ids = data.visibility.isEverything ? reporting { try data.query.snapshot.rejectedRowIDs() } ?? [] : []
        return Page(kind: .rejected,
                    caption: c.t("Snapshot \(header.createdAt)\(age) · \(DanishNumber.grouped(status.rejectedCount)) afviste rækker · \(status.dataBreaks.count) databrud",
                                 "Snapshot \(header.createdAt)\(age) · \(DanishNumber.grouped(status.rejectedCount)) rejected rows · \(status.dataBreaks.count) data breaks"),
                    columns: StatusReport.problemColumns(), source: ProblemRows(snapshot: data.query.snapshot, ids: ids, dataBreaks: status.dataBreaks),
                    above: sources, context: c)
    }
}

/// Datastatus's rows: the rejected rows by id, a window at a time, then the data breaks.
struct ProblemRows: RowSource {
    let snapshot: Snapshot
    let ids: [Int64]
    let dataBreaks: [Discrepancy]

    var count: Int { ids.count + dataBreaks.count }

    func rows(_ positions: [Int]) -> [[Cell]] {
        let empty = StatusReport.problemColumns().columns.map { _ in Cell.text("") }
        let read: [RejectedRow?]
        do {
            read = try snapshot.rejectedRows(ids: positions.filter { ids.indices.contains($0) }.map { ids[$0] })
        } catch {
            return unreadable(positions, error.message, width: empty.count)
        }
        var next = read.makeIterator()
        return positions.map { p in
            if ids.indices.contains(p) { return (next.next() ?? nil).map(StatusReport.problemRow) ?? empty }
            return dataBreaks.indices.contains(p - ids.count) ? StatusReport.problemRow(dataBreaks[p - ids.count]) : empty
        }
    }
}

/// A month's payments on a function: the stored block read a few at a time as they are shown,
/// sorted by reading its records once (no texts or cells made: each payment's key in the sorted
/// column packed from its record, or made once per symbol or citizen where the column shows one).
struct PaymentBlockRows: RowSource {
    let block: PaymentBlock
    private let table = Views.paymentColumns()

    /// `readAhead`: the block's other parts are read on a thread of their own meanwhile (sorting
    /// and filtering read every payment; 164.516 in 21 parts on L).
    init(block: PaymentBlock, readAhead: Bool = true) {
        self.block = block
        if readAhead && block.partCount > 1 { block.readAheadInBackground() }
    }

    var count: Int { block.count }

    func rows(_ positions: [Int]) -> [[Cell]] {
        block.payments(at: positions).map { p in
            p.map { Views.paymentRow($0, block.symbols) } ?? table.columns.map { _ in .text("") }
        }
    }

    func order(by column: Int, descending: Bool, _ c: ReportContext) -> [Int]? {
        guard (0..<Views.paymentColumnCount).contains(column) else { return nil }
        let keys: (kind: [UInt8], major: [UInt64], less: (Int, Int) -> Bool)?
        switch column {
        case 0: keys = voucherKeys()
        case 1, 3, 4, 8:
            let value: @Sendable (PaymentCodec.RawPayment) -> Int64 = switch column {
            case 1: { Int64($0.postingDate.ordinal) }
            case 3: { Int64($0.periodStart.ordinal) }
            case 4: { Int64($0.periodEnd.ordinal) }
            default: { $0.amount.ore }
            }
            keys = packedOnTwoThreads { r in SortKey.number(Double(value(r))).packed() }.map { ($0.kind, $0.major, { _, _ in false }) }
        default: keys = shownTextKeys(column, c)
        }
        guard let keys else { return keyed(column, descending, c) }
        return SortKey.ordered(kind: keys.kind, major: keys.major, descending: descending, less: keys.less)
    }

    /// Every payment's key as plain numbers (`SortKey.packed`), made by `key` from its position and
    /// record; nil when `key` makes none for one of them.
    private func packed(_ key: (Int, PaymentCodec.RawPayment) -> (UInt8, UInt64)?) -> (kind: [UInt8], major: [UInt64])? {
        let n = block.count
        var kind = [UInt8](repeating: 0, count: n), major = [UInt64](repeating: 0, count: n), made = true
        kind.withUnsafeMutableBufferPointer { kind in
            major.withUnsafeMutableBufferPointer { major in
                block.forEachRaw { position, r in
                    guard made, position < n else { return }
                    if let k = key(position, r) { (kind[position], major[position]) = k } else { made = false }
                }
            }
        }
        return made ? (kind, major) : nil
    }

    /// The same for a `key` that depends on nothing but the record (a number, a voucher id), made
    /// on two threads at once, each for its half of the block's parts (the decoding of 164.516
    /// records was a third of the sort).
    private func packedOnTwoThreads(_ key: @escaping @Sendable (PaymentCodec.RawPayment) -> (UInt8, UInt64)?) -> (kind: [UInt8], major: [UInt64])? {
        let n = block.count
        var kind = [UInt8](repeating: 0, count: n), major = [UInt64](repeating: 0, count: n)
        let failed = Atomic<Bool>(false)
        kind.withUnsafeMutableBufferPointer { kind in
            major.withUnsafeMutableBufferPointer { major in
                // (Each position is written by the one thread its part is decoded on.)
                nonisolated(unsafe) let (kind, major) = (kind, major)
                block.forEachRawOnTwoThreads { position, r in
                    guard position < n else { return }
                    if let k = key(r) { (kind[position], major[position]) = k } else { failed.store(true, ordering: .relaxed) }
                }
            }
        }
        return failed.load(ordering: .relaxed) ? nil : (kind, major)
    }

    /// The voucher ids packed from their bytes (where packed prefixes tie, the whole ids decide);
    /// nil when one is not ASCII or longer than the prefix holds.
    private func voucherKeys() -> (kind: [UInt8], major: [UInt64], less: (Int, Int) -> Bool)? {
        guard let keys = packedOnTwoThreads({ r in
            guard let (prefix, complete) = DanishSortText.packedASCII(r.voucher), complete else { return nil }
            return r.voucher.isEmpty ? (0, 0) : (3, prefix)
        }) else { return nil }
        let (block, ids) = (block, KeyCache())
        return (keys.kind, keys.major, { a, b in ids.voucher(a, block) < ids.voucher(b, block) })
    }

    /// The texts of a symbol (function, grouping, provider) or the CPR number as shown: a key made
    /// once per symbol or citizen, as its cell's text gives it.
    private func shownTextKeys(_ column: Int, _ c: ReportContext) -> (kind: [UInt8], major: [UInt64], less: (Int, Int) -> Bool)? {
        var made: [SortKey] = [], keyOf = [Int32](repeating: -1, count: block.count)
        var bySymbol: [Symbol: Int32] = [:], byCitizen: [Int64: Int32] = [:]
        let (table, symbols) = (table, block.symbols)
        guard let keys = packed({ position, r in
            let k: Int32
            if column == 2 {
                if let known = byCitizen[r.cpr] { k = known } else {
                    k = Int32(made.count); made.append(SortKey(.cpr(CPR(value: r.cpr)), table, c)); byCitizen[r.cpr] = k
                }
            } else {
                let symbol = column == 5 ? r.function : column == 6 ? r.grouping : r.provider
                if let known = bySymbol[symbol] { k = known } else {
                    k = Int32(made.count); made.append(SortKey(text: symbols[symbol])); bySymbol[symbol] = k
                }
            }
            keyOf[position] = k
            return made[Int(k)].packed()
        }) else { return nil }
        let (texts, index) = (made, keyOf)
        return (keys.kind, keys.major, { a, b in index[a] >= 0 && index[b] >= 0 && texts[Int(index[a])] < texts[Int(index[b])] })
    }

    /// The order by every payment's key made from its cells' values (a voucher id the packed
    /// prefix does not hold whole, or not ASCII).
    private func keyed(_ column: Int, _ descending: Bool, _ c: ReportContext) -> [Int] {
        var keys = [SortKey](repeating: .empty, count: block.count)
        let (table, symbols) = (table, block.symbols)
        block.forEach { position, p in
            if keys.indices.contains(position) { keys[position] = SortKey(Views.paymentCell(p, column: column, symbols), table, c) }
        }
        return SortKey.sorted(Array(keys.indices), keys: keys, descending: descending)
    }
}

/// The voucher ids' keys of the payments whose packed prefixes tie, made as they are compared.
private final class KeyCache: @unchecked Sendable {
    private var known: [Int: DanishSortText] = [:]

    func voucher(_ position: Int, _ block: PaymentBlock) -> DanishSortText {
        if let key = known[position] { return key }
        let key = DanishSortText(block.payments(at: [position]).first??.voucherId ?? "")
        known[position] = key
        return key
    }
}

/// Team's rows: its lines a window at a time (from the snapshot when the stored lines hold), each
/// made into a row as it is shown.
struct TeamRows: RowSource {
    let list: TeamList
    /// The columns a row has.
    let width: Int
    let make: @Sendable (TeamLine) -> [Cell]

    var count: Int { list.count }

    func rows(_ positions: [Int]) -> [[Cell]] {
        do {
            return try list.at(positions).map { $0.map(make) ?? Array(repeating: .text(""), count: width) }
        } catch {
            return unreadable(positions, error.message, width: width)
        }
    }
}

/// Afstemning's rows: the discrepancies the viewer sees, a window at a time (from the snapshot when
/// the stored list holds), each with its annotation's status and note; then the resolved ones.
struct DiscrepancyRows: RowSource {
    let list: DiscrepancyList
    let annotations: [String: Annotation]
    let resolved: [[Cell]]
    /// Afstemning's columns: the discrepancy's, with the annotation's status third and its note last.
    let table: ViewTable
    /// The column read last (shared by the source's copies).
    private let last = LastColumn()
    /// The list through a second connection, opened at the first read that halves the list.
    private let second = SecondList()
    /// From how many rows a column is read in two halves at once (below, a thread costs more than
    /// it saves; the tests lower it).
    let halvedFrom: Int

    /// The kinds and paragraphs of a long windowed list, read ahead from the year's index (the
    /// filter's first column is the kind; nil: not read ahead).
    private let pairsAhead: ReadAhead.Part<[(kind: DiscrepancyKind, paragraph: Paragraph)?]>?

    /// `readAhead`: the kinds and paragraphs of a windowed list of `halvedFrom` lines or more are
    /// read on a thread of their own meanwhile, through the second connection (a few bytes a line:
    /// L's 10.777 lines in 5-7 ms; a shorter list reads them when asked, in less than a frame).
    init(list: DiscrepancyList, annotations: [String: Annotation], resolved: [[Cell]], table: ViewTable, halvedFrom: Int = 4_096,
         readAhead: Bool = true) {
        (self.list, self.annotations, self.resolved, self.table, self.halvedFrom) = (list, annotations, resolved, table, halvedFrom)
        pairsAhead = readAhead && list.isWindowed && list.count >= halvedFrom ? ReadAhead.Part() : nil
        if let pairsAhead {
            let (second, list) = (second, list)
            Thread.detachNewThread { pairsAhead.read { () throws(SnapshotError) in try (second.list(list) ?? list).kindsAndParagraphs() } }
        }
    }

    /// The columns a row has.
    var width: Int { table.columns.count }
    var count: Int { list.count + resolved.count }

    /// The discrepancy's own column (`Views.discrepancyCell`) shown in `column`; nil for the
    /// annotation's status (third) and note (last).
    private func own(_ column: Int) -> Int? {
        column == 2 || column == width - 1 ? nil : column < 2 ? column : column - 1
    }

    /// One column's cell of a discrepancy, as its row shows it.
    private func cell(_ d: Discrepancy, _ column: Int) -> Cell {
        if let i = own(column) { return Views.discrepancyCell(d, i) }
        return annotationCell(annotations[d.key], column)
    }

    /// The annotation's status (third column) or note (last) as its row shows it.
    private func annotationCell(_ a: Annotation?, _ column: Int) -> Cell {
        column == 2 ? .message(a?.status.label) : .text(a?.note ?? "")
    }

    /// One column's cells of every row and their sort keys, the list read in one pass (not a
    /// chunk of whole rows at a time: Afstemning's 10.777 lines on L sorted in 45 ms that way);
    /// nil when the list cannot be read. The last column read is kept: a sort, its reverse, the
    /// filter's values and the filter read it once.
    private func column(_ column: Int, _ c: ReportContext) -> (cells: [Cell], keys: [SortKey])? {
        guard (0..<width).contains(column) else { return nil }
        if let kept = last.kept.withLock({ $0 }), kept.column == column, kept.revealed == c.revealCPR, kept.language == c.language {
            return (kept.cells, kept.keys)
        }
        // Of a discrepancy's texts only the column's own are read; the key only where the cell
        // shows it or the annotation's is looked up by it.
        let only = Set([own(column).flatMap(Views.discrepancyText)].compactMap { $0 }), key = own(column).map { $0 == 0 } ?? true
        /// The cells and their keys of `range` of the list (nil: all) read through `list`.
        @Sendable func read(_ list: DiscrepancyList, _ range: Range<Int>?) -> (cells: [Cell], keys: [SortKey])? {
            var cells: [Cell] = []
            cells.reserveCapacity(range?.count ?? list.count)
            do {
                try list.forEach(in: range, only: only, key: key) { d in cells.append(d.map { cell($0, column) } ?? .text("")) }
            } catch { return nil }
            return (cells, cells.map { SortKey($0, table, c) })
        }
        var cells: [Cell] = [], keys: [SortKey] = []
        let n = list.count
        if let i = own(column), i == 1 || i == 2 {
            // The kind or the paragraph: from the year's index, which holds both; a run of equal
            // pairs (the list is in kind and paragraph order) shares one cell and key.
            guard let pairs = pairsAhead?.value() ?? (try? list.kindsAndParagraphs()), pairs.count == n else { return nil }
            cells.reserveCapacity(n + resolved.count)
            keys.reserveCapacity(n + resolved.count)
            let unread = SortKey(.text(""), table, c)  // (one that cannot be read, as a row read whole shows it)
            var run: (kind: DiscrepancyKind, paragraph: Paragraph, cell: Cell, key: SortKey)?
            for pair in pairs {
                guard let pair else {
                    cells.append(.text(""))
                    keys.append(unread)
                    continue
                }
                if let run, run.kind == pair.kind, run.paragraph == pair.paragraph {
                    cells.append(run.cell)
                    keys.append(run.key)
                    continue
                }
                let cell = Views.discrepancyCell(Discrepancy(key: "", kind: pair.kind, paragraph: pair.paragraph, cpr: nil, caseIds: [],
                                                             voucherIds: [], month: nil, caseworker: "", amount: nil, explained: false,
                                                             explanation: nil, message: Message(da: "", en: "")), i)
                let key = SortKey(cell, table, c)
                run = (pair.kind, pair.paragraph, cell, key)
                cells.append(cell)
                keys.append(key)
            }
        } else if own(column) == nil && annotations.isEmpty {
            // The annotation's column while none is annotated: the same empty cell in every row, none read.
            cells = Array(repeating: annotationCell(nil, column), count: n)
            keys = Array(repeating: SortKey(annotationCell(nil, column), table, c), count: n)
        } else if n >= halvedFrom, let other = second.list(list) {
            // A long list in two halves at once, the second through a connection of its own (on
            // L's 10.777 lines 7 ms instead of 13).
            let halves = Mutex<[(cells: [Cell], keys: [SortKey])?]>([nil, nil])
            DispatchQueue.concurrentPerform(iterations: 2) { h in
                let half = h == 0 ? read(list, 0..<n / 2) : read(other, n / 2..<n)
                halves.withLock { $0[h] = half }
            }
            guard let first = halves.withLock({ $0[0] }), let rest = halves.withLock({ $0[1] }) else { return nil }
            (cells, keys) = (first.cells, first.keys)
            cells.append(contentsOf: rest.cells)
            keys.append(contentsOf: rest.keys)
        } else {
            guard let all = read(list, nil) else { return nil }
            (cells, keys) = all
        }
        guard cells.count == n, keys.count == n else { return nil }
        for row in resolved {
            let cell = row.indices.contains(column) ? row[column] : .text("")
            cells.append(cell)
            keys.append(SortKey(cell, table, c))
        }
        last.kept.withLock { $0 = (column, c.revealCPR, c.language, cells, keys, nil) }
        return (cells, keys)
    }

    func cells(of column: Int, at positions: [Int], _ c: ReportContext) -> [Cell]? {
        guard let (cells, _) = self.column(column, c) else { return nil }
        return positions.map { cells.indices.contains($0) ? cells[$0] : .text("") }
    }

    func order(by column: Int, descending: Bool, _ c: ReportContext) -> [Int]? {
        guard let (_, keys) = self.column(column, c) else { return nil }
        return SortKey.sorted(Array(0..<count), keys: keys, descending: descending)
    }

    /// The rows in the column's order with a key each: equal keys side by side and showing the
    /// same text (a new key where the sort key or the text shown changes).
    func keyOrder(of column: Int, _ c: ReportContext) -> (positions: [Int32], keys: [Int64?])? {
        guard let (cells, keys) = self.column(column, c) else { return nil }
        if let kept = last.kept.withLock({ $0?.order }) { return kept }  // (the column's: `column` just kept it)
        let order = SortKey.sorted(Array(0..<count), keys: keys, descending: false)
        /// Whether two rows of equal keys show the same text (a text key is the text shown).
        func showSame(_ p: Int, _ q: Int) -> Bool {
            if case .text = keys[p] { return true }
            return table.text(cells[p], c) == table.text(cells[q], c)
        }
        var out: [Int64?] = [], rank: Int64 = 0
        out.reserveCapacity(order.count)
        for (i, p) in order.enumerated() {
            if i == 0 { rank = 1 } else {
                let q = order[i - 1]
                if keys[p] != keys[q] || !showSame(p, q) { rank += 1 }
            }
            out.append(rank)
        }
        let made = (order.map { Int32(truncatingIfNeeded: $0) }, out)
        last.kept.withLock { if $0?.column == column { $0?.order = made } }
        return made
    }

    func keys(of column: Int, _ c: ReportContext) -> [Int64?]? {
        guard let (positions, keys) = keyOrder(of: column, c) else { return nil }
        return byRow(positions, keys)
    }

    func rows(_ positions: [Int]) -> [[Cell]] {
        let found: [Discrepancy?]
        do {
            found = try list.at(positions.filter { $0 < list.count })
        } catch {
            return unreadable(positions, error.message, width: width)
        }
        var next = found.makeIterator()
        return positions.map { p in
            guard p < list.count else { return resolved.indices.contains(p - list.count) ? resolved[p - list.count] : [] }
            guard let d = next.next() ?? nil else { return Array(repeating: .text(""), count: width) }
            return (0..<width).map { cell(d, $0) }
        }
    }
}

extension RowSource {
    /// Each row's key from a column's key order (rows it does not name have none).
    func byRow(_ positions: [Int32], _ keys: [Int64?]) -> [Int64?] {
        var out = [Int64?](repeating: nil, count: count)
        for (p, key) in zip(positions, keys) where out.indices.contains(Int(p)) { out[Int(p)] = key }
        return out
    }
}

/// A column of Afstemning as read: its cells and their sort keys, for the context they were made in.
private final class LastColumn: Sendable {
    let kept = Mutex<(column: Int, revealed: Bool, language: Language, cells: [Cell], keys: [SortKey],
                      order: (positions: [Int32], keys: [Int64?])?)?>(nil)
}

/// Afstemning's list through a second connection to the snapshot, opened once (nil: none opens,
/// or the list is held).
private final class SecondList: Sendable {
    private let opened = Mutex<DiscrepancyList??>(nil)

    func list(_ list: DiscrepancyList) -> DiscrepancyList? {
        opened.withLock { known in
            if let known { return known }
            let other = list.throughAnotherConnection()
            known = .some(other)
            return other
        }
    }
}

/// A stored follow-up order as read: the key, the positions in its order and their keys.
private final class LastOrder: Sendable {
    let kept = Mutex<(key: FollowUpSort, positions: [Int32], keys: [Int64?])?>(nil)
}

/// Opfølgning's rows from the list the sync stored, a window at a time, sorted along its indexes.
struct FollowUpRows: RowSource {
    let window: Query.FollowUpWindow
    private let columns = Views.followUps(lines: []).columns
    /// The column's order read last (shared by the source's copies).
    private let last = LastOrder()

    init(window: Query.FollowUpWindow) { self.window = window }

    var count: Int { window.count }

    func rows(_ positions: [Int]) -> [[Cell]] {
        do {
            return try window.lines(at: positions).map { line in
                line.map(Views.followUpRow) ?? columns.map { _ in .text("") }
            }
        } catch {
            // (The list cannot be read: its rows say so rather than vanish.)
            return positions.map { _ in [.text("⚠ \(error.message.da)")] + columns.dropFirst().map { _ in .text("") } }
        }
    }

    /// The stored order of the column's key (nil: a column without one, or the list cannot be read).
    /// The last one read is kept: a sort, its reverse, the filter's values and the filter itself
    /// read the same column's order once.
    private func stored(_ column: Int, _ c: ReportContext) -> (positions: [Int32], keys: [Int64?])? {
        guard columns.indices.contains(column), let key = Views.followUpSort(columns[column].key, revealCPR: c.revealCPR) else { return nil }
        if let kept = last.kept.withLock({ $0 }), kept.key == key { return (kept.positions, kept.keys) }
        guard let read = try? window.order(by: key) else { return nil }
        last.kept.withLock { $0 = (key, read.positions, read.keys) }
        return read
    }

    func keyOrder(of column: Int, _ c: ReportContext) -> (positions: [Int32], keys: [Int64?])? { stored(column, c) }

    func keys(of column: Int, _ c: ReportContext) -> [Int64?]? {
        guard let (positions, keys) = stored(column, c) else { return nil }
        return byRow(positions, keys)
    }

    func order(by column: Int, descending: Bool, _ c: ReportContext) -> [Int]? {
        guard let (positions, keys) = stored(column, c) else { return nil }
        guard descending else { return positions.map(Int.init) }
        // Descending: the runs of equal keys from the last to the first, each in list order (as
        // `SortKey.sorted` keeps equal keys).
        var out: [Int] = []
        out.reserveCapacity(positions.count)
        var end = positions.count
        while end > 0 {
            var start = end - 1
            while start > 0 && keys[start - 1] == keys[end - 1] { start -= 1 }
            out.append(contentsOf: positions[start..<end].map(Int.init))
            end = start
        }
        return out
    }
}
