/// One account function and month of the Økonomi view (budget vs spend).
public struct BudgetMonth: Hashable, Sendable {
    public init(year: Int, month: Int, function: String, label: String, budget: Money, spend: Money, cumulativeBudget: Money, cumulativeSpend: Money, deviation: Money, annualBudget: Money, forecastYear: Money, fullTimePersons: FullTimePersons, unitCost: Money?) {
        self.year = year; self.month = month; self.function = function; self.label = label; self.budget = budget; self.spend = spend; self.cumulativeBudget = cumulativeBudget; self.cumulativeSpend = cumulativeSpend; self.deviation = deviation; self.annualBudget = annualBudget; self.forecastYear = forecastYear; self.fullTimePersons = fullTimePersons; self.unitCost = unitCost
    }

    public var year: Int
    public var month: Int
    public var function: String
    public var label: String
    /// The corrected budget where given, else the budget; zero when the file has no row.
    public var budget: Money
    /// Payments posted in the month (refunds negative).
    public var spend: Money
    public var cumulativeBudget: Money
    public var cumulativeSpend: Money
    /// Cumulative budget − cumulative spend: positive is under budget.
    public var deviation: Money
    /// The budget of the whole year (Σ of the twelve months).
    public var annualBudget: Money
    /// Expected spend for the whole year; the same on every row of the function.
    public var forecastYear: Money
    /// Full-time persons in the month (the average number of recipients the municipality pays for).
    public var fullTimePersons: FullTimePersons
    /// Kroner per full-time person per year over 1 January … the month's end; nil for a month
    /// not yet ended, or with no covered days.
    public var unitCost: Money?
}

/// The Økonomi view for `year`: a row per account function (every function of the mapping
/// and of the budget file for the year) and month.
///
/// Rules (domain.md): spend by posting date; the forecast by service year (see `forecastYear`).
/// Full-time persons and unit cost count only grants this municipality pays, on the union per
/// (citizen, function).
/// Unit cost's `paidFor` takes each payment's amount pro rata to its period's days in the
/// range, rounded to whole øre per payment. `mapping` must be built with the payments' symbols.
public func budgetView(grants: [Grant], payments: [Payment], budget: [BudgetLine], mapping: MappingIndex,
                       year: Int, today: Day, index: PaymentIndex? = nil) -> [BudgetMonth] {
    let yearRange = DayRange.year(year)
    let functions = Set(mapping.functions).union(budget.filter { $0.year == year }.map(\.function)).sorted()
    let budgets = Dictionary(budget.filter { $0.year == year }.map { ("\($0.function)|\($0.month)", $0.effective) },
                             uniquingKeysWith: { a, _ in a })
    // Positions, not copies: the payments of one function are gathered only while it is computed.
    var paymentsByFunction: [Symbol: [Int32]] = index?.byFunction ?? [:]
    if index == nil { for (i, p) in payments.enumerated() { paymentsByFunction[p.function, default: []].append(Int32(i)) } }

    // Grants this municipality pays, by function, with their citizens' unions.
    // As positions in `grants` (a copy of every grant per year would cost more memory than the rest).
    var ownGrants: [String: [Int32]] = [:]
    for (i, g) in grants.enumerated() where g.payingMunicipality == nil {
        guard let row = mapping.row(for: g) else { continue }
        ownGrants[row.function, default: []].append(Int32(i))
    }

    let monthEnds = (0...12).map { $0 == 0 ? yearRange.start.advanced(by: -1) : DayRange.month($0, of: year).end }
    var out: [BudgetMonth] = []
    for f in functions {
        // The function's payments read in place by position (no copy of them is made).
        let positions = mapping.symbols.symbol(for: f).flatMap { paymentsByFunction[$0] } ?? []
        let paidToMonthEnd = paidForYearToMonthEnds(payments, positions, year: year)
        let fGrants = ownGrants[f] ?? []
        var spendByMonth = [Money](repeating: .zero, count: 13)
        for i in positions where yearRange.contains(payments[Int(i)].postingDate) {
            // The month by comparing with the months' last days (no calendar arithmetic per payment).
            let posted = payments[Int(i)].postingDate
            var m = 1
            while monthEnds[m] < posted { m += 1 }
            spendByMonth[m] = spendByMonth[m] + payments[Int(i)].amount
        }
        let forecast = forecastYear(grants: grants, fGrants, payments: payments, positions, year: year, today: today)
        // Each citizen's union on the function, its days counted into the months in one pass.
        var unions: [CPR: [Span]] = [:]
        for i in fGrants { unions[grants[Int(i)].cpr, default: []].append(grants[Int(i)].span) }
        var coveredInMonth = [Int](repeating: 0, count: 13)
        for spans in unions.values {
            for s in (spans.count == 1 ? spans : union(spans)) {
                guard let inYear = s.within(yearRange) else { continue }
                for m in inYear.start.month...inYear.end.month {
                    coveredInMonth[m] += DayRange.month(m, of: year).intersection(inYear)?.dayCount ?? 0
                }
            }
        }
        let annual = (1...12).reduce(Money.zero) { $0 + (budgets["\(f)|\($1)"] ?? .zero) }

        var cumBudget = Money.zero, cumSpend = Money.zero, coveredToDate = 0
        for m in 1...12 {
            let month = DayRange.month(m, of: year)
            let b = budgets["\(f)|\(m)"] ?? .zero
            cumBudget = cumBudget + b
            cumSpend = cumSpend + spendByMonth[m]
            let covered = coveredInMonth[m]
            coveredToDate += covered
            var unitCost: Money?
            if month.end < today {
                let days = coveredToDate
                if days > 0 {
                    let paid = paidToMonthEnd[m]
                    unitCost = Money(ore: Money.proRata(paid.ore, yearRange.dayCount, days))
                }
            }
            out.append(BudgetMonth(year: year, month: m, function: f, label: mapping.label(function: f), budget: b,
                                   spend: spendByMonth[m], cumulativeBudget: cumBudget, cumulativeSpend: cumSpend,
                                   deviation: cumBudget - cumSpend, annualBudget: annual, forecastYear: forecast,
                                   fullTimePersons: FullTimePersons(coveredDays: covered, periodDays: month.dayCount),
                                   unitCost: unitCost))
        }
    }
    return out
}

