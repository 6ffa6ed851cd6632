import OverblikCore

extension Views {
    /// Klagesager (management.md §5): per paragraph (and the total) and year, the board's decisions
    /// by outcome with the omgørelsesprocent and its divisor, the reconsiderations by the year
    /// received, and the appeals pending today on today's year's rows.
    public static func appeals(_ lines: [AppealLine]) -> ViewTable {
        var t = ViewTable(view: "klagesager", columns: [
            .init("paragraph", da: "Paragraf", en: "Paragraph", maxWidth: 10, priority: 10),
            .init("year", da: "År", en: "Year", priority: 10),
            .init("decided", da: "Afgjort", en: "Decided", right: true, priority: 9),
            .init("stadfaestet", da: "Stadfæstet", en: "Upheld", right: true, priority: 7),
            .init("aendretOphaevet", da: "Ændr./oph.", en: "Changed", right: true, priority: 7),
            .init("hjemvist", da: "Hjemvist", en: "Remitted", right: true, priority: 7),
            .init("notOnMerits", da: "Afv./henv.", en: "Not merits", right: true, priority: 5),
            .init("omgoerelsesprocent", da: "Omgørelse %", en: "Reversed %", right: true, priority: 10),
            .init("divisor", da: "Af", en: "Of", right: true, priority: 9),
            .init("received", da: "Modtaget", en: "Received", right: true, priority: 6),
            .init("reconsideredInTime", da: "Genv. ≤28 d", en: "Recons. ≤28 d", right: true, priority: 6),
            .init("agreedInReconsideration", da: "Medhold", en: "Agreed", right: true, priority: 5),
            .init("pending", da: "Verserer", en: "Pending", right: true, priority: 8),
        ])
        for l in lines {
            t.rows.append([
                l.paragraph.map(Cell.paragraph) ?? .shownOnly(Message(da: "I alt", en: "Total")),
                .plain(l.year), .int(l.decided), .int(l.upheld), .int(l.changedOrAnnulled), .int(l.remitted), .int(l.notOnMerits),
                oneDecimal(l.reversalRate), .int(l.divisor), .int(l.received), .int(l.reconsideredInTime),
                .int(l.agreedInReconsideration), count(l.pending),
            ])
        }
        return t
    }

    /// Belægning (management.md §7): per provider and month (and the year's months together), the
    /// capacity and occupied days, occupancy and free places; providers without agreed places last.
    public static func occupancy(_ lines: [OccupancyLine]) -> ViewTable {
        var t = ViewTable(view: "belaegning", columns: [
            .init("provider", da: "Tilbud", en: "Provider", maxWidth: 30, priority: 10),
            .init("paragraph", da: "Paragraf", en: "Paragraph", maxWidth: 10, priority: 6),
            .init("month", da: "Måned", en: "Month", priority: 10),
            .init("places", da: "Pladser", en: "Places", right: true, priority: 6),
            .init("capacityDays", da: "Kapacitet dage", en: "Capacity days", right: true, priority: 5),
            .init("occupiedDays", da: "Belagte dage", en: "Occupied days", right: true, priority: 7),
            .init("occupancy", da: "Belagt %", en: "Occupied %", right: true, priority: 10),
            .init("freePlaces", da: "Ledige", en: "Free", right: true, priority: 8),
            .init("budgetedOccupancy", da: "Budget %", en: "Budget %", right: true, priority: 4),
        ])
        for l in lines {
            t.rows.append([
                .text(l.provider), l.paragraph.map(Cell.paragraph) ?? .message(nil),
                l.month.map { .text($0.key) } ?? .shownOnly(Message(da: "året", en: "year")),
                oneDecimal(l.places), count(l.capacityDays), .int(l.occupiedDays),
                l.hasAgreement ? oneDecimal(l.occupancy) : .shownOnly(Message(da: "uden aftale", en: "no agreement")),
                oneDecimal(l.freePlaces),
                oneDecimal(l.budgetedOccupancy),
            ])
        }
        return t
    }
}

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
                figure(l.count, measure), l.population.map { .int(Int($0)) } ?? .message(nil), oneDecimal(l.rate),
                l.rank.map(Cell.int) ?? .message(nil), oneDecimal(l.othersRate),
                differing(l.own, from: l.count, isOwn: l.isOwn, measure),
            ])
        }
        return t
    }

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
