import Foundation

/// A fresh folder under the system's temporary folder, removed when the value is released, or when
/// the process exits for one held in a `static let` (whose value is never released).
public final class TemporaryFolder: @unchecked Sendable {
    public let path: String

    public init() {
        let base = NSTemporaryDirectory()
        path = (base as NSString).appendingPathComponent("overblik-test-\(getpid())-\(UUID().uuidString.prefix(8))")
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        LiveFolders.shared.add(path)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
        LiveFolders.shared.remove(path)
    }

    /// The path of `relative` inside the folder.
    public func file(_ relative: String) -> String { (path as NSString).appendingPathComponent(relative) }

    /// Writes `bytes` to `relative`, creating folders as needed; returns the path.
    @discardableResult
    public func write(_ relative: String, bytes: [UInt8]) -> String {
        let full = file(relative)
        try! FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        try! Data(bytes).write(to: URL(fileURLWithPath: full))
        return full
    }

    /// Writes `text` as UTF-8 to `relative`; returns the path.
    @discardableResult
    public func write(_ relative: String, _ text: String) -> String { write(relative, bytes: Array(text.utf8)) }

    public func read(_ relative: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: file(relative)) ?? Data()) }
}

/// The root of the package (for the committed Sampledata).
public func packageRoot(file: StaticString = #filePath) -> String {
    var url = URL(fileURLWithPath: "\(file)")
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
    }
    fatalError("no Package.swift above \(file)")
}

/// The folders not yet removed, removed at exit.
private final class LiveFolders: @unchecked Sendable {
    static let shared = LiveFolders()
    private let lock = NSLock()
    private var paths: Set<String> = []

    private init() { atexit { LiveFolders.shared.removeAll() } }

    func add(_ path: String) { lock.withLock { _ = paths.insert(path) } }
    func remove(_ path: String) { lock.withLock { _ = paths.remove(path) } }
    func removeAll() {
        let all = lock.withLock { paths }
        for path in all { try? FileManager.default.removeItem(atPath: path) }
    }
}
