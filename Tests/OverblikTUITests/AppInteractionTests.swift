import Foundation
import OverblikCore
import OverblikStore
import OverblikTestSupport
import Testing
@testable import OverblikTUI

func type(_ text: String, into model: AppModel) { for ch in text { model.handle(.character(ch)) } }

/// The texts of a column in the rows on screen (between the column header and the bottom rule).
func column(_ lines: [String], header row: Int, title: String, bottom: Int = 22) -> [String] {
    let head = lines[row]
    guard let range = head.range(of: title) else { return [] }
    let start = head.distance(from: head.startIndex, to: range.lowerBound)
    return lines[(row + 1)..<bottom].compactMap { line -> String? in
        let chars = Array(line)
        guard chars.count > start else { return nil }
        return String(chars[start...]).split(separator: " ").first.map(String.init)
    }
}

@Suite("Terminal UI keys", .serialized)
struct AppInteractionTests {
    @Test func searchFindsAsYouTypeAndNextPreviousWrap() throws {
        let model = try app(user: "MHA")
        _ = screen(model)
        model.handle(.character("/"))
        type("lyngs", into: model)
        var lines = screen(model)
        #expect(lines[23].hasPrefix(" Søg: lyngs"))
        let first = model.page.state.selected
        #expect(lines[3].hasSuffix("\(first + 1)/114"))
        #expect(lines.first { $0.contains("Lyngsø") } != nil)
        model.handle(.enter)
        model.handle(.character("n"))
        let second = model.page.state.selected
        #expect(second > first)
        model.handle(.character("N"))
        #expect(model.page.state.selected == first)
        // Esc while typing puts the selection back where it was.
        model.handle(.character("g"))
        model.handle(.character("/"))
        type("S-1009", into: model)
        #expect(model.page.state.selected != 0)
        model.handle(.escape)
        #expect(model.page.state.selected == 0)
        model.handle(.character("/"))
        type("zzzz", into: model)
        lines = screen(model)
        #expect(lines[23].hasPrefix(" Søg: zzzz"))
        model.handle(.enter)
        #expect(screen(model)[23] == " ingen fund for »zzzz«")
    }

    /// A paragraph filter: the picker's count for a § is the number of rows the filter shows.
    @Test func filterByParagraphCountsWhatItShows() throws {
        let model = try app(user: "MHA")
        _ = screen(model)
        model.handle(.character("f"))
        model.handle(.enter)           // §
        var lines = screen(model)
        let first = try #require(lines.firstIndex { $0.contains("│ (alle)") }) + 1
        let item = lines[first]
        let count = try #require(item.split(separator: "(").last?.split(separator: ")").first)
        let paragraph = try #require(item.split(separator: "│").dropFirst().first?.split(separator: " ").first)
        #expect(paragraph.hasPrefix("§") || paragraph.contains("§"))
        model.handle(.down)
        model.handle(.enter)
        lines = screen(model)
        #expect(lines[3].contains("⧩ § = \(paragraph)"))
        #expect(lines[3].hasSuffix("1/\(count) af 114"))
    }

    @Test func filterByStatusThenClear() throws {
        let model = try app(user: "MHA")
        _ = screen(model)
        model.handle(.character("f"))
        var lines = screen(model)
        #expect(lines.contains { $0.contains("┌─ Filtrér efter ") })
        #expect(lines.contains { $0.contains("│ §") })
        #expect(lines.contains { $0.contains("│ Status") })
        model.handle(.down)            // § → Status
        model.handle(.enter)
        lines = screen(model)
        #expect(lines.contains { $0.contains("│ (alle)") })
        let overdueLine = try #require(lines.firstIndex { $0.contains("! overskredet") })
        #expect(lines[overdueLine].contains("(10)"))
        // The values come in order of urgency: overdue first.
        model.handle(.down)
        model.handle(.enter)
        lines = screen(model)
        #expect(lines[3].contains("⧩ Status = ! overskredet"))
        #expect(lines[3].hasSuffix("1/10 af 114"))
        #expect(lines[5...14].allSatisfy { $0.hasSuffix("! overskredet") })
        #expect(lines[15] == "")
        model.handle(.character("f"))
        lines = screen(model)
        #expect(lines.contains { $0.contains("│ Fjern alle filtre") })
        #expect(lines.contains { $0.contains("│ Status = ! overskredet") })
        model.handle(.enter)
        // All rows again; the selected row stays selected.
        let selected = model.page.selectedRow
        #expect(screen(model)[3].hasSuffix("/114"))
        #expect(model.page.order.count == 114)
        #expect(model.page.selectedRow == selected)
    }

