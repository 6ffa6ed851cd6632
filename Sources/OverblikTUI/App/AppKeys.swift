import OverblikCore
import OverblikStore

/// Key handling: a key in, the model changed (the page, the overlay, the message line). Every
/// key goes through the action table (`Action`); what a view offers comes from `ViewCatalogue`.
extension AppModel {
    // MARK: Keys

    public func handle(_ key: Action.Key) {
        message = nil
        _ = noticeFixing()  // (a fixing written in the background that did not stand is said, and Tilsyn read again)
        switch overlay {
        case .measureHelp:
            if let a = Action.forKey(key) {
                if a == .help { overlay = .help } else if a == .back || a == .quit { overlay = .closed }
            }
            return
        case .help:
            if let a = Action.forKey(key), a == .help || a == .back || a == .quit { overlay = .closed }
            return
        case .editor(var editor, let purpose):
            let outcome = editor.handle(key)
            overlay = outcome == .editing ? .editor(editor, purpose) : .closed
            edited(editor.text, purpose, outcome)
            return
        case .picker(var picker, let purpose):
            switch key {
            case .enter:
                overlay = .closed
                picked(picker.state.selected, purpose)
            case .escape, .character("q"): overlay = .closed
            default:
                let h = max(1, min(24, picker.items.count))
                switch Action.forKey(key) {
                case .up?: picker.state.move(by: -1, count: picker.items.count, height: h)
                case .down?: picker.state.move(by: 1, count: picker.items.count, height: h)
                case .pageUp?, .top?: picker.state.move(by: -picker.items.count, count: picker.items.count, height: h)
                case .pageDown?, .bottom?: picker.state.move(by: picker.items.count, count: picker.items.count, height: h)
                default: break
                }
                overlay = .picker(picker, purpose)
            }
            return
        case .closed: break
        }
        // Keys start from the list as it was shown (the selection in view, as the screen drew it).
        let (height, count) = (layout.listHeight, page.order.count)
        modifyPage { $0.state.keepVisible(height: height, count: count) }
        switch key {
        case .click(let row, let column): click(row: row, column: column); return
        case .wheelUp: move(by: -3); return
        case .wheelDown: move(by: 3); return
        default: break
        }
        if handleLedelse(key) { return }
        if handleChecklist(key) { return }
        guard let action = Action.forKey(key) else { return }
        if moveComparisonQuarter(key) { return }
        // On Udvikling, ← and → move along the months (Tab still changes tabs).
        if case .development = page.kind, [.left, .right, .character("h"), .character("l")].contains(key) {
            move(by: key == .left || key == .character("h") ? -1 : 1)
            return
        }
        if action == .showTab, let tab = ViewCatalogue.tab(forKey: key) {
            current = tab
            return
        }
        perform(action)
    }

    func perform(_ action: Action) {
        let count = page.order.count
        switch action {
        case .up: move(by: -1)
        case .down: move(by: 1)
        case .pageUp: move(by: -max(1, layout.listHeight - 1))
        case .pageDown: move(by: max(1, layout.listHeight - 1))
        case .top: move(by: -count)
        case .bottom: move(by: count)
        case .nextTab: current = (current + 1) % stacks.count
        case .previousTab: current = (current + stacks.count - 1) % stacks.count
        case .showTab: break  // handled with its key, which names the tab
        case .details: details()
        case .back:
            if stacks[current].count > 1 { stacks[current].removeLast() }
        case .search:
            overlay = .editor(LineEditor(prompt: context.t("Søg:", "Search:"), text: ""), .search(origin: page.state.selected))
        case .searchNext, .searchPrevious:
            guard let term = page.search else { message = context.t("søg først med /", "search first with /"); return }
            let direction = action == .searchNext ? 1 : -1
            if let p = page.find(term, from: page.state.selected + direction, direction: direction, context) {
                select(p)
            } else {
                message = context.t("ingen fund for »\(term)«", "no match for “\(term)”")
            }
        case .filter:
            if case .development(let choice) = page.kind { openDevelopmentValues(choice) } else { openFilterPicker() }
        case .sort: modifyPage { $0.cycleSort(context) }; sortMessage()
        case .sortReverse: modifyPage { $0.reverseSort(context) }; sortMessage()
        case .annotate: openAnnotation()
        case .export: startExport()
        case .reload: reload()
        case .toggleCPR:
            // A revealed CPR is as wide as a masked one: no new layout is needed.
            context.revealCPR.toggle()
            message = context.revealCPR ? context.t("CPR-numre vises i denne session", "CPR numbers shown for this session")
                                        : context.t("CPR-numre skjult", "CPR numbers hidden")
        case .help:
            if case .development = page.kind { overlay = .measureHelp } else { overlay = .help }
        case .measure:
            if case .comparison(let choice) = page.kind { openComparisonTypes(choice); return }
            guard case .development(let choice) = page.kind else { message = context.t("m vælger mål i Ledelse › Udvikling", "m picks the measure in Management › Development"); return }
            overlay = .picker(Picker(title: context.t("Mål", "Measure"), items: DevelopmentMeasure.allCases.map { $0.label.text(context.language) },
                                     selected: DevelopmentMeasure.allCases.firstIndex(of: choice.measure) ?? 0), .measure)
        case .dimension:
            guard case .development(let choice) = page.kind else { message = context.t("d vælger opdeling i Ledelse › Udvikling", "d picks the split in Management › Development"); return }
            let options = DevelopmentChoice.dimensions
            overlay = .picker(Picker(title: context.t("Opdeling", "Split by"),
                                     items: options.map { $0?.label.text(context.language) ?? context.t("I alt", "Total") },
                                     selected: options.firstIndex(of: choice.dimension) ?? 0), .dimension)
        case .quit: wantsQuit = true
        }
    }

