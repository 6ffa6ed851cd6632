import Foundation
import OverblikCore
import OverblikStore
import OverblikTestSupport
import Testing
@testable import OverblikTUI

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

    /// Fixed on opening, kept across a later sync: a sampled grant that moved to another caseworker
    /// stays with its caseworker of the fixing; a caseworker whose grants arrive later is topped up
    /// (`addedLater`). Answers through `overblik tilsyn answer`, read back by the report.
    @Test func fixedAcrossTwoSyncsWithAnswers() throws {
        let folder = TemporaryFolder()
        var b = DropBuilder()
        let config = b.write(into: folder)
        func run(_ program: String, _ args: [String]) throws -> String {
            let r = try runExecutable(program, args + ["--config", config, "--today", "2026-11-23"])
            #expect(r.status == 0, "\(args): \(r.stderr)")
            return r.stdout
        }
        _ = try run("overblik-sync", ["--quiet"])
        #expect(try run("overblik", ["tilsyn", "fix", "--period", "2026K4"]).hasPrefix("2026K4: 2 sager i stikprøven, fastlagt af "))
        // An answer given before the next sync survives it.
        _ = try run("overblik", ["tilsyn", "answer", "--period", "2026K4", "--case", "S-2", "--item", "12", "--answer", "ja"])
        // S-2 moves to TLA, and TLA gets a grant of their own.
        b.grants = b.grants.replacingOccurrences(of: "450,00;time;MHA;", with: "450,00;time;TLA;")
            + "S-3;0303851236;Ib Ås;§ 85;85-01;Bostøtten;01-10-2026;;450,00;time;TLA;\n"
        b.write(into: folder)
        _ = try run("overblik-sync", ["--quiet"])
        let csv = try run("overblik", ["report", "tilsyn", "--period", "2026K4", "--format", "csv"]).split(whereSeparator: \.isNewline)
        // caseworker;caseId;…;fromActive;addedLater;fixed
        #expect(csv.count == 4)
        #expect(csv[1].contains(";MHA;S-2;") && csv[1].hasSuffix(";1;0;1;1/12"))
        #expect(csv[2].contains(";MHA;S-1;") && csv[2].hasSuffix(";1;0;1;0/12"))
        #expect(csv[3].contains(";TLA;S-3;") && csv[3].hasSuffix(";0;1;1;0/12"))
        // Answers: the newest per item; the summary counts them.
        for (item, answer) in [(1, "ja"), (2, "nej"), (2, "ja"), (3, "ikke-relevant")] {
            _ = try run("overblik", ["tilsyn", "answer", "--period", "2026K4", "--case", "S-1", "--item", String(item), "--answer", answer, "--note", "n\(item)"])
        }
        let json = try run("overblik", ["report", "tilsyn", "--period", "2026K4", "--format", "json"])
        #expect(json.contains("\"item\": 2,\n          \"text\": \"Der er foretaget partshøring\",\n          \"answer\": \"ja\""))
        #expect(json.contains("\"answer\": \"ikke relevant\""))
        let summary = try run("overblik", ["report", "tilsyn", "--period", "2026K4", "--summary", "--format", "csv"]).split(whereSeparator: \.isNewline)
        // MHA, item 1: 2 sampled, 0 reviewed (not every item answered), 1 ja → 100 %.
        #expect(summary.contains { $0.hasPrefix(";MHA;1;Sagen er tilstrækkeligt oplyst;2;0;1;0;0;100") })
        #expect(summary.contains { $0.hasPrefix(";MHA;2;Der er foretaget partshøring;2;0;1;0;0;100") })
        // A case outside the sample and an item outside the checklist are refused.
        let outside = try runExecutable("overblik", ["tilsyn", "answer", "--period", "2026K4", "--case", "S-9", "--item", "1", "--answer", "ja",
                                                     "--config", config, "--today", "2026-11-23"])
        #expect(outside.status != 0 && outside.stderr.contains("S-9"))
        let item13 = try runExecutable("overblik", ["tilsyn", "answer", "--period", "2026K4", "--case", "S-1", "--item", "13", "--answer", "ja",
                                                    "--config", config, "--today", "2026-11-23"])
        #expect(item13.status != 0 && item13.stderr.contains("1–12"))
    }

    /// `[ledelsestilsyn] period = "month"`: the month holding today, one case per caseworker.
    @Test func monthlyPeriods() throws {
        let folder = TemporaryFolder()
        var b = DropBuilder()
        b.config += "[ledelsestilsyn]\nperiod = \"month\"\nper_caseworker = 1\n"
        let config = b.write(into: folder)
        #expect(try runExecutable("overblik-sync", ["--config", config, "--today", "2026-11-23", "--quiet"]).status == 0)
        let r = try runExecutable("overblik", ["report", "tilsyn", "--format", "csv", "--config", config, "--today", "2026-11-23"])
        let rows = r.stdout.split(whereSeparator: \.isNewline)
        // SHA-256 of "250|2026-11|S-2" is 6f997c6b…, of "…|S-1" ba30d099…: S-2.
        #expect(rows.count == 2 && rows[1].hasPrefix("2026-11;;MHA;S-2;"), "\(r.stdout)")
    }
}

