import Foundation
import OverblikCore
import OverblikStore
import OverblikTestSupport
import Testing
@testable import OverblikTUI

/// Opfølgning of the whole municipality read from the snapshot in windows shows exactly what the
/// same list held whole shows: every column sorted both ways (CPR masked and revealed), filtered,
/// searched, exported and drawn.
@Suite("Windowed lists")
struct WindowedListTests {
    let today = Day(year: 2026, month: 11, day: 23)!

    /// The two pages of the same list: read in windows, and held whole.
    func pages(_ c: ReportContext) throws -> (windowed: Page, held: Page) {
        let snapshot = try Snapshot(path: SampleSnapshot.path)
        let q = Query(snapshot: snapshot, metadata: try snapshot.metadata(), today: today, visibility: .everything)
        let window = try #require(try q.followUpWindow(ReportFilter()))
        let windowed = Page(kind: .followUps, caption: "", columns: Views.followUps(lines: []), source: FollowUpRows(window: window),
                            context: c)
        let held = Page(kind: .followUps, caption: "", table: Views.followUps(lines: try q.followUps(ReportFilter())), context: c)
        return (windowed, held)
    }

    func csv(_ p: Page, _ c: ReportContext) -> String { p.shownTable.render(.csv, c) }

    @Test func sortedEveryWayTheSameAsHeld() throws {
        for reveal in [false, true] {
            let c = ReportContext(language: .da, revealCPR: reveal, today: today)
            var (windowed, held) = try pages(c)
            #expect(windowed.isWindowed && !held.isWindowed)
            #expect(windowed.rowCount == 187 && held.rowCount == 187)
            #expect(csv(windowed, c) == csv(held, c))
            // Every column sorts along the snapshot's index (none falls back to reading the keys).
            let source = try #require(windowed.window?.source)
            for column in windowed.table.columns.indices { #expect(source.order(by: column, descending: false, c) != nil) }
            // `s` through every shown column and back to the list's order, `S` on each.
            for _ in 0...windowed.layout.shown.count {
                windowed.cycleSort(c); held.cycleSort(c)
                #expect(windowed.sort?.column == held.sort?.column)
                #expect(csv(windowed, c) == csv(held, c), "sorted by \(String(describing: held.sort)), CPR revealed: \(reveal)")
                windowed.reverseSort(c); held.reverseSort(c)
                #expect(csv(windowed, c) == csv(held, c), "reversed \(String(describing: held.sort)), CPR revealed: \(reveal)")
                windowed.reverseSort(c); held.reverseSort(c)
            }
        }
    }

    /// Every sort order the snapshot stores for the list is the one sqlite3 gives by `ORDER BY
    /// key, position` over the lines' own key columns.
    @Test func storedOrdersAreSQLitesOrder() throws {
        let snapshot = try Snapshot(path: SampleSnapshot.path)
        for sort in FollowUpSort.allCases {
            let stored = try snapshot.storedFollowUpOrder(by: sort)
            let sql = "SELECT (position - 1) || ' ' || ifnull(\(sort.column), 'n') FROM follow_ups ORDER BY \(sort.column), position"
            let expected = try runProgram("/usr/bin/sqlite3", [SampleSnapshot.path, sql]).stdout.split(separator: "\n").map(String.init)
            var shown: [String] = []
            for (position, key) in zip(stored.positions, stored.keys) { shown.append("\(position) " + (key.map { String($0) } ?? "n")) }
            #expect(expected.count == 187)
            #expect(shown == expected, "\(sort)")
        }
    }

    @Test func filteredSearchedAndDrawnTheSameAsHeld() throws {
        let c = ReportContext(language: .da, revealCPR: false, today: today)
        var (windowed, held) = try pages(c)
        let status = try #require(held.table.column("followUpStatus"))
        let values = held.values(of: status, c)
        #expect(windowed.values(of: status, c).map { "\($0.value) \($0.count)" } == values.map { "\($0.value) \($0.count)" })
        #expect(values.count > 1)
        let paragraph = try #require(held.table.column("paragraph"))
        for (column, value) in [(status, values[0].value), (paragraph, "§108")] {
            windowed.setFilter(column: column, value: value, c); held.setFilter(column: column, value: value, c)
        }
        #expect(windowed.order.count == held.order.count && held.order.count > 0 && held.order.count < 187)
        #expect(csv(windowed, c) == csv(held, c))
        windowed.reverseSort(c); held.reverseSort(c)
        #expect(csv(windowed, c) == csv(held, c))
        #expect(windowed.values(of: paragraph, c).map(\.value) == held.values(of: paragraph, c).map(\.value))
        windowed.clearFilters(c); held.clearFilters(c)

        // Every column's values and a filter on one of them, with the status filtered beside.
        for reveal in [false, true] {
            let c = ReportContext(language: .en, revealCPR: reveal, today: today)
            for column in held.table.columns.indices {
                for other in [nil, (status, values[1].value)] {
                    var (w, h) = try pages(c)
                    if let other {
                        let value = h.values(of: other.0, c)[1].value
                        w.setFilter(column: other.0, value: value, c); h.setFilter(column: other.0, value: value, c)
                    }
                    let shown = h.values(of: column, c)
                    #expect(w.values(of: column, c).map { "\($0.value) \($0.count)" } == shown.map { "\($0.value) \($0.count)" },
                            "column \(column), CPR revealed \(reveal)")
                    let value = shown[shown.count / 2].value
                    w.setFilter(column: column, value: value, c); h.setFilter(column: column, value: value, c)
                    #expect(csv(w, c) == csv(h, c) && !h.order.isEmpty, "column \(column) = \(value)")
                }
            }
        }

        // Search: the same rows found forwards and backwards, from every tenth row.
        for term in ["10", "Møller", "§85", "zzz-ingen"] {
            for start in stride(from: 0, to: held.order.count, by: 10) {
                #expect(windowed.find(term, from: start, direction: 1, c) == held.find(term, from: start, direction: 1, c), "\(term) \(start)")
                #expect(windowed.find(term, from: start, direction: -1, c) == held.find(term, from: start, direction: -1, c), "\(term) \(start)")
            }
        }

        // Drawn: the same screen text, the selection half-way down.
        windowed.state.selected = 95; held.state.selected = 95
        func drawn(_ p: Page) -> [String] {
            let grid = CellGrid(rows: 20, columns: 100)
            var state = p.state
            state.keepVisible(height: 19, count: p.order.count)
            p.prefetch(state.top..<state.top + 19)
            TableWidget.draw(p.table, rows: p.order, layout: p.layout, state: state, context: c, on: grid, top: 0, height: 20,
                             cells: p.isWindowed ? { p.cells($0) } : nil)
            return grid.text()
        }
        #expect(drawn(windowed) == drawn(held))
        #expect(drawn(held)[1].contains("S-1"))
    }
}

