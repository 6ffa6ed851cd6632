import Foundation
import OverblikSnapshotWriter
import OverblikCore
import OverblikStore
import OverblikTestSupport
import Testing
@testable import OverblikTUI

@Suite("Report: status")
struct StatusReportTests {
    func report() throws -> StatusReport {
        var dataset = Dataset(municipality: Municipality(code: "250", name: "Frederikssund"))
        dataset.sources = [
            SourceInfo(table: .grants, path: "fagsystem/indsatser.csv", sha256: String(repeating: "a1", count: 32), bytes: 100,
                       rows: 1830, rejected: 1, encoding: "utf-8"),
            SourceInfo(table: .staff, path: "fagsystem/medarbejdere.csv", present: false),
        ]
        dataset.rejected = [RejectedRow(table: .grants, file: "fagsystem/indsatser.csv", line: 57, column: "CPR", field: "cpr",
                                        value: "3102901234", reason: Message(da: "CPR-nummerets fødselsdato findes ikke",
                                                                             en: "the CPR number's birth date does not exist"))]
        let folder = TemporaryFolder()
        let path = folder.file("s.sqlite")
        try SnapshotWriter.write(dataset, metadata: SnapshotMetadata(
            createdAt: "2026-11-23T06:00:00+01:00", today: Day(year: 2026, month: 11, day: 23)!,
            municipality: dataset.municipality, programVersion: "0.1.0", configPath: "overblik.toml"), to: path)
        var r = try StatusReport(snapshot: Snapshot(path: path))
        r.snapshotPath = "snapshots/s.sqlite"
        return r
    }

    @Test func textInDanish() throws {
        let text = try report().render(.text, ReportContext(today: Day(year: 2026, month: 11, day: 23)!))
        #expect(text == """
            Datastatus · Frederikssund (250)
            Snapshot:  snapshots/s.sqlite
            Lavet:     2026-11-23T06:00:00+01:00   beregnet for 23-11-2026   program 0.1.0

            Tabel         Fil                         Rækker  Afvist  Kodning      SHA-256
            ────────────  ──────────────────────────  ──────  ──────  ───────────  ─────────────
            Indsatser     fagsystem/indsatser.csv      1.830       1  utf-8        a1a1a1a1a1a1…
            Medarbejdere  fagsystem/medarbejdere.csv       –       –  findes ikke

            Indsatser uden takst (koster intet): 0
            Posteringer hvis konto ikke findes i masteroversigten: 0
            Indsatser med en sagsbehandler, der ikke er i medarbejderfilen: 0

            Ingen databrud i 2026.

            Afviste rækker (1)
            Fil:linje                   Kolonne  Værdi       Årsag
            ──────────────────────────  ───────  ──────────  ─────────────────────────────────────
            fagsystem/indsatser.csv:57  CPR      310290xxxx  CPR-nummerets fødselsdato findes ikke
            """)
    }

    @Test func jsonHasTheFieldsOfTheCLISpec() throws {
        let json = try report().render(.json, ReportContext(language: .en, today: Day(year: 2026, month: 11, day: 23)!))
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        #expect(object["view"] as? String == "status")
        #expect(object["createdAt"] as? String == "2026-11-23T06:00:00+01:00")
        #expect(object["today"] as? String == "2026-11-23")
        let tables = object["tables"] as! [[String: Any]]
        #expect(tables.map { $0["name"] as! String } == ["grants", "staff"])
        #expect(tables[0]["rows"] as? Int == 1830)
        #expect(tables[0]["sha256"] as? String == String(repeating: "a1", count: 32))
        let rejected = object["rejectedRows"] as! [[String: Any]]
        #expect(rejected[0]["line"] as? Int == 57)
        #expect(rejected[0]["value"] as? String == "310290xxxx")
        #expect(rejected[0]["reason"] as? String == "the CPR number's birth date does not exist")
        #expect(object["dataQuality"] as? [String: Int] == ["grantsWithoutRate": 0, "paymentsWithoutParagraph": 0, "grantsWithUnknownCaseworker": 0])
    }

    @Test func revealedOnPurposeOnly() throws {
        let json = try report().render(.json, ReportContext(revealCPR: true, today: Day(year: 2026, month: 11, day: 23)!))
        #expect(json.contains("\"3102901234\""))
    }

    @Test func csvOpensInDanishExcel() throws {
        let csv = try report().render(.csv, ReportContext(today: Day(year: 2026, month: 11, day: 23)!))
        #expect(csv.hasPrefix("\u{FEFF}tabel;fil;sha256;rækker;afvist;kodning\r\n"))
        #expect(csv.contains("\r\ngrants;fagsystem/indsatser.csv;\(String(repeating: "a1", count: 32));1830;1;utf-8\r\n"))
    }
}
