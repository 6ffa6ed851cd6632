import Foundation
import OverblikCore
import OverblikStore

/// Files the programs write for people (exports, reports): mode 0600, as they may hold personal
/// data, and never seen half-written.
public enum OutputFile {
    /// Writes `bytes` to `path`, replacing what is there: first to a temporary file beside it, then
    /// renamed over it, so a reader sees the old file or the new one whole.
    public static func replace(_ path: String, with bytes: [UInt8]) throws(SnapshotError) {
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent(".\((path as NSString).lastPathComponent).\(getpid()).tmp")
        try create(temporary, bytes)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw SnapshotError(path: path, message: Message(da: "kan ikke skrives: \(reason)", en: "cannot be written: \(reason)"))
        }
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
