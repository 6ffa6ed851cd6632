/// The figures the sync computes once per snapshot for one year, so that opening a view is a
/// read: the reconciliation (when a month of the year is over), the Økonomi rows and the movements.
public struct DerivedFigures: Sendable, Equatable {
    public var year: Int
    public var reconciliation: Reconciliation?
    public var budget: [BudgetMonth]
    public var movements: [MovementLine]

    public init(year: Int, reconciliation: Reconciliation?, budget: [BudgetMonth], movements: [MovementLine]) {
        self.year = year
        self.reconciliation = reconciliation
        self.budget = budget
        self.movements = movements
    }

    /// The years a snapshot made on `today` serves without recomputing: this year and last year.
    public static func years(for today: Day) -> [Int] { [today.year - 1, today.year] }

    /// Computes the figures of `year` from a dataset, for `today`.
    /// `index` and `basis` (built once from the dataset) save each year sorting the payments and
    /// gathering the budget's grants and spans again.
    public static func compute(_ d: Dataset, year: Int, today: Day, rateTolerance: Double, index: PaymentIndex? = nil,
                               basis: BudgetBasis? = nil) -> DerivedFigures {
        let index = index ?? PaymentIndex(payments: d.payments, grants: d.grants, mapping: d.mappingIndex)
        return reconciliation(d, year: year, today: today, rateTolerance: rateTolerance, index: index)
            .joined(economy(d, year: year, today: today, index: index, basis: basis))
    }

    /// The year's reconciliation alone: one half of its figures, computed apart from the other
    /// (`economy`; the sync computes the halves of both years on two threads) and `joined` to it.
    public static func reconciliation(_ d: Dataset, year: Int, today: Day, rateTolerance: Double, index: PaymentIndex,
                                      part: ReconciliationPart? = nil) -> DerivedFigures {
        DerivedFigures(year: year,
                       reconciliation: reconcile(grants: d.grants, payments: d.payments, dst: d.dst, mapping: d.mappingIndex,
                                                 year: year, today: today, rateTolerance: rateTolerance, index: index, part: part),
                       budget: [], movements: [])
    }

    /// A year's reconciliation from its two parts' (`.ottetal` first; see `ReconciliationPart`).
    public static func reconciliation(joining ottetal: DerivedFigures, _ grantsAndDst: DerivedFigures) -> DerivedFigures {
        var joined: Reconciliation?  // (nil in both while no month of the year is over)
        if let a = ottetal.reconciliation, let b = grantsAndDst.reconciliation { joined = .joined(a, b) }
        return DerivedFigures(year: ottetal.year, reconciliation: joined, budget: [], movements: [])
    }

    /// The year's Økonomi rows and movements alone: the other half of its figures.
    public static func economy(_ d: Dataset, year: Int, today: Day, index: PaymentIndex, basis: BudgetBasis? = nil) -> DerivedFigures {
        DerivedFigures(year: year, reconciliation: nil,
                       budget: budgetView(grants: d.grants, payments: d.payments, budget: d.budget, mapping: d.mappingIndex,
                                          year: year, today: today, index: index, basis: basis),
                       movements: OverblikCore.movements(index.coverage, year: year))
    }

    /// The reconciliation of this half with the Økonomi rows and movements of `other` (the same year's).
    public func joined(_ other: DerivedFigures) -> DerivedFigures {
        DerivedFigures(year: year, reconciliation: reconciliation ?? other.reconciliation, budget: budget + other.budget,
                       movements: movements + other.movements)
    }
}
