/// The unit a grant's rate is priced in (takstenhed).
public enum RateUnit: String, Sendable, CaseIterable, Hashable {
    case day = "dag"
    case week = "uge"
    case month = "måned"
    case year = "år"
    case hour = "time"

    /// Reads the words exports use (`dag`, `døgn`, `uge`, `måned`, `md`, `år`, `time`, `timer`).
    public init?(parsing raw: some StringProtocol) {
        // As most files write it first (no trimming or lower-casing per grant), then folded.
        guard let unit = RateUnit.named(String(raw)) ?? RateUnit.named(Substring(raw).trimmingSpaces.lowercased()) else { return nil }
        self = unit
    }

    private static func named(_ name: String) -> RateUnit? {
        switch name {
        case "dag", "døgn", "dage", "day": return .day
        case "uge", "uger", "week": return .week
        case "måned", "md", "mdr", "mdr.", "md.", "måneder", "month": return .month
        case "år", "aar", "year": return .year
        case "time", "timer", "hour": return .hour
        default: return nil
        }
    }
}

/// A number with two decimals kept exact (e.g. hours per week, `37,5` = 3750).
public struct Hundredths: Hashable, Sendable, CustomStringConvertible {
    public let value: Int64
    public init(_ value: Int64) { self.value = value }
    public var description: String {
        value % 100 == 0 ? String(value / 100) : Money(ore: value).danishDecimal
    }
}

/// One service granted to one citizen under one paragraph (bevilling, indsats).
public struct Grant: Hashable, Sendable {
    public var caseId: String
    public var cpr: CPR
    public var name: String
    public var paragraph: Paragraph
    public var serviceCode: String
    public var serviceName: String
    public var provider: String
    public var start: Day
    /// Inclusive; nil while the grant is ongoing.
    public var end: Day?
    /// Nil (with `rateUnit` nil) when the grant costs nothing in every figure.
    public var rate: Money?
    public var rateUnit: RateUnit?
    public var hoursPerWeek: Hundredths?
    public var caseworker: String
    public var team: String
    public var nextFollowUp: Day?
    public var lastFollowUp: Day?
    /// Empty = "Uoplyst".
    public var targetGroup: String
    /// Nil = this municipality.
    public var actingMunicipality: String?
    /// Nil = this municipality.
    public var payingMunicipality: String?
    /// The physical line in the source file where the row starts.
    public var line: Int

    public init(caseId: String, cpr: CPR, name: String = "", paragraph: Paragraph,
                serviceCode: String = "", serviceName: String = "", provider: String = "",
                start: Day, end: Day? = nil, rate: Money? = nil, rateUnit: RateUnit? = nil,
                hoursPerWeek: Hundredths? = nil, caseworker: String = "", team: String = "",
                nextFollowUp: Day? = nil, lastFollowUp: Day? = nil, targetGroup: String = "",
                actingMunicipality: String? = nil, payingMunicipality: String? = nil, line: Int = 0) {
        self.caseId = caseId; self.cpr = cpr; self.name = name; self.paragraph = paragraph
        self.serviceCode = serviceCode; self.serviceName = serviceName; self.provider = provider
        self.start = start; self.end = end; self.rate = rate; self.rateUnit = rateUnit
        self.hoursPerWeek = hoursPerWeek; self.caseworker = caseworker; self.team = team
        self.nextFollowUp = nextFollowUp; self.lastFollowUp = lastFollowUp
        self.targetGroup = targetGroup; self.actingMunicipality = actingMunicipality
        self.payingMunicipality = payingMunicipality; self.line = line
    }
}

/// The role of a member of staff (rolle); it decides the start view and what they may see.
public enum StaffRole: String, Sendable, CaseIterable, Hashable {
    case caseworker = "sagsbehandler"
    case teamLead = "teamleder"
    case consultant = "konsulent"

    public init?(parsing raw: some StringProtocol) {
        let v = Substring(raw).trimmingSpaces.lowercased()
        if v.isEmpty { self = .caseworker; return }
        switch v {
        case "sagsbehandler", "caseworker": self = .caseworker
        case "teamleder", "leder", "team lead", "teamlead", "fagkoordinator": self = .teamLead
        case "konsulent", "consultant", "økonomikonsulent", "bi-konsulent": self = .consultant
        default: return nil
        }
    }
}

/// One caseworker or other member of staff (medarbejder).
public struct StaffMember: Hashable, Sendable {
    public var initials: String
    public var name: String
    public var team: String
    public var role: StaffRole
    /// The login name on the machine, which opens "Mine sager" for this person.
    public var username: String
    public var line: Int

    public init(initials: String, name: String = "", team: String = "", role: StaffRole = .caseworker,
                username: String = "", line: Int = 0) {
        self.initials = initials; self.name = name; self.team = team; self.role = role
        self.username = username; self.line = line
    }
}