    @Test func sortCyclesColumnsAndReverses() throws {
        let model = try app(user: "MHA")
        _ = screen(model)
        model.handle(.character("s"))
        var lines = screen(model)
        #expect(lines[4].hasPrefix(" Sag▲"))
        #expect(lines[23] == " sorteret efter Sag stigende")
        let ascending = column(lines, header: 4, title: "Sag")
        #expect(ascending == ascending.sorted())
        model.handle(.character("S"))
        lines = screen(model)
        #expect(lines[4].hasPrefix(" Sag▼"))
        #expect(column(lines, header: 4, title: "Sag") == column(lines, header: 4, title: "Sag").sorted(by: >))
        // Next column: CPR; then the status column sorts by urgency, overdue first.
        for _ in 0..<5 { model.handle(.character("s")) }
        model.handle(.character("g"))
        lines = screen(model)
        #expect(lines[4].hasSuffix("Status▲"))
        #expect(lines[5].hasSuffix("! overskredet"))
        model.handle(.character("s"))
        #expect(screen(model)[23] == " oprindelig rækkefølge")
    }

    @Test func drillToTheCitizenAndBack() throws {
        let model = try app(user: "MHA")
        _ = screen(model)
        for _ in 0..<3 { model.handle(.down) }
        model.handle(.enter)
        var lines = screen(model, rows: 48, columns: 160)
        #expect(lines[1].hasPrefix(" 1 Mine sager ›  2 Team"))
        #expect(lines[3].hasPrefix(" › 160783-xxxx · Winnie Damsø · 2 bevillinger, 72 posteringer, 2 DST-rækker, 0 afvigelser"))
        #expect(lines[4].hasPrefix(" Kilde       §     Sag/bilag"))
        #expect(lines[5].hasPrefix(" Bevilling "))
        #expect(lines.contains { $0.hasPrefix(" Udbetaling ") })
        model.handle(.character("G"))
        #expect(screen(model, rows: 48, columns: 160).contains { $0.hasPrefix(" DST ") })
        #expect(lines[47].contains("Esc tilbage"))
        model.handle(.escape)
        lines = screen(model)
        #expect(lines[3].hasPrefix(" Sager for MHA"))
        #expect(lines[3].hasSuffix("4/114"))
    }

    @Test func teamToCaseworkerToCitizenAndØkonomiToPayments() throws {
        let model = try app(user: "BIK")
        _ = screen(model)
        model.handle(.enter)
        var lines = screen(model)
        #expect(lines[3].hasPrefix(" › Sager for AÅM · Anne Åmand"))
        #expect(lines[3].hasSuffix("1/59"))
        model.handle(.character("4"))
        model.handle(.enter)
        lines = screen(model)
        #expect(lines[3].hasPrefix(" › 5.38.38 Socialpædagogisk støtte"))
        #expect(lines[4].contains("Forbrug mod budget"))
        #expect(lines[5].contains("│") || lines[5].contains("█"))
        model.handle(.enter)   // January
        lines = screen(model)
        #expect(lines[3].hasPrefix(" ›› Posteringer på 5.38.38 bogført 2026-01: "))
        #expect(lines[4].hasPrefix(" Bilag    Bogført     CPR"))
        model.handle(.escape)
        model.handle(.escape)
        #expect(screen(model)[3].hasPrefix(" Økonomi 2026 til og med md. 10"))
    }

