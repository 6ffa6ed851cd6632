/// The figures of the status report (management.md §2): a year to its last month that is over,
/// against the same months a year earlier, taken from the series (§1), Økonomi's budget lines
/// and the reconciliation, so that every number equals the same figure in the other views.
public struct StatusFigures: Sendable, Equatable {
    /// The year and its months 1…`lastMonth` (all twelve for a year that is over).
    public var year: Int
    public var lastMonth: Int
    /// Nøgletal of the year, and of the same months a year earlier (nil: the series has none of them).
    public var keyFigures: KeyFigures
    public var keyFiguresLastYear: KeyFigures?
    /// Udvikling i antal sager: the 24 months ending with the period's last (those the series keeps).
    public var caseMonths: [CalendarMonth]
    /// Citizens at month end per paragraph over `caseMonths` (nil: the month is not kept), and in total.
    public var casesByParagraph: [Line<Int>]
    public var casesTotal: Line<Int>
    /// Omkostninger: the year's twelve months, budget and spend summed over every function
    /// (spend nil for months not over).
    public var budgetByMonth: [BudgetAndSpend]
    /// Unit cost per year per function, months 1…`lastMonth` (nil: no covered days that month).
    public var unitCostByFunction: [Line<Money>]
    /// The forecast (service year) per function against its budget.
    public var forecastByFunction: [FunctionForecast]
    /// Bevægelser: inflow and outflow per paragraph, months 1…`lastMonth`, and in total.
    public var movementsByParagraph: [Movements]
    public var movementsTotal: Movements
    /// Målgrupper: citizens at the period's end and full-time persons per target group, the year and a year earlier.
    public var targetGroups: [TargetGroupFigures]
    /// Datakvalitet: the ottetal of the year (nil: no month of it is over), discrepancies by kind.
    public var ottetal: [OttetalLine]?
    public var discrepancyKinds: [DiscrepancyCount]

    public var months: [CalendarMonth] { (1...lastMonth).map { CalendarMonth(year: year, month: $0) } }

    /// A series over months, labelled by its key (a paragraph, a function).
    public struct Line<Value: Sendable & Equatable>: Sendable, Equatable {
        public var key: String
        public var label: String
        public var values: [Value?]
    }

    public struct KeyFigures: Sendable, Equatable {
        /// Citizens with a grant active on the period's last day.
        public var citizensAtEnd: Int
        /// Σ covered days ÷ Σ days of the period's months (every grant).
        public var fullTimePersons: FullTimePersons
        public var spend: Money
        public var paidFor: Money
        /// Σ paidFor ÷ Σ covered days of the grants this municipality pays × days of the year; nil without covered days.
        public var unitCost: Money?
        public var inflow: Int
        public var outflow: Int
        /// How many of the period's months the series holds (fewer than the period's: figures of part of it).
        public var months: Int
    }

    public struct BudgetAndSpend: Sendable, Equatable {
        public var month: CalendarMonth
        public var budget: Money
        public var spend: Money?
    }

    public struct FunctionForecast: Sendable, Equatable {
        public var function: String
        public var label: String
        public var budget: Money
        public var forecast: Money
        public var difference: Money { forecast - budget }
    }

    public struct Movements: Sendable, Equatable {
        public var key: String
        public var label: String
        public var inflow: [Int]
        public var outflow: [Int]
    }

    public struct TargetGroupFigures: Sendable, Equatable {
        public var group: String
        public var citizensAtEnd: Int?
        public var citizensAtEndLastYear: Int?
        public var fullTimePersons: FullTimePersons?
        public var fullTimePersonsLastYear: FullTimePersons?
    }

    public struct DiscrepancyCount: Sendable, Equatable {
        public var kind: DiscrepancyKind
        public var found: Int
        /// Explained by a rule of the reconciliation (a note in the mapping, a known cause).
        public var explained: Int
        /// Of those found, annotated `rettet` and `forklaret` (their newest annotation).
        public var annotatedFixed: Int
        public var annotatedExplained: Int
    }

    /// The period the report covers: `year` to its last month over before `today` (all of a past
    /// year); nil when no month of it is over, or the series keeps none of its months.
    public static func period(year: Int, today: Day, development: Development) -> (year: Int, lastMonth: Int)? {
        let lastOver = CalendarMonth(today).advanced(by: -1)
        guard year <= lastOver.year else { return nil }
        let last = year < lastOver.year ? 12 : lastOver.month
        let months = (1...last).map { CalendarMonth(year: year, month: $0) }
        guard months.contains(where: { development.figures(.init(nil, ""), $0) != nil }) else { return nil }
        return (year, last)
    }

