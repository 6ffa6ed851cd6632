import OverblikCore

/// Ledelse's sub-views (tui.md 7), listed on the tab's left: `Tab` moves between the list and
/// the view; in the list `↑↓` pick a view and `→`/`⏎` enter it; in a view `Esc` (and `←` where
/// the view has no months to move along) goes back to the list.
enum LedelseView: Int, CaseIterable, Sendable {
    case udvikling, tilsyn, tilsynssvar, servicemaal, klagesager, sammenligning, belaegning, statusrapport

    var title: Message {
        switch self {
        case .udvikling: return Message(da: "Udvikling", en: "Development")
        case .tilsyn: return Message(da: "Tilsyn", en: "Supervision")
        case .tilsynssvar: return Message(da: "Tilsynssvar", en: "Reviews")
        case .servicemaal: return Message(da: "Servicemål", en: "Service goals")
        case .klagesager: return Message(da: "Klagesager", en: "Appeals")
        case .sammenligning: return Message(da: "Sammenligning", en: "Comparison")
        case .belaegning: return Message(da: "Belægning", en: "Occupancy")
        case .statusrapport: return Message(da: "Statusrapport", en: "Status report")
        }
    }
}

extension AppModel {
    var onLedelse: Bool { current == ViewCatalogue.ledelseTab }

    /// The width of the page of tab `tab` on a screen `width` cells wide (Ledelse's list takes its part).
    func pageWidth(tab: Int, screen width: Int) -> Int {
        width - ScreenLayout.pageMargin - (tab == ViewCatalogue.ledelseTab ? ScreenLayout.subviewListWidth : 0)
    }

    /// The page of the sub-view chosen.
    func ledelsePage() -> Page {
        switch ledelseView {
        case .udvikling: return developmentPage(DevelopmentChoice())
        case .tilsyn: return supervisionPage()
        case .tilsynssvar: return supervisionResultsPage()
        case .servicemaal: return serviceGoalPage()
        case .klagesager: return appealsPage()
        case .sammenligning: return comparisonPage(ComparisonChoice())
        case .belaegning: return occupancyPage()
        case .statusrapport: return statusReportPage()
        }
    }

    /// Servicemål: `overblik report servicemaal`'s rows, newest quarter first, with a bar of the
    /// share in time against the target (`│`); "ingen data: <file>" without the applications.
    func serviceGoalPage() -> Page {
        let goals = data.query.metadata.serviceGoals
        let read = ahead?.serviceGoals.value() ?? reporting { try data.query.serviceGoalLines(year: nil, paragraph: nil) }
        let lines = (read?.rows ?? []).sorted { $0.quarter > $1.quarter }
        var table = Views.serviceGoals(lines, goals: goals)
        AppModel.insertColumn(&table, .init("bar", da: "Til tiden │mål", en: "In time │target", maxWidth: 16, priority: 8), after: "shareInTime",
                              lines.map { l in
                                  l.shareInTime.map { .bar(AppModel.percentBar($0, mark: goals.targetShare * 100, goodAtOrAbove: true)) } ?? .text("")
                              })
        let missing = read?.missing
        let caption = missing.map { c.t("Servicemål · ingen data: \($0)", "Service goals · no data: \($0)") }
            ?? c.t("Servicemål · pr. paragraf og kvartal for afgørelsen · mål \(Int((goals.targetShare * 100).rounded())) %",
                   "Service goals · per paragraph and quarter of the decision · target \(Int((goals.targetShare * 100).rounded())) %")
        return Page(kind: .serviceGoals, caption: caption, table: table, context: c)
    }

    /// A bar of a percentage on a scale of 100 with a mark (the target, the budgeted occupancy):
    /// `good` on the right side of the mark, else `warning`; a value beyond 100 fills the bar.
    static func percentBar(_ value: Double, mark: Double?, goodAtOrAbove: Bool) -> Bar {
        // (Beyond 100 is overbooked: never good.)
        let good = value <= 100 && (mark.map { goodAtOrAbove ? value >= $0 : value <= $0 } ?? true)
        return Bar(segments: [Bar.Segment(value: min(value, 100), glyph: "█", style: good ? .good : .warning)],
                   mark: mark, scale: 100, summary: "\((value * 10).rounded() / 10) %")
    }

    /// Inserts column `key` with `cells` after column `after` (when the table has it).
    static func insertColumn(_ table: inout ViewTable, _ column: ViewTable.Column, after: String, _ cells: [Cell]) {
        guard let i = table.column(after) else { return }
        table.columns.insert(column, at: i + 1)
        for r in table.rows.indices { table.rows[r].insert(cells[r], at: i + 1) }
    }

