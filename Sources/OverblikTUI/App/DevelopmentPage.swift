import OverblikCore

/// Ledelse › Udvikling: a chart of one measure of one series over the months, the same months a
/// year earlier beside it, and below it the table of the figures; the chart's cursor is the
/// table's selected month (`↑↓` or `←→`), `m` picks the measure, `d` the dimension and `f` its value.
extension AppModel {
    /// The series, read through the query layer once (stored by the sync, or computed for another
    /// day); of the teams' (600 on L) only those shown, each when first shown.
    func development() -> Development? {
        if let known = developmentSeries { return known }
        let read = reporting { try data.query.development(teams: false) }
        developmentSeries = .some(read)
        return read
    }

    /// The series of `choice`, read when it is a team's not read yet.
    private func developmentShowing(_ choice: DevelopmentChoice) -> Development? {
        guard var d = development() else { return nil }
        if let dimension = choice.dimension, let value = choice.value, d.series[.init(dimension, value)] == nil,
           let figures = reporting({ try data.query.developmentSeries(.init(dimension, value)) }) ?? nil {
            d.series[.init(dimension, value)] = figures
            developmentSeries = .some(d)
        }
        return d
    }

    /// The values of `dimension` with a series, in the view's order.
    func developmentValues(_ dimension: DevelopmentDimension) -> [String] {
        // (Only stored series leave the teams' out; computed ones have them all.)
        if dimension != .team || !data.query.storedHolds, let d = development() { return d.series.keys.filter { $0.dimension == dimension }.sorted().map(\.value) }
        return reporting { try data.query.developmentValues(dimension) } ?? []
    }

    func developmentPage(_ choice: DevelopmentChoice) -> Page {
        let rows = developmentShowing(choice)?.rows(by: choice.dimension, value: choice.value) ?? []
        let m = choice.measure
        let series = choice.value.map { v in choice.dimension == .paragraph ? Paragraph(parsing: v)?.display ?? v : v }
            ?? c.t("i alt", "total")
        var table = ViewTable(view: "udvikling", columns: [
            .init("month", da: "Måned", en: "Month", priority: 10),
            .init("value", da: m.label.da, en: m.label.en, right: true, maxWidth: 18, priority: 10),
            .init("lastYear", da: "Året før", en: "A year earlier", right: true, maxWidth: 18, priority: 9),
            .init("change", da: "Ændring", en: "Change", right: true, maxWidth: 18, priority: 8),
            .init("changePercent", da: "Ændring %", en: "Change %", right: true, priority: 7),
            .init("rolling12", da: "12 mdr.", en: "12 months", right: true, maxWidth: 18, priority: 5),
        ])
        var points: [Chart.Point] = []
        for r in rows {
            let value = m.value(r), last = m.lastYear(r)
            points.append(Chart.Point(label: monthLabel(r.month), tick: r.month.month == 1 || r.month.month == 7, value: value, lastYear: last))
            let change = value.flatMap { v in last.map { v - $0 } }
            let percent = change.flatMap { d in last.flatMap { $0 == 0 ? nil : d / $0 * 100 } }
            table.rows.append([.text(r.month.key), cell(value, m), cell(last, m), cell(change, m, signed: true),
                               percent.map { Cell.text(Self.percent($0)) } ?? .text(""), cell(m.rolling12(r), m)])
        }
        var page = Page(kind: .development(choice),
                        caption: c.t("Udvikling · ", "Development · ") + m.label.text(c.language) + " · " + series,
                        table: table, context: c)
        page.chart = Chart(points: points, cursor: max(0, points.count - 1))
        page.state.selected = max(0, rows.count - 1)
        return page
    }

    private func cell(_ x: Double?, _ m: DevelopmentMeasure, signed: Bool = false) -> Cell {
        guard let x else { return .text("") }
        if m.isMoney { return .money(Money(ore: Int64((x * 100).rounded()))) }
        let text = m == .fullTimePersons || x != x.rounded() ? Self.decimal2(x) : DanishNumber.grouped(Int64(x.rounded()))
        return .text(signed && x > 0 ? "+" + text : text)
    }

    static func decimal2(_ x: Double) -> String { Money(ore: Int64((x * 100).rounded())).danishDecimal }

    static func percent(_ x: Double) -> String {
        let tenths = Int64((x * 10).rounded())
        return (tenths > 0 ? "+" : tenths < 0 ? "−" : "") + "\(DanishNumber.grouped(abs(tenths) / 10)),\(abs(tenths) % 10) %"
    }

    /// `okt 26`.
    func monthLabel(_ m: CalendarMonth) -> String { StatusRapport.shortMonth(m, c, withYear: true) }

    /// The selected month's figures in words, for the caption.
    func developmentDetail(_ p: Page) -> String {
        guard let r = p.selectedRow, p.table.rows.indices.contains(r) else { return "" }
        let row = p.table.rows[r]
        let value = p.table.text(row[1], c), last = p.table.text(row[2], c), change = p.table.text(row[3], c), pct = p.table.text(row[4], c)
        var out = "\(p.table.text(row[0], c)): \(value.isEmpty ? "–" : value)"
        if !last.isEmpty { out += c.t(" · året før ", " · a year earlier ") + last }
        if !change.isEmpty { out += " · " + change + (pct.isEmpty ? "" : " (\(pct))") }
        return out
    }

    /// Udvikling with another choice, keeping the selected month.
    func replaceDevelopment(_ choice: DevelopmentChoice) {
        let selectedMonth = page.selectedRow.map { page.table.text(page.table.rows[$0][0], c) }
        var fresh = developmentPage(choice)
        if let selectedMonth, let i = fresh.table.rows.firstIndex(where: { fresh.table.text($0[0], c) == selectedMonth }) {
            fresh.state.selected = i
        }
        if laidOutFor > 0 { fresh.layOut(width: pageWidth(tab: current, screen: laidOutFor), c) }
        modifyPage { $0 = fresh }
    }
}
