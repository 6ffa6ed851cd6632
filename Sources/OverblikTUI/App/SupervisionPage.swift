import OverblikCore
import OverblikStore

/// Ledelse › Tilsyn (tui.md 7; management.md §3): the period's sample per caseworker, fixed when
/// the view is first opened; `⏎` opens a case's checklist, where `j`/`n`/`i` answer the chosen
/// item ja/nej/ikke relevant and `a` adds a note.
extension AppModel {
    var supervisionPeriod: SupervisionPeriod { SupervisionPeriod(data.query.metadata.supervision.period, containing: data.today) }

    /// The query with the store and the viewer (nil when the store cannot be opened: the message says why).
    private func supervisionQuery() -> Query? {
        var q = data.query
        do {
            q.supervisionStore = try source?.supervisionStore()
        } catch {
            message = context.t("tilsynets database kan ikke åbnes: \(error)", "the supervision database cannot be opened: \(error)")
            return nil
        }
        return q
    }

    /// The sample of the period as this viewer sees it, fixing it (or topping it up) first.
    private func openSupervision() -> Query.Supervision? {
        guard let q = supervisionQuery(), let store = q.supervisionStore else { return nil }
        let period = supervisionPeriod
        return reporting { () throws(SnapshotError) -> Query.Supervision in
            let all = try q.supervision(period: period, team: nil, unrestricted: true)
            if all.fixed == nil, period.range.start <= data.today {
                try store.fix(period: period.description, rows: all.rows, who: data.loginName, at: AppModel.timestamp())
                message = context.t("stikprøven for \(period) er fastlagt nu (\(all.rows.count) sager)",
                                    "the sample of \(period) is fixed now (\(all.rows.count) cases)")
            } else if !all.toAdd.isEmpty {
                try store.add(period: period.description, rows: all.toAdd)
            }
            return try q.supervision(period: period, team: nil)
        }
    }

    func supervisionPage() -> Page {
        let items = data.query.metadata.supervision.items
        let empty = Views.supervision(Query.Supervision(period: supervisionPeriod, rows: [], fixed: nil, toAdd: [], answers: [:]), items: items)
        guard data.query.supervisionTeams != nil else {
            return Page(kind: .supervision, caption: c.t("Tilsyn · for teamledere og konsulenter", "Supervision · for team leads and consultants"),
                        table: empty, context: c)
        }
        guard let s = openSupervision() else { return Page(kind: .supervision, caption: c.t("Tilsyn", "Supervision"), table: empty, context: c) }
        var table = Views.supervision(s, items: items)
        for key in ["period", "cpr", "fixed"] {
            if let i = table.column(key) { table.columns.remove(at: i); for r in table.rows.indices { table.rows[r].remove(at: i) } }
        }
        let reviewed = s.rows.filter { r in
            (1...max(1, items.count)).allSatisfy { s.answers[SupervisionAnswerEntry.key(period: s.period.description, caseId: r.grant.caseId, item: $0)] != nil }
        }.count
        let fixedBy = s.fixed.map { c.t(" · fastlagt af \($0.by) \(localTime($0.at))", " · fixed by \($0.by) \(localTime($0.at))") } ?? ""
        return Page(kind: .supervision,
                    caption: c.t("Tilsyn \(s.period) · \(reviewed)/\(s.rows.count) gennemgået", "Supervision \(s.period) · \(reviewed)/\(s.rows.count) reviewed") + fixedBy,
                    table: table, context: c)
    }

    /// Tilsynssvar: the period's results per caseworker and item (`overblik report tilsyn --summary`),
    /// with a bar of the share `ja`; it does not fix the sample (reading only).
    func supervisionResultsPage() -> Page {
        let items = data.query.metadata.supervision.items
        let period = supervisionPeriod
        guard data.query.supervisionTeams != nil, var q = supervisionQueryReading() else {
            return Page(kind: .supervisionResults, caption: c.t("Tilsynssvar · for teamledere og konsulenter", "Reviews · for team leads and consultants"),
                        table: Views.supervisionResults([], items: items), context: c)
        }
        q.viewer = data.user
        let s = reporting { try q.supervision(period: period, team: nil) }
        let results = supervisionResults(s?.rows ?? [], answers: s?.answers ?? [:], period: period.description, items: items.count)
        var table = Views.supervisionResults(results, items: items)
        AppModel.insertColumn(&table, .init("bar", da: "Andel ja", en: "Share yes", maxWidth: 10, priority: 8), after: "shareYes",
                              results.map { r in r.shareYes.map { .bar(AppModel.percentBar($0, mark: nil, goodAtOrAbove: true)) } ?? .text("") })
        let answered = results.reduce(0) { $0 + $1.yes + $1.no + $1.notRelevant }
        return Page(kind: .supervisionResults,
                    caption: c.t("Tilsynssvar \(period) · \(answered) svar · pr. sagsbehandler og punkt", "Reviews \(period) · \(answered) answers · per caseworker and item"),
                    table: table, context: c)
    }

    /// The query with the store (opened, and created when missing; nothing is fixed).
    private func supervisionQueryReading() -> Query? {
        var q = data.query
        q.supervisionStore = try? source?.supervisionStore()
        return q
    }

