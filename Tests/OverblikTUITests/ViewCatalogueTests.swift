import Foundation
import OverblikCore
import OverblikTestSupport
import Testing
@testable import OverblikTUI

/// The catalogue of views: the footer, `⏎` and the offered actions come from one entry per view,
/// and every report a view names is one `overblik report` prints.
@Suite("View catalogue", .serialized)
struct ViewCatalogueTests {
    static let kinds: [PageKind] = [.caseload, .team, .followUps, .functions, .months(function: "5.38.38"), .payments,
                                    .discrepancies, .citizen, .sideBySide, .rejected]

    @Test func everyReportAViewNamesIsPrintable() {
        let named = ViewCatalogueTests.kinds.compactMap { ViewCatalogue.view($0).report }
        #expect(named == ["caseload", "team", "followups", "budget", "discrepancies", "status"])
        #expect(named.allSatisfy { ReportCatalogue.entry(named: $0) != nil })
        #expect(ReportCatalogue.names == ["caseload", "team", "followups", "budget", "movements", "ottetal", "discrepancies", "udvikling", "servicemaal", "deadlines", "klagesager", "sammenligning", "belaegning", "tilsyn", "statusrapport", "status"])
        #expect(Set(ReportCatalogue.names).count == ReportCatalogue.entries.count)
    }

    @Test func theFooterOffersWhatTheViewOffersThisUser() throws {
        let consultant = try app(user: "ØKO", login: "øko")
        _ = screen(consultant, rows: 24, columns: 160)
        #expect(consultant.page.kind == .discrepancies)
        #expect(consultant.footerHints.map(\.key) == ["↑↓", "⏎", "/", "f", "s", "e", "a", "?", "q"])
        let caseworker = try app(user: "MHA")
        caseworker.handle(.character("5"))
        _ = screen(caseworker, rows: 24, columns: 160)
        #expect(caseworker.footerHints.map(\.key) == ["↑↓", "⏎", "/", "f", "s", "e", "?", "q"])
        // Not offered to this user: `a` says why.
        caseworker.handle(.character("a"))
        #expect(caseworker.message == "kun en konsulent kan sætte status på en afvigelse")
        // Datastatus has nothing behind its rows and offers no status.
        caseworker.handle(.character("6"))
        #expect(caseworker.footerHints.map(\.key) == ["↑↓", "/", "f", "s", "e", "?", "q"])
        caseworker.handle(.enter)
        #expect(caseworker.message == "ingen detaljer bag denne række")
        caseworker.handle(.character("a"))
        #expect(caseworker.message == "vælg en afvigelse i Afstemning")
    }

    /// Every section a view's `?` names is a heading of docs/tal.md.
    @Test func theFiguresHelpNamesSectionsThatExist() throws {
        let headings = try String(contentsOfFile: packageRoot() + "/docs/tal.md", encoding: .utf8)
            .split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) }
        for kind in ViewCatalogueTests.kinds {
            for section in ViewCatalogue.view(kind).figures {
                #expect(headings.contains { $0 == section || $0.hasPrefix(section + " (") }, "\(kind): \(section)")
            }
        }
        #expect(ViewCatalogue.view(.rejected).figures.isEmpty)
    }
}
