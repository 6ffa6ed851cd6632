import OverblikCore

extension Views {
    /// One citizen across the systems: every grant, the payments month by month (per posting
    /// month and account function), the DST rows and the discrepancies that touch the citizen.
    public static func citizen(_ d: Dataset, discrepancies: [Discrepancy], today: Day, dueSoonDays: Int) -> ViewTable {
        var t = ViewTable(view: "citizen", columns: [
            .init("source", da: "Kilde", en: "Source", maxWidth: 12, priority: 10), .init("paragraph", da: "§", en: "§", priority: 8),
            .init("id", da: "Sag/bilag", en: "Case/voucher", maxWidth: 18, priority: 6),
            .init("from", da: "Fra", en: "From", priority: 9), .init("to", da: "Til", en: "To", priority: 7),
            .init("text", da: "Beskrivelse", en: "Description", maxWidth: 60, priority: 2),
            .init("amount", da: "Beløb", en: "Amount", right: true, priority: 8),
            .init("status", da: "Status", en: "Status", maxWidth: 16, priority: 5),
            .init("key", da: "Nøgle", en: "Key", inText: false),
        ])
        let mapping = d.mappingIndex
        for g in d.grants.sorted(by: { ($0.start, $0.caseId) < ($1.start, $1.caseId) }) {
            let f = g.followUp(today: today, dueSoonDays: dueSoonDays)
            t.rows.append([.message(Message(da: "Bevilling", en: "Grant")), .paragraph(g.paragraph), .text(g.caseId), .day(g.start), .day(g.end),
                           .text([g.serviceCode, g.serviceName, g.provider].filter { !$0.isEmpty }.joined(separator: " · ")),
                           .money(g.dailyRate?.monthlyCost), .status(f?.status), .text("")])
        }
        struct MonthKey: Hashable, Comparable {
            var month: Day, function: String
            static func < (a: MonthKey, b: MonthKey) -> Bool { (a.month, a.function) < (b.month, b.function) }
        }
        let text = d.symbols
        let byMonth = Dictionary(grouping: d.payments) { MonthKey(month: $0.postingDate.firstOfMonth, function: text[$0.function]) }
        for (key, ps) in byMonth.sorted(by: { $0.key < $1.key }) {
            let paragraphs = Set(ps.compactMap { paragraph(of: $0, mapping: mapping, grantsOfCitizen: d.grants) })
            let providers = Set(ps.map { text[$0.provider] }.filter { !$0.isEmpty }).sorted()
            let range = DayRange.month(key.month.month, of: key.month.year)
            t.rows.append([.message(Message(da: "Udbetaling", en: "Payment")),
                           paragraphs.count == 1 ? .paragraph(paragraphs.sorted()[0]) : .text(paragraphs.sorted().map(\.display).joined(separator: ",")),
                           .text(ps.map(\.voucherId).joined(separator: ",")), .day(range.start), .day(range.end),
                           .text(([key.function, mapping.label(function: key.function)] + providers).filter { !$0.isEmpty }.joined(separator: " · ")),
                           .money(ps.reduce(Money.zero) { $0 + $1.amount }), .text(""), .text("")])
        }
        for r in d.dst.sorted(by: { $0.start < $1.start }) {
            t.rows.append([.message(Message(da: "DST", en: "DST")), .paragraph(r.paragraph), .text(""), .day(r.start), .day(r.end),
                           .text([r.dstCode, r.targetGroup].filter { !$0.isEmpty }.joined(separator: " · ")), .money(nil), .text(""), .text("")])
        }
        for x in discrepancies {
            let range = x.month.flatMap(monthRange)
            t.rows.append([.message(Message(da: "Afvigelse", en: "Discrepancy")), .paragraph(x.paragraph),
                           .text((x.caseIds + x.voucherIds).joined(separator: ",")), .day(range?.start), .day(range?.end),
                           .message(Message(da: x.kind.label.da + ": " + x.message.da, en: x.kind.label.en + ": " + x.message.en)),
                           .money(x.amount), .message(x.explained ? Message(da: "forklaret", en: "explained") : nil), .masked(x.key)])
        }
        return t
    }

