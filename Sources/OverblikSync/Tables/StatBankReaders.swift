import Foundation
import OverblikCore

/// What an area, period, age or sex cell of a StatBank file says, worked out once per distinct
/// text (a FOLK1A download repeats a few hundred texts over ~400.000 lines). Shared by the parts
/// of a file read side by side, hence the lock.
final class StatBankCells: @unchecked Sendable {
    private let lock = NSLock()
    private var areas: [String: DanishMunicipalities.Area] = [:]
    private var quarters: [String: Quarter?] = [:]
    private var ages: [String: Age] = [:]
    private var totals: [String: Bool] = [:]

    enum Age: Equatable { case total, years(Int), unreadable }

    private func cached<V>(_ table: ReferenceWritableKeyPath<StatBankCells, [String: V]>, _ text: String, _ make: (String) -> V) -> V {
        lock.lock()
        if let v = self[keyPath: table][text] { lock.unlock(); return v }
        lock.unlock()
        let v = make(text)
        lock.lock()
        self[keyPath: table][text] = v
        lock.unlock()
        return v
    }

    func area(_ text: String) -> DanishMunicipalities.Area { cached(\.areas, text) { DanishMunicipalities.area($0) } }
    func quarter(_ text: String) -> Quarter? { cached(\.quarters, text) { Quarter(parsing: $0) } }
    func age(_ text: String) -> Age { cached(\.ages, text, StatBankCells.readAge) }
    func isTotal(_ text: String) -> Bool { cached(\.totals, text, StatBankCells.readTotal) }

    /// `18`, `18 år`, `18 18 år` (code and text), `100 år og derover`; a total (`I alt`, `IALT`,
    /// `IALT Alder i alt`); anything else (a band `18-24 år`) cannot be read.
    static func readAge(_ text: String) -> Age {
        if readTotal(text) { return .total }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3, let n = Int(digits) else { return .unreadable }
        let rest = text.dropFirst(digits.count)
        guard rest.isEmpty || rest.first == " " else { return .unreadable }
        return .years(n)
    }

    /// A total row of a variable: `I alt`, `IALT`, `TOT`, `Total`, or a code `TOT`/`IALT` with its text.
    static func readTotal(_ text: String) -> Bool {
        let t = text.lowercased()
        if ["i alt", "ialt", "tot", "total", "alder i alt", "køn i alt", "civilstand i alt", "age, total"].contains(t) { return true }
        let first = t.split(separator: " ").first.map(String.init) ?? ""
        return first == "tot" || first == "ialt"
    }
}

extension SourceFile {
    /// The three-digit code of an area cell; a skip for the whole country, a region or
    /// Christiansø, a rejected row for an unknown area.
    private func areaCode(_ r: RowAccess, _ c: ResolvedColumn, _ cells: StatBankCells) throws(RowError) -> String {
        // (The cell's text made only for a message: the interned one is looked up.)
        switch cells.area(r.interned(c)) {
        case .municipality(let code): return code
        case .aggregate: throw RowError.skipped(c)
        case .unknown:
            throw RowError(c, value: try r.required(c), reason: Message(
                da: "ukendt område (forventet en af de 98 kommuner ved kode eller navn, fx \"253 Greve\")",
                en: "unknown area (expected one of the 98 municipalities by code or name, e.g. \"253 Greve\")"))
        }
    }

    private func quarter(_ r: RowAccess, _ c: ResolvedColumn, _ cells: StatBankCells) throws(RowError) -> Quarter {
        guard let q = cells.quarter(r.interned(c)) else {
            throw RowError(c, value: try r.required(c), reason: Message(
                da: "perioden er ikke et kvartal (forventet fx 2025K3)", en: "the period is not a quarter (expected e.g. 2025K3)"))
        }
        return q
    }

    /// A figure in hundredths; nil for `..` (not published). A decimal comma or point.
    private func statValue(_ r: RowAccess, _ c: ResolvedColumn, whole: Bool) throws(RowError) -> Int64? {
        // The usual cell, a whole number (as many digits as the general reading allows), read
        // from its bytes: a FOLK1A download has one per line, each made into a text and searched
        // for a comma before (with the area's and age's texts, 0,4 CPU s of an LC sync).
        if let b = r.trimmedBytes(c), (1...DecimalStyle.maxIntegerDigits).contains(b.count) {
            var n: Int64 = 0
            var digits = true
            for x in b {
                guard x >= 48 && x <= 57 else { digits = false; break }
                n = n * 10 + Int64(x - 48)
            }
            if digits { return n * 100 }
        }
        let text = try r.required(c)
        if text == ".." { return nil }
        let style: DecimalStyle = text.contains(",") ? .comma : .point
        guard let n = style.parseHundredths(text), n >= 0, !(whole && n % 100 != 0) else {
            throw RowError(c, value: text, reason: whole
                ? Message(da: "skal være et helt tal fra 0 eller .. (ikke offentliggjort)", en: "must be a whole number ≥ 0 or .. (not published)")
                : Message(da: "skal være et tal fra 0 eller .. (ikke offentliggjort)", en: "must be a number ≥ 0 or .. (not published)"))
        }
        return n
    }

