import OverblikCore

/// A payment line as the generator writes it: texts, where the program's `Payment` holds symbols.
struct PaymentLine {
    var voucherId: String
    var cpr: CPR
    var function: String
    var grouping: String = ""
    var provider: String = ""
    var periodStart: Day
    var periodEnd: Day
    var amount: Money
    var postingDate: Day
    var payingMunicipality: String? = nil
    var actingMunicipality: String? = nil
}

extension Generator {
    /// The months payments are made for, oldest first.
    var paidMonths: [(Int, Int)] {
        var out: [(Int, Int)] = []
        var (y, m) = firstPaidMonth
        while (y, m) <= lastPaidMonth {
            out.append((y, m))
            (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1)
        }
        return out
    }

    /// The payment's posting date: the 5th of the month after the month it pays for.
    func postingDate(_ y: Int, _ m: Int) -> Day {
        m == 12 ? Day(year: y + 1, month: 1, day: 5)! : Day(year: y, month: m + 1, day: 5)!
    }

    /// The mapping row a grant's account comes from (the first row of its paragraph for an
    /// unknown service code, as domain.md says).
    func accountRow(_ g: Grant) -> MappingRow {
        Catalogue.mapping.first { $0.paragraph == g.paragraph && $0.serviceCodes.contains(g.serviceCode) }
            ?? Catalogue.mapping.first { $0.paragraph == g.paragraph }!
    }

    /// Monthly payments for every grant this municipality pays, exact to the øre, plus the
    /// planted deviations, a refund-and-repost pair and the stray payments.
    func payments() -> [PaymentLine] {
        var out: [PaymentLine] = []
        forEachPayment { out.append($0) }
        return out
    }

    /// The payments one by one (the benchmark scales write them as they come). With
    /// `linesPerMonth` > 1 a month is paid in that many lines, each for its part of the days.
    func forEachPayment(_ emit: (PaymentLine) -> Void) {
        var voucher = 5_000_000
        func next() -> String { voucher += 1; return String(voucher) }
        var refundsLeft = 2
        for plan in plans where !plan.unpaid && plan.grant.payingMunicipality == nil {
            let g = plan.grant
            guard let rate = g.dailyRate else { continue }
            let row = accountRow(g)
            for (y, m) in paidMonths {
                let month = DayRange.month(m, of: y)
                guard var period = g.period(within: month) else { continue }
                if plan.paidPastEnd, let end = g.end, month.contains(end) { period = DayRange(period.start, month.end)! }
                var amount = rate.cost(days: period.dayCount)
                if plan.overpaidMonths.contains(where: { $0 == (y, m) }) {
                    amount = Money(ore: Money.roundedDivision(amount.ore * Int64((plan.overpayFactor * 100).rounded()), 100))
                }
                if linesPerMonth > 1, period.dayCount >= linesPerMonth, plan.overpaidMonths.isEmpty {
                    let n = linesPerMonth, days = period.dayCount
                    for k in 0..<n {
                        let from = period.start.advanced(by: k * days / n), to = period.start.advanced(by: (k + 1) * days / n - 1)
                        emit(PaymentLine(voucherId: next(), cpr: g.cpr, function: row.function, grouping: row.grouping,
                                     provider: g.provider, periodStart: from, periodEnd: to,
                                     amount: rate.cost(days: from.distance(to: to) + 1), postingDate: postingDate(y, m)))
                    }
                    continue
                }
                let payment = PaymentLine(voucherId: next(), cpr: g.cpr, function: row.function, grouping: row.grouping,
                                      provider: g.provider, periodStart: period.start, periodEnd: period.end,
                                      amount: amount, postingDate: postingDate(y, m))
                emit(payment)
                // A correction: the June 2026 payment reversed and posted again (net the same).
                if refundsLeft > 0, (y, m) == (2026, 6), g.paragraph == Paragraph(number: 108), period == month {
                    refundsLeft -= 1
                    var refund = payment
                    refund.voucherId = next()
                    refund.amount = -payment.amount
                    refund.postingDate = Day(year: 2026, month: 7, day: 10)!
                    var repost = payment
                    repost.voucherId = next()
                    repost.postingDate = Day(year: 2026, month: 7, day: 10)!
                    emit(refund)
                    emit(repost)
                }
            }
        }
        for stray in strays {
            for (y, m) in stray.months {
                let month = DayRange.month(m, of: y)
                emit(PaymentLine(voucherId: next(), cpr: stray.cpr, function: stray.function,
                             provider: "Bostedet Egebakken", periodStart: month.start, periodEnd: month.end,
                             amount: stray.amount, postingDate: postingDate(y, m),
                             actingMunicipality: stray.actingMunicipality.isEmpty ? nil : stray.actingMunicipality))
            }
        }
    }

    /// What was reported to DST: every grant on a reported paragraph that this municipality acts
    /// for and that has days from 2024, as the grant says, but for the planted deviations.
    func dstRows() -> [DstRow] {
        var out: [DstRow] = []
        let from = Day(year: 2024, month: 1, day: 1)!
        for plan in plans {
            let g = plan.grant
            let row = accountRow(g)
            guard !row.dstCode.isEmpty, g.actingMunicipality == nil, g.end.map({ $0 >= from }) ?? true else { continue }
            var r = DstRow(cpr: g.cpr, paragraph: g.paragraph, dstCode: row.dstCode, start: g.start, end: g.end,
                           targetGroup: g.targetGroup)
            switch plan.dst {
            case .normal: break
            case .none: continue
            case .code(let c): r.dstCode = c
            case .start(let s): r.start = s
            }
            out.append(r)
        }
        return (out + extraDst).sorted { ($0.cpr, $0.start.ordinal) < ($1.cpr, $1.start.ordinal) }
    }

    /// Budgets per function and month for 2025 and 2026: 2025 close to what was posted, 2026
    /// 3 % above 2025's average, with a corrected budget on 5.38.50 from July 2026.
    mutating func budget(_ payments: [PaymentLine]) -> [BudgetLine] {
        var posted: [String: [Int: Int64]] = [:]
        for p in payments where p.postingDate.year == 2025 {
            posted[p.function, default: [:]][p.postingDate.month, default: 0] += p.amount.ore
        }
        return budgetLines(posted: posted)
    }

    /// The budget lines from what 2025 posted per function and month.
    mutating func budgetLines(posted: [String: [Int: Int64]]) -> [BudgetLine] {
        let functions = Array(Set(Catalogue.mapping.map(\.function))).sorted()
        var out: [BudgetLine] = []
        func thousands(_ ore: Double) -> Money { Money(kroner: Int64((ore / 100 / 1000).rounded()) * 1000) }
        for f in functions {
            let months = posted[f] ?? [:]
            let average = Double(months.values.reduce(0, +)) / 12
            for m in 1...12 {
                let noise = Double(random.int(96...106)) / 100
                out.append(BudgetLine(year: 2025, month: m, function: f, budget: thousands(Double(months[m] ?? 0) * noise)))
            }
            for m in 1...12 {
                let noise = Double(random.int(98...102)) / 100
                let budget = thousands(average * 1.03 * noise)
                let corrected = f == "5.38.50" && m >= 7 ? thousands(Double(budget.ore) * 1.08) : nil
                out.append(BudgetLine(year: 2026, month: m, function: f, budget: budget, correctedBudget: corrected))
            }
        }
        return out
    }
}

private func <= (a: (Int, Int), b: (Int, Int)) -> Bool { a.0 < b.0 || (a.0 == b.0 && a.1 <= b.1) }