    @Test func consultantAnnotatesAndTheNoteReattachesOnTheNextOpening() throws {
        let folder = TemporaryFolder()
        let model = try app(user: "ØKO", folder: folder, login: "øko")
        _ = screen(model)
        model.handle(.character("a"))
        var lines = screen(model)
        #expect(lines.contains { $0.contains("┌─ Status ") })
        model.handle(.down)
        model.handle(.enter)         // undersøges
        type("ringer til Bostøtten", into: model)
        #expect(screen(model)[23].hasPrefix(" Note: ringer til Bostøtten"))
        model.handle(.enter)
        lines = screen(model)
        #expect(lines[23] == " status »undersøges« gemt")
        let row = try #require(lines.firstIndex { $0.hasPrefix(" Kun i fagsystem") })
        #expect(lines[row].contains(" undersøges "))
        // Side by side: the history, with who.
        model.handle(.enter)
        lines = screen(model, rows: 30, columns: 120)
        #expect(lines.contains { $0.contains(" øko ") && $0.contains("undersøges: ringer til Bostøtten") })
        // Reopened (as after the next sync): the annotation is there again, by the discrepancy's key.
        let again = try app(user: "ØKO", folder: folder, login: "dat")
        #expect(screen(again).contains { $0.hasPrefix(" Kun i fagsystem") && $0.contains(" undersøges ") })
        #expect(try AnnotationStore(directory: folder.path).history(key: again.page.cells(0)[0].maskedKey).map(\.who) == ["øko"])
    }

    @Test func aFixedDiscrepancyThatIsGoneShowsAsResolved() throws {
        let folder = TemporaryFolder()
        let store = try AnnotationStore(directory: folder.path)
        try store.add(Annotation(key: "onlyInEconomy|SEL-108|0101901234|", status: .fixed, note: "bogført om", who: "øko", at: "2026-11-01T10:00:00Z"))
        let model = try app(user: "ØKO", folder: folder)
        model.handle(.character("G"))
        let lines = screen(model, rows: 48, columns: 160)
        #expect(lines[3].hasPrefix(" Afvigelser 01-01-2026–31-10-2026: 49, heraf 6 forklarede · 1 løst"))
        let resolved = try #require(lines.first { $0.contains("✓ løst") })
        #expect(resolved.hasPrefix(" Kun i økonomi"))
        #expect(resolved.contains("010190-xxxx"))
        #expect(resolved.contains("rettet og ikke længere fundet"))
    }

    @Test func onlyAConsultantSetsAStatus() throws {
        let model = try app(user: "MHA")
        model.handle(.character("5"))
        model.handle(.character("a"))
        #expect(screen(model)[23] == " kun en konsulent kan sætte status på en afvigelse")
    }

