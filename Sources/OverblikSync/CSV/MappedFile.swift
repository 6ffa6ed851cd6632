import Glibc

/// A source file mapped read-only into memory. Its pages are the page cache's, not the
/// process's: once read they can be let go (`release`), so a 1 GB export does not stay in the
/// sync's memory while its rows are parsed.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    private let base: UnsafeMutableRawPointer?
    private let size: Int
    let path: String
    /// Size, modification time and inode when mapped: `unchanged` compares them again.
    private let identity: (Int, Int, Int, UInt)
    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Nil when the file cannot be opened or mapped (the caller says why).
    init?(path: String) {
        MappedFile.installBusErrorMessage()
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        size = Int(info.st_size)
        identity = MappedFile.identity(info)
        if size == 0 {
            base = nil
            bytes = UnsafeBufferPointer(start: nil, count: 0)
            return
        }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else { return nil }
        _ = madvise(p, size, MADV_SEQUENTIAL)
        base = p
        bytes = UnsafeBufferPointer(start: p.assumingMemoryBound(to: UInt8.self), count: size)
    }

    /// Lets the pages wholly inside `range` go from the process (they are read again from the
    /// page cache if touched later).
    func release(_ range: Range<Int>) {
        guard let base else { return }
        let page = MappedFile.pageSize
        let from = (range.lowerBound + page - 1) / page * page
        let to = min(size, range.upperBound) / page * page
        if to > from { _ = madvise(base + from, to - from, MADV_DONTNEED) }
    }

    static func identity(_ info: stat) -> (Int, Int, Int, UInt) {
        (Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), UInt(info.st_ino))
    }

    /// Whether the file on disk is still the one mapped (same size, time and inode).
    var unchanged: Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return MappedFile.identity(info) == identity
    }

    /// A file cut short while mapped makes reading it fail with SIGBUS: say so clearly and stop
    /// (nothing is published; the previous snapshot stands), instead of dying without a word.
    static func installBusErrorMessage() {
        guard !busHandlerInstalled else { return }
        busHandlerInstalled = true
        signal(SIGBUS) { _ in
            let text = "overblik-sync: fejl/error: en kildefil blev afkortet, mens den blev læst / a source file was cut short while it was read; intet udgivet / nothing published\n"
            text.withCString { p in _ = write(2, p, strlen(p)) }
            _exit(1)
        }
    }
    nonisolated(unsafe) private static var busHandlerInstalled = false

    deinit {
        if let base { munmap(base, size) }
    }
}
