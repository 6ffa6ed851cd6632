import Glibc

/// glibc's `malloc` asked to back its large blocks with transparent huge pages
/// (`GLIBC_TUNABLES=glibc.malloc.hugetlb=1`). The sync fills a few hundred MB of fresh memory
/// (the rows, their orders, the payment blocks), and with 4 KB pages the kernel took a fault per
/// page: on LC 0,5 s of system time and 0,5–1,0 s of user time less with 2 MB pages, the peak 1–3 %
/// higher (see the README, Performance). glibc reads its tunables only as a process starts, so the sync
/// starts itself again with the variable set. Where the kernel gives no huge pages on request
/// (`transparent_hugepage` set to `never`) the setting does nothing.
public enum HugePages {
    static let setting = "glibc.malloc.hugetlb=1"

    /// `GLIBC_TUNABLES` with the setting added to `existing` (tunables are joined by `:`); nil when
    /// `existing` already says anything about `glibc.malloc.hugetlb` (whoever started the process
    /// decides, `=0` turns it off).
    public static func tunables(adding existing: String?) -> String? {
        guard let existing, !existing.isEmpty else { return setting }
        if existing.split(separator: ":").contains(where: { $0.hasPrefix("glibc.malloc.hugetlb=") }) { return nil }
        return existing + ":" + setting
    }

    /// Replaces the process with the same program and arguments with the setting made, unless it
    /// is made already; returns only then, or when the new start fails (the sync then runs as it is,
    /// with the environment as it was).
    public static func restartIfNeeded() {
        let existing = getenv("GLIBC_TUNABLES").map { String(cString: $0) }
        guard let value = tunables(adding: existing), setenv("GLIBC_TUNABLES", value, 1) == 0 else { return }
        _ = execv("/proc/self/exe", CommandLine.unsafeArgv)
        if let existing { setenv("GLIBC_TUNABLES", existing, 1) } else { unsetenv("GLIBC_TUNABLES") }
    }
}
