/// The language of screens, reports and messages: Danish first, English on request.
public enum Language: String, Sendable, CaseIterable {
    case da
    case en
}

/// A text for the user in both languages.
public struct Message: Hashable, Sendable, CustomStringConvertible {
    public let da: String
    public let en: String

    public init(da: String, en: String) {
        self.da = da
        self.en = en
    }

    public func text(_ language: Language) -> String { language == .da ? da : en }
    public var description: String { da }
}