/// A list made a row at a time (Tilsynssvar's way: no keys, so sorting reads the sorted column's
/// keys and filtering reads the rows a chunk at a time) shows what the list held whole shows.
@Suite("Lists made as shown")
struct LazyListTests {
    @Test func sortedFilteredAndSearchedTheSameAsHeld() throws {
        let today = Day(year: 2026, month: 11, day: 23)!
        let c = ReportContext(language: .da, revealCPR: false, today: today)
        let snapshot = try Snapshot(path: SampleSnapshot.path)
        let q = Query(snapshot: snapshot, metadata: try snapshot.metadata(), today: today, visibility: .everything)
        // Longer than a chunk: the lines six times over.
        let lines = try q.followUps(ReportFilter())
        let table = Views.followUps(lines: lines + lines + lines + lines + lines + lines)
        let rows = table.rows
        var held = Page(kind: .followUps, caption: "", table: table, context: c)
        var lazy = Page(kind: .followUps, caption: "", columns: table, source: LazyRows(count: rows.count) { rows[$0] }, context: c)
        #expect(lazy.isWindowed && lazy.rowCount == 6 * 187 && lazy.rowCount > RowWindow.chunk)
        func csv(_ p: Page) -> String { p.shownTable.render(.csv, c) }
        #expect(csv(lazy) == csv(held))
        for _ in 0...held.layout.shown.count {
            lazy.cycleSort(c); held.cycleSort(c)
            #expect(csv(lazy) == csv(held), "\(String(describing: held.sort))")
            lazy.reverseSort(c); held.reverseSort(c)
            #expect(csv(lazy) == csv(held), "\(String(describing: held.sort))")
            lazy.reverseSort(c); held.reverseSort(c)
        }
        for column in table.columns.indices {
            let shown = held.values(of: column, c)
            #expect(lazy.values(of: column, c).map { "\($0.value) \($0.count)" } == shown.map { "\($0.value) \($0.count)" })
            lazy.setFilter(column: column, value: shown[0].value, c); held.setFilter(column: column, value: shown[0].value, c)
            #expect(csv(lazy) == csv(held) && !held.order.isEmpty)
            lazy.clearFilters(c); held.clearFilters(c)
        }
        for term in ["10", "§108", "ingen-sådan"] {
            for start in stride(from: 0, to: held.order.count, by: 97) {
                #expect(lazy.find(term, from: start, direction: 1, c) == held.find(term, from: start, direction: 1, c))
                #expect(lazy.find(term, from: start, direction: -1, c) == held.find(term, from: start, direction: -1, c))
            }
        }
    }
}

