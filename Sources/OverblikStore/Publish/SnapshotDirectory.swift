import Foundation
import OverblikCore
#if canImport(Glibc)
import Glibc
#endif

/// The folder snapshots are published into: `snapshot-<UTC time>.sqlite` files, the newest
/// by name being current, plus the sync lock. Readers find snapshots here; publishing (atomic,
/// under the lock) is in OverblikSnapshotWriter, which only the sync depends on.
public struct SnapshotDirectory: Sendable {
    public let path: String

    public static let prefix = "snapshot-"
    public static let suffix = ".sqlite"
    package static let temporaryPrefix = ".snapshot-"
    package static let lockName = ".overblik-sync.lock"

    public init(path: String) { self.path = path }

    /// The published snapshots, oldest first.
    public func snapshots() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { $0.hasPrefix(Self.prefix) && $0.hasSuffix(Self.suffix) }.sorted()
            .map { (path as NSString).appendingPathComponent($0) }
    }

    /// The newest published snapshot, or nil when none has been published yet.
    public func newest() -> String? { snapshots().last }

    /// The file name a snapshot made at `date` gets: sortable UTC time with milliseconds.
    public static func fileName(for date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = ms / 1000
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        func p(_ v: Int32, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        let stamp = "\(p(parts.tm_year + 1900, 4))\(p(parts.tm_mon + 1, 2))\(p(parts.tm_mday, 2))T\(p(parts.tm_hour, 2))\(p(parts.tm_min, 2))\(p(parts.tm_sec, 2)).\(p(Int32(ms % 1000), 3))Z"
        return "\(prefix)\(stamp)\(suffix)"
    }
}
