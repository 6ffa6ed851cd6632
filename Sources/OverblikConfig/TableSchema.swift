import OverblikCore

/// One column a table can have: its field name (the key under `columns` in the
/// configuration), its default header, and whether the sync fails without it.
public struct FieldSpec: Sendable, Hashable {
    public let field: String
    public let header: String
    public let required: Bool
}

extension TableName {
    /// The columns the configuration can name, with the default headers (from `columns`, the
    /// one description of the table).
    public var fields: [FieldSpec] {
        columns.map { FieldSpec(field: $0.field, header: $0.header, required: $0.required) }
    }
}
