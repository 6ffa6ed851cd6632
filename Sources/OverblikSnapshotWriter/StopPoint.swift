import Foundation

/// Named moments of a sync where the crash-safety test stops it, to kill it there: with
/// `OVERBLIK_STOP_AT=<name>` in its environment the process stops itself (SIGSTOP, all threads)
/// on reaching that point, and the test then sends SIGKILL. So every point is hit on every run,
/// however fast or slow the machine. Without the variable a point costs one comparison.
public enum StopPoint {
    public static let environmentName = "OVERBLIK_STOP_AT"

    /// Every point, in the order a sync passes them.
    public static let all: [String] = [
        "sync started",
        "read grants", "read staff", "read payments", "read budget", "read dst", "read mapping",
        "figures started",
        "publish lock taken", "publish temporary created",
        "write schema", "write record indexes", "write records", "write waiting for the figures", "write derived", "write check of the records",
        "write commit", "write indexes", "write check", "write close",
        "publish fsynced", "publish renamed", "publish folder synced", "publish pruned",
        "sync finished",
    ]

    private static let target = ProcessInfo.processInfo.environment[environmentName]

    /// Stops the process here when the environment names this point.
    public static func reach(_ name: String) {
        guard let target, target == name else { return }
        raise(SIGSTOP)
    }
}