    /// Klagesager: `overblik report klagesager`'s rows, newest year first, with a bar of the
    /// omgørelsesprocent; the appeals pending at the board above, the oldest first, with their age.
    func appealsPage() -> Page {
        let read = reporting { try data.query.appealView() }
        let lines = (read?.lines ?? []).sorted { $0.year > $1.year }
        var table = Views.appeals(lines)
        AppModel.insertColumn(&table, .init("bar", da: "Omgjort", en: "Reversed", maxWidth: 12, priority: 7), after: "divisor",
                              lines.map { l in l.reversalRate.map { .bar(AppModel.percentBar($0, mark: nil, goodAtOrAbove: false)) } ?? .text("") })
        if let missing = read?.missing {
            return Page(kind: .appeals, caption: c.t("Klagesager · ingen data: \(missing)", "Appeals · no data: \(missing)"), table: table, context: c)
        }
        let pending = read?.pending ?? []
        var above = ViewTable(view: "klagesager", columns: [
            .init("appealId", da: "Verserende klage", en: "Pending appeal", maxWidth: 18, priority: 10),
            .init("paragraph", da: "Paragraf", en: "Paragraph", maxWidth: 10, priority: 9),
            .init("received", da: "Modtaget", en: "Received", priority: 8),
            .init("ageDays", da: "Dage", en: "Days", right: true, priority: 10),
            .init("reconsideration", da: "Genvurdering", en: "Reconsideration", maxWidth: 16, priority: 6),
            .init("caseworker", da: "Sagsbeh.", en: "Caseworker", maxWidth: 10, priority: 5),
        ])
        for p in pending {
            let a = p.appeal
            above.rows.append([.text(a.appealId), .paragraph(a.paragraph), .day(a.received), .int(p.ageDays),
                               .text(a.reconsideration?.rawValue ?? ""), .text(a.caseworker)])
        }
        let caption = c.t("Klagesager · \(pending.count) verserer · pr. paragraf og år for Ankestyrelsens afgørelse",
                          "Appeals · \(pending.count) pending · per paragraph and year of the board's decision")
        return Page(kind: .appeals, caption: caption, table: table, above: pending.isEmpty ? nil : above, context: c)
    }

    /// Belægning: per provider the last month that is over and the year so far (rows of `overblik
    /// report belaegning --year`), with a bar of the occupancy against the budgeted occupancy.
    func occupancyPage() -> Page {
        let last = CalendarMonth(data.today).advanced(by: -1)
        let read = reporting { try data.query.occupancy(year: last.year) }
        let lines = (read?.rows ?? []).filter { $0.month == nil || $0.month == last }
        var table = Views.occupancy(lines)
        AppModel.insertColumn(&table, .init("bar", da: "mod budget", en: "vs budget", maxWidth: 10, priority: 9),
                              after: "occupancy", lines.map { l in
                                  l.occupancy.map { .bar(AppModel.percentBar($0, mark: l.budgetedOccupancy, goodAtOrAbove: true)) } ?? .text("")
                              })
        if let missing = read?.missing {
            return Page(kind: .occupancy, caption: c.t("Belægning · ingen data: \(missing)", "Occupancy · no data: \(missing)"), table: table, context: c)
        }
        let month = StatusRapport.monthName(last.month, c)
        return Page(kind: .occupancy, caption: c.t("Belægning med egne borgere · \(month) \(last.year) og året til og med",
                                                   "Occupancy by own citizens · \(month) \(last.year) and the year so far"),
                    table: table, context: c)
    }