/// Afstemning read from the snapshot in windows (only the discrepancies' rowids held) gives what
/// the whole list read at once gives, for a viewer who sees everything and for a team lead, and
/// the page shows the same rows sorted, filtered and searched.
@Suite("Afstemning in windows")
struct DiscrepancyWindowTests {
    let today = Day(year: 2026, month: 11, day: 23)!

    /// The list read in windows and the same list held whole, for `visibility`.
    func lists(_ visibility: Visibility) throws -> (windowed: DiscrepancyList, held: DiscrepancyList, all: [Discrepancy]) {
        let snapshot = try Snapshot(path: SampleSnapshot.path)
        let q = Query(snapshot: snapshot, metadata: try snapshot.metadata(), today: today, visibility: visibility)
        let (figures, list) = try q.figuresAndDiscrepancies(year: 2026)
        let windowed = try #require(list)
        #expect(figures.reconciliation?.discrepancies.isEmpty == true)  // (not read: the list is)
        let whole = try #require(try snapshot.derived(year: 2026)?.reconciliation)
        return (windowed, DiscrepancyList(all: whole.discrepancies, shown: q.visible(whole).discrepancies), whole.discrepancies)
    }

    @Test func theListReadInWindowsIsTheListReadWhole() throws {
        let staff = try Snapshot(path: SampleSnapshot.path).staffAndMapping().staff
        let lead = try #require(staff.first { $0.initials == "BIK" })
        for visibility in [Visibility.everything, Visibility(user: lead, scope: .team, staff: staff)] {
            let (windowed, held, all) = try lists(visibility)
            #expect(windowed.isWindowed && !held.isWindowed)
            #expect(windowed.total == all.count && windowed.total == held.total && windowed.explained == held.explained)
            #expect(windowed.count == held.count)
            let positions = Array(0..<held.count)
            #expect(try windowed.at(positions) == held.at(positions))
            // Out of order, repeated and beyond the end, as a window asks.
            let asked = [held.count - 1, 0, 3, 3, held.count, -1]
            #expect(try windowed.at(asked) == held.at(asked))
            #expect(try windowed.at(asked).compactMap { $0 }.count == 4)
            // Kinds and paragraphs from the year's index: the held list's, in its order (a team
            // lead's list leaves rows of the index out).
            let fromIndex = try windowed.kindsAndParagraphs()
            #expect(fromIndex.count == held.count && fromIndex.allSatisfy { $0 != nil })
            #expect(fromIndex.map { "\($0?.kind.rawValue ?? "-") \($0?.paragraph.key ?? "-")" }
                    == (try held.at(positions)).map { "\($0?.kind.rawValue ?? "?") \($0?.paragraph.key ?? "?")" })
            #expect(Set(fromIndex.compactMap { $0?.kind }).count > 1 && Set(fromIndex.compactMap { $0?.paragraph }).count > 1)
            for d in all.prefix(60) {
                #expect(try windowed.withKey(d.key) == d)
                if let cpr = d.cpr { #expect(try windowed.touching(cpr) == held.touching(cpr)) }
            }
            #expect(try windowed.withKey("onlyInEconomy|SEL-108|0000000000|ingen") == nil)
            let keys = all.prefix(5).map(\.key) + ["ingen|sådan"]
            #expect(try windowed.found(among: keys) == Set(all.prefix(5).map(\.key)))
            #expect(try windowed.dataBreaks() == held.dataBreaks())
            if visibility.isEverything {
                #expect(held.count == all.count)
            } else {
                #expect(held.count < all.count && held.count > 0)  // (the team lead sees their team's and the data breaks)
            }
        }
        #expect(try !lists(.everything).held.dataBreaks().isEmpty)
    }

