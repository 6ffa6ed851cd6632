import OverblikCore

extension StatusRapport {
    /// The report as one self-contained XHTML-compatible page: inline CSS and SVG, no scripts, no
    /// fonts or images fetched, A4 print with a page break before each section; data escaped; no
    /// CPR number and no citizen's name (only counts and sums are shown).
    public func html(_ c: ReportContext) -> String {
        var page = HTMLPage()
        let f = figures
        let title = c.t("Statusrapport \(f.year)", "Status report \(f.year)")
        page.raw("<!DOCTYPE html>\n")
        page.raw(Markup.open("html", [("lang", c.language == .da ? "da" : "en")]))
        page.raw("<head><meta charset=\"utf-8\"/>")
        page.element("title", "\(title) · \(metadata.municipality.name)")
        page.raw("<style>\(StatusRapport.css)</style></head><body>")
        header(&page, title, c)
        nogletal(&page, c)
        cases(&page, c)
        costs(&page, c)
        movements(&page, c)
        targetGroups(&page, c)
        dataQuality(&page, c)
        others(&page, c)
        page.raw("</body></html>\n")
        return page.text
    }

    static let css = """
        @page { size: A4; margin: 14mm 13mm 15mm 13mm; }
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9pt; color: #111; margin: 0 auto; max-width: 184mm; }
        h1 { font-size: 19pt; margin: 0 0 1mm; }
        h2 { font-size: 13pt; margin: 0 0 2mm; padding-bottom: 1mm; border-bottom: 1.5px solid #0072B2; }
        h3 { font-size: 10pt; margin: 4mm 0 1mm; }
        p { margin: 1mm 0 2mm; }
        .lead { font-size: 11pt; color: #333; margin-bottom: 3mm; }
        section { break-before: page; page-break-before: always; }
        section.first { break-before: auto; page-break-before: auto; margin-top: 6mm; }
        figure { margin: 2mm 0 3mm; break-inside: avoid; page-break-inside: avoid; }
        figcaption { font-size: 8pt; color: #444; }
        table { border-collapse: collapse; width: 100%; font-size: 7.6pt; margin: 1mm 0 3mm; font-variant-numeric: tabular-nums; }
        th, td { padding: 0.5mm 1.2mm; border-bottom: 0.4pt solid #C8C8C8; text-align: left; vertical-align: top; }
        th { background: #EEF2F6; font-weight: bold; }
        td.n, th.n { text-align: right; white-space: nowrap; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        thead { display: table-header-group; }
        tr.total td { font-weight: bold; border-top: 0.8pt solid #555; }
        .help { font-size: 8pt; color: #333; background: #F3F6F9; padding: 1.5mm 3mm; border-left: 2pt solid #0072B2; }
        .over { color: #B00020; }
        .missing { font-style: italic; color: #444; }
        dl.meta { display: grid; grid-template-columns: max-content auto; gap: 0.5mm 4mm; margin: 2mm 0; }
        dl.meta dt { font-weight: bold; }
        dl.meta dd { margin: 0; }
        code { font-family: "DejaVu Sans Mono", monospace; font-size: 7.6pt; }
        @media screen { body { padding: 8mm; } section { margin-top: 14mm; border-top: 1px dashed #AAA; padding-top: 6mm; } }
        """

    // MARK: Header

    private func header(_ page: inout HTMLPage, _ title: String, _ c: ReportContext) {
        page.raw("<header>")
        page.element("h1", title)
        page.element("p", c.t("Det specialiserede voksenområde · \(metadata.municipality.name) (\(metadata.municipality.code))",
                              "Specialised adult social services · \(metadata.municipality.name) (\(metadata.municipality.code))"), class: "lead")
        page.raw("<dl class=\"meta\">")
        page.element("dt", c.t("Periode", "Period"))
        page.element("dd", c.t("\(periodText(c)), sammenlignet med \(periodText(c, lastYear: true))",
                               "\(periodText(c)), compared with \(periodText(c, lastYear: true))"))
        page.element("dt", c.t("Data", "Data"))
        page.element("dd", c.t("snapshot lavet \(StatusRapport.timeText(metadata.createdAt)), beregnet for \(c.today.danish)",
                               "snapshot made \(StatusRapport.timeText(metadata.createdAt)), computed for \(c.today.danish)"))
        page.element("dt", c.t("Program", "Program"))
        page.element("dd", "Overblik \(metadata.programVersion)")
        page.raw("</dl>")
        page.element("h3", c.t("Kilder (SHA-256 af filerne)", "Sources (SHA-256 of the files)"))
        var t = HTMLTable(columns: [(c.t("Tabel", "Table"), false), (c.t("Fil", "File"), false), (c.t("Rækker", "Rows"), true),
                                    (c.t("Afvist", "Rejected"), true), ("SHA-256", false)])
        for s in sources where s.present {
            t.row([.text(s.table.label.text(c.language)), .text(s.path), .number(DanishNumber.grouped(s.rows)), .number(DanishNumber.grouped(s.rejected)),
                   .code(String(s.sha256.prefix(16)) + "…")])
        }
        page.table(t)
        page.raw("</header>")
    }

