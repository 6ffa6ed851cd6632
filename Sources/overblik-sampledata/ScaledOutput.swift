import ArgumentParser
import Foundation
import OverblikCore

/// The benchmark scales (`make bench-data SCALE=M|L`): the Sampledata generator scaled up and
/// written as a stream (never the whole file in memory), in the same formats as Sampledata.
enum Scale: String, CaseIterable, ExpressibleByArgument {
    case S, M, L, LC

    /// Citizens, team copies, times every planted kind is planted, earlier grants per citizen,
    /// lines per paid month: M ≈ 15.000 citizens, 40.000 grants, 1 mio. payment lines; L ten times
    /// that; LC the same citizens and grants as L with one line per paid month (≈ 3 mio. payment
    /// lines, about 20 per citizen: the citizen-heavy shape of a national extract).
    var parameters: (citizens: Int, replicas: Int, history: Double, linesPerMonth: Int) {
        switch self {
        case .S: return (750, 1, 0, 1)
        case .M: return (15_000, 20, 1.35, 3)
        case .L: return (150_000, 200, 1.35, 3)
        case .LC: return (150_000, 200, 1.35, 1)
        }
    }
}

/// A file written in pieces through a buffer.
final class StreamFile {
    let handle: FileHandle
    var buffer: [UInt8] = []
    let windows1252: Bool
    private var encoded: [String: [UInt8]] = [:]
    private(set) var lines = 0

    init(_ path: String, bom: Bool = false, windows1252: Bool = false) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: path, contents: nil)
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        self.windows1252 = windows1252
        buffer.reserveCapacity(1 << 20)
        if bom { buffer += [0xEF, 0xBB, 0xBF] }
    }

    /// One record, `;`-separated, CRLF, fields quoted when they must be.
    func record(_ fields: [String]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ";")) }
            // Quote only when needed (checked on bytes: Foundation's String.contains is slow here).
            let quoted = f.utf8.contains { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "\"") || $0 == 10 } ? ExportFile.quote(f, ";") : f
            if windows1252, quoted.utf8.contains(where: { $0 >= 0x80 }) {
                if let bytes = encoded[quoted] { buffer += bytes } else {
                    let bytes = ExportFile.encodeWindows1252(quoted)
                    encoded[quoted] = bytes
                    buffer += bytes
                }
            } else {
                buffer += quoted.utf8
            }
        }
        buffer += [13, 10]
        lines += 1
        if buffer.count > (1 << 20) { flush() }
    }

    func flush() {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        flush()
        try handle.close()
    }
}

extension Generator {
    /// Writes the drop of a benchmark scale into `folder` as a stream; returns (grants, payments).
    mutating func writeScaled(to folder: String) throws -> (grants: Int, payments: Int) {
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }

        let grants = try StreamFile(path("fagsystem/indsatser.csv"), bom: true)
        grants.record(TableName.grants.headerLine(renamed: sampleRenames))
        for plan in plans {
            let g = plan.grant
            let paragraph = g.paragraph.law == "SEL" ? "SEL §\(g.paragraph.number)\(g.paragraph.letter)" : "ABL §\(g.paragraph.number)"
            grants.record([g.caseId, g.cpr.formatted, g.name, paragraph, g.serviceCode, g.serviceName, g.provider,
                           Format.date(g.start), Format.date(g.end), Format.amount(g.rate), g.rateUnit?.rawValue ?? "",
                           Format.hours(g.hoursPerWeek), g.caseworker, g.team, Format.date(g.nextFollowUp),
                           Format.date(g.lastFollowUp), g.targetGroup, g.actingMunicipality ?? "", g.payingMunicipality ?? ""])
        }
        try grants.close()

        let staff = try StreamFile(path("fagsystem/medarbejdere.csv"))
        staff.record(TableName.staff.headerLine())
        for r in 1...replicas {
            for team in Catalogue.teams {
                let suffix = replicas > 1 ? String(r) : ""
                let name = replicas > 1 ? team.name + " " + suffix : team.name
                staff.record([team.lead.0 + suffix, team.lead.1, name, "teamleder", (team.lead.0 + suffix).lowercased()])
                for (initials, person) in team.caseworkers {
                    staff.record([initials + suffix, person, name, "sagsbehandler", (initials + suffix).lowercased()])
                }
            }
        }
        for (initials, name) in Catalogue.consultants { staff.record([initials, name, "", "konsulent", initials.lowercased()]) }
        try staff.close()

        // Payments streamed; what 2025 posted per function and month is summed on the way for the budget.
        let pay = try StreamFile(path("okonomi/posteringer.csv"), windows1252: true)
        pay.record(TableName.payments.headerLine())
        var posted: [String: [Int: Int64]] = [:]
        forEachPayment { p in
            pay.record([p.voucherId, p.cpr.formatted, p.function, p.grouping, p.provider, Format.date(p.periodStart),
                        Format.date(p.periodEnd), Format.amount(p.amount), Format.date(p.postingDate),
                        p.payingMunicipality ?? "", p.actingMunicipality ?? ""])
            if p.postingDate.year == 2025 { posted[p.function, default: [:]][p.postingDate.month, default: 0] += p.amount.ore }
        }
        try pay.close()