    /// A sampled case's checklist: each item with its answer, note and who answered; the case's
    /// registered follow-up beside item 9 and its decision against the service goal beside item 6,
    /// as hints, never as the answer.
    func checklistPage(caseId: String) -> Page {
        let period = supervisionPeriod.description
        let items = data.query.metadata.supervision.items
        var table = ViewTable(view: "tilsyn-tjekliste", columns: [
            .init("item", da: "Nr.", en: "No.", right: true, priority: 10),
            .init("text", da: "Punkt", en: "Item", maxWidth: 28, priority: 10),
            .init("answer", da: "Svar", en: "Answer", maxWidth: 13, priority: 10),
            .init("note", da: "Note", en: "Note", maxWidth: 30, priority: 7),
            .init("by", da: "Af", en: "By", maxWidth: 10, priority: 5),
            .init("hint", da: "Fra data", en: "From the data", maxWidth: 30, priority: 6),
        ])
        let answers = (try? source?.supervisionStore().answers(period: period)) ?? [:]
        let grant = reporting { try data.query.snapshot.grants() }?.first { $0.caseId == caseId }
        let decision = reporting { try data.query.decisions().rows }?.filter { $0.caseId == caseId && $0.decided != nil }.max { $0.received < $1.received }
        for (i, text) in items.enumerated() {
            let a = answers[SupervisionAnswerEntry.key(period: period, caseId: caseId, item: i + 1)]
            var hint = ""
            if i == 8, let g = grant {
                hint = g.followUp(today: data.today, dueSoonDays: data.dueSoonDays).map {
                    c.t("opfølgning: ", "follow-up: ") + $0.status.label.text(c.language) + (g.nextFollowUp.map { " (\($0.danish))" } ?? "")
                } ?? c.t("ophørt", "ended")
            }
            if i == 5, let d = decision, let decided = d.decided {
                let deadline = data.query.metadata.serviceGoals.deadline(d)
                hint = c.t("modtaget \(d.received.danish), afgjort \(decided.danish)", "received \(d.received.danish), decided \(decided.danish)")
                    + (deadline.map { c.t(", frist \($0.danish)", ", deadline \($0.danish)") } ?? "")
            }
            table.rows.append([.plain(i + 1), .text(text), .text(a?.answer.rawValue ?? ""), .text(a?.note ?? ""), .text(a?.who ?? ""), .text(hint)])
        }
        let who = grant.map { " · \($0.caseworker) · \($0.paragraph.display)" } ?? ""
        return Page(kind: .supervisionCase(caseId),
                    caption: caseId + who + c.t(" · j ja · n nej · i i.r. · a note", " · j yes · n no · i n/a · a note"),
                    table: table, context: c)
    }

    /// `j`/`n`/`i`/`a` on a checklist; true when the key was one of them.
    func handleChecklist(_ key: Action.Key) -> Bool {
        guard case .supervisionCase(let caseId) = page.kind, case .character(let ch) = key, let row = page.selectedRow else { return false }
        let item = row + 1
        switch ch {
        case "j": answerSupervision(caseId: caseId, item: item, .yes)
        case "n": answerSupervision(caseId: caseId, item: item, .no)
        case "i": answerSupervision(caseId: caseId, item: item, .notRelevant)
        case "a":
            let current = page.table.text(page.table.rows[row][3], context)
            overlay = .editor(LineEditor(prompt: context.t("Note:", "Note:"), text: current), .supervisionNote(caseId: caseId, item: item))
        default: return false
        }
        return true
    }

    private func answerSupervision(caseId: String, item: Int, _ answer: SupervisionAnswer, note: String? = nil) {
        let period = supervisionPeriod.description
        do {
            let store = try source?.supervisionStore()
            let old = try store?.answers(period: period)[SupervisionAnswerEntry.key(period: period, caseId: caseId, item: item)]
            try store?.answer(SupervisionAnswerEntry(period: period, caseId: caseId, item: item, answer: answer, note: note ?? old?.note ?? "",
                                                     who: data.loginName, at: AppModel.timestamp()))
        } catch {
            message = context.t("svaret blev ikke gemt: \(error)", "the answer was not saved: \(error)")
            return
        }
        refreshChecklist(caseId: caseId, select: note == nil ? item : item - 1)
    }

    func noteSupervision(caseId: String, item: Int, note: String) {
        let period = supervisionPeriod.description
        guard let old = try? source?.supervisionStore().answers(period: period)[SupervisionAnswerEntry.key(period: period, caseId: caseId, item: item)] else {
            message = context.t("svar først med j, n eller i", "answer with j, n or i first")
            return
        }
        answerSupervision(caseId: caseId, item: item, old.answer, note: note)
    }

    /// The checklist made again with the answers given, the selection on row `select` (the next item after an answer).
    private func refreshChecklist(caseId: String, select: Int) {
        var fresh = checklistPage(caseId: caseId)
        fresh.layOut(width: pageWidth(tab: current, screen: laidOutFor), context)
        let row = min(select, max(0, fresh.order.count - 1))
        fresh.state.selected = row
        stacks[current][stacks[current].count - 1] = fresh
        // The list below shows the case's progress too.
        if stacks[current].count >= 2 {
            var list = supervisionPage()
            list.layOut(width: pageWidth(tab: current, screen: laidOutFor), context)
            list.state = stacks[current][stacks[current].count - 2].state
            stacks[current][stacks[current].count - 2] = list
        }
    }
}