    @Test func thePageShowsTheRowsTheHeldListShows() throws {
        let model = try app(user: "MHA")
        model.handle(.character("5"))
        let windowed = model.page
        #expect(windowed.kind == .discrepancies && windowed.isWindowed && windowed.rowCount == 49)
        let c = model.context
        let (_, held, _) = try lists(.everything)
        let source = DiscrepancyRows(list: held, annotations: [:], resolved: [], table: windowed.table)
        var pages = (windowed, Page(kind: .discrepancies, caption: "", columns: windowed.table, source: source, context: c))
        func csv(_ p: Page) -> String { p.shownTable.render(.csv, c) }
        #expect(csv(pages.0) == csv(pages.1) && csv(pages.0).split(whereSeparator: \.isNewline).count == 50)
        for _ in 0...pages.1.layout.shown.count {
            pages.0.cycleSort(c); pages.1.cycleSort(c)
            #expect(csv(pages.0) == csv(pages.1), "\(String(describing: pages.1.sort))")
            pages.0.reverseSort(c); pages.1.reverseSort(c)
            #expect(csv(pages.0) == csv(pages.1), "\(String(describing: pages.1.sort))")
            pages.0.reverseSort(c); pages.1.reverseSort(c)
        }
        for column in windowed.table.columns.indices {
            let shown = pages.1.values(of: column, c)
            #expect(pages.0.values(of: column, c).map { "\($0.value) \($0.count)" } == shown.map { "\($0.value) \($0.count)" })
            pages.0.setFilter(column: column, value: shown[0].value, c); pages.1.setFilter(column: column, value: shown[0].value, c)
            #expect(csv(pages.0) == csv(pages.1) && !pages.1.order.isEmpty)
            pages.0.clearFilters(c); pages.1.clearFilters(c)
        }
        for term in ["§108", "Kun i", "ingen-sådan"] {
            for start in 0..<pages.1.order.count {
                #expect(pages.0.find(term, from: start, direction: 1, c) == pages.1.find(term, from: start, direction: 1, c))
            }
        }
        // ⏎ on a row opens it side by side, read by its key.
        model.handle(.enter)
        let first = try held.at([0])[0]?.key
        #expect(model.page.kind == .sideBySide && model.page.subject == first)
    }

