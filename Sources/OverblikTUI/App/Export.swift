import Foundation
import OverblikCore
import OverblikStore
import Synchronization

/// An export (`e`) made on a thread of its own: the rows shown as the key was pressed, made into
/// CSV and written to `overblik-<view>-<time>.csv` in the export folder (mode 0600: it may hold
/// personal data). The screen answers keys meanwhile: Afstemning's 10.777 lines at national size
/// took 90 ms, Opfølgning's 39.292 about four times that. The screen learns the outcome while
/// idle (`AppModel.noticeExport`); the application waits for it before it ends.
final class Export: Sendable {
    let view: String
    /// How many rows are exported.
    let count: Int
    private let outcome = Mutex<Result<String, any Error>?>(nil)
    private let written = DispatchGroup()

    init(_ shown: Page.Shown, view: String, into directory: String, stamp: String, _ c: ReportContext) {
        (self.view, count) = (view, shown.count)
        written.enter()
        Thread.detachNewThread { [self] in
            let result = Result { try Export.write(shown, c, view: view, into: directory, stamp: stamp) }
            outcome.withLock { $0 = result }
            written.leave()
        }
    }

    /// The written file's path, or why it was not written; nil while it is being made.
    func result() -> Result<String, any Error>? { outcome.withLock { $0 } }

    /// Waits until the file is written (or has failed), and says which.
    func waitForResult() -> Result<String, any Error>? {
        written.wait()
        return result()
    }

    /// Writes the rows as CSV to a new file `overblik-<view>-<stamp>.csv` in `directory` (`-2`,
    /// `-3`, … when the name is taken) a chunk at a time, and returns its path. `stamp` is the time
    /// of the key, ISO 8601 in UTC.
    static func write(_ shown: Page.Shown, _ c: ReportContext, view: String, into directory: String, stamp: String) throws -> String {
        let compact = stamp.replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
        var path = (directory as NSString).appendingPathComponent("overblik-\(view)-\(compact).csv")
        var n = 1
        while FileManager.default.fileExists(atPath: path) {
            n += 1
            path = (directory as NSString).appendingPathComponent("overblik-\(view)-\(compact)-\(n).csv")
        }
        try OutputFile.create(path) { (append) throws(SnapshotError) in try shown.csv(c, append) }
        return path
    }
}

extension AppModel {
    /// `e`: the list as shown exported on a thread of its own (see `Export`); one at a time.
    func startExport() {
        guard let source else { return }
        _ = noticeExport()  // (one written since the last look is done)
        if let exporting {
            message = context.t("eksporten af \(DanishNumber.grouped(exporting.count)) rækker er ikke færdig endnu",
                                "the export of \(DanishNumber.grouped(exporting.count)) rows is not done yet")
            return
        }
        let shown = page.shown
        exporting = Export(shown, view: page.table.view, into: source.exportDirectory, stamp: AppModel.timestamp(), context)
        message = context.t("eksporterer \(DanishNumber.grouped(shown.count)) rækker …", "exporting \(DanishNumber.grouped(shown.count)) rows …")
    }

    /// Says where an export made in the background was written, or why it was not, once it is
    /// (`waiting`: waits for it); true when there was one to say. Looked for while idle, not on a
    /// key: the key's own message would hide it.
    func noticeExport(waiting: Bool = false) -> Bool {
        guard let export = exporting, let result = waiting ? export.waitForResult() : export.result() else { return false }
        exporting = nil
        switch result {
        case .success(let path):
            message = context.t("\(DanishNumber.grouped(export.count)) rækker gemt i \(path)", "\(DanishNumber.grouped(export.count)) rows saved in \(path)")
        case .failure(let error):
            message = describe(error)
        }
        return true
    }

    /// Whether an export is being made (the application then looks for its outcome often).
    public var isExporting: Bool { exporting != nil }
}
