import OverblikCore

extension Views {
    /// Sammenligning (management.md §6, §9): per municipality (a pooled pair as one row), service
    /// type and quarter, DST's figure, the population aged within the band and the rate per 10.000;
    /// on this municipality's rows its rank, the others' rate and the figure from its own extract.
    public static func comparison(_ lines: [ComparisonLine], measure: ComparisonMeasure) -> ViewTable {
        var t = ViewTable(view: "sammenligning", columns: [
            .init("municipality", da: "Kommune", en: "Municipality", maxWidth: 22, priority: 10),
            .init("codes", da: "Koder", en: "Codes", inText: false),
            .init("serviceType", da: "Ydelsestype", en: "Service type", priority: 9),
            .init("paragraph", da: "Paragraf", en: "Paragraph", maxWidth: 10, priority: 7),
            .init("period", da: "Kvartal", en: "Quarter", priority: 10),
            .init("count", da: measure == .fulltime ? "Fuldtid" : "Modtagere", en: measure == .fulltime ? "Full-time" : "Recipients",
                  right: true, priority: 9),
            .init("population", da: "18–64 år", en: "Aged 18–64", right: true, priority: 6),
            .init("rate", da: "Pr. 10.000", en: "Per 10,000", right: true, priority: 10),
            .init("rank", da: "Rang", en: "Rank", right: true, priority: 8),
            .init("othersRate", da: "Andres", en: "Others'", right: true, priority: 8),
            .init("own", da: "Eget udtræk", en: "Own extract", right: true, priority: 7),
        ])
        for l in lines {
            let codes = JSONValue.array(l.municipality.codes.map(JSONValue.string))
            t.rows.append([
                l.isOwn ? .emphasised(.text(l.municipality.name), mark: "▸ ") : .text(l.municipality.name),
                .structured(codes, shown: l.municipality.codes.joined(separator: "+")),
                .text(l.serviceType), l.paragraph.map(Cell.paragraph) ?? .message(nil), .text(l.quarter.description),
                figure(l.count, measure), l.population.map { .int(Int($0)) } ?? .message(nil), tenths(l.rateTenths),
                l.rank.map(Cell.int) ?? .message(nil), tenths(l.othersRateTenths),
                differing(l.own, from: l.count, isOwn: l.isOwn, measure),
            ])
        }
        return t
    }

    /// A rate in tenths (rounded on the exact fraction), as a number with one decimal.
    static func tenths(_ t: Int64?) -> Cell {
        // Always one decimal on screen and in CSV (43,0); JSON a plain number.
        t.map { .structured(.number(ViewTable.decimal(Double($0) / 10)), shown: tenthsText($0)) } ?? .message(nil)
    }

    /// Tenths as one decimal, Danish style: `43,0`, `−2,5`.
    static func tenthsText(_ t: Int64) -> String { (t < 0 ? "−" : "") + "\(DanishNumber.grouped(Int(abs(t) / 10))),\(abs(t) % 10)" }

    /// A StatBank figure kept in hundredths: a whole number of recipients, or full-time services with two decimals.
    static func figure(_ hundredths: Int64?, _ measure: ComparisonMeasure) -> Cell {
        guard let hundredths else { return .message(nil) }
        return measure == .fulltime ? .number(Double(hundredths) / 100) : .int(Int(hundredths / 100))
    }

    /// The own figure, marked where it differs from DST's.
    static func differing(_ own: Int64?, from published: Int64?, isOwn: Bool, _ measure: ComparisonMeasure) -> Cell {
        guard let own else { return .message(nil) }
        let cell = figure(own, measure)
        guard isOwn, let published, published != own else { return cell }
        return .emphasised(cell, mark: "≠ ")
    }
}
