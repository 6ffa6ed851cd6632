import Foundation
import OverblikConfig
import OverblikSnapshotWriter
import OverblikCore
import OverblikStore
import OverblikTestSupport
import Testing
@testable import OverblikSync

/// StatBank's service table and FOLK1A (exports.md `statbank`, `population`; management.md §6, §9)
/// through the real reader and a real snapshot, in StatBank's own download format: UTF-8 with a
/// byte order mark, CRLF, `;`, code-and-text cells and `..`.
@Suite("Sync: StatBank tables", .serialized)
struct StatBankTableTests {
    /// Lines joined with CRLF behind a byte order mark, as StatBank's API writes them.
    static func statbankFile(_ lines: [String]) -> [UInt8] { Array(("\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n").utf8) }

    static let hand07 = statbankFile([
        "OMRÅDE;YDELSESTYPE;TID;INDHOLD",
        "000 Hele landet;30182 Midlertidige botilbud (§ 107 i lov om social service);2025K1;5123",
        "084 Region Hovedstaden;30182 Midlertidige botilbud (§ 107 i lov om social service);2025K1;1201",
        "250 Frederikssund;30182 Midlertidige botilbud (§ 107 i lov om social service);2025K1;41",
        "Frederikssund;30181;2025K2;..",
        "183 Ishøj;30182;2025K1;12",
        "411 Christiansø;30182;2025K1;0",
        "999 Atlantis;30182;2025K1;3",
        "250 Frederikssund;Midlertidige botilbud;2025K1;3",
        "250 Frederikssund;30182;2025;412",
        "250 Frederikssund;30182;2025K1;4,5",
        "250 Frederikssund;30182 Midlertidige botilbud;2025K1;40",
    ])

    static let folk1a = statbankFile([
        "OMRÅDE;KØN;ALDER;CIVILSTAND;TID;INDHOLD",
        "Hele landet;I alt;18 år;I alt;2025K1;70000",
        "Frederikssund;I alt;I alt;I alt;2025K1;45000",
        "Frederikssund;I alt;17 år;I alt;2025K1;500",
        "Frederikssund;I alt;18 år;I alt;2025K1;510",
        "Frederikssund;Mænd;18 år;I alt;2025K1;260",
        "Frederikssund;I alt;18 år;Ugift;2025K1;490",
        "250 Frederikssund;TOT I alt;64 64 år;TOT I alt;2025K1;520",
        "Frederikssund;I alt;65 år;I alt;2025K1;530",
        "Frederikssund;I alt;18-24 år;I alt;2025K1;3000",
        "Frederikssund;I alt;19 år;I alt;2025K1;mange",
        "Ishøj;I alt;18 år;I alt;2025K1;300",
        "Vallensbæk;I alt;18 år;I alt;2025K1;200",
        "Region Sjælland;I alt;18 år;I alt;2025K1;9000",
    ])

    func drop(in folder: TemporaryFolder, hand07: [UInt8] = Self.hand07, folk1a: [UInt8] = Self.folk1a) -> String {
        var b = DropBuilder()
        b.extra["dst/hand07.csv"] = hand07
        b.extra["dst/folk1a.csv"] = folk1a
        return b.write(into: folder)
    }

