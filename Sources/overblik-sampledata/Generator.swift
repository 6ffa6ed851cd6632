import OverblikCore

/// How a generated grant's payments and DST row deviate from the clean default. Everything not
/// listed here is generated consistently, so that only the plants are discrepancies.
struct GrantPlan {
    var grant: Grant
    /// No payments at all (the economy system does not know the grant).
    var unpaid = false
    /// Months (year, month) paid at this factor of the rate instead of exactly.
    var overpaidMonths: [(Int, Int)] = []
    var overpayFactor = 1.10
    /// The last month is paid in full although the grant ends inside it.
    var paidPastEnd = false
    enum Dst { case normal, none, code(String), start(Day) }
    var dst = Dst.normal
}

/// A payment made for a citizen who has no grant on the paragraph at all.
struct StrayPayment {
    var cpr: CPR
    var function: String
    var months: [(Int, Int)]
    var amount: Money
    var actingMunicipality: String
}

/// One discrepancy the sample holds on purpose (written to `planted.csv`).
struct Plant {
    var kind: String
    var paragraph: String
    var cpr: CPR
    var caseId: String = ""
    var month: String = ""
    var explained = false
    var note: String
}

/// Builds the fictitious municipality's data.
struct Generator {
    var random: SeededRandom
    let citizenCount: Int
    let today = Day(year: 2026, month: 11, day: 23)!
    /// Payments run for the months `firstPaidMonth` … October 2026 (posted the month after):
    /// Sampledata from November 2023 (three years, so that each of the last 24 months has the same
    /// month a year earlier); the benchmark scales from December 2024, as they were measured.
    var firstPaidMonth = (2023, 11)
    let lastPaidMonth = (2026, 10)

    var plans: [GrantPlan] = []
    var strays: [StrayPayment] = []
    var extraDst: [DstRow] = []
    var plants: [Plant] = []
    var usedCPR: Set<Int64> = []
    var nextCase = 100_000

    /// At the benchmark scales: how many copies of each team (initials and team names get a
    /// number: `MHA7`, `Botilbud 7`), how many times every planted kind is planted, how many
    /// earlier, ended grants a citizen has on average, and in how many lines a month is paid.
    var replicas = 1
    var historyPerCitizen = 0.0
    var linesPerMonth = 1

    init(seed: UInt64, citizens: Int) {
        random = SeededRandom(seed: seed)
        citizenCount = citizens
    }

    // MARK: citizens

    mutating func newCPR(born: Day? = nil) -> CPR {
        while true {
            let birth = born ?? Day(ordinal: Int32(random.int(Int(Day(year: 1950, month: 1, day: 1)!.ordinal)...Int(Day(year: 1997, month: 12, day: 31)!.ordinal))))
            let (y, m, d) = birth.components
            // Seventh digit by CPR's century rule: 0–3 for the 1900s, 4 for 2000–2036.
            let seventh = y >= 2000 ? 4 : random.int(0...3)
            let serial = seventh * 1000 + random.int(0...999)
            let value = Int64(d) * 100_000_000 + Int64(m) * 1_000_000 + Int64(y % 100) * 10_000 + Int64(serial)
            if usedCPR.insert(value).inserted { return CPR(value: value) }
        }
    }

    mutating func newName() -> String { "\(random.pick(Catalogue.firstNames)) \(random.pick(Catalogue.lastNames))" }

    mutating func caseId() -> String {
        nextCase += 1
        return "S-\(nextCase)"
    }

    /// A caseworker of the team, the first one drawn twice as often (an overloaded person).
    mutating func caseworker(team: Int) -> (String, String) {
        let t = Catalogue.teams[team]
        let i = random.weighted(t.caseworkers.indices.map { $0 == 0 ? 2.0 : 1.0 })
        guard replicas > 1 else { return (t.caseworkers[i].0, t.name) }
        let r = random.int(1...replicas)
        return (t.caseworkers[i].0 + String(r), t.name + " " + String(r))
    }

