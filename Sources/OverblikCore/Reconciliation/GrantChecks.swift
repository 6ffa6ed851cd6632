extension Reconciler {
    /// Whether a grant has at least one day in the calendar year of the reconciliation.
    func inYear(_ g: Grant) -> Bool { g.span.within(DayRange.year(year)) != nil }

    mutating func overlapping() {
        // §107 and §108 overlap one another; any other paragraph only itself. By rank in the index.
        let housing = Set(index.paragraphs.indices.filter { [Paragraph(number: 107), Paragraph(number: 108)].contains(index.paragraphs[$0]) }.map(Int32.init))
        let year = DayRange.year(year)
        // Per citizen: its groups follow one another in the index. The grants are read in place,
        // by position (a grant copied would retain each of its texts); one is copied only when reported.
        var first = 0
        let groups = index.groups
        var gs: [Int] = []
        while first < groups.count {
            var end = first + 1
            while end < groups.count && groups[end].cpr == groups[first].cpr { end += 1 }
            defer { first = end }
            let cpr = groups[first].cpr
            guard groups[first].grants.lowerBound + 1 < groups[end - 1].grants.upperBound else { continue }  // fewer than two grants
            gs.removeAll(keepingCapacity: true)
            for k in groups[first].grants.lowerBound..<groups[end - 1].grants.upperBound {
                let g = Int(index.grantOrder[k])
                if index.grantSpans[g].within(year) != nil { gs.append(g) }
            }
            guard gs.count > 1 else { continue }
            gs.sort { (grants[$0].start, grants[$0].caseId) < (grants[$1].start, grants[$1].caseId) }  // (case ids are unique)
            for i in gs.indices {
                for j in gs.indices where j > i {
                    let (x, y) = (gs[i], gs[j])
                    let (p, q) = (index.grantParagraph[x], index.grantParagraph[y])
                    guard p == q || (housing.contains(p) && housing.contains(q)),
                          index.grantSpans[x].overlaps(index.grantSpans[y]) else { continue }
                    let (a, b) = (grants[x], grants[y])
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
                    && (index.grantMappingRow[i] < 0 || grants[i].start < grants[i].cpr.eighteenthBirthday)
            }
        }
        for i in reported {
            let g = grants[i]
            if index.grantMappingRow[i] < 0 {
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
        // Whether a grant is one DST is told of: its mapping row has a DST code, or (a service code
        // not in the mapping) a row of its paragraph has. From the index's rows, no look-up per grant.
        let rowHasCode = mapping.rows.map { !$0.dstCode.isEmpty }
        let codesOfParagraph = index.paragraphs.map { p in mapping.rows(of: p).map(\.dstCode).filter { !$0.isEmpty } }
        let paragraphHasCode = codesOfParagraph.map { !$0.isEmpty }
        // (Grants and DST rows read in place, copied only for a discrepancy.)
        let spans = index.grantSpans, rows = index.grantMappingRow
        dst.withUnsafeBufferPointer { dst in
            for (gi, group) in index.groups.enumerated() {
                for k in group.grants {
                    let i = Int(index.grantOrder[k])
                    guard spans[i].within(period) != nil else { continue }
                    guard rows[i] >= 0 ? rowHasCode[Int(rows[i])] : paragraphHasCode[Int(group.paragraph)] else { continue }
                    let span = spans[i]
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
        }

        // The group's grants overlapping a row, as positions (earliest start, then case id, first).
        var matching: [Int] = []
        dst.withUnsafeBufferPointer { dst in
            for i in dst.indices where inPeriod(dst[i]) {
                matching.removeAll(keepingCapacity: true)
                let group = groupOfRow[i] >= 0 ? index.groups[Int(groupOfRow[i])] : nil
                let rowSpan = Span(start: dst[i].start, end: dst[i].end)
                if let group {
                    for k in group.grants where spans[Int(index.grantOrder[k])].overlaps(rowSpan) { matching.append(Int(index.grantOrder[k])) }
                    if matching.count > 1 {
                        grants.withUnsafeBufferPointer { g in matching.sort { (g[$0].start, g[$0].caseId) < (g[$1].start, g[$1].caseId) } }
                    }
                }
                // Whether the row is reported at all is worked out from positions and spans; the row
                // and the texts are made only for one that is (most rows are not).
                // The DST codes accepted: the first matching grant's mapping row's, else those of the paragraph's rows.
                let exact = matching.first.map { Int(rows[$0]) } ?? -1
                var codes: [String] { exact >= 0 ? [mapping.rows[exact].dstCode] : mapping.rows(of: dst[i].paragraph).map(\.dstCode).filter { !$0.isEmpty } }
                let accepted = exact >= 0 ? mapping.rows[exact].dstCode == dst[i].dstCode
                    : group.map { codesOfParagraph[Int($0.paragraph)].contains(dst[i].dstCode) } ?? codes.contains(dst[i].dstCode)
                var kinds: [DiscrepancyKind] = []
                if matching.isEmpty { kinds.append(.reportedNotGranted) }
                if !accepted { kinds.append(.dstCodeMismatch) }
                if !matching.isEmpty && !matching.contains(where: { spans[$0].start == rowSpan.start && spans[$0].end == rowSpan.end }) {
                    kinds.append(.dstPeriodMismatch)
                }
                guard !kinds.isEmpty else { continue }
                let r = dst[i]
                let matched = matching.map { grants[$0] }
                let id = "\(r.start.iso)/\(r.dstCode)"
                let caseworker = matched.first?.caseworker ?? group.map(self.caseworker) ?? ""
                func add(_ kind: DiscrepancyKind, _ da: String, _ en: String) {
                    out.append(Discrepancy(key: key(kind, r.paragraph, r.cpr, id), kind: kind, paragraph: r.paragraph, cpr: r.cpr,
                                           caseIds: matched.map(\.caseId), voucherIds: [], month: nil, caseworker: caseworker,
                                           amount: nil, explained: false, explanation: nil, message: Message(da: da, en: en)))
                }
                let end = r.end?.danish ?? "…"
                guard let first = matched.first else {
                    add(.reportedNotGranted, "indberettet \(r.start.danish)–\(end) (\(r.dstCode)) uden en bevilling efter \(r.paragraph.display)",
                        "reported \(r.start.danish)–\(end) (\(r.dstCode)) with no grant under \(r.paragraph.display)")
                    if kinds.contains(.dstCodeMismatch) {
                        add(.dstCodeMismatch, "DST-koden \(r.dstCode) hører ikke til \(r.paragraph.display) (\(codes.joined(separator: ", ")))",
                            "the DST code \(r.dstCode) does not belong to \(r.paragraph.display) (\(codes.joined(separator: ", ")))")
                    }
                    continue
                }
                if kinds.contains(.dstCodeMismatch) {
                    add(.dstCodeMismatch, "indberettet med DST-koden \(r.dstCode), bevilling \(first.caseId) giver \(codes.joined(separator: ", "))",
                        "reported with DST code \(r.dstCode), grant \(first.caseId) gives \(codes.joined(separator: ", "))")
                }
                if kinds.contains(.dstPeriodMismatch) {
                    add(.dstPeriodMismatch, "indberettet \(r.start.danish)–\(end), bevilling \(first.caseId) løber \(first.start.danish)–\(first.end?.danish ?? "…")",
                        "reported \(r.start.danish)–\(end), grant \(first.caseId) runs \(first.start.danish)–\(first.end?.danish ?? "…")")
                }
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
