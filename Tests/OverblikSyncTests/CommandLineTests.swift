import Foundation
import OverblikConfig
import OverblikSync
import OverblikTestSupport
import Testing

/// The real executables, as a script or a person runs them.
@Suite("Command line", .serialized)
struct CommandLineTests {
    @Test func syncPrintsAJSONSummaryAndReportReadsTheSnapshot() throws {
        let folder = TemporaryFolder()
        let config = DropBuilder().write(into: folder)
        let sync = try runExecutable("overblik-sync", ["--config", config, "--today", "2026-11-23", "--json"])
        #expect(sync.status == 0)
        let summary = try JSONSerialization.jsonObject(with: Data(sync.stdout.utf8)) as! [String: Any]
        #expect(summary["published"] as? Bool == true)
        #expect(summary["today"] as? String == "2026-11-23")
        #expect((summary["tables"] as! [[String: Any]]).map { $0["name"] as! String } == ["grants", "staff", "payments", "budget", "dst", "mapping"])
        #expect((summary["snapshot"] as? String)?.hasPrefix(folder.file("snapshots/snapshot-")) == true)

        let report = try runExecutable("overblik", ["report", "status", "--config", config, "--format", "json"])
        #expect(report.status == 0)
        let status = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as! [String: Any]
        #expect(status["view"] as? String == "status")
        #expect(status["today"] as? String == "2026-11-23")
    }

    /// The sync starts itself again with glibc's huge pages asked for (`HugePages`), its arguments
    /// and exit status kept; a setting already made by whoever started it stands.
    @Test func theSyncStartsItselfAgainWithHugePagesAskedFor() throws {
        #expect(HugePages.tunables(adding: nil) == "glibc.malloc.hugetlb=1")
        #expect(HugePages.tunables(adding: "") == "glibc.malloc.hugetlb=1")
        #expect(HugePages.tunables(adding: "glibc.malloc.arena_max=2") == "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1")
        #expect(HugePages.tunables(adding: "glibc.malloc.hugetlb=0") == nil)
        #expect(HugePages.tunables(adding: "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=2") == nil)

        let folder = TemporaryFolder()
        let config = DropBuilder().write(into: folder)
        let arguments = ["--config", config, "--today", "2026-11-23", "--quiet", "--dry-run"]
        let started = try runExecutable("overblik-sync", arguments, environment: ["OVERBLIK_TIMING": "1", "GLIBC_TUNABLES": ""])
        #expect(started.status == 0, "\(started.stderr)")
        #expect(started.stderr.hasPrefix("  memory: GLIBC_TUNABLES=glibc.malloc.hugetlb=1\n"))
        #expect(started.stderr.contains("read all: "))
        let kept = try runExecutable("overblik-sync", arguments, environment: ["OVERBLIK_TIMING": "1", "GLIBC_TUNABLES": "glibc.malloc.hugetlb=0"])
        #expect(kept.status == 0 && kept.stderr.hasPrefix("  memory: GLIBC_TUNABLES=glibc.malloc.hugetlb=0\n"))
        let usage = try runExecutable("overblik-sync", ["--today", "23-11-2026"], environment: ["GLIBC_TUNABLES": ""])
        #expect(usage.status == 2 && usage.stderr.contains("--today"))
    }