    /// `2026-11-23T06:00:00Z` as `23-11-2026 06:00 UTC` (as given when it is not in that form).
    static func timeText(_ iso: String) -> String {
        let parts = iso.split(separator: "T")
        guard parts.count == 2, let day = Day(iso: String(parts[0])) else { return iso }
        return "\(day.danish) \(parts[1].prefix(5)) UTC"
    }

    // MARK: Sections

    private func section(_ page: inout HTMLPage, _ id: String, _ number: Int, _ title: String, help: String, first: Bool = false) {
        page.raw(Markup.open("section", [("id", id), ("class", first ? "first" : nil)]))
        page.element("h2", "\(number). \(title)")
        page.element("p", help, class: "help")
    }

    private func nogletal(_ page: inout HTMLPage, _ c: ReportContext) {
        let f = figures
        section(&page, "nogletal", 1, c.t("Nøgletal", "Key figures"), help: c.t(
            "Årets tal til og med \(StatusRapport.monthName(f.lastMonth, c)) mod de samme måneder året før. Borgere: med en aktiv bevilling på periodens sidste dag. Helårspersoner: dækkede dage ÷ periodens dage. Forbrug: bogført i perioden. Betalt for: den del af betalingerne, der dækker periodens dage. Enhedspris: betalt for ÷ dækkede dage (bevillinger, kommunen selv betaler) × årets dage. Tilgang og afgang: forløb, der begynder og slutter.",
            "The year's figures to the end of \(StatusRapport.monthName(f.lastMonth, c)) against the same months a year earlier. Citizens: with a grant active on the period's last day. Full-time persons: covered days ÷ the period's days. Spend: posted in the period. Paid for: the part of the payments covering the period's days. Unit cost: paid for ÷ covered days (grants this municipality pays) × the year's days. Inflow and outflow: spells that begin and end."),
            first: true)
        var t = HTMLTable(columns: [(c.t("Nøgletal", "Figure"), false), (periodText(c, lastYear: true), true), (periodText(c), true),
                                    (c.t("Ændring", "Change"), true), (c.t("Ændring %", "Change %"), true)])
        let lines = keyFigureLines
        let changes = lines.map(\.changePercent)
        for (row, now, before, pct) in lines {
            var difference = ""
            if let now, let before {
                let d = now.number - before.number
                difference = row.key == "fullTimePersons" ? AxisLabel.number(d, decimals: 2)
                    : (row.key == "spend" || row.key == "paidFor" || row.key == "unitCost") ? AxisLabel.number(d, decimals: 0) + " kr."
                    : AxisLabel.number(d, decimals: 0)
                if d > 0 { difference = "+" + difference }
            }
            t.row([.text(row.label.text(c.language)),
                   before.map { .figure($0.danish, key: "nogletal.lastYear.\(row.key)", value: $0.json) } ?? .number("–"),
                   now.map { .figure($0.danish, key: "nogletal.year.\(row.key)", value: $0.json) } ?? .number("–"),
                   .number(difference),
                   pct.map { .figure(StatusRapport.percentDanish($0), key: "nogletal.changePercent.\(row.key)", value: .number(StatusRapport.oneDecimal($0))) } ?? .number("–")])
        }
        let chart = SVGChart(.bars, title: c.t("Ændring fra året før i procent", "Change from a year earlier in per cent"),
                             categories: StatusRapport.keyFigureRows.map { $0.label.text(c.language).components(separatedBy: " ").first ?? "" },
                             series: [.init(c.t("Ændring i % fra \(f.year - 1) til \(f.year)", "Change in % from \(f.year - 1) to \(f.year)"), changes)],
                             unit: .decimal)
        page.figure(chart, caption: c.t("Ændringen i procent for hvert nøgletal (samme måneder).", "The change in per cent of each figure (same months)."))
        page.table(t)
        page.raw("</section>")
    }

    private func cases(_ page: inout HTMLPage, _ c: ReportContext) {
        let f = figures
        section(&page, "udvikling", 2, c.t("Udvikling i antal sager", "Development in the number of cases"), help: c.t(
            "Borgere med en aktiv bevilling på månedens sidste dag, pr. paragraf, de seneste 24 måneder (så langt tilbage datagrundlaget rækker). En borger med bevillinger efter to paragraffer tælles under hver; i alt tælles borgeren én gang.",
            "Citizens with a grant active on the month's last day, per paragraph, the last 24 months (as far back as the data go). A citizen with grants under two paragraphs counts under each; in the total once."))
        let categories = f.caseMonths.map { StatusRapport.shortMonth($0, c, withYear: true) }
        let chart = SVGChart(.lines, title: c.t("Borgere ultimo måneden pr. paragraf", "Citizens at month end per paragraph"),
                             categories: categories, series: f.casesByParagraph.map { .init($0.label, $0.values.map { $0.map(Double.init) }) },
                             unit: .count)
        page.figure(chart, caption: c.t("Borgere ultimo måneden pr. paragraf.", "Citizens at month end per paragraph."))
        var t = HTMLTable(columns: [(c.t("Måned", "Month"), false)] + f.casesByParagraph.map { ($0.label, true) } + [(c.t("I alt", "Total"), true)])
        for (i, m) in f.caseMonths.enumerated() {
            t.row([.text(StatusRapport.shortMonth(m, c, withYear: true))]
                  + f.casesByParagraph.map { .number($0.values[i].map(DanishNumber.grouped) ?? "–") }
                  + [.number(f.casesTotal.values[i].map(DanishNumber.grouped) ?? "–")])
        }
        page.table(t)
        page.raw("</section>")
    }

