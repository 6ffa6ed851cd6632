/// Ankestyrelsen's decision on an appeal, as it publishes them (`appeals`, exports.md).
public enum AppealOutcome: String, Sendable, CaseIterable, Hashable {
    case upheld = "stadfæstet"
    case changed = "ændret"
    case annulled = "ophævet"
    case remitted = "hjemvist"
    case dismissed = "afvist"
    case referred = "henvist"
    case lapsed = "bortfaldet"

    /// The words ignoring case and surrounding spaces, and in ASCII spelling (`aendret`, `ophaevet`).
    public init?(parsing raw: some StringProtocol) {
        if let exact = AppealOutcome(rawValue: String(raw)) { self = exact; return }
        switch Enumerated.fold(raw) {
        case "stadfaestet": self = .upheld
        case "aendret": self = .changed
        case "ophaevet": self = .annulled
        case "hjemvist": self = .remitted
        case "afvist": self = .dismissed
        case "henvist": self = .referred
        case "bortfaldet": self = .lapsed
        default: return nil
        }
    }

    /// `afvist`, `henvist` and `bortfaldet`: not judged on the merits, outside the omgørelsesprocent.
    public var isOnMerits: Bool { !(self == .dismissed || self == .referred || self == .lapsed) }
}

/// The municipality's own reconsideration of an appealed decision (genvurdering).
public enum Reconsideration: String, Sendable, CaseIterable, Hashable {
    case upheld = "fastholdt"
    case agreed = "medhold"
    case partlyAgreed = "delvis medhold"

    public init?(parsing raw: some StringProtocol) {
        if let exact = Reconsideration(rawValue: String(raw)) { self = exact; return }
        switch Enumerated.fold(raw) {
        case "fastholdt": self = .upheld
        case "medhold": self = .agreed
        case "delvis medhold": self = .partlyAgreed
        default: return nil
        }
    }
}

/// One appeal of a decision to Ankestyrelsen (`appeals`, exports.md).
public struct Appeal: Hashable, Sendable {
    public var appealId: String
    public var cpr: CPR
    public var paragraph: Paragraph
    /// The municipality's decision that was appealed.
    public var decisionDate: Day?
    public var received: Day
    public var reconsidered: Day?
    public var reconsideration: Reconsideration?
    /// Nil while pending at the board.
    public var boardDecided: Day?
    public var outcome: AppealOutcome?
    public var caseworker: String
    public var line: Int

    public init(appealId: String, cpr: CPR, paragraph: Paragraph, decisionDate: Day? = nil, received: Day,
                reconsidered: Day? = nil, reconsideration: Reconsideration? = nil, boardDecided: Day? = nil,
                outcome: AppealOutcome? = nil, caseworker: String = "", line: Int = 0) {
        self.appealId = appealId; self.cpr = cpr; self.paragraph = paragraph; self.decisionDate = decisionDate
        self.received = received; self.reconsidered = reconsidered; self.reconsideration = reconsideration
        self.boardDecided = boardDecided; self.outcome = outcome; self.caseworker = caseworker; self.line = line
    }

    /// The municipality agreed wholly in its reconsideration: the appeal ends there and never
    /// reaches the board (a board date on such a row is not counted).
    public var endedByAgreement: Bool { reconsideration == .agreed }

    /// The board's decision, when it counts (not after `medhold`).
    public var boardOutcome: (day: Day, outcome: AppealOutcome)? {
        guard !endedByAgreement, let boardDecided, let outcome else { return nil }
        return (boardDecided, outcome)
    }

    /// Reconsidered within four weeks (28 days) of receipt.
    public var reconsideredInTime: Bool { reconsidered.map { received.distance(to: $0) <= 28 } ?? false }

    /// Waiting for the board: no board decision, and not ended by `medhold` (management.md §5; a
    /// snapshot's rows are as of its export, so a board date is a decision made).
    public var isPending: Bool { !endedByAgreement && boardOutcome == nil }
}

/// One row of Klagesager (management.md §5, §9): a paragraph (nil: all paragraphs) and a year.
/// The board figures belong to the year of the board's decision; `received`,
/// `reconsideredInTime` and `agreedInReconsideration` to the year the appeal was received.
public struct AppealLine: Hashable, Sendable {
    public var paragraph: Paragraph?
    public var year: Int
    public var upheld = 0, changedOrAnnulled = 0, remitted = 0, notOnMerits = 0
    public var received = 0, reconsideredInTime = 0, agreedInReconsideration = 0
    /// Pending as of today; only on today's year's rows.
    public var pending: Int?

