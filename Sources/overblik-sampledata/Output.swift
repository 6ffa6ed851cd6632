import Foundation
import OverblikCore

/// Writes one source file the way a given system exports it, counting physical lines so
/// that the rows planted to be rejected can be listed with their exact line numbers.
struct ExportFile {
    var delimiter = ";"
    var crlf = false
    var bom = false
    var windows1252 = false
    private(set) var text = ""
    /// The physical line the next record starts on.
    private(set) var line = 1

    init(delimiter: String = ";", crlf: Bool = false, bom: Bool = false, windows1252: Bool = false) {
        self.delimiter = delimiter; self.crlf = crlf; self.bom = bom; self.windows1252 = windows1252
    }

    static func quote(_ v: String, _ delimiter: String) -> String {
        let needs = v.contains(delimiter) || v.contains("\"") || v.contains("\n")
        return needs ? "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : v
    }

    /// Appends a record; returns the line it starts on.
    @discardableResult
    mutating func record(_ fields: [String]) -> Int {
        raw(fields.map { Self.quote($0, delimiter) }.joined(separator: delimiter))
    }

    /// Appends a line as given (for rows planted to be rejected); returns its line.
    @discardableResult
    mutating func raw(_ content: String) -> Int {
        let start = line
        text += content + (crlf ? "\r\n" : "\n")
        line += 1 + content.filter { $0 == "\n" }.count
        return start
    }