    /// Statusrapport: the report's Nøgletal on screen (the year against the same months a year
    /// earlier); `overblik report statusrapport` writes the whole report.
    func statusReportPage() -> Page {
        var table = ViewTable(view: "statusrapport", columns: [
            .init("figure", da: "Nøgletal", en: "Figure", maxWidth: 24, priority: 10),
            .init("lastYear", da: "Året før", en: "A year earlier", right: true, priority: 9),
            .init("year", da: "I år", en: "This year", right: true, priority: 10),
            .init("changePercent", da: "Ændring %", en: "Change %", right: true, priority: 8),
        ])
        guard data.visibility.isEverything else {
            return Page(kind: .statusReport, caption: c.t("Statusrapport · kræver adgang til alt", "Status report · needs access to everything"),
                        table: table, context: c)
        }
        let report = reporting { try StatusRapport.make(data.query, year: nil, annotations: [:], keyFiguresOnly: true) }
        guard let report else {
            return Page(kind: .statusReport, caption: c.t("Statusrapport · ingen afsluttet måned", "Status report · no month is over"),
                        table: table, context: c)
        }
        let f = report.figures
        for (row, now, before, pct) in report.keyFigureLines {
            table.rows.append([.message(row.short), .text(before?.danish ?? "–"), .text(now?.danish ?? "–"),
                               .text(pct.map(StatusRapport.percentDanish) ?? "–")])
        }
        return Page(kind: .statusReport,
                    caption: c.t("Statusrapport \(f.year) · \(report.periodText(c)) mod \(report.periodText(c, lastYear: true)) · hele rapporten: overblik report statusrapport",
                                 "Status report \(f.year) · \(report.periodText(c)) against \(report.periodText(c, lastYear: true)) · the whole report: overblik report statusrapport"),
                    table: table, context: c)
    }

    /// Shows sub-view `view` (its page made afresh, laid out for the screen).
    func showLedelse(_ view: LedelseView) {
        ledelseView = view
        let keep = view != .tilsyn && view != .tilsynssvar
        var fresh = (keep ? ledelsePages[view] : nil) ?? ledelsePage()
        if keep { ledelsePages[view] = fresh }
        if laidOutFor > 0 { fresh.layOut(width: pageWidth(tab: ViewCatalogue.ledelseTab, screen: laidOutFor), c) }
        stacks[ViewCatalogue.ledelseTab] = [fresh]
    }

    /// The keys of Ledelse's list and its focus; true when `key` was one of them.
    func handleLedelse(_ key: Action.Key) -> Bool {
        guard onLedelse, stacks[current].count <= 1 else { return false }
        let all = LedelseView.allCases
        if key == .tab { ledelseListFocused.toggle(); return true }
        if ledelseListFocused {
            switch key {
            case .up, .character("k"): showLedelse(all[max(0, ledelseView.rawValue - 1)]); return true
            case .down, .character("j"): showLedelse(all[min(all.count - 1, ledelseView.rawValue + 1)]); return true
            case .right, .enter, .character("l"): ledelseListFocused = false; return true
            case .left, .character("h"): return true
            default: return false
            }
        }
        switch key {
        case .escape: ledelseListFocused = true; return true
        case .left, .character("h"):
            if case .development = page.kind { return false }
            if case .comparison = page.kind { return false }
            ledelseListFocused = true
            return true
        default: return false
        }
    }

    /// A click in the list picks that sub-view and enters it; true when the click was on the list.
    func clickLedelse(row: Int, column: Int) -> Bool {
        guard onLedelse, column < ScreenLayout.subviewListWidth, row > ScreenLayout.captionRow else { return false }
        let i = row - ScreenLayout.captionRow - 1
        if let view = LedelseView(rawValue: i) {
            showLedelse(view)
            ledelseListFocused = false
        }
        return true
    }

    /// The list of sub-views on the left, a rule to its right; the chosen one marked `▸` (so it
    /// shows without colour), selected while the list has the focus.
    func drawSubviewList(_ s: Surface, _ l: ScreenLayout) {
        let w = ScreenLayout.subviewListWidth
        s.put(DisplayWidth.fit(" " + c.t("Ledelse", "Management"), to: w - 1), row: ScreenLayout.captionRow, column: 0, style: .title)
        for (i, view) in LedelseView.allCases.enumerated() {
            let chosen = view == ledelseView
            let text = DisplayWidth.fit((chosen ? "▸ " : "  ") + view.title.text(c.language), to: w - 1)
            s.put(text, row: ScreenLayout.captionRow + 1 + i, column: 0, style: chosen ? (ledelseListFocused ? .selected : .highlight) : .normal)
        }
        for row in ScreenLayout.captionRow..<l.bottomRuleRow { s.put("│", row: row, column: w - 1, style: .rule) }
    }
}

/// A part of a surface to the right of `left` columns: what is drawn at column 0 lands at `left`.
final class OffsetSurface: Surface {
    let base: Surface
    let left: Int

    init(_ base: Surface, left: Int) { self.base = base; self.left = left }

    var rows: Int { base.rows }
    var columns: Int { max(0, base.columns - left) }
    func clear() {}
    func put(_ text: String, row: Int, column: Int, style: Style) { base.put(text, row: row, column: column + left, style: style) }
    func placeCursor(row: Int, column: Int) { base.placeCursor(row: row, column: column + left) }
}
