import OverblikCore

/// Ledelse › Sammenligning (management.md §6, tui.md): for one service type and quarter, a bar per
/// municipality by rate per 10.000 aged 18–64 with this municipality marked `▸` and the others'
/// rate as a line `│`; below, DST's published figure for this municipality against its own
/// extract, quarter by quarter, differences marked `≠`, and the quarters DST has not published
/// yet. `←→` (and `↑↓`) move along the quarters, `m` picks the service type.
extension AppModel {
    /// The comparison, read through the query layer once (read ahead since the first frame when it was).
    func comparison() -> (comparison: Comparison?, missing: [String])? {
        if comparisonRead == nil { comparisonRead = ahead?.comparison.value() ?? reporting { try data.query.comparison() } }
        return comparisonRead
    }

    func comparisonPage(_ asked: ComparisonChoice) -> Page {
        let read = comparison()
        guard let all = read?.comparison else {
            let files = (read?.missing ?? []).joined(separator: ", ")
            return Page(kind: .comparison(asked), caption: c.t("Sammenligning · ingen data: \(files)", "Comparison · no data: \(files)"),
                        table: ViewTable(view: "sammenligning", columns: []), context: c)
        }
        let types = all.serviceTypes
        guard let type = types.first(where: { $0.code == asked.serviceType }) ?? types.first else {
            return Page(kind: .comparison(asked), caption: c.t("Sammenligning · filen har ingen tal", "Comparison · the file has no figures"),
                        table: ViewTable(view: "sammenligning", columns: []), context: c)
        }
        let ofType = all.lines.filter { $0.serviceType == type.code }
        let quarters = Set(ofType.map(\.quarter)).sorted()
        let quarter = asked.quarter.flatMap { q in quarters.contains(q) ? q : nil } ?? quarters.last ?? Quarter(data.today)
        let choice = ComparisonChoice(serviceType: type.code, quarter: quarter)
        let measure = all.measure

        // Above: the municipalities by rate, the highest first (those without a rate last).
        var shown = ofType.filter { $0.quarter == quarter }
            .sorted { ($0.rate ?? -1, $1.municipality) > ($1.rate ?? -1, $0.municipality) }
        let mine = shown.first(where: \.isOwn)
        let room = max(3, ScreenLayout.aboveDataRows(screenRows: screenSize.rows))
        if shown.count > room, let mine, let i = shown.firstIndex(where: \.isOwn), i >= room {
            shown = Array(shown.prefix(room - 1)) + [mine]  // this municipality always shows
        }
        let scale = max(shown.compactMap(\.rate).max() ?? 0, mine?.othersRate ?? 0)
        var above = ViewTable(view: "sammenligning", columns: [
            .init("municipality", da: "Kommune", en: "Municipality", maxWidth: 20, priority: 10),
            .init("count", da: measure == .fulltime ? "Fuldtid" : "Modtagere", en: measure == .fulltime ? "Full-time" : "Recipients",
                  right: true, priority: 7),
            .init("population", da: "18–64 år", en: "Aged 18–64", right: true, priority: 5),
            .init("rate", da: "Pr. 10.000", en: "Per 10,000", right: true, priority: 10),
            .init("bar", da: "│ = de andre", en: "│ = the others", maxWidth: 18, priority: 10),
        ])
        for l in shown {
            let name: Cell = l.isOwn ? .emphasised(.text(l.municipality.name), mark: "▸ ") : .text(l.municipality.name)
            let bar: Cell = l.rate.map { r in
                .bar(Bar(segments: [Bar.Segment(value: r, glyph: l.isOwn ? "█" : "▒", style: l.isOwn ? .bar1 : .bar3)],
                         mark: mine?.othersRate, scale: scale, summary: Views.tenthsText(l.rateTenths ?? 0)))
            } ?? .message(Message(da: ".. (ikke offentl.)", en: ".. (not published)"))
            above.rows.append([name, Views.figure(l.count, measure), l.population.map { .int(Int($0)) } ?? .message(nil),
                               Views.tenths(l.rateTenths), bar])
        }

        // Below: published against own, quarter by quarter, then the quarters not published yet.
        var table = ViewTable(view: "sammenligning", columns: [
            .init("period", da: "Kvartal", en: "Quarter", priority: 10),
            .init("count", da: "Offentliggjort", en: "Published", right: true, priority: 10),
            .init("own", da: "Eget udtræk", en: "Own extract", right: true, priority: 10),
            .init("difference", da: "Forskel", en: "Difference", right: true, priority: 9),
            .init("rate", da: "Pr. 10.000", en: "Per 10,000", right: true, priority: 7),
            .init("rank", da: "Rang", en: "Rank", right: true, priority: 8),
            .init("othersRate", da: "Andres", en: "Others'", right: true, priority: 8),
        ])
        let ownLines = ofType.filter(\.isOwn).sorted { $0.quarter < $1.quarter }
        for l in ownLines {
            let difference = l.count.flatMap { p in l.own.map { $0 - p } }
            table.rows.append([
                .text(l.quarter.description), l.count == nil ? .message(Message(da: "..", en: "..")) : Views.figure(l.count, measure),
                Views.differing(l.own, from: l.count, isOwn: true, measure),
                difference.map { $0 == 0 ? .text("0") : .emphasised(.text(Self.signed($0, measure)), mark: "") } ?? .message(nil),
                Views.tenths(l.rateTenths),
                l.rank.map { .text("\($0)/\(l.ranked ?? 0)") } ?? .message(nil), Views.tenths(l.othersRateTenths),
            ])
        }
        for u in all.unpublished where u.serviceType == type.code {
            table.rows.append([.text(u.quarter.description), .message(Message(da: "ikke offentliggjort endnu", en: "not published yet")),
                               Views.figure(u.own, measure), .message(nil), .message(nil), .message(nil), .message(nil)])
        }
        let paragraph = type.text.contains("§") ? "" : type.paragraph.map { " (\($0.display))" } ?? ""
        let rank = mine?.rank.map { c.t(" · rang \($0) af \(mine?.ranked ?? 0)", " · rank \($0) of \(mine?.ranked ?? 0)") } ?? ""
        let fileDay = (reporting { try data.query.statBankFileDay() } ?? "").flatMap { Day(iso: $0)?.danish }
        let file = fileDay.map { c.t(" · filen fra \($0)", " · file of \($0)") } ?? ""
        let title = type.text.isEmpty ? type.code : "\(type.code) \(type.text)"
        var page = Page(kind: .comparison(choice),
                        caption: c.t("Sammenligning · \(quarter)\(rank) · \(title)\(paragraph)\(file)",
                                     "Comparison · \(quarter)\(rank) · \(title)\(paragraph)\(file)"),
                        table: table, above: above, context: c)
        page.state.selected = ownLines.firstIndex { $0.quarter == quarter } ?? 0
        return page
    }

