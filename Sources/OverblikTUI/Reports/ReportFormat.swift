import OverblikCore

/// The output formats of `overblik report`.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// The table the terminal UI shows.
    case text
    /// `;`-separated, Danish decimals, UTF-8 with BOM (for Excel in Danish).
    case csv
    /// `{ "view": …, "rows": [ … ] }` with plain numbers and ISO dates.
    case json
    /// One self-contained page (the status report only).
    case html
}

/// What every report is rendered with.
public struct ReportContext: Sendable {
    public var language: Language
    public var revealCPR: Bool
    public var today: Day

    public init(language: Language = .da, revealCPR: Bool = false, today: Day) {
        self.language = language
        self.revealCPR = revealCPR
        self.today = today
    }

    /// A CPR as this report may show it.
    public func show(_ cpr: CPR) -> String { revealCPR ? cpr.formatted : cpr.masked() }
    /// Free text that may hold CPR numbers (a rejected row's raw value).
    public func showText(_ text: String) -> String { revealCPR ? text : CPR.maskAll(in: text) }
    /// A rejected row's raw value as this report may show it.
    public func show(_ rejected: RejectedRow) -> String { revealCPR ? rejected.value : rejected.maskedValue }
    public func t(_ da: String, _ en: String) -> String { language == .da ? da : en }
}