    /// The rate and unit the sample prices a service code at.
    mutating func price(_ code: String) -> (Money, RateUnit, Hundredths?) {
        func kr(_ range: ClosedRange<Int>, step: Int) -> Money {
            Money(kroner: Int64(random.int(range.lowerBound / step...range.upperBound / step) * step))
        }
        switch code {
        case "108-01": return (kr(2400...3900, step: 50), .day, nil)
        case "107-01": return (kr(2000...3200, step: 50), .day, nil)
        case "85-01", "85-02": return (kr(420...560, step: 5), .hour, Hundredths(Int64(random.int(4...24)) * 50))
        case "85-10": return (kr(420...560, step: 5), .hour, Hundredths(Int64(random.int(10...30)) * 50))
        case "103-01": return (kr(9000...14000, step: 250), .month, nil)
        case "104-01", "104-02": return (kr(550...950, step: 25), .day, nil)
        case "96-01": return (kr(700_000...1_400_000, step: 10_000), .year, nil)
        case "95-01": return (kr(20_000...45_000, step: 500), .month, nil)
        case "97-01": return (kr(230...290, step: 5), .hour, Hundredths(Int64(random.int(2...6)) * 100))
        case "99-01": return (kr(1500...3000, step: 100), .week, nil)
        default: return (kr(4500...7500, step: 100), .month, nil)  // 105-01
        }
    }

    /// A grant with everything filled in the ordinary way.
    mutating func grant(_ cpr: CPR, name: String, code: String, start: Day, end: Day?, team: Int) -> Grant {
        let row = Catalogue.row(for: code)
        let (rate, unit, hours) = price(code)
        let (worker, teamName) = caseworker(team: team)
        var next: Day?
        var last: Day?
        if end.map({ $0 >= today }) ?? true {
            let offset: Int
            switch random.weighted([10, 8, 75, 7]) {
            case 0: offset = -random.int(1...120)
            case 1: offset = random.int(0...30)
            case 2: offset = random.int(31...365)
            default: offset = Int.min
            }
            if offset != Int.min {
                next = today.advanced(by: offset)
                last = max(start, next!.advanced(by: -182))
            }
        }
        return Grant(
            caseId: caseId(), cpr: cpr, name: name, paragraph: row.paragraph, serviceCode: code,
            serviceName: row.label, provider: random.pick(Catalogue.providers[row.paragraph.key]!),
            start: start, end: end, rate: rate, rateUnit: unit, hoursPerWeek: hours, caseworker: worker,
            team: teamName, nextFollowUp: next, lastFollowUp: last,
            targetGroup: random.pick(Catalogue.targetGroups))
    }

    // MARK: the clean population

    /// Citizens with one to three grants along the usual paths through the services.
    mutating func population() {
        let lo = Int(Day(year: 2016, month: 1, day: 1)!.ordinal)
        let hi = Int(Day(year: 2026, month: 10, day: 15)!.ordinal)
        // (service codes, team, weight)
        let profiles: [([String], Int, Double)] = [
            (["108-01", "104-01"], 0, 12), (["108-01"], 0, 8), (["107-01"], 0, 6), (["107-01", "104-02"], 0, 2),
            (["85-01"], 1, 18), (["85-02"], 1, 10), (["85-10", "105-01"], 0, 8), (["103-01"], 2, 7),
            (["103-01", "85-01"], 2, 3), (["104-01"], 2, 8), (["96-01"], 1, 3), (["95-01"], 1, 2),
            (["97-01"], 1, 3), (["99-01"], 1, 3), (["105-01"], 1, 4),
        ]
        for _ in 0..<citizenCount {
            let cpr = newCPR()
            let name = newName()
            let (codes, team, _) = profiles[random.weighted(profiles.map(\.2))]
            let start = Day(ordinal: Int32(random.int(lo...hi)))
            var end: Day?
            if random.chance(0.3) {
                end = start.advanced(by: random.int(90...1500))
                if end! > Day(year: 2027, month: 12, day: 31)! { end = nil }
            }
            for code in codes {
                plans.append(GrantPlan(grant: grant(cpr, name: name, code: code, start: start, end: end, team: team)))
            }
            // Earlier grants, ended before the payment window (the benchmark scales only).
            if historyPerCitizen > 0 {
                let count = random.int(0...Int((historyPerCitizen * 2).rounded()))
                let early = Int(Day(year: 2010, month: 1, day: 1)!.ordinal), late = Int(Day(year: 2022, month: 6, day: 1)!.ordinal)
                for _ in 0..<count {
                    let (codes, team, _) = profiles[random.weighted(profiles.map(\.2))]
                    let s = Day(ordinal: Int32(random.int(early...late)))
                    let e = min(s.advanced(by: random.int(60...900)), Day(year: 2024, month: 11, day: 30)!)
                    plans.append(GrantPlan(grant: grant(cpr, name: name, code: codes[0], start: s, end: e, team: team)))
                }
            }
        }
    }