/// The sample read through the snapshot's window (only the grants and decisions a sample of the
/// periods can hold) is the sample drawn from every grant and decision.
@Suite("Ledelsestilsyn: the window read")
struct SupervisionWindowTests {
    @Test func theWindowedReadDrawsTheSameSample() throws {
        let snapshot = try Snapshot(path: SampleSnapshot.path)
        let meta = try snapshot.metadata()
        let today = Day(year: 2026, month: 11, day: 23)!
        // (The sync's own today reads the samples it stored: the window is read for any other.)
        var another = meta
        another.today = today.advanced(by: -1)
        let q = Query(snapshot: snapshot, metadata: another, today: today, visibility: .everything)
        #expect(!q.storedHolds)
        let stored = Query(snapshot: snapshot, metadata: meta, today: today, visibility: .everything)
        let grants = try snapshot.supervisionGrants(), decisions = try snapshot.decisions(), staff = try snapshot.staffAndMapping().staff
        let quarters = (1...4).map { SupervisionPeriod(kind: .quarter, year: 2026, number: $0) } + [SupervisionPeriod(kind: .quarter, year: 2025, number: 2)]
        let months = (9...12).map { SupervisionPeriod(kind: .month, year: 2026, number: $0) }
        for periods in [quarters, months, [quarters[1]], [quarters[3]]] {
            let windowed = try q.currentSupervisionSamples(periods: periods)
            let whole = periods.map {
                supervisionSample(grants: grants, decisions: decisions, staff: staff, period: $0, today: today,
                                  municipalityCode: meta.municipality.code, settings: meta.supervision, sha256: SupervisionDigest.sha256Hex)
            }
            #expect(windowed == whole)
            // The stored samples: the same grants in the same order, with what the views show of each.
            let read = try stored.currentSupervisionSamples(periods: periods)
            #expect(read.map { $0.map(\.kept) } == whole.map { $0.map(\.kept) })
            #expect(windowed.contains { !$0.isEmpty } || periods.allSatisfy { $0.range.start > today })
        }
        // A grant decided in the period that starts after it (but by today) is in the window.
        for g in grants where g.start > quarters[2].range.end && g.start <= today {
            let decidedInK3 = decisions.contains { $0.caseId == g.caseId && ($0.decided.map(quarters[2].range.contains) ?? false) }
            if decidedInK3 {
                #expect(try snapshot.supervisionGrants(within: quarters[2].range, today: today).contains { $0.caseId == g.caseId })
            }
        }
        // The window holds fewer grants than the whole.
        let range = DayRange(ordering: quarters[3].range.start, today)
        #expect(try snapshot.supervisionGrants(within: range, today: today).count < grants.count)
    }
}
