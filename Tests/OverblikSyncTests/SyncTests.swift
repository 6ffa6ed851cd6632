import Foundation
import OverblikSnapshotWriter
import OverblikConfig
import OverblikCore
import OverblikStore
import OverblikTestSupport
import Testing
@testable import OverblikSync

func sync(_ configPath: String, dryRun: Bool = false) throws(SyncError) -> SyncSummary {
    let config: SyncConfiguration
    do { config = try SyncConfiguration.load(path: configPath) } catch { throw .configuration(error) }
    return try runSync(config, options: SyncOptions(today: Day(year: 2026, month: 11, day: 23)!, dryRun: dryRun,
                                                    now: fixedNowDate, programVersion: "test"))
}

/// Syncs the committed Sampledata into a temporary folder for 23-11-2026.
func syncSampledata(into folder: TemporaryFolder) throws -> (SyncConfiguration, SyncSummary) {
    var config = try SyncConfiguration.load(path: packageRoot() + "/Sampledata/overblik.toml")
    config.snapshotDirectory = folder.path
    return (config, try runSync(config, options: SyncOptions(today: Day(year: 2026, month: 11, day: 23)!, now: fixedNowDate, programVersion: "test")))
}

func fileMode(_ path: String) -> Int {
    (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
}

@Suite("Sync", .serialized)
struct SyncTests {
    @Test func publishesASnapshotThatReadsBack() throws {
        let folder = TemporaryFolder()
        let summary = try sync(DropBuilder().write(into: folder))
        #expect(summary.snapshotPath.hasPrefix(folder.file("snapshots/snapshot-")))
        #expect(fileMode(summary.snapshotPath) == 0o600)
        let snapshot = try Snapshot(path: summary.snapshotPath)
        let d = try snapshot.dataset()
        #expect(d.grants.count == 2)
        let g = d.grants[0]
        #expect(g.caseId == "S-1")
        #expect(g.cpr.digits == "0101901234")
        #expect(g.name == "Jens Ærø")
        #expect(g.paragraph.key == "SEL-108")
        #expect(g.provider == "Bostedet; afd. Øst")
        #expect(g.start == Day(year: 2025, month: 1, day: 1))
        #expect(g.end == nil)
        #expect(g.rate == Money(ore: 245_000))
        #expect(g.rateUnit == .day)
        #expect(g.nextFollowUp == Day(year: 2026, month: 12, day: 1))
        #expect(g.line == 2)
        #expect(d.grants[1].end == Day(year: 2026, month: 12, day: 31))
        #expect(d.payments.map(\.amount) == [Money(ore: 7_595_000), Money(ore: -50_000)])
        #expect(d.mapping[1].serviceCodes == ["85-01", "85-02"])
        // A management table neither configured nor present is no source: the drop syncs as before.
        #expect(d.sources.map(\.table) == TableName.allCases.filter { !$0.isManagement })
        #expect(d.sources.first { $0.table == .staff }?.present == false)
        #expect(d.sources.first { $0.table == .grants }?.rows == 2)
        let meta = try snapshot.metadata()
        #expect(meta.today == Day(year: 2026, month: 11, day: 23))
        #expect(meta.municipality.name == "Frederikssund")
    }

    @Test func rejectedRowsKeepFileLineColumnAndReason() throws {
        let folder = TemporaryFolder()
        var drop = DropBuilder()
        drop.config += "[sync]\nmax_reject_share = 1.0\n"
        drop.grants = """
            Sags-ID;CPR;Navn;Paragraf;Ydelseskode;Leverandør;Startdato;Slutdato;Takst;Takstenhed;Sagsbehandler;Næste opfølgning
            S-1;0101901234;"To
            linjer";§ 108;108-01;x;01-01-2025;;100,00;dag;MHA;
            S-2;0101901234;A;§ 108;108-01;x;29-02-2025;;100,00;dag;MHA;
            S-1;0101901234;Dublet;§ 108;108-01;x;01-01-2025;;100,00;dag;MHA;
            S-3;0101901234;A;§ 108;108-01;x;01-06-2025;01-05-2025;100,00;dag;MHA;
            S-4;0101901234;A
            S-5;3102901234;A;§ 108;108-01;x;01-01-2025;;100,00;dag;MHA;
            S-6;0101901234;A;§ 108;108-01;x;01-01-2025;;1.5;dag;MHA;
            S-7;0101901234;A;hmm;108-01;x;01-01-2025;;100,00;dag;MHA;
            S-8;0101901234;A;§ 108;108-01;x;01-01-2025;;100,00;døgn;MHA;

            """
        let summary = try sync(drop.write(into: folder))
        let rejected = summary.rejected.filter { $0.table == .grants }
        #expect(rejected.map(\.line) == [4, 5, 6, 7, 8, 9, 10])
        #expect(rejected.map(\.column) == ["Startdato", "Sags-ID", "Slutdato", "", "CPR", "Takst", "Paragraf"])
        #expect(rejected.map(\.value) == ["29-02-2025", "S-1", "01-05-2025", "S-4;0101901234;A", "3102901234", "1.5", "hmm"])
        #expect(rejected[1].reason.en == "duplicate: \"S-1\" already appears on line 2, which stands")
        #expect(rejected[3].reason.da == "forventede 12 felter som overskriften, fandt 3")
        #expect(rejected.allSatisfy { $0.file == "fagsystem/indsatser.csv" })
        let d = try Snapshot(path: summary.snapshotPath).dataset()
        #expect(d.grants.map(\.caseId) == ["S-1", "S-8"])
        #expect(d.grants[0].name == "To\nlinjer")
        #expect(d.rejected.filter { $0.table == .grants } == rejected)
        #expect(d.sources.first { $0.table == .grants }!.rows == 9)
        #expect(d.sources.first { $0.table == .grants }!.rejected == 7)
    }

    /// Rate units are parsed once per distinct spelling (remembered by their bytes): each
    /// spelling gives its unit on every row it is on, an unknown one is rejected also after known
    /// ones, and a quoted one with doubled quotes goes the general way.
    @Test func rateUnitsReadPerSpellingOnEveryRow() throws {
        let folder = TemporaryFolder()
        var drop = DropBuilder()
        drop.config += "[sync]\nmax_reject_share = 1.0\n"
        drop.grants = """
            Sags-ID;CPR;Navn;Paragraf;Ydelseskode;Leverandør;Startdato;Slutdato;Takst;Takstenhed;Sagsbehandler;Næste opfølgning
            S-1;0101901234;A;§ 108;108-01;x;01-01-2025;;100,00;måned;MHA;
            S-2;0101901234;A;§ 108;108-01;x;01-01-2025;;100,00;døgn;MHA;
            S-3;0101901234;A;§ 108;108-01;x;01-01-2025;;100,00;måned;MHA;
            S-4;0101901234;A;§ 108;108-01;x;01-01-2025;;100,00;månder;MHA;
            S-5;0101901234;A;§ 108;108-01;x;01-01-2025;;100,00; Md ;MHA;
            S-6;0101901234;A;§ 108;108-01;x;01-01-2025;;100,00;månder;MHA;
            S-7;0101901234;A;§ 108;108-01;x;01-01-2025;;100,00;"år";MHA;
            S-8;0101901234;A;§ 108;108-01;x;01-01-2025;;;;MHA;
            S-9;0101901234;A;§ 108;108-01;x;01-01-2025;;100,00;\"\"\"dag\"\"\";MHA;

            """
        let summary = try sync(drop.write(into: folder))
        let rejected = summary.rejected.filter { $0.table == .grants }
        #expect(rejected.map(\.line) == [5, 7, 10])
        #expect(rejected.map(\.value) == ["månder", "månder", "\"dag\""])
        #expect(rejected.allSatisfy { $0.column == "Takstenhed" && $0.reason.en.hasPrefix("unknown rate unit") })
        let d = try Snapshot(path: summary.snapshotPath).dataset()
        #expect(d.grants.map(\.caseId) == ["S-1", "S-2", "S-3", "S-5", "S-7", "S-8"])
        #expect(d.grants.map(\.rateUnit) == [.month, .day, .month, .month, .year, nil])
    }

    @Test func missingRequiredColumnNamesTheHeadersFound() {
        let folder = TemporaryFolder()
        var drop = DropBuilder()
        drop.payments = "Bilagsnr;CPR-nummer;Funktion;Periode fra;Periode til;Beløb;Bogføringsdato\n"
        let path = drop.write(into: folder)
        do {
            _ = try sync(path)
            Issue.record("expected a failure")
        } catch {
            #expect(error.message.da == """
                okonomi/posteringer.csv:1: kolonnen "CPR" mangler. Fundne overskrifter: "Bilagsnr", "CPR-nummer", "Funktion", "Periode fra", "Periode til", "Beløb", "Bogføringsdato". Har kolonnen et andet navn, så angiv det som cpr = "…" under [tables.payments.columns]
                """)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file("snapshots")) || SnapshotDirectory(path: folder.file("snapshots")).newest() == nil)
    }

    @Test func missingRequiredFileAndEmptyFile() {
        let folder = TemporaryFolder()
        let path = DropBuilder().write(into: folder)
        try? FileManager.default.removeItem(atPath: folder.file("stamdata/masteroversigt.csv"))
        #expect(throws: SyncError.self) { try sync(path) }
        folder.write("stamdata/masteroversigt.csv", "")
        do {
            _ = try sync(path)
            Issue.record("expected a failure")
        } catch {
            #expect(error.message.en == "stamdata/masteroversigt.csv:1: the file is empty; it needs at least a header line")
        }
    }

    @Test func aFailedSyncLeavesThePreviousSnapshotByteForByte() throws {
        let folder = TemporaryFolder()
        var drop = DropBuilder()
        let path = drop.write(into: folder)
        let first = try sync(path).snapshotPath
        let before = folder.read((first as NSString).lastPathComponent.isEmpty ? "" : "snapshots/" + (first as NSString).lastPathComponent)
        // Now more than 5 % of the payments are bad: the sync fails as a whole.
        drop.payments += "B-3;0101901234;5.38.50;;01-03-2025;31-03-2025;mange penge;05-04-2025\n"
        drop.write(into: folder)
        do {
            _ = try sync(path)
            Issue.record("expected a failure")
        } catch {
            guard case .tooManyRejected(_, _, let rejected, let rows, _, let examples) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect((rejected, rows) == (1, 3))
            #expect(examples.first?.line == 4)
            #expect(error.message.da.contains("okonomi/posteringer.csv:4: Beløb: \"mange penge\""))
        }
        let snapshots = SnapshotDirectory(path: folder.file("snapshots")).snapshots()
        #expect(snapshots == [first])
        #expect(folder.read("snapshots/" + (first as NSString).lastPathComponent) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.file("snapshots")).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    /// The payments are read on a thread of their own while the other tables are read; the tables
    /// are still taken in their order: reported so, and a grants file with too many bad rows is
    /// the failure named, not the payments file read beside it.
    @Test func tablesAreTakenInTheirOrder() throws {
        let folder = TemporaryFolder()
        var drop = DropBuilder()
        let path = drop.write(into: folder)
        let config = try SyncConfiguration.load(path: path)
        var reported: [TableName] = []
        _ = try runSync(config, options: SyncOptions(today: Day(year: 2026, month: 11, day: 23)!, dryRun: true, now: fixedNowDate,
                                                     programVersion: "test")) { progress in
            if case .read(let info, _) = progress { reported.append(info.table) }
        }
        #expect(reported.first == .grants && reported.filter { $0 == .payments }.count == 1)
        #expect(reported == TableName.allCases.filter(reported.contains))
        drop.payments += "B-3;0101901234;5.38.50;;01-03-2025;31-03-2025;mange penge;05-04-2025\n"
        drop.grants += "S-3;0303851236;Bo Ek;§ 85;85-01;Bostøtten;ikke en dato;;450,00;time;MHA;\n"
        drop.write(into: folder)
        /// The table of the failure the sync names (nil: it did not fail with too many rejected rows).
        func failing() -> TableName? {
            do { _ = try sync(path, dryRun: true) } catch {
                if case .tooManyRejected(let table, _, _, _, _, _) = error { return table }
            }
            return nil
        }
        #expect(failing() == .grants)
        // A later file that cannot be opened fails at its turn: the grants are still the failure named.
        try FileManager.default.removeItem(atPath: folder.file("stamdata/masteroversigt.csv"))
        try FileManager.default.createDirectory(atPath: folder.file("stamdata/masteroversigt.csv"), withIntermediateDirectories: false)
        #expect(failing() == .grants)
    }

    @Test func dryRunPublishesNothing() throws {
        let folder = TemporaryFolder()
        let summary = try sync(DropBuilder().write(into: folder), dryRun: true)
        #expect(summary.dryRun)
        #expect(SnapshotDirectory(path: folder.file("snapshots")).snapshots().isEmpty)
    }

    @Test func olderSnapshotsArePrunedToKeep() throws {
        let folder = TemporaryFolder()
        let path = DropBuilder().write(into: folder)  // keep = 2
        var published: [String] = []
        for _ in 0..<4 { published.append(try sync(path).snapshotPath) }
        #expect(published == published.sorted())
        #expect(SnapshotDirectory(path: folder.file("snapshots")).snapshots() == Array(published.suffix(3)))
    }

    @Test func groupReadableWhenConfigured() throws {
        let folder = TemporaryFolder()
        var drop = DropBuilder()
        drop.config = drop.config.replacingOccurrences(of: "keep = 2", with: "keep = 2\ngroup_readable = true")
        #expect(fileMode(try sync(drop.write(into: folder)).snapshotPath) == 0o640)
    }

    /// Other column names, Windows-1252 payments with CRLF, ISO dates in the DST extract and a
    /// BOM with CRLF in the grants, all handled through the configuration alone.
    @Test func anotherVendorsDropThroughConfigurationAlone() throws {
        let folder = TemporaryFolder()
        var drop = DropBuilder()
        drop.config += """
            [tables.grants]
            path = "cura/ydelser.csv"
            [tables.grants.columns]
            caseId = "Indsats-ID"
            cpr = "CPR-nr."
            paragraph = "Lovgrundlag"
            start = "Bevilget fra"
            [tables.payments]
            path = "opus/udbetalinger.txt"
            encoding = "windows-1252"
            delimiter = "auto"
            [tables.payments.columns]
            amount = "Beløb i kr"
            [tables.dst]
            date_format = "yyyy-mm-dd"

            """
        let grants = "Indsats-ID;CPR-nr.;Lovgrundlag;Bevilget fra;Slutdato;Takst;Takstenhed;Leverandør\r\nC-1;010190-1234;SEL § 108;01-02-2025;;1.000,50;døgn;Bostedet Ågården\r\n"
        folder.write("cura/ydelser.csv", bytes: [0xEF, 0xBB, 0xBF] + Array(grants.utf8))
        // "Leverandør" and "Ågården" in Windows-1252, tab-separated, CRLF.
        var pay: [UInt8] = Array("Bilagsnr\tCPR\tFunktion\tLeverand".utf8) + [0xF8] + Array("r\tPeriode fra\tPeriode til\tBel".utf8) + [0xF8]
        pay += Array("b i kr\tBogf".utf8) + [0xF8] + Array("ringsdato\r\n".utf8)
        pay += Array("B-9\t0101901234\t5.38.50\tBostedet ".utf8) + [0xC5] + Array("g".utf8) + [0xE5] + Array("rden\t01-02-2025\t28-02-2025\t28.014,00\t05-03-2025\r\n".utf8)
        folder.write("opus/udbetalinger.txt", bytes: pay)
        folder.write("dst/indberetning.csv", "CPR;Paragraf;DST-ydelseskode;Startdato;Slutdato\n0101901234;108;108;2025-02-01;\n")
        let summary = try sync(drop.write(into: folder))
        #expect(summary.rejected.isEmpty)
        let d = try Snapshot(path: summary.snapshotPath).dataset()
        #expect(d.grants.map(\.caseId) == ["C-1"])
        #expect(d.grants[0].provider == "Bostedet Ågården")
        #expect(d.grants[0].rate == Money(ore: 100_050))
        #expect(d.grants[0].rateUnit == .day)
        #expect(d.payments.map { d.symbols[$0.provider] } == ["Bostedet Ågården"])
        #expect(d.payments.map(\.amount) == [Money(ore: 2_801_400)])
        #expect(d.dst.map(\.start) == [Day(year: 2025, month: 2, day: 1)!])
        #expect(d.sources.first { $0.table == .payments }!.encoding == "windows-1252")
        #expect(d.sources.first { $0.table == .grants }!.path == "cura/ydelser.csv")
    }

    @Test func aSecondSyncWhileOneRunsIsRefused() throws {
        let folder = TemporaryFolder()
        let path = DropBuilder().write(into: folder)
        let config = try SyncConfiguration.load(path: path)
        let directory = SnapshotDirectory(path: config.snapshotDirectory)
        var inner: SyncError?
        _ = try directory.publish(createdAt: fixedNowDate, mode: 0o600, keep: 2, dryRun: true) { temporary in
            do throws(SyncError) { _ = try sync(path) } catch { inner = error }
            _ = FileManager.default.createFile(atPath: temporary, contents: nil)
        }
        guard case .busy(let holder) = inner else {
            Issue.record("expected busy, got \(String(describing: inner))")
            return
        }
        #expect(holder.hasPrefix("pid \(getpid())"))
    }
}

@Suite("Sampledata")
struct SampledataTests {
    /// The committed sample drop syncs, and exactly the rows the generator planted to be
    /// rejected are rejected, at the lines it recorded.
    @Test func syncsWithThePlantedRejectedRows() throws {
        let root = packageRoot()
        let folder = TemporaryFolder()
        let (_, summary) = try syncSampledata(into: folder)
        let planted = String(decoding: FileManager.default.contents(atPath: root + "/Sampledata/planted.csv")!, as: UTF8.self)
        let expected = planted.split(separator: "\n").map { $0.split(separator: ";", omittingEmptySubsequences: false) }
            .filter { $0.first == "rejected" }.map { "\($0[3]) \($0[4])" }
        #expect(summary.rejected.map { "\($0.file):\($0.line) \($0.column)" } == expected)
        #expect(expected.count == 16)
        let d = try Snapshot(path: summary.snapshotPath).dataset()
        #expect(d.staff.count == 20)
        #expect(d.mapping.count == 11)
        #expect(d.grants.count > 900)
        #expect(d.sources.first { $0.table == .payments }!.encoding == "windows-1252")
        #expect(Set(d.grants.map(\.paragraph)) == Set(d.mapping.map(\.paragraph)))
    }
}

@Suite("Reading a large file in parts")
struct PartsTests {
    /// A payments file over the size that is read in parallel: read in two parts, it gives the
    /// same rows and symbols (numbered in text order) as read in one go.
    @Test func twoPartsGiveWhatOneGives() throws {
        let folder = TemporaryFolder()
        var drop = DropBuilder()
        var text = "Bilagsnr;CPR;Funktion;Gruppering;Leverandør;Periode fra;Periode til;Beløb;Bogføringsdato;Betalingskommune;Handlekommune\n"
        let providers = ["Bostedet Åløkke", "Værestedet Ørnen", "Bo-Støtte ApS", "Kildevang", ""]
        let functions = ["5.38.50", "5.38.38", "5.38.52", "5.38.53"]
        for i in 0..<110_000 {
            let cpr = String(format: "%02d0190%04d", 1 + i % 28, i % 9973)
            text += "V\(i);\(cpr);\(functions[(i / 7) % 4]);\(i % 3 == 0 ? "004" : "");\(providers[(i / 3) % 5]);"
                + "01-01-2026;31-01-2026;\(i % 1000).\(100 + i % 900),50;05-02-2026;\(i % 50 == 0 ? "Egedal" : "");\(i % 70 == 0 ? "101" : "")\n"
        }
        drop.payments = text
        let config = try SyncConfiguration.load(path: drop.write(into: folder))
        let source = try #require(try SourceFile.open(config.tables[.payments]!))
        #expect(source.byteCount > 8_000_000)
        let m = config.municipality
        let (one, oneSymbols) = source.readPayments(m, parts: 1)
        let (two, twoSymbols) = source.readPayments(m, parts: 2)
        #expect(one.count == 110_000)
        #expect(one.rejected.isEmpty)
        #expect(two.rows == one.rows)
        #expect(twoSymbols == oneSymbols)
        #expect(oneSymbols.texts == oneSymbols.texts.sorted())
        #expect(one.rows[0].voucherId == "V0")
        #expect(oneSymbols[one.rows[50].payingMunicipality] == "Egedal")
        #expect(oneSymbols[one.rows[70].actingMunicipality] == "101")
        #expect(oneSymbols[one.rows[3].provider] == "Værestedet Ørnen")
        #expect(oneSymbols[one.rows[12].provider] == "")
        #expect(oneSymbols[one.rows[107_999].function] == functions[(107_999 / 7) % 4])
    }

    /// The parts write into one array, each where the lines before it end: rows rejected or blank
    /// in a part leave a gap that is closed, and a last part with more rows than its first lines
    /// promise (long lines where it starts, short after) goes on past its room. In two parts and
    /// in three, the rows, the rejected rows and the count are those of one read in one go.
    @Test func gapsAndALastPartLongerThanEstimated() throws {
        let folder = TemporaryFolder()
        var drop = DropBuilder()
        var text = "Bilagsnr;CPR;Funktion;Gruppering;Leverandør;Periode fra;Periode til;Beløb;Bogføringsdato;Betalingskommune;Handlekommune\n"
        let long = String(repeating: "Bostedet Åløkke ", count: 125)
        for i in 0..<110_000 {
            if i % 997 == 0 { text += "\n"; continue }
            if i % 1013 == 0 { text += "V\(i);0101901234;5.38.50\n"; continue }
            let provider = (50_000..<52_000).contains(i) ? long : i % 5003 == 0 ? "\"Bo\nsted\"" : "Kildevang"
            text += "V\(i);\(String(format: "%02d0190%04d", 1 + i % 28, i % 9973));5.38.50;;\(provider);"
                + "01-01-2026;31-01-2026;\(i % 1000),50;05-02-2026;;\n"
        }
        drop.payments = text
        let config = try SyncConfiguration.load(path: drop.write(into: folder))
        let source = try #require(try SourceFile.open(config.tables[.payments]!))
        let m = config.municipality
        let (one, _) = source.readPayments(m, parts: 1)
        #expect(source.byteCount > 12_000_000)  // (three parts of 4 MB at least)
        #expect(one.rows.count == 110_000 - 111 - 108)  // (111 blank lines, 108 short rows: 0 is blank)
        #expect(one.rejected.count == 108)
        for parts in [2, 3] {
            let (split, _) = source.readPayments(m, parts: parts)
            let (sameRows, sameRejected) = (split.rows == one.rows, split.rejected == one.rejected)  // (not printed whole when they differ)
            #expect(sameRows, "\(parts) parts: \(split.rows.count) rows")
            #expect(sameRejected, "\(parts) parts: \(split.rejected.count) rejected")
            #expect(split.count == one.count)
        }
    }
}

@Suite("Sampledata's forecast")
struct SampledataForecastTests {
    /// The forecast by service year on Sampledata for 23-11-2026, per function (kroner and øre).
    /// Before the rule changed (spend posted since 1 January + unpaid days) 5.38.38 stood at
    /// 81.883.270,34 against a budget of 70.645.000: December 2025, paid in January, counted twice.
    @Test func perFunction() throws {
        let folder = TemporaryFolder()
        let (_, summary) = try syncSampledata(into: folder)
        let figures = try #require(try Snapshot(path: summary.snapshotPath).derived(year: 2026))
        let forecast = Dictionary(figures.budget.filter { $0.month == 12 }.map { ($0.function, $0.forecastYear.danishDecimal) },
                                  uniquingKeysWith: { a, _ in a })
        #expect(forecast == ["5.38.38": "75.646.953,11", "5.38.50": "141.847.575,00", "5.38.51": "4.949.359,32",
                             "5.38.52": "30.512.900,00", "5.38.53": "2.380.404,16", "5.38.58": "7.130.013,81",
                             "5.38.59": "42.960.175,00"])
    }
}
