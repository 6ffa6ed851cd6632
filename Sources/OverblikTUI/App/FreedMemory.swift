import Foundation

/// The TUI's process keeps the memory it frees for its next keys: glibc gives a large block back
/// to the kernel when it is freed (one of more than 128 KB is mapped on its own, and the top of
/// the heap is trimmed), so the next key that needs as much takes every page fresh from the
/// kernel, zeroed: a page fault per 4 KB (sorting a month's 164.516 payments touches 13 MB; the
/// faults were a third of the key). Blocks of up to 32 MB then come from the heap, and up to 128
/// MB of free heap is kept. Linux with glibc only; elsewhere nothing changes.
enum FreedMemory {
    static func keepForReuse() {
        #if os(Linux) && canImport(Glibc)
        // mallopt(3) by name: Swift's Glibc module does not declare <malloc.h>.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let (trimThreshold, mmapThreshold): (Int32, Int32) = (-1, -3)  // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD
        _ = mallopt(mmapThreshold, 32 << 20)
        _ = mallopt(trimThreshold, 128 << 20)
        #endif
    }
}
