import Foundation
import OverblikCore

/// The one place the programs read the clock: the snapshot's creation time, its age on screen,
/// the time on an annotation or a log line, and the machine's "today". The core never reads it.
///
/// `OVERBLIK_NOW` (an ISO 8601 time such as `2026-11-23T06:00:00Z`) fixes it, so that tests and
/// reproductions give the same output on any day: the test suite sets it for every program it
/// runs. Without it (or with a value that is not such a time) it is the machine's clock.
public enum WallClock {
    public static let environmentName = "OVERBLIK_NOW"

    /// Now: `OVERBLIK_NOW` when set, else the machine's clock.
    public static func now() -> Date {
        if let text = ProcessInfo.processInfo.environment[environmentName], let fixed = parse(text) { return fixed }
        return Date()
    }

    /// The local date of `now()`.
    public static func today() -> Day { day(of: now()) }

    /// The local calendar date of `date`.
    public static func day(of date: Date) -> Day {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        localtime_r(&t, &parts)
        // localtime_r gives a real calendar date (month 0…11, day 1…31), so this is always a day;
        // the epoch stands in should the C library ever say otherwise.
        return Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday)) ?? Day(ordinal: 0)
    }

    /// Now as ISO 8601 in UTC, to the second: the time on an answer or an annotation.
    public static func isoNow() -> String { iso(now()) }

    /// `date` as ISO 8601 in UTC, to the second (`2026-11-23T06:00:00Z`), as `ISO8601DateFormatter`
    /// writes it, without making one (that took a millisecond of opening Tilsyn).
    public static func iso(_ date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    /// An ISO 8601 time with a zone (`…Z` or `…+01:00`), with or without fractional seconds.
    static func parse(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let d = plain.date(from: text) { return d }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}

extension Day {
    /// The machine's local date (see `WallClock`).
    public static func today() -> Day { WallClock.today() }
}