    @Test func exportWritesWhatTheScreenShows() throws {
        let folder = TemporaryFolder()
        let model = try app(user: "MHA", folder: folder)
        _ = screen(model)
        model.handle(.character("f"))
        model.handle(.down)
        model.handle(.enter)
        model.handle(.down)
        model.handle(.enter)                          // Status = overdue: 10 rows
        for _ in 0..<2 { model.handle(.character("s")) }
        model.handle(.character("S"))                 // CPR, descending
        let lines = screen(model)
        model.handle(.character("e"))
        // Made on a thread of its own: said at once, then where it went when it is written.
        #expect(screen(model)[23] == " eksporterer 10 rækker …")
        #expect(model.isExporting)
        model.handle(.character("S"))                 // (what was shown when e was pressed is exported)
        model.finishWrites()
        #expect(!model.isExporting)
        let message = screen(model, rows: 24, columns: 200)[23]
        #expect(message.hasPrefix(" 10 rækker gemt i \(folder.path)/overblik-caseload-"))
        let path = String(message.dropFirst(" 10 rækker gemt i ".count))
        let bytes = try #require(FileManager.default.contents(atPath: path))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let csv = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        var info = stat()
        stat(path, &info)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(csv.hasPrefix("caseId;cpr;name;paragraph;"))
        let rows = csv.split(separator: "\r\n").dropFirst().map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == 10)
        // The same rows in the same order as on screen, CPR masked as on screen.
        #expect(rows.map { $0[1] } == Array(column(lines, header: 4, title: "CPR").prefix(10)))
        #expect(rows.map { $0[0] } == Array(column(lines, header: 4, title: "Sag").prefix(10)))
        #expect(rows.allSatisfy { $0[1].hasSuffix("-xxxx") && $0.last == "overdue" })
    }

    /// One export at a time: `e` while one is being made says so; one that cannot be written says
    /// why, with the file's path.
    @Test func anExportIsMadeOneAtATimeAndAFailureIsSaid() throws {
        let folder = TemporaryFolder()
        let model = try app(user: "MHA", folder: folder)
        _ = screen(model)
        let slow = DispatchSemaphore(value: 0)
        let columns = ViewTable(view: "slow", columns: [ViewTable.Column("a", da: "A", en: "A")])
        let rows = LazyRows(count: 2) { p in
            if p == 0 { slow.wait() }
            return [.text("række \(p)")]
        }
        model.exporting = Export(Page.Shown(table: columns, order: [1, 0], source: rows), view: "slow", into: folder.path,
                                 stamp: "2026-11-23T06:00:00Z", model.context)
        model.handle(.character("e"))
        #expect(screen(model, rows: 24, columns: 120)[23] == " eksporten af 2 rækker er ikke færdig endnu")
        slow.signal()
        model.finishWrites()
        #expect(screen(model, rows: 24, columns: 120)[23] == " 2 rækker gemt i \(folder.path)/overblik-slow-20261123T060000Z.csv")
        let bytes = try #require(FileManager.default.contents(atPath: folder.file("overblik-slow-20261123T060000Z.csv")))
        #expect(Array(bytes) == Array("\u{FEFF}a\r\nrække 1\r\nrække 0\r\n".utf8))
        // The same second again: a name of its own. A list of 2.500 rows is written in three
        // chunks of at most 1.024, every row once and in order; no temporary file is left.
        let long = LazyRows(count: 2_500) { p in [.text("r\(p)")] }
        #expect(try Export.write(Page.Shown(table: columns, order: Array((0..<2_500).reversed()), source: long), model.context, view: "slow",
                                 into: folder.path, stamp: "2026-11-23T06:00:00Z")
                == folder.file("overblik-slow-20261123T060000Z-2.csv"))
        let written = try #require(FileManager.default.contents(atPath: folder.file("overblik-slow-20261123T060000Z-2.csv")))
        #expect(String(decoding: written, as: UTF8.self) == "\u{FEFF}a\r\n" + (0..<2_500).reversed().map { "r\($0)\r\n" }.joined())
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("overblik-slow") || $0.hasSuffix(".tmp") }.sorted()
                == ["overblik-slow-20261123T060000Z-2.csv", "overblik-slow-20261123T060000Z.csv"])
        // No rows: the header alone.
        let none = try Export.write(Page.Shown(table: columns, order: [], source: long), model.context, view: "none", into: folder.path,
                                    stamp: "2026-11-23T06:00:00Z")
        #expect(FileManager.default.contents(atPath: none).map(Array.init) == Array("\u{FEFF}a\r\n".utf8))

        let gone = folder.file("not-there")
        model.exporting = Export(Page.Shown(table: columns, order: [1], source: rows), view: "slow", into: gone,
                                 stamp: "2026-11-23T06:00:00Z", model.context)
        model.finishWrites()
        #expect(screen(model, rows: 24, columns: 200)[23]
                == " \(gone)/overblik-slow-20261123T060000Z.csv: kan ikke skrives: No such file or directory")
    }

    @Test func mouseSelectsTabsAndRowsAndTheWheelScrolls() throws {
        let model = try app(user: "MHA")
        _ = screen(model)
        model.handle(.click(row: 1, column: 16))      // "2 Team"
        #expect(model.current == 1)
        model.handle(.character("1"))
        _ = screen(model)
        model.handle(.click(row: 8, column: 10))      // the fourth list row
        #expect(model.page.state.selected == 3)
        model.handle(.wheelDown)
        #expect(model.page.state.selected == 6)
        model.handle(.wheelUp)
        model.handle(.wheelUp)
        #expect(model.page.state.selected == 0)
    }

    @Test func aNewerSnapshotIsAnnouncedAndReloaded() throws {
        let folder = TemporaryFolder()
        let first = folder.file("snapshot-20261123T060000.000Z.sqlite")
        try FileManager.default.copyItem(atPath: SampleSnapshot.path, toPath: first)
        let model = try AppLoader.load(snapshot: Snapshot(path: first), initials: "MHA", loginName: nil, language: .da,
                                       today: Day(year: 2026, month: 11, day: 23)!, ageHours: 7, exportDirectory: folder.path)
        model.poll()
        #expect(!model.newerSnapshot)
        model.handle(.character("r"))
        #expect(screen(model)[23] == " der er ingen nyere data")
        try FileManager.default.copyItem(atPath: SampleSnapshot.path, toPath: folder.file("snapshot-20261123T120000.000Z.sqlite"))
        model.poll()
        var lines = screen(model)
        #expect(lines[0].contains("● nyere data: tryk r"))
        #expect(lines[23].contains("r genindlæs"))
        model.handle(.character("r"))
        lines = screen(model)
        #expect(!lines[0].contains("nyere data"))
        #expect(lines[0].contains("(0 t)"))
        #expect(lines[23].hasPrefix(" nyeste data indlæst"))
    }
}

