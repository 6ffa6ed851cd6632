import Testing
@testable import OverblikCore
import OverblikTestSupport

/// Ledelsestilsyn's sample (management.md §3, §9) by hand, with the digests the issue lists for
/// municipality 253 and 2026K4 (the real SHA-256 is checked against them in the store's tests).
@Suite("Ledelsestilsyn: the sample by hand")
struct SupervisionTests {
    static let digests = ["253|2026K4|S-000101": "00dd713b", "253|2026K4|S-000104": "0f159e46", "253|2026K4|S-000102": "2b83f129",
                          "253|2026K4|S-000105": "323c422b", "253|2026K4|S-000103": "3700f8f4"]
    let today = day(2026, 11, 23)
    let period = SupervisionPeriod(kind: .quarter, year: 2026, number: 4)

    /// A grant of TLA's: starting in the quarter (in the frame) or long before (only active).
    func grant(_ id: String, inFrame: Bool, caseworker: String = "TLA", start: Day? = nil) -> Grant {
        Grant(caseId: id, cpr: CPR(value: 101_901_234), name: "", paragraph: Paragraph(number: 85),
              start: start ?? (inFrame ? day(2026, 10, 5) : day(2025, 1, 1)), caseworker: caseworker, line: Int(id.suffix(3)) ?? 0)
    }

    func sample(_ grants: [Grant], perCaseworker: Int = 2, decisions: [Decision] = []) -> [String] {
        supervisionSample(grants: grants, decisions: decisions, staff: [], period: period, today: today, municipalityCode: "253",
                          settings: SupervisionSettings(perCaseworker: perCaseworker), sha256: { Self.digests[$0] ?? "ffff" })
            .map { $0.grant.caseId + ($0.fromActive ? "*" : "") }
    }