/// `paidFor(payments, in: 1 January … end of month m)` for every month m (index 1…12) in one pass:
/// a payment counts in full from the month its period ends in, and pro rata (rounded per
/// payment, as `paidFor` does) in the months whose end falls inside its period.
func paidForYearToMonthEnds(_ payments: [Payment], year: Int) -> [Money] {
    paidForYearToMonthEnds(payments, Array(0..<Int32(payments.count)), year: year)
}

/// The same over the payments at `positions`, read in place.
func paidForYearToMonthEnds(_ all: [Payment], _ positions: [Int32], year: Int) -> [Money] {
    let yearRange = DayRange.year(year)
    var full = [Money](repeating: .zero, count: 14)
    var partial = [Money](repeating: .zero, count: 13)
    let monthEnds = (0...12).map { $0 == 0 ? yearRange.start.advanced(by: -1) : DayRange.month($0, of: year).end }
    for i in positions {
        let (periodStart, periodEnd, amount) = (all[Int(i)].periodStart, all[Int(i)].periodEnd, all[Int(i)].amount)
        guard periodEnd >= yearRange.start, periodStart <= yearRange.end else { continue }
        let days = periodStart.distance(to: periodEnd) + 1
        // Months whose end lies inside the period (before its last day): a part of the payment.
        var m = periodStart < yearRange.start ? 1 : periodStart.month
        while m <= 12 && monthEnds[m] < periodEnd {
            let from = max(periodStart, yearRange.start)
            if monthEnds[m] >= from {
                let overlap = from.distance(to: monthEnds[m]) + 1
                partial[m] = partial[m] + Money(ore: Money.proRata(amount.ore, overlap, days))
            }
            m += 1
        }
        guard m <= 12 else { continue }
        // From month m on, the range holds every day of the payment inside the year.
        let inYear = max(periodStart, yearRange.start).distance(to: min(periodEnd, yearRange.end)) + 1
        full[m] = full[m] + (inYear == days ? amount : Money(ore: Money.proRata(amount.ore, inYear, days)))
    }
    var out = [Money](repeating: .zero, count: 13)
    var running = Money.zero
    for m in 1...12 {
        running = running + full[m]
        out[m] = running + partial[m]
    }
    return out
}

