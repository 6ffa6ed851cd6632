/// Counts the Datastatus view shows besides the rejected rows: records that were read but
/// that some figure cannot use in full.
public struct DataQuality: Hashable, Sendable {
    /// Grants with no rate or rate unit (or an hourly rate with no hours): they cost nothing in every figure.
    public var grantsWithoutRate: Int
    /// Payments whose account (function, grouping) maps to no paragraph: they count on the
    /// Økonomi view but take no part in reconciliation.
    public var paymentsWithoutParagraph: Int
    /// Grants whose caseworker is not in the staff file (only when there is one).
    public var grantsWithUnknownCaseworker: Int

    public init(grantsWithoutRate: Int, paymentsWithoutParagraph: Int, grantsWithUnknownCaseworker: Int) {
        self.grantsWithoutRate = grantsWithoutRate
        self.paymentsWithoutParagraph = paymentsWithoutParagraph
        self.grantsWithUnknownCaseworker = grantsWithUnknownCaseworker
    }

    public init(_ d: Dataset) {
        let mapping = d.mappingIndex
        let staff = Set(d.staff.map { $0.initials.lowercased() })
        self.init(
            grantsWithoutRate: d.grants.filter { $0.dailyRate == nil }.count,
            paymentsWithoutParagraph: d.payments.filter { mapping.paragraphs(function: $0.function, grouping: $0.grouping).isEmpty }.count,
            grantsWithUnknownCaseworker: staff.isEmpty ? 0 : d.grants.filter { !$0.caseworker.isEmpty && !staff.contains($0.caseworker.lowercased()) }.count)
    }

    /// The counts as name → number, in the order the Datastatus view lists them.
    public var pairs: [(key: String, label: Message, count: Int)] {
        [("grantsWithoutRate", Message(da: "Indsatser uden takst (koster intet)", en: "Grants without a rate (cost nothing)"), grantsWithoutRate),
         ("paymentsWithoutParagraph", Message(da: "Posteringer hvis konto ikke findes i masteroversigten", en: "Payments whose account is not in the mapping"), paymentsWithoutParagraph),
         ("grantsWithUnknownCaseworker", Message(da: "Indsatser med en sagsbehandler, der ikke er i medarbejderfilen", en: "Grants whose caseworker is not in the staff file"), grantsWithUnknownCaseworker)]
    }
}
