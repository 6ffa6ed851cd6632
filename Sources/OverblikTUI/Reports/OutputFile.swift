import Foundation
import OverblikCore
import OverblikStore

/// Files the programs write for people (exports, reports): mode 0600, as they may hold personal
/// data, and never seen half-written.
public enum OutputFile {
    /// Writes `bytes` to `path`, replacing what is there: first to a temporary file beside it, then
    /// renamed over it, so a reader sees the old file or the new one whole.
    public static func replace(_ path: String, with bytes: [UInt8]) throws(SnapshotError) {
        let temporary = temporaryPath(beside: path)
        try create(temporary, bytes)
        guard rename(temporary, path) == 0 else {
            let error = failure(path, errno)
            unlink(temporary)
            throw error
        }
    }

    /// Writes a new file at `path` (failing if it exists) from the texts `write` appends one at a
    /// time (an export of a long list is never held whole): into a temporary file beside it, then
    /// linked into place (`link` refuses a name that is taken), so that no reader sees it
    /// half-written. After a failure nothing is left behind.
    public static func create(_ path: String, writing write: (_ append: (String) throws(SnapshotError) -> Void) throws(SnapshotError) -> Void)
        throws(SnapshotError) {
        let temporary = temporaryPath(beside: path)
        let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure(path, errno) }
        var closed = false
        defer {
            if !closed { close(fd) }
            unlink(temporary)  // (linked into place, or given up)
        }
        func append(_ text: String) throws(SnapshotError) {
            var text = text
            guard text.withUTF8({ writeAll(fd, UnsafeRawBufferPointer($0)) }) else { throw incomplete(path) }
        }
        try write(append)
        closed = true
        guard close(fd) == 0 else { throw failure(path, errno) }
        guard link(temporary, path) == 0 else { throw failure(path, errno) }
    }

    /// `.<name>.<pid>.tmp` in the folder of `path`.
    private static func temporaryPath(beside path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent(".\((path as NSString).lastPathComponent).\(getpid()).tmp")
    }

    private static func failure(_ path: String, _ code: Int32) -> SnapshotError {
        let reason = String(cString: strerror(code))
        return SnapshotError(path: path, message: Message(da: "kan ikke skrives: \(reason)", en: "cannot be written: \(reason)"))
    }

    /// Writes `bytes` to a new file at `path` (failing if it exists).
    public static func create(_ path: String, _ bytes: [UInt8]) throws(SnapshotError) {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure(path, errno) }
        defer { close(fd) }
        guard bytes.withUnsafeBytes({ writeAll(fd, $0) }) else {
            unlink(path)
            throw incomplete(path)
        }
    }

    /// Writes all of `bytes` to `fd`; false when a write fails.
    private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = write(fd, bytes.baseAddress.map { $0 + done }, bytes.count - done)
            guard n > 0 else { return false }
            done += n
        }
        return true
    }

    private static func incomplete(_ path: String) -> SnapshotError {
        SnapshotError(path: path, message: Message(da: "blev ikke skrevet færdig", en: "was not written completely"))
    }
}
