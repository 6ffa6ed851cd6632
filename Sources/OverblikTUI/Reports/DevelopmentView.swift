import OverblikCore

extension Views {
    /// Udvikling (management.md §1): a row per month and series, every measure with the same month
    /// a year earlier (`…LastYear`) and the rolling twelve months (`…Rolling12`). The text format
    /// shows the month's own figures; CSV and JSON hold all.
    public static func development(_ rows: [DevelopmentRow]) -> ViewTable {
        var columns: [ViewTable.Column] = [
            .init("month", da: "Måned", en: "Month", priority: 10), .init("dimension", da: "Dimension", en: "Dimension", inText: false),
            .init("value", da: "Værdi", en: "Value", maxWidth: 28, priority: 9),
        ]
        // The measures in the order of `cli.md` (`DevelopmentMeasure`'s), each with a year earlier and twelve months.
        for measure in DevelopmentMeasure.allCases {
            let (key, title) = (measure.rawValue, measure.columnTitle)
            columns.append(.init(key, da: title.da, en: title.en, right: true))
            columns.append(.init(key + "LastYear", da: title.da + " år før", en: title.en + " a year earlier", right: true, inText: false))
            columns.append(.init(key + "Rolling12", da: title.da + " 12 mdr.", en: title.en + " 12 months", right: true, inText: false))
        }
        var t = ViewTable(view: "udvikling", columns: columns)
        func count(_ n: Int?) -> Cell { n.map(Cell.int) ?? .message(nil) }
        func mean(_ x: Double?) -> Cell { x.map { Cell.number(($0 * 100).rounded() / 100) } ?? .message(nil) }
        for r in rows {
            let value: Cell
            if let v = r.value {
                value = r.dimension == .paragraph ? Paragraph(parsing: v).map(Cell.paragraph) ?? .text(v) : .text(v)
            } else {
                value = .message(nil)  // the total: null in JSON (management.md §9), empty in text and CSV
            }
            var row: [Cell] = [.text(r.month.key), .message(r.dimension.map { Message(da: $0.rawValue, en: $0.rawValue) }), value]
            let f = r.figures, ly = r.lastYear, r12 = r.rolling12
            row += [count(f.activeAtMonthEnd), count(ly?.activeAtMonthEnd), mean(r12?.activeAtMonthEnd)]
            row += [count(f.inflow), count(ly?.inflow), count(r12?.inflow)]
            row += [count(f.outflow), count(ly?.outflow), count(r12?.outflow)]
            row += [.fullTime(f.fullTimePersons), .fullTime(ly?.fullTimePersons), .fullTime(r12?.fullTimePersons)]
            row += [.money(f.spend), .money(ly?.spend), .money(r12?.spend)]
            row += [.money(f.paidFor), .money(ly?.paidFor), .money(r12?.paidFor)]
            row += [.money(r.unitCostRate), .money(r.unitCostRateLastYear), .money(r12?.unitCostRate)]
            row += [count(f.grants), count(ly?.grants), mean(r12?.grants)]
            t.rows.append(row)
        }
        return t
    }
}
