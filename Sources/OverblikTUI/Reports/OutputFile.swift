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
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw SnapshotError(path: path, message: Message(da: "kan ikke skrives: \(reason)", en: "cannot be written: \(reason)"))
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
            let written = text.withUTF8 { b -> Bool in
                var done = 0
                while done < b.count {
                    let n = Foundation.write(fd, b.baseAddress.map { $0 + done }, b.count - done)
                    guard n > 0 else { return false }
                    done += n
                }
                return true
            }
            guard written else { throw SnapshotError(path: path, message: Message(da: "blev ikke skrevet færdig", en: "was not written completely")) }
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
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw SnapshotError(path: path, message: Message(da: "kan ikke skrives: \(reason)", en: "cannot be written: \(reason)"))
        }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else {
                unlink(path)
                throw SnapshotError(path: path, message: Message(da: "blev ikke skrevet færdig", en: "was not written completely"))
            }
            written += n
        }
    }
}
