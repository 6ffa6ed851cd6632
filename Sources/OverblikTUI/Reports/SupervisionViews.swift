import OverblikCore

extension Views {
    /// Ledelsestilsyn's sample of a period (management.md §3; `tilsyn`): per caseworker the grants
    /// drawn, in the order of their hash, with their answers; `fixed` says whether the sample is the
    /// one fixed for the period (false: as it would be fixed now).
    public static func supervision(_ s: Query.Supervision, items: [String]) -> ViewTable {
        var t = supervisionColumns()
        let period = s.period.description
        let ofCase = answersByCase(s.answers, period: period)
        t.rows = s.rows.map { supervisionRow($0, answers: ofCase[$0.grant.caseId], period: period, fixed: s.fixed != nil, items: items) }
        return t
    }

    /// The columns of `supervision` (no rows).
    static func supervisionColumns() -> ViewTable {
        ViewTable(view: "tilsyn", columns: [
            .init("period", da: "Periode", en: "Period", priority: 6),
            .init("team", da: "Team", en: "Team", maxWidth: 20, priority: 7),
            .init("caseworker", da: "Sagsbeh.", en: "Caseworker", maxWidth: 10, priority: 10),
            .init("caseId", da: "Sag", en: "Case", maxWidth: 14, priority: 10),
            .init("cpr", da: "CPR", en: "CPR", priority: 8),
            .init("paragraph", da: "Paragraf", en: "Paragraph", maxWidth: 10, priority: 9),
            .init("fromActive", da: "Fra aktive", en: "From active", priority: 5),
            .init("addedLater", da: "Tilføjet senere", en: "Added later", priority: 4),
            .init("fixed", da: "Fastlagt", en: "Fixed", priority: 4),
            .init("answers", da: "Besvaret", en: "Answered", priority: 9),
        ])
    }

    /// One line of `supervision`: the sampled grant with its case's answers.
    static func supervisionRow(_ r: SampledGrant, answers: [Int: SupervisionAnswerEntry]?, period: String, fixed: Bool,
                               items: [String]) -> [Cell] {
        var answered: [JSONValue] = []
        for (i, text) in items.enumerated() {
            guard let a = answers?[i + 1] else { continue }
            answered.append(.object([("item", .int(i + 1)), ("text", .string(text)), ("answer", .string(a.answer.rawValue)),
                                     ("note", .string(a.note)), ("by", .string(a.who)), ("at", .string(a.at))]))
        }
        return [.text(period), .text(r.team), .text(r.grant.caseworker), .text(r.grant.caseId), .cpr(r.grant.cpr),
                .paragraph(r.grant.paragraph), .bool(r.fromActive), .bool(r.addedLater), .bool(fixed),
                .structured(.array(answered), shown: "\(answered.count)/\(items.count)")]
    }

    /// `tilsyn --summary`: per caseworker and item, sampled, reviewed, the answers and the share `ja`.
    public static func supervisionResults(_ results: [SupervisionResult], items: [String]) -> ViewTable {
        var t = ViewTable(view: "tilsyn", columns: [
            .init("team", da: "Team", en: "Team", maxWidth: 20, priority: 6),
            .init("caseworker", da: "Sagsbeh.", en: "Caseworker", maxWidth: 10, priority: 10),
            .init("item", da: "Punkt", en: "Item", right: true, priority: 10),
            .init("text", da: "Tekst", en: "Text", maxWidth: 40, priority: 7),
            .init("sampled", da: "Udtaget", en: "Sampled", right: true, priority: 8),
            .init("reviewed", da: "Gennemgået", en: "Reviewed", right: true, priority: 8),
            .init("yes", da: "Ja", en: "Yes", right: true, priority: 9),
            .init("no", da: "Nej", en: "No", right: true, priority: 9),
            .init("notRelevant", da: "Ikke rel.", en: "N/A", right: true, priority: 7),
            .init("shareYes", da: "Andel ja %", en: "Share yes %", right: true, priority: 10),
        ])
        t.rows = results.map { supervisionResultRow($0, items: items) }
        return t
    }

    /// One line of `supervisionResults`.
    public static func supervisionResultRow(_ r: SupervisionResult, items: [String]) -> [Cell] {
        [.text(r.team), .text(r.caseworker), .plain(r.item), .text(items.indices.contains(r.item - 1) ? items[r.item - 1] : ""),
         .int(r.sampled), .int(r.reviewed), .int(r.yes), .int(r.no), .int(r.notRelevant), oneDecimal(r.shareYes)]
    }
}
