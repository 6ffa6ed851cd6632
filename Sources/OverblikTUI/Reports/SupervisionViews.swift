import OverblikCore

extension Views {
    /// Ledelsestilsyn's sample of a period (management.md §3; `tilsyn`): per caseworker the grants
    /// drawn, in the order of their hash; `fixed` says whether the sample is the one fixed for the
    /// period (false: as it would be fixed now).
    public static func supervision(_ sample: [SampledGrant], period: SupervisionPeriod, fixed: Bool = false) -> ViewTable {
        var t = ViewTable(view: "tilsyn", columns: [
            .init("period", da: "Periode", en: "Period", priority: 6),
            .init("team", da: "Team", en: "Team", maxWidth: 20, priority: 7),
            .init("caseworker", da: "Sagsbeh.", en: "Caseworker", maxWidth: 10, priority: 10),
            .init("caseId", da: "Sag", en: "Case", maxWidth: 14, priority: 10),
            .init("cpr", da: "CPR", en: "CPR", priority: 8),
            .init("paragraph", da: "Paragraf", en: "Paragraph", maxWidth: 10, priority: 9),
            .init("fromActive", da: "Fra aktive", en: "From active", priority: 5),
            .init("addedLater", da: "Tilføjet senere", en: "Added later", priority: 4),
            .init("fixed", da: "Fastlagt", en: "Fixed", priority: 4),
            .init("answers", da: "Svar", en: "Answers", inText: false),
        ])
        for s in sample {
            t.rows.append([.text(period.description), .text(s.team), .text(s.grant.caseworker), .text(s.grant.caseId), .cpr(s.grant.cpr),
                           .paragraph(s.grant.paragraph), .bool(s.fromActive), .bool(s.addedLater), .bool(fixed), .structured(.array([]), shown: "")])
        }
        return t
    }
}