    @Test func theIssuesVectors() {
        let all = ["S-000101", "S-000102", "S-000103", "S-000104", "S-000105"]
        // All five in the frame, two per caseworker: the two lowest digests.
        #expect(sample(all.map { grant($0, inFrame: true) }) == ["S-000101", "S-000104"])
        // Only S-000105 and S-000103 in the frame, the others merely active: those two, in hash order.
        #expect(sample(all.map { grant($0, inFrame: $0 == "S-000105" || $0 == "S-000103") }) == ["S-000105", "S-000103"])
        // One per caseworker and only S-000103 in the frame: S-000103, not S-000101.
        #expect(sample(all.map { grant($0, inFrame: $0 == "S-000103") }, perCaseworker: 1) == ["S-000103"])
        // Three per caseworker, two in the frame: filled up from the active ones in hash order.
        #expect(sample(all.map { grant($0, inFrame: $0 == "S-000105" || $0 == "S-000103") }, perCaseworker: 3)
                == ["S-000105", "S-000103", "S-000101*"])
    }

    /// Equal digests are ordered by line; a caseworker keeps the first `perCaseworker` of a frame
    /// met in any order, and the digest's own type orders as its hex does.
    @Test func tiesByLineAndTheDigestsOrder() {
        let lines = [5, 3, 9, 1, 7]
        let grants = lines.map { n in var g = grant("S-00010\(n)", inFrame: true); g.line = n; return g }
        let tied = supervisionSample(grants: grants, decisions: [], staff: [], period: period, today: today, municipalityCode: "253",
                                     settings: SupervisionSettings(perCaseworker: 3), sha256: { _ in "0" })
        #expect(tied.map(\.grant.line) == [1, 3, 5])
        // The hash text itself as the digest: the grants ordered by their texts, the kept ones' texts shown.
        let byText = supervisionSamples(grants: grants, decisions: [], staff: [], periods: [period], today: today, municipalityCode: "253",
                                        settings: SupervisionSettings(perCaseworker: 4), sha256: { $0 })[0]
        #expect(byText.map(\.digest) == ["253|2026K4|S-000101", "253|2026K4|S-000103", "253|2026K4|S-000105", "253|2026K4|S-000107"])
        // Four words, big-endian: compared as the hex is; fewer than 32 bytes as if followed by zeros.
        var generator = SplitMix(seed: 20261202)
        let digests = (0..<200).map { _ in (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) } }
            .map { bytes in bytes.withUnsafeBytes { Digest256(bytes: $0) } }
        #expect(digests.sorted().map(\.hex) == digests.map(\.hex).sorted())
        let short: [UInt8] = [0xAB, 0x01]
        #expect(short.withUnsafeBytes { Digest256(bytes: $0) }.hex == "ab01" + String(repeating: "0", count: 60))
    }

    /// The year's periods drawn together (the status report) give each period's own sample: a case
    /// decided in one quarter is in that quarter's frame only.
    @Test func severalPeriodsAtOnce() {
        let quarters = (3...4).map { SupervisionPeriod(kind: .quarter, year: 2026, number: $0) }
        let grants = ["S-000101", "S-000102", "S-000103", "S-000105"].map { grant($0, inFrame: false) }
            + [grant("S-000104", inFrame: true, caseworker: "MHA")]
        let decisions = [("S-000103", day(2026, 8, 1)), ("S-000105", day(2026, 10, 10))].map {
            Decision(applicationId: $0.0, cpr: CPR(value: 101_901_234), paragraph: Paragraph(number: 85), received: day(2026, 6, 1),
                     decided: $0.1, outcome: .granted, caseId: $0.0)
        }
        func draw(_ periods: [SupervisionPeriod]) -> [[String]] {
            supervisionSamples(grants: grants, decisions: decisions, staff: [], periods: periods, today: today, municipalityCode: "253",
                               settings: SupervisionSettings(perCaseworker: 1), sha256: { $0 })
                .map { $0.map { $0.grant.caseId + ($0.fromActive ? "*" : "") } }
        }
        let together = draw(quarters)
        #expect(together == quarters.map { draw([$0])[0] })
        // 2026K3: TLA's case decided in August (S-000104 starts after the quarter: MHA has none).
        // 2026K4: MHA's grant starting in it, then TLA's case decided in October.
        #expect(together == [["S-000103"], ["S-000104", "S-000105"]])
    }

    @Test func theFrame() {
        // A last follow-up in the quarter on or before today puts a grant in the frame; after today it does not.
        var followedUp = grant("S-000104", inFrame: false)
        followedUp.lastFollowUp = day(2026, 11, 1)
        var later = grant("S-000101", inFrame: false)
        later.lastFollowUp = day(2026, 11, 30)
        #expect(sample([followedUp, later], perCaseworker: 1) == ["S-000104"])
        // A decision decided in the quarter names its grant by case id.
        let decision = Decision(applicationId: "A", cpr: CPR(value: 101_901_234), paragraph: Paragraph(number: 85), received: day(2026, 9, 1),
                                decided: day(2026, 10, 10), outcome: .granted, caseId: " S-000105 ")
        #expect(sample(["S-000101", "S-000105"].map { grant($0, inFrame: false) }, perCaseworker: 1, decisions: [decision]) == ["S-000105"])
        // A grant starting after today is in neither the frame nor the fill; a period not begun has no sample.
        #expect(sample([grant("S-000101", inFrame: true, start: day(2026, 12, 1))]) == [])
        #expect(supervisionSample(grants: [grant("S-000101", inFrame: true)], decisions: [], staff: [],
                                  period: SupervisionPeriod(kind: .quarter, year: 2027, number: 1), today: today, municipalityCode: "253",
                                  settings: SupervisionSettings(), sha256: { _ in "0" }).isEmpty)
        // Each caseworker their own sample; an ended grant is not active.
        let ended = Grant(caseId: "S-000102", cpr: CPR(value: 101_901_234), name: "", paragraph: Paragraph(number: 85),
                          start: day(2024, 1, 1), end: day(2026, 9, 30), caseworker: "MHA", line: 2)
        #expect(sample([grant("S-000103", inFrame: true, caseworker: "MHA"), ended, grant("S-000104", inFrame: true)])
                == ["S-000103", "S-000104"])
    }

    @Test func periodsAndTheHashText() {
        #expect(SupervisionPeriod(parsing: "2026K4") == period && SupervisionPeriod(parsing: " 2026k4 ") == period)
        #expect(SupervisionPeriod(parsing: "2026-11")?.description == "2026-11" && SupervisionPeriod(parsing: "2026-3")?.description == "2026-03")
        for bad in ["2026K5", "2026-13", "K4", "2026", "abc"] { #expect(SupervisionPeriod(parsing: bad) == nil, "\(bad)") }
        #expect(period.range == DayRange(day(2026, 10, 1), day(2026, 12, 31)))
        #expect(SupervisionPeriod(.month, containing: day(2026, 2, 10)).range == DayRange(day(2026, 2, 1), day(2026, 2, 28)))
        #expect(SupervisionSettings().hashText(municipalityCode: "253", period: period, caseId: " S-1 ") == "253|2026K4|S-1")
        #expect(SupervisionSettings(salt: "hemmelig").hashText(municipalityCode: "253", period: period, caseId: "S-1") == "hemmelig|253|2026K4|S-1")
        #expect(SupervisionSettings.defaultItems.count == 12)
    }

    func sampled(_ id: String, _ worker: String, _ digest: String) -> SampledGrant {
        SampledGrant(grant: grant(id, inFrame: true, caseworker: worker), team: "T", fromActive: false, digest: digest)
    }

    @Test func topUpAndResults() {
        let fixed = FixedSupervisionSample(period: "2026K4", by: "hep", at: "t", rows: [sampled("S-000101", "MHA", "01"), sampled("S-000102", "MHA", "02"),
                                                                                         sampled("S-000103", "TLA", "03")])
        // Today's sample: S-000102 moved to TLA, TLA has a new one and MHA a lower digest: only TLA is topped up.
        let current = [sampled("S-000109", "MHA", "00"), sampled("S-000101", "MHA", "01"), sampled("S-000102", "TLA", "02"),
                       sampled("S-000104", "TLA", "04"), sampled("S-000105", "TLA", "05")]
        let added = fixed.topUp(from: current, perCaseworker: 2)
        #expect(added.map(\.grant.caseId) == ["S-000104"] && added.allSatisfy(\.addedLater))
        // Results: MHA's two cases, S-000101 answered on every item (reviewed), S-000102 on one.
        var answers: [String: SupervisionAnswerEntry] = [:]
        for item in 1...3 {
            let a = SupervisionAnswerEntry(period: "2026K4", caseId: "S-000101", item: item, answer: item == 2 ? .no : item == 3 ? .notRelevant : .yes, who: "hep", at: "t")
            answers[a.key] = a
        }
        let b = SupervisionAnswerEntry(period: "2026K4", caseId: "S-000102", item: 1, answer: .yes, who: "hep", at: "t")
        answers[b.key] = b
        let results = supervisionResults(Array(fixed.rows.prefix(2)), answers: answers, period: "2026K4", items: 3)
        #expect(results.map { "\($0.item):\($0.sampled)/\($0.reviewed) \($0.yes)-\($0.no)-\($0.notRelevant) \($0.shareYes.map { String($0) } ?? "–")" }
                == ["1:2/1 2-0-0 100.0", "2:2/1 0-1-0 0.0", "3:2/1 0-0-1 –"])
        #expect(SupervisionAnswer(parsing: "ikke-relevant") == .notRelevant && SupervisionAnswer(parsing: " JA ") == .yes)
        #expect(SupervisionAnswer(parsing: "måske") == nil)
    }

    /// The results per caseworker are the same whether the sample comes in the order shown (team,
    /// caseworker: its runs taken as they are) or in any other (grouped by a dictionary first).
    @Test func resultsDoNotDependOnTheSamplesOrder() {
        func row(_ id: String, _ team: String, _ worker: String) -> SampledGrant {
            SampledGrant(grant: grant(id, inFrame: true, caseworker: worker), team: team, fromActive: false, digest: id)
        }
        let shown = [row("S-1", "Bo", "ANN"), row("S-2", "Bo", "ANN"), row("S-3", "Bo", "ØJE"), row("S-4", "Syd", "ANN"),
                     row("S-5", "Syd", "BOB"), row("S-6", "Syd", "BOB")]
        var answers: [String: SupervisionAnswerEntry] = [:]
        for (id, answer) in [("S-2", SupervisionAnswer.yes), ("S-3", .no), ("S-5", .notRelevant), ("S-6", .yes)] {
            let a = SupervisionAnswerEntry(period: "2026K4", caseId: id, item: 1, answer: answer, who: "hep", at: "t")
            answers[a.key] = a
        }
        func text(_ sample: [SampledGrant]) -> [String] {
            supervisionResults(sample, answers: answers, period: "2026K4", items: 1)
                .map { "\($0.team)/\($0.caseworker) \($0.sampled)/\($0.reviewed) \($0.yes)-\($0.no)-\($0.notRelevant)" }
        }
        let expected = ["Bo/ANN 2/1 1-0-0", "Bo/ØJE 1/1 0-1-0", "Syd/ANN 1/0 0-0-0", "Syd/BOB 2/2 1-0-1"]
        #expect(text(shown) == expected)
        #expect(text([shown[4], shown[0], shown[3], shown[2], shown[5], shown[1]]) == expected)
        #expect(text([]) == [])
    }
}
