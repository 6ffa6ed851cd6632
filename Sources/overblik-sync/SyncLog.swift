import Foundation
import OverblikCore
import OverblikStore
import OverblikSync

/// The sync's log: one line per event with the UTC time, for an IT department running the sync
/// nightly (cron, a systemd timer). Appended to a file (`--log`, created mode 0600) and/or
/// written to stderr (`--verbose`). It never holds a CPR number: rejected values are masked
/// as everywhere else, and free text is passed through `CPR.maskAll`.
final class SyncLog {
    private let handle: FileHandle?
    private let verbose: Bool

    init(path: String?, verbose: Bool) throws {
        self.verbose = verbose
        if let path {
            let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path,
                                 NSLocalizedDescriptionKey: "\(path): \(String(cString: strerror(errno)))"])
            }
            handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        } else {
            handle = nil
        }
    }

    var isOn: Bool { handle != nil || verbose }

    func write(_ text: String) {
        guard isOn else { return }
        let line = "\(SyncLog.now()) \(SafeText.clean(CPR.maskAll(in: text)))\n"
        handle?.write(Data(line.utf8))
        if verbose { FileHandle.standardError.write(Data(line.utf8)) }
    }

    static func now() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: WallClock.now())
    }
}
