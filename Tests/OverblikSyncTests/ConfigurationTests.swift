import OverblikCore
@testable import OverblikConfig
import OverblikTestSupport
import Testing
@testable import OverblikSync

@Suite("Configuration")
struct ConfigurationTests {
    @Test func defaultsApply() throws {
        let c = try SyncConfiguration.parse("[municipality]\ncode = \"250\"\nname = \"Frederikssund\"\n", path: "/drop/overblik.toml")
        #expect(c.municipality == Municipality(code: "250", name: "Frederikssund"))
        #expect(c.snapshotDirectory == "/drop/snapshots")
        #expect(c.keep == 10)
        #expect(c.fileMode == 0o600)
        #expect(c.dueSoonDays == 30)
        #expect(c.rateTolerance == 0.02)
        #expect(c.maxRejectShare == 0.05)
        let grants = c.tables[.grants]!
        #expect(grants.resolvedPath == "/drop/fagsystem/indsatser.csv")
        #expect(grants.headers["nextFollowUp"] == "Næste opfølgning")
        #expect(grants.encoding == .auto)
        #expect(grants.delimiter == .byte(UInt8(ascii: ";")))
        #expect(grants.decimal == .comma)
        #expect(grants.dateStyle == .dayMonthYearDash)
        #expect(!grants.isExplicit)
        #expect(c.warnings.isEmpty)
    }

    @Test func tablesOverrideDefaults() throws {
        let c = try SyncConfiguration.parse("""
            [municipality]
            code = 250
            [snapshot]
            dir = "/var/lib/overblik"
            keep = 3
            group_readable = true
            [defaults]
            encoding = "utf-8"
            delimiter = ","
            decimal = "."
            date_format = "yyyy-mm-dd"
            [tables.payments]
            path = "eksport/opus.csv"
            encoding = "windows-1252"
            delimiter = "auto"
            [tables.grants.columns]
            cpr = "CPR-nr."
            """, path: "/drop/overblik.toml")
        #expect(c.municipality.code == "250")
        #expect(c.snapshotDirectory == "/var/lib/overblik")
        #expect(c.keep == 3)
        #expect(c.fileMode == 0o640)
        let p = c.tables[.payments]!
        #expect(p.resolvedPath == "/drop/eksport/opus.csv")
        #expect(p.isExplicit)
        #expect(p.encoding == .windows1252)
        #expect(p.delimiter == .auto)
        #expect(p.decimal == .point)
        #expect(p.dateStyle == .iso)
        #expect(c.tables[.grants]!.headers["cpr"] == "CPR-nr.")
        #expect(c.tables[.grants]!.delimiter == .byte(UInt8(ascii: ",")))
    }

    @Test func unknownKeysAreWarnedByName() throws {
        let c = try SyncConfiguration.parse("""
            [municipality]
            code = "250"
            [followup]
            due_son_days = 14
            [tables.grants.columns]
            cprnummer = "CPR"
            """, path: "overblik.toml")
        #expect(c.warnings.map(\.en) == ["unknown key 'followup.due_son_days' is ignored (misspelt?)",
                                         "unknown key 'tables.grants.columns.cprnummer' is ignored (misspelt?)"])
    }

    @Test func wrongTypesNameTheKey() {
        #expect(throws: ConfigurationError(path: "o.toml", line: 0, column: 0,
                                           message: Message(da: "snapshot.keep: skal være et heltal", en: "snapshot.keep: must be an integer"))) {
            try SyncConfiguration.parse("[municipality]\ncode = \"250\"\n[snapshot]\nkeep = \"ti\"\n", path: "o.toml")
        }
        #expect(throws: ConfigurationError.self) {
            try SyncConfiguration.parse("[municipality]\ncode = \"250\"\n[tables.grants]\ndate_format = \"mm/dd/yyyy\"\n", path: "o.toml")
        }
    }

    @Test func missingMunicipalityAndSyntaxErrors() throws {
        #expect(throws: ConfigurationError.self) { try SyncConfiguration.parse("[snapshot]\nkeep = 1\n", path: "o.toml") }
        do {
            _ = try SyncConfiguration.parse("[municipality]\ncode = \"250\"\nname = \n", path: "o.toml")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.line == 3)
            #expect(error.text(.en).hasPrefix("o.toml:3:"))
        }
    }

    @Test func missingFileSaysWhatToDo() {
        let folder = TemporaryFolder()
        do {
            _ = try SyncConfiguration.load(path: folder.file("findes-ikke.toml"))
            Issue.record("expected an error")
        } catch {
            #expect(error.text(.da) == "\(folder.file("findes-ikke.toml")): konfigurationsfilen findes ikke; angiv den med --config STI")
        }
        do {
            _ = try SyncConfiguration.load(path: folder.path)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.en == "is a folder, not a configuration file")
        }
    }
}