    var bytes: [UInt8] {
        let body = crlf ? text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n") : text
        if windows1252 { return Self.encodeWindows1252(body) }
        return (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(body.utf8)
    }

    static func encodeWindows1252(_ s: String) -> [UInt8] {
        let specials: [UInt32: UInt8] = [0x20AC: 0x80, 0x2013: 0x96, 0x2014: 0x97, 0x201C: 0x93, 0x201D: 0x94, 0x2018: 0x91, 0x2019: 0x92, 0x2026: 0x85]
        return s.unicodeScalars.map { u in
            if u.value < 0x80 || (0xA0...0xFF).contains(u.value) { return UInt8(u.value) }
            return specials[u.value] ?? UInt8(ascii: "?")
        }
    }
}

/// Danish export formats.
enum Format {
    static func amount(_ m: Money?) -> String { m.map(\.danishDecimal) ?? "" }
    static func date(_ d: Day?) -> String { d?.danish ?? "" }
    static func hours(_ h: Hundredths?) -> String { h.map { Money(ore: $0.value).danishDecimal } ?? "" }
}

extension Generator {
    /// Writes the whole drop into `folder`.
    mutating func write(to folder: String) throws {
        let payments = payments()
        let budget = budget(payments)
        let dst = dstRows()
        var rejectedPlants: [Plant] = []
        func rejected(_ file: String, _ line: Int, _ column: String, _ note: String) {
            rejectedPlants.append(Plant(kind: "rejected", paragraph: "", cpr: CPR(value: 0), caseId: "\(file):\(line)",
                                        month: column, note: note))
        }

        // Case system: UTF-8 with BOM and CRLF (as Excel saves "CSV UTF-8"); two columns renamed.
        var grants = ExportFile(crlf: true, bom: true)
        grants.record(TableName.grants.headerLine(renamed: sampleRenames))
        let paragraphStyles = ["SEL §", "§ ", "", "SEL § "]
        for (i, plan) in plans.enumerated() {
            let g = plan.grant
            var provider = g.provider
            if i == 40 { provider += "\n(afd. Strandvejen)" }  // a quoted line break: the record spans two lines
            let paragraph = g.paragraph.law == "SEL" ? paragraphStyles[i % 4] + "\(g.paragraph.number)\(g.paragraph.letter)" : "ABL §\(g.paragraph.number)"
            grants.record([g.caseId, i % 3 == 0 ? g.cpr.digits : g.cpr.formatted, g.name, paragraph, g.serviceCode,
                           g.serviceName, provider, Format.date(g.start), Format.date(g.end), Format.amount(g.rate),
                           g.rateUnit?.rawValue ?? "", Format.hours(g.hoursPerWeek), g.caseworker, g.team,
                           Format.date(g.nextFollowUp), Format.date(g.lastFollowUp), g.targetGroup,
                           g.actingMunicipality ?? "", g.payingMunicipality ?? ""])
            let file = "fagsystem/indsatser.csv"
            switch i {
            case 150:
                rejected(file, grants.raw("S-900001;1203851234;Kurt Fjordvang;§ 85;85-01;Socialpædagogisk støtte;Bostøtten Nord;31-02-2026;;450,00;time;4;TLA;Bostøtte;;;Sindslidelse;;"), "Startdato", "31-02-2026 findes ikke")
            case 300:
                rejected(file, grants.raw("S-900002;101901234;Lis Sandholt;§ 85;85-01;Socialpædagogisk støtte;Bostøtten Nord;01-03-2025;;450,00;time;4;TLA;Bostøtte;;;Sindslidelse;;"), "CPR-nr.", "CPR med 9 cifre")
            case 450:
                let dup = plans[10].grant
                rejected(file, grants.raw("\(dup.caseId);0505751234;Dublet Hyldgaard;§ 108;108-01;Længerevarende botilbud;Bostedet Egebakken;01-01-2025;;2.500,00;dag;;MHA;Botilbud;;;Sindslidelse;;"), "Sags-ID", "dublet af \(dup.caseId)")
            case 600:
                rejected(file, grants.raw("S-900003;0707701234;Per Tornø;§ 104;104-01;Aktivitets- og samværstilbud;Aktivitetshuset Fjordlys;01-06-2026;01-05-2026;700,00;dag;;NKJ;Dagtilbud og beskæftigelse;;;Misbrug;;"), "Slutdato", "slutdato før startdato")
            case 750:
                rejected(file, grants.raw("S-900004;0808801234;Eva Damsø;§ 85;85-01;Socialpædagogisk støtte;Bostøtten Syd;01-02-2026;;450,00;kvartal;4;JVI;Bostøtte;;;Sindslidelse;;"), "Takstenhed", "ukendt takstenhed")
            default: break
            }
        }

        var staff = ExportFile()
        staff.record(TableName.staff.headerLine())
        for team in Catalogue.teams {
            staff.record([team.lead.0, team.lead.1, team.name, "teamleder", team.lead.0.lowercased()])
            for (initials, name) in team.caseworkers {
                staff.record([initials, name, team.name, "sagsbehandler", initials.lowercased()])
            }
        }
        for (initials, name) in Catalogue.consultants {
            staff.record([initials, name, "", "konsulent", initials.lowercased()])
        }

        // Economy system: Windows-1252 and CRLF, as older economy systems export.
        var pay = ExportFile(crlf: true, windows1252: true)
        pay.record(TableName.payments.headerLine())
        for (i, p) in payments.enumerated() {
            pay.record([p.voucherId, p.cpr.formatted, p.function, p.grouping, p.provider, Format.date(p.periodStart),
                        Format.date(p.periodEnd), Format.amount(p.amount), Format.date(p.postingDate),
                        p.payingMunicipality ?? "", p.actingMunicipality ?? ""])
            let file = "okonomi/posteringer.csv"
            switch i {
            case 1000:
                rejected(file, pay.raw("9000001;0101801234;5.38.50;;Bostedet Egebakken;01-01-2026;31-01-2026;12,3,4;05-02-2026;;"), "Beløb", "ugyldigt beløb")
            case 5000:
                rejected(file, pay.raw("9000002;0101801234;5.38.50;;Bostedet Egebakken;01-01-2026;31-01-2026;1.234,00"), "", "for få felter")
            case 9000:
                rejected(file, pay.raw("9000003;0101801234;5.38.59;;Aktivitetshuset Fjordlys;31-03-2026;01-03-2026;1.234,00;05-04-2026;;"), "Periode til", "periode til før periode fra")
            default: break
            }
        }

        var budgetFile = ExportFile()
        budgetFile.record(TableName.budget.headerLine())
        for (i, b) in budget.enumerated() {
            budgetFile.record([String(b.year), String(b.month), b.function, Format.amount(b.budget), Format.amount(b.correctedBudget)])
            if i == 30 { rejected("okonomi/budget.csv", budgetFile.raw("2026;13;5.38.50;1.000.000,00;"), "Måned", "måned 13") }
        }

        // The DST extract: ISO dates.
        var dstFile = ExportFile()
        dstFile.record(TableName.dst.headerLine())
        for (i, r) in dst.enumerated() {
            dstFile.record([r.cpr.digits, "§ \(r.paragraph.number)\(r.paragraph.letter)", r.dstCode, r.start.iso,
                            r.end?.iso ?? "", r.targetGroup])
            if i == 200 { rejected("dst/indberetning.csv", dstFile.raw("0303031234;ukendt;30181;2025-01-01;;Sindslidelse"), "Paragraf", "ukendt paragraf") }
        }

        var mapping = ExportFile()
        mapping.record(TableName.mapping.headerLine())
        for m in Catalogue.mapping {
            mapping.record([m.paragraph.key, m.function, m.grouping, m.dstCode, m.serviceCodes.joined(separator: ","), m.label])
        }

        // Applications (case system, UTF-8): drawn last, so nothing above changes with them.
        let (applicationRows, applicationPlants) = applications()
        var decisions = ExportFile()
        decisions.record(TableName.decisions.headerLine())
        for (i, d) in applicationRows.enumerated() {
            decisions.record([d.applicationId, d.cpr.formatted, "§ \(d.paragraph.number)\(d.paragraph.letter)", d.caseworker, d.team,
                              Format.date(d.received), Format.date(d.decided), d.outcome?.rawValue ?? "", d.caseId, d.serviceCode,
                              Format.date(d.noticeSent)])
            let file = "fagsystem/ansoegninger.csv"
            switch i {
            case 100:
                rejected(file, decisions.raw("ANS-2025-9101;0101801234;§ 85;MHA;;10-03-2025;01-03-2025;bevilget;;;"), "Afgørelsesdato", "afgørelse før modtagelsen")
            case 200:
                rejected(file, decisions.raw("ANS-2025-9102;0101801234;§ 85;MHA;;10-03-2025;01-04-2025;godkendt;;;"), "Afgørelse", "ukendt afgørelse")
            default: break
            }
        }

        // Appeals and providers (UTF-8): drawn after the applications, so nothing above changes.
        let (appealRows, appealPlants) = appeals(after: applicationRows)
        var appealsFile = ExportFile()
        appealsFile.record(TableName.appeals.headerLine())
        for (i, a) in appealRows.enumerated() {
            appealsFile.record([a.appealId, a.cpr.formatted, "§ \(a.paragraph.number)\(a.paragraph.letter)", Format.date(a.decisionDate),
                                Format.date(a.received), Format.date(a.reconsidered), a.reconsideration?.rawValue ?? "",
                                Format.date(a.boardDecided), a.outcome?.rawValue ?? "", a.caseworker])
            let file = "fagsystem/klagesager.csv"
            switch i {
            case 10:
                rejected(file, appealsFile.raw("KL-9101;0101801234;§ 85;01-02-2025;20-02-2025;;;01-09-2025;;MHA"), "Resultat",
                         "Ankestyrelsens afgørelsesdato uden resultat")
            case 20:
                rejected(file, appealsFile.raw("KL-9102;0101801234;§ 85;01-02-2025;20-02-2025;;fastholdt;;;MHA"), "Genvurderet",
                         "genvurdering uden dato")
            default: break
            }
        }
        let (providerRows, providerPlants) = providers()
        var providersFile = ExportFile()
        providersFile.record(TableName.providers.headerLine())
        for p in providerRows {
            providersFile.record([p.provider, p.paragraph.map { "§ \($0.number)\($0.letter)" } ?? "", "\(p.places)", Format.date(p.from),
                                  Format.date(p.to), p.own ? "ja" : "nej",
                                  p.budgetedOccupancy.map { String(format: "%.1f", $0).replacingOccurrences(of: ".", with: ",") } ?? ""])
        }
        rejected("stamdata/tilbud.csv", providersFile.raw("Bostedet Egebakken;§ 108;-2;;;ja;"), "Pladser", "pladser under 0")
        rejected("stamdata/tilbud.csv", providersFile.raw("Produktionsskolen Fjordlys;§ 103;6;01-08-2026;01-02-2026;nej;"), "Til", "Til før Fra")

        // StatBank's HAND07 and FOLK1A (drawn last, from their own seed: nothing above changes).
        let (hand07, folk1a, statBankPlants) = statBankExtracts(dst: dst)

        var manifest = ExportFile()
        manifest.record(["kind", "paragraph", "cpr", "caseId", "month", "explained", "note"])
        for p in plants + applicationPlants + appealPlants + providerPlants + statBankPlants + rejectedPlants {
            manifest.record([p.kind, p.paragraph, p.cpr.value == 0 ? "" : p.cpr.digits, p.caseId, p.month,
                             p.explained ? "ja" : "nej", p.note])
        }

        let files: [(String, ExportFile)] = [
            ("fagsystem/indsatser.csv", grants), ("fagsystem/medarbejdere.csv", staff),
            ("okonomi/posteringer.csv", pay), ("okonomi/budget.csv", budgetFile),
            ("dst/indberetning.csv", dstFile), ("stamdata/masteroversigt.csv", mapping),
            ("fagsystem/ansoegninger.csv", decisions), ("fagsystem/klagesager.csv", appealsFile),
            ("stamdata/tilbud.csv", providersFile), ("dst/hand07.csv", hand07), ("dst/folk1a.csv", folk1a), ("planted.csv", manifest),
        ]
        for (name, file) in files {
            let path = (folder as NSString).appendingPathComponent(name)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try Data(file.bytes).write(to: URL(fileURLWithPath: path))
        }
        try Self.configuration.write(toFile: (folder as NSString).appendingPathComponent("overblik.toml"), atomically: true, encoding: .utf8)
        try Self.readme(plans: plans.count, payments: payments.count, plants: plants.count, applications: applicationRows.count,
                        appeals: appealRows.count, providers: Set(providerRows.map { providerKey($0.provider) }).count)
            .write(toFile: (folder as NSString).appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
    }

    static let configuration = """
    # Overblik's configuration for the sample drop (fictitious data; see README.md).
    # Paths are relative to this file's folder.

    [municipality]
    code = "250"
    name = "Frederikssund"

    [snapshot]
    dir = "snapshots"
    keep = 5

    [defaults]
    encoding = "auto"
    delimiter = ";"
    decimal = ","
    date_format = "dd-mm-yyyy"

    [tables.grants]
    path = "fagsystem/indsatser.csv"
    [tables.grants.columns]      # this case system names two columns its own way
    cpr = "CPR-nr."
    nextFollowUp = "Opfølgningsdato"

    [tables.staff]
    path = "fagsystem/medarbejdere.csv"

    [tables.payments]
    path = "okonomi/posteringer.csv"
    encoding = "windows-1252"    # the economy system exports Windows-1252 with CRLF

    [tables.budget]
    path = "okonomi/budget.csv"

    [tables.dst]
    path = "dst/indberetning.csv"
    date_format = "yyyy-mm-dd"   # the DST extract has ISO dates

    [tables.mapping]
    path = "stamdata/masteroversigt.csv"

    [tables.decisions]
    path = "fagsystem/ansoegninger.csv"

    [tables.appeals]
    path = "fagsystem/klagesager.csv"

    [tables.providers]
    path = "stamdata/tilbud.csv"

    [tables.statbank]              # Statistikbanken HAND07 (see the README: "Hent tal fra Statistikbanken")
    path = "dst/hand07.csv"

    [tables.population]            # Statistikbanken FOLK1A
    path = "dst/folk1a.csv"

    [followup]
    due_soon_days = 30

    [reconciliation]
    rate_tolerance = 0.02

    [servicemaal]
    target_share = 0.9
    closed_days = ["24-12", "31-12"]
    [servicemaal.goals]            # u weeks, m calendar months, ad working days
    "SEL-85" = "8u"
    "SEL-85:85-10" = "12u"
    "SEL-97" = "30ad"
    "SEL-103" = "8u"
    "SEL-104" = "6u"
    "SEL-107" = "3m"
    "SEL-108" = "90ad"

    [comparison]
    measure = "recipients"         # HAND07; "fulltime" for HAND01
    municipalities = []            # every municipality in the file
    ages = [18, 64]

    """

    static func readme(plans: Int, payments: Int, plants: Int, applications: Int, appeals: Int, providers: Int) -> String {
        """
        # Sampledata: Frederikssund (fiktive data)

        **Alle data her er opdigtede.** Navne, CPR-numre, leverandører og beløb er lavet af
        generatoren `overblik-sampledata` (i `Sources/overblik-sampledata`) med et fast frø, så
        de er de samme ved hver kørsel. Ingen af dem hører til en virkelig person. CPR-numrene er
        ikke udstedte numre; mange består ikke modulus-11-kontrollen, som Overblik heller ikke bruger.

        *All data here is fictitious,* made by `make sampledata` from a fixed seed.

        | fil | system | form |
        |---|---|---|
        | `fagsystem/indsatser.csv` | fagsystem | UTF-8 med BOM, CRLF; kolonnerne `CPR-nr.` og `Opfølgningsdato` omdøbt i `overblik.toml` |
        | `fagsystem/medarbejdere.csv` | HR | UTF-8, LF |
        | `okonomi/posteringer.csv` | økonomisystem | Windows-1252, CRLF |
        | `okonomi/budget.csv` | økonomisystem | UTF-8 |
        | `dst/indberetning.csv` | DST-udtræk | ISO-datoer (`date_format = "yyyy-mm-dd"`) |
        | `stamdata/masteroversigt.csv` | masteroversigt | UTF-8 |
        | `fagsystem/ansoegninger.csv` | fagsystem | ansøgninger og afgørelser (servicemål), UTF-8 |
        | `fagsystem/klagesager.csv` | fagsystem | klager til Ankestyrelsen, UTF-8 |
        | `stamdata/tilbud.csv` | tilbudsliste | tilbuddene med aftalte pladser, UTF-8 |
        | `dst/hand07.csv` | Statistikbanken HAND07 | modtagere pr. kommune, ydelsestype og kvartal i Statistikbankens lange format (UTF-8 med BOM, CRLF, kode og tekst i cellerne, `..`) |
        | `dst/folk1a.csv` | Statistikbanken FOLK1A | befolkningen pr. kommune, køn, alder og civilstand på kvartalets første dag, samme format |
        | `planted.csv` | – | hvad generatoren har plantet: afvigelser af hver slags, servicemåls-, klage- og belægningstilfælde og afviste rækker |

        \(plans) bevillinger, \(payments) posteringer, \(plants) plantede afvigelser, \(applications) ansøgninger.
        Ansøgningerne: én før hver bevilling, der starter fra 2025 (bevilget, nogle delvis), 110
        afslag og henlagte, 36 verserende, og fem plantede på kanten af §85's frist på 8 uger
        (`servicemaal` i `planted.csv`): afgjort på fristen (til tiden), dagen efter uden besked,
        dagen efter med besked givet før fristen, verserende med fristen i dag (snart) og i går
        (overskredet med én dag); to afviste rækker (en afgørelse før modtagelsen, en ukendt afgørelse).

        \(appeals) klager til Ankestyrelsen over afslag og delvise bevillinger: de fleste genvurderet inden
        for fire uger, nogle med medhold, Ankestyrelsens afgørelser med alle udfald, nogle verserende. Fire
        plantede på §108 (`klagesager` i `planted.csv`): genvurderet på dag 28 og ændret 31-12-2025,
        genvurderet på dag 29 og stadfæstet 01-01-2026, medhold i genvurderingen (verserer ikke) og en
        verserende på 223 dage; to afviste rækker (en afgørelsesdato uden resultat, en genvurdering uden dato).

        \(providers) tilbud med aftalte pladser, sat efter borgerne der den 1. oktober 2026; kontant tilskud,
        BPA, ledsager- og kontaktpersonordning har ingen pladser og står som "uden aftalte pladser".
        Plantet (`belaegning`): Fjordhuset overbelagt, Bostedet Egebakken med to aftaler (flere pladser til
        30-06-2026), Overgangsboligen Kildevang med en aftale fra 01-03-2026, Bostøtten Nord skrevet med
        versaler og mellemrum; to afviste rækker (pladser under 0, Til før Fra).
        Statistikbanken (`sammenligning`): HAND07 og FOLK1A for 2024K1–2025K4 for Frederikssund, ti andre
        kommuner (naboerne og Ishøj, der indberetter for Vallensbæk), hele landet, to regioner og Christiansø,
        som en rigtig download rummer dem (landstal, regioner, køn, civilstande og aldre uden for 18–64 år
        springes over). Frederikssunds tal er dem, dens eget DST-udtræk giver, undtagen §108 (30181) i
        2025K2, hvor DST har 3 flere (`publishedVsOwnDiffers`); Lejres §107 i 2025K3 er `..`
        (`notPublished`). 2026K1–K3 er med i DST-udtrækket, men ikke offentliggjort endnu.
        Datoerne er lagt til en dag den 23-11-2026 (`--today 2026-11-23`).

        """
    }
}

/// The two grant columns this fictitious case system names its own way (as its `overblik.toml`
/// says under `[tables.grants.columns]`); every other header is the description's default.
let sampleRenames = ["cpr": "CPR-nr.", "nextFollowUp": "Opfølgningsdato"]
