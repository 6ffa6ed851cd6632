import Foundation
import OverblikCore

/// What reading one table gave: its accepted records, its rejected rows and how many data
/// rows it had.
struct TableResult<T> {
    var rows: [T]
    var rejected: [RejectedRow]
    var count: Int
    var skipped = 0
}

private func endBeforeStart(_ column: ResolvedColumn, _ end: Day, _ start: Day) -> RowError {
    RowError(column, value: end.danish, reason: Message(
        da: "slutdato \(end.danish) ligger før startdato \(start.danish)",
        en: "end date \(end.danish) is before start date \(start.danish)"))
}

/// A record where it lies in the table's rows: the key functions below read its fields in place
/// (a record passed by value would be copied, each of its texts retained, per row).
typealias RowAt<T> = UnsafePointer<T>

/// Keeps the first record of every key; later ones become rejected rows.
func rejectDuplicates<T, K: Hashable>(
    _ result: inout TableResult<T>, source: SourceFile, column: ResolvedColumn,
    key: (RowAt<T>) -> K, shown: (RowAt<T>) -> String, line: (RowAt<T>) -> Int
) {
    var firstLine: [K: Int] = [:]
    firstLine.reserveCapacity(result.rows.count)
    rejectDuplicates(&result, source: source, column: column, shown: shown, line: line) { row in
        let k = key(row)
        if let first = firstLine[k] { return first }
        firstLine[k] = line(row)
        return nil
    }
}

/// The same for a text key (a case id, an application's id: hundreds of thousands at national
/// size), remembered by its bytes in the reader's own hash table instead of hashing Strings.
func rejectDuplicates<T>(
    _ result: inout TableResult<T>, source: SourceFile, column: ResolvedColumn,
    key: (RowAt<T>) -> String, shown: (RowAt<T>) -> String, line: (RowAt<T>) -> Int
) {
    var firstLine = ByteMemo<Int>(limit: .max)
    rejectDuplicates(&result, source: source, column: column, shown: shown, line: line) { row in
        var k = key(row)
        let own = line(row)
        let first = k.withUTF8 { firstLine.value(for: $0) { own } }
        return first == own ? nil : first
    }
}

/// Keeps the first record of every key, `firstLine` giving for a record the line of the first
/// one with its key (nil: it is the first); later ones become rejected rows.
private func rejectDuplicates<T>(
    _ result: inout TableResult<T>, source: SourceFile, column: ResolvedColumn,
    shown: (RowAt<T>) -> String, line: (RowAt<T>) -> Int, firstLine: (RowAt<T>) -> Int?
) {
    // The rows stay where they are; only when a duplicate is found is the list made again without them.
    // (Read in place: a row is large, and at national size there are hundreds of thousands.)
    var duplicates: [Int] = [], rejected: [RejectedRow] = []
    result.rows.withUnsafeBufferPointer { rows in
        guard let base = rows.baseAddress else { return }
        for i in rows.indices {
            let row = base + i
            guard let first = firstLine(row) else { continue }
            duplicates.append(i)
            rejected.append(RejectedRow(
                table: source.table, file: source.config.path, line: line(row), column: column.header, field: column.field,
                value: shown(row),
                reason: Message(da: "dublet: \"\(shown(row))\" findes allerede i linje \(first), som gælder",
                                en: "duplicate: \"\(shown(row))\" already appears on line \(first), which stands")))
        }
    }
    result.rejected += rejected
    if !duplicates.isEmpty {
        var kept: [T] = []
        kept.reserveCapacity(result.rows.count - duplicates.count)
        var next = 0
        for i in result.rows.indices {
            if next < duplicates.count && duplicates[next] == i { next += 1; continue }
            kept.append(result.rows[i])
        }
        result.rows = kept
    }
    result.rejected.sort { $0.line < $1.line }
}

