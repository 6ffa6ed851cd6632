/// Finds the paragraph a payment belongs to (domain.md, "Appearing"): the mapping rows whose
/// function equals the payment's function and whose grouping, where the row gives one, equals
/// the payment's. One paragraph: that one. Several: the one among them on which the citizen has
/// a grant overlapping the payment's period (the earliest starting such grant), else the first
/// in the mapping file. None: the payment takes no part in reconciliation. `mapping` must be
/// built with the payment's symbols.
public func paragraph(of p: Payment, mapping: MappingIndex, grantsOfCitizen: [Grant]) -> Paragraph? {
    let candidates = mapping.paragraphs(function: p.function, grouping: p.grouping)
    guard candidates.count > 1 else { return candidates.first }
    let overlapping = grantsOfCitizen.filter { g in
        candidates.contains(g.paragraph) && g.span.within(p.period) != nil
    }
    return overlapping.min { ($0.start, $0.caseId) < ($1.start, $1.caseId) }?.paragraph ?? candidates.first
}