    /// `+3` / `−1,25`.
    static func signed(_ hundredths: Int64, _ measure: ComparisonMeasure) -> String {
        let sign = hundredths > 0 ? "+" : hundredths < 0 ? "−" : ""
        let n = abs(hundredths)
        return sign + (measure == .fulltime ? Money(ore: n).danishDecimal : DanishNumber.grouped(Int(n / 100)))
    }

    /// Sammenligning with another choice.
    func replaceComparison(_ choice: ComparisonChoice) {
        var fresh = comparisonPage(choice)
        if laidOutFor > 0 { fresh.layOut(width: pageWidth(tab: current, screen: laidOutFor), c) }
        modifyPage { $0 = fresh }
    }

    /// `←→`/`↑↓` on Sammenligning: the quarter before or after; true when the key was one of them.
    func moveComparisonQuarter(_ key: Action.Key) -> Bool {
        guard case .comparison(let choice) = page.kind else { return false }
        let back: [Action.Key] = [.left, .up, .character("h"), .character("k")]
        let on: [Action.Key] = [.right, .down, .character("l"), .character("j")]
        guard back.contains(key) || on.contains(key) else { return false }
        let quarters = Set((comparison()?.comparison?.lines ?? []).filter { $0.serviceType == choice.serviceType }.map(\.quarter)).sorted()
        guard let now = choice.quarter, let i = quarters.firstIndex(of: now) else { return true }
        let j = back.contains(key) ? i - 1 : i + 1
        if quarters.indices.contains(j) { replaceComparison(ComparisonChoice(serviceType: choice.serviceType, quarter: quarters[j])) }
        return true
    }

    /// `m` on Sammenligning: the service types in the file.
    func openComparisonTypes(_ choice: ComparisonChoice) {
        let types = comparison()?.comparison?.serviceTypes ?? []
        guard !types.isEmpty else { message = c.t("ingen ydelsestyper", "no service types"); return }
        let items = types.map { t in "\(t.code) \(t.text)" + (t.text.contains("§") ? "" : t.paragraph.map { " (\($0.display))" } ?? "") }
        overlay = .picker(Picker(title: c.t("Ydelsestype", "Service type"), items: items,
                                 selected: types.firstIndex { $0.code == choice.serviceType } ?? 0), .serviceType(types.map(\.code)))
    }
}

