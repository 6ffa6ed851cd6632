/// The tables of a source drop, each described once in this file: its name, whether a sync needs
/// it, its default file, its label, and its columns (`columns`).
public enum TableName: String, Sendable, CaseIterable, Hashable, Comparable {
    case grants, staff, payments, budget, dst, mapping
    /// The optional tables of management information (management.md), read when present.
    case decisions, appeals, providers
    /// Danmarks Statistik's StatBank: the service table (HAND07 or HAND01) and FOLK1A (management.md §6).
    case statbank, population

    /// Whether a sync fails without this table.
    public var isRequired: Bool { self == .grants || self == .payments || self == .mapping }

    /// A table of management information: listed among a snapshot's sources only when configured
    /// or present, so that a drop without them syncs exactly as before.
    public var isManagement: Bool { [.decisions, .appeals, .providers, .statbank, .population].contains(self) }

    /// A StatBank table: its areas, sexes, civil statuses and ages not used are skipped, not rejected.
    public var isStatBank: Bool { self == .statbank || self == .population }

    /// The file a drop has when the configuration names none.
    public var defaultPath: String {
        switch self {
        case .grants: return "fagsystem/indsatser.csv"
        case .staff: return "fagsystem/medarbejdere.csv"
        case .payments: return "okonomi/posteringer.csv"
        case .budget: return "okonomi/budget.csv"
        case .dst: return "dst/indberetning.csv"
        case .mapping: return "stamdata/masteroversigt.csv"
        case .decisions: return "fagsystem/ansoegninger.csv"
        case .appeals: return "fagsystem/klagesager.csv"
        case .providers: return "stamdata/tilbud.csv"
        case .statbank: return "dst/hand07.csv"
        case .population: return "dst/folk1a.csv"
        }
    }

    public var label: Message {
        switch self {
        case .grants: return Message(da: "Indsatser", en: "Grants")
        case .staff: return Message(da: "Medarbejdere", en: "Staff")
        case .payments: return Message(da: "Posteringer", en: "Payments")
        case .budget: return Message(da: "Budget", en: "Budget")
        case .dst: return Message(da: "DST-indberetning", en: "DST reporting")
        case .mapping: return Message(da: "Masteroversigt", en: "Mapping")
        case .decisions: return Message(da: "Ansøgninger", en: "Applications")
        case .appeals: return Message(da: "Klagesager", en: "Appeals")
        case .providers: return Message(da: "Tilbud", en: "Providers")
        case .statbank: return Message(da: "Statistikbanken", en: "StatBank")
        case .population: return Message(da: "Befolkning", en: "Population")
        }
    }