    /// The report's figures for `year` (to its last month over before `today`); nil when there is
    /// no such month with data.
    public static func compute(year: Int, today: Day, development: Development, budget: [BudgetMonth],
                               reconciliation: Reconciliation?, annotations: [String: Annotation],
                               paragraphLabel: (String) -> String = { $0 }) -> StatusFigures? {
        guard let (year, last) = period(year: year, today: today, development: development) else { return nil }
        let dev = development
        let total = Development.SeriesKey(nil, "")
        let months = (1...last).map { CalendarMonth(year: year, month: $0) }
        let earlier = months.map { $0.advanced(by: -12) }
        func keys(_ d: DevelopmentDimension) -> [Development.SeriesKey] { dev.series.keys.filter { $0.dimension == d }.sorted() }

        // Nøgletal.
        func keyFigures(_ key: Development.SeriesKey, _ ms: [CalendarMonth]) -> KeyFigures? {
            let figures = ms.compactMap { dev.figures(key, $0) }
            guard !figures.isEmpty, let lastKept = ms.last(where: { dev.figures(key, $0) != nil }),
                  let end = dev.figures(key, lastKept) else { return nil }
            let covered = figures.reduce(0) { $0 + $1.coveredDays }, days = figures.reduce(0) { $0 + $1.days }
            let paidCovered = figures.reduce(0) { $0 + $1.paidCoveredDays }
            let paidFor = figures.reduce(Money.zero) { $0 + ($1.paidFor ?? .zero) }
            let daysOfYear = Day.daysIn(year: ms[0].year)
            return KeyFigures(citizensAtEnd: end.activeAtMonthEnd,
                              fullTimePersons: FullTimePersons(coveredDays: covered, periodDays: days),
                              spend: figures.reduce(Money.zero) { $0 + ($1.spend ?? .zero) }, paidFor: paidFor,
                              unitCost: paidCovered > 0 ? Money(ore: Money.proRata(paidFor.ore, daysOfYear, paidCovered)) : nil,
                              inflow: figures.reduce(0) { $0 + $1.inflow }, outflow: figures.reduce(0) { $0 + $1.outflow },
                              months: figures.count)
        }
        // (`period` found a month of the year with data.)
        let thisYear = keyFigures(total, months) ?? KeyFigures(citizensAtEnd: 0, fullTimePersons: .init(coveredDays: 0, periodDays: 0),
                                                              spend: .zero, paidFor: .zero, unitCost: nil, inflow: 0, outflow: 0, months: 0)

        // Udvikling i antal sager: 24 months, the first ones only where kept.
        let caseMonths = Array(months[months.count - 1].advanced(by: -23)...months[months.count - 1])
            .filter { dev.figures(total, $0) != nil }
        func line(_ key: Development.SeriesKey, label: String) -> Line<Int> {
            Line(key: key.value, label: label, values: caseMonths.map { dev.figures(key, $0)?.activeAtMonthEnd })
        }
        let paragraphs = keys(.paragraph)

        // Omkostninger: the budget lines summed per month, unit cost per function, the forecast.
        var byMonth: [Int: (budget: Money, spend: Money)] = [:]
        var forecasts: [String: FunctionForecast] = [:]
        var functionOrder: [String] = []
        for b in budget where b.year == year {
            var m = byMonth[b.month] ?? (.zero, .zero)
            m.budget = m.budget + b.budget; m.spend = m.spend + b.spend
            byMonth[b.month] = m
            if forecasts[b.function] == nil {
                functionOrder.append(b.function)
                forecasts[b.function] = FunctionForecast(function: b.function, label: b.label, budget: b.annualBudget, forecast: b.forecastYear)
            }
        }
        let budgetByMonth = (1...12).map { m in
            BudgetAndSpend(month: CalendarMonth(year: year, month: m), budget: byMonth[m]?.budget ?? .zero,
                           spend: m <= last ? byMonth[m]?.spend ?? .zero : nil)
        }
        let labels = Dictionary(forecasts.values.map { ($0.function, $0.label) }, uniquingKeysWith: { a, _ in a })
        let unitCost = keys(.function).map { key in
            Line(key: key.value, label: labels[key.value] ?? "", values: months.map { m in
                dev.figures(key, m)?.unitCostRate(daysOfYear: Day.daysIn(year: year))
            })
        }.filter { $0.values.contains { $0 != nil } }

        // Bevægelser.
        func movements(_ key: Development.SeriesKey, label: String) -> Movements {
            Movements(key: key.value, label: label, inflow: months.map { dev.figures(key, $0)?.inflow ?? 0 },
                      outflow: months.map { dev.figures(key, $0)?.outflow ?? 0 })
        }

        // Målgrupper.
        let groups = keys(.targetGroup).map { key in
            let now = keyFigures(key, months), before = keyFigures(key, earlier)
            return TargetGroupFigures(group: key.value, citizensAtEnd: now?.citizensAtEnd, citizensAtEndLastYear: before?.citizensAtEnd,
                                      fullTimePersons: now?.fullTimePersons, fullTimePersonsLastYear: before?.fullTimePersons)
        }

        // Datakvalitet.
        var kinds: [DiscrepancyKind: DiscrepancyCount] = [:]
        for x in reconciliation?.discrepancies ?? [] {
            var c = kinds[x.kind] ?? DiscrepancyCount(kind: x.kind, found: 0, explained: 0, annotatedFixed: 0, annotatedExplained: 0)
            c.found += 1
            if x.explained { c.explained += 1 }
            switch annotations[x.key]?.status {
            case .fixed?: c.annotatedFixed += 1
            case .explained?: c.annotatedExplained += 1
            default: break
            }
            kinds[x.kind] = c
        }

        return StatusFigures(
            year: year, lastMonth: last, keyFigures: thisYear, keyFiguresLastYear: keyFigures(total, earlier),
            caseMonths: caseMonths,
            casesByParagraph: paragraphs.map { line($0, label: paragraphLabel($0.value)) }
                .filter { $0.values.contains { ($0 ?? 0) > 0 } },
            casesTotal: line(total, label: ""),
            budgetByMonth: budgetByMonth, unitCostByFunction: unitCost,
            forecastByFunction: functionOrder.compactMap { forecasts[$0] },
            movementsByParagraph: paragraphs.map { movements($0, label: paragraphLabel($0.value)) }
                .filter { $0.inflow.contains { $0 > 0 } || $0.outflow.contains { $0 > 0 } },
            movementsTotal: movements(total, label: ""),
            targetGroups: groups.filter { $0.citizensAtEnd != nil || $0.citizensAtEndLastYear != nil },
            ottetal: reconciliation?.ottetal,
            discrepancyKinds: DiscrepancyKind.allCases.compactMap { kinds[$0] })
    }
}
