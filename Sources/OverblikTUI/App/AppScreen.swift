import OverblikCore

/// Drawing the application: header, tab bar, the page (its caption and filters, the fixed table
/// above, the list), the footer generated from the key table, and the overlays.
extension AppModel {
    /// Shows the application on `s`: fitted to the surface's size first (the one input a frame
    /// has), then drawn; drawing writes nothing back.
    public func render(on s: Surface) {
        fit(rows: s.rows, columns: s.columns)
        draw(on: s)
    }

    /// Takes the screen's size: the pages are laid out for its width (again only when it changed),
    /// and paging, the mouse and the renderer all derive the same `layout` from it.
    public func fit(rows: Int, columns: Int) {
        screenSize = (rows, columns)
        let minimum = ScreenLayout.minimumSize
        if rows >= minimum.rows, columns >= minimum.columns, laidOutFor != columns { layOutAll(width: columns) }
    }

    /// Draws the whole screen from the model as it is (after `fit`).
    func draw(on s: Surface) {
        s.clear()
        let minimum = ScreenLayout.minimumSize
        guard s.rows >= minimum.rows, s.columns >= minimum.columns else {
            s.put(c.t("vinduet er for lille", "the window is too small"), row: 0, column: 0, style: .warning)
            s.put("\(s.columns)×\(s.rows) < \(minimum.columns)×\(minimum.rows)", row: 1, column: 0, style: .muted)
            s.placeCursor(row: 0, column: 0)
            return
        }
        let l = layout
        drawHeader(s)
        drawTabs(s, l)
        s.put(String(repeating: "─", count: s.columns), row: ScreenLayout.topRuleRow, column: 0, style: .rule)
        s.put(String(repeating: "─", count: s.columns), row: l.bottomRuleRow, column: 0, style: .rule)
        drawFooter(s)
        if case .help = overlay {
            drawHelp(s, l)
            return
        }
        if case .measureHelp = overlay, case .development(let choice) = page.kind {
            drawMeasureHelp(s, choice.measure)
            return
        }
        if onLedelse {
            drawSubviewList(s, l)
            drawPage(OffsetSurface(s, left: ScreenLayout.subviewListWidth), l)
        } else {
            drawPage(s, l)
        }
        switch overlay {
        case .picker(let picker, _): picker.draw(on: s)
        case .editor(let editor, _): editor.draw(on: s, row: l.footerRow)
        default: break
        }
    }

    private func drawPage(_ s: Surface, _ l: ScreenLayout) {
        let p = page
        let count = p.order.count
        var position = count == 0 ? "0/0" : "\(DanishNumber.grouped(p.state.selected + 1))/\(DanishNumber.grouped(count))"
        if !p.filters.isEmpty { position += c.t(" af ", " of ") + DanishNumber.grouped(p.rowCount) }
        let crumbs = stacks[current].count > 1 ? String(repeating: "›", count: stacks[current].count - 1) + " " : ""
        let captionWidth = s.columns - DisplayWidth.of(position) - 3
        var caption = " " + crumbs + SafeText.clean(p.caption)
        if p.chart != nil { caption += " · " + developmentDetail(p) }
        if !p.filters.isEmpty {
            let filters = p.filters.map { "\(p.table.columns[$0.column].title.text(c.language)) = \($0.value)" }.joined(separator: ", ")
            let bar = "  ⧩ " + SafeText.clean(filters)
            // The filters are always shown; the caption gives way.
            caption = DisplayWidth.truncate(caption, to: max(10, captionWidth - DisplayWidth.of(bar)))
            s.put(caption, row: ScreenLayout.captionRow, column: 0, style: .title)
            s.put(DisplayWidth.truncate(bar, to: captionWidth - DisplayWidth.of(caption)), row: ScreenLayout.captionRow,
                  column: DisplayWidth.of(caption), style: .highlight)
        } else {
            s.put(DisplayWidth.truncate(caption, to: captionWidth), row: ScreenLayout.captionRow, column: 0, style: .title)
        }
        s.put(position + " ", row: ScreenLayout.captionRow, column: s.columns - DisplayWidth.of(position) - 1, style: .muted)
        if var chart = p.chart, let place = l.above {
            chart.cursor = p.selectedRow ?? chart.cursor
            chart.draw(on: s, top: place.top, left: 1, height: place.height, width: s.columns - 2)
        }
        if let above = p.above, let aboveLayout = p.aboveLayout, let place = l.above {
            TableWidget.draw(above, rows: Array(above.rows.indices), layout: aboveLayout, state: nil, context: c, on: s,
                             top: place.top, height: place.height)
        }
        let shown = p.state.shown(height: l.listHeight, count: count)
        p.prefetch(shown.top..<shown.top + l.listHeight)
        let cursor = TableWidget.draw(p.table, rows: p.order, layout: p.layout, state: shown,
                                      sort: p.sort, context: c,
                                      on: s, top: l.listTop, height: l.listHeight + 1, cells: { p.cells($0) })
        s.placeCursor(row: cursor, column: 0)
    }

