extension Day {
    /// The day of the week: 1 Monday … 7 Sunday (1 January 1970 was a Thursday).
    public var weekday: Int {
        let r = (Int(ordinal) + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }
}

/// Danish public holidays (helligdage): nytårsdag, skærtorsdag, langfredag, påskedag,
/// 2. påskedag, store bededag (until 2023, abolished from 2024), Kristi himmelfartsdag,
/// pinsedag, 2. pinsedag, juledag and 2. juledag. Easter by the Gregorian computus.
public enum DanishHolidays {
    /// Easter Sunday of `year` (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).
    public static func easterSunday(_ year: Int) -> Day {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return Day(anyYear: year, month: month, day: day)
    }

    /// The public holidays of `year`, in date order, with their Danish names.
    public static func holidays(_ year: Int) -> [(day: Day, name: String)] {
        let easter = easterSunday(year)
        var out: [(Day, String)] = [(Day(anyYear: year, month: 1, day: 1), "Nytårsdag"),
                                    (easter.advanced(by: -3), "Skærtorsdag"), (easter.advanced(by: -2), "Langfredag"),
                                    (easter, "Påskedag"), (easter.advanced(by: 1), "2. påskedag")]
        if year <= 2023 { out.append((easter.advanced(by: 26), "Store bededag")) }
        out += [(easter.advanced(by: 39), "Kristi himmelfartsdag"), (easter.advanced(by: 49), "Pinsedag"),
                (easter.advanced(by: 50), "2. pinsedag"),
                (Day(anyYear: year, month: 12, day: 25), "Juledag"), (Day(anyYear: year, month: 12, day: 26), "2. juledag")]
        return out.sorted { $0.0 < $1.0 }
    }
}

/// The administration's working days: Monday to Friday, except Danish public holidays and the
/// configured closed days (`[servicemaal] closed_days`, day and month, every year).
public struct WorkingCalendar: Sendable, Equatable {
    /// Closed days as (month, day).
    public let closedDays: [ClosedDay]

    public struct ClosedDay: Sendable, Hashable {
        public let month: Int, day: Int
        public init(month: Int, day: Int) { self.month = month; self.day = day }

        /// `24-12` (day, month), or nil when it is no day of any year.
        public init?(parsing text: String) {
            let parts = Substring(text).trimmingSpaces.split(separator: "-")
            guard parts.count == 2, let d = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m),
                  d >= 1, d <= Day.daysIn(month: m, year: 2024) else { return nil }
            self.init(month: m, day: d)
        }
    }

    public init(closedDays: [ClosedDay] = []) { self.closedDays = closedDays }

    public func isWorkingDay(_ d: Day) -> Bool {
        guard d.weekday <= 5 else { return false }
        let c = d.components
        if closedDays.contains(where: { $0.month == c.month && $0.day == c.day }) { return false }
        return !DanishHolidays.holidays(c.year).contains { $0.day == d }
    }

    /// The `n`-th working day after `day` (the day itself not counted), for n ≥ 1; `day` for n ≤ 0.
    public func workingDay(_ n: Int, after day: Day) -> Day {
        var d = day, left = n
        // Holidays looked up per year, not per day.
        var year = Int.min, holidays: Set<Day> = []
        while left > 0 {
            d = d.advanced(by: 1)
            guard d.weekday <= 5 else { continue }
            let c = d.components
            if c.year != year { year = c.year; holidays = Set(DanishHolidays.holidays(year).map(\.day)) }
            if holidays.contains(d) || closedDays.contains(where: { $0.month == c.month && $0.day == c.day }) { continue }
            left -= 1
        }
        return d
    }
}