    /// Afstemning sorts, counts a column's values and filters from one column of the list read in
    /// one pass (its cells, their sort keys, the order kept): the same rows in the same order as
    /// the rows read whole, a chunk at a time, give. With annotations (the status and the note are
    /// the store's, not the snapshot's) and without (their columns then empty without a read), a
    /// resolved row after the list, ties in every column.
    @Test(arguments: [true, false]) func oneColumnReadGivesWhatTheRowsReadWholeGive(annotated: Bool) throws {
        let model = try app(user: "MHA")
        model.handle(.character("5"))
        let table = model.page.table, c = model.context
        let (windowed, held, all) = try lists(.everything)
        var annotations: [String: Annotation] = [:]
        for (i, d) in all.prefix(annotated ? 12 : 0).enumerated() {
            annotations[d.key] = Annotation(key: d.key, status: AnnotationStatus.allCases[i % AnnotationStatus.allCases.count],
                                            note: i % 3 == 0 ? "" : "note \(i % 4)", who: "mha", at: "2026-11-20T10:00:00Z")
        }
        var resolved = table.columns.map { _ in Cell.text("") }
        resolved[0] = .masked("onlyInEconomy|SEL-108|0101901234|x")
        resolved[2] = .message(Message(da: "✓ løst", en: "✓ resolved"))
        resolved[table.columns.count - 1] = .text("rettet")
        // (The windowed list read by one thread, and in two halves at once as a long one is; its
        // kinds and paragraphs read ahead, and read when asked.)
        let sources = [windowed, held].map { DiscrepancyRows(list: $0, annotations: annotations, resolved: [resolved], table: table) }
            + [DiscrepancyRows(list: windowed, annotations: annotations, resolved: [resolved], table: table, halvedFrom: 2),
               DiscrepancyRows(list: windowed, annotations: annotations, resolved: [resolved], table: table, readAhead: false)]
        // The reference: the same rows as a source with no column at hand (sorted and filtered by reading rows).
        let rows = sources[1].rows(Array(0..<sources[1].count))
        let reference = LazyRows(count: rows.count) { rows[$0] }
        #expect(reference.count == all.count + 1 && reference.order(by: 0, descending: false, c) == nil)
        var pages = ([reference] + sources as [RowSource]).map { Page(kind: .discrepancies, caption: "", columns: table, source: $0, context: c) }
        func csv(_ p: Page) -> String { p.shownTable.render(.csv, c) }
        func same(_ what: String) {
            let expected = csv(pages[0])
            for page in pages.dropFirst() { #expect(csv(page) == expected, "\(what)") }
        }
        for i in pages.indices { pages[i].layOut(width: 400, c) }
        #expect(pages[0].layout.shown.count >= 10)
        for _ in 0...pages[0].layout.shown.count {
            for i in pages.indices { pages[i].cycleSort(c) }
            same("sorted by \(String(describing: pages[0].sort))")
            for i in pages.indices { pages[i].reverseSort(c) }
            same("sorted by \(String(describing: pages[0].sort))")
            for i in pages.indices { pages[i].reverseSort(c) }
        }
        for column in table.columns.indices {
            for source in [sources[0], sources[2], sources[3]] {
                #expect(source.cells(of: column, at: [2, 0, rows.count - 1], c).map { $0.map { table.text($0, c) } }
                        == [2, 0, rows.count - 1].map { table.text(rows[$0][column], c) })
            }
            let values = pages[0].values(of: column, c).map { "\($0.value) \($0.count)" }
            for page in pages.dropFirst() { #expect(page.values(of: column, c).map { "\($0.value) \($0.count)" } == values) }
            for value in pages[0].values(of: column, c).prefix(3).map(\.value) {
                for i in pages.indices { pages[i].setFilter(column: column, value: value, c) }
                same("filtered on \(table.columns[column].key) = \(value)")
                for i in pages.indices { pages[i].clearFilters(c) }
            }
        }
        #expect(Views.discrepancyColumns().columns.count == Views.discrepancyColumnCount)
    }
}

/// Team read from the snapshot in windows (only the lines' positions and the bars' totals held)
/// gives what the lines read whole give, for everyone, a team lead and one team.
@Suite("Team in windows")
struct TeamWindowTests {
    let today = Day(year: 2026, month: 11, day: 23)!