    /// `YYYY-MM` as the month's days.
    static func monthRange(_ key: String) -> DayRange? {
        let parts = key.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) else { return nil }
        return DayRange.month(m, of: y)
    }

    /// The payments behind an Økonomi figure (`d`'s payments, with its symbols).
    public static func payments(_ d: Dataset) -> ViewTable {
        var t = paymentColumns()
        t.rows = d.payments.map { paymentRow($0, d.symbols) }
        return t
    }

    /// The payments' columns, without rows.
    public static func paymentColumns() -> ViewTable {
        ViewTable(view: "payments", columns: [
            .init("voucherId", da: "Bilag", en: "Voucher", priority: 8), .init("postingDate", da: "Bogført", en: "Posted", priority: 9),
            .init("cpr", da: "CPR", en: "CPR", priority: 9), .init("periodStart", da: "Periode fra", en: "Period from", priority: 6),
            .init("periodEnd", da: "Periode til", en: "Period to", priority: 6), .init("function", da: "Funktion", en: "Function", priority: 2),
            .init("grouping", da: "Grp.", en: "Grp.", priority: 1), .init("provider", da: "Leverandør", en: "Provider", maxWidth: 24, priority: 3),
            .init("amount", da: "Beløb", en: "Amount", right: true, priority: 10),
        ])
    }

    /// One payment's row, its repeating texts looked up in `text`.
    public static func paymentRow(_ p: Payment, _ text: Symbols) -> [Cell] {
        (0..<paymentColumnCount).map { paymentCell(p, column: $0, text) }
    }

    static let paymentColumnCount = paymentColumns().columns.count

    /// One payment's cell in `column` of `paymentColumns()` (an empty text past the last).
    static func paymentCell(_ p: Payment, column: Int, _ text: Symbols) -> Cell {
        switch column {
        case 0: .text(p.voucherId)
        case 1: .day(p.postingDate)
        case 2: .cpr(p.cpr)
        case 3: .day(p.periodStart)
        case 4: .day(p.periodEnd)
        case 5: .text(text[p.function])
        case 6: .text(text[p.grouping])
        case 7: .text(text[p.provider])
        case 8: .money(p.amount)
        default: .text("")
        }
    }

    /// Økonomi's first level: one row per account function with the year so far (through `month`),
    /// the forecast against the annual budget, full-time persons, unit cost and the twelve months' spend.
    public static func functions(_ rows: [BudgetMonth], month: Int) -> ViewTable {
        var t = ViewTable(view: "functions", columns: [
            .init("function", da: "Funktion", en: "Function", priority: 10), .init("label", da: "Tekst", en: "Label", maxWidth: 26, priority: 3),
            .init("annualBudget", da: "Årsbudget", en: "Annual budget", right: true, priority: 7),
            .init("cumulativeSpend", da: "Forbrug til dato", en: "Spend YTD", right: true, priority: 8),
            .init("deviation", da: "Afvigelse akk.", en: "Deviation YTD", right: true, priority: 6),
            .init("forecastYear", da: "Prognose (årets ydelser)", en: "Forecast (the year's services)", right: true, priority: 9),
            .init("forecastDeviation", da: "Prognose − budget", en: "Forecast − budget", right: true, priority: 9),
            .init("fullTimePersons", da: "Helårspers.", en: "Full-time", right: true, priority: 5),
            .init("unitCost", da: "Enhedspris", en: "Unit cost", right: true, priority: 4),
            .init("months", da: "Forbrug jan–dec", en: "Spend Jan–Dec", maxWidth: 12, priority: 2),
        ])
        for (function, months) in Dictionary(grouping: rows, by: \.function).sorted(by: { $0.key < $1.key }) {
            let ordered = months.sorted { $0.month < $1.month }
            guard let now = ordered.last(where: { $0.month <= month }) ?? ordered.first else { continue }
            t.rows.append([.text(function), .text(now.label), .money(now.annualBudget), .money(now.cumulativeSpend), .money(now.deviation),
                           .money(now.forecastYear), .money(now.forecastYear - now.annualBudget),
                           .fullTime(now.fullTimePersons), .money(now.unitCost), .spark(ordered.map(\.spend))])
        }
        return t
    }

    /// One function's months: budget against spend as a bar (spend drawn, the budget marked),
    /// the running figures, and the inflow and outflow of the function's paragraphs.
    public static func months(_ rows: [BudgetMonth], function: String, movements: [MovementLine], paragraphs: Set<Paragraph>) -> ViewTable {
        var t = ViewTable(view: "months", columns: [
            .init("month", da: "Md.", en: "Month", right: true, priority: 10),
            .init("budget", da: "Budget", en: "Budget", right: true, priority: 8), .init("spend", da: "Forbrug", en: "Spend", right: true, priority: 9),
            .init("bar", da: "Forbrug mod budget", en: "Spend against budget", maxWidth: 20, priority: 8),
            .init("deviation", da: "Afvigelse akk.", en: "Deviation YTD", right: true, priority: 7),
            .init("fullTimePersons", da: "Helårspers.", en: "Full-time", right: true, priority: 5),
            .init("unitCost", da: "Enhedspris", en: "Unit cost", right: true, priority: 4),
            .init("inflow", da: "Tilgang", en: "Inflow", right: true, priority: 6), .init("outflow", da: "Afgang", en: "Outflow", right: true, priority: 6),
        ])
        let mine = rows.filter { $0.function == function }.sorted { $0.month < $1.month }
        let scale = Double(mine.map { max($0.budget.ore, $0.spend.ore) }.max() ?? 0)
        for r in mine {
            let moves = movements.filter { $0.year == r.year && $0.month == r.month && paragraphs.contains($0.paragraph) }
            let over = r.spend.ore > r.budget.ore
            let bar = Bar(segments: [.init(value: Double(r.spend.ore), glyph: "█", style: over ? .overdue : .good)],
                          mark: Double(r.budget.ore), scale: scale, summary: "\(r.spend.danishPlain)/\(r.budget.danishPlain)")
            t.rows.append([.int(r.month), .money(r.budget), .money(r.spend), .bar(bar), .money(r.deviation), .fullTime(r.fullTimePersons),
                           .money(r.unitCost), .int(moves.reduce(0) { $0 + $1.inflow }), .int(moves.reduce(0) { $0 + $1.outflow })])
        }
        return t
    }
}

