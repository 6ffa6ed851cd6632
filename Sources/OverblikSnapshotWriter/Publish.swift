import Foundation
import OverblikCore
import OverblikStore
#if canImport(Glibc)
import Glibc
#endif

/// Publishing into a snapshot folder: only the sync reaches this module (the terminal UI and the
/// reports depend on OverblikStore alone, so a line there that tried to publish would not compile).
///
/// Publishing is atomic: the snapshot is written to a hidden temporary file in the same folder,
/// closed, fsynced, renamed into place (rename(2) is atomic within a file system), and the
/// folder is fsynced. A sync that fails or is killed at any point leaves at most a stale
/// temporary file, which the next sync removes; the published snapshots are never touched
/// until the new one is in place.
extension SnapshotDirectory {
    /// Why publishing failed.
    public enum PublishError: Error, Sendable {
        /// Another sync holds the lock; `holder` says which (its pid and start time).
        case busy(holder: String)
        case io(String)
    }

    /// Takes the sync lock (non-blocking), writes a snapshot through `write` into a temporary
    /// file, and publishes it atomically unless `dryRun`. Returns the published path (or the
    /// path it would have had). Older snapshots beyond `keep` are removed after publishing.
    public func publish(createdAt: Date, mode: UInt32, keep: Int, dryRun: Bool,
                        write: (String) throws -> Void) throws -> String {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw SnapshotDirectory.PublishError.io("mappen kan ikke oprettes / the folder cannot be created: \(error.localizedDescription)")
        }
        let lock = try SyncLock(path: (path as NSString).appendingPathComponent(Self.lockName))
        defer { lock.release() }
        StopPoint.reach("publish lock taken")
        removeStaleTemporaries()

        var finalName = Self.fileName(for: createdAt)
        if let newest = newest().map({ ($0 as NSString).lastPathComponent }), newest >= finalName {
            // The clock went back, or two syncs ran within one millisecond: names must keep
            // increasing, so the new one extends the newest's (`_` sorts after `.`).
            finalName = String(newest.dropLast(Self.suffix.count)) + "_1" + Self.suffix
        }
        let finalPath = (path as NSString).appendingPathComponent(finalName)
        let temporary = (path as NSString).appendingPathComponent("\(Self.temporaryPrefix)\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp")

        let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, mode_t(mode))
        guard fd >= 0 else { throw SnapshotDirectory.PublishError.io(String(cString: strerror(errno))) }
        fchmod(fd, mode_t(mode))  // whatever the umask
        close(fd)
        StopPoint.reach("publish temporary created")
        var published = false
        defer { if !published { unlink(temporary) } }

        try write(temporary)
        // (A dry run publishes nothing: its file is removed, not made durable.)
        if dryRun { return finalPath }
        try fsyncFile(temporary)
        StopPoint.reach("publish fsynced")
        guard rename(temporary, finalPath) == 0 else { throw SnapshotDirectory.PublishError.io(String(cString: strerror(errno))) }
        published = true
        StopPoint.reach("publish renamed")
        fsyncFolder()
        StopPoint.reach("publish folder synced")
        prune(keep: keep)
        StopPoint.reach("publish pruned")
        return finalPath
    }

    private func fsyncFile(_ file: String) throws {
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SnapshotDirectory.PublishError.io(String(cString: strerror(errno))) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw SnapshotDirectory.PublishError.io(String(cString: strerror(errno))) }
    }

    private func fsyncFolder() {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    /// Keeps the newest snapshot and `keep` older ones.
    private func prune(keep: Int) {
        let all = snapshots()
        guard all.count > keep + 1 else { return }
        for old in all.prefix(all.count - keep - 1) { unlink(old) }
    }

    /// Temporary files left by a sync that was killed (we hold the lock, so none is in use).
    private func removeStaleTemporaries() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for name in names where name.hasPrefix(Self.temporaryPrefix) && name.hasSuffix(".tmp") {
            unlink((path as NSString).appendingPathComponent(name))
        }
    }
}

/// An exclusive advisory lock (flock) on a file; the kernel releases it when the process dies,
/// so a killed sync never leaves the folder locked.
final class SyncLock {
    private let fd: Int32

    init(path: String) throws {
        fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SnapshotDirectory.PublishError.io(String(cString: strerror(errno))) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var buffer = [UInt8](repeating: 0, count: 200)
            let n = pread(fd, &buffer, buffer.count, 0)
            let holder = n > 0 ? String(decoding: buffer[..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "?"
            close(fd)
            throw SnapshotDirectory.PublishError.busy(holder: holder)
        }
        let text = "pid \(getpid()), \(ISO8601DateFormatter().string(from: WallClock.now()))\n"
        ftruncate(fd, 0)
        _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    func release() {
        ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
    }
}