    private func move(by delta: Int) {
        let count = page.order.count, height = layout.listHeight
        modifyPage { $0.state.move(by: delta, count: count, height: height) }
    }

    private func select(_ position: Int) {
        let count = page.order.count, height = layout.listHeight
        modifyPage { $0.state.selected = position; $0.state.keepVisible(height: height, count: count) }
    }

    private func click(row: Int, column: Int) {
        let l = layout
        if clickLedelse(row: row, column: column) { return }
        if row == ScreenLayout.tabRow {
            if let tab = l.tabStarts.lastIndex(where: { $0 <= column }) { current = tab }
        } else if row > l.listTop, row <= l.listTop + l.listHeight {
            let p = page.state.top + row - l.listTop - 1
            if p < page.order.count { select(p) }
        }
    }

    private func sortMessage() {
        guard let sort = page.sort else { message = context.t("oprindelig rækkefølge", "original order"); return }
        let title = page.table.columns[sort.column].title.text(context.language)
        message = context.t("sorteret efter \(title) \(sort.descending ? "faldende" : "stigende")",
                            "sorted by \(title) \(sort.descending ? "descending" : "ascending")")
    }

    // MARK: Search, filter, annotate

    private func edited(_ text: String, _ purpose: EditorPurpose, _ outcome: LineEditor.Outcome) {
        switch purpose {
        case .search(let origin):
            switch outcome {
            case .cancelled: select(origin)
            case .editing, .done:
                guard !text.isEmpty else { select(origin); return }
                if let p = page.find(text, from: origin, direction: 1, context) {
                    select(p)
                } else {
                    message = context.t("ingen fund for »\(text)«", "no match for “\(text)”")
                }
                if outcome == .done { modifyPage { $0.search = text } }
            }
        case .note(let key, let status):
            guard outcome == .done else { return }
            annotate(key: key, status: status, note: text)
        case .supervisionNote(let caseId, let item):
            guard outcome == .done else { return }
            noteSupervision(caseId: caseId, item: item, note: text)
        }
    }

    /// The columns a list can be filtered by.
    static let filterKeys = ["source", "kind", "paragraph", "caseworker", "team", "followUpStatus", "status", "explained",
                             "annotation", "function", "month", "column"]

    /// `f` on Udvikling: the total or one value of the dimension.
    private func openDevelopmentValues(_ choice: DevelopmentChoice) {
        guard let dimension = choice.dimension else {
            message = context.t("vælg først en opdeling med d", "choose a split with d first")
            return
        }
        let values: [String?] = [nil] + developmentValues(dimension).map(Optional.some)
        let items = values.map { v in v.map { dimension == .paragraph ? Paragraph(parsing: $0)?.display ?? $0 : $0 } ?? context.t("I alt", "Total") }
        overlay = .picker(Picker(title: dimension.label.text(context.language), items: items, selected: values.firstIndex(of: choice.value) ?? 0),
                          .developmentValue(values))
    }

    private func openFilterPicker() {
        let columns = AppModel.filterKeys.compactMap { key in page.table.columns.firstIndex { $0.key == key } }
        guard !columns.isEmpty else { message = context.t("denne liste har intet at filtrere på", "this list has nothing to filter by"); return }
        var options: [Int?] = page.filters.isEmpty ? [] : [nil]
        options += columns.map(Optional.some)
        let items = options.map { column -> String in
            guard let column else { return context.t("Fjern alle filtre", "Clear all filters") }
            let title = page.table.columns[column].title.text(context.language)
            let active = page.filters.first { $0.column == column }.map { " = \($0.value)" } ?? ""
            return title + active
        }
        overlay = .picker(Picker(title: context.t("Filtrér efter", "Filter by"), items: items), .filterColumn(options))
    }

