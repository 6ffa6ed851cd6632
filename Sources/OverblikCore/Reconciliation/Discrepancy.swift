/// The kinds of discrepancy the reconciliation finds (domain.md, "Discrepancy kinds").
public enum DiscrepancyKind: String, Sendable, CaseIterable, Comparable {
    case onlyInCaseSystem, onlyInEconomy, paidOutsideGrant, rateMismatch
    case notReportedToDst, reportedNotGranted, dstCodeMismatch, dstPeriodMismatch
    case overlappingGrants, invalidServiceCode, under18, missingTargetGroup, dataBreak

    public static func < (a: DiscrepancyKind, b: DiscrepancyKind) -> Bool {
        // By construction: every case is in `allCases`.
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public var label: Message {
        switch self {
        case .onlyInCaseSystem: return Message(da: "Kun i fagsystem", en: "Only in case system")
        case .onlyInEconomy: return Message(da: "Kun i økonomi", en: "Only in economy")
        case .paidOutsideGrant: return Message(da: "Betalt uden for bevilling", en: "Paid outside grant")
        case .rateMismatch: return Message(da: "Takst afviger", en: "Rate mismatch")
        case .notReportedToDst: return Message(da: "Ikke indberettet til DST", en: "Not reported to DST")
        case .reportedNotGranted: return Message(da: "Indberettet uden bevilling", en: "Reported, not granted")
        case .dstCodeMismatch: return Message(da: "DST-kode afviger", en: "DST code mismatch")
        case .dstPeriodMismatch: return Message(da: "DST-periode afviger", en: "DST period mismatch")
        case .overlappingGrants: return Message(da: "Overlappende bevillinger", en: "Overlapping grants")
        case .invalidServiceCode: return Message(da: "Ugyldig ydelseskode", en: "Invalid service code")
        case .under18: return Message(da: "Under 18 år", en: "Under 18")
        case .missingTargetGroup: return Message(da: "Målgruppe mangler", en: "Target group missing")
        case .dataBreak: return Message(da: "Databrud", en: "Data break")
        }
    }
}

/// One discrepancy between the systems, or within one of them.
public struct Discrepancy: Hashable, Sendable {
    public init(key: String, kind: DiscrepancyKind, paragraph: Paragraph, cpr: CPR?, caseIds: [String], voucherIds: [String], month: String?, caseworker: String, amount: Money?, explained: Bool, explanation: Message?, message: Message) {
        self.key = key; self.kind = kind; self.paragraph = paragraph; self.cpr = cpr; self.caseIds = caseIds; self.voucherIds = voucherIds; self.month = month; self.caseworker = caseworker; self.amount = amount; self.explained = explained; self.explanation = explanation; self.message = message
    }

    /// Stable across syncs (kind, paragraph, CPR and what identifies it), so that a note put
    /// on it re-attaches after the next sync.
    public var key: String
    public var kind: DiscrepancyKind
    public var paragraph: Paragraph
    /// Nil for a data break (it concerns a paragraph, not a citizen).
    public var cpr: CPR?
    public var caseIds: [String]
    public var voucherIds: [String]
    /// `YYYY-MM` for the kinds that concern a month.
    public var month: String?
    public var caseworker: String
    public var amount: Money?
    public var explained: Bool
    public var explanation: Message?
    public var message: Message
}

/// A discrepancy's stable key (domain.md: the kind, the paragraph, the CPR, and the case id(s),
/// voucher or month that identifies it), so that a note put on it survives later syncs. Its text
/// form `kind|paragraph|cpr digits|id` is what annotations store and reports show; this is the one
/// place that writes and reads it.
public struct DiscrepancyKey: Hashable, Sendable {
    public var kind: DiscrepancyKind
    public var paragraph: Paragraph
    public var cpr: CPR?
    /// The case id(s) (joined by `+`), `voucher@first day`, `YYYY-MM`, or empty.
    public var id: String

    public init(_ kind: DiscrepancyKind, _ paragraph: Paragraph, _ cpr: CPR?, _ id: String) {
        self.kind = kind; self.paragraph = paragraph; self.cpr = cpr; self.id = id
    }

    /// `kind|paragraph|cpr digits|id`.
    public var text: String { "\(kind.rawValue)|\(paragraph.key)|\(cpr?.digits ?? "")|\(id)" }

    /// A key read back from its text; nil when the text is no key. The id keeps any `|` it holds.
    public init?(text: String) {
        let parts = text.split(separator: "|", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, let kind = DiscrepancyKind(rawValue: parts[0]), let paragraph = Paragraph(key: parts[1]) else { return nil }
        var cpr: CPR?
        if !parts[2].isEmpty {
            guard case .success(let c) = CPR.parse(parts[2]) else { return nil }
            cpr = c
        }
        self.init(kind, paragraph, cpr, parts[3])
    }
}
