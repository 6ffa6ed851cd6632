import OverblikCore

/// The service goals Sampledata's configuration sets (`[servicemaal.goals]`).
enum SampleServiceGoals {
    static let goals: [(String, String)] = [("SEL-85", "8u"), ("SEL-103", "8u"), ("SEL-104", "6u"), ("SEL-107", "3m"),
                                           ("SEL-108", "90ad"), ("SEL-97", "30ad"), ("SEL-85:85-10", "12u")]
    static let closedDays = ["24-12", "31-12"]

    static var value: ServiceGoals {
        var g = ServiceGoals(calendar: WorkingCalendar(closedDays: closedDays.compactMap { .init(parsing: $0) }))
        for (key, text) in goals {
            guard let k = ServiceGoals.key(key), let goal = ServiceGoal(parsing: text) else { continue }
            if let code = k.serviceCode { g.byServiceCode[k.paragraph, default: [:]][code] = goal } else { g.byParagraph[k.paragraph] = goal }
        }
        return g
    }
}

extension Generator {
    /// Applications and decisions (`decisions`): one before each grant that starts from 2025 on
    /// (granted, now and then partly), refusals and shelved applications that led to no grant, and
    /// applications still pending; a few planted on the edges of their deadlines. Drawn after
    /// everything else, so the other files do not change with them.
    mutating func applications() -> (rows: [Decision], plants: [Plant]) {
        let goals = SampleServiceGoals.value
        var rows: [Decision] = [], plants: [Plant] = []
        var next = 1
        func id(_ year: Int) -> String { defer { next += 1 }; return "ANS-\(year)-\(String(10_000 + next).dropFirst())" }
        let from = Day(year: 2025, month: 1, day: 1)!
        var caseworkers: [(String, Paragraph, String)] = []
        for plan in plans {
            let g = plan.grant
            // (Refusals and pending applications go to the others: MHA's screens, which the tests
            // and the README show, stay as they are.)
            if g.caseworker != "MHA" { caseworkers.append((g.caseworker, g.paragraph, g.serviceCode)) }
            guard g.start >= from, g.start < today, g.payingMunicipality == nil else { continue }
            let offset = random.int(20...95)
            let received = g.start.advanced(by: -offset)
            let decided = received.advanced(by: random.int(5...max(5, offset - 1)))
            var d = Decision(applicationId: id(received.year), cpr: g.cpr, paragraph: g.paragraph, caseworker: g.caseworker,
                             received: received, decided: decided, outcome: random.chance(0.1) ? .partlyGranted : .granted,
                             caseId: g.caseId, serviceCode: g.serviceCode)
            if let deadline = goals.deadline(d), decided > deadline, random.chance(0.5) {
                d.noticeSent = received.advanced(by: random.int(7...20))
            }
            rows.append(d)
        }
        // Refused and shelved: citizens who were not granted what they applied for.
        for _ in 0..<110 {
            let (worker, paragraph, code) = random.pick(caseworkers)
            let received = Day(ordinal: Int32(random.int(Int(from.ordinal)...Int(Day(year: 2026, month: 9, day: 30)!.ordinal))))
            rows.append(Decision(applicationId: id(received.year), cpr: newCPR(), paragraph: paragraph, caseworker: worker,
                                 received: received, decided: received.advanced(by: random.int(10...75)),
                                 outcome: random.chance(0.7) ? .refused : .shelved, serviceCode: code))
        }
        // Still pending.
        for _ in 0..<36 {
            let (worker, paragraph, code) = random.pick(caseworkers)
            let received = Day(ordinal: Int32(random.int(Int(Day(year: 2026, month: 8, day: 1)!.ordinal)...Int(Day(year: 2026, month: 11, day: 20)!.ordinal))))
            rows.append(Decision(applicationId: id(received.year), cpr: newCPR(), paragraph: paragraph, caseworker: worker,
                                 received: received, serviceCode: code))
        }
        // Planted on the edges (§85, 8u): decided on the deadline, a day late without notice, a day
        // late with notice given in time; pending due today and overdue by a day (for TLA).
        let s85 = Paragraph(number: 85)
        func plant(_ d: Decision, _ note: String) {
            rows.append(d)
            plants.append(Plant(kind: "servicemaal", paragraph: s85.key, cpr: d.cpr, caseId: d.applicationId, note: note))
        }
        let r = Day(year: 2026, month: 3, day: 2)!  // a Monday; 8u → Monday 27-04-2026
        plant(Decision(applicationId: "ANS-2026-9001", cpr: newCPR(), paragraph: s85, caseworker: "TLA", received: r,
                       decided: r.advanced(by: 56), outcome: .granted), "afgjort på fristen 27-04-2026: til tiden")
        plant(Decision(applicationId: "ANS-2026-9002", cpr: newCPR(), paragraph: s85, caseworker: "TLA", received: r,
                       decided: r.advanced(by: 57), outcome: .refused), "afgjort dagen efter fristen, uden besked: for sent uden besked")
        plant(Decision(applicationId: "ANS-2026-9003", cpr: newCPR(), paragraph: s85, caseworker: "TLA", received: r,
                       decided: r.advanced(by: 57), outcome: .granted, noticeSent: r.advanced(by: 40)), "for sent, men med besked før fristen")
        plant(Decision(applicationId: "ANS-2026-9004", cpr: newCPR(), paragraph: s85, caseworker: "TLA",
                       received: today.advanced(by: -56)), "verserer, fristen er i dag: snart, ikke overskredet")
        plant(Decision(applicationId: "ANS-2026-9005", cpr: newCPR(), paragraph: s85, caseworker: "TLA",
                       received: today.advanced(by: -57)), "verserer, fristen var i går: overskredet med 1 dag")
        return (rows.sorted { ($0.received, $0.applicationId) < ($1.received, $1.applicationId) }, plants)
    }
}