    /// `--log` appends what was read, rejected and published, with times, and never a CPR number;
    /// `--verbose` writes the same lines to stderr; a failure is logged too.
    @Test func logFileAndVerbose() throws {
        let folder = TemporaryFolder()
        var drop = DropBuilder()
        drop.config += "[sync]\nmax_reject_share = 1.0\n"
        drop.grants += "S-9;1203851234;Kurt;§ 85;85-01;x;31-02-2026;;450,00;time;TLA;\nS-8;101901234;Lis;§ 85;85-01;x;01-03-2025;;450,00;time;TLA;\n"
        let config = drop.write(into: folder)
        let log = folder.file("sync.log")
        let run = try runExecutable("overblik-sync", ["--config", config, "--today", "2026-11-23", "--quiet", "--log", log, "--verbose", "--lang", "en"])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: log, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.first?.contains("overblik-sync 0.1.0: start, config ") == true)
        #expect(lines.contains { $0.contains("read grants fagsystem/indsatser.csv: 4 rows, 2 rejected, utf-8, sha256 ") })
        #expect(lines.contains { $0.contains("rejected fagsystem/indsatser.csv:4 column Startdato value \"31-02-2026\"") })
        #expect(lines.contains { $0.contains("column CPR value \"101901xxx\"") })
        #expect(lines.last?.contains("published \(folder.file("snapshots/snapshot-"))") == true)
        #expect(lines.allSatisfy { $0.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ "#, options: .regularExpression) != nil })
        // No CPR number in any line: neither ten digits nor the masked one's hidden digits.
        #expect(text.range(of: #"\d{6}-?\d{4}"#, options: .regularExpression) == nil)
        #expect(!text.contains("1203851234") && !text.contains("101901234"))
        #expect(run.stderr == text)
        var info = stat()
        stat(log, &info)
        #expect(info.st_mode & 0o777 == 0o600)