    @Test func theLinesReadInWindowsAreTheLinesReadWhole() throws {
        let snapshot = try Snapshot(path: SampleSnapshot.path)
        let staff = try snapshot.staffAndMapping().staff
        let lead = try #require(staff.first { $0.initials == "BIK" })
        for (visibility, team) in [(Visibility.everything, nil), (Visibility(user: lead, scope: .team, staff: staff), nil), (.everything, "botilbud")] {
            let q = Query(snapshot: snapshot, metadata: try snapshot.metadata(), today: today, visibility: visibility)
            let windowed = try q.teamList(team: team)
            let lines = try q.teamLines(team: team)
            let held = TeamList(held: lines)
            #expect(windowed.isWindowed && !held.isWindowed)
            #expect(windowed.count == lines.count && !lines.isEmpty)
            #expect(windowed.totals == held.totals && windowed.largest == held.largest)
            #expect(held.largest == lines.map { $0.byParagraph.values.reduce(0, +) }.max())
            let positions = Array(0..<lines.count)
            #expect(try windowed.at(positions) == positions.map { lines[$0] })
            let asked = [lines.count - 1, 0, 0, lines.count, -1]
            #expect(try windowed.at(asked) == held.at(asked))
            // Without the first lines read in the index's pass: every line read by position.
            let shown = { (t: String) in visibility.seesTeam(t) && (team.map { t.lowercased() == $0 } ?? true) }
            let index = try #require(try snapshot.storedTeamIndex(today: today, first: 0, shown: shown))
            let three = try #require(try snapshot.storedTeamIndex(today: today, first: 3, shown: shown))
            #expect(index.first.isEmpty && index.positions == three.positions && three.first == Array(lines.prefix(3)))
            let bare = TeamList(stored: snapshot, positions: index.positions, first: [], totals: index.totals, largest: index.largest)
            #expect(try bare.at(positions) == positions.map { lines[$0] })
            #expect(try bare.at(asked) == held.at(asked))
            if !visibility.isEverything || team != nil {
                #expect(lines.allSatisfy { $0.team.lowercased() == "botilbud" })
                #expect(try q.teamList().count > lines.count || !visibility.isEverything)
            }
        }
        #expect(try Query(snapshot: snapshot, metadata: try snapshot.metadata(), today: today, visibility: .everything).teamList().count
                    > Query(snapshot: snapshot, metadata: try snapshot.metadata(), today: today, visibility: .everything).teamList(team: "botilbud").count)
    }

    @Test func onAnotherDayTheLinesAreComputedAndHeld() throws {
        let snapshot = try Snapshot(path: SampleSnapshot.path)
        let later = Day(year: 2026, month: 12, day: 14)!
        let q = Query(snapshot: snapshot, metadata: try snapshot.metadata(), today: later, visibility: .everything)
        let list = try q.teamList()
        let lines = try q.teamLines()
        #expect(!list.isWindowed && list.count == lines.count && !lines.isEmpty)
    }

    @Test func thePageIsWindowedAndShowsTheLines() throws {
        let model = try app(user: "ØKO")
        model.handle(.character("2"))
        let page = model.page
        #expect(page.kind == .team && page.isWindowed)
        let lines = try model.data.query.teamLines()
        #expect(page.rowCount == lines.count)
        let shown = page.shownTable
        let caseworkers = shown.rows.map { shown.text($0[0], model.context) }
        #expect(caseworkers == lines.map(\.caseworker))
    }
}

/// Økonomi's payments behind a month: the stored block read a chunk at a time shows what the
/// payments read whole show, for every function and month of Sampledata.
@Suite("Payments in windows")
struct PaymentWindowTests {
    @Test func everyMonthsBlockShowsThePaymentsReadWhole() throws {
        let snapshot = try Snapshot(path: SampleSnapshot.path)
        let c = ReportContext(language: .da, revealCPR: false, today: Day(year: 2026, month: 11, day: 23)!)
        var blocks = 0, payments = 0
        for function in Set(try snapshot.mapping().map(\.function)).sorted() {
            for month in 1...12 {
                let whole = try snapshot.payments(function: function, posted: DayRange.month(month, of: 2026))
                guard let block = try snapshot.paymentBlock(function: function, year: 2026, month: month) else {
                    #expect(whole.payments.isEmpty, "\(function) \(month)")
                    continue
                }
                blocks += 1
                payments += block.count
                var held = Page(kind: .payments, caption: "", table: Views.payments(whole), context: c)
                var windowed = Page(kind: .payments, caption: "", columns: Views.paymentColumns(), source: PaymentBlockRows(block: block), context: c)
                #expect(windowed.isWindowed && windowed.rowCount == whole.payments.count)
                #expect(windowed.shownTable.render(.csv, c) == held.shownTable.render(.csv, c), "\(function) \(month)")
                windowed.reverseSort(c); held.reverseSort(c)
                #expect(windowed.shownTable.render(.csv, c) == held.shownTable.render(.csv, c), "\(function) \(month) reversed")
            }
        }
        #expect(blocks > 20 && payments > 1_000)
    }

