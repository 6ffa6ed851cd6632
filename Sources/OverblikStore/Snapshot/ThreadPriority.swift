import Foundation

/// Lowers the calling thread's priority to nice `n`, never raising it (a thread may always lower
/// its own; Linux keeps the value per thread, and `who` 0 is the calling thread): the sync's
/// figures below its writer, the TUI's reading ahead below its keys.
package func lowerPriority(_ n: Int32) {
    #if os(Linux)
    let which = __priority_which_t(PRIO_PROCESS.rawValue)
    #else
    let which = PRIO_PROCESS
    #endif
    errno = 0
    let current = getpriority(which, 0)
    guard errno == 0, current < n else { return }
    _ = setpriority(which, 0, n)
}
