import OverblikCore

/// The delimiter of a source file: one byte, or detected from the header line.
public enum Delimiter: Sendable, Equatable {
    case auto
    case byte(UInt8)

    init?(configValue: String) {
        switch configValue {
        case "auto": self = .auto
        case ";": self = .byte(UInt8(ascii: ";"))
        case ",": self = .byte(UInt8(ascii: ","))
        case "\t", "tab", "\\t": self = .byte(UInt8(ascii: "\t"))
        case "|": self = .byte(UInt8(ascii: "|"))
        default: return nil
        }
    }
}

/// How to read one table of the drop.
public struct TableConfiguration: Sendable {
    public var table: TableName
    /// The path as written in the configuration (or the default).
    public var path: String
    /// The path resolved against the configuration file's folder.
    public var resolvedPath: String
    /// The configuration names this table (a missing file is then an error even when optional).
    public var isExplicit: Bool
    public var encoding: SourceEncoding
    public var delimiter: Delimiter
    public var decimal: DecimalStyle
    public var dateStyle: DateStyle
    /// Field name → header, for every field of the table.
    public var headers: [String: String]
}

/// Everything `overblik-sync` reads from `overblik.toml` (see `exports.md`).
public struct SyncConfiguration: Sendable {
    /// The configuration file itself.
    public var path: String
    public var municipality: Municipality
    /// Where snapshots are published (resolved).
    public var snapshotDirectory: String
    /// How many older snapshots are kept besides the newest.
    public var keep: Int
    /// Snapshot and annotation files readable by the owner's group too (mode 0640 instead of 0600).
    public var groupReadable: Bool
    public var tables: [TableName: TableConfiguration]
    /// "Snarlig opfølgning": a follow-up within this many days is due soon.
    public var dueSoonDays: Int
    /// The share paid may differ from expected before a `rateMismatch` is raised.
    public var rateTolerance: Double
    /// A table with a larger share of rejected rows fails the sync.
    public var maxRejectShare: Double
    /// Keys the configuration has that Overblik does not know (probably misspelt).
    public var warnings: [Message]
    /// `[access]`: who sees what (stored in every snapshot, enforced by its readers).
    public var access = AccessRules()
    /// `[servicemaal]` (management.md §4).
    public var serviceGoals = ServiceGoals()
    /// `[ledelsestilsyn]` (management.md §3).
    public var supervision = SupervisionSettings()
    /// `[comparison]` (management.md §6).
    public var comparison = ComparisonSettings()
    /// `[snapshot] per_team`: also one snapshot per team, holding only that team's citizens,
    /// in `<dir>/teams/<team>/` (so that file permissions can keep teams apart).
    public var perTeam = false

    /// The file mode of snapshots and annotation files.
    public var fileMode: UInt32 { groupReadable ? 0o640 : 0o600 }
}