    private func costs(_ page: inout HTMLPage, _ c: ReportContext) {
        let f = figures
        section(&page, "omkostninger", 3, c.t("Omkostninger og enhedsomkostninger", "Costs and unit costs"), help: c.t(
            "Forbrug (bogført i måneden) mod månedens budget (korrigeret budget, hvor det findes) for alle konti; enhedsprisen pr. helårsperson pr. år pr. funktion i månedens tempo; prognosen for hele året efter årets ydelser (udgiftsbaseret: betalinger fordelt på de dage, de dækker, plus ubetalte dage × dagstakst) mod budgettet.",
            "Spend (posted in the month) against the month's budget (the corrected budget where given) over every account; the unit cost per full-time person per year per function at the month's pace; the forecast for the whole year by service year (payments spread over the days they cover, plus unpaid days × daily rate) against the budget."))
        let months = f.budgetByMonth.map { StatusRapport.shortMonth($0.month, c, withYear: false) }
        page.figure(SVGChart(.bars, title: c.t("Forbrug og budget pr. måned", "Spend and budget per month"), categories: months,
                             series: [.init(c.t("Forbrug", "Spend"), f.budgetByMonth.map { $0.spend.map(StatusRapport.kroner) })], unit: .kroner,
                             marks: f.budgetByMonth.map { StatusRapport.kroner($0.budget) }, markName: c.t("Budget", "Budget")),
                    caption: c.t("Forbrug pr. måned \(f.year) (søjler) og månedens budget (streg).", "Spend per month \(f.year) (bars) and the month's budget (mark)."))
        var t = HTMLTable(columns: [(c.t("Måned", "Month"), false), (c.t("Budget (kr.)", "Budget (DKK)"), true), (c.t("Forbrug (kr.)", "Spend (DKK)"), true),
                                    (c.t("Budget − forbrug (kr.)", "Budget − spend (DKK)"), true)])
        for m in f.budgetByMonth {
            t.row([.text(StatusRapport.monthName(m.month.month, c)), .number(StatusRapport.amount(m.budget)),
                   .number(m.spend.map(StatusRapport.amount) ?? "–"), .number(m.spend.map { StatusRapport.amount(m.budget - $0) } ?? "–")])
        }
        page.table(t)

        page.element("h3", c.t("Enhedspris pr. helårsperson pr. år, pr. funktion", "Unit cost per full-time person per year, per function"))
        let shown = f.unitCostByFunction
        page.figure(SVGChart(.lines, title: c.t("Enhedspris pr. år pr. funktion", "Unit cost per year per function"),
                             categories: f.months.map { StatusRapport.shortMonth($0, c, withYear: false) },
                             series: shown.map { .init($0.key, $0.values.map { $0.map(StatusRapport.kroner) }) }, unit: .kroner),
                    caption: c.t("Betalt for ÷ dækkede dage × årets dage, måned for måned.", "Paid for ÷ covered days × the year's days, month by month."))
        var u = HTMLTable(columns: [(c.t("Måned", "Month"), false)] + shown.map { ($0.key, true) })
        for (i, m) in f.months.enumerated() {
            u.row([.text(StatusRapport.monthName(m.month, c))] + shown.map { .number($0.values[i].map(StatusRapport.amount) ?? "–") })
        }
        page.table(u)
        if !shown.isEmpty {
            page.element("p", shown.map { "\($0.key): \($0.label)" }.joined(separator: " · "), class: "legend")
        }

        page.element("h3", c.t("Prognose (årets ydelser) mod budget, pr. funktion", "Forecast (service year) against budget, per function"))
        let fc = f.forecastByFunction
        page.figure(SVGChart(.bars, title: c.t("Prognose og budget pr. funktion", "Forecast and budget per function"), categories: fc.map(\.function),
                             series: [.init(c.t("Prognose (årets ydelser)", "Forecast (service year)"), fc.map { StatusRapport.kroner($0.forecast) })],
                             unit: .kroner, marks: fc.map { StatusRapport.kroner($0.budget) }, markName: c.t("Budget", "Budget")),
                    caption: c.t("Prognosen for hele \(f.year) (søjler) og årets budget (streg).", "The forecast for the whole of \(f.year) (bars) and the year's budget (mark)."))
        var p = HTMLTable(columns: [(c.t("Funktion", "Function"), false), (c.t("Tekst", "Text"), false), (c.t("Budget (kr.)", "Budget (DKK)"), true),
                                    (c.t("Prognose (kr.)", "Forecast (DKK)"), true), (c.t("Prognose − budget (kr.)", "Forecast − budget (DKK)"), true)])
        for x in fc {
            p.row([.text(x.function), .text(x.label), .number(StatusRapport.amount(x.budget)), .number(StatusRapport.amount(x.forecast)),
                   .number(StatusRapport.amount(x.difference), over: x.difference > .zero)])
        }
        page.table(p)
        page.raw("</section>")
    }

