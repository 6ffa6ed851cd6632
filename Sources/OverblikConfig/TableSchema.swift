import OverblikCore

/// One column a table can have: its field name (the key under `columns` in the
/// configuration), its default header, and whether the sync fails without it.
public struct FieldSpec: Sendable, Hashable {
    public let field: String
    public let header: String
    public let required: Bool
}

extension TableName {
    /// The columns of the table, with the default headers of `exports.md`.
    public var fields: [FieldSpec] {
        func f(_ field: String, _ header: String, required: Bool = false) -> FieldSpec {
            FieldSpec(field: field, header: header, required: required)
        }
        switch self {
        case .grants:
            return [
                f("caseId", "Sags-ID", required: true), f("cpr", "CPR", required: true), f("name", "Navn"),
                f("paragraph", "Paragraf", required: true), f("serviceCode", "Ydelseskode"), f("serviceName", "Ydelse"),
                f("provider", "Leverandør"), f("start", "Startdato", required: true), f("end", "Slutdato"),
                f("rate", "Takst"), f("rateUnit", "Takstenhed"), f("hoursPerWeek", "Timer pr. uge"),
                f("caseworker", "Sagsbehandler"), f("team", "Team"), f("nextFollowUp", "Næste opfølgning"),
                f("lastFollowUp", "Seneste opfølgning"), f("targetGroup", "Målgruppe"),
                f("actingMunicipality", "Handlekommune"), f("payingMunicipality", "Betalingskommune"),
            ]
        case .staff:
            return [f("initials", "Initialer", required: true), f("name", "Navn"), f("team", "Team"),
                    f("role", "Rolle"), f("username", "Brugernavn")]
        case .payments:
            return [
                f("voucherId", "Bilagsnr", required: true), f("cpr", "CPR", required: true),
                f("function", "Funktion", required: true), f("grouping", "Gruppering"), f("provider", "Leverandør"),
                f("periodStart", "Periode fra", required: true), f("periodEnd", "Periode til", required: true),
                f("amount", "Beløb", required: true), f("postingDate", "Bogføringsdato", required: true),
                f("payingMunicipality", "Betalingskommune"), f("actingMunicipality", "Handlekommune"),
            ]
        case .budget:
            return [f("year", "År", required: true), f("month", "Måned", required: true),
                    f("function", "Funktion", required: true), f("budget", "Budget", required: true),
                    f("correctedBudget", "Korrigeret budget")]
        case .dst:
            return [f("cpr", "CPR", required: true), f("paragraph", "Paragraf", required: true),
                    f("dstCode", "DST-ydelseskode", required: true), f("start", "Startdato", required: true),
                    f("end", "Slutdato"), f("targetGroup", "Målgruppe")]
        case .mapping:
            return [f("paragraph", "Paragraf", required: true), f("function", "Funktion", required: true),
                    f("grouping", "Gruppering"), f("dstCode", "DST-ydelseskode"), f("serviceCodes", "Ydelseskoder"),
                    f("label", "Tekst")]
        }
    }
}
