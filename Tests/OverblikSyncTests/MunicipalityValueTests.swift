import Foundation
import OverblikCore
import OverblikStore
import OverblikTestSupport
import Testing
@testable import OverblikSync

/// `Betalingskommune` and `Handlekommune` as real exports write them: the municipality's own
/// code (most rows of an economy export), its name, another code or name, or nothing. The
/// sync once died on the own code (a remembered "this municipality" read back as nil), so every
/// form goes through both columns of both tables, by the byte path (plain and quoted values)
/// and the general path (a value with doubled quotes is unescaped as a String first).
@Suite("Municipality values")
struct MunicipalityValueTests {
    /// (value as written in the file, the municipality it names: nil = this one).
    static let values: [(String, String?)] = [
        ("250", nil), ("0250", nil), (" 250 ", nil), ("Frederikssund", nil), ("FREDERIKSSUND", nil),
        ("\"Frederikssund\"", nil), ("", nil), ("101", "101"), ("København", "København"),
        ("\"København\"", "København"), ("\"Ny \"\"By\"\"\"", "Ny \"By\""),
        // The own name with doubled quotes: the general path must also know it as this municipality.
        ("\"Sønder \"\"Bro\"\"\"", nil),
    ]

    func drop(ownName: String) -> DropBuilder {
        var drop = DropBuilder()
        drop.config = drop.config.replacingOccurrences(of: "name = \"Frederikssund\"", with: "name = \"\(ownName)\"")
        var grants = "Sags-ID;CPR;Paragraf;Ydelseskode;Startdato;Takst;Takstenhed;Handlekommune;Betalingskommune\n"
        var payments = "Bilagsnr;CPR;Funktion;Periode fra;Periode til;Beløb;Bogføringsdato;Betalingskommune;Handlekommune\n"
        for (i, (value, _)) in Self.values.enumerated() {
            // The same value in both columns, then each column alone with the other empty.
            for (n, (paying, acting)) in [(value, value), (value, ""), ("", value)].enumerated() {
                let id = i * 3 + n
                grants += "S-\(id);0101901234;§ 108;108-01;01-01-2025;100,00;dag;\(acting);\(paying)\n"
                payments += "B-\(id);0101901234;5.38.50;01-01-2025;31-01-2025;100,00;05-02-2025;\(paying);\(acting)\n"
            }
        }
        drop.grants = grants
        drop.payments = payments
        return drop
    }

    /// Syncs the drop for a municipality named `ownName` (code 250) and returns its grants and payments.
    func synced(ownName: String) throws -> Dataset {
        let folder = TemporaryFolder()
        let summary = try sync(drop(ownName: ownName).write(into: folder))
        #expect(summary.rejected.isEmpty, "\(summary.rejected)")
        let d = try Snapshot(path: summary.snapshotPath).dataset()
        #expect(d.grants.count == Self.values.count * 3)
        #expect(d.payments.count == Self.values.count * 3)
        return d
    }

    /// Row `3i` has the value in both columns, `3i+1` in Betalingskommune only, `3i+2` in Handlekommune only.
    func expectRows(_ d: Dataset, value i: Int, names: String?) {
        let value = Self.values[i].0
        for (n, (paying, acting)) in [(names, names), (names, nil), (nil, names)].enumerated() {
            let row = i * 3 + n
            #expect(d.grants[row].payingMunicipality == paying, "grants line \(row + 2): \(value)")
            #expect(d.grants[row].actingMunicipality == acting, "grants line \(row + 2): \(value)")
            #expect(d.symbols.municipality(d.payments[row].payingMunicipality) == paying, "payments line \(row + 2): \(value)")
            #expect(d.symbols.municipality(d.payments[row].actingMunicipality) == acting, "payments line \(row + 2): \(value)")
        }
    }

    @Test func everyFormInBothColumnsOfBothTables() throws {
        let d = try synced(ownName: "Frederikssund")
        for (i, (value, names)) in Self.values.enumerated() {
            expectRows(d, value: i, names: value.contains("Sønder") ? "Sønder \"Bro\"" : names)
        }
    }

    /// The own name holding quotes is recognised by the general path; and Frederikssund, by the list
    /// of the 98 municipalities, is code 250 still: this municipality, whatever name it is configured with.
    @Test func theOwnNameByTheGeneralPath() throws {
        let d = try synced(ownName: "Sønder \\\"Bro\\\"")
        for (i, (_, names)) in Self.values.enumerated() {
            expectRows(d, value: i, names: names)
        }
    }
}
