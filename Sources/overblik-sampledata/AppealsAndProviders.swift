import OverblikCore

extension Generator {
    /// Appeals to Ankestyrelsen (`appeals`): some of the refused and partly granted applications are
    /// appealed; the municipality reconsiders (mostly within four weeks, now and then agreeing) and
    /// sends the rest on; the board decides with every outcome after some months, or has not yet.
    /// A few planted on the edges. Drawn after the applications, so nothing else changes with them.
    mutating func appeals(after decisions: [Decision]) -> (rows: [Appeal], plants: [Plant]) {
        var rows: [Appeal] = [], plants: [Plant] = []
        var next = 1
        func id() -> String { defer { next += 1 }; return "KL-\(String(1000 + next).dropFirst())" }
        let outcomes: [(AppealOutcome, Double)] = [(.upheld, 0.55), (.changed, 0.10), (.annulled, 0.05), (.remitted, 0.15),
                                                   (.dismissed, 0.07), (.referred, 0.04), (.lapsed, 0.04)]
        func outcome() -> AppealOutcome {
            var x = Double(random.int(0...999)) / 1000
            for (o, p) in outcomes { if x < p { return o }; x -= p }
            return .upheld
        }
        let appealable = decisions.filter { d in
            (d.outcome == .refused || d.outcome == .partlyGranted) && (d.decided.map { $0 < today.advanced(by: -20) } ?? false)
        }
        for d in appealable where random.chance(0.4) {
            guard let decided = d.decided else { continue }
            let received = decided.advanced(by: random.int(5...40))
            guard received < today else { continue }
            var a = Appeal(appealId: id(), cpr: d.cpr, paragraph: d.paragraph, decisionDate: decided, received: received, caseworker: d.caseworker)
            let reconsidered = received.advanced(by: random.chance(0.8) ? random.int(7...28) : random.int(29...45))
            if reconsidered < today {
                a.reconsidered = reconsidered
                a.reconsideration = random.chance(0.1) ? .agreed : random.chance(0.1) ? .partlyAgreed : .upheld
                if a.reconsideration != .agreed {
                    let board = received.advanced(by: random.int(100...300))
                    if board < today { a.boardDecided = board; a.outcome = outcome() }
                }
            }
            rows.append(a)
        }
        // Planted on the edges (§108): reconsidered on day 28 (in time) and day 29 (late); agreed
        // in full (ends there); decided 31 December; pending since spring.
        let s108 = Paragraph(number: 108)
        func plant(_ a: Appeal, _ note: String) {
            rows.append(a)
            plants.append(Plant(kind: "klagesager", paragraph: s108.key, cpr: a.cpr, caseId: a.appealId, note: note))
        }
        let r = Day(year: 2025, month: 3, day: 3)!
        plant(Appeal(appealId: "KL-9001", cpr: newCPR(), paragraph: s108, received: r, reconsidered: r.advanced(by: 28),
                     reconsideration: .upheld, boardDecided: Day(year: 2025, month: 12, day: 31)!, outcome: .changed, caseworker: "TLA"),
              "genvurderet på dag 28 (til tiden); Ankestyrelsen ændrede 31-12-2025: tæller i 2025")
        plant(Appeal(appealId: "KL-9002", cpr: newCPR(), paragraph: s108, received: r, reconsidered: r.advanced(by: 29),
                     reconsideration: .upheld, boardDecided: Day(year: 2026, month: 1, day: 1)!, outcome: .upheld, caseworker: "TLA"),
              "genvurderet på dag 29 (for sent); stadfæstet 01-01-2026: tæller i 2026")
        plant(Appeal(appealId: "KL-9003", cpr: newCPR(), paragraph: s108, received: Day(year: 2026, month: 2, day: 2)!,
                     reconsidered: Day(year: 2026, month: 2, day: 16)!, reconsideration: .agreed, caseworker: "TLA"),
              "medhold i genvurderingen: slutter her, verserer ikke")
        plant(Appeal(appealId: "KL-9004", cpr: newCPR(), paragraph: s108, received: Day(year: 2026, month: 4, day: 14)!,
                     reconsidered: Day(year: 2026, month: 5, day: 4)!, reconsideration: .upheld, caseworker: "TLA"),
              "verserer hos Ankestyrelsen: 223 dage den 23-11-2026")
        return (rows.sorted { ($0.received, $0.appealId) < ($1.received, $1.appealId) }, plants)
    }