extension Views {
    /// A discrepancy's citizen as each system has them, side by side, for the discrepancy's
    /// paragraph (and month, when it concerns one); a field whose systems disagree is marked `≠`.
    /// Below: the discrepancy's annotation history, oldest first.
    public static func sideBySide(_ x: Discrepancy, citizen d: Dataset, history: [Annotation], language: Language) -> ViewTable {
        var t = ViewTable(view: "sidebyside", columns: [
            .init("field", da: "Felt", en: "Field", maxWidth: 26, priority: 10),
            .init("caseSystem", da: "Fagsystem", en: "Case system", maxWidth: 40, priority: 9),
            .init("economy", da: "Økonomi", en: "Economy", maxWidth: 40, priority: 9),
            .init("dst", da: "DST", en: "DST", maxWidth: 30, priority: 8),
        ])
        let mapping = d.mappingIndex
        let month = x.month.flatMap(monthRange)
        let grants = d.grants.filter { g in g.paragraph == x.paragraph && (month.map { g.span.within($0) != nil } ?? true) }
        let payments = d.payments.filter { p in
            paragraph(of: p, mapping: mapping, grantsOfCitizen: d.grants) == x.paragraph && (month.map { p.period.overlaps($0) } ?? true)
        }
        let dst = d.dst.filter { r in r.paragraph == x.paragraph && (month.map { Span(start: r.start, end: r.end).within($0) != nil } ?? true) }
        func join(_ values: [String]) -> String {
            var seen = Set<String>()
            return values.filter { !$0.isEmpty && seen.insert($0).inserted }.joined(separator: ", ")
        }
        func row(_ da: String, _ en: String, _ a: String, _ b: String, _ c: String, compare: Bool, differs given: Bool? = nil) {
            let present = [a, b, c].filter { !$0.isEmpty }
            let differs = given ?? (compare && Set(present).count > 1)
            func cell(_ s: String) -> Cell { differs && !s.isEmpty ? .highlighted(s) : .text(s) }
            t.rows.append([.text(language == .da ? da : en), cell(a), cell(b), cell(c)])
        }
        func period(_ start: Day, _ end: Day?) -> String { "\(start.danish)–\(end?.danish ?? "…")" }
        t.rows.append([.text("CPR")] + [!grants.isEmpty, !payments.isEmpty, !dst.isEmpty].map { has in
            x.cpr.map { has ? Cell.cpr($0) : .text("") } ?? .text("") })
        row("Navn", "Name", join(grants.map(\.name)), "", "", compare: false)
        row("Sag / bilag", "Case / voucher", join(grants.map(\.caseId)), join(payments.map(\.voucherId)), "", compare: false)
        row("Periode", "Period", join(grants.map { period($0.start, $0.end) }),
            payments.map(\.periodStart).min().map { period($0, payments.map(\.periodEnd).max()) } ?? "",
            join(dst.map { period($0.start, $0.end) }), compare: true,
            // Periods differ when DST's differ from the grants', or a payment falls outside every grant.
            differs: (!grants.isEmpty && !dst.isEmpty && Set(grants.map { period($0.start, $0.end) }) != Set(dst.map { period($0.start, $0.end) }))
                || (!grants.isEmpty && payments.contains { p in !grants.contains { g in g.span.within(p.period) == p.period } }))
        row("DST-kode", "DST code", join(grants.map { mapping.exactRow(for: $0)?.dstCode ?? mapping.row(for: $0)?.dstCode ?? "" }), "",
            join(dst.map(\.dstCode)), compare: true)
        row("Ydelse / konto", "Service / account", join(grants.map { "\($0.serviceCode) \($0.serviceName)" }),
            join(payments.map { $0.grouping.isEmpty ? d.symbols[$0.function] : "\(d.symbols[$0.function]).\(d.symbols[$0.grouping])" }), "", compare: false)
        row("Målgruppe", "Target group", join(grants.map(\.targetGroup)), "", join(dst.map(\.targetGroup)), compare: true)
        row("Leverandør", "Provider", join(grants.map(\.provider)), join(payments.map { d.symbols[$0.provider] }), "", compare: true)
        row("Takst", "Rate", join(grants.compactMap { g in g.rate.map { "\($0.danishKroner) \(g.rateUnit?.rawValue ?? "")" } }), "", "", compare: false)
        if let month {
            let expected = grants.reduce(Money.zero) { $0 + $1.expectedCost(in: month) }.ore
            let paid = paidFor(payments, in: month)
            row("Beløb \(x.month!)", "Amount \(x.month!)", grants.isEmpty ? "" : Money(ore: expected).danishKroner,
                payments.isEmpty ? "" : paid.danishKroner, "", compare: true)
        }
        for a in history {
            let when = localTime(a.at)
            t.rows.append([.text("\(when) \(a.who)"), .text(a.status.label.text(language) + (a.note.isEmpty ? "" : ": " + a.note)), .text(""), .text("")])
        }
        return t
    }
}

