import Foundation
import OverblikCore
import TOMLKit

/// Why the configuration cannot be used.
public struct ConfigurationError: Error, Sendable, Equatable {
    public var path: String
    /// 0 when the error has no place in the file.
    public var line: Int
    public var column: Int
    public var message: Message

    public func text(_ language: Language) -> String {
        let place = line > 0 ? "\(path):\(line):\(column)" : path
        return "\(place): \(message.text(language))"
    }
}

extension SyncConfiguration {
    /// Reads and checks `overblik.toml` at `path`.
    public static func load(path: String) throws(ConfigurationError) -> SyncConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            throw ConfigurationError(path: path, line: 0, column: 0, message: exists
                ? Message(da: isDirectory.boolValue ? "er en mappe, ikke en konfigurationsfil" : "kan ikke læses (rettigheder?)",
                          en: isDirectory.boolValue ? "is a folder, not a configuration file" : "cannot be read (permissions?)")
                : Message(da: "konfigurationsfilen findes ikke; angiv den med --config STI",
                          en: "the configuration file does not exist; name it with --config PATH"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(path: path, line: 0, column: 0,
                                     message: Message(da: "er ikke gyldig UTF-8", en: "is not valid UTF-8"))
        }
        return try parse(text, path: path)
    }

    /// Reads a configuration from its text; `path` places relative paths and names the file in messages.
    public static func parse(_ text: String, path: String) throws(ConfigurationError) -> SyncConfiguration {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigurationError(path: path, line: error.source.begin.line, column: error.source.begin.column,
                                     message: Message(da: "ugyldig TOML: \(error.description)",
                                                      en: "invalid TOML: \(error.description)"))
        } catch {
            throw ConfigurationError(path: path, line: 0, column: 0,
                                     message: Message(da: "ugyldig TOML: \(error)", en: "invalid TOML: \(error)"))
        }
        var reader = ConfigReader(path: path)
        return try reader.read(root)
    }
}

/// Walks the TOML tree, checking types and collecting unknown keys.
private struct ConfigReader {
    let path: String
    var warnings: [Message] = []

    var folder: String { (path as NSString).deletingLastPathComponent }

    /// An absolute path: relative ones are taken from the configuration file's folder.
    func resolve(_ relative: String) -> String {
        if relative.hasPrefix("/") { return (relative as NSString).standardizingPath }
        let base = folder.isEmpty ? "." : folder
        let joined = (base as NSString).appendingPathComponent(relative)
        return URL(fileURLWithPath: joined).standardizedFileURL.path
    }

    func fail(_ key: String, da: String, en: String) -> ConfigurationError {
        ConfigurationError(path: path, line: 0, column: 0, message: Message(da: "\(key): \(da)", en: "\(key): \(en)"))
    }

    mutating func warnUnknown(_ table: TOMLTable, known: Set<String>, prefix: String) {
        for key in table.keys.sorted() where !known.contains(key) {
            let name = prefix.isEmpty ? key : "\(prefix).\(key)"
            warnings.append(Message(da: "ukendt nøgle '\(name)' ignoreres (stavefejl?)",
                                    en: "unknown key '\(name)' is ignored (misspelt?)"))
        }
    }

    func subtable(_ table: TOMLTable, _ key: String, prefix: String) throws(ConfigurationError) -> TOMLTable? {
        guard let value = table[key] else { return nil }
        guard let t = value.table else {
            throw fail(prefix.isEmpty ? key : "\(prefix).\(key)", da: "skal være en tabel ([\(key)])", en: "must be a table ([\(key)])")
        }
        return t
    }

    func string(_ table: TOMLTable, _ key: String, _ name: String) throws(ConfigurationError) -> String? {
        guard let value = table[key] else { return nil }
        if let s = value.string { return s }
        if let i = value.int { return String(i) }
        throw fail(name, da: "skal være tekst i anførselstegn", en: "must be a quoted string")
    }

    func int(_ table: TOMLTable, _ key: String, _ name: String) throws(ConfigurationError) -> Int? {
        guard let value = table[key] else { return nil }
        guard let i = value.int else { throw fail(name, da: "skal være et heltal", en: "must be an integer") }
        return i
    }

    func double(_ table: TOMLTable, _ key: String, _ name: String) throws(ConfigurationError) -> Double? {
        guard let value = table[key] else { return nil }
        if let d = value.double { return d }
        if let i = value.int { return Double(i) }
        throw fail(name, da: "skal være et tal (fx 0.02)", en: "must be a number (e.g. 0.02)")
    }

    func bool(_ table: TOMLTable, _ key: String, _ name: String) throws(ConfigurationError) -> Bool? {
        guard let value = table[key] else { return nil }
        guard let b = value.bool else { throw fail(name, da: "skal være true eller false", en: "must be true or false") }
        return b
    }