/// `paidFor(_:in:)` over the payments at `positions`, read in place.
func paidFor(_ all: [Payment], _ positions: some Collection<Int32>, in range: DayRange) -> Money {
    var total = Money.zero
    for i in positions {
        let (start, end) = (all[Int(i)].periodStart, all[Int(i)].periodEnd)
        guard end >= range.start, start <= range.end else { continue }
        let overlap = max(start, range.start).distance(to: min(end, range.end)) + 1
        total = total + Money(ore: Money.proRata(all[Int(i)].amount.ore, overlap, start.distance(to: end) + 1))
    }
    return total
}

/// What the payments were for within `range`: each payment's amount × its days in the range /
/// its days, rounded to whole øre per payment.
public func paidFor(_ payments: [Payment], in range: DayRange) -> Money {
    paidFor(payments, Array(0..<Int32(payments.count)), in: range)
}

/// The year-end forecast of one function by service year (udgiftsbaseret, domain.md): **paid**,
/// the share of every payment posted by today whose period falls on days of the year (amount ×
/// its days in the year ÷ its days, summed exactly and rounded once), plus **unpaid**, each
/// grant's daily rate × its days of the year that no payment period of the citizen on the
/// function covers (payments posted by today), rounded once per grant. A payment for December
/// posted in January counts towards December's year; so a year never holds thirteen months.
/// `grants` are the function's grants that this municipality pays; `payments` the function's payments.
public func forecastYear(grants: [Grant], payments: [Payment], year: Int, today: Day) -> Money {
    forecastYear(grants: grants, Array(0..<Int32(grants.count)), payments: payments, Array(0..<Int32(payments.count)),
                 year: year, today: today)
}

/// The same over the payments at `positions`, read in place.
func forecastYear(grants allGrants: [Grant], _ grantPositions: [Int32], payments all: [Payment], _ positions: [Int32],
                  year: Int, today: Day) -> Money {
    let yearRange = DayRange.year(year)
    // Only payments posted by today count, for the paid share and for the days they make paid.
    // (A payment dated after today would otherwise be neither paid nor forecast, and its money
    // would vanish from the forecast.) The spans are gathered per run of one citizen's payments
    // (they mostly follow one another): one dictionary look-up per run, not per payment.
    var paid = ExactSum()
    var paidSpans: [CPR: [Span]] = [:]
    var run: [Span] = []
    var citizen: CPR?
    for i in positions where all[Int(i)].postingDate <= today {
        let p = all[Int(i)]
        if p.periodEnd >= yearRange.start, p.periodStart <= yearRange.end {
            let inYear = max(p.periodStart, yearRange.start).distance(to: min(p.periodEnd, yearRange.end)) + 1
            paid.add(p.amount, times: inYear, over: p.periodStart.distance(to: p.periodEnd) + 1)
        }
        if p.cpr != citizen {
            if let citizen { paidSpans[citizen, default: []].append(contentsOf: run) }
            citizen = p.cpr
            run.removeAll(keepingCapacity: true)
        }
        run.append(Span(start: p.periodStart, end: p.periodEnd))
    }
    if let citizen { paidSpans[citizen, default: []].append(contentsOf: run) }
    paidSpans = paidSpans.mapValues(union)
    var expected = Money.zero
    for k in grantPositions {
        let g = allGrants[Int(k)]
        guard let rate = g.dailyRate, let days = g.period(within: yearRange) else { continue }
        let paidDays = coveredDays(paidSpans[g.cpr] ?? [], in: days)
        expected = expected + rate.cost(days: days.dayCount - paidDays)
    }
    return paid.rounded + expected
}