    /// The providers the grants use (`providers`) with their places: set from the citizens there on
    /// 1 October 2026, so occupancy lands near the budgeted; the payment-only services (cash, BPA,
    /// companion, contact person) have no places and stay "uden aftalte pladser". Planted: an
    /// overbooked provider, places changed from 1 July 2026 (two rows), an agreement from 1 March
    /// 2026, and a name written in capitals with spaces around it.
    mutating func providers() -> (rows: [ProviderAgreement], plants: [Plant]) {
        let day = Day(year: 2026, month: 10, day: 1)!
        var active: [String: Int] = [:]
        for plan in plans where plan.grant.actingMunicipality == nil && plan.grant.span.covers(day) {
            active[providerKey(plan.grant.provider), default: 0] += 1
        }
        let withoutPlaces: Set<String> = ["Kontant tilskud", "BPA – egen arbejdsgiver", "Ledsagerordningen", "Kontaktpersonordningen"]
        let own: Set<String> = ["Bostøtten Nord", "Bostøtten Syd", "Aktivitetshuset Fjordlys", "Værestedet Ålekisten", "Bostedet Egebakken"]
        var seen: Set<String> = [], rows: [ProviderAgreement] = [], plants: [Plant] = []
        for key in Catalogue.providers.keys.sorted() {
            guard let paragraph = Paragraph(parsing: key) else { continue }
            for name in Catalogue.providers[key] ?? [] where !withoutPlaces.contains(name) && seen.insert(name).inserted {
                let n = active[providerKey(name)] ?? 0
                let budgeted = paragraph.number >= 107 ? Double(random.int(900...980)) / 10 : nil
                var places = Int((Double(n) / ((budgeted ?? 95) / 100)).rounded(.up))
                var row = ProviderAgreement(provider: name, paragraph: paragraph, places: places, own: own.contains(name), budgetedOccupancy: budgeted)
                switch name {
                case "Fjordhuset; afd. Vest":
                    places = max(1, n - 3); row.places = places
                    plants.append(Plant(kind: "belaegning", paragraph: paragraph.key, cpr: CPR(value: 0), caseId: name,
                                        note: "overbelagt: \(places) pladser til \(n) borgere (negative ledige pladser)"))
                case "Bostedet Egebakken":
                    let change = Day(year: 2026, month: 7, day: 1)!
                    rows.append(ProviderAgreement(provider: name, paragraph: paragraph, places: places + 4, to: change.advanced(by: -1),
                                                  own: true, budgetedOccupancy: budgeted))
                    row.from = change
                    plants.append(Plant(kind: "belaegning", paragraph: paragraph.key, cpr: CPR(value: 0), caseId: name,
                                        note: "to aftaler: \(places + 4) pladser til 30-06-2026, \(places) fra 01-07-2026"))
                case "Overgangsboligen Kildevang":
                    row.from = Day(year: 2026, month: 3, day: 1)!
                    plants.append(Plant(kind: "belaegning", paragraph: paragraph.key, cpr: CPR(value: 0), caseId: name,
                                        note: "aftale fra 01-03-2026: månederne før har pladser 0 og ingen belægning"))
                case "Bostøtten Nord":
                    row.provider = "  BOSTØTTEN NORD "
                    plants.append(Plant(kind: "belaegning", paragraph: paragraph.key, cpr: CPR(value: 0), caseId: name,
                                        note: "navnet skrevet med versaler og mellemrum i tilbud.csv: samme tilbud"))
                default: break
                }
                rows.append(row)
            }
        }
        return (rows, plants)
    }
}