    private func movements(_ page: inout HTMLPage, _ c: ReportContext) {
        let f = figures
        section(&page, "bevaegelser", 4, c.t("Bevægelser", "Movements"), help: c.t(
            "Tilgang: borgere, hvis sammenhængende forløb under paragraffen begynder i måneden. Afgang: forløb, der slutter i måneden (en åben slutdato er ingen afgang). I alt tælles en borgers samlede forløb.",
            "Inflow: citizens whose continuous spell under the paragraph begins in the month. Outflow: spells that end in the month (an open end is no outflow). The total counts a citizen's spell over all paragraphs."))
        let months = f.months.map { StatusRapport.shortMonth($0, c, withYear: false) }
        page.figure(SVGChart(.bars, title: c.t("Tilgang og afgang pr. måned", "Inflow and outflow per month"), categories: months,
                             series: [.init(c.t("Tilgang", "Inflow"), f.movementsTotal.inflow.map(Double.init)),
                                      .init(c.t("Afgang (negativ)", "Outflow (negative)"), f.movementsTotal.outflow.map { -Double($0) })],
                             unit: .count),
                    caption: c.t("Tilgang over nul og afgang under nul, alle paragraffer.", "Inflow above zero and outflow below, all paragraphs."))
        let lines = f.movementsByParagraph + [f.movementsTotal]
        var t = HTMLTable(columns: [(c.t("Måned", "Month"), false)] + lines.map { ($0.label.isEmpty ? c.t("I alt", "Total") : $0.label, true) })
        for (i, m) in f.months.enumerated() {
            t.row([.text(StatusRapport.monthName(m.month, c))] + lines.map { .number("\(DanishNumber.grouped($0.inflow[i])) / \(DanishNumber.grouped($0.outflow[i]))") })
        }
        t.row([.text(c.t("Året", "The year"))] + lines.map {
            .number("\(DanishNumber.grouped($0.inflow.reduce(0, +))) / \(DanishNumber.grouped($0.outflow.reduce(0, +)))")
        }, total: true)
        page.element("p", c.t("Tabellen viser tilgang / afgang.", "The table shows inflow / outflow."), class: "legend")
        page.table(t)
        page.raw("</section>")
    }

    private func targetGroups(_ page: inout HTMLPage, _ c: ReportContext) {
        let f = figures
        section(&page, "maalgrupper", 5, c.t("Målgrupper", "Target groups"), help: c.t(
            "Borgere med en aktiv bevilling på periodens sidste dag og helårspersoner i perioden pr. målgruppe (bevillingens målgruppe; \"Uoplyst\" når den mangler), \(f.year) mod de samme måneder \(f.year - 1).",
            "Citizens with a grant active on the period's last day and full-time persons in the period per target group (the grant's; \"Uoplyst\" when missing), \(f.year) against the same months of \(f.year - 1)."))
        let g = f.targetGroups
        page.figure(SVGChart(.bars, title: c.t("Borgere pr. målgruppe", "Citizens per target group"), categories: g.map(\.group),
                             series: [.init("\(f.year - 1)", g.map { $0.citizensAtEndLastYear.map(Double.init) }),
                                      .init("\(f.year)", g.map { $0.citizensAtEnd.map(Double.init) })], unit: .count),
                    caption: c.t("Borgere ved periodens udgang, \(f.year - 1) og \(f.year).", "Citizens at the period's end, \(f.year - 1) and \(f.year)."))
        var t = HTMLTable(columns: [(c.t("Målgruppe", "Target group"), false), (c.t("Borgere \(f.year - 1)", "Citizens \(f.year - 1)"), true),
                                    (c.t("Borgere \(f.year)", "Citizens \(f.year)"), true),
                                    (c.t("Helårspers. \(f.year - 1)", "Full-time \(f.year - 1)"), true), (c.t("Helårspers. \(f.year)", "Full-time \(f.year)"), true)])
        for x in g {
            t.row([.text(x.group), .number(x.citizensAtEndLastYear.map(DanishNumber.grouped) ?? "–"), .number(x.citizensAtEnd.map(DanishNumber.grouped) ?? "–"),
                   .number(x.fullTimePersonsLastYear?.danish ?? "–"), .number(x.fullTimePersons?.danish ?? "–")])
        }
        page.table(t)
        page.raw("</section>")
    }

