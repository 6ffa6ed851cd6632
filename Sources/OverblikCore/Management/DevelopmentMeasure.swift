/// The measures of Udvikling (management.md §1), each with its name, how its value is read from a
/// row, and the help text the TUI's `?` and the status report show.
public enum DevelopmentMeasure: String, CaseIterable, Sendable {
    case activeAtMonthEnd, inflow, outflow, fullTimePersons, spend, paidFor, unitCostRate, grants

    public var label: Message {
        switch self {
        case .activeAtMonthEnd: return Message(da: "Borgere ultimo", en: "Citizens at month end")
        case .inflow: return Message(da: "Tilgang", en: "Inflow")
        case .outflow: return Message(da: "Afgang", en: "Outflow")
        case .fullTimePersons: return Message(da: "Helårspersoner", en: "Full-time persons")
        case .spend: return Message(da: "Forbrug", en: "Spend")
        case .paidFor: return Message(da: "Betalt for", en: "Paid for")
        case .unitCostRate: return Message(da: "Enhedspris pr. år", en: "Unit cost per year")
        case .grants: return Message(da: "Bevillinger", en: "Grants")
        }
    }

    /// The label as a column heading of the `udvikling` report (shorter where the label is long).
    public var columnTitle: Message {
        switch self {
        case .activeAtMonthEnd: return Message(da: "Aktive ultimo", en: "Active at month end")
        case .fullTimePersons: return Message(da: "Helårspers.", en: "Full-time")
        case .unitCostRate: return Message(da: "Enhedspris/år", en: "Unit cost/year")
        default: return label
        }
    }

    public var help: Message {
        switch self {
        case .activeAtMonthEnd:
            return Message(da: "Borgere ultimo: borgere med en aktiv bevilling på månedens sidste dag. En borger tælles én gang pr. paragraf, funktion, målgruppe eller team, og én gang i alt.",
                           en: "Citizens at month end: citizens with a grant active on the month's last day, counted once per paragraph, function, target group or team, and once in the total.")
        case .inflow:
            return Message(da: "Tilgang: borgere, der begynder at modtage en ydelse i måneden (et sammenhængende forløb, der starter).",
                           en: "Inflow: citizens who start receiving a service in the month (a continuous spell that begins).")
        case .outflow:
            return Message(da: "Afgang: borgere, hvis sammenhængende forløb slutter i måneden. En åben slutdato er ingen afgang.",
                           en: "Outflow: citizens whose continuous spell ends in the month. An open end is no outflow.")
        case .fullTimePersons:
            return Message(da: "Helårspersoner: antal borgere omregnet til hele år. 12 borgere med ydelse en måned hver giver 1 helårsperson.",
                           en: "Full-time persons: citizens converted to whole years. 12 citizens with a service for one month each make 1 full-time person.")
        case .spend:
            return Message(da: "Forbrug: betalinger bogført i måneden (efter bogføringsdato), uanset hvilken periode de dækker.",
                           en: "Spend: payments posted in the month (by posting date), whatever period they cover.")
        case .paidFor:
            return Message(da: "Betalt for: den del af betalingerne, der dækker månedens dage (beløb fordelt efter periodens dage).",
                           en: "Paid for: the part of the payments that covers the month's days (amounts spread over their periods' days).")
        case .unitCostRate:
            return Message(da: "Enhedspris pr. år: betalt for ÷ dækkede dage × årets dage — kroner pr. helårsperson pr. år i månedens tempo (kun bevillinger, kommunen selv betaler).",
                           en: "Unit cost per year: paid for ÷ covered days × the year's days — kroner per full-time person per year at the month's pace (grants this municipality pays).")
        case .grants:
            return Message(da: "Bevillinger: bevillinger aktive på månedens sidste dag (sager, ikke borgere).",
                           en: "Grants: grants active on the month's last day (cases, not citizens).")
        }
    }

    /// Whether values are kroner (else counts or full-time persons).
    public var isMoney: Bool { self == .spend || self == .paidFor || self == .unitCostRate }

    /// The month's value (kroner for money), none where the row has none.
    public func value(_ row: DevelopmentRow) -> Double? {
        value(row.figures, unitCost: row.unitCostRate)
    }

    /// The same month a year earlier.
    public func lastYear(_ row: DevelopmentRow) -> Double? {
        row.lastYear.flatMap { value($0, unitCost: row.unitCostRateLastYear) }
    }

    /// Over the twelve months ending with the row's: flows summed, stocks the mean, rates over the days.
    public func rolling12(_ row: DevelopmentRow) -> Double? {
        guard let t = row.rolling12 else { return nil }
        switch self {
        case .activeAtMonthEnd: return t.activeAtMonthEnd
        case .inflow: return Double(t.inflow)
        case .outflow: return Double(t.outflow)
        case .fullTimePersons: return t.fullTimePersons.value
        case .spend: return t.spend.map { Double($0.ore) / 100 }
        case .paidFor: return t.paidFor.map { Double($0.ore) / 100 }
        case .unitCostRate: return t.unitCostRate.map { Double($0.ore) / 100 }
        case .grants: return t.grants
        }
    }

    func value(_ f: MonthFigures, unitCost: Money?) -> Double? {
        switch self {
        case .activeAtMonthEnd: return Double(f.activeAtMonthEnd)
        case .inflow: return Double(f.inflow)
        case .outflow: return Double(f.outflow)
        case .fullTimePersons: return f.fullTimePersons.value
        case .spend: return f.spend.map { Double($0.ore) / 100 }
        case .paidFor: return f.paidFor.map { Double($0.ore) / 100 }
        case .unitCostRate: return unitCost.map { Double($0.ore) / 100 }
        case .grants: return Double(f.grants)
        }
    }
}
