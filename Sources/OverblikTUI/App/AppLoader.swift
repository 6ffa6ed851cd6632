import Foundation
import OverblikCore
import OverblikStore

extension SnapshotError: LocalizedMessage {}

/// Builds the application from a snapshot for a user and a day.
public enum AppLoader {
    /// Who is using Overblik: from `--user` (initials), else the login name matched in the staff file.
    public static func resolveUser(initials: String?, loginName: String?, staff: [StaffMember]) -> StaffMember? {
        if let initials {
            return staff.first { $0.initials.lowercased() == initials.lowercased() }
                ?? StaffMember(initials: initials.uppercased(), role: .caseworker)
        }
        guard let loginName, !loginName.isEmpty else { return nil }
        return staff.first { !$0.username.isEmpty && $0.username.lowercased() == loginName.lowercased() }
    }

    /// Opens the application on `snapshot`. `source` (for drill-down, annotations, reload and
    /// export) is made from the snapshot unless given.
    public static func load(snapshot: Snapshot, initials: String?, loginName: String?, language: Language, today: Day,
                            ageHours: Int?, exportDirectory: String = FileManager.default.currentDirectoryPath,
                            annotationDirectory: String? = nil, start: Int? = nil) throws -> AppModel {
        FreedMemory.keepForReuse()
        let meta = try snapshot.metadata()
        // Grants are read when a page needs them (one caseworker's, one team's, or all).
        let people = try snapshot.staffAndMapping()
        let user: StaffMember?, visibility: Visibility
        switch AccessCheck.resolve(rules: meta.access, initials: initials, loginName: loginName, staff: people.staff) {
        case .success(let who): (user, visibility) = who
        case .failure(let refusal): throw refusal
        }
        let context = ReportContext(language: language, revealCPR: false, today: today)
        var query = Query(snapshot: snapshot, metadata: meta, today: today, visibility: visibility)
        query.viewer = user
        let (derived, discrepancies) = try query.figuresAndDiscrepancies(year: today.year)
        // (The rejected rows are read in windows as Datastatus shows them: a bad drop may have hundreds of thousands.)
        let status = try StatusReport(snapshot: snapshot, discrepancies: try discrepancies?.dataBreaks() ?? [], rejectedRows: false)
        let data = AppData(people: people, figures: derived, discrepancies: discrepancies, status: status, query: query, user: user,
                           loginName: loginName ?? initials ?? "")
        let role: Message
        switch user?.role {
        case .caseworker?: role = Message(da: "sagsbehandler", en: "caseworker")
        case .teamLead?: role = Message(da: "teamleder", en: "team lead")
        case .consultant?: role = Message(da: "konsulent", en: "consultant")
        case nil: role = Message(da: "ukendt bruger", en: "unknown user")
        }
        let createdShown = localTime(meta.createdAt)
        let header = AppHeader(municipality: meta.municipality.name, createdAt: createdShown, ageHours: ageHours,
                               user: user?.initials ?? "–", role: role)
        let folder = (snapshot.path as NSString).deletingLastPathComponent
        let source = SnapshotSource(snapshot: snapshot, annotationDirectory: annotationDirectory ?? folder, exportDirectory: exportDirectory) {
            (path: String?) throws -> AppModel in
            guard let chosen = path ?? SnapshotDirectory(path: folder).newest() else {
                throw SnapshotError(path: folder, message: Message(da: "ingen snapshot", en: "no snapshot"))
            }
            return try load(snapshot: try Snapshot(path: chosen), initials: initials, loginName: loginName, language: language,
                            today: today, ageHours: 0, exportDirectory: exportDirectory, annotationDirectory: annotationDirectory)
        }
        return AppModel(data: data, context: context, header: header, source: source, start: start)
    }
}

/// An ISO 8601 time in UTC as local time in Danish style (`23-11-2026 06:00`).
func localTime(_ iso: String) -> String {
    guard let date = LocalTime.fractional.date(from: iso) ?? LocalTime.whole.date(from: iso) else { return iso }
    return LocalTime.shown.string(from: date)
}

/// `localTime`'s formatters, made once (making them took 3 ms of opening Tilsyn). The ISO 8601
/// parsers are not `Sendable` here; the TUI and the reports call `localTime` from one thread.
private enum LocalTime {
    nonisolated(unsafe) static let fractional: ISO8601DateFormatter = {
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return parser
    }()
    nonisolated(unsafe) static let whole = ISO8601DateFormatter()
    static let shown: DateFormatter = {
        let out = DateFormatter()
        out.locale = Locale(identifier: "da_DK")
        out.timeZone = TimeZone.current
        out.dateFormat = "dd-MM-yyyy HH:mm"
        return out
    }()
}

