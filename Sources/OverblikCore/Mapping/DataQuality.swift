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
        // Counted in place (by the sync's writer while the figures are computed, at national size): no copies
        // of the records, a caseworker's name compared once, an account looked up once per run.
        let mapping = d.mappingIndex
        let staff = Set(d.staff.map { $0.initials.lowercased() })
        // (Caseworkers numbered by their bytes, each looked up in the staff once: no String hashed per grant.)
        var withoutRate = 0, unknownCaseworker = 0, workers = TextNumbers(), inStaff: [Bool] = []
        d.grants.withUnsafeBufferPointer { grants in
            for i in grants.indices {
                if grants[i].dailyRate == nil { withoutRate += 1 }
                guard !staff.isEmpty, !grants[i].caseworker.isEmpty else { continue }
                let w = Int(workers.number(grants[i].caseworker))
                if w == inStaff.count { inStaff.append(staff.contains(grants[i].caseworker.lowercased())) }
                if !inStaff[w] { unknownCaseworker += 1 }
            }
        }
        var withoutParagraph = 0
        var last: (function: Symbol, grouping: Symbol, mapped: Bool)?
        for i in d.payments.indices {
            let (function, grouping) = (d.payments[i].function, d.payments[i].grouping)
            if last?.function != function || last?.grouping != grouping {
                last = (function, grouping, !mapping.paragraphs(function: function, grouping: grouping).isEmpty)
            }
            if last?.mapped == false { withoutParagraph += 1 }
        }
        self.init(grantsWithoutRate: withoutRate, paymentsWithoutParagraph: withoutParagraph, grantsWithUnknownCaseworker: unknownCaseworker)
    }

    /// The counts as name → number, in the order the Datastatus view lists them.
    public var pairs: [(key: String, label: Message, count: Int)] {
        [("grantsWithoutRate", Message(da: "Indsatser uden takst (koster intet)", en: "Grants without a rate (cost nothing)"), grantsWithoutRate),
         ("paymentsWithoutParagraph", Message(da: "Posteringer hvis konto ikke findes i masteroversigten", en: "Payments whose account is not in the mapping"), paymentsWithoutParagraph),
         ("grantsWithUnknownCaseworker", Message(da: "Indsatser med en sagsbehandler, der ikke er i medarbejderfilen", en: "Grants whose caseworker is not in the staff file"), grantsWithUnknownCaseworker)]
    }
}