    public init(paragraph: Paragraph?, year: Int) { self.paragraph = paragraph; self.year = year }

    /// Appeals the board decided this year, every outcome.
    public var decided: Int { upheld + changedOrAnnulled + remitted + notOnMerits }
    /// The decisions judged on the merits: the omgørelsesprocent's divisor.
    public var divisor: Int { upheld + changedOrAnnulled + remitted }
    /// (ændret + ophævet + hjemvist) ÷ divisor × 100, unrounded; nil when the divisor is 0.
    public var reversalRate: Double? {
        divisor == 0 ? nil : Double(changedOrAnnulled + remitted) / Double(divisor) * 100
    }

    mutating func count(_ outcome: AppealOutcome) {
        switch outcome {
        case .upheld: upheld += 1
        case .changed, .annulled: changedOrAnnulled += 1
        case .remitted: remitted += 1
        case .dismissed, .referred, .lapsed: notOnMerits += 1
        }
    }
}

/// Klagesager's rows: every paragraph with an appeal, every year from the first in which an appeal
/// was received or decided by the board up to today's (all-zero years included), and per year a
/// total of all paragraphs; of `year` only when given. Ordered by year, the paragraphs in their
/// order, the total last.
public func appealLines(_ appeals: [Appeal], today: Day, year: Int? = nil) -> [AppealLine] {
    let thisYear = today.year
    let paragraphs = Set(appeals.map(\.paragraph)).sorted()
    var firstYear: Int?
    // (Each appeal's years worked out once: 21.450 appeals on L.)
    let receivedYears = appeals.map(\.received.year)
    for (a, received) in zip(appeals, receivedYears) {
        firstYear = min(firstYear ?? received, received)
        if let (day, _) = a.boardOutcome { firstYear = min(firstYear ?? day.year, day.year) }
    }
    guard let firstYear, firstYear <= thisYear else { return [] }
    let years = firstYear...thisYear
    // A line per year and paragraph, then the year's whole (nil), in the order shown: by year, the
    // paragraphs in law order, the whole last. Each appeal's paragraph looked up once.
    let position = Dictionary(uniqueKeysWithValues: paragraphs.enumerated().map { ($1, $0) })
    let width = paragraphs.count + 1
    var lines: [AppealLine] = []
    lines.reserveCapacity(years.count * width)
    for y in years {
        for p in paragraphs.map(Optional.some) + [nil] {
            var line = AppealLine(paragraph: p, year: y)
            if y == thisYear { line.pending = 0 }
            lines.append(line)
        }
    }
    func add(_ p: Int, _ y: Int, _ change: (inout AppealLine) -> Void) {
        guard years.contains(y) else { return }
        let row = (y - firstYear) * width
        change(&lines[row + p])
        change(&lines[row + width - 1])
    }
    for (a, received) in zip(appeals, receivedYears) {
        guard let p = position[a.paragraph] else { continue }  // (by construction: every appeal's paragraph has a position)
        add(p, received) { l in
            l.received += 1
            if a.reconsideredInTime { l.reconsideredInTime += 1 }
            if a.reconsideration == .agreed || a.reconsideration == .partlyAgreed { l.agreedInReconsideration += 1 }
        }
        if let (day, outcome) = a.boardOutcome { add(p, day.year) { $0.count(outcome) } }
        if a.isPending { add(p, thisYear) { $0.pending? += 1 } }
    }
    return year.map { y in lines.filter { $0.year == y } } ?? lines
}

/// A pending appeal and its age (management.md §5: the screens show each one's age in days).
public struct PendingAppeal: Hashable, Sendable {
    public var appeal: Appeal
    /// today − received.
    public var ageDays: Int

    public init(appeal: Appeal, ageDays: Int) { self.appeal = appeal; self.ageDays = ageDays }
}

/// The appeals waiting for the board on `today`, the oldest first.
public func pendingAppeals(_ appeals: [Appeal], today: Day) -> [PendingAppeal] {
    appeals.filter(\.isPending)
        .map { PendingAppeal(appeal: $0, ageDays: $0.received.distance(to: today)) }
        .sorted { ($0.appeal.received, $0.appeal.appealId) < ($1.appeal.received, $1.appeal.appealId) }
}
