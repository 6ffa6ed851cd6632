import Foundation
import OverblikTestSupport
import Testing

/// `overblik report tilsyn` through the real programs (cli.md; management.md §3, §9).
@Suite("Reports: tilsyn", .serialized)
struct SupervisionReportTests {
    /// DropBuilder's two grants of MHA's are only active in 2026K4 (none starts, is followed up or
    /// decided in it): both fill the sample, S-2 first (SHA-256 of "250|2026K4|S-2" is 53454a57…,
    /// of "250|2026K4|S-1" cc2b2631…); a period not begun is empty; one per caseworker by month.
    @Test func theSampleOfAPeriod() throws {
        let folder = TemporaryFolder()
        var b = DropBuilder()
        b.config += "[ledelsestilsyn]\nper_caseworker = 2\n"
        let config = b.write(into: folder)
        #expect(try runExecutable("overblik-sync", ["--config", config, "--today", "2026-11-23", "--quiet"]).status == 0)
        func report(_ args: String...) throws -> String {
            let r = try runExecutable("overblik", ["report", "tilsyn"] + args + ["--config", config, "--today", "2026-11-23"])
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout
        }
        let json = try report("--period", "2026K4", "--format", "json")
        #expect(json.contains("""
              "period": "2026K4",
              "team": "",
              "caseworker": "MHA",
              "caseId": "S-2",
              "cpr": "020285-xxxx",
              "paragraph": "SEL-85",
              "fromActive": true,
              "addedLater": false,
              "fixed": false,
              "answers": []
        """))
        let csv = try report("--period", "2026K4", "--format", "csv").split(whereSeparator: \.isNewline)
        #expect(csv.count == 3 && csv[1].contains(";S-2;") && csv[2].contains(";S-1;"))
        #expect(try report("--period", "2027K1", "--format", "json") == "{\n  \"view\": \"tilsyn\",\n  \"rows\": []\n}\n")
        // Without --period: the quarter holding today.
        #expect(try report("--format", "csv") == (try report("--period", "2026K4", "--format", "csv")))
        let bad = try runExecutable("overblik", ["report", "tilsyn", "--period", "2026K5", "--config", config])
        #expect(bad.status != 0 && bad.stderr.contains("2026K5"))
    }

    /// `[ledelsestilsyn]` values that cannot be read fail the sync naming the key.
    @Test func settingsThatCannotBeRead() throws {
        for (setting, named) in [("period = \"week\"", "ledelsestilsyn.period"), ("per_caseworker = 0", "ledelsestilsyn.per_caseworker"),
                                 ("items = []", "ledelsestilsyn.items"), ("items = [1, 2]", "ledelsestilsyn.items")] {
            let folder = TemporaryFolder()
            var b = DropBuilder()
            b.config += "[ledelsestilsyn]\n\(setting)\n"
            let r = try runExecutable("overblik-sync", ["--config", b.write(into: folder), "--today", "2026-11-23", "--quiet"])
            #expect(r.status != 0 && r.stderr.contains(named), "\(setting): \(r.stderr)")
        }
    }
}
