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

/// The parts of the Økonomi view that no year changes, made once for every year's figures: per
/// account function its payments (positions), the grants this municipality pays on it
/// (positions, each grant's mapping row looked up once), each citizen's union of those grants'
/// spans, and each citizen's union of the periods of the function's payments posted by today
/// (the days the forecast counts as paid).
public struct BudgetBasis: Sendable {
    struct Function: Sendable {
        var payments: [Int32] = []
        var grants: [Int32] = []
        /// Every citizen's union of the grants' spans, one citizen after another.
        var grantUnions: [Span] = []
        /// The citizens with paid periods (CPR numbers, ascending); each one's union ends in
        /// `paidSpans` at its `paidEnds` (and starts where the one before ends).
        var paidCitizens: [Int64] = []
        var paidEnds: [Int32] = []
        var paidSpans: [Span] = []

        init() {}

        /// The function's grants and payments at these positions, their citizens' unions made.
        /// Only payments posted by today count as paid (one dated later would otherwise be neither
        /// paid nor forecast).
        init(grants: [Grant], _ grantPositions: [Int32], payments: [Payment], _ paymentPositions: [Int32], today: Day) {
            (self.grants, self.payments) = (grantPositions, paymentPositions)
            grantUnions = grants.withUnsafeBufferPointer { grants in  // (read in place: no grant copied)
                Self.unitedByCitizen(grantPositions.lazy.map { (grants[Int($0)].cpr.value, grants[Int($0)].span) }).spans
            }
            (paidCitizens, paidEnds, paidSpans) = Self.unitedByCitizen(
                paymentPositions.lazy.filter { payments[Int($0)].postingDate <= today }
                    .map { (payments[Int($0)].cpr.value, Span(start: payments[Int($0)].periodStart, end: payments[Int($0)].periodEnd)) })
        }

        /// Each citizen's union of the spans: the spans gathered in runs of one citizen (a citizen's
        /// rows mostly follow one another), the runs ordered by citizen, each citizen's spans united.
        /// The citizens ascending; each one's union ends in `spans` at its `ends`. No hashing.
        static func unitedByCitizen(_ items: some Sequence<(Int64, Span)>) -> (citizens: [Int64], ends: [Int32], spans: [Span]) {
            var flat: [Span] = []
            var runs: [(cpr: Int64, from: Int32, to: Int32)] = []
            for (cpr, span) in items {
                if runs.last?.cpr != cpr { runs.append((cpr, Int32(flat.count), Int32(flat.count))) }
                flat.append(span)
                runs[runs.count - 1].to += 1
            }
            // (A radix sort of the runs' citizens, stable: equal citizens keep the file's order.)
            let order = stableOrder(of: runs.map { UInt64(bitPattern: $0.cpr) })
            var out: (citizens: [Int64], ends: [Int32], spans: [Span]) = ([], [], [])
            var run: [Span] = []
            var r = 0
            while r < order.count {
                let cpr = runs[order[r]].cpr
                var next = r + 1
                while next < order.count && runs[order[next]].cpr == cpr { next += 1 }
                if next == r + 1 {
                    // (One run, the usual: united where it lies.)
                    appendUnion(of: flat[Int(runs[order[r]].from)..<Int(runs[order[r]].to)], to: &out.spans)
                } else {
                    run.removeAll(keepingCapacity: true)
                    for k in r..<next { run.append(contentsOf: flat[Int(runs[order[k]].from)..<Int(runs[order[k]].to)]) }
                    appendUnion(of: run, to: &out.spans)
                }
                r = next
                out.citizens.append(cpr)
                out.ends.append(Int32(out.spans.count))
            }
            return out
        }

        /// A citizen's union of paid periods (empty when none).
        func paid(_ cpr: CPR) -> ArraySlice<Span> {
            var (low, high) = (0, paidCitizens.count)
            while low < high {
                let mid = (low + high) / 2
                if paidCitizens[mid] < cpr.value { low = mid + 1 } else { high = mid }
            }
            guard low < paidCitizens.count, paidCitizens[low] == cpr.value else { return [] }
            return paidSpans[Int(low == 0 ? 0 : paidEnds[low - 1])..<Int(paidEnds[low])]
        }
    }
    let functions: [String: Function]
    let today: Day

