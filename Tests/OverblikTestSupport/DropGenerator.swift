import Foundation
import OverblikCore

/// Random source drops of the kinds `exports.md` allows, for the whole-drop property tests and the
/// fuzzer's corpus: columns in any order, headers renamed through the configuration, UTF-8 (with
/// or without BOM) or Windows-1252, every delimiter (or `auto`), both decimal styles, every date
/// style (or `auto`), LF or CRLF, the municipality's own code or name and others' in the
/// municipality columns, optional columns and optional tables left out, grants without end, every
/// rate unit, payments straddling a year end, negative corrections, leap days, files with only a
/// header, quoted fields with delimiters, quotes and line breaks, and a few rows that must be
/// rejected. Deterministic for a seed.
public struct DropGenerator {
    /// What was generated: the files by relative path, and the data records each table's file holds.
    public struct Drop {
        public var files: [String: [UInt8]] = [:]
        public var config = ""
        /// Records written per table (the header not counted), for the tables present.
        public var records: [String: Int] = [:]
        /// The day to sync against.
        public var today: String = "2026-11-23"
        /// A line describing the drop's choices, for failure messages.
        public var summary = ""

        /// Writes the drop into `folder`; returns the configuration's path.
        @discardableResult
        public func write(into folder: TemporaryFolder) -> String {
            for (path, bytes) in files { folder.write(path, bytes: bytes) }
            return folder.write("overblik.toml", config)
        }
    }

    private var random: SplitMix

    public init(seed: UInt64) { random = SplitMix(seed: seed) }

    // MARK: Random choices

