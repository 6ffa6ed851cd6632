import Foundation

/// A process keeps the memory it frees for what it does next: glibc gives a large block back to
/// the kernel when it is freed (one of more than 128 KB is mapped on its own, and the top of the
/// heap is trimmed), so the next one that needs as much takes every page fresh from the kernel,
/// zeroed: a page fault per 4 KB, and on a virtual machine whose host has taken the page back a
/// fault there too (1 GB touched fresh cost 0,5-2,7 s here). Blocks of up to 32 MB then come from
/// the heap, and up to `freeHeap` of it is kept. Linux with glibc only; elsewhere nothing changes.
///
/// The TUI: sorting a month's 164.516 payments touches 13 MB, and the faults were a third of the
/// key. The sync: its parts, rows and blocks come and go by the hundred megabytes (LC, 6 pairs:
/// 8,38 s against 8,93 s, user and system time each half a second less; peak memory 20-40 MB more).
package enum FreedMemory {
    package static func keepForReuse(upTo freeHeap: Int32 = 128 << 20) {
        #if os(Linux) && canImport(Glibc)
        // mallopt(3) by name: Swift's Glibc module does not declare <malloc.h>.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let (trimThreshold, mmapThreshold): (Int32, Int32) = (-1, -3)  // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD
        _ = mallopt(mmapThreshold, 32 << 20)
        _ = mallopt(trimThreshold, freeHeap)
        #endif
    }

    /// Grows the calling thread's heap by `bytes`, touched, and frees them again: kept (by
    /// `keepForReuse`, called first), what the thread allocates next up to that size finds its pages
    /// in place. The TUI's main thread after the first frame: the first sort of a long list on L
    /// otherwise took a fault per fresh 4 KB page, a quarter of the key (5 of 22 ms sorting
    /// 164.516 payments). Linux with glibc only; elsewhere nothing happens.
    package static func reserve(_ bytes: Int) {
        #if os(Linux) && canImport(Glibc)
        // (malloc and free by name: calls the optimiser cannot see through and drop with the
        // stores between them.)
        typealias Malloc = @convention(c) (Int) -> UnsafeMutableRawPointer?
        typealias Free = @convention(c) (UnsafeMutableRawPointer?) -> Void
        guard bytes > 0, let m = dlsym(nil, "malloc"), let f = dlsym(nil, "free"),
              let block = unsafeBitCast(m, to: Malloc.self)(bytes) else { return }
        let bytePointer = block.assumingMemoryBound(to: UInt8.self)
        for page in stride(from: 0, to: bytes, by: 4096) { bytePointer[page] = 1 }
        unsafeBitCast(f, to: Free.self)(block)
        #endif
    }
}