    func drawHeader(_ s: Surface) {
        let age = header.ageHours.map { $0 < 48 ? " (\($0) t)" : " (\($0 / 24) d)" } ?? ""
        var right = "\(header.user) · \(header.role.text(c.language))"
        if c.revealCPR { right = c.t("CPR VIST", "CPR SHOWN") + " · " + right }
        let newer = newerSnapshot ? c.t("  ● nyere data: tryk r", "  ● newer data: press r") : ""
        // The user, the role and the CPR mark always show; the left side gives way first.
        let municipality = SafeText.clean(header.municipality)
        let candidates = [" Overblik · \(municipality) · \(c.t("data fra", "data from")) \(header.createdAt)",
                          " \(municipality) · \(c.t("data fra", "data from")) \(header.createdAt)",
                          " \(municipality) · \(header.createdAt)"]
        let room = s.columns - DisplayWidth.of(right) - 2 - DisplayWidth.of(age) - DisplayWidth.of(newer)
        let left = candidates.first { DisplayWidth.of($0) <= room } ?? DisplayWidth.truncate(candidates[2], to: max(1, room))
        s.fill(left, row: 0, style: .title)
        let old = (header.ageHours ?? 0) > 24
        s.put(age, row: 0, column: DisplayWidth.of(left), style: old ? .warning : .title)
        s.put(newer, row: 0, column: DisplayWidth.of(left) + DisplayWidth.of(age), style: .warning)
        s.put(right + " ", row: 0, column: s.columns - DisplayWidth.of(right) - 1, style: c.revealCPR ? .warning : .title)
    }

    func drawTabs(_ s: Surface, _ l: ScreenLayout) {
        for (i, label) in tabLabels.enumerated() {
            s.put(label, row: ScreenLayout.tabRow, column: l.tabStarts[i], style: i == current ? .tabActive : .tabInactive)
        }
    }

    /// The keys that do something on this page, most important first where space is short.
    var footerHints: [(key: String, text: Message, keep: Int)] {
        var hints: [(String, Message, Int)] = [("↑↓", Message(da: "flyt", en: "move"), 9)]
        let view = ViewCatalogue.view(page.kind)
        func hint(_ a: Action, _ keep: Int) { hints.append((Action.label(a.keys[0]), a.description, keep)) }
        if view.opens != nil && view.canOpen(page) { hint(.details, 8) }
        if stacks[current].count > 1 { hint(.back, 8) }
        if onLedelse { hints.append(("Tab", ledelseListFocused ? Message(da: "visning", en: "view") : Message(da: "liste", en: "list"), 6)) }
        hint(.search, 5)
        hint(.filter, 4)
        hint(.sort, 3)
        hint(.export, 2)
        for offer in view.offers where offer.inFooter && offer.disabledBecause(self) == nil {
            hints.append((Action.label(offer.action.keys[0]), offer.label, 7))
        }
        if newerSnapshot { hint(.reload, 7) }
        hint(.help, 10)
        hint(.quit, 10)
        return hints.map { (key: $0.0, text: $0.1, keep: $0.2) }
    }