extension SourceFile {
    /// Reads the file as its table into `dataset`; returns the rejected rows and the data rows read.
    func read(into dataset: inout Dataset, _ m: Municipality, comparison: ComparisonSettings = ComparisonSettings()) -> (rejected: [RejectedRow], count: Int, skipped: Int) {
        switch table {
        case .grants: let r = readGrants(m); dataset.grants = r.rows; return (r.rejected, r.count, r.skipped)
        case .staff: let r = readStaff(m); dataset.staff = r.rows; return (r.rejected, r.count, r.skipped)
        case .payments:
            let (r, symbols) = readPayments(m)
            dataset.payments = r.rows; dataset.symbols = symbols
            return (r.rejected, r.count, 0)
        case .budget: let r = readBudget(m); dataset.budget = r.rows; return (r.rejected, r.count, r.skipped)
        case .dst: let r = readDst(m); dataset.dst = r.rows; return (r.rejected, r.count, r.skipped)
        case .mapping: let r = readMapping(m); dataset.mapping = r.rows; return (r.rejected, r.count, r.skipped)
        case .decisions: let r = readDecisions(m); dataset.decisions = r.rows; return (r.rejected, r.count, r.skipped)
        case .appeals: let r = readAppeals(m); dataset.appeals = r.rows; return (r.rejected, r.count, r.skipped)
        case .providers: let r = readProviders(m); dataset.providers = r.rows; return (r.rejected, r.count, r.skipped)
        case .statbank: let r = readStatBank(comparison); dataset.statbank = r.rows; return (r.rejected, r.count, r.skipped)
        case .population: let r = readPopulation(comparison); dataset.population = r.rows; return (r.rejected, r.count, r.skipped)
        }
    }

    func readGrants(_ m: Municipality) -> TableResult<Grant> {
        let caseId = column("caseId"), cpr = column("cpr"), name = column("name"), paragraph = column("paragraph")
        let serviceCode = column("serviceCode"), serviceName = column("serviceName"), provider = column("provider")
        let start = column("start"), end = column("end"), rate = column("rate"), rateUnit = column("rateUnit")
        let hours = column("hoursPerWeek"), caseworker = column("caseworker"), team = column("team")
        let next = column("nextFollowUp"), last = column("lastFollowUp"), target = column("targetGroup")
        let acting = column("actingMunicipality"), paying = column("payingMunicipality")
        let (rows, rejected, count, _) = readRows(municipality: m) { (r, line) throws(RowError) -> Grant in
            let id = try r.required(caseId)
            let c = try r.cpr(cpr)
            let p = try r.paragraph(paragraph)
            let s = try r.requiredDay(start)
            let e = try r.day(end)
            if let e, e < s { throw endBeforeStart(end, e, s) }
            var unit = r.knownRateUnit(rateUnit)
            if unit == nil, case let unitText = r.text(rateUnit), !unitText.isEmpty {
                guard let u = RateUnit(parsing: unitText) else {
                    throw RowError(rateUnit, value: unitText, reason: Message(
                        da: "ukendt takstenhed (forventet dag, uge, måned, år eller time)",
                        en: "unknown rate unit (expected dag, uge, måned, år or time)"))
                }
                unit = u
            }
            let h = try r.hundredths(hours, what: Message(da: "timetal", en: "number of hours")).map(Hundredths.init)
            if let h, !(0...16_800).contains(h.value) {
                throw RowError(hours, value: r.text(hours), reason: Message(
                    da: "timer pr. uge skal være fra 0 til 168 (en uge har 168 timer)", en: "hours per week must be from 0 to 168 (a week has 168 hours)"))
            }
            return Grant(
                caseId: id, cpr: c, name: r.text(name), paragraph: p, serviceCode: r.interned(serviceCode),
                serviceName: r.interned(serviceName), provider: r.interned(provider), start: s, end: e,
                rate: try r.money(rate), rateUnit: unit, hoursPerWeek: h, caseworker: r.interned(caseworker),
                team: r.interned(team), nextFollowUp: try r.day(next), lastFollowUp: try r.day(last),
                targetGroup: r.interned(target), actingMunicipality: r.municipality(acting),
                payingMunicipality: r.municipality(paying), line: line)
        }
        var result = TableResult(rows: rows, rejected: rejected, count: count)
        rejectDuplicates(&result, source: self, column: caseId, key: { $0.pointee.caseId }, shown: { $0.pointee.caseId }, line: { $0.pointee.line })
        return result
    }

