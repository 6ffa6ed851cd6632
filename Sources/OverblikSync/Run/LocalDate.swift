import Foundation
import OverblikCore

extension Day {
    /// The machine's local date: the one place a clock is read for "today" (the core never reads it).
    public static func today() -> Day {
        var t = time(nil)
        var parts = tm()
        localtime_r(&t, &parts)
        return Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))!
    }
}