    /// The footer: the keys that work here, from the action table; the least important leave first.
    func drawFooter(_ s: Surface) {
        if let message {
            s.fill(" " + SafeText.clean(message), row: s.rows - 1, style: .warning)  // the footer row
            return
        }
        var hints = footerHints
        func width() -> Int { hints.reduce(-1) { $0 + DisplayWidth.of($1.key) + 1 + DisplayWidth.of($1.text.text(c.language)) + 2 } }
        while width() > s.columns, let drop = hints.indices.min(by: { hints[$0].keep < hints[$1].keep }) { hints.remove(at: drop) }
        var x = 1
        for h in hints {
            s.put(h.key, row: s.rows - 1, column: x, style: .footerKey)
            x += DisplayWidth.of(h.key) + 1
            let t = h.text.text(c.language)
            s.put(t, row: s.rows - 1, column: x, style: .footerText)
            x += DisplayWidth.of(t) + 2
        }
    }

    /// The help overlay: every action with its keys, from the action table.
    func drawHelp(_ s: Surface, _ l: ScreenLayout) {
        s.put(" " + c.t("Taster (? eller Esc lukker)", "Keys (? or Esc closes)"), row: ScreenLayout.captionRow, column: 0, style: .title)
        // One column while the actions fit, two when they do not.
        let height = l.helpHeight
        for (i, entry) in helpEntries.enumerated() {
            let (y, x) = (ScreenLayout.helpTop + i % height, i / height == 0 ? 2 : s.columns / 2 + 1)
            guard i / height < 2 else { break }
            s.put(DisplayWidth.fit(entry.keys, to: 14), row: y, column: x, style: .footerKey)
            s.put(DisplayWidth.truncate(entry.text.text(c.language), to: s.columns / 2 - 18), row: y, column: x + 15, style: .normal)
        }
        // Where this view's figures are explained, below the keys.
        let figures = ViewCatalogue.view(page.kind).figures
        if !figures.isEmpty {
            let line = " " + c.t("Sådan regnes tallene her: docs/tal.md › ", "How the figures here are computed: docs/tal.md › ")
                + figures.joined(separator: " · ")
            s.put(DisplayWidth.truncate(line, to: s.columns - 1), row: l.bottomRuleRow - 1, column: 0, style: .muted)
        }
    }

    /// Udvikling's `?`: the measure's help text, wrapped, and how the chart is read.
    func drawMeasureHelp(_ s: Surface, _ m: DevelopmentMeasure) {
        s.put(" " + m.label.text(c.language) + c.t(" (? igen: alle taster · Esc lukker)", " (? again: every key · Esc closes)"),
              row: ScreenLayout.captionRow, column: 0, style: .title)
        let legend = c.t("Diagrammet: █ måneden, ░ samme måned året før; ▲ den valgte måned (↑↓ eller ←→). m vælger mål, d opdeling, f værdi.",
                         "The chart: █ the month, ░ the same month a year earlier; ▲ the chosen month (↑↓ or ←→). m picks the measure, d the split, f the value.")
        var row = ScreenLayout.helpTop
        for paragraph in [m.help.text(c.language), legend] {
            for line in DisplayWidth.wrap(paragraph, to: s.columns - 4) where row < s.rows - 2 {
                s.put(line, row: row, column: 2, style: .normal)
                row += 1
            }
            row += 1
        }
    }

    /// The help's lines: every action with its keys, and a line per tab with its number key.
    var helpEntries: [(keys: String, text: Message)] {
        Action.allCases.flatMap { action -> [(keys: String, text: Message)] in
            guard action == .showTab else { return [(action.keys.map(Action.label).joined(separator: " "), action.description)] }
            return ViewCatalogue.tabs.enumerated().map { ("\($0.offset + 1)", $0.element.title) }
        }
    }
}
