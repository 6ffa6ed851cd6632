import Foundation
import OverblikCore
import OverblikStore
import OverblikTestSupport
import Testing
@testable import OverblikTUI

/// Sampledata synced with `[access] enforce = true`.
enum AccessSnapshot {
    static let folder = TemporaryFolder()
    static let path: String = {
        let config = sampledataDrop(in: folder) { $0 + "\n[access]\nenforce = true\n" }
        let run = try! runExecutable("overblik-sync", ["--config", config, "--today", "2026-11-23", "--quiet"])
        precondition(run.status == 0, run.stderr)
        return SnapshotDirectory(path: folder.file("snapshots")).newest()!
    }()
    static var config: String { folder.file("overblik.toml") }
}

func accessApp(login: String?, user: String? = nil, folder: TemporaryFolder = TemporaryFolder()) throws -> AppModel {
    try AppLoader.load(snapshot: Snapshot(path: AccessSnapshot.path), initials: user, loginName: login, language: .da,
                       today: Day(year: 2026, month: 11, day: 23)!, ageHours: 1, exportDirectory: folder.path, annotationDirectory: folder.path)
}

@Suite("Access rules", .serialized)
struct AccessTests {
    @Test func aCaseworkerSeesTheirOwnAndTheirTeamsFiguresOnly() throws {
        let model = try accessApp(login: "mha")
        #expect(screen(model)[0].hasSuffix("MHA · sagsbehandler"))
        // Team: the own team's lines only (Botilbud: BIK's team of five caseworkers).
        model.handle(.character("2"))
        let team = screen(model, rows: 48, columns: 160)
        #expect(team[3].hasSuffix("1/5"))
        #expect(!team.contains { $0.hasPrefix(" TLA ") })
        // A colleague's cases: refused, with the reason.
        model.handle(.enter)   // AÅM
        #expect(screen(model)[23] == " adgang nægtet: AÅMs sager er ikke dine at se; Team viser kun tallene")
        // Opfølgning: only MHA's.
        model.handle(.character("3"))
        #expect(model.page.table.rows.allSatisfy { if case .text(let c) = $0[0] { return c == "MHA" }; return false })
        #expect(model.page.order.count == 26)  // 10 overdue, 5 due soon, 11 missing
        // Afstemning: only discrepancies of MHA's cases (and the data break, which names no citizen).
        model.handle(.character("5"))
        let kinds = model.page.shownTable.rows.map { $0[model.page.table.columns.firstIndex { $0.key == "caseworker" }!] }
        #expect(kinds.allSatisfy { if case .text(let c) = $0 { return c == "MHA" || c.isEmpty }; return false })
        // Økonomi: the figures, but not the payments (citizens) behind them.
        model.handle(.character("4"))
        model.handle(.enter)
        model.handle(.enter)
        #expect(screen(model)[23].hasPrefix(" adgang nægtet: posteringerne bag et tal viser alle borgere"))
        // Datastatus: the sources, not the rejected rows.
        model.handle(.character("6"))
        let page = model.page
        let rejectedRows = page.table.rows.filter { row in
            if case .message(let m) = row[0], let m { return m.da == "Afvist" }
            return false
        }
        #expect(rejectedRows.isEmpty)
    }

    @Test func aTeamLeadSeesTheTeamAndAConsultantEverything() throws {
        let lead = try accessApp(login: "bik")
        #expect(screen(lead)[3].hasSuffix("1/5"))
        lead.handle(.enter)
        #expect(screen(lead)[3].hasPrefix(" › Sager for AÅM"))
        let consultant = try accessApp(login: "øko")
        consultant.handle(.character("2"))
        #expect(screen(consultant)[3].hasSuffix("1/15"))
        // A consultant may look as a caseworker; the caseworker's view, with everything visible.
        let asMHA = try accessApp(login: "øko", user: "MHA")
        #expect(screen(asMHA)[3].hasPrefix(" Sager for MHA"))
    }

    @Test func unknownLoginsAndLookingAsSomeoneElseAreRefused() throws {
        #expect(throws: AccessCheck.Refusal.self) { try accessApp(login: "mallory") }
        do {
            _ = try accessApp(login: "mha", user: "SØR")
            Issue.record("expected a refusal")
        } catch let refusal as AccessCheck.Refusal {
            #expect(refusal.text(.en) == "access denied: MHA may not view Overblik as SØR ([access] gives own)")
        }
        #expect(AccessRules(text: AccessRules(enforce: true, caseworker: .team).text) == AccessRules(enforce: true, caseworker: .team))
    }

    /// `overblik report` applies the same rules by the login name (here the test's own user,
    /// whom the staff file does not know): refused with a clear message, exit 1.
    @Test func reportsRefuseAnUnknownLogin() throws {
        let run = try runExecutable("overblik", ["report", "team", "--snapshot", AccessSnapshot.path, "--today", "2026-11-23", "--lang", "en"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("access denied: the login name “\(ProcessInfo.processInfo.userName)” is not in the staff file"))
    }

    /// Ledelsestilsyn under `[access]` (management.md §3): a team lead sees and answers their own
    /// team's sample, a consultant all of it, a caseworker none (the report is refused).
    @Test func ledelsestilsynByRole() throws {
        let snapshot = try Snapshot(path: AccessSnapshot.path)
        let meta = try snapshot.metadata()
        let staff = try snapshot.staffAndMapping().staff
        func query(_ initials: String) -> Query {
            var q = Query(snapshot: snapshot, metadata: meta, today: Day(year: 2026, month: 11, day: 23)!, visibility: .everything)
            q.viewer = staff.first { $0.initials == initials }
            return q
        }
        let period = SupervisionPeriod(kind: .quarter, year: 2026, number: 4)
        let all = try query("ØKO").supervision(period: period, team: nil).rows
        #expect(Set(all.map(\.team)) == ["Botilbud", "Bostøtte", "Dagtilbud og beskæftigelse"] && all.count == 30)
        let lead = try query("HEP").supervision(period: period, team: nil).rows
        #expect(!lead.isEmpty && lead.allSatisfy { $0.team == "Bostøtte" } && lead.count == all.filter { $0.team == "Bostøtte" }.count)
        // Even asked for another team, a lead gets none of it.
        #expect(try query("HEP").supervision(period: period, team: "Botilbud").rows.isEmpty)
        #expect(query("MHA").supervisionTeams == nil)
        #expect(try query("MHA").supervision(period: period, team: nil).rows.isEmpty)
        // The report's refusal (the program sets the viewer from the login name, as `team` does).
        let entry = try #require(ReportCatalogue.entry(named: "tilsyn"))
        #expect(entry.refused(query("MHA"), ReportFilter())?.text(.da) == "adgang nægtet: ledelsestilsyn er for teamledere og konsulenter")
        #expect(entry.refused(query("HEP"), ReportFilter()) == nil && entry.refused(query("ØKO"), ReportFilter()) == nil)
    }
}
