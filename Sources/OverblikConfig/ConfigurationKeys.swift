import OverblikCore

/// Every key `overblik.toml` may hold, by section: the loader warns about any other (a misspelt
/// key would otherwise be ignored silently), and a test checks that docs/ documents each.
public enum ConfigurationKeys {
    /// Section → its keys. `tables` holds one subtable per table (see `tableKeys`).
    public static let sections: [String: [String]] = [
        "municipality": ["code", "name"],
        "snapshot": ["dir", "keep", "group_readable", "per_team"],
        "defaults": ["encoding", "delimiter", "decimal", "date_format"],
        "tables": TableName.allCases.map(\.rawValue),
        "followup": ["due_soon_days"],
        "reconciliation": ["rate_tolerance"],
        "sync": ["max_reject_share"],
        "access": ["enforce", "sagsbehandler", "teamleder", "konsulent"],
        "servicemaal": ["target_share", "closed_days", "goals"],
        "ledelsestilsyn": ["period", "per_caseworker", "salt", "items"],
        "comparison": ["measure", "municipalities", "ages"],
    ]

    /// The keys of one `[tables.<table>]`: the value styles of `[defaults]`, its path, and its `columns`.
    public static let tableKeys: Set<String> = known("defaults").union(["path", "columns"])

    public static func known(_ section: String) -> Set<String> { Set(sections[section] ?? []) }

    /// Every key as its full dotted name, tables' keys as `tables.<tabel>.…` and columns as
    /// `tables.<tabel>.columns.<felt>` (the forms docs/kilder-og-konfiguration.md uses).
    public static var documentedNames: [String] {
        var names: [String] = []
        for (section, keys) in sections.sorted(by: { $0.key < $1.key }) where section != "tables" {
            names += keys.map { "\(section).\($0)" }
        }
        names += tableKeys.sorted().map { $0 == "columns" ? "tables.<tabel>.columns.<felt>" : "tables.<tabel>.\($0)" }
        return names
    }
}
