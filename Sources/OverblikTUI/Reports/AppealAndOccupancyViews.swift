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
