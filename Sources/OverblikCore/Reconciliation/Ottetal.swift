/// The eight figures of the ottetalskontrol (Overblik's version) for one paragraph and period.
public struct OttetalLine: Hashable, Sendable {
    public init(paragraph: Paragraph, period: DayRange, caseSystem: Int, economy: Int, both: Int, onlyCaseSystem: Int, onlyEconomy: Int, fullTimeCaseSystem: FullTimePersons, fullTimeEconomy: FullTimePersons) {
        self.paragraph = paragraph; self.period = period; self.caseSystem = caseSystem; self.economy = economy; self.both = both; self.onlyCaseSystem = onlyCaseSystem; self.onlyEconomy = onlyEconomy; self.fullTimeCaseSystem = fullTimeCaseSystem; self.fullTimeEconomy = fullTimeEconomy
    }

    public var paragraph: Paragraph
    public var period: DayRange
    /// 1: citizens in the case system.
    public var caseSystem: Int
    /// 2: citizens in the economy system.
    public var economy: Int
    /// 3: citizens in both.
    public var both: Int
    /// 4: only in the case system.
    public var onlyCaseSystem: Int
    /// 5: only in the economy system.
    public var onlyEconomy: Int
    /// 6: full-time persons from the case system.
    public var fullTimeCaseSystem: FullTimePersons
    /// 7: full-time persons from the economy system (the union of paid periods).
    public var fullTimeEconomy: FullTimePersons
    /// 8: 6 − 7, in full-time persons.
    public var fullTimeDifference: Double { fullTimeCaseSystem.value - fullTimeEconomy.value }
}