    private func dataQuality(_ page: inout HTMLPage, _ c: ReportContext) {
        let f = figures
        section(&page, "datakvalitet", 6, c.t("Datakvalitet", "Data quality"), help: c.t(
            "Ottetalskontrollen for \(f.year) (borgere i fagsystem og økonomisystem pr. paragraf), afvigelserne mellem systemerne efter art — fundet, forklaret af en regel, og markeret rettet eller forklaret af en konsulent — og de rækker, synkroniseringen afviste.",
            "The ottetal check for \(f.year) (citizens in the case and economy systems per paragraph), the discrepancies by kind — found, explained by a rule, and marked fixed or explained by a consultant — and the rows the sync rejected."))
        let kinds = f.discrepancyKinds
        page.figure(SVGChart(.bars, title: c.t("Afvigelser efter art", "Discrepancies by kind"),
                             categories: kinds.map { String($0.kind.label.text(c.language).prefix(14)) },
                             series: [.init(c.t("Fundet", "Found"), kinds.map { Double($0.found) }),
                                      .init(c.t("Forklaret eller rettet", "Explained or fixed"), kinds.map { Double($0.explained + $0.annotatedFixed + $0.annotatedExplained) })],
                             unit: .count),
                    caption: c.t("Afvigelser fundet i \(f.year) og hvor mange der er forklaret eller rettet.", "Discrepancies found in \(f.year) and how many are explained or fixed."))
        page.element("h3", c.t("Ottetalskontrol", "Ottetal check"))
        if let ottetal = f.ottetal {
            var t = HTMLTable(columns: [("§", false), (c.t("Fagsystem", "Case system"), true), (c.t("Økonomi", "Economy"), true), (c.t("Begge", "Both"), true),
                                        (c.t("Kun fagsystem", "Only case system"), true), (c.t("Kun økonomi", "Only economy"), true),
                                        (c.t("Helårspers. fagsystem", "Full-time case system"), true), (c.t("Helårspers. økonomi", "Full-time economy"), true)])
            for o in ottetal {
                t.row([.text(o.paragraph.display), .number(DanishNumber.grouped(o.caseSystem)), .number(DanishNumber.grouped(o.economy)),
                       .number(DanishNumber.grouped(o.both)), .number(DanishNumber.grouped(o.onlyCaseSystem)), .number(DanishNumber.grouped(o.onlyEconomy)),
                       .number(o.fullTimeCaseSystem.danish), .number(o.fullTimeEconomy.danish)])
            }
            page.table(t)
        } else {
            page.element("p", c.t("Ingen måned af \(f.year) er afsluttet.", "No month of \(f.year) is over."), class: "missing")
        }
        page.element("h3", c.t("Afvigelser efter art", "Discrepancies by kind"))
        var d = HTMLTable(columns: [(c.t("Art", "Kind"), false), (c.t("Fundet", "Found"), true), (c.t("Forklaret (regel)", "Explained (rule)"), true),
                                    (c.t("Markeret rettet", "Marked fixed"), true), (c.t("Markeret forklaret", "Marked explained"), true)])
        for k in kinds {
            d.row([.text(k.kind.label.text(c.language)), .number(DanishNumber.grouped(k.found)), .number(DanishNumber.grouped(k.explained)),
                   .number(DanishNumber.grouped(k.annotatedFixed)), .number(DanishNumber.grouped(k.annotatedExplained))])
        }
        d.row([.text(c.t("I alt", "Total")), .number(DanishNumber.grouped(kinds.reduce(0) { $0 + $1.found })),
               .number(DanishNumber.grouped(kinds.reduce(0) { $0 + $1.explained })), .number(DanishNumber.grouped(kinds.reduce(0) { $0 + $1.annotatedFixed })),
               .number(DanishNumber.grouped(kinds.reduce(0) { $0 + $1.annotatedExplained }))], total: true)
        page.table(d)
        page.element("h3", c.t("Afviste rækker pr. tabel", "Rejected rows per table"))
        var r = HTMLTable(columns: [(c.t("Tabel", "Table"), false), (c.t("Fil", "File"), false), (c.t("Rækker læst", "Rows read"), true), (c.t("Afvist", "Rejected"), true)])
        for s in sources where s.present {
            r.row([.text(s.table.label.text(c.language)), .text(s.path), .number(DanishNumber.grouped(s.rows)), .number(DanishNumber.grouped(s.rejected))])
        }
        page.table(r)
        page.raw("</section>")
    }

    private func others(_ page: inout HTMLPage, _ c: ReportContext) {
        section(&page, "oevrige", 7, c.t("Ledelsestilsyn, servicemål, klagesager og sammenligning", "Supervision, service goals, appeals and comparison"),
                help: c.t("Disse afsnit vises, når deres data er i datagrundlaget.", "These parts are shown when their data are in the snapshot."))
        if let s = supervision { supervisionPart(&page, s, c) }
        if let lines = serviceGoals { serviceGoalPart(&page, lines, c) }
        if let lines = appeals { appealsPart(&page, lines, c) }
        if let comparison { comparisonPart(&page, comparison, c) }
        for m in missing {
            page.element("h3", m.title.text(c.language))
            page.element("p", c.t("Ingen data: \(m.source) er ikke i datagrundlaget.", "No data: \(m.source) is not in the snapshot."), class: "missing")
        }
        page.raw("</section>")
    }