    func readStaff(_ m: Municipality) -> TableResult<StaffMember> {
        let initials = column("initials"), name = column("name"), team = column("team")
        let role = column("role"), username = column("username")
        let (rows, rejected, count, _) = readRows(municipality: m) { (r, line) throws(RowError) -> StaffMember in
            let i = try r.required(initials)
            let roleText = r.text(role)
            guard let parsedRole = StaffRole(parsing: roleText) else {
                throw RowError(role, value: roleText, reason: Message(
                    da: "ukendt rolle (forventet sagsbehandler, teamleder eller konsulent)",
                    en: "unknown role (expected sagsbehandler, teamleder or konsulent)"))
            }
            return StaffMember(initials: i, name: r.text(name), team: r.text(team), role: parsedRole,
                               username: r.text(username), line: line)
        }
        var result = TableResult(rows: rows, rejected: rejected, count: count)
        rejectDuplicates(&result, source: self, column: initials, key: { $0.pointee.initials.lowercased() }, shown: { $0.pointee.initials }, line: { $0.pointee.line })
        return result
    }

    func readPayments(_ m: Municipality, parts: Int = ProcessInfo.processInfo.activeProcessorCount) -> (TableResult<Payment>, Symbols) {
        let voucher = column("voucherId"), cpr = column("cpr"), function = column("function")
        let grouping = column("grouping"), provider = column("provider"), from = column("periodStart")
        let to = column("periodEnd"), amount = column("amount"), posting = column("postingDate")
        let paying = column("payingMunicipality"), acting = column("actingMunicipality")
        let symbols = SharedSymbols()
        var (rows, rejected, count, _) = readRows(municipality: m, symbols: symbols, parts: parts) { (r, line) throws(RowError) -> Payment in
            let v = try r.required(voucher)
            let c = try r.cpr(cpr)
            let f = r.symbol(function)
            if f.isEmpty { _ = try r.required(function) }
            let s = try r.requiredDay(from)
            let e = try r.requiredDay(to)
            if e < s { throw endBeforeStart(to, e, s) }
            return Payment(voucherId: v, cpr: c, function: f, grouping: r.symbol(grouping), provider: r.symbol(provider),
                           periodStart: s, periodEnd: e, amount: try r.requiredMoney(amount),
                           postingDate: try r.requiredDay(posting), payingMunicipality: r.municipalitySymbol(paying),
                           actingMunicipality: r.municipalitySymbol(acting), line: line)
        }
        // Numbered in text order: the same snapshot whichever part met a text first.
        let (ordered, renumbered) = symbols.value.inTextOrder()
        for i in rows.indices { rows[i].renumber(renumbered) }
        return (TableResult(rows: rows, rejected: rejected, count: count), ordered)
    }

    func readBudget(_ m: Municipality) -> TableResult<BudgetLine> {
        let year = column("year"), month = column("month"), function = column("function")
        let budget = column("budget"), corrected = column("correctedBudget")
        let (rows, rejected, count, _) = readRows(municipality: m) { (r, line) throws(RowError) -> BudgetLine in
            BudgetLine(year: try r.integer(year, in: 1900...9999), month: try r.integer(month, in: 1...12),
                       function: try r.required(function), budget: try r.requiredMoney(budget),
                       correctedBudget: try r.money(corrected), line: line)
        }
        var result = TableResult(rows: rows, rejected: rejected, count: count)
        struct Key: Hashable { let year: Int, month: Int, function: String }
        rejectDuplicates(&result, source: self, column: function, key: { Key(year: $0.pointee.year, month: $0.pointee.month, function: $0.pointee.function) },
                         shown: { "\($0.pointee.function) \($0.pointee.year)-\(pad2($0.pointee.month))" }, line: { $0.pointee.line })
        return result
    }

    func readDst(_ m: Municipality) -> TableResult<DstRow> {
        let cpr = column("cpr"), paragraph = column("paragraph"), code = column("dstCode")
        let start = column("start"), end = column("end"), target = column("targetGroup")
        let (rows, rejected, count, _) = readRows(municipality: m) { (r, line) throws(RowError) -> DstRow in
            let c = try r.cpr(cpr)
            let p = try r.paragraph(paragraph)
            let d = try r.required(code)
            let s = try r.requiredDay(start)
            let e = try r.day(end)
            if let e, e < s { throw endBeforeStart(end, e, s) }
            return DstRow(cpr: c, paragraph: p, dstCode: d, start: s, end: e, targetGroup: r.text(target), line: line)
        }
        return TableResult(rows: rows, rejected: rejected, count: count)
    }