    struct Style {
        var encoding = SourceEncoding.auto
        var delimiter = Delimiter.byte(UInt8(ascii: ";"))
        var decimal = DecimalStyle.comma
        var dateStyle = DateStyle.dayMonthYearDash
    }

    mutating func readStyle(_ t: TOMLTable, prefix: String, base: Style) throws(ConfigurationError) -> Style {
        var style = base
        if let v = try string(t, "encoding", "\(prefix).encoding") {
            guard let e = SourceEncoding(configValue: v) else {
                throw fail("\(prefix).encoding", da: "'\(v)' er ukendt; brug auto, utf-8 eller windows-1252",
                           en: "'\(v)' is unknown; use auto, utf-8 or windows-1252")
            }
            style.encoding = e
        }
        if let v = try string(t, "delimiter", "\(prefix).delimiter") {
            guard let d = Delimiter(configValue: v) else {
                throw fail("\(prefix).delimiter", da: "'\(v)' er ukendt; brug \";\", \",\", \"\\t\" eller \"auto\"",
                           en: "'\(v)' is unknown; use \";\", \",\", \"\\t\" or \"auto\"")
            }
            style.delimiter = d
        }
        if let v = try string(t, "decimal", "\(prefix).decimal") {
            guard let d = DecimalStyle(rawValue: v) else {
                throw fail("\(prefix).decimal", da: "skal være \",\" eller \".\"", en: "must be \",\" or \".\"")
            }
            style.decimal = d
        }
        if let v = try string(t, "date_format", "\(prefix).date_format") {
            guard let d = DateStyle(rawValue: v.lowercased()) else {
                throw fail("\(prefix).date_format", da: "'\(v)' er ukendt; brug dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd, dd/mm/yyyy eller auto",
                           en: "'\(v)' is unknown; use dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd, dd/mm/yyyy or auto")
            }
            style.dateStyle = d
        }
        return style
    }