    /// `index` (made from the same grants, payments and mapping) saves a pass over the payments and
    /// a look-up in the mapping per grant.
    public init(grants: [Grant], payments: [Payment], mapping: MappingIndex, today: Day, index: PaymentIndex? = nil) {
        self.today = today
        var paymentsOf: [Symbol: [Int32]] = index?.byFunction ?? [:]
        if index == nil { for (i, p) in payments.enumerated() { paymentsOf[p.function, default: []].append(Int32(i)) } }
        var out: [String: Function] = [:]
        // Read in place, and gathered per function in runs (no grant copied, no function hashed per grant).
        var function = "", run: [Int32] = []
        grants.withUnsafeBufferPointer { grants in
            for i in grants.indices where grants[i].payingMunicipality == nil {
                let found = index.map { $0.grantFunctionRow[i] >= 0 ? mapping.rows[Int($0.grantFunctionRow[i])] : nil } ?? mapping.row(for: grants[i])
                guard let row = found else { continue }
                if row.function != function {
                    if !run.isEmpty { out[function, default: Function()].grants.append(contentsOf: run) }
                    (function, run) = (row.function, [])
                }
                run.append(Int32(i))
            }
        }
        if !run.isEmpty { out[function, default: Function()].grants.append(contentsOf: run) }
        for (symbol, positions) in paymentsOf {
            out[mapping.symbols[symbol], default: Function()].payments = positions
        }
        for (f, entry) in out { out[f] = Function(grants: grants, entry.grants, payments: payments, entry.payments, today: today) }
        functions = out
    }
}