    public static func < (a: TableName, b: TableName) -> Bool {
        // By construction: every case is in `allCases`.
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// How a source column's value is kept in the snapshot.
public enum StoredType: String, Sendable {
    case integer = "INTEGER", text = "TEXT"
}

/// One column of a source table, described once: its field (the key under `columns` in the
/// configuration, and the name the readers ask for), the export's default header, whether a sync
/// fails without it, and the snapshot column that keeps it. The configuration reader, the row
/// readers, the snapshot's CREATE, INSERT and SELECT, and the sample generator's header lines all
/// come from `TableName.columns`.
public struct SourceColumn: Sendable, Hashable {
    public let field: String
    public let header: String
    public let required: Bool
    /// The snapshot's column; nil where the table is not kept column by column (payments are packed).
    public let stored: String?
    public let type: StoredType
    /// An absent value is kept as NULL (else the column is NOT NULL; absent text is '').
    public let nullable: Bool
    public let unique: Bool
    /// What the schema says about the column (units, codes, what NULL means).
    public let note: String?

    init(_ field: String, _ header: String, required: Bool = false, stored: String?, _ type: StoredType,
         nullable: Bool = false, unique: Bool = false, note: String? = nil) {
        self.field = field; self.header = header; self.required = required; self.stored = stored; self.type = type
        self.nullable = nullable; self.unique = unique; self.note = note
    }
}

extension TableName {
    /// The table's columns in the export's order, with the default headers of the exports' description.
    public var columns: [SourceColumn] {
        typealias C = SourceColumn
        switch self {
        case .grants:
            return [
                C("caseId", "Sags-ID", required: true, stored: "case_id", .text, unique: true),
                C("cpr", "CPR", required: true, stored: "cpr", .integer),
                C("name", "Navn", stored: "name", .text),
                C("paragraph", "Paragraf", required: true, stored: "paragraph", .text, note: "normalised key, e.g. SEL-108"),
                C("serviceCode", "Ydelseskode", stored: "service_code", .text),
                C("serviceName", "Ydelse", stored: "service_name", .text),
                C("provider", "Leverandør", stored: "provider", .text),
                C("start", "Startdato", required: true, stored: "start", .integer),
                C("end", "Slutdato", stored: "end", .integer, nullable: true, note: "inclusive; NULL = ongoing"),
                C("rate", "Takst", stored: "rate", .integer, nullable: true, note: "øre per rate unit; NULL = costs nothing"),
                C("rateUnit", "Takstenhed", stored: "rate_unit", .text, nullable: true, note: "dag, uge, måned, år, time"),
                C("hoursPerWeek", "Timer pr. uge", stored: "hours_per_week", .integer, nullable: true, note: "hundredths of an hour"),
                C("caseworker", "Sagsbehandler", stored: "caseworker", .text),
                C("team", "Team", stored: "team", .text),
                C("nextFollowUp", "Næste opfølgning", stored: "next_follow_up", .integer, nullable: true),
                C("lastFollowUp", "Seneste opfølgning", stored: "last_follow_up", .integer, nullable: true),
                C("targetGroup", "Målgruppe", stored: "target_group", .text, note: "'' = Uoplyst"),
                C("actingMunicipality", "Handlekommune", stored: "acting_municipality", .text, nullable: true),
                C("payingMunicipality", "Betalingskommune", stored: "paying_municipality", .text, nullable: true),
            ]
        case .staff:
            return [
                C("initials", "Initialer", required: true, stored: "initials", .text),
                C("name", "Navn", stored: "name", .text),
                C("team", "Team", stored: "team", .text),
                C("role", "Rolle", stored: "role", .text, note: "sagsbehandler, teamleder, konsulent"),
                C("username", "Brugernavn", stored: "username", .text),
            ]
        case .payments:
            // Packed per citizen and per function and month (PaymentCodec), not column by column.
            return [
                C("voucherId", "Bilagsnr", required: true, stored: nil, .text),
                C("cpr", "CPR", required: true, stored: nil, .integer),
                C("function", "Funktion", required: true, stored: nil, .text),
                C("grouping", "Gruppering", stored: nil, .text),
                C("provider", "Leverandør", stored: nil, .text),
                C("periodStart", "Periode fra", required: true, stored: nil, .integer),
                C("periodEnd", "Periode til", required: true, stored: nil, .integer),
                C("amount", "Beløb", required: true, stored: nil, .integer),
                C("postingDate", "Bogføringsdato", required: true, stored: nil, .integer),
                C("payingMunicipality", "Betalingskommune", stored: nil, .text, nullable: true),
                C("actingMunicipality", "Handlekommune", stored: nil, .text, nullable: true),
            ]
        case .budget:
            return [
                C("year", "År", required: true, stored: "year", .integer),
                C("month", "Måned", required: true, stored: "month", .integer),
                C("function", "Funktion", required: true, stored: "function", .text),
                C("budget", "Budget", required: true, stored: "budget", .integer),
                C("correctedBudget", "Korrigeret budget", stored: "corrected_budget", .integer, nullable: true),
            ]
        case .dst:
            return [
                C("cpr", "CPR", required: true, stored: "cpr", .integer),
                C("paragraph", "Paragraf", required: true, stored: "paragraph", .text),
                C("dstCode", "DST-ydelseskode", required: true, stored: "dst_code", .text),
                C("start", "Startdato", required: true, stored: "start", .integer),
                C("end", "Slutdato", stored: "end", .integer, nullable: true),
                C("targetGroup", "Målgruppe", stored: "target_group", .text),
            ]
        case .mapping:
            return [
                C("paragraph", "Paragraf", required: true, stored: "paragraph", .text),
                C("function", "Funktion", required: true, stored: "function", .text),
                C("grouping", "Gruppering", stored: "grouping", .text),
                C("dstCode", "DST-ydelseskode", stored: "dst_code", .text),
                C("serviceCodes", "Ydelseskoder", stored: "service_codes", .text, note: "comma-separated"),
                C("label", "Tekst", stored: "label", .text),
            ]
        case .decisions:
            return [
                C("applicationId", "Ansøgnings-ID", required: true, stored: "application_id", .text, unique: true),
                C("cpr", "CPR", required: true, stored: "cpr", .integer),
                C("paragraph", "Paragraf", required: true, stored: "paragraph", .text),
                C("caseworker", "Sagsbehandler", stored: "caseworker", .text),
                C("team", "Team", stored: "team", .text),
                C("received", "Modtaget", required: true, stored: "received", .integer),
                C("decided", "Afgørelsesdato", required: true, stored: "decided", .integer, nullable: true, note: "NULL = pending"),
                C("outcome", "Afgørelse", required: true, stored: "outcome", .text, nullable: true,
                  note: "bevilget, delvis bevilget, afslag, henlagt; NULL = pending"),
                C("caseId", "Sags-ID", stored: "case_id", .text),
                C("serviceCode", "Ydelseskode", stored: "service_code", .text),
                C("noticeSent", "Besked sendt", stored: "notice_sent", .integer, nullable: true),
            ]
        case .appeals:
            return [
                C("appealId", "Klage-ID", required: true, stored: "appeal_id", .text, unique: true),
                C("cpr", "CPR", required: true, stored: "cpr", .integer),
                C("paragraph", "Paragraf", required: true, stored: "paragraph", .text),
                C("decisionDate", "Afgørelsesdato", stored: "decision_date", .integer, nullable: true, note: "the decision appealed"),
                C("received", "Klage modtaget", required: true, stored: "received", .integer),
                C("reconsidered", "Genvurderet", stored: "reconsidered", .integer, nullable: true),
                C("reconsideration", "Genvurdering", stored: "reconsideration", .text, nullable: true,
                  note: "fastholdt, medhold, delvis medhold"),
                C("boardDecided", "Ankestyrelsens afgørelse", required: true, stored: "board_decided", .integer, nullable: true,
                  note: "NULL = pending"),
                C("outcome", "Resultat", required: true, stored: "outcome", .text, nullable: true,
                  note: "stadfæstet, ændret, ophævet, hjemvist, afvist, henvist, bortfaldet; NULL = pending"),
                C("caseworker", "Sagsbehandler", stored: "caseworker", .text),
            ]
        case .providers:
            return [
                C("provider", "Leverandør", required: true, stored: "provider", .text),
                C("paragraph", "Paragraf", stored: "paragraph", .text, nullable: true),
                C("places", "Pladser", required: true, stored: "places", .integer),
                C("from", "Fra", stored: "valid_from", .integer, nullable: true, note: "NULL = always"),
                C("to", "Til", stored: "valid_to", .integer, nullable: true, note: "NULL = ongoing"),
                C("own", "Egen kommune", stored: "own", .integer, note: "1 = one of the municipality's own offers"),
                C("budgetedOccupancy", "Budgetteret belægning", stored: "budgeted_occupancy", .integer, nullable: true,
                  note: "per cent × 100"),
            ]
        case .statbank:
            return [
                C("municipality", "OMRÅDE", required: true, stored: "code", .text, note: "the three-digit code the area cell names"),
                C("service", "YDELSESTYPE", required: true, stored: "service", .text, note: "as given: code, or code and text"),
                C("period", "TID", required: true, stored: "quarter", .text, note: "2025K3"),
                C("value", "INDHOLD", required: true, stored: "value", .integer, nullable: true, note: "hundredths; NULL = .. (not published)"),
            ]
        case .population:
            return [
                C("municipality", "OMRÅDE", required: true, stored: "code", .text, note: "the three-digit code the area cell names"),
                C("sex", "KØN", stored: nil, .text),
                C("age", "ALDER", required: true, stored: "age", .integer, note: "one year of age within [comparison] ages"),
                C("civilStatus", "CIVILSTAND", stored: nil, .text),
                C("period", "TID", required: true, stored: "quarter", .text, note: "2025K3: the quarter's first day"),
                C("value", "INDHOLD", required: true, stored: "value", .integer, nullable: true, note: "people; NULL = .."),
            ]
        }
    }

    /// The table's default header line (`;`-separated), with `renamed` headers (field → header) instead.
    public func headerLine(renamed: [String: String] = [:]) -> [String] {
        columns.map { renamed[$0.field] ?? $0.header }
    }
}
