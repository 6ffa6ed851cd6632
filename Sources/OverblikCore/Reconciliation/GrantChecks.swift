extension Reconciler {
    /// Whether a grant has at least one day in the calendar year of the reconciliation.
    func inYear(_ g: Grant) -> Bool { g.span.within(DayRange.year(year)) != nil }

    mutating func overlapping() {
        let housing: Set<Paragraph> = [Paragraph(number: 107), Paragraph(number: 108)]
        // Per citizen: its groups follow one another in the index (no copy of every grant per year).
        var first = 0
        let groups = index.groups
        while first < groups.count {
            var end = first + 1
            while end < groups.count && groups[end].cpr == groups[first].cpr { end += 1 }
            defer { first = end }
            let cpr = groups[first].cpr
            guard groups[first].grants.lowerBound + 1 < groups[end - 1].grants.upperBound else { continue }  // fewer than two grants
            var gs: [Grant] = []
            for k in groups[first].grants.lowerBound..<groups[end - 1].grants.upperBound {
                let g = Int(index.grantOrder[k])
                if index.grantSpans[g].within(DayRange.year(year)) != nil { gs.append(grants[g]) }
            }
            guard gs.count > 1 else { continue }
            let sorted = gs.sorted { ($0.start, $0.caseId) < ($1.start, $1.caseId) }
            for i in sorted.indices {
                for j in sorted.indices where j > i {
                    let (a, b) = (sorted[i], sorted[j])
                    let related = a.paragraph == b.paragraph || (a.paragraph != b.paragraph && housing.contains(a.paragraph) && housing.contains(b.paragraph))
                    guard related, a.span.overlaps(b.span) else { continue }
                    let sharedEnd = [a.end, b.end].compactMap { $0 }.min()
                    let ids = [a.caseId, b.caseId].sorted()
                    out.append(Discrepancy(
                        key: key(.overlappingGrants, b.paragraph, cpr, ids.joined(separator: "+")), kind: .overlappingGrants,
                        paragraph: b.paragraph, cpr: cpr, caseIds: [b.caseId, a.caseId], voucherIds: [], month: nil,
                        caseworker: b.caseworker, amount: nil, explained: false, explanation: nil,
                        message: Message(da: "\(b.caseId) (\(b.paragraph.display)) overlapper \(a.caseId) (\(a.paragraph.display)) fra \(b.start.danish)" + (sharedEnd.map { " til \($0.danish)" } ?? ""),
                                         en: "\(b.caseId) (\(b.paragraph.display)) overlaps \(a.caseId) (\(a.paragraph.display)) from \(b.start.danish)" + (sharedEnd.map { " to \($0.danish)" } ?? ""))))
                }
            }
        }
    }

    mutating func grantChecks() {
        // (Each grant read in place; one is copied only when it is reported.)
        let reported = grants.withUnsafeBufferPointer { grants in
            grants.indices.filter { i in
                index.grantSpans[i].within(DayRange.year(year)) != nil
                    && (!mapping.hasValidServiceCode(grants[i]) || grants[i].start < grants[i].cpr.eighteenthBirthday)
            }
        }
        for i in reported {
            let g = grants[i]
            if !mapping.hasValidServiceCode(g) {
                out.append(Discrepancy(
                    key: key(.invalidServiceCode, g.paragraph, g.cpr, g.caseId), kind: .invalidServiceCode, paragraph: g.paragraph,
                    cpr: g.cpr, caseIds: [g.caseId], voucherIds: [], month: nil, caseworker: g.caseworker, amount: nil,
                    explained: false, explanation: nil,
                    message: Message(da: "ydelseskoden \"\(g.serviceCode)\" står ikke i masteroversigten under \(g.paragraph.display)",
                                     en: "the service code \"\(g.serviceCode)\" is not in the mapping under \(g.paragraph.display)")))
            }
            let adult = g.cpr.eighteenthBirthday
            if g.start < adult {
                out.append(Discrepancy(
                    key: key(.under18, g.paragraph, g.cpr, g.caseId), kind: .under18, paragraph: g.paragraph, cpr: g.cpr,
                    caseIds: [g.caseId], voucherIds: [], month: nil, caseworker: g.caseworker, amount: nil, explained: false,
                    explanation: nil,
                    message: Message(da: "bevilget fra \(g.start.danish), før 18-årsdagen \(adult.danish)",
                                     en: "granted from \(g.start.danish), before the 18th birthday \(adult.danish)")))
            }
        }
        let untargeted = grants.withUnsafeBufferPointer { grants in
            grants.indices.filter { grants[$0].targetGroup.isEmpty && grants[$0].isActive(on: today) }
        }
        for i in untargeted {
            let g = grants[i]
            out.append(Discrepancy(
                key: key(.missingTargetGroup, g.paragraph, g.cpr, g.caseId), kind: .missingTargetGroup, paragraph: g.paragraph,
                cpr: g.cpr, caseIds: [g.caseId], voucherIds: [], month: nil, caseworker: g.caseworker, amount: nil,
                explained: false, explanation: nil,
                message: Message(da: "aktiv bevilling uden målgruppe (Uoplyst)", en: "active grant with no target group (Uoplyst)")))
        }
    }

    mutating func dstChecks() {
        // The DST rows by the index's group of their citizen and paragraph (-1: none).
        let groupOfRow = dst.indices.map { i in Int32(index.group(dst[i].cpr, dst[i].paragraph) ?? -1) }
        let rowsOfGroup = countingSort(groupOfRow, buckets: index.groups.count)

        // Whether a grant is one DST is told of, per service code of the group's paragraph (a
        // group's grants share it): worked out once per code, not looked up per grant.
        struct Code: Hashable { let paragraph: Int32, serviceCode: String }
        var reportedByCode: [Code: Bool] = [:]
        for (gi, group) in index.groups.enumerated() {
            for k in group.grants {
                let i = Int(index.grantOrder[k])
                guard index.grantSpans[i].within(period) != nil else { continue }
                let code = Code(paragraph: group.paragraph, serviceCode: grants[i].serviceCode)
                let reported: Bool
                if let known = reportedByCode[code] { reported = known } else {
                    let rows = mapping.rows(of: grants[i].paragraph)
                    reported = rows.first { $0.serviceCodes.contains(code.serviceCode) }.map { !$0.dstCode.isEmpty }
                        ?? rows.contains { !$0.dstCode.isEmpty }
                    reportedByCode[code] = reported
                }
                guard reported else { continue }
                let span = index.grantSpans[i]
                guard !rowsOfGroup.range(gi).contains(where: { let r = dst[Int(rowsOfGroup.order[$0])]; return Span(start: r.start, end: r.end).overlaps(span) })
                else { continue }
                let g = grants[i]
                let acting = g.actingMunicipality ?? ""
                let explained = g.actingMunicipality != nil
                out.append(Discrepancy(
                    key: key(.notReportedToDst, g.paragraph, g.cpr, g.caseId), kind: .notReportedToDst, paragraph: g.paragraph,
                    cpr: g.cpr, caseIds: [g.caseId], voucherIds: [], month: nil, caseworker: g.caseworker, amount: nil,
                    explained: explained,
                    explanation: explained ? Message(da: "handlekommune \(acting) indberetter", en: "acting municipality \(acting) reports") : nil,
                    message: Message(da: "bevillingen fra \(g.start.danish) er ikke indberettet til DST", en: "the grant from \(g.start.danish) is not reported to DST")))
            }
        }

        var matching: [Grant] = []
        for (i, r) in dst.enumerated() where inPeriod(r) {
            // The group's grants overlapping the row, copied only when they do.
            matching.removeAll(keepingCapacity: true)
            let group = groupOfRow[i] >= 0 ? index.groups[Int(groupOfRow[i])] : nil
            if let group {
                let span = Span(start: r.start, end: r.end)
                for k in group.grants where index.grantSpans[Int(index.grantOrder[k])].overlaps(span) {
                    matching.append(grants[Int(index.grantOrder[k])])
                }
                if matching.count > 1 { matching.sort { ($0.start, $0.caseId) < ($1.start, $1.caseId) } }
            }
            /// Made only for a row that is reported (most rows are not), like the texts below.
            func add(_ kind: DiscrepancyKind, _ da: String, _ en: String) {
                let id = "\(r.start.iso)/\(r.dstCode)"
                let caseworker = matching.first?.caseworker ?? group.map(self.caseworker) ?? ""
                out.append(Discrepancy(key: key(kind, r.paragraph, r.cpr, id), kind: kind, paragraph: r.paragraph, cpr: r.cpr,
                                       caseIds: matching.map(\.caseId), voucherIds: [], month: nil, caseworker: caseworker,
                                       amount: nil, explained: false, explanation: nil, message: Message(da: da, en: en)))
            }
            var end: String { r.end?.danish ?? "…" }
            guard let matched = matching.first else {
                add(.reportedNotGranted, "indberettet \(r.start.danish)–\(end) (\(r.dstCode)) uden en bevilling efter \(r.paragraph.display)",
                    "reported \(r.start.danish)–\(end) (\(r.dstCode)) with no grant under \(r.paragraph.display)")
                let codes = mapping.rows(of: r.paragraph).map(\.dstCode).filter { !$0.isEmpty }
                if !codes.contains(r.dstCode) {
                    add(.dstCodeMismatch, "DST-koden \(r.dstCode) hører ikke til \(r.paragraph.display) (\(codes.joined(separator: ", ")))",
                        "the DST code \(r.dstCode) does not belong to \(r.paragraph.display) (\(codes.joined(separator: ", ")))")
                }
                continue
            }
            let accepted: [String]
            if let row = mapping.exactRow(for: matched) {
                accepted = [row.dstCode]
            } else {
                accepted = mapping.rows(of: r.paragraph).map(\.dstCode).filter { !$0.isEmpty }
            }
            if !accepted.contains(r.dstCode) {
                add(.dstCodeMismatch, "indberettet med DST-koden \(r.dstCode), bevilling \(matched.caseId) giver \(accepted.joined(separator: ", "))",
                    "reported with DST code \(r.dstCode), grant \(matched.caseId) gives \(accepted.joined(separator: ", "))")
            }
            if !matching.contains(where: { $0.start == r.start && $0.end == r.end }) {
                add(.dstPeriodMismatch, "indberettet \(r.start.danish)–\(end), bevilling \(matched.caseId) løber \(matched.start.danish)–\(matched.end?.danish ?? "…")",
                    "reported \(r.start.danish)–\(end), grant \(matched.caseId) runs \(matched.start.danish)–\(matched.end?.danish ?? "…")")
            }
        }
    }

    mutating func dataBreaks() {
        // Recipients at every month end of the period and the day before its first month: one pass per paragraph.
        guard let first = periodMonths.first else { return }
        let days = [first.range.start.advanced(by: -1)] + periodMonths.map(\.range.end)
        for p in coverage.paragraphs {
            let counts = coverage.recipients(p, on: days)
            for (k, (y, m, _)) in periodMonths.enumerated() {
                let (previous, now) = (counts[k], counts[k + 1])
                let change = now - previous
                guard abs(change) >= 10, Double(abs(change)) > 0.2 * Double(previous) else { continue }
                out.append(Discrepancy(
                    key: key(.dataBreak, p, nil, monthKey(y, m)), kind: .dataBreak, paragraph: p, cpr: nil, caseIds: [],
                    voucherIds: [], month: monthKey(y, m), caseworker: "", amount: nil, explained: false, explanation: nil,
                    message: Message(da: "modtagere ultimo måneden \(previous) → \(now) (\(change > 0 ? "+" : "")\(change))",
                                     en: "recipients at month end \(previous) → \(now) (\(change > 0 ? "+" : "")\(change))")))
            }
        }
    }
}