    /// Servicemål: the share decided in time per quarter (all paragraphs with a goal) against the
    /// target, and the table of `overblik report servicemaal --year`.
    private func serviceGoalPart(_ page: inout HTMLPage, _ lines: [ServiceGoalLine], _ c: ReportContext) {
        page.element("h3", c.t("Servicemål", "Service goals"))
        page.element("p", c.t(
            "Andelen af ansøgningerne afgjort inden for servicemålet (retssikkerhedslovens §3 stk. 2) pr. kvartal for afgørelsen, mod målandelen; henlagte tæller ikke med.",
            "The share of applications decided within the service goal (retssikkerhedsloven §3(2)) per quarter of the decision, against the target share; shelved ones do not count."),
                     class: "help")
        let totals = lines.filter { $0.paragraph == nil }
        if !totals.isEmpty {
            let target = metadata.serviceGoals.targetShare * 100
            page.figure(SVGChart(.bars, title: c.t("Andel afgjort til tiden", "Share decided in time"), categories: totals.map(\.quarter.description),
                                 series: [.init(c.t("Til tiden, %", "In time, %"), totals.map(\.shareInTime))], unit: .decimal,
                                 marks: totals.map { _ in target }, markName: c.t("Mål", "Target")),
                        caption: c.t("Paragrafferne med servicemål tilsammen, pr. kvartal.", "The paragraphs with a goal together, per quarter."))
        }
        var t = HTMLTable(columns: [(c.t("Paragraf", "Paragraph"), false), (c.t("Kvartal", "Quarter"), false), (c.t("Mål", "Goal"), false),
                                    (c.t("Afgjort", "Decided"), true), (c.t("Til tiden", "In time"), true), (c.t("For sent", "Late"), true),
                                    (c.t("Uden besked", "No notice"), true), (c.t("Andel %", "Share %"), true), (c.t("Median dage", "Median days"), true)])
        func count(_ n: Int?) -> HTMLTable.Cell { .number(n.map(DanishNumber.grouped) ?? "–") }
        for l in lines {
            t.row([.text(l.paragraph?.display ?? c.t("I alt", "Total")), .text(l.quarter.description),
                   .text(l.goal?.description ?? (l.paragraph == nil ? "" : c.t("ingen", "none"))),
                   count(l.decided), count(l.inTime), count(l.late), count(l.lateWithoutNotice),
                   .number(l.shareInTime.map { AxisLabel.number(($0 * 10).rounded(.toNearestOrAwayFromZero) / 10, decimals: 1) } ?? "–"),
                   .number(l.medianDays.map { AxisLabel.number($0, decimals: 1) } ?? "–")], total: l.paragraph == nil)
        }
        page.table(t)
    }

    /// Ledelsestilsyn: per period and team the cases sampled and reviewed, and per item and team
    /// the share `ja` of the items answered `ja` or `nej` over the year's periods.
    private func supervisionPart(_ page: inout HTMLPage, _ s: SupervisionStatus, _ c: ReportContext) {
        page.element("h3", c.t("Ledelsestilsyn", "Management supervision"))
        page.element("p", c.t(
            "Teamledernes gennemgang af en stikprøve af hver sagsbehandlers sager pr. periode (trukket efter SHA-256, så den ikke kan vælges i hånden). En sag er gennemgået, når alle punkter er besvaret; andel ja er af de punkter, der er besvaret ja eller nej.",
            "The team leads' review of a sample of each caseworker's cases per period (drawn by SHA-256, so it cannot be chosen by hand). A case is reviewed when every item is answered; the share yes is of the items answered yes or no."),
                     class: "help")
        var p = HTMLTable(columns: [(c.t("Periode", "Period"), false), (c.t("Team", "Team"), false), (c.t("Udtaget", "Sampled"), true),
                                    (c.t("Gennemgået", "Reviewed"), true), (c.t("Fastlagt", "Fixed"), false)])
        for l in s.periods {
            p.row([.text(l.period), .text(l.team.isEmpty ? c.t("(uden team)", "(no team)") : l.team), .number(DanishNumber.grouped(l.sampled)),
                   .number(DanishNumber.grouped(l.reviewed)), .text(l.fixed ? c.t("ja", "yes") : c.t("nej", "no"))])
        }
        page.table(p)
        let teams = Array(Set(s.items.map(\.team))).sorted()
        var t = HTMLTable(columns: [(c.t("Punkt", "Item"), false)] + teams.map { ($0.isEmpty ? c.t("(uden team)", "(no team)") : $0, true) })
        // Each team's items found once (a search per cell is teams² × items² comparisons: 0,5 s on L).
        var itemsOf: [String: [Int: Int]] = [:]
        for (k, item) in s.items.enumerated() where itemsOf[item.team]?[item.item] == nil { itemsOf[item.team, default: [:]][item.item] = k }
        for (i, text) in s.itemTexts.enumerated() {
            let cells: [HTMLTable.Cell] = teams.map { team in
                let r = itemsOf[team]?[i + 1].map { s.items[$0] }
                return .number(r?.shareYes.map { AxisLabel.number(($0 * 10).rounded(.toNearestOrAwayFromZero) / 10, decimals: 1) + " %" } ?? "–")
            }
            t.row([.text("\(i + 1). \(text)")] + cells)
        }
        page.table(t)
    }

