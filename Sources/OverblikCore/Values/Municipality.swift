/// A Danish municipality (kommune): its 3-digit code and its name.
public struct Municipality: Hashable, Sendable {
    public let code: String
    public let name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }

    /// Whether a value from an export (`250`, `0250`, `Frederikssund`, `250 Frederikssund`, or empty) means this
    /// municipality. An empty value means this municipality (exports leave their own blank).
    public func isSelf(_ value: some StringProtocol) -> Bool {
        let v = Substring(value).trimmingSpaces
        if v.isEmpty { return true }
        if let n = Int(v), let own = Int(code) { return n == own }
        if v.lowercased() == name.lowercased() { return true }
        // "253 Greve", "Greve Kommune", "Århus" for Aarhus: through the list of the 98.
        if let c = DanishMunicipalities.code(v), let n = Int(c), let own = Int(code) { return n == own }
        return false
    }

    /// The value as stored on a record: nil for this municipality, else the value as given.
    public func other(_ value: some StringProtocol) -> String? {
        isSelf(value) ? nil : String(Substring(value).trimmingSpaces)
    }
}
