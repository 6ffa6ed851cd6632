import OverblikConfig
import OverblikCore
import OverblikSnapshotWriter

/// Why a sync failed as a whole. A failed sync publishes nothing and leaves the previous
/// snapshot as it was. Every case names the file (and line and column where there is one) and
/// says what to do.
public enum SyncError: Error, Sendable {
    case configuration(ConfigurationError)
    case fileMissing(table: TableName, path: String)
    case fileUnreadable(table: TableName, path: String, reason: String)
    case emptyFile(table: TableName, path: String)
    case columnMissing(table: TableName, path: String, column: String, field: String, found: [String])
    case duplicateHeader(table: TableName, path: String, header: String)
    /// A StatBank file laid out as a matrix (periods as columns) instead of one line per cell.
    case statBankMatrix(table: TableName, path: String, header: String)
    case notUTF8(table: TableName, path: String, line: Int)
    case tooManyRejected(table: TableName, path: String, rejected: Int, rows: Int, maxShare: Double, examples: [RejectedRow])
    case fileChanged(table: TableName, path: String)
    case busy(holder: String)
    case publish(path: String, reason: String)

    public var message: Message {
        switch self {
        case .configuration(let e):
            return Message(da: e.text(.da), en: e.text(.en))
        case .fileMissing(let table, let path):
            return Message(da: "\(path): filen findes ikke (tabellen \(table.rawValue) skal være der); ret stien under [tables.\(table.rawValue)] i konfigurationen",
                           en: "\(path): the file does not exist (table \(table.rawValue) is required); fix the path under [tables.\(table.rawValue)] in the configuration")
        case .fileUnreadable(_, let path, let reason):
            return Message(da: "\(path): kan ikke læses: \(reason)", en: "\(path): cannot be read: \(reason)")
        case .emptyFile(_, let path):
            return Message(da: "\(path):1: filen er tom; den skal mindst have en overskriftslinje",
                           en: "\(path):1: the file is empty; it needs at least a header line")
        case .columnMissing(let table, let path, let column, let field, let found):
            let list = found.map { "\"\($0)\"" }.joined(separator: ", ")
            return Message(da: "\(path):1: kolonnen \"\(column)\" mangler. Fundne overskrifter: \(list). Har kolonnen et andet navn, så angiv det som \(field) = \"…\" under [tables.\(table.rawValue).columns]",
                           en: "\(path):1: the column \"\(column)\" is missing. Headers found: \(list). If the column has another name, give it as \(field) = \"…\" under [tables.\(table.rawValue).columns]")
        case .duplicateHeader(_, let path, let header):
            return Message(da: "\(path):1: overskriften \"\(header)\" står der to gange", en: "\(path):1: the header \"\(header)\" appears twice")
        case .statBankMatrix(let table, let path, let header):
            let what = table == .population ? "FOLK1A" : "HAND07 (eller HAND01)"
            let whatEn = table == .population ? "FOLK1A" : "HAND07 (or HAND01)"
            return Message(
                da: "\(path):1: filen er i matrix-format (perioden \"\(header)\" står som kolonne); Overblik læser Statistikbankens lange format med én linje pr. tal. Hent \(what) igen som CSV fra Statistikbankens API med koder og tekster (valuePresentation=CodeAndValue, alle variable som kolonner og INDHOLD sidst) — se \"Hent tal fra Statistikbanken\" i README",
                en: "\(path):1: the file is laid out as a matrix (the period \"\(header)\" is a column); Overblik reads StatBank's long format with one line per figure. Download \(whatEn) again as CSV from StatBank's API with codes and texts (valuePresentation=CodeAndValue, every variable a column and INDHOLD last) — see \"Hent tal fra Statistikbanken\" in the README")
        case .notUTF8(let table, let path, let line):
            return Message(da: "\(path):\(line): ugyldig UTF-8; er filen i Windows-1252? Sæt encoding = \"windows-1252\" (eller \"auto\") under [tables.\(table.rawValue)]",
                           en: "\(path):\(line): invalid UTF-8; is the file Windows-1252? Set encoding = \"windows-1252\" (or \"auto\") under [tables.\(table.rawValue)]")
        case .tooManyRejected(_, let path, let rejected, let rows, let maxShare, let examples):
            let pct = Int((maxShare * 100).rounded())
            func list(_ l: Language) -> String {
                examples.map { r in
                    let column = r.column.isEmpty ? "" : " \(r.column):"
                    return "\n  \(r.file):\(r.line):\(column) \"\(SafeText.clean(r.maskedValue))\" – \(r.reason.text(l))"
                }.joined()
            }
            return Message(da: "\(path): \(rejected) af \(rows) rækker afvist, mere end \(pct) % (sync.max_reject_share); intet er udgivet, og det forrige snapshot står uændret. Ret filen eller konfigurationen (kolonnenavne, encoding, decimal, date_format). De første afviste:\(list(.da))",
                           en: "\(path): \(rejected) of \(rows) rows rejected, more than \(pct) % (sync.max_reject_share); nothing was published and the previous snapshot is unchanged. Fix the file or the configuration (column names, encoding, decimal, date_format). The first rejected:\(list(.en))")
        case .fileChanged(_, let path):
            return Message(da: "\(path): filen blev ændret, mens den blev læst (bliver den skrevet lige nu?); intet er udgivet — kør overblik-sync igen, når udtrækket er færdigt",
                           en: "\(path): the file changed while it was read (is it being written right now?); nothing was published — run overblik-sync again when the export is complete")
        case .busy(let holder):
            return Message(da: "en anden overblik-sync kører allerede (\(holder)); vent til den er færdig, og prøv igen",
                           en: "another overblik-sync is already running (\(holder)); wait for it to finish and try again")
        case .publish(let path, let reason):
            // Writing that fails at the disk is most often a full disk (or a file size limit).
            let disk = ["disk I/O error", "disk is full", "No space left", "File too large"].contains { reason.contains($0) }
            return Message(da: "\(path): snapshot kunne ikke udgives: \(reason)\(disk ? " (er disken fuld?)" : ""); det forrige snapshot er uændret",
                           en: "\(path): the snapshot could not be published: \(reason)\(disk ? " (is the disk full?)" : ""); the previous snapshot is unchanged")
        }
    }
}