    /// Klagesager: the omgørelsesprocent per paragraph, the year against the year before, and the
    /// table of `overblik report klagesager` for the two years.
    private func appealsPart(_ page: inout HTMLPage, _ lines: [AppealLine], _ c: ReportContext) {
        let y = figures.year
        page.element("h3", c.t("Klagesager", "Appeals"))
        page.element("p", c.t(
            "Ankestyrelsens afgørelser pr. paragraf og år for afgørelsen. Omgørelsesprocent = (ændret + ophævet + hjemvist) ÷ (stadfæstet + ændret + ophævet + hjemvist), med sin divisor; afviste, henviste og bortfaldne tæller ikke med. Genvurdering og medhold tælles i året klagen blev modtaget; verserende klager er dem uden Ankestyrelsens afgørelse i dag.",
            "Ankestyrelsen's decisions per paragraph and year of the decision. Reversal rate = (changed + annulled + remitted) ÷ (upheld + changed + annulled + remitted), with its divisor; dismissed, referred and lapsed do not count. Reconsiderations and agreement count in the year the appeal was received; pending appeals have no decision of Ankestyrelsen today."),
                     class: "help")
        let paragraphs = Array(Set(lines.compactMap(\.paragraph))).sorted()
        func rate(_ p: Paragraph?, _ year: Int) -> Double? { lines.first { $0.paragraph == p && $0.year == year }?.reversalRate }
        if !paragraphs.isEmpty {
            let keys = paragraphs.map(Optional.some) + [nil]
            page.figure(SVGChart(.bars, title: c.t("Omgørelsesprocent", "Reversal rate"),
                                 categories: keys.map { $0?.display ?? c.t("I alt", "Total") },
                                 series: [.init("\(y - 1)", keys.map { rate($0, y - 1) }), .init("\(y)", keys.map { rate($0, y) })], unit: .decimal),
                        caption: c.t("Pr. paragraf og i alt, \(y - 1) og \(y).", "Per paragraph and in total, \(y - 1) and \(y)."))
        }
        var t = HTMLTable(columns: [(c.t("Paragraf", "Paragraph"), false), (c.t("År", "Year"), false), (c.t("Afgjort", "Decided"), true),
                                    (c.t("Stadfæstet", "Upheld"), true), (c.t("Ændret/ophævet", "Changed/annulled"), true),
                                    (c.t("Hjemvist", "Remitted"), true), (c.t("Afvist m.m.", "Not on merits"), true),
                                    (c.t("Omgørelse %", "Reversed %"), true), (c.t("Modtaget", "Received"), true),
                                    (c.t("Genvurderet ≤ 28 dage", "Reconsidered ≤ 28 days"), true), (c.t("Medhold", "Agreed"), true),
                                    (c.t("Verserer", "Pending"), true)])
        func n(_ x: Int?) -> HTMLTable.Cell { .number(x.map(DanishNumber.grouped) ?? "–") }
        for l in lines {
            let pct = l.reversalRate.map { AxisLabel.number(($0 * 10).rounded(.toNearestOrAwayFromZero) / 10, decimals: 1) + c.t(" af ", " of ") + "\(l.divisor)" }
            t.row([.text(l.paragraph?.display ?? c.t("I alt", "Total")), .text("\(l.year)"), n(l.decided), n(l.upheld), n(l.changedOrAnnulled),
                   n(l.remitted), n(l.notOnMerits), .number(pct ?? "–"), n(l.received), n(l.reconsideredInTime),
                   n(l.agreedInReconsideration), n(l.pending)], total: l.paragraph == nil)
        }
        page.table(t)
    }

