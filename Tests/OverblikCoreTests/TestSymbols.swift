@testable import OverblikCore

/// The texts the Core tests' payments use, as one fixed symbol table.
let testSymbols = Symbols(texts: ["", "5.38.50", "5.38.38", "5.38.52", "5.38.53", "5.38.59", "5.38.98", "5.38.99", "5.99.99", "f",
                                  "001", "004", "009", "240", "Egedal", "Halsnæs"])

func sym(_ text: String) -> Symbol { testSymbols.symbol(for: text)! }

extension Payment {
    /// A test payment from texts of `testSymbols`.
    init(voucherId: String, cpr: CPR, function: String, grouping: String = "", periodStart: Day, periodEnd: Day, amount: Money,
         postingDate: Day, actingMunicipality: String? = nil) {
        self.init(voucherId: voucherId, cpr: cpr, function: sym(function), grouping: sym(grouping), periodStart: periodStart,
                  periodEnd: periodEnd, amount: amount, postingDate: postingDate,
                  actingMunicipality: actingMunicipality.map(sym) ?? Symbol.empty)
    }
}

/// A day of the hand-worked examples (the dates there are valid by construction).
func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }

/// Whole kroner.
func kr(_ k: Int64) -> Money { Money(kroner: k) }
