import Foundation
import GRDB

/// A database kept beside the snapshots and written by people, not the sync (the annotations,
/// ledelsestilsyn): created with its mode before SQLite does (SQLite gives the -wal and -shm
/// files the database file's permissions), WAL and a busy timeout so that several people can
/// write at the same moment without losing a write.
enum SideDatabase {
    static func open(directory: String, fileName: String, groupReadable: Bool) throws -> (path: String, pool: DatabasePool) {
        let path = (directory as NSString).appendingPathComponent(fileName)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let fd = Foundation.open(path, O_CREAT | O_WRONLY | O_CLOEXEC, groupReadable ? 0o640 : 0o600)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        close(fd)
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.journalMode = .wal
        return (path, try DatabasePool(path: path, configuration: config))
    }
}