extension Cell {
    /// The raw key of a `.masked` cell (tests only).
    var maskedKey: String { if case .masked(let k) = self { return k }; return "" }
}

@Suite("A damaged snapshot in the TUI", .serialized)
struct DamagedInTUITests {
    /// The whole-file check runs in the background after the first frame; when it finds the open
    /// snapshot damaged, the message line says so and `r` opens the previous whole one.
    @Test func theCheckFindsDamageAndROpensThePreviousWhole() throws {
        let folder = TemporaryFolder()
        let older = folder.file("snapshot-20261123T060000.000Z.sqlite"), newer = folder.file("snapshot-20261123T120000.000Z.sqlite")
        try FileManager.default.copyItem(atPath: SampleSnapshot.path, toPath: older)
        try FileManager.default.copyItem(atPath: SampleSnapshot.path, toPath: newer)
        let model = try AppLoader.load(snapshot: Snapshot(path: newer), initials: "MHA", loginName: nil, language: .da,
                                       today: Day(year: 2026, month: 11, day: 23)!, ageHours: 1, exportDirectory: folder.path,
                                       annotationDirectory: folder.path)
        _ = screen(model)
        let size = (try FileManager.default.attributesOfItem(atPath: newer)[.size] as! Int)
        truncate(newer, off_t(size / 3))   // the file is damaged under the open program
        model.startIntegrityCheck()
        for _ in 0..<100 where model.damaged == nil {
            usleep(50_000)
            model.poll()
        }
        #expect(model.damaged != nil)
        #expect(screen(model)[23].hasPrefix(" snapshottet er beskadiget ("))
        #expect(screen(model)[23].hasSuffix("tryk r for det forrige hele"))
        model.handle(.character("r"))
        #expect(screen(model)[23].hasPrefix(" det forrige hele snapshot er indlæst"))
        #expect(model.damaged == nil)
        // Drill-downs read the previous snapshot now.
        model.handle(.enter)
        #expect(screen(model, rows: 48, columns: 160)[5].hasPrefix(" Bevilling "))
    }
}