    /// Sorted by every column both ways, the CPR numbers masked and shown, the block (keys made
    /// straight from the payments, a radix sort) gives the order the held rows' cells give.
    @Test func sortedByEveryColumnAsTheHeldRows() throws {
        let snapshot = try Snapshot(path: SampleSnapshot.path)
        var compared = 0
        for function in Set(try snapshot.mapping().map(\.function)).sorted() {
            for month in [1, 6, 11] {
                let whole = try snapshot.payments(function: function, posted: DayRange.month(month, of: 2026))
                guard let block = try snapshot.paymentBlock(function: function, year: 2026, month: month) else { continue }
                for reveal in [false, true] {
                    let c = ReportContext(language: .da, revealCPR: reveal, today: Day(year: 2026, month: 11, day: 23)!)
                    var held = Page(kind: .payments, caption: "", table: Views.payments(whole), context: c)
                    var windowed = Page(kind: .payments, caption: "", columns: Views.paymentColumns(), source: PaymentBlockRows(block: block), context: c)
                    #expect(held.layout.shown.count == Views.paymentColumnCount)
                    for _ in held.layout.shown {
                        held.cycleSort(c); windowed.cycleSort(c)
                        #expect(windowed.order == held.order, "\(function) \(month) \(String(describing: held.sort))")
                        held.reverseSort(c); windowed.reverseSort(c)
                        #expect(windowed.order == held.order, "\(function) \(month) \(String(describing: held.sort))")
                        compared += 2
                    }
                }
            }
        }
        #expect(compared > 100)
    }

    /// Voucher ids the packed prefix does not hold (longer than eight letters, æ ø å, ids equal
    /// but for case, the same id twice, none) and texts and amounts with ties, in three parts: the
    /// block's sort by every column both ways gives the order of the held rows' cells.
    @Test func sortedWithTiesAndLongIdsAsTheHeldRows() throws {
        var random = SplitMix(seed: 19)
        let symbols = Symbols(texts: ["", "5.38.38", "5.38.50", "Bo A/S", "bo a/s", "Ærø Bo"])
        let vouchers = ["B-2026-00001", "b-2026-00001", "Ærø-7", "7", "", "12345678", "1234567", "12345678", "Ab", "aB"]
        func payments(_ ids: [String]) -> [Payment] {
            (0..<300).map { i in
                let start = Day(ordinal: Int32.random(in: 20_450...20_460, using: &random))
                return Payment(voucherId: ids[i % ids.count], cpr: CPR(value: [101_901_234, 202_902_345, 101_901_299][i % 3]),
                               function: Symbol(id: UInt32(1 + i % 2)), grouping: Symbol(id: UInt32(i % 3 == 0 ? 0 : 3)),
                               provider: Symbol(id: UInt32(3 + i % 3)), periodStart: start, periodEnd: start.advanced(by: i % 4),
                               amount: Money(ore: Int64([-500, 0, 500, 12_345][i % 4])), postingDate: start.advanced(by: 2), line: 2 + i)
            }
        }
        // Ids of every kind (the keys made from the ids), and short ASCII ids with ties (packed from the bytes).
        for ids in [vouchers, ["7", "12", "A1", "a1", "7", "", "99999999"]] {
            let all = payments(ids)
            let block = PaymentBlock(counts: [100, 64, 136], symbols: symbols) { k in
                PaymentCodec.encode(Array(all[[0, 100, 164][k]..<[100, 164, 300][k]]))
            }
            var d = Dataset(municipality: Municipality(code: "250", name: "Frederikssund"))
            d.payments = all
            d.symbols = symbols
            for reveal in [false, true] {
                let c = ReportContext(language: .da, revealCPR: reveal, today: Day(year: 2026, month: 11, day: 23)!)
                var held = Page(kind: .payments, caption: "", table: Views.payments(d), context: c)
                var windowed = Page(kind: .payments, caption: "", columns: Views.paymentColumns(), source: PaymentBlockRows(block: block), context: c)
                for _ in held.layout.shown {
                    held.cycleSort(c); windowed.cycleSort(c)
                    #expect(windowed.order == held.order, "\(ids.count) ids, \(String(describing: held.sort))")
                    held.reverseSort(c); windowed.reverseSort(c)
                    #expect(windowed.order == held.order, "\(ids.count) ids, \(String(describing: held.sort))")
                }
            }
        }
    }