    func readMapping(_ m: Municipality) -> TableResult<MappingRow> {
        let paragraph = column("paragraph"), function = column("function"), grouping = column("grouping")
        let code = column("dstCode"), codes = column("serviceCodes"), label = column("label")
        let (rows, rejected, count, _) = readRows(municipality: m) { (r, line) throws(RowError) -> MappingRow in
            MappingRow(paragraph: try r.paragraph(paragraph), function: try r.required(function),
                       grouping: r.text(grouping), dstCode: r.text(code),
                       serviceCodes: r.text(codes).split(separator: ",").map { String($0.trimmingSpaces) }.filter { !$0.isEmpty },
                       label: r.text(label), line: line)
        }
        return TableResult(rows: rows, rejected: rejected, count: count)
    }
}

extension SourceFile {
    /// Applications and decisions (management.md §4, §9): a decision date before receipt, a date
    /// without an outcome or an outcome without a date, and an unknown outcome are rejected rows;
    /// a repeated application id too (the first stands).
    func readDecisions(_ m: Municipality) -> TableResult<Decision> {
        let id = column("applicationId"), cpr = column("cpr"), paragraph = column("paragraph")
        let caseworker = column("caseworker"), team = column("team"), received = column("received")
        let decided = column("decided"), outcome = column("outcome"), caseId = column("caseId")
        let serviceCode = column("serviceCode"), notice = column("noticeSent")
        let (rows, rejected, count, _) = readRows(municipality: m) { (r, line) throws(RowError) -> Decision in
            let a = try r.required(id)
            let c = try r.cpr(cpr)
            let p = try r.paragraph(paragraph)
            let got = try r.requiredDay(received)
            let when = try r.day(decided)
            let outcomeText = r.interned(outcome)
            var result: DecisionOutcome?
            if !outcomeText.isEmpty {
                guard let o = DecisionOutcome(parsing: outcomeText) else {
                    throw RowError(outcome, value: outcomeText, reason: Message(
                        da: "ukendt afgørelse (forventet bevilget, delvis bevilget, afslag eller henlagt)",
                        en: "unknown outcome (expected bevilget, delvis bevilget, afslag or henlagt)"))
                }
                result = o
            }
            if let when, when < got {
                throw RowError(decided, value: when.danish, reason: Message(
                    da: "afgørelsesdatoen \(when.danish) ligger før modtagelsen \(got.danish)",
                    en: "the decision date \(when.danish) is before the receipt \(got.danish)"))
            }
            if when != nil && result == nil {
                throw RowError(outcome, value: "", reason: Message(da: "en afgørelsesdato uden afgørelse", en: "a decision date without an outcome"))
            }
            if when == nil && result != nil {
                throw RowError(decided, value: "", reason: Message(da: "en afgørelse uden afgørelsesdato", en: "an outcome without a decision date"))
            }
            return Decision(applicationId: a, cpr: c, paragraph: p, caseworker: r.interned(caseworker), team: r.interned(team),
                            received: got, decided: when, outcome: result, caseId: r.text(caseId),
                            serviceCode: r.interned(serviceCode), noticeSent: try r.day(notice), line: line)
        }
        var result = TableResult(rows: rows, rejected: rejected, count: count)
        rejectDuplicates(&result, source: self, column: id, key: { $0.pointee.applicationId }, shown: { $0.pointee.applicationId }, line: { $0.pointee.line })
        return result
    }
}