/// The Økonomi view for `year`: a row per account function (every function of the mapping
/// and of the budget file for the year) and month.
///
/// Rules (domain.md): spend by posting date; the forecast by service year (see `forecastYear`).
/// Full-time persons and unit cost count only grants this municipality pays, on the union per
/// (citizen, function).
/// Unit cost's `paidFor` takes each payment's amount pro rata to its period's days in the
/// range, rounded to whole øre per payment. `mapping` must be built with the payments' symbols.
/// `basis` (made once for `today`) saves each year gathering the functions' grants and spans again.
public func budgetView(grants: [Grant], payments: [Payment], budget: [BudgetLine], mapping: MappingIndex,
                       year: Int, today: Day, index: PaymentIndex? = nil, basis: BudgetBasis? = nil) -> [BudgetMonth] {
    let yearRange = DayRange.year(year)
    let functions = Set(mapping.functions).union(budget.filter { $0.year == year }.map(\.function)).sorted()
    let budgets = Dictionary(budget.filter { $0.year == year }.map { ("\($0.function)|\($0.month)", $0.effective) },
                             uniquingKeysWith: { a, _ in a })
    let basis = basis.flatMap { $0.today == today ? $0 : nil }
        ?? BudgetBasis(grants: grants, payments: payments, mapping: mapping, today: today, index: index)

    var out: [BudgetMonth] = []
    for f in functions {
        let entry = basis.functions[f] ?? BudgetBasis.Function()
        // The function's payments read once, in place by position (no copy of them is made).
        let sums = FunctionYearPayments(payments, entry.payments, year: year, today: today)
        let (paidToMonthEnd, spendByMonth) = (sums.paidToMonthEnd, sums.spendByMonth)
        let forecast = sums.paidByToday.rounded + unpaidForecast(grants: grants, entry, year: year)
        // Each citizen's union on the function, its days counted into the months in one pass.
        var coveredInMonth = [Int](repeating: 0, count: 13)
        for s in entry.grantUnions {
            guard let inYear = s.within(yearRange) else { continue }
            for m in inYear.start.month...inYear.end.month {
                coveredInMonth[m] += DayRange.month(m, of: year).intersection(inYear)?.dayCount ?? 0
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
    // (`today` plays no part in these sums.)
    FunctionYearPayments(payments, Array(0..<Int32(payments.count)), year: year, today: DayRange.year(year).end).paidToMonthEnd
}

/// What the Økonomi view sums over one function's payments for a year, in one pass over them
/// (they lie scattered through the file: each pass over them is mostly cache misses, and three
/// passes per function and year took 0,5 CPU s of an LC sync):
/// - `paidToMonthEnd[m]`: `paidFor(payments, in: 1 January … end of month m)` for m in 1…12: a
///   payment counts in full from the month its period ends in, and pro rata (rounded per
///   payment, as `paidFor` does) in the months whose end falls inside its period;
/// - `spendByMonth[m]`: the amounts posted in month m of the year;
/// - `paidByToday`: the forecast's paid part, each payment posted by today × its period's days
///   in the year ÷ its days, summed exactly (see `forecastYear`).
struct FunctionYearPayments {
    var paidToMonthEnd = [Money](repeating: .zero, count: 13)
    var spendByMonth = [Money](repeating: .zero, count: 13)
    var paidByToday = ExactSum()

    init(_ all: [Payment], _ positions: [Int32], year: Int, today: Day) {
        let yearRange = DayRange.year(year)
        // The month of a day of the year by comparing with the months' last days (no calendar
        // arithmetic per payment); `monthEnds[0]` is the day before the year.
        let monthEnds = (0...12).map { $0 == 0 ? yearRange.start.advanced(by: -1) : DayRange.month($0, of: year).end }
        var full = [Money](repeating: .zero, count: 14)
        var partial = [Money](repeating: .zero, count: 13)
        for i in positions {
            let (periodStart, periodEnd) = (all[Int(i)].periodStart, all[Int(i)].periodEnd)
            let (posted, amount) = (all[Int(i)].postingDate, all[Int(i)].amount)
            if yearRange.contains(posted) {
                var m = 1
                while monthEnds[m] < posted { m += 1 }
                spendByMonth[m] = spendByMonth[m] + amount
            }
            guard periodEnd >= yearRange.start, periodStart <= yearRange.end else { continue }
            let days = periodStart.distance(to: periodEnd) + 1
            let inYear = max(periodStart, yearRange.start).distance(to: min(periodEnd, yearRange.end)) + 1
            if posted <= today { paidByToday.add(amount, times: inYear, over: days) }
            // Months whose end lies inside the period (before its last day): a part of the payment.
            let from = max(periodStart, yearRange.start)
            var m = 1
            while monthEnds[m] < from { m += 1 }  // the month `from` lies in
            while m <= 12 && monthEnds[m] < periodEnd {
                let overlap = from.distance(to: monthEnds[m]) + 1
                partial[m] = partial[m] + Money(ore: Money.proRata(amount.ore, overlap, days))
                m += 1
            }
            guard m <= 12 else { continue }
            // From month m on, the range holds every day of the payment inside the year.
            full[m] = full[m] + (inYear == days ? amount : Money(ore: Money.proRata(amount.ore, inYear, days)))
        }
        var running = Money.zero
        for m in 1...12 {
            running = running + full[m]
            paidToMonthEnd[m] = running + partial[m]
        }
    }
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
    let f = BudgetBasis.Function(grants: grants, Array(0..<Int32(grants.count)), payments: payments, Array(0..<Int32(payments.count)),
                                 today: today)
    return forecastYear(grants: grants, payments: payments, f, year: year, today: today)
}

/// The same for one function of a basis (its payments and grants, its citizens' paid spans).
func forecastYear(grants allGrants: [Grant], payments all: [Payment], _ f: BudgetBasis.Function, year: Int, today: Day) -> Money {
    FunctionYearPayments(all, f.payments, year: year, today: today).paidByToday.rounded + unpaidForecast(grants: allGrants, f, year: year)
}

/// The forecast's unpaid part for one function of a basis: each grant's daily rate × its days of
/// the year that no paid period of the citizen on the function covers, rounded once per grant.
func unpaidForecast(grants allGrants: [Grant], _ f: BudgetBasis.Function, year: Int) -> Money {
    let yearRange = DayRange.year(year)
    var expected = Money.zero
    allGrants.withUnsafeBufferPointer { grants in  // (read in place: a grant copied would retain its texts)
        for k in f.grants {
            guard let rate = grants[Int(k)].dailyRate, let days = grants[Int(k)].period(within: yearRange) else { continue }
            let paidDays = coveredDays(f.paid(grants[Int(k)].cpr), in: days)
            expected = expected + rate.cost(days: days.dayCount - paidDays)
        }
    }
    return expected
}