    mutating func read(_ root: TOMLTable) throws(ConfigurationError) -> SyncConfiguration {
        warnUnknown(root, known: Set(ConfigurationKeys.sections.keys), prefix: "")

        guard let m = try subtable(root, "municipality", prefix: "") else {
            throw fail("[municipality]", da: "mangler: angiv code og name for kommunen", en: "is missing: give the municipality's code and name")
        }
        warnUnknown(m, known: ConfigurationKeys.known("municipality"), prefix: "municipality")
        guard let code = try string(m, "code", "municipality.code"), !code.isEmpty else {
            throw fail("municipality.code", da: "mangler (kommunekoden, fx \"250\")", en: "is missing (the municipality code, e.g. \"250\")")
        }
        let name = try string(m, "name", "municipality.name") ?? ""

        var snapshotDir = Defaults.snapshotDirectory, keep = Defaults.snapshotKeep, groupReadable = false, perTeam = false
        if let s = try subtable(root, "snapshot", prefix: "") {
            warnUnknown(s, known: ConfigurationKeys.known("snapshot"), prefix: "snapshot")
            perTeam = try bool(s, "per_team", "snapshot.per_team") ?? false
            snapshotDir = try string(s, "dir", "snapshot.dir") ?? snapshotDir
            keep = try int(s, "keep", "snapshot.keep") ?? keep
            guard keep >= 0 else { throw fail("snapshot.keep", da: "må ikke være negativ", en: "must not be negative") }
            groupReadable = try bool(s, "group_readable", "snapshot.group_readable") ?? false
        }

        let styleKeys = ConfigurationKeys.known("defaults")
        var defaults = Style()
        if let d = try subtable(root, "defaults", prefix: "") {
            warnUnknown(d, known: styleKeys, prefix: "defaults")
            defaults = try readStyle(d, prefix: "defaults", base: defaults)
        }

        let tablesTable = try subtable(root, "tables", prefix: "")
        if let tablesTable { warnUnknown(tablesTable, known: ConfigurationKeys.known("tables"), prefix: "tables") }
        var tables: [TableName: TableConfiguration] = [:]
        for table in TableName.allCases {
            let prefix = "tables.\(table.rawValue)"
            let t = try tablesTable.flatMap { (tt: TOMLTable) throws(ConfigurationError) -> TOMLTable? in
                try subtable(tt, table.rawValue, prefix: "tables")
            }
            var path = table.defaultPath
            var style = defaults
            var headers = Dictionary(uniqueKeysWithValues: table.fields.map { ($0.field, $0.header) })
            if let t {
                warnUnknown(t, known: ConfigurationKeys.tableKeys, prefix: prefix)
                path = try string(t, "path", "\(prefix).path") ?? path
                style = try readStyle(t, prefix: prefix, base: defaults)
                if let columns = try subtable(t, "columns", prefix: prefix) {
                    warnUnknown(columns, known: Set(table.fields.map(\.field)), prefix: "\(prefix).columns")
                    for field in table.fields {
                        if let header = try string(columns, field.field, "\(prefix).columns.\(field.field)") {
                            headers[field.field] = header
                        }
                    }
                }
            }
            tables[table] = TableConfiguration(
                table: table, path: path, resolvedPath: resolve(path), isExplicit: t?["path"] != nil,
                encoding: style.encoding, delimiter: style.delimiter, decimal: style.decimal,
                dateStyle: style.dateStyle, headers: headers)
        }

        var dueSoonDays = Defaults.dueSoonDays
        if let f = try subtable(root, "followup", prefix: "") {
            warnUnknown(f, known: ConfigurationKeys.known("followup"), prefix: "followup")
            dueSoonDays = try int(f, "due_soon_days", "followup.due_soon_days") ?? dueSoonDays
            guard dueSoonDays >= 0 else { throw fail("followup.due_soon_days", da: "må ikke være negativ", en: "must not be negative") }
        }
        var rateTolerance = Defaults.rateTolerance
        if let r = try subtable(root, "reconciliation", prefix: "") {
            warnUnknown(r, known: ConfigurationKeys.known("reconciliation"), prefix: "reconciliation")
            rateTolerance = try double(r, "rate_tolerance", "reconciliation.rate_tolerance") ?? rateTolerance
            guard rateTolerance >= 0 && rateTolerance < 1 else {
                throw fail("reconciliation.rate_tolerance", da: "skal ligge mellem 0 og 1 (0.02 = 2 %)", en: "must lie between 0 and 1 (0.02 = 2 %)")
            }
        }
        var maxRejectShare = Defaults.maxRejectShare
        if let s = try subtable(root, "sync", prefix: "") {
            warnUnknown(s, known: ConfigurationKeys.known("sync"), prefix: "sync")
            maxRejectShare = try double(s, "max_reject_share", "sync.max_reject_share") ?? maxRejectShare
            guard maxRejectShare >= 0 && maxRejectShare <= 1 else {
                throw fail("sync.max_reject_share", da: "skal ligge mellem 0 og 1 (0.05 = 5 %)", en: "must lie between 0 and 1 (0.05 = 5 %)")
            }
        }

        var access = AccessRules()
        if let a = try subtable(root, "access", prefix: "") {
            warnUnknown(a, known: ConfigurationKeys.known("access"), prefix: "access")
            access.enforce = try bool(a, "enforce", "access.enforce") ?? false
            func scope(_ key: String, _ fallback: AccessScope) throws(ConfigurationError) -> AccessScope {
                guard let text = try string(a, key, "access.\(key)") else { return fallback }
                guard let s = AccessScope(rawValue: text.lowercased()) else {
                    throw fail("access.\(key)", da: "skal være \"own\", \"team\" eller \"all\" (fik \"\(text)\")",
                               en: "must be \"own\", \"team\" or \"all\" (got \"\(text)\")")
                }
                return s
            }
            access.caseworker = try scope("sagsbehandler", .own)
            access.teamLead = try scope("teamleder", .team)
            access.consultant = try scope("konsulent", .all)
        }

        var serviceGoals = ServiceGoals()
        if let g = try subtable(root, "servicemaal", prefix: "") {
            warnUnknown(g, known: ConfigurationKeys.known("servicemaal"), prefix: "servicemaal")
            serviceGoals.targetShare = try double(g, "target_share", "servicemaal.target_share") ?? serviceGoals.targetShare
            guard serviceGoals.targetShare >= 0 && serviceGoals.targetShare <= 1 else {
                throw fail("servicemaal.target_share", da: "skal ligge mellem 0 og 1 (0.9 = 90 %)", en: "must lie between 0 and 1 (0.9 = 90 %)")
            }
            if let value = g["closed_days"] {
                guard let array = value.array else {
                    throw fail("servicemaal.closed_days", da: "skal være en liste af dage, fx [\"24-12\", \"31-12\"]",
                               en: "must be a list of days, e.g. [\"24-12\", \"31-12\"]")
                }
                var days: [WorkingCalendar.ClosedDay] = []
                for item in array {
                    guard let text = item.string, let d = WorkingCalendar.ClosedDay(parsing: text) else {
                        throw fail("servicemaal.closed_days", da: "\"\(item.string ?? "\(item)")\" er ingen dag (dd-mm)",
                                   en: "\"\(item.string ?? "\(item)")\" is no day (dd-mm)")
                    }
                    days.append(d)
                }
                serviceGoals.calendar = WorkingCalendar(closedDays: days)
            }
            if let goals = try subtable(g, "goals", prefix: "servicemaal") {
                for key in goals.keys.sorted() {
                    let name = "servicemaal.goals.\(key)"
                    guard let parsedKey = ServiceGoals.key(key) else {
                        throw fail(name, da: "\"\(key)\" er ingen paragraf (fx \"SEL-85\" eller \"SEL-85:08510\")",
                                   en: "\"\(key)\" is no paragraph (e.g. \"SEL-85\" or \"SEL-85:08510\")")
                    }
                    let text = try string(goals, key, name) ?? ""
                    guard let goal = ServiceGoal(parsing: text) else {
                        throw fail(name, da: "\"\(text)\" er intet servicemål (fx \"8u\", \"3m\" eller \"90ad\")",
                                   en: "\"\(text)\" is no service goal (e.g. \"8u\", \"3m\" or \"90ad\")")
                    }
                    if let code = parsedKey.serviceCode {
                        serviceGoals.byServiceCode[parsedKey.paragraph, default: [:]][code] = goal
                    } else {
                        serviceGoals.byParagraph[parsedKey.paragraph] = goal
                    }
                }
            }
        }

        var supervision = SupervisionSettings()
        if let t = try subtable(root, "ledelsestilsyn", prefix: "") {
            warnUnknown(t, known: ConfigurationKeys.known("ledelsestilsyn"), prefix: "ledelsestilsyn")
            if let p = try string(t, "period", "ledelsestilsyn.period") {
                guard let kind = SupervisionPeriod.Kind(rawValue: p) else {
                    throw fail("ledelsestilsyn.period", da: "skal være \"quarter\" eller \"month\"", en: "must be \"quarter\" or \"month\"")
                }
                supervision.period = kind
            }
            if let n = try int(t, "per_caseworker", "ledelsestilsyn.per_caseworker") {
                guard (1...100).contains(n) else {
                    throw fail("ledelsestilsyn.per_caseworker", da: "skal være et helt tal fra 1 til 100", en: "must be a whole number from 1 to 100")
                }
                supervision.perCaseworker = n
            }
            if let salt = try string(t, "salt", "ledelsestilsyn.salt"), !salt.isEmpty { supervision.salt = salt }
            if let value = t["items"] {
                guard let array = value.array, !array.isEmpty else {
                    throw fail("ledelsestilsyn.items", da: "skal være en liste af punkter (tekster)", en: "must be a list of items (texts)")
                }
                var items: [String] = []
                for item in array {
                    guard let text = item.string, !text.isEmpty else {
                        throw fail("ledelsestilsyn.items", da: "hvert punkt skal være en tekst", en: "every item must be a text")
                    }
                    items.append(text)
                }
                supervision.items = items
            }
        }

        var comparison = ComparisonSettings()
        if let t = try subtable(root, "comparison", prefix: "") {
            warnUnknown(t, known: ConfigurationKeys.known("comparison"), prefix: "comparison")
            if let m = try string(t, "measure", "comparison.measure") {
                guard let measure = ComparisonMeasure(rawValue: m) else {
                    throw fail("comparison.measure", da: "skal være \"recipients\" (HAND07) eller \"fulltime\" (HAND01)",
                               en: "must be \"recipients\" (HAND07) or \"fulltime\" (HAND01)")
                }
                comparison.measure = measure
            }
            if let value = t["municipalities"] {
                guard let array = value.array else {
                    throw fail("comparison.municipalities", da: "skal være en liste af kommunekoder, fx [\"165\", \"183\"]",
                               en: "must be a list of municipality codes, e.g. [\"165\", \"183\"]")
                }
                var codes: [String] = []
                for item in array {
                    let text = item.string ?? item.int.map { String($0) } ?? ""
                    guard let code = DanishMunicipalities.code(text) else {
                        throw fail("comparison.municipalities", da: "\"\(text)\" er ingen af de 98 kommuner (angiv koden, fx \"165\")",
                                   en: "\"\(text)\" is none of the 98 municipalities (give the code, e.g. \"165\")")
                    }
                    codes.append(code)
                }
                comparison.municipalities = codes
            }
            if let value = t["ages"] {
                guard let array = value.array, array.count == 2, let low = array[0].int, let high = array[1].int,
                      0 <= low, low <= high, high <= 125 else {
                    throw fail("comparison.ages", da: "skal være to aldre, fx [18, 64]", en: "must be two ages, e.g. [18, 64]")
                }
                comparison.ages = low...high
            }
        }

        var configuration = SyncConfiguration(
            path: path, municipality: Municipality(code: code, name: name),
            snapshotDirectory: resolve(snapshotDir), keep: keep, groupReadable: groupReadable, tables: tables,
            dueSoonDays: dueSoonDays, rateTolerance: rateTolerance, maxRejectShare: maxRejectShare,
            warnings: warnings.sorted { $0.en < $1.en })
        configuration.access = access
        configuration.serviceGoals = serviceGoals
        configuration.supervision = supervision
        configuration.comparison = comparison
        configuration.perTeam = perTeam
        return configuration
    }
}