    private func picked(_ index: Int, _ purpose: PickerPurpose) {
        switch purpose {
        case .filterColumn(let options):
            guard let column = options[index] else {
                modifyPage { $0.clearFilters(context) }
                message = context.t("alle filtre fjernet", "all filters cleared")
                return
            }
            let values = page.values(of: column, context)
            let choices: [String?] = [nil] + values.map { Optional.some($0.value) }
            let items = [context.t("(alle)", "(all)")] + values.map { "\($0.value.isEmpty ? context.t("(tom)", "(empty)") : $0.value)  (\(DanishNumber.grouped($0.count)))" }
            let now = page.filters.first { $0.column == column }.flatMap { f in choices.firstIndex { $0 == f.value } } ?? 0
            overlay = .picker(Picker(title: page.table.columns[column].title.text(context.language), items: items, selected: now),
                              .filterValue(column: column, values: choices))
        case .filterValue(let column, let values):
            modifyPage { $0.setFilter(column: column, value: values[index], context) }
        case .measure:
            guard case .development(var choice) = page.kind else { return }
            choice.measure = DevelopmentMeasure.allCases[index]
            replaceDevelopment(choice)
        case .dimension:
            guard case .development(var choice) = page.kind else { return }
            let options = DevelopmentChoice.dimensions
            choice.dimension = options[index]
            choice.value = nil
            replaceDevelopment(choice)
            if choice.dimension != nil { openDevelopmentValues(choice) }
        case .developmentValue(let values):
            guard case .development(var choice) = page.kind else { return }
            choice.value = values[index]
            replaceDevelopment(choice)
        case .serviceType(let codes):
            guard case .comparison(let choice) = page.kind else { return }
            replaceComparison(ComparisonChoice(serviceType: codes[index], quarter: choice.quarter))
        case .status(let key):
            let status = AnnotationStatus.allCases[index]
            overlay = .editor(LineEditor(prompt: context.t("Note:", "Note:"), text: annotations[key]?.note ?? ""), .note(key: key, status: status))
        }
    }

    /// The discrepancy key of the selected line, where the page has one.
    var selectedKey: String? {
        if page.kind == .sideBySide { return page.subject }
        if case .masked(let key)? = page.selected("key"), !key.isEmpty { return key }
        return nil
    }

    private func openAnnotation() {
        guard let offer = ViewCatalogue.view(page.kind).offers.first(where: { $0.action == .annotate }), let key = selectedKey else {
            message = context.t("vælg en afvigelse i Afstemning", "choose a discrepancy in Reconciliation")
            return
        }
        if let reason = offer.disabledBecause(self) {
            message = reason.text(context.language)
            return
        }
        guard source != nil else { message = context.t("ingen annoteringsdatabase", "no annotation database"); return }
        let now = annotations[key].flatMap { a in AnnotationStatus.allCases.firstIndex(of: a.status) } ?? 0
        overlay = .picker(Picker(title: context.t("Status", "Status"), items: AnnotationStatus.allCases.map { $0.label.text(context.language) },
                                 selected: now), .status(key: key))
    }

    private func annotate(key: String, status: AnnotationStatus, note: String) {
        guard let source else { return }
        let entry = Annotation(key: key, status: status, note: note, who: data.loginName, at: AppModel.timestamp())
        do {
            try source.annotate(entry)
            annotations = try source.annotations()
        } catch {
            message = describe(error)
            return
        }
        refreshAnnotated()
        message = context.t("status »\(status.label.da)« gemt", "status “\(status.label.en)” saved")
    }

    /// Rebuilds the pages that show annotations, keeping their selection, filters and sort.
    private func refreshAnnotated() {
        for t in stacks.indices {
            for p in stacks[t].indices {
                let old = stacks[t][p]
                var fresh: Page
                switch old.kind {
                case .discrepancies: fresh = discrepancyPage()
                case .sideBySide: guard let rebuilt = sideBySidePage(key: old.subject ?? "") else { continue }; fresh = rebuilt
                default: continue
                }
                fresh.keep(from: old, context)
                stacks[t][p] = fresh
            }
        }
        laidOutFor = -1
    }

    /// Now, as ISO 8601 in UTC.
    nonisolated(unsafe) static var timestamp: () -> String = { WallClock.isoNow() }

    // MARK: Drill-down, reload

    /// `⏎`: what the page's view opens from the selected row (`ViewCatalogue`).
    private func details() {
        guard page.selectedRow != nil else { return }
        guard var next = ViewCatalogue.view(page.kind).opens?(self) else {
            if message == nil { message = context.t("ingen detaljer bag denne række", "no details behind this row") }
            return
        }
        next.layOut(width: pageWidth(tab: current, screen: laidOutFor), context)
        stacks[current].append(next)
    }
}
