import OverblikCore

/// The facts a snapshot records about itself.
public struct SnapshotMetadata: Sendable, Equatable {
    /// When the sync made it, ISO 8601 with the time zone offset (`2026-11-23T06:00:00+01:00`).
    public var createdAt: String
    /// The day the derived figures were computed for (`--today` of the sync).
    public var today: Day
    public var municipality: Municipality
    public var programVersion: String
    public var configPath: String
    public var dueSoonDays: Int
    public var rateTolerance: Double
    public var maxRejectShare: Double
    /// The `[access]` rules the sync was configured with: enforced by every reader of the snapshot.
    public var access: AccessRules
    /// `[servicemaal]`: the goals, target share and closed days (management.md §4).
    public var serviceGoals = ServiceGoals()
    /// `[ledelsestilsyn]`: the period, sample size, salt and checklist (management.md §3).
    public var supervision = SupervisionSettings()
    /// `[comparison]`: the measure, the municipalities and the age band (management.md §6).
    public var comparison = ComparisonSettings()

    public init(createdAt: String, today: Day, municipality: Municipality, programVersion: String,
                configPath: String, dueSoonDays: Int = Defaults.dueSoonDays, rateTolerance: Double = Defaults.rateTolerance, maxRejectShare: Double = Defaults.maxRejectShare,
                access: AccessRules = AccessRules()) {
        self.createdAt = createdAt; self.today = today; self.municipality = municipality
        self.programVersion = programVersion; self.configPath = configPath; self.dueSoonDays = dueSoonDays
        self.rateTolerance = rateTolerance; self.maxRejectShare = maxRejectShare; self.access = access
    }

    package var pairs: [(String, String)] {
        [("created_at", createdAt), ("today", today.iso), ("municipality_code", municipality.code),
         ("municipality_name", municipality.name), ("program_version", programVersion),
         ("schema_version", String(Schema.version)), ("config_path", configPath),
         ("due_soon_days", String(dueSoonDays)), ("rate_tolerance", String(rateTolerance)),
         ("max_reject_share", String(maxRejectShare)), ("access", access.text), ("service_goals", serviceGoals.text),
         ("ledelsestilsyn", supervision.text), ("comparison", comparison.text)]
    }
}

/// Why a snapshot cannot be opened or read.
public struct SnapshotError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: Message

    public init(path: String, message: Message) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message.da)" }
    public func text(_ language: Language) -> String { "\(path): \(message.text(language))" }
}