    // MARK: the plants

    mutating func plant(_ kind: String, _ g: Grant, month: String = "", explained: Bool = false, note: String) {
        plants.append(Plant(kind: kind, paragraph: g.paragraph.key, cpr: g.cpr, caseId: g.caseId, month: month,
                            explained: explained, note: note))
    }

    mutating func plantedCitizen(_ code: String, start: Day, end: Day? = nil, team: Int = 1, born: Day? = nil) -> Grant {
        grant(newCPR(born: born), name: newName(), code: code, start: start, end: end, team: team)
    }

    /// Plants every kind `times` times (once in Sampledata), the data break once.
    mutating func plantAll(times: Int = 1) {
        for _ in 0..<times { plantEveryKind() }
        plantDataBreak()
    }

    mutating func plantEveryKind() {
        let d = { (y: Int, m: Int, day: Int) in Day(year: y, month: m, day: day)! }

        for _ in 0..<3 {
            let g = plantedCitizen("85-01", start: d(2025, 3, 1))
            plans.append(GrantPlan(grant: g, unpaid: true))
            plant("onlyInCaseSystem", g, note: "bevilget, men aldrig udbetalt")
        }
        do {
            var g = plantedCitizen("99-01", start: d(2025, 8, 1))
            g.rate = nil
            g.rateUnit = nil
            plans.append(GrantPlan(grant: g, unpaid: true))
            plant("onlyInCaseSystem", g, note: "ingen takst: koster intet, udbetales ikke")
        }
        for municipality in ["Halsnæs", "260"] {
            var g = plantedCitizen("108-01", start: d(2024, 9, 1), team: 0)
            g.payingMunicipality = municipality
            plans.append(GrantPlan(grant: g, unpaid: true))
            plant("onlyInCaseSystem", g, explained: true, note: "betales af Halsnæs Kommune")
        }

        for acting in ["", "", "", "Egedal", "240"] {
            let cpr = newCPR()
            let stray = StrayPayment(cpr: cpr, function: "5.38.50", months: [(2026, 1), (2026, 2), (2026, 3)],
                                     amount: Money(kroner: Int64(random.int(60...95)) * 1000), actingMunicipality: acting)
            strays.append(stray)
            plants.append(Plant(kind: "onlyInEconomy", paragraph: "SEL-108", cpr: cpr, explained: !acting.isEmpty,
                                note: acting.isEmpty ? "udbetalt uden bevilling" : "handlekommune Egedal"))
        }

        for _ in 0..<3 {
            let g = plantedCitizen("108-01", start: d(2024, 5, 1), end: d(2026, 5, 15), team: 0)
            plans.append(GrantPlan(grant: g, paidPastEnd: true))
            plant("paidOutsideGrant", g, month: "2026-05", note: "maj betalt fuldt, bevillingen slutter 15-05-2026")
        }

        for _ in 0..<3 {
            let g = plantedCitizen("108-01", start: d(2023, 1, 1), team: 0)
            plans.append(GrantPlan(grant: g, overpaidMonths: [(2026, 3), (2026, 4)]))
            plant("rateMismatch", g, month: "2026-03", note: "betalt 10 % over takst")
            plant("rateMismatch", g, month: "2026-04", note: "betalt 10 % over takst")
        }

        for _ in 0..<3 {
            let g = plantedCitizen("104-01", start: d(2025, 6, 1), team: 2)
            plans.append(GrantPlan(grant: g, dst: .none))
            plant("notReportedToDst", g, note: "ingen DST-indberetning")
        }
        for acting in ["Egedal", "240"] {
            var g = plantedCitizen("108-01", start: d(2025, 2, 1), team: 0)
            g.actingMunicipality = acting
            plans.append(GrantPlan(grant: g, dst: .none))
            plant("notReportedToDst", g, explained: true, note: "handlekommune Egedal indberetter")
        }

        for _ in 0..<3 {
            let g = plantedCitizen("85-01", start: d(2024, 1, 1))
            plans.append(GrantPlan(grant: g))
            extraDst.append(DstRow(cpr: g.cpr, paragraph: Paragraph(number: 104), dstCode: "30011",
                                   start: d(2025, 9, 1), targetGroup: g.targetGroup))
            plants.append(Plant(kind: "reportedNotGranted", paragraph: "SEL-104", cpr: g.cpr,
                                note: "indberettet §104 uden bevilling"))
        }

        for _ in 0..<3 {
            let g = plantedCitizen("85-10", start: d(2024, 10, 1), team: 0)
            plans.append(GrantPlan(grant: g, dst: .code("31202")))
            plant("dstCodeMismatch", g, note: "indberettet som 31202 (§85 andre steder), skulle være 31201 (botilbudslignende)")
        }

        for _ in 0..<3 {
            let g = plantedCitizen("103-01", start: d(2025, 2, 1), team: 2)
            plans.append(GrantPlan(grant: g, dst: .start(d(2025, 3, 1))))
            plant("dstPeriodMismatch", g, note: "DST-start 01-03-2025, bevilling fra 01-02-2025")
        }

        for _ in 0..<3 {
            let a = plantedCitizen("85-01", start: d(2024, 1, 1))
            var b = grant(a.cpr, name: a.name, code: "85-02", start: d(2026, 2, 1), end: d(2026, 7, 31), team: 1)
            b.caseworker = a.caseworker
            plans.append(GrantPlan(grant: a))
            plans.append(GrantPlan(grant: b))
            plant("overlappingGrants", b, note: "to §85-bevillinger samtidig (\(a.caseId) og \(b.caseId))")
        }
        for _ in 0..<2 {
            let a = plantedCitizen("107-01", start: d(2025, 1, 1), end: d(2026, 3, 31), team: 0)
            var b = grant(a.cpr, name: a.name, code: "108-01", start: d(2026, 3, 1), end: nil, team: 0)
            b.caseworker = a.caseworker
            plans.append(GrantPlan(grant: a))
            plans.append(GrantPlan(grant: b))
            plant("overlappingGrants", b, note: "§107 og §108 samtidig i marts 2026 (\(a.caseId) og \(b.caseId))")
        }

        for _ in 0..<3 {
            var g = plantedCitizen("104-01", start: d(2025, 4, 1), team: 2)
            g.serviceCode = "104-99"
            plans.append(GrantPlan(grant: g))
            plant("invalidServiceCode", g, note: "ydelseskode 104-99 findes ikke i masteroversigten")
        }

        for born in [d(2008, 10, 10), d(2009, 2, 1)] {
            let g = plantedCitizen("85-01", start: d(2026, 6, 1), born: born)
            plans.append(GrantPlan(grant: g))
            plant("under18", g, note: "bevilget før 18-årsdagen")
        }

        for _ in 0..<4 {
            var g = plantedCitizen("85-02", start: d(2025, 5, 1))
            g.targetGroup = ""
            plans.append(GrantPlan(grant: g))
            plant("missingTargetGroup", g, note: "målgruppe ikke udfyldt")
        }

    }

    mutating func plantDataBreak() {
        let d = { (y: Int, m: Int, day: Int) in Day(year: y, month: m, day: day)! }
        // A data break: §104 grants registered all at once on 1 March 2026 (a provider moved
        // into the case system), enough to lift recipients at month end by more than 20 % and 10.
        let feb = d(2026, 2, 28)
        let active = Set(plans.filter { $0.grant.paragraph == Paragraph(number: 104) && $0.grant.start <= feb
            && ($0.grant.end.map { $0 >= feb } ?? true) }.map(\.grant.cpr)).count
        let added = max(12, active / 4 + 2)
        for _ in 0..<added {
            plans.append(GrantPlan(grant: plantedCitizen("104-02", start: d(2026, 3, 1), team: 2)))
        }
        plants.append(Plant(kind: "dataBreak", paragraph: "SEL-104", cpr: CPR(value: 0), month: "2026-03",
                            note: "\(added) nye §104-bevillinger 01-03-2026 oven på \(active) modtagere"))
    }
}