    private mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }
    private mutating func chance(_ p: Double) -> Bool { Double(random.next() % 10_000) < p * 10_000 }
    private mutating func pick<T>(_ xs: [T]) -> T { xs[int(0...(xs.count - 1))] }

    // MARK: The municipality and its neighbours

    static let municipalities = [("253", "Greve"), ("250", "Frederikssund"), ("101", "København"), ("851", "Aalborg"),
                                 ("330", "Slagelse"), ("751", "Aarhus")]

    /// A value for a municipality column: empty, the own code (also with a leading zero) or name, or another's.
    private mutating func municipalityValue(own: (String, String), others: [(String, String)]) -> String {
        switch int(0...6) {
        case 0, 1: return ""
        case 2: return own.0
        case 3: return pick([own.1, own.1.uppercased(), "0" + own.0])
        case 4: return pick(others).0
        default: return pick(others).1
        }
    }

    // MARK: Values in the drop's styles

    struct Style {
        var delimiter: String       // the byte written
        var configDelimiter: String // as the configuration names it ("auto" too)
        var decimalComma: Bool
        var dateFormat: String      // configuration value; "auto" = any style per value
        var windows1252: Bool
        var bom: Bool
        var crlf: Bool
    }

    private mutating func style() -> Style {
        let d = pick([(";", ";"), (",", ","), ("\t", "\\t"), ("|", "|"), (";", "auto"), (",", "auto"), ("\t", "tab")])
        let windows1252 = chance(0.3)
        return Style(delimiter: d.0, configDelimiter: d.1, decimalComma: chance(0.7),
                     dateFormat: pick(["dd-mm-yyyy", "dd.mm.yyyy", "yyyy-mm-dd", "dd/mm/yyyy", "auto"]),
                     windows1252: windows1252, bom: !windows1252 && chance(0.4), crlf: chance(0.5))
    }

    private mutating func date(_ ordinal: Int, _ s: Style) -> String {
        let (y, m, d) = Self.civil(ordinal)
        let dd = d < 10 ? "0\(d)" : "\(d)", mm = m < 10 ? "0\(m)" : "\(m)"
        let format = s.dateFormat == "auto" ? pick(["dd-mm-yyyy", "dd.mm.yyyy", "yyyy-mm-dd", "dd/mm/yyyy"]) : s.dateFormat
        switch format {
        case "dd.mm.yyyy": return "\(dd).\(mm).\(y)"
        case "yyyy-mm-dd": return "\(y)-\(mm)-\(dd)"
        case "dd/mm/yyyy": return "\(dd)/\(mm)/\(y)"
        default: return "\(dd)-\(mm)-\(y)"
        }
    }

    /// An amount in øre written in the table's decimal style, sometimes with digit groups or a trailing minus.
    private mutating func amount(_ ore: Int, _ s: Style) -> String {
        let negative = ore < 0
        let m = abs(ore)
        var whole = String(m / 100)
        if chance(0.4), whole.count > 3 {
            var grouped = ""
            for (i, ch) in whole.enumerated() {
                if i > 0 && (whole.count - i) % 3 == 0 { grouped.append(s.decimalComma ? "." : ",") }
                grouped.append(ch)
            }
            whole = grouped
        }
        let cents = m % 100
        let body = "\(whole)\(s.decimalComma ? "," : ".")\(cents < 10 ? "0" : "")\(cents)"
        guard negative else { return body }
        return chance(0.2) ? body + "-" : "-" + body
    }

    private mutating func cpr(born ordinal: Int) -> String {
        let (y, m, d) = Self.civil(ordinal)
        // The seventh digit gives the century: 0–3 for 1900–1999, 4 for 2000–2036.
        let seventh = y >= 2000 ? 4 : int(0...3)
        let six = String(format: "%02d%02d%02d", d, m, y % 100)
        let four = "\(seventh)\(int(0...9))\(int(0...9))\(int(0...9))"
        return chance(0.5) ? "\(six)-\(four)" : six + four
    }

    // MARK: Tables

    /// One table's file: its columns (field, default header, required), the rows as field → value.
    struct Table {
        var name: String
        var path: String
        var columns: [(field: String, header: String, required: Bool)]
        var rows: [[String: String]] = []
        /// Raw lines added as they are (rows that must be rejected for their shape).
        var rawRows: [String] = []
    }

    private mutating func render(_ table: Table, _ s: Style, into drop: inout Drop, configLines: inout [String]) {
        // Columns: required ones always, optional ones mostly; shuffled; some renamed; now and then an extra one.
        var columns = table.columns.filter { $0.required || chance(0.8) }
        for i in stride(from: columns.count - 1, to: 0, by: -1) { columns.swapAt(i, int(0...i)) }
        var renamed: [(String, String)] = []
        var headers: [String] = []
        for c in columns {
            if chance(0.15) {
                let name = "\(c.header) (\(pick(["udtræk", "ny", "v2"])))"
                renamed.append((c.field, name))
                headers.append(name)
            } else {
                headers.append(pick([c.header, c.header.uppercased(), " \(c.header) "]))
            }
        }
        if chance(0.2) { headers.append("Ekstra kolonne"); columns.append(("extra", "Ekstra kolonne", false)) }
        func quoted(_ v: String) -> String {
            let needs = v.contains(s.delimiter) || v.contains("\"") || v.contains("\n") || v.contains("\r")
                || v.hasPrefix(" ") || v.hasSuffix(" ")
            return needs ? "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : v
        }
        let eol = s.crlf ? "\r\n" : "\n"
        var text = headers.map(quoted).joined(separator: s.delimiter) + eol
        for row in table.rows {
            text += columns.map { quoted(row[$0.field] ?? (chance(0.5) ? "x" : "")) }.joined(separator: s.delimiter) + eol
        }
        for raw in table.rawRows { text += raw.replacingOccurrences(of: ";", with: s.delimiter) + eol }
        var bytes: [UInt8] = s.bom ? [0xEF, 0xBB, 0xBF] : []
        if s.windows1252 {
            // Every text the generator writes is Latin-1 (æøå, §, é), which Windows-1252 holds as the same byte.
            for scalar in text.unicodeScalars { bytes.append(scalar.value < 256 ? UInt8(scalar.value) : UInt8(ascii: "?")) }
        } else {
            bytes += Array(text.utf8)
        }
        drop.files[table.path] = bytes
        drop.records[table.name] = table.rows.count + table.rawRows.count

        configLines.append("[tables.\(table.name)]")
        configLines.append("path = \"\(table.path)\"")
        configLines.append("encoding = \"\(s.windows1252 ? pick(["windows-1252", "auto"]) : pick(["utf-8", "auto"]))\"")
        configLines.append("delimiter = \"\(s.configDelimiter)\"")
        configLines.append("decimal = \"\(s.decimalComma ? "," : ".")\"")
        configLines.append("date_format = \"\(s.dateFormat)\"")
        if !renamed.isEmpty {
            configLines.append("[tables.\(table.name).columns]")
            for (field, header) in renamed { configLines.append("\(field) = \"\(header)\"") }
        }
        configLines.append("")
    }

    /// The mapping rows the drop may use: (paragraph key, written forms, function, grouping, DST code, service codes).
    static let catalogue: [(String, [String], String, String, String, [String])] = [
        ("SEL-85", ["SEL §85", "§ 85", "85"], "5.38.38", "004", "85", ["85-01", "85-02"]),
        ("SEL-85", ["SEL §85", "§ 85", "85"], "5.38.38", "005", "8501", ["85-11"]),
        ("SEL-96", ["SEL §96", "§96"], "5.38.38", "009", "", ["96-01"]),
        ("SEL-103", ["SEL §103", "103"], "5.38.58", "", "103", ["103-01"]),
        ("SEL-104", ["SEL §104", "§ 104"], "5.38.59", "", "104", ["104-01", "104-02"]),
        ("SEL-107", ["SEL §107", "§107"], "5.38.52", "", "107", ["107-01"]),
        ("SEL-108", ["SEL §108", "§ 108", "108"], "5.38.50", "", "108", ["108-01", "108-02"]),
        ("ABL-105", ["ABL §105"], "5.38.51", "", "", ["105-01"]),
    ]

    /// One random drop.
    public mutating func make() -> Drop {
        var drop = Drop()
        let ownIndex = int(0...(Self.municipalities.count - 1))
        let own = Self.municipalities[ownIndex]
        let others = Self.municipalities.enumerated().filter { $0.offset != ownIndex }.map(\.element)
        drop.today = pick(["2026-11-23", "2026-11-23", "2026-01-10", "2025-12-31", "2024-02-29", "2027-03-01"])
        var config = ["[municipality]", "code = \"\(own.0)\"", "name = \"\(own.1)\"", "",
                      "[snapshot]", "dir = \"snapshots\"", "keep = 1", "",
                      "[sync]", "max_reject_share = 1.0", ""]
        if chance(0.3) { config += ["[followup]", "due_soon_days = \(int(0...90))", ""] }
        if chance(0.3) { config += ["[reconciliation]", "rate_tolerance = \(pick(["0.0", "0.02", "0.1"]))", ""] }

        let empty = chance(0.05)  // every file only a header
        let mappingRows = empty ? [] : Self.catalogue.filter { _ in chance(0.75) }
        let initials = ["MHA", "BIK", "ØKO", "aan", "LJP", "SØR"]
        let teams = ["Team Bolig", "Team Støtte", "Dagtilbud", ""]
        let first = Self.ordinal(2023, 11, 1), last = Self.ordinal(2027, 6, 30)

        // Grants.
        var grants = Table(name: "grants", path: pick(["fagsystem/indsatser.csv", "udtraek/bevillinger.csv"]), columns: [
            ("caseId", "Sags-ID", true), ("cpr", "CPR", true), ("name", "Navn", false), ("paragraph", "Paragraf", true),
            ("serviceCode", "Ydelseskode", false), ("serviceName", "Ydelse", false), ("provider", "Leverandør", false),
            ("start", "Startdato", true), ("end", "Slutdato", false), ("rate", "Takst", false), ("rateUnit", "Takstenhed", false),
            ("hoursPerWeek", "Timer pr. uge", false), ("caseworker", "Sagsbehandler", false), ("team", "Team", false),
            ("nextFollowUp", "Næste opfølgning", false), ("lastFollowUp", "Seneste opfølgning", false),
            ("targetGroup", "Målgruppe", false), ("actingMunicipality", "Handlekommune", false),
            ("payingMunicipality", "Betalingskommune", false)])
        let gs = style()
        struct G { var cpr: String; var row: Int; var start: Int; var end: Int?; var dailyOre: Int; var code: Int }
        var made: [G] = []
        let citizens = (0..<int(1...25)).map { _ in cpr(born: int(Self.ordinal(1940, 1, 1)...Self.ordinal(2010, 12, 31))) }
        for i in 0..<(empty ? 0 : int(0...40)) {
            let code = mappingRows.isEmpty || chance(0.05) ? -1 : int(0...(mappingRows.count - 1))
            let start = chance(0.05) ? Self.ordinal(2024, 2, 29) : int(first...last)
            let end: Int? = chance(0.4) ? nil : start + int(0...700)
            let unit = pick(["dag", "døgn", "uge", "måned", "md", "år", "time", "timer", ""])
            let rate = int(10_000...500_000)
            var row: [String: String] = [
                "caseId": "S-\(1000 + i)", "cpr": pick(citizens), "name": pick(["Jens Ærø", "Åse Øby", "Ida \"Lille\" Berg", "Bo; Holm", "Eva\nLund", ""]),
                "paragraph": code < 0 ? pick(["§ 82a", "SEL §108", "ABL §105"]) : pick(mappingRows[code].1),
                "serviceCode": code < 0 ? "999-99" : (chance(0.1) ? "000-00" : pick(mappingRows[code].5)),
                "serviceName": "Ydelse \(i)", "provider": pick(["Bostedet Øst", "Bostøtten, afd. 2", "Café Ærø", ""]),
                "start": date(start, gs), "end": end.map { date($0, gs) } ?? "",
                "rate": unit.isEmpty && chance(0.5) ? "" : amount(rate, gs), "rateUnit": unit,
                "hoursPerWeek": unit.hasPrefix("time") ? (gs.decimalComma ? "7,5" : "7.5") : "",
                "caseworker": chance(0.1) ? "" : pick(initials), "team": pick(teams),
                "nextFollowUp": chance(0.3) ? "" : date(int(first...last), gs), "lastFollowUp": chance(0.5) ? "" : date(int(first...last), gs),
                "targetGroup": pick(["Sindslidelse", "Udviklingshæmning", ""]),
                "actingMunicipality": municipalityValue(own: own, others: others),
                "payingMunicipality": municipalityValue(own: own, others: others),
            ]
            if chance(0.04) { row["start"] = pick(["31-02-2026", "2026-13-01", ""]) }         // rejected: bad or no start
            if chance(0.03) { row["end"] = date(Self.ordinal(9999, 12, 31), gs) }            // "no end" as some systems write it
            if chance(0.01) { row["start"] = date(Self.ordinal(1900, 1, 1), gs) }
            if chance(0.02) { row["hoursPerWeek"] = "200" }                                    // rejected: more than a week
            if chance(0.02) { row["rate"] = "999.999.999.999.999.999.999,00" }                 // rejected: beyond 12 digits
            if chance(0.03) { row["cpr"] = pick(["310290-1234", "12345", "abc"]) }            // rejected: bad CPR
            if chance(0.03), i > 0 { row["caseId"] = "S-\(1000 + i - 1)" }                   // rejected: a duplicate id
            grants.rows.append(row)
            let daily = unit.isEmpty ? 0 : rate
            made.append(G(cpr: row["cpr"] ?? "", row: i, start: start, end: end, dailyOre: daily, code: code))
        }
        if !empty && chance(0.2) { grants.rawRows.append("S-9999;0101901234") }  // rejected: too few fields
        render(grants, gs, into: &drop, configLines: &config)

        // Payments: monthly in arrears for most grants, a period straddling New Year now and then, corrections.
        var payments = Table(name: "payments", path: pick(["okonomi/posteringer.csv", "udtraek/posteringer.csv"]), columns: [
            ("voucherId", "Bilagsnr", true), ("cpr", "CPR", true), ("function", "Funktion", true), ("grouping", "Gruppering", false),
            ("provider", "Leverandør", false), ("periodStart", "Periode fra", true), ("periodEnd", "Periode til", true),
            ("amount", "Beløb", true), ("postingDate", "Bogføringsdato", true), ("payingMunicipality", "Betalingskommune", false),
            ("actingMunicipality", "Handlekommune", false)])
        let ps = style()
        var voucher = 7_000_000
        func paymentRow(_ g: G?, cpr: String, from: Int, to: Int, ore: Int, posted: Int, _ gen: inout DropGenerator) -> [String: String] {
            voucher += 1
            let row = g.flatMap { $0.code >= 0 ? mappingRows[$0.code] : nil } ?? gen.pick(mappingRows.isEmpty ? Self.catalogue : mappingRows)
            return ["voucherId": "\(voucher)", "cpr": cpr, "function": gen.chance(0.03) ? "5.99.99" : row.2, "grouping": row.3,
                    "provider": gen.pick(["Bostedet Øst", "Bostøtten, afd. 2", ""]), "periodStart": gen.date(from, ps),
                    "periodEnd": gen.date(to, ps), "amount": gen.amount(ore, ps), "postingDate": gen.date(posted, ps),
                    "payingMunicipality": gen.municipalityValue(own: own, others: others),
                    "actingMunicipality": gen.municipalityValue(own: own, others: others)]
        }
        for g in made where chance(0.7) && payments.rows.count < 250 {
            var month = max(g.start, Self.ordinal(2024, 12, 1))
            let stop = min(g.end ?? last, Self.ordinal(2026, 10, 31))
            while month <= stop && payments.rows.count < 250 {
                let (y, m, _) = Self.civil(month)
                let monthEnd = Self.ordinal(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1
                let to = min(monthEnd, stop)
                if chance(0.08), m == 12 {
                    // A period over New Year: 15 December … 14 January.
                    let from = Self.ordinal(y, 12, 15), until = Self.ordinal(y + 1, 1, 14)
                    payments.rows.append(paymentRow(g, cpr: g.cpr, from: from, to: until, ore: g.dailyOre * 31, posted: from - 5, &self))
                } else {
                    let ore = g.dailyOre * (to - month + 1) + (chance(0.1) ? int(-50_000...50_000) : 0)
                    payments.rows.append(paymentRow(g, cpr: g.cpr, from: month, to: to, ore: ore, posted: monthEnd + 5, &self))
                }
                if chance(0.05) {  // a correction of that month, negative
                    payments.rows.append(paymentRow(g, cpr: g.cpr, from: month, to: to, ore: -int(100...100_000), posted: monthEnd + 20, &self))
                }
                month = monthEnd + 1
            }
        }
        for _ in 0..<(empty ? 0 : int(0...4)) {  // citizens only in the economy system
            let from = int(Self.ordinal(2025, 1, 1)...Self.ordinal(2026, 9, 1))
            payments.rows.append(paymentRow(nil, cpr: cpr(born: int(Self.ordinal(1950, 1, 1)...Self.ordinal(2000, 1, 1))),
                                            from: from, to: from + int(0...40), ore: int(-100_000...3_000_000), posted: from + 45, &self))
        }
        if chance(0.05), !payments.rows.isEmpty { payments.rows[0]["amount"] = "#VÆRDI!" }  // rejected: no amount
        if chance(0.05), payments.rows.count > 1 {                                           // the largest amount there is
            payments.rows[1]["amount"] = ps.decimalComma ? "999.999.999.999,99" : "999999999999.99"
        }
        render(payments, ps, into: &drop, configLines: &config)

        // Mapping (required; sometimes only its header).
        var mapping = Table(name: "mapping", path: "stamdata/masteroversigt.csv", columns: [
            ("paragraph", "Paragraf", true), ("function", "Funktion", true), ("grouping", "Gruppering", false),
            ("dstCode", "DST-ydelseskode", false), ("serviceCodes", "Ydelseskoder", false), ("label", "Tekst", false)])
        for r in mappingRows {
            mapping.rows.append(["paragraph": r.0, "function": r.2, "grouping": r.3, "dstCode": r.4,
                                 "serviceCodes": r.5.joined(separator: ","), "label": "Tekst for \(r.0)"])
        }
        render(mapping, style(), into: &drop, configLines: &config)

        // Optional tables.
        if chance(0.7) {
            var staff = Table(name: "staff", path: "fagsystem/medarbejdere.csv", columns: [
                ("initials", "Initialer", true), ("name", "Navn", false), ("team", "Team", false), ("role", "Rolle", false),
                ("username", "Brugernavn", false)])
            for i in initials where chance(0.8) {
                staff.rows.append(["initials": i, "name": "Medarbejder \(i)", "team": pick(teams),
                                   "role": pick(["sagsbehandler", "teamleder", "konsulent", "", "Sagsbehandler"]), "username": i.lowercased()])
            }
            render(staff, style(), into: &drop, configLines: &config)
        }
        if chance(0.7) {
            var budget = Table(name: "budget", path: "okonomi/budget.csv", columns: [
                ("year", "År", true), ("month", "Måned", true), ("function", "Funktion", true), ("budget", "Budget", true),
                ("correctedBudget", "Korrigeret budget", false)])
            let bs = style()
            for f in Set(mappingRows.map(\.2) + ["5.38.99"]).sorted() where chance(0.8) {
                for y in [2025, 2026] { for m in 1...12 where chance(0.9) {
                    budget.rows.append(["year": "\(y)", "month": "\(m)", "function": f, "budget": amount(int(0...90_000_000), bs),
                                        "correctedBudget": chance(0.2) ? amount(int(0...90_000_000), bs) : ""])
                } }
            }
            render(budget, bs, into: &drop, configLines: &config)
        }
        if chance(0.7) {
            var dst = Table(name: "dst", path: "dst/indberetning.csv", columns: [
                ("cpr", "CPR", true), ("paragraph", "Paragraf", true), ("dstCode", "DST-ydelseskode", true),
                ("start", "Startdato", true), ("end", "Slutdato", false), ("targetGroup", "Målgruppe", false)])
            let ds = style()
            for g in made where g.code >= 0 && chance(0.6) {
                let r = mappingRows[g.code]
                dst.rows.append(["cpr": g.cpr, "paragraph": pick(r.1), "dstCode": chance(0.1) ? "999" : (r.4.isEmpty ? "0" : r.4),
                                 "start": date(g.start + (chance(0.1) ? int(1...40) : 0), ds),
                                 "end": g.end.map { date($0, ds) } ?? "", "targetGroup": pick(["Sindslidelse", ""])])
            }
            render(dst, ds, into: &drop, configLines: &config)
        }
        drop.config = config.joined(separator: "\n") + "\n"
        drop.summary = "municipality \(own.0) \(own.1), today \(drop.today), records \(drop.records.sorted { $0.key < $1.key })"
        return drop
    }

    // MARK: Calendar (days since 1970-01-01, through the core's Day)

    static func ordinal(_ y: Int, _ m: Int, _ d: Int) -> Int {
        Int(Day(year: y, month: m, day: d).map(\.ordinal) ?? 0)  // the generator names only real days
    }

    static func civil(_ ordinal: Int) -> (Int, Int, Int) {
        let c = Day(ordinal: Int32(ordinal)).components
        return (c.year, c.month, c.day)
    }
}

/// SplitMix64: a small, fast, deterministic generator.
public struct SplitMix: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
