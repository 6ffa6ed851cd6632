/// A source row that could not be read: kept, counted and shown, never dropped silently.
public struct RejectedRow: Hashable, Sendable {
    public var table: TableName
    public var file: String
    /// The physical line where the row starts (the header is line 1).
    public var line: Int
    /// The header of the offending column; empty when the row as a whole is wrong.
    public var column: String
    /// The field name of that column (`cpr`, `start`, …); empty when the row as a whole is wrong.
    public var field: String
    /// The raw value (or the raw line when the row as a whole is wrong).
    public var value: String
    public var reason: Message

    public init(table: TableName, file: String, line: Int, column: String, field: String = "", value: String,
                reason: Message) {
        self.table = table; self.file = file; self.line = line; self.column = column; self.field = field
        self.value = value; self.reason = reason
    }

    /// The raw value as it may be shown without revealing personal data: a value from a CPR
    /// column keeps its first six characters (the birth date) only; any CPR-shaped number in
    /// other values is masked.
    public var maskedValue: String {
        if field == "cpr" {
            let head = value.prefix(6)
            return head + String(repeating: "x", count: max(0, value.count - head.count))
        }
        return CPR.maskAll(in: value)
    }
}

/// What a sync read of one source file.
public struct SourceInfo: Hashable, Sendable {
    public var table: TableName
    /// The path as configured (relative to the configuration file where it was given so).
    public var path: String
    /// Hex SHA-256 of the file's bytes; empty when the file is absent.
    public var sha256: String
    public var bytes: Int64
    /// Data rows read (the header and blank lines not counted).
    public var rows: Int
    public var rejected: Int
    /// Rows read but not used and not wrong (StatBank's whole country, regions, other ages …).
    public var skipped: Int = 0
    /// The file's modification day (ISO); empty when absent or not known.
    public var modified: String = ""
    /// The encoding used (`utf-8`, `windows-1252`); empty when absent.
    public var encoding: String
    /// False for an optional table whose file is not in the drop.
    public var present: Bool

    public init(table: TableName, path: String, sha256: String = "", bytes: Int64 = 0, rows: Int = 0,
                rejected: Int = 0, encoding: String = "", present: Bool = true) {
        self.table = table; self.path = path; self.sha256 = sha256; self.bytes = bytes; self.rows = rows
        self.rejected = rejected; self.encoding = encoding; self.present = present
    }
}

/// Everything one sync read: the accepted records of every table, the rejected rows and the sources.
public struct Dataset: Sendable, Equatable {
    public var municipality: Municipality
    public var grants: [Grant] = []
    public var staff: [StaffMember] = []
    public var payments: [Payment] = []
    /// The texts the payments' symbols stand for.
    public var symbols = Symbols()
    public var budget: [BudgetLine] = []
    public var dst: [DstRow] = []
    public var mapping: [MappingRow] = []
    /// Applications and decisions (management.md §4); empty when the drop has none.
    public var decisions: [Decision] = []
    /// Appeals to Ankestyrelsen (management.md §5); empty when the drop has none.
    public var appeals: [Appeal] = []
    /// Agreed places per provider (management.md §7); empty when the drop has none.
    public var providers: [ProviderAgreement] = []
    /// StatBank's service table and FOLK1A (management.md §6); empty when the drop has none.
    public var statbank: [StatBankFigure] = []
    public var population: [PopulationFigure] = []
    public var rejected: [RejectedRow] = []
    public var sources: [SourceInfo] = []

    public init(municipality: Municipality) { self.municipality = municipality }

    /// The masteroversigt's look-ups for this dataset's payments.
    public var mappingIndex: MappingIndex { MappingIndex(mapping, symbols: symbols) }

    /// Adds a payment given by its texts.
    public mutating func addPayment(voucherId: String, cpr: CPR, function: String, grouping: String = "", provider: String = "",
                                    periodStart: Day, periodEnd: Day, amount: Money, postingDate: Day,
                                    payingMunicipality: String? = nil, actingMunicipality: String? = nil, line: Int = 0) {
        let p = Payment(voucherId: voucherId, cpr: cpr, function: function, grouping: grouping, provider: provider,
                        periodStart: periodStart, periodEnd: periodEnd, amount: amount, postingDate: postingDate,
                        payingMunicipality: payingMunicipality, actingMunicipality: actingMunicipality, line: line,
                        symbols: &symbols)
        payments.append(p)
    }
}