    @Test func serviceTableKeptSkippedRejectedAndStored() throws {
        let folder = TemporaryFolder()
        let snapshot = try Snapshot(path: try sync(drop(in: folder)).snapshotPath)
        let d = try snapshot.dataset()
        #expect(d.statbank.map { "\($0.code) \($0.serviceType) \($0.quarter) \($0.value.map(String.init) ?? "..")" } == [
            "250 30182 2025K1 4100", "250 30181 2025K2 ..", "183 30182 2025K1 1200",
        ])
        #expect(d.statbank[0].serviceText == "Midlertidige botilbud (§ 107 i lov om social service)" && d.statbank[0].line == 4)
        let rejected = d.rejected.filter { $0.table == .statbank }.map { "\($0.line) \($0.column) \($0.value): \($0.reason.da)" }
        #expect(rejected == [
            "8 OMRÅDE 999 Atlantis: ukendt område (forventet en af de 98 kommuner ved kode eller navn, fx \"253 Greve\")",
            "9 YDELSESTYPE Midlertidige botilbud: ydelsestypen har ingen kode (fx \"30182 Midlertidige botilbud …\"); hent tabellen med koder",
            "10 TID 2025: perioden er ikke et kvartal (forventet fx 2025K3)",
            "11 INDHOLD 4,5: skal være et helt tal fra 0 eller .. (ikke offentliggjort)",
            "12 OMRÅDE 250 30182 2025K1: dublet: \"250 30182 2025K1\" findes allerede i linje 4, som gælder",
        ])
        let source = try #require(d.sources.first { $0.table == .statbank })
        // The country, a region and Christiansø: skipped and counted, not rejected.
        #expect(source.rows == 11 && source.skipped == 3 && source.rejected == 5 && !source.modified.isEmpty)
        #expect(try snapshot.statbank() == d.statbank)
    }

    @Test func populationKeepsTheBandOfTotalsOnly() throws {
        let folder = TemporaryFolder()
        let snapshot = try Snapshot(path: try sync(drop(in: folder)).snapshotPath)
        let d = try snapshot.dataset()
        #expect(d.population.map { "\($0.code) \($0.age) \($0.value ?? -1)" } == ["250 18 510", "250 64 520", "183 18 300", "187 18 200"])
        let rejected = d.rejected.filter { $0.table == .population }.map { "\($0.line) \($0.column) \($0.value)" }
        #expect(rejected == ["10 ALDER 18-24 år", "11 INDHOLD mange"])
        let source = try #require(d.sources.first { $0.table == .population })
        // Country, age total, 17, men, unmarried, 65 and a region: 7 skipped.
        #expect(source.rows == 13 && source.skipped == 7 && source.rejected == 2)
        #expect(try snapshot.population() == d.population)
    }

    /// The value read from its bytes when it is only digits gives what the general reading gives
    /// (leading zeros, surrounding spaces), and what it does not take goes the general way: more
    /// digits than the general reading allows, a sign, a decimal (`1.234` is 1,234 with no comma in the
    /// cell); empty cells are missing values.
    @Test func populationValuesAndEmptyCells() throws {
        let folder = TemporaryFolder()
        let folk1a = Self.statbankFile([
            "OMRÅDE;KØN;ALDER;CIVILSTAND;TID;INDHOLD",
            "Frederikssund;I alt;18 år;I alt;2025K1; 0042 ",
            "Frederikssund;I alt;19 år;I alt;2025K1;999999999999",
            "Frederikssund;I alt;20 år;I alt;2025K1;1000000000000",
            "Frederikssund;I alt;21 år;I alt;2025K1;-5",
            "Frederikssund;I alt;22 år;I alt;2025K1;12,00",
            "Frederikssund;I alt;23 år;I alt;2025K1;1.234",
            "Frederikssund;I alt;24 år;I alt;2025K1;",
            ";I alt;25 år;I alt;2025K1;7",
            "Frederikssund;I alt;;I alt;2025K1;7",
            "Frederikssund;I alt;26 år;I alt;;7",
            "Frederikssund;I alt;27 år;I alt;2025K1;..",
        ])
        let d = try Snapshot(path: try sync(drop(in: folder, folk1a: folk1a)).snapshotPath).dataset()
        #expect(d.population.map { "\($0.age) \($0.value.map(String.init) ?? "..")" } == ["18 42", "19 999999999999", "22 12", "27 .."])
        let rejected = d.rejected.filter { $0.table == .population }.map { "\($0.line) \($0.column) \($0.value): \($0.reason.da)" }
        #expect(rejected == [
            "4 INDHOLD 1000000000000: skal være et helt tal fra 0 eller .. (ikke offentliggjort)",
            "5 INDHOLD -5: skal være et helt tal fra 0 eller .. (ikke offentliggjort)",
            "7 INDHOLD 1.234: skal være et helt tal fra 0 eller .. (ikke offentliggjort)",
            "8 INDHOLD : værdi mangler",
            "9 OMRÅDE : værdi mangler",
            "10 ALDER : værdi mangler",
            "11 TID : værdi mangler",
        ])
    }

    /// A FOLK1A download with every area, sex, civil status and age (400.050 lines): 0 rejected, every
    /// line not used skipped and counted, each municipality's band 18–64 kept.
    @Test func aWholeFOLK1ADownloadRejectsNothing() throws {
        let folder = TemporaryFolder()
        let summary = try sync(drop(in: folder, folk1a: FullFOLK1A.bytes()))
        let source = try #require(summary.sources.first { $0.table == .population })
        #expect(FullFOLK1A.linesPerQuarter * 2 == 400_050)
        #expect(source.rows == 400_050 && source.rejected == 0)
        // 98 municipalities × 47 ages × 2 quarters kept; the rest skipped.
        #expect(source.skipped == 400_050 - 98 * 47 * 2)
        let population = try Snapshot(path: summary.snapshotPath).population()
        #expect(population.count == 98 * 47 * 2 && population.allSatisfy { $0.value == 7 && (18...64).contains($0.age) })
    }

    @Test func aMatrixLayoutIsRefusedWithHowToDownloadTheLongOne() throws {
        let folder = TemporaryFolder()
        let matrix = Self.statbankFile(["OMRÅDE;YDELSESTYPE;2024K1;2024K2", "250 Frederikssund;30182;41;43"])
        var failure: SyncError?
        do throws(SyncError) { _ = try sync(drop(in: folder, hand07: matrix)) } catch { failure = error }
        let message = try #require(failure).message.da
        #expect(message.hasPrefix("dst/hand07.csv:1: filen er i matrix-format (perioden \"2024K1\" står som kolonne)"))
        #expect(message.contains("valuePresentation=CodeAndValue") && message.contains("Hent tal fra Statistikbanken"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("snapshots")) || SnapshotDirectory(path: folder.file("snapshots")).newest() == nil)
    }

    @Test func theComparisonSettingsAreReadAndKept() throws {
        let folder = TemporaryFolder()
        var b = DropBuilder()
        b.config += "[comparison]\nmeasure = \"fulltime\"\nmunicipalities = [\"183\", \"Greve\"]\nages = [20, 59]\n"
        let snapshot = try Snapshot(path: try sync(b.write(into: folder)).snapshotPath)
        let settings = try snapshot.metadata().comparison
        #expect(settings.measure == .fulltime && settings.municipalities == ["183", "253"] && settings.ages == 20...59)
        // An unknown municipality fails the configuration.
        var bad = DropBuilder()
        bad.config += "[comparison]\nmunicipalities = [\"Atlantis\"]\n"
        let other = TemporaryFolder()
        #expect(throws: SyncError.self) { try sync(bad.write(into: other)) }
    }
}
