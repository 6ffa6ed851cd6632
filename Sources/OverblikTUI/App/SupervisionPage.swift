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

    /// The sample of the period as this viewer sees it: opened (fixed, or topped up) the first
    /// time, then kept; only the answers are read again.
    private func openSupervision() -> Query.Supervision? {
        let period = supervisionPeriod
        guard let q = supervisionQuery() else { return nil }
        if let known = openedSample(period, q) {
            supervisionSample = known
            return known
        }
        // Read ahead since the first frame when it was; a first opening's fixing is written while
        // the sample is shown (each tens of milliseconds at national size).
        let prepared = takePrepared(period)
        let (who, at) = (data.loginName, AppModel.timestamp())
        let opened = reporting {
            if let prepared { return try q.openSupervision(prepared, who: who, at: at, fixInBackground: true) }
            return try q.openSupervision(period: period, who: who, at: at, fixInBackground: true)
        }
        fixing = q.supervisionStore
        if let n = opened?.fixedNow {
            message = context.t("stikprøven for \(period) er fastlagt nu (\(n) sager)", "the sample of \(period) is fixed now (\(n) cases)")
        }
        supervisionSample = opened?.0
        return opened?.0
    }

    /// The sample read ahead for `period` (waited for when it is still being read); nil when none
    /// was, or reading it failed (the opening then reads it and says what fails). The opening
    /// checks it against the store, so a later opening may take it again.
    private func takePrepared(_ period: SupervisionPeriod) -> Query.PreparedSupervision? {
        guard let prepared = ahead?.supervision?.value(), prepared.period == period else { return nil }
        return prepared
    }

    /// What a fixing written in the background found, once known; true when it changed what is
    /// shown: another lead's fixing stood (the sample is read again) or the write failed (said).
    func noticeFixing() -> Bool {
        guard let store = fixing else { return false }
        var changed = false
        for outcome in store.takeOutcomes() {
            changed = true
            switch outcome {
            case .fixedElsewhere(let period):
                supervisionSample = nil
                message = context.t("en anden fastlagde stikprøven for \(period) først; den vises nu",
                                    "someone else fixed the sample of \(period) first; it is shown now")
            case .failed(_, let error):
                supervisionSample?.fixed = nil  // (shown as not fixed; the next session's opening fixes it)
                message = context.t("stikprøven blev ikke fastlagt: \(error)", "the sample was not fixed: \(error)")
            }
            if ledelseView == .tilsyn && stacks[ViewCatalogue.ledelseTab].count == 1 { showLedelse(.tilsyn) }
        }
        return changed
    }

    /// Waits for a fixing and an export still being written (before the application ends), and
    /// says where the export went.
    public func finishWrites() {
        fixing?.waitForWrites()
        _ = noticeExport(waiting: true)
    }

    /// The sample Tilsyn opened for `period`, if it did, with its answers read again.
    private func openedSample(_ period: SupervisionPeriod, _ q: Query) -> Query.Supervision? {
        guard var known = supervisionSample, known.period == period else { return nil }
        known.answers = reporting { try q.supervisionStore?.answers(period: period.description) ?? [:] } ?? known.answers
        return known
    }

    func supervisionPage() -> Page {
        let items = data.query.metadata.supervision.items
        let empty = Views.supervision(Query.Supervision(period: supervisionPeriod, rows: [], fixed: nil, toAdd: [], answers: [:]), items: items)
        guard data.query.supervisionTeams != nil else {
            return Page(kind: .supervision, caption: c.t("Tilsyn · for teamledere og konsulenter", "Supervision · for team leads and consultants"),
                        table: empty, context: c)
        }
        guard let s = openSupervision() else { return Page(kind: .supervision, caption: c.t("Tilsyn", "Supervision"), table: empty, context: c) }
        let period = s.period.description
        let ofCase = answersByCase(s.answers, period: period)
        let reviewed = s.rows.count { isReviewed(ofCase[$0.grant.caseId], items: items.count) }  // (not filtered: a sampled grant is large to copy)
        let fixedBy = s.fixed.map { c.t(" · fastlagt af \($0.by) \(localTime($0.at))", " · fixed by \($0.by) \(localTime($0.at))") } ?? ""
        // The lines (24.000 at national size) made as they are shown, from the sample.
        let all = Views.supervisionColumns(), dropped = ["period", "cpr", "fixed"]
        let columns = all.removing(dropped)
        let shown = all.columns.indices.filter { !dropped.contains(all.columns[$0].key) }
        let (rows, fixed) = (s.rows, s.fixed != nil)
        let source = LazyRows(count: rows.count) { i in
            let row = Views.supervisionRow(rows[i], answers: ofCase[rows[i].grant.caseId], period: period, fixed: fixed, items: items)
            return shown.map { row[$0] }
        }
        return Page(kind: .supervision,
                    caption: c.t("Tilsyn \(s.period) · \(reviewed)/\(s.rows.count) gennemgået", "Supervision \(s.period) · \(reviewed)/\(s.rows.count) reviewed") + fixedBy,
                    columns: columns, source: source, context: c)
    }

    /// Tilsynssvar: the period's results per caseworker and item (`overblik report tilsyn --summary`),
    /// with a bar of the share `ja`; it does not fix the sample (reading only).
    func supervisionResultsPage() -> Page {
        let items = data.query.metadata.supervision.items
        let period = supervisionPeriod
        guard data.query.supervisionTeams != nil, let q = supervisionQuery() else {
            return Page(kind: .supervisionResults, caption: c.t("Tilsynssvar · for teamledere og konsulenter", "Reviews · for team leads and consultants"),
                        table: Views.supervisionResults([], items: items), context: c)
        }
        // The sample Tilsyn opened, when it did (its answers read again); else as it would be fixed now.
        let s = openedSample(period, q) ?? reporting { try q.supervision(period: period, team: nil) }
        let results = supervisionResults(s?.rows ?? [], answers: s?.answers ?? [:], period: period.description, items: items.count)
        var columns = Views.supervisionResults([], items: items)
        AppModel.insertColumn(&columns, .init("bar", da: "Andel ja", en: "Share yes", maxWidth: 10, priority: 8), after: "shareYes", [])
        let bar = columns.column("bar") ?? columns.columns.count
        let answered = results.reduce(0) { $0 + $1.yes + $1.no + $1.notRelevant }
        // A line per caseworker and item (36.000 at national size): made as they are shown, from the results.
        let rows = LazyRows(count: results.count) { i in
            var row = Views.supervisionResultRow(results[i], items: items)
            row.reserveCapacity(row.count + 1)  // (the bar: grown at once, not doubled)
            row.insert(results[i].shareYes.map { .bar(AppModel.percentBar($0, mark: nil, goodAtOrAbove: true)) } ?? .text(""),
                       at: min(bar, row.count))
            return row
        }
        return Page(kind: .supervisionResults,
                    caption: c.t("Tilsynssvar \(period) · \(answered) svar · pr. sagsbehandler og punkt", "Reviews \(period) · \(answered) answers · per caseworker and item"),
                    columns: columns, source: rows, context: c)
    }

    /// A sampled case's checklist: each item with its answer, note and who answered; the case's
    /// registered follow-up beside item 9 and its decision against the service goal beside item 6,
    /// as hints, never as the answer.
    /// `known`: the caption and hints of the checklist already shown (the data's do not change with an answer).
    func checklistPage(caseId: String, known: (caption: String, hints: [String])? = nil) -> Page {
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
        let (caption, hints) = known ?? checklistHints(caseId: caseId, items: items.count)
        for (i, text) in items.enumerated() {
            let a = answers[SupervisionAnswerEntry.key(period: period, caseId: caseId, item: i + 1)]
            table.rows.append([.plain(i + 1), .text(text), .text(a?.answer.rawValue ?? ""), .text(a?.note ?? ""), .text(a?.who ?? ""),
                               .text(hints.indices.contains(i) ? hints[i] : "")])
        }
        return Page(kind: .supervisionCase(caseId), caption: caption, table: table, context: c)
    }

    /// The checklist's caption and its hints from the data: the case's grant (among its caseworker's
    /// grants) and its newest decision.
    private func checklistHints(caseId: String, items: Int) -> (caption: String, hints: [String]) {
        let worker = supervisionSample?.rows.first { $0.grant.caseId == caseId }?.grant.caseworker
        // (A grant that has moved since the fixing is found among all.)
        let grant = reporting { try data.query.snapshot.grants(caseworker: worker) }?.first { $0.caseId == caseId }
            ?? (worker == nil ? nil : reporting { try data.query.snapshot.grants() }?.first { $0.caseId == caseId })
        let decision = reporting { try data.query.snapshot.decisions(caseId: caseId) }?.filter { $0.decided != nil }.max { $0.received < $1.received }
        var hints = [String](repeating: "", count: items)
        if items > 8, let g = grant {
            hints[8] = g.followUp(today: data.today, dueSoonDays: data.dueSoonDays).map {
                c.t("opfølgning: ", "follow-up: ") + $0.status.label.text(c.language) + (g.nextFollowUp.map { " (\($0.danish))" } ?? "")
            } ?? c.t("ophørt", "ended")
        }
        if items > 5, let d = decision, let decided = d.decided {
            let deadline = data.query.metadata.serviceGoals.deadline(d)
            hints[5] = c.t("modtaget \(d.received.danish), afgjort \(decided.danish)", "received \(d.received.danish), decided \(decided.danish)")
                + (deadline.map { c.t(", frist \($0.danish)", ", deadline \($0.danish)") } ?? "")
        }
        let who = grant.map { " · \($0.caseworker) · \($0.paragraph.display)" } ?? ""
        return (caseId + who + c.t(" · j ja · n nej · i i.r. · a note", " · j yes · n no · i n/a · a note"), hints)
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
        let hints = page.table.rows.map { page.table.text($0[5], context) }
        var fresh = checklistPage(caseId: caseId, known: (page.caption, hints))
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