/// One posted payment line for one citizen (postering, udbetaling).
///
/// Its repeating texts are symbols of the dataset's `Symbols` (`symbols[p.function]`): at
/// national scale ten million lines are held at once, 72 bytes each instead of 136.
public struct Payment: Hashable, Sendable {
    public var voucherId: String
    public var cpr: CPR
    /// Negative for a refund.
    public var amount: Money
    /// What the money was for: `periodStart…periodEnd`, inclusive.
    public var periodStart: Day
    public var periodEnd: Day
    public var postingDate: Day
    private var storedLine: Int32
    /// The account function of the chart of accounts, e.g. `5.38.50`.
    public var function: Symbol
    public var grouping: Symbol
    public var provider: Symbol
    /// `Symbol.empty` = this municipality.
    public var payingMunicipality: Symbol
    /// `Symbol.empty` = this municipality.
    public var actingMunicipality: Symbol

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    public init(voucherId: String, cpr: CPR, function: Symbol, grouping: Symbol = .empty, provider: Symbol = .empty,
                periodStart: Day, periodEnd: Day, amount: Money, postingDate: Day,
                payingMunicipality: Symbol = .empty, actingMunicipality: Symbol = .empty, line: Int = 0) {
        self.voucherId = voucherId; self.cpr = cpr; self.function = function; self.grouping = grouping
        self.provider = provider; self.periodStart = periodStart; self.periodEnd = periodEnd
        self.amount = amount; self.postingDate = postingDate
        self.payingMunicipality = payingMunicipality; self.actingMunicipality = actingMunicipality
        self.storedLine = Int32(clamping: line)
    }

    /// A payment from texts, each added to `symbols`.
    public init(voucherId: String, cpr: CPR, function: String, grouping: String = "", provider: String = "",
                periodStart: Day, periodEnd: Day, amount: Money, postingDate: Day,
                payingMunicipality: String? = nil, actingMunicipality: String? = nil, line: Int = 0,
                symbols: inout Symbols) {
        self.init(voucherId: voucherId, cpr: cpr, function: symbols.intern(function), grouping: symbols.intern(grouping),
                  provider: symbols.intern(provider), periodStart: periodStart, periodEnd: periodEnd, amount: amount,
                  postingDate: postingDate, payingMunicipality: payingMunicipality.map { symbols.intern($0) } ?? Symbol.empty,
                  actingMunicipality: actingMunicipality.map { symbols.intern($0) } ?? Symbol.empty, line: line)
    }

    /// The reader rejects a payment whose period ends before it starts; `ordering` keeps this total anyway.
    public var period: DayRange { DayRange(ordering: periodStart, periodEnd) }
}

/// The budget of one account function in one month (budget, korrigeret budget).
public struct BudgetLine: Hashable, Sendable {
    public var year: Int
    public var month: Int
    public var function: String
    public var budget: Money
    public var correctedBudget: Money?
    public var line: Int

    public init(year: Int, month: Int, function: String, budget: Money, correctedBudget: Money? = nil,
                line: Int = 0) {
        self.year = year; self.month = month; self.function = function; self.budget = budget
        self.correctedBudget = correctedBudget; self.line = line
    }

    /// The corrected budget where given, else the budget.
    public var effective: Money { correctedBudget ?? budget }
}

/// One service period as reported to Danmarks Statistik (DST).
public struct DstRow: Hashable, Sendable {
    public var cpr: CPR
    public var paragraph: Paragraph
    public var dstCode: String
    public var start: Day
    public var end: Day?
    public var targetGroup: String
    public var line: Int

    public init(cpr: CPR, paragraph: Paragraph, dstCode: String, start: Day, end: Day? = nil,
                targetGroup: String = "", line: Int = 0) {
        self.cpr = cpr; self.paragraph = paragraph; self.dstCode = dstCode; self.start = start
        self.end = end; self.targetGroup = targetGroup; self.line = line
    }
}

/// One row of the masteroversigt: a paragraph's account function, DST code and valid service codes.
public struct MappingRow: Hashable, Sendable {
    public var paragraph: Paragraph
    public var function: String
    /// Empty when the function alone tells the paragraph.
    public var grouping: String
    /// Empty when the paragraph is not reported to DST.
    public var dstCode: String
    public var serviceCodes: [String]
    public var label: String
    public var line: Int

    public init(paragraph: Paragraph, function: String, grouping: String = "", dstCode: String = "",
                serviceCodes: [String] = [], label: String = "", line: Int = 0) {
        self.paragraph = paragraph; self.function = function; self.grouping = grouping
        self.dstCode = dstCode; self.serviceCodes = serviceCodes; self.label = label; self.line = line
    }
}