    @Test func theDrillDownIsWindowed() throws {
        let model = try app(user: "ØKO")
        model.handle(.character("4"))
        model.handle(.enter)
        model.handle(.enter)
        #expect(model.page.kind == .payments && model.page.isWindowed && model.page.rowCount > 0)
        #expect(model.page.caption.hasPrefix("Posteringer på ") && model.page.caption.hasSuffix(": \(DanishNumber.grouped(model.page.rowCount))"))
    }
}

/// Datastatus of a drop with 2.500 rejected rows: read from the snapshot in windows (only the
/// rows' ids held), it shows what the rows read whole show, sorted and filtered too.
@Suite("Datastatus in windows")
struct ProblemWindowTests {
    @Test func manyRejectedRowsShowAsReadWhole() throws {
        let folder = TemporaryFolder()
        var drop = DropBuilder()
        drop.config += "[sync]\nmax_reject_share = 1.0\n"
        drop.payments += (0..<2_500).map { "X-\($0);0101901234;5.38.50;;01-13-2025;31-01-2025;1,00;05-02-2025\n" }.joined()
        let config = drop.write(into: folder)
        let run = try runExecutable("overblik-sync", ["--config", config, "--today", "2026-11-23", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let path = try #require(SnapshotDirectory(path: folder.file("snapshots")).newest())
        let model = try AppLoader.load(snapshot: Snapshot(path: path), initials: nil, loginName: nil, language: .da,
                                       today: Day(year: 2026, month: 11, day: 23)!, ageHours: 0, exportDirectory: folder.path,
                                       annotationDirectory: folder.path)
        #expect(model.data.status.rejected.isEmpty && model.data.status.rejectedCount == 2_500)
        model.handle(.character("6"))
        var windowed = model.page
        #expect(windowed.kind == .rejected && windowed.isWindowed && windowed.rowCount == 2_500 + model.data.status.dataBreaks.count)
        #expect(windowed.caption.contains("· 2.500 afviste rækker"), "\(windowed.caption)")
        let c = model.context
        let whole = try StatusReport(snapshot: Snapshot(path: path))
        #expect(whole.rejected.count == 2_500)
        var held = Page(kind: .rejected, caption: "", table: whole.problemsTable(showingRejected: true), context: c)
        func csv(_ p: Page) -> String { p.shownTable.render(.csv, c) }
        #expect(csv(windowed) == csv(held) && csv(held).contains("X-0") == false && csv(held).contains("posteringer.csv:2501"))
        windowed.cycleSort(c); held.cycleSort(c)
        windowed.reverseSort(c); held.reverseSort(c)
        #expect(csv(windowed) == csv(held))
        let file = try #require(held.table.column("file"))
        windowed.setFilter(column: file, value: "okonomi/posteringer.csv:1000", c); held.setFilter(column: file, value: "okonomi/posteringer.csv:1000", c)
        #expect(csv(windowed) == csv(held) && held.order.count == 1)
    }
}