/// The application's source on a snapshot file: the snapshot for queries, the annotation store
/// beside it, the snapshot folder for newer snapshots, and the export folder.
final class SnapshotSource: AppSource {
    let snapshot: Snapshot
    let folder: String
    let annotationDirectory: String
    let exportDirectory: String
    let reopen: (String?) throws -> AppModel
    private var store: AnnotationStore?
    /// The result of SQLite's check of the whole file, run in the background after the first frame.
    private let check = CheckResult()

    final class CheckResult: @unchecked Sendable {
        private let lock = NSLock()
        private var value: String?
        func set(_ v: String) { lock.lock(); value = v; lock.unlock() }
        var result: String? { lock.lock(); defer { lock.unlock() }; return value }
    }

    init(snapshot: Snapshot, annotationDirectory: String, exportDirectory: String, reopen: @escaping (String?) throws -> AppModel) {
        self.snapshot = snapshot
        folder = (snapshot.path as NSString).deletingLastPathComponent
        self.annotationDirectory = annotationDirectory
        self.exportDirectory = exportDirectory
        self.reopen = reopen
    }

    /// The annotation store, opened (and created) when first needed.
    private func annotationStore() throws -> AnnotationStore {
        if let store { return store }
        let opened = try AnnotationStore(directory: annotationDirectory)
        store = opened
        return opened
    }

    func citizen(_ cpr: CPR) throws -> Dataset { try snapshot.citizen(cpr) }
    func payments(function: String, posted: DayRange) throws -> Dataset { try snapshot.payments(function: function, posted: posted) }
    func paymentBlock(function: String, year: Int, month: Int) throws -> PaymentBlock? {
        try snapshot.paymentBlock(function: function, year: year, month: month)
    }

    /// Reading needs no store file: none yet means no annotations (it is created by the first write).
    private var storeExists: Bool {
        store != nil || FileManager.default.fileExists(atPath: (annotationDirectory as NSString).appendingPathComponent(AnnotationStore.fileName))
    }

    func annotations() throws -> [String: Annotation] { storeExists ? try annotationStore().current() : [:] }
    func history(key: String) throws -> [Annotation] { storeExists ? try annotationStore().history(key: key) : [] }

    func annotate(_ a: Annotation) throws { try annotationStore().add(a) }

    private var tilsyn: SupervisionStore?
    func supervisionStore() throws -> SupervisionStore {
        if let tilsyn { return tilsyn }
        let opened = try SupervisionStore(directory: annotationDirectory)
        tilsyn = opened
        return opened
    }

    func newerSnapshot() -> String? {
        guard let newest = SnapshotDirectory(path: folder).newest(), (newest as NSString).lastPathComponent > (snapshot.path as NSString).lastPathComponent
        else { return nil }
        return newest
    }

    func reload() throws -> AppModel { try reopen(nil) }

    /// Starts SQLite's `quick_check` of the open file on a connection of its own (it reads the
    /// whole file: seconds at national scale, so never before the first frame), on a thread of its
    /// own: blocking I/O does not belong on the pool Swift's concurrency shares with Dispatch.
    func startIntegrityCheck() {
        let path = snapshot.path, check = check
        Thread.detachNewThread {
            let result: String
            do throws(SnapshotError) { result = try Snapshot(path: path).integrityCheck() } catch { result = "cannot be read" }  // shown as the damage, like any other the check finds
            check.set(result)
        }
    }

    func damage() -> String? {
        guard let r = check.result, r != "ok" else { return nil }
        return r
    }

    /// The newest snapshot older than the open one that opens whole.
    func previousWhole() throws -> AppModel? {
        let mine = (snapshot.path as NSString).lastPathComponent
        for candidate in SnapshotDirectory(path: folder).snapshots().reversed() where (candidate as NSString).lastPathComponent < mine {
            // One that cannot be opened or checked is damaged too: the next older one is tried.
            let whole: Bool
            do { whole = try Snapshot(path: candidate).integrityCheck() == "ok" } catch { whole = false }
            if whole { return try reopen(candidate) }
        }
        return nil
    }
}