        // A failed sync is logged, appended to the same file.
        let broken = folder.write("broken.toml", "[municipality]\ncode = \"250\"\nname = \"X\"\n[tables.grants]\npath = \"mangler.csv\"\n")
        let failed = try runExecutable("overblik-sync", ["--config", broken, "--quiet", "--log", log])
        #expect(failed.status == 1)
        let after = try String(contentsOfFile: log, encoding: .utf8)
        #expect(after.hasPrefix(text))
        #expect(after.split(separator: "\n").last?.contains("FAILED: ") == true)
    }

    @Test func textSummaryAndDryRun() throws {
        let folder = TemporaryFolder()
        let config = DropBuilder().write(into: folder)
        let run = try runExecutable("overblik-sync", ["--config", config, "--today", "2026-11-23", "--dry-run"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("Overblik-sync · Frederikssund (250) · i dag 23-11-2026\n"))
        #expect(run.stdout.contains("Prøvekørsel (--dry-run): intet udgivet."))
        let published = (try? FileManager.default.contentsOfDirectory(atPath: folder.file("snapshots"))) ?? []
        #expect(published.allSatisfy { !$0.hasSuffix(".sqlite") })
        let english = try runExecutable("overblik-sync", ["--config", config, "--today", "2026-11-23", "--dry-run", "--lang", "en"])
        #expect(english.stdout.hasPrefix("Overblik-sync · Frederikssund (250) · today 23-11-2026\n"))
    }

    @Test func usageErrorsExitWith2() throws {
        let bad = try runExecutable("overblik-sync", ["--today", "23-11-2026"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--today"))
        #expect(try runExecutable("overblik-sync", ["--no-such-flag"]).status == 2)
        #expect(try runExecutable("overblik", ["report", "status", "--config", "a", "--snapshot", "b"]).status == 2)
        #expect(try runExecutable("overblik", ["report", "nosuchview"]).status == 2)
    }

    @Test func failuresExitWith1AndSayWhatToDo() throws {
        let folder = TemporaryFolder()
        let missing = try runExecutable("overblik-sync", ["--config", folder.file("overblik.toml")])
        #expect(missing.status == 1)
        #expect(missing.stderr == "overblik-sync: fejl: \(folder.file("overblik.toml")): konfigurationsfilen findes ikke; angiv den med --config STI\n")

        let config = DropBuilder().write(into: folder)
        let noSnapshot = try runExecutable("overblik", ["report", "status", "--config", config])
        #expect(noSnapshot.status == 1)
        #expect(noSnapshot.stderr.contains("kør overblik-sync først"))
    }

    @Test func helpAndVersion() throws {
        let help = try runExecutable("overblik-sync", ["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--dry-run"))
        let version = try runExecutable("overblik", ["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "0.1.0\n")
    }
}

@Suite("Command line: stored figures", .serialized)
struct StoredFiguresCommandLineTests {
    /// The sync summary counts discrepancies by kind; a report run with the snapshot's today
    /// reads the stored figures and one run with another today computes them, with the same result
    /// where today does not matter.
    @Test func summaryAndStoredReports() throws {
        let folder = TemporaryFolder()
        let config = DropBuilder().write(into: folder)
        let sync = try runExecutable("overblik-sync", ["--config", config, "--today", "2026-11-23"])
        #expect(sync.status == 0)
        #expect(sync.stdout.contains("Afvigelser 01-01-2026–31-10-2026:"))
        #expect(sync.stdout.contains("Kun i fagsystem"))
        let stored = try runExecutable("overblik", ["report", "discrepancies", "--config", config, "--today", "2026-11-23", "--format", "json"])
        let computed = try runExecutable("overblik", ["report", "discrepancies", "--config", config, "--today", "2026-11-24", "--format", "json"])
        #expect(stored.status == 0)
        #expect(stored.stdout == computed.stdout)
        #expect(stored.stdout.contains("\"kind\": \"onlyInCaseSystem\""))
    }
}

@Suite("Command line: every view's JSON", .serialized)
struct EveryViewJSONTests {
    static let fields: [String: Set<String>] = [
        "caseload": ["caseId", "cpr", "name", "paragraph", "serviceCode", "provider", "start", "end", "rate", "rateUnit",
                     "monthlyCost", "nextFollowUp", "followUpStatus"],
        "team": ["caseworker", "name", "team", "activeGrants", "citizens", "overdue", "dueSoon", "missingFollowUp", "monthlyCost", "byParagraph"],
        "followups": ["caseworker", "caseId", "cpr", "name", "paragraph", "nextFollowUp", "daysOverdue", "followUpStatus"],
        "budget": ["year", "month", "function", "label", "budget", "spend", "cumulativeBudget", "cumulativeSpend", "deviation",
                   "forecastYear", "fullTimePersons", "unitCost"],
        "movements": ["year", "month", "paragraph", "inflow", "outflow", "activeAtMonthEnd"],
        "ottetal": ["paragraph", "periodStart", "periodEnd", "caseSystem", "economy", "both", "onlyCaseSystem", "onlyEconomy",
                    "fullTimeCaseSystem", "fullTimeEconomy", "fullTimeDifference"],
        "discrepancies": ["key", "kind", "paragraph", "cpr", "caseId", "voucherIds", "month", "caseworker", "amount", "explained",
                          "explanation", "message"],
    ]

    @Test func everyViewIsValidJSONWithTheFieldsOfTheSpec() throws {
        let folder = TemporaryFolder()
        let config = DropBuilder().write(into: folder)
        #expect(try runExecutable("overblik-sync", ["--config", config, "--today", "2026-11-23", "--quiet"]).status == 0)
        for (view, fields) in Self.fields.sorted(by: { $0.key < $1.key }) {
            var args = ["report", view, "--config", config, "--today", "2026-11-23"]
            if view == "caseload" { args += ["--caseworker", "MHA"] }
            let run = try runExecutable("overblik", args + ["--format", "json"])
            #expect(run.status == 0, "\(view): \(run.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
            #expect(object["view"] as? String == view)
            let rows = object["rows"] as! [[String: Any]]
            #expect(!rows.isEmpty, "\(view) has no rows")
            for row in rows { #expect(fields.isSubset(of: Set(row.keys)), "\(view): \(fields.subtracting(row.keys))") }
            let csv = try runExecutable("overblik", args + ["--format", "csv"])
            #expect(csv.stdout.hasPrefix("\u{FEFF}"))
            let firstLine = String(csv.stdout.dropFirst()).components(separatedBy: "\r\n")[0]
            let header = Set(firstLine.split(separator: ";").map(String.init))
            #expect(fields.isSubset(of: header), "\(view) CSV header")
        }
    }
}