extension SourceFile {
    /// Appeals (management.md §5, §9): a board date without an outcome or the reverse, a
    /// reconsideration date without its result or the reverse, and an unknown outcome or result are
    /// rejected rows; a repeated appeal id too (the first stands). Other odd dates are kept.
    func readAppeals(_ m: Municipality) -> TableResult<Appeal> {
        let id = column("appealId"), cpr = column("cpr"), paragraph = column("paragraph")
        let decisionDate = column("decisionDate"), received = column("received"), reconsidered = column("reconsidered")
        let reconsideration = column("reconsideration"), board = column("boardDecided"), outcome = column("outcome")
        let caseworker = column("caseworker")
        let (rows, rejected, count, _) = readRows(municipality: m) { (r, line) throws(RowError) -> Appeal in
            let a = try r.required(id)
            let c = try r.cpr(cpr)
            let p = try r.paragraph(paragraph)
            let appealed = try r.day(decisionDate)
            let got = try r.requiredDay(received)
            let reconsideredOn = try r.day(reconsidered)
            let result = try r.enumerated(reconsideration, Reconsideration.init(parsing:), Message(
                da: "ukendt genvurdering (forventet fastholdt, medhold eller delvis medhold)",
                en: "unknown reconsideration (expected fastholdt, medhold or delvis medhold)"))
            let boardOn = try r.day(board)
            let decided = try r.enumerated(outcome, AppealOutcome.init(parsing:), Message(
                da: "ukendt resultat (forventet stadfæstet, ændret, ophævet, hjemvist, afvist, henvist eller bortfaldet)",
                en: "unknown outcome (expected stadfæstet, ændret, ophævet, hjemvist, afvist, henvist or bortfaldet)"))
            if reconsideredOn != nil && result == nil {
                throw RowError(reconsideration, value: "", reason: Message(
                    da: "en genvurderingsdato uden genvurdering", en: "a reconsideration date without its result"))
            }
            if reconsideredOn == nil && result != nil {
                throw RowError(reconsidered, value: "", reason: Message(
                    da: "en genvurdering uden genvurderingsdato", en: "a reconsideration result without its date"))
            }
            if boardOn != nil && decided == nil {
                throw RowError(outcome, value: "", reason: Message(
                    da: "Ankestyrelsens afgørelsesdato uden resultat", en: "Ankestyrelsen's decision date without an outcome"))
            }
            if boardOn == nil && decided != nil {
                throw RowError(board, value: "", reason: Message(
                    da: "et resultat uden Ankestyrelsens afgørelsesdato", en: "an outcome without Ankestyrelsen's decision date"))
            }
            return Appeal(appealId: a, cpr: c, paragraph: p, decisionDate: appealed, received: got, reconsidered: reconsideredOn,
                          reconsideration: result, boardDecided: boardOn, outcome: decided, caseworker: r.interned(caseworker), line: line)
        }
        var result = TableResult(rows: rows, rejected: rejected, count: count)
        rejectDuplicates(&result, source: self, column: id, key: { $0.pointee.appealId }, shown: { $0.pointee.appealId }, line: { $0.pointee.line })
        return result
    }

    /// Providers and their places (management.md §7, §9): places that are not a whole number ≥ 0,
    /// `Til` before `Fra` and an `Egen kommune` other than ja/nej are rejected rows. One provider
    /// may have several rows (agreements over time).
    func readProviders(_ m: Municipality) -> TableResult<ProviderAgreement> {
        let provider = column("provider"), paragraph = column("paragraph"), places = column("places")
        let from = column("from"), to = column("to"), own = column("own"), budgeted = column("budgetedOccupancy")
        let (rows, rejected, count, _) = readRows(municipality: m) { (r, line) throws(RowError) -> ProviderAgreement in
            let name = try r.required(provider)
            let p = r.text(paragraph).isEmpty ? nil : try r.paragraph(paragraph)
            let placesText = try r.required(places)
            let n = try? r.hundredths(places, what: Message(da: "antal pladser", en: "number of places"))
            guard let n, n >= 0, n % 100 == 0, n <= 100_000_000 else {
                throw RowError(places, value: placesText, reason: Message(
                    da: "antal pladser skal være et helt tal fra 0", en: "places must be a whole number ≥ 0"))
            }
            let f = try r.day(from), t = try r.day(to)
            if let f, let t, t < f {
                throw RowError(to, value: t.danish, reason: Message(
                    da: "Til \(t.danish) ligger før Fra \(f.danish)", en: "Til \(t.danish) is before Fra \(f.danish)"))
            }
            let isOwn = try r.enumerated(own, { (raw: String) -> Bool? in
                switch Enumerated.fold(raw) {
                case "ja", "j", "yes": return true
                case "nej", "n", "no": return false
                default: return nil
                }
            }, Message(da: "Egen kommune skal være ja eller nej", en: "Egen kommune must be ja or nej"))
            let share = try r.hundredths(budgeted, what: Message(da: "procent", en: "percentage"))
            if let share, !(0...100_000).contains(share) {
                throw RowError(budgeted, value: r.text(budgeted), reason: Message(
                    da: "budgetteret belægning skal være en procent fra 0 til 1000", en: "budgeted occupancy must be a percentage from 0 to 1000"))
            }
            return ProviderAgreement(provider: name, paragraph: p, places: Int(n / 100), from: f, to: t, own: isOwn ?? false,
                                     budgetedOccupancy: share.map { Double($0) / 100 }, line: line)
        }
        return TableResult(rows: rows, rejected: rejected, count: count)
    }
}

private func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
