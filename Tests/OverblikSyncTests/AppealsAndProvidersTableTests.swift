import Foundation
import OverblikConfig
import OverblikCore
import OverblikStore
import OverblikTestSupport
import Testing
@testable import OverblikSync

/// The optional `appeals` and `providers` tables (exports.md; management.md §5, §7, §9) through the
/// real reader and a real snapshot: what is kept, what is rejected (file, line, column, reason).
@Suite("Sync: appeals and providers", .serialized)
struct AppealsAndProvidersTableTests {
    static let appeals = """
    Klage-ID;CPR;Paragraf;Afgørelsesdato;Klage modtaget;Genvurderet;Genvurdering;Ankestyrelsens afgørelse;Resultat;Sagsbehandler
    K-1;010190-1234;SEL §85;06-04-2024;29-04-2024;10-05-2024;Fastholdt;19-11-2024;hjemvist;MHA
    K-2;0202851235;108;;02-02-2026;;;;;
    K-3;010190-1234;85;;02-02-2026;;;19-11-2026;;
    K-4;010190-1234;85;;02-02-2026;;;;stadfaestet;
    K-5;010190-1234;85;;02-02-2026;10-02-2026;;;;
    K-6;010190-1234;85;;02-02-2026;;medhold;;;
    K-7;010190-1234;85;;02-02-2026;;;01-06-2026;godkendt;
    K-1;010190-1234;85;;02-02-2026;;;;;
    K-8;010190-1234;SEL-85;03-03-2026;01-03-2026;20-03-2026; delvis  MEDHOLD ;01-09-2026;Ophaevet;

    """
    static let providers = """
    Leverandør;Paragraf;Pladser;Fra;Til;Egen kommune;Budgetteret belægning
    Bostedet;§ 108;18;;;nej;92,1
      BOSTEDET  ;;2;01-06-2026;;;
    Ørnehøj;;-2;;;;
    Ørnehøj;;2,5;;;;
    Ørnehøj;;mange;;;;
    Ørnehøj;;4;01-06-2026;01-03-2026;;
    Ørnehøj;;4;;;måske;
    Ørnehøj;;12,00;;;Ja;

    """

    func drop(in folder: TemporaryFolder, appeals: Bool = true, providers: Bool = true) -> String {
        var b = DropBuilder()
        if appeals { b.extra["fagsystem/klagesager.csv"] = Array(Self.appeals.utf8) }
        if providers { b.extra["stamdata/tilbud.csv"] = Array(Self.providers.utf8) }
        return b.write(into: folder)
    }

    @Test func appealsKeptRejectedAndStored() throws {
        let folder = TemporaryFolder()
        let snapshot = try Snapshot(path: try sync(drop(in: folder)).snapshotPath)
        let d = try snapshot.dataset()
        #expect(d.appeals.map(\.appealId) == ["K-1", "K-2", "K-8"])
        let k1 = d.appeals[0]
        #expect(k1.decisionDate == Day(year: 2024, month: 4, day: 6) && k1.reconsideration == .upheld && k1.outcome == .remitted)
        #expect(k1.reconsidered == Day(year: 2024, month: 5, day: 10) && k1.caseworker == "MHA" && k1.line == 2)
        #expect(d.appeals[1].boardDecided == nil && d.appeals[1].outcome == nil && d.appeals[1].paragraph.key == "SEL-108")
        // Received before the decision it appeals: an odd date, kept.
        #expect(d.appeals[2].reconsideration == .partlyAgreed && d.appeals[2].outcome == .annulled)
        let rejected = d.rejected.filter { $0.table == .appeals }.map { "\($0.line) \($0.column): \($0.reason.da)" }
        #expect(rejected == [
            "4 Resultat: Ankestyrelsens afgørelsesdato uden resultat",
            "5 Ankestyrelsens afgørelse: et resultat uden Ankestyrelsens afgørelsesdato",
            "6 Genvurdering: en genvurderingsdato uden genvurdering",
            "7 Genvurderet: en genvurdering uden genvurderingsdato",
            "8 Resultat: ukendt resultat (forventet stadfæstet, ændret, ophævet, hjemvist, afvist, henvist eller bortfaldet)",
            "9 Klage-ID: dublet: \"K-1\" findes allerede i linje 2, som gælder",
        ])
        let source = try #require(d.sources.first { $0.table == .appeals })
        // 6 of 9 rows rejected: the optional tables do not fail the sync over their share.
        #expect(source.present && source.rows == 9 && source.rejected == 6)
        #expect(try snapshot.appeals() == d.appeals)
    }

    @Test func providersKeptRejectedAndStored() throws {
        let folder = TemporaryFolder()
        let snapshot = try Snapshot(path: try sync(drop(in: folder)).snapshotPath)
        let d = try snapshot.dataset()
        #expect(d.providers.map(\.line) == [2, 3, 9])
        #expect(d.providers[0] == ProviderAgreement(provider: "Bostedet", paragraph: Paragraph(number: 108), places: 18,
                                                    budgetedOccupancy: 92.1, line: 2))
        #expect(d.providers[1].provider == "BOSTEDET" && d.providers[1].from == Day(year: 2026, month: 6, day: 1) && d.providers[1].paragraph == nil)
        #expect(d.providers[2].places == 12 && d.providers[2].own)
        let rejected = d.rejected.filter { $0.table == .providers }.map { "\($0.line) \($0.column) \($0.value): \($0.reason.da)" }
        #expect(rejected == [
            "4 Pladser -2: antal pladser skal være et helt tal fra 0",
            "5 Pladser 2,5: antal pladser skal være et helt tal fra 0",
            "6 Pladser mange: antal pladser skal være et helt tal fra 0",
            "7 Til 01-03-2026: Til 01-03-2026 ligger før Fra 01-06-2026",
            "8 Egen kommune måske: Egen kommune skal være ja eller nej",
        ])
        // Every rejected row names its file.
        #expect(d.rejected.filter { $0.table == .providers }.allSatisfy { $0.file == "stamdata/tilbud.csv" })
        #expect(try snapshot.providers() == d.providers)
        // The grants occupancy counts: those this municipality acts for that name a provider.
        #expect(try snapshot.providerStays().map(\.provider) == ["Bostedet; afd. Øst", "Bostøtten"])
    }

    @Test func absentOrConfiguredAndAbsent() throws {
        let plain = TemporaryFolder()
        let d = try Snapshot(path: try sync(drop(in: plain, appeals: false, providers: false)).snapshotPath).dataset()
        #expect(d.appeals.isEmpty && d.providers.isEmpty)
        #expect(!d.sources.contains { $0.table == .appeals || $0.table == .providers })
        let folder = TemporaryFolder()
        var b = DropBuilder()
        b.config += "[tables.providers]\npath = \"stamdata/aftaler.csv\"\n"
        let absent = try Snapshot(path: try sync(b.write(into: folder)).snapshotPath).dataset()
        #expect(absent.sources.first { $0.table == .providers }.map { !$0.present && $0.path == "stamdata/aftaler.csv" } == true)
    }
}