        let budget = try StreamFile(path("okonomi/budget.csv"))
        budget.record(TableName.budget.headerLine())
        for b in budgetLines(posted: posted) {
            budget.record([String(b.year), String(b.month), b.function, Format.amount(b.budget), Format.amount(b.correctedBudget)])
        }
        try budget.close()

        let dst = try StreamFile(path("dst/indberetning.csv"))
        dst.record(TableName.dst.headerLine())
        let dstRows = dstRows()
        for r in dstRows {
            dst.record([r.cpr.digits, "§ \(r.paragraph.number)\(r.paragraph.letter)", r.dstCode, r.start.iso, r.end?.iso ?? "", r.targetGroup])
        }
        try dst.close()

        let mapping = try StreamFile(path("stamdata/masteroversigt.csv"))
        mapping.record(TableName.mapping.headerLine())
        for m in Catalogue.mapping {
            mapping.record([m.paragraph.key, m.function, m.grouping, m.dstCode, m.serviceCodes.joined(separator: ","), m.label])
        }
        try mapping.close()

        try writeScaledManagement(to: folder)
        // StatBank's HAND07 and FOLK1A for every municipality, as a national download has them.
        let (hand07, folk1a, statBankPlants) = statBankExtracts(dst: dstRows, others: Self.nationalOthers)
        for (name, file) in [("dst/hand07.csv", hand07), ("dst/folk1a.csv", folk1a)] {
            try Data(file.bytes).write(to: URL(fileURLWithPath: path(name)))
        }
        plants += statBankPlants

        let manifest = try StreamFile(path("planted.csv"))
        manifest.record(["kind", "paragraph", "cpr", "caseId", "month", "explained", "note"])
        for p in plants {
            manifest.record([p.kind, p.paragraph, p.cpr.value == 0 ? "" : p.cpr.digits, p.caseId, p.month, p.explained ? "ja" : "nej", p.note])
        }
        try manifest.close()
        try Self.configuration.write(toFile: path("overblik.toml"), atomically: true, encoding: .utf8)
        return (plans.count, pay.lines - 1)
    }
}

extension Generator {
    /// The optional management tables at national size, drawn from the grants without the random
    /// stream (so the other files are the same with or without them): an application before every
    /// grant that starts before today (refused now and then), an appeal of every 20th application,
    /// and the providers the grants use with places for the citizens there on 1 October 2026.
    func writeScaledManagement(to folder: String) throws {
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        let decisions = try StreamFile(path("fagsystem/ansoegninger.csv"))
        decisions.record(TableName.decisions.headerLine())
        let appeals = try StreamFile(path("fagsystem/klagesager.csv"))
        appeals.record(TableName.appeals.headerLine())
        let outcomes: [AppealOutcome] = [.upheld, .upheld, .upheld, .changed, .remitted, .upheld, .dismissed, .annulled, .referred, .lapsed]
        var active: [String: Int] = [:], names: [String: String] = [:]
        let october = Day(year: 2026, month: 10, day: 1)!
        for (i, plan) in plans.enumerated() {
            let g = plan.grant
            if g.actingMunicipality == nil, !g.provider.isEmpty, g.span.covers(october) {
                let key = providerKey(g.provider)
                active[key, default: 0] += 1
                if names[key] == nil { names[key] = g.provider }
            }
            guard g.start < today else { continue }
            let received = g.start.advanced(by: -(20 + i % 60))
            let pending = received > today.advanced(by: -40) && i % 3 == 0
            let decided = received.advanced(by: 5 + i % 50)
            let outcome: DecisionOutcome = i % 11 == 0 ? .refused : i % 17 == 0 ? .partlyGranted : .granted
            let paragraph = "§ \(g.paragraph.number)\(g.paragraph.letter)"
            decisions.record(["A-\(i + 1)", g.cpr.formatted, paragraph, g.caseworker, g.team, Format.date(received),
                              pending ? "" : Format.date(decided), pending ? "" : outcome.rawValue, g.caseId, g.serviceCode, ""])
            guard !pending, i % 20 == 0 else { continue }
            let appealed = decided.advanced(by: 10 + i % 20)
            guard appealed < today else { continue }
            let reconsidered = appealed.advanced(by: 7 + i % 30)
            let board = appealed.advanced(by: 100 + i % 200)
            let agreed = i % 200 == 0
            let decidedByBoard = !agreed && board < today
            appeals.record(["K-\(i + 1)", g.cpr.formatted, paragraph, Format.date(decided), Format.date(appealed),
                            reconsidered < today ? Format.date(reconsidered) : "", reconsidered < today ? (agreed ? "medhold" : "fastholdt") : "",
                            decidedByBoard ? Format.date(board) : "", decidedByBoard ? outcomes[(i / 20) % outcomes.count].rawValue : "",
                            g.caseworker])
        }
        try decisions.close()
        try appeals.close()
        let providers = try StreamFile(path("stamdata/tilbud.csv"))
        providers.record(TableName.providers.headerLine())
        for (key, n) in active.sorted(by: { $0.key < $1.key }) where n >= 5 {
            providers.record([names[key] ?? key, "", "\(n + n / 10)", "", "", "nej", ""])
        }
        try providers.close()
    }
}
