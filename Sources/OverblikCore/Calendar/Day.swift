/// A calendar day with no time of day and no time zone (dato).
///
/// Stored as the number of days since 1 January 1970, so that comparing, counting and
/// stepping days is integer arithmetic. The conversions use the proleptic Gregorian
/// calendar (Howard Hinnant's `days_from_civil`), valid far beyond any date in the data.
public struct Day: Hashable, Comparable, Sendable, Strideable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public let ordinal: Int32

    public init(ordinal: Int32) { self.ordinal = ordinal }

    /// The day `year-month-day`, or nil when that day does not exist (31-02, 29-02 of a common year).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.init(anyYear: year, month: month, day: day)
    }

    /// The day of a month (1–12) and a day within it, in any year (not only 1…9999: arithmetic
    /// such as "the year before today's" may step outside the years a date is read in).
    init(anyYear year: Int, month: Int, day: Int) {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        ordinal = Int32(era * 146_097 + doe - 719_468)  // By construction: years are data's (1…9999) ± a few; Int32 holds ±5 million years.
    }

    /// Year, month (1–12) and day of month (1–31).
    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(ordinal) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var day: Int { components.day }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func daysIn(year: Int) -> Int { isLeap(year) ? 366 : 365 }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }
    public func advanced(by n: Int) -> Day { Day(ordinal: ordinal + Int32(n)) }
    public func distance(to other: Day) -> Int { Int(other.ordinal - ordinal) }

    /// `2026-11-23`: for JSON, file names and SQL.
    public var iso: String {
        let (y, m, d) = components
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// `23-11-2026`: how Danish users write a date.
    public var danish: String {
        let (y, m, d) = components
        return "\(pad(d, 2))-\(pad(m, 2))-\(pad(y, 4))"
    }

    public var description: String { iso }

    /// Parses `YYYY-MM-DD` (the `--today` flag and stored metadata).
    public init?(iso text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var firstOfMonth: Day { let c = components; return Day(anyYear: c.year, month: c.month, day: 1) }
    public var lastOfMonth: Day {
        let c = components
        return Day(anyYear: c.year, month: c.month, day: Day.daysIn(month: c.month, year: c.year))
    }
}

func pad(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
