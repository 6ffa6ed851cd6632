#if canImport(Glibc)
import Glibc
#endif

/// The screen's large lists (a month's 164.516 payments sorted, Afstemning's columns) allocate
/// arrays of megabytes per key. glibc gives an allocation that large its own mapping and hands it
/// back when freed, so the next key's arrays fault their pages in again (a fifth of sorting a
/// month's payments on L). Kept instead: allocations up to 32 MB from the heap, and freed memory
/// not given back until 256 MB of it lie free. The peak resident memory is unchanged (it is the
/// peak of what is held at once); what stays resident after a key is reused by the next.
public enum FreedMemory {
    /// Sets it for the process (the terminal UI's and its bench's; not the reports').
    /// (glibc's `mallopt`, which Swift's Glibc module leaves out with `malloc.h`: looked up by name,
    /// and nothing done where there is none.)
    public static func keepForReuse() {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }  // (RTLD_DEFAULT)
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let (trimThreshold, mmapThreshold): (Int32, Int32) = (-1, -3)  // (M_TRIM_THRESHOLD, M_MMAP_THRESHOLD)
        _ = mallopt(mmapThreshold, 32 << 20)
        _ = mallopt(trimThreshold, 256 << 20)
        #endif
    }
}
