/// What a consultant has decided about a discrepancy (tui.md, Afstemning).
public enum AnnotationStatus: String, Sendable, CaseIterable, Hashable {
    case new = "ny"
    case investigating = "undersøges"
    case fixed = "rettet"
    case explained = "forklaret"

    public var label: Message {
        switch self {
        case .new: return Message(da: "ny", en: "new")
        case .investigating: return Message(da: "undersøges", en: "investigating")
        case .fixed: return Message(da: "rettet", en: "fixed")
        case .explained: return Message(da: "forklaret", en: "explained")
        }
    }
}

/// One entry in a discrepancy's history: a status and a note, by whom and when. The newest
/// entry for a key is the discrepancy's current status; older ones are kept.
public struct Annotation: Hashable, Sendable {
    /// The discrepancy's stable key (`Discrepancy.key`), so the note re-attaches after a sync.
    public var key: String
    public var status: AnnotationStatus
    public var note: String
    /// The login name of the person who wrote it.
    public var who: String
    /// When, as ISO 8601 in UTC (`2026-11-23T10:14:03Z`).
    public var at: String

    public init(key: String, status: AnnotationStatus, note: String, who: String, at: String) {
        self.key = key; self.status = status; self.note = note; self.who = who; self.at = at
    }
}

/// The state of a discrepancy's annotation against the current reconciliation.
public enum AnnotationState: Equatable, Sendable {
    /// Still found, with its newest annotation (nil when none).
    case open(Annotation?)
    /// Marked `rettet` and no longer found by the reconciliation: resolved.
    case resolved(Annotation)

    /// Which annotated keys are gone from the current discrepancies and were marked fixed.
    public static func resolved(current: [String: Annotation], discrepancyKeys: Set<String>) -> [Annotation] {
        current.values.filter { $0.status == .fixed && !discrepancyKeys.contains($0.key) }.sorted { $0.key < $1.key }
    }
}