    /// The service table (HAND07 recipients, HAND01 full-time services; management.md §6, §9):
    /// the whole country, regions and Christiansø are skipped and counted; an unknown area, a
    /// service type without its code, a period that is not a quarter and a value that is no
    /// number are rejected rows; a repeated municipality, type and quarter too (the first stands).
    func readStatBank(_ settings: ComparisonSettings) -> TableResult<StatBankFigure> {
        let area = column("municipality"), service = column("service"), period = column("period"), value = column("value")
        let cells = StatBankCells()
        let (rows, rejected, count, skipped) = readRows(municipality: Municipality(code: "", name: "")) { (r, line) throws(RowError) -> StatBankFigure in
            let code = try areaCode(r, area, cells)
            let serviceText = try r.required(service)
            let digits = serviceText.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, serviceText.dropFirst(digits.count).first.map({ $0 == " " }) ?? true else {
                throw RowError(service, value: serviceText, reason: Message(
                    da: "ydelsestypen har ingen kode (fx \"30182 Midlertidige botilbud …\"); hent tabellen med koder",
                    en: "the service type has no code (e.g. \"30182 Midlertidige botilbud …\"); download the table with codes"))
            }
            let q = try quarter(r, period, cells)
            let v = try statValue(r, value, whole: settings.measure == .recipients)
            return StatBankFigure(code: code, serviceType: String(digits),
                                  serviceText: String(serviceText.dropFirst(digits.count).trimmingSpaces), quarter: q, value: v, line: line)
        }
        var result = TableResult(rows: rows, rejected: rejected, count: count, skipped: skipped)
        struct Key: Hashable { let code: String, type: String, quarter: Quarter }
        rejectDuplicates(&result, source: self, column: area, key: { Key(code: $0.pointee.code, type: $0.pointee.serviceType, quarter: $0.pointee.quarter) },
                         shown: { "\($0.pointee.code) \($0.pointee.serviceType) \($0.pointee.quarter)" }, line: { $0.pointee.line })
        return result
    }

    /// FOLK1A (management.md §6, §9): the whole country, regions and Christiansø, other sexes and
    /// civil statuses than the totals, and ages outside `[comparison] ages` (and the age total) are
    /// skipped and counted; an unknown area, an age that is not one year, a period that is not a
    /// quarter and a value that is no whole number are rejected rows.
    func readPopulation(_ settings: ComparisonSettings) -> TableResult<PopulationFigure> {
        let area = column("municipality"), sex = column("sex"), age = column("age"), civil = column("civilStatus")
        let period = column("period"), value = column("value")
        let cells = StatBankCells()
        let (rows, rejected, count, skipped) = readRows(municipality: Municipality(code: "", name: "")) { (r, line) throws(RowError) -> PopulationFigure in
            let code = try areaCode(r, area, cells)
            if sex.index != nil, !cells.isTotal(r.interned(sex)) { throw RowError.skipped(sex) }
            if civil.index != nil, !cells.isTotal(r.interned(civil)) { throw RowError.skipped(civil) }
            let years: Int
            switch cells.age(r.interned(age)) {
            case .total: throw RowError.skipped(age)
            case .years(let n): years = n
            case .unreadable:
                throw RowError(age, value: try r.required(age), reason: Message(
                    da: "alderen er ikke et enkelt år (forventet fx \"18 år\", \"18\" eller \"I alt\")",
                    en: "the age is not one year (expected e.g. \"18 år\", \"18\" or \"I alt\")"))
            }
            guard settings.ages.contains(years) else { throw RowError.skipped(age) }
            let q = try quarter(r, period, cells)
            let v = try statValue(r, value, whole: true)
            return PopulationFigure(code: code, quarter: q, age: years, value: v.map { $0 / 100 }, line: line)
        }
        var result = TableResult(rows: rows, rejected: rejected, count: count, skipped: skipped)
        struct Key: Hashable { let code: String, quarter: Quarter, age: Int }
        rejectDuplicates(&result, source: self, column: area, key: { Key(code: $0.pointee.code, quarter: $0.pointee.quarter, age: $0.pointee.age) },
                         shown: { "\($0.pointee.code) \($0.pointee.quarter) \($0.pointee.age) år" }, line: { $0.pointee.line })
        return result
    }
}