    /// Sammenligning: in the last quarter of StatBank's file, this municipality's rate per service
    /// type beside the others' (a chart), the table with the rank; then the quarters where DST's
    /// published figure differs from the own extract, and those DST has not published yet.
    private func comparisonPart(_ page: inout HTMLPage, _ comparison: Comparison, _ c: ReportContext) {
        let fulltime = comparison.measure == .fulltime
        page.element("h3", c.t("Sammenligning med andre kommuner", "Comparison with other municipalities"))
        let day = Day(iso: statBankFileDay).map { c.t(" Filen er fra \($0.danish).", " The file is of \($0.danish).") } ?? ""
        page.element("p", c.t(
            "Danmarks Statistiks egne tal (\(fulltime ? "HAND01, fuldtidsydelser" : "HAND07, modtagere")) pr. 10.000 indbyggere på 18–64 år (FOLK1A) for kvartalets første dag. De andres rate er de andre kommuners tal tilsammen ÷ deres befolkning tilsammen; rang 1 er den højeste rate; `..` (ikke offentliggjort) tæller ikke med.\(day)",
            "Danmarks Statistik's own figures (\(fulltime ? "HAND01, full-time services" : "HAND07, recipients")) per 10,000 inhabitants aged 18–64 (FOLK1A) on the quarter's first day. The others' rate is the other municipalities' figures together ÷ their population together; rank 1 is the highest rate; `..` (not published) does not count.\(day)"),
                     class: "help")
        let own = comparison.lines.filter(\.isOwn)
        guard let last = own.map(\.quarter).max() else { return }
        let latest = own.filter { $0.quarter == last }
        let name = metadata.municipality.name
        func label(_ l: ComparisonLine) -> String { l.paragraph.map { "\(l.serviceType) \($0.display)" } ?? l.serviceType }
        page.figure(SVGChart(.bars, title: c.t("Pr. 10.000 på 18–64 år, \(last)", "Per 10,000 aged 18–64, \(last)"),
                             categories: latest.map(label),
                             series: [.init(name, latest.map(\.rate)), .init(c.t("De andre", "The others"), latest.map(\.othersRate))], unit: .decimal),
                    caption: c.t("Pr. ydelsestype (DST's kode og paragraffen).", "Per service type (DST's code and the paragraph)."))
        func figure(_ x: Int64?) -> HTMLTable.Cell {
            .number(x.map { fulltime ? AxisLabel.number(Double($0) / 100, decimals: 2) : DanishNumber.grouped(Int($0 / 100)) } ?? "..")
        }
        func tenths(_ t: Int64?) -> HTMLTable.Cell { .number(t.map { AxisLabel.number(Double($0) / 10, decimals: 1) } ?? "–") }
        var t = HTMLTable(columns: [(c.t("Ydelsestype", "Service type"), false), (c.t("Paragraf", "Paragraph"), false),
                                    (fulltime ? c.t("Fuldtid", "Full-time") : c.t("Modtagere", "Recipients"), true),
                                    (c.t("Pr. 10.000", "Per 10,000"), true), (c.t("Rang", "Rank"), true), (c.t("De andres", "The others'"), true),
                                    (c.t("Eget udtræk", "Own extract"), true)])
        for l in latest {
            t.row([.text("\(l.serviceType) \(l.serviceText)"), .text(l.paragraph?.display ?? "–"), figure(l.count), tenths(l.rateTenths),
                   .number(l.rank.map { c.t("\($0) af \(l.ranked ?? 0)", "\($0) of \(l.ranked ?? 0)") } ?? "–"), tenths(l.othersRateTenths),
                   l.own == nil ? .number("–") : figure(l.own)])
        }
        page.table(t)
        let differing = own.filter { l in l.own != nil && l.count != nil && l.own != l.count }
        if differing.isEmpty {
            page.element("p", c.t("DST's offentliggjorte tal er de samme som det egne udtræks i alle kvartaler, udtrækket dækker.",
                                  "DST's published figures equal the own extract's in every quarter the extract covers."))
        } else {
            page.element("p", c.t("Hvor DST's offentliggjorte tal afviger fra det egne udtræk (et datakvalitetssignal: se indberetningen efter):",
                                  "Where DST's published figure differs from the own extract (a data-quality signal: check the reporting):"))
            var d = HTMLTable(columns: [(c.t("Ydelsestype", "Service type"), false), (c.t("Kvartal", "Quarter"), false),
                                        (c.t("Offentliggjort", "Published"), true), (c.t("Eget udtræk", "Own extract"), true)])
            for l in differing { d.row([.text(label(l)), .text(l.quarter.description), figure(l.count), figure(l.own)]) }
            page.table(d)
        }
        let waiting = Set(comparison.unpublished.map(\.quarter)).sorted().map(\.description)
        if !waiting.isEmpty {
            page.element("p", c.t("Ikke offentliggjort endnu: \(waiting.joined(separator: ", ")) (udtrækket dækker dem; DST offentliggør et år ad gangen i juni).",
                                  "Not published yet: \(waiting.joined(separator: ", ")) (the extract covers them; DST publishes a year at a time in June)."))
        }
    }

    // MARK: Numbers

    static func kroner(_ m: Money) -> Double { Double(m.ore) / 100 }
    /// Whole kroner, grouped (`1.234.567`), for tables whose heading says kr.
    static func amount(_ m: Money) -> String { AxisLabel.number(kroner(m), decimals: 0) }
    /// `+12,3 %`, `−2,3 %`.
    static func percentDanish(_ x: Double) -> String { (x > 0 ? "+" : "") + AxisLabel.number(x, decimals: 1) + " %" }
}

/// The page as it is written: one growing text.
struct HTMLPage {
    var text = ""

    mutating func raw(_ s: String) { text += s }
    mutating func element(_ name: String, _ content: String, class cls: String? = nil) {
        text += Markup.element(name, [("class", cls)], content)
    }
    mutating func figure(_ chart: SVGChart, caption: String) {
        text += "<figure>" + chart.svg() + Markup.element("figcaption", [], caption) + "</figure>"
    }
    mutating func table(_ t: HTMLTable) { text += t.html }
}

/// A table of the report: a heading row, then rows of cells; numbers right-aligned. A key
/// figure's cell carries its JSON key and value (`data-figure`, `data-value`), so a test can
/// check that the page and the JSON say the same.
struct HTMLTable {
    enum Cell {
        case text(String)
        case number(String, over: Bool = false)
        case code(String)
        case figure(String, key: String, value: JSONValue)
    }

    var columns: [(title: String, numeric: Bool)]
    var rows: [(cells: [Cell], total: Bool)] = []

    init(columns: [(String, Bool)]) { self.columns = columns.map { (title: $0.0, numeric: $0.1) } }

    mutating func row(_ cells: [Cell], total: Bool = false) { rows.append((cells, total)) }

    var html: String {
        var out = "<table><thead><tr>"
        for c in columns { out += Markup.element("th", [("class", c.numeric ? "n" : nil)], c.title) }
        out += "</tr></thead><tbody>"
        for r in rows {
            out += r.total ? "<tr class=\"total\">" : "<tr>"
            for cell in r.cells {
                switch cell {
                case .text(let s): out += Markup.element("td", [], s)
                case .number(let s, let over): out += Markup.element("td", [("class", over ? "n over" : "n")], s)
                case .code(let s): out += "<td><code>\(Markup.escape(s))</code></td>"
                case .figure(let s, let key, let value): out += Markup.element("td", [("class", "n"), ("data-figure", key), ("data-value", value.rendered())], s)
                }
            }
            out += "</tr>"
        }
        return out + "</tbody></table>"
    }
}
