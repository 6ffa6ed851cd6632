import OverblikCore

/// Why one value of a row cannot be read; the row becomes a rejected row.
struct RowError: Error {
    var column: String
    /// The field name (`cpr`, `start`, …) of the column.
    var field: String
    var value: String
    var reason: Message
    /// Not wrong, only not used (StatBank's whole country, regions, other ages …): counted as
    /// skipped, not rejected.
    var skip = false

    /// A row to skip and count, not reject.
    static func skipped(_ c: ResolvedColumn) -> RowError {
        var e = RowError(c, value: "", reason: Message(da: "sprunget over", en: "skipped"))
        e.skip = true
        return e
    }

    init(_ c: ResolvedColumn, value: String, reason: Message) {
        column = c.header
        field = c.field
        // At most 1.000 characters of a value are kept with the rejected row.
        self.value = value.count > 1_000 ? String(value.prefix(1_000)) + "…" : value
        self.reason = reason
    }
}

/// A column of the table as found in the file's header.
struct ResolvedColumn {
    /// The position in the row, or nil when the (optional) column is not in the file.
    let index: Int?
    let header: String
    let field: String
}

/// Typed access to the fields of one record, with the table's value styles.
struct RowAccess {
    let reader: CSVReader
    /// The record's fields, valid while the row is built (no array retained per row).
    let fields: UnsafeBufferPointer<FieldSpan>
    let decimal: DecimalStyle
    let dateStyle: DateStyle
    /// Repeated texts (codes, providers) become one String each; it holds the municipality too.
    /// Unmanaged: the part's reader keeps it for as long as rows are built, so a RowAccess made per
    /// row holds no reference to retain and release, and the hot reads below borrow it
    /// (`interning`) without a retain each (ten million rows, a dozen fields each, at national size).
    private let internerReference: Unmanaged<Interner>

    init(reader: CSVReader, fields: UnsafeBufferPointer<FieldSpan>, decimal: DecimalStyle, dateStyle: DateStyle, interner: Interner) {
        self.reader = reader; self.fields = fields; self.decimal = decimal; self.dateStyle = dateStyle
        internerReference = Unmanaged.passUnretained(interner)
    }

    private func interning<R>(_ body: (Interner) -> R) -> R { internerReference._withUnsafeGuaranteedRef(body) }
    private var interner: Interner { internerReference.takeUnretainedValue() }
    var municipality: Municipality { interner.municipality }

    /// The bytes of a column without surrounding spaces, tabs and no-break spaces; nil when the
    /// column is absent or holds doubled quotes (those go the general way).
    func trimmedBytes(_ c: ResolvedColumn) -> UnsafeBufferPointer<UInt8>? {
        guard let i = c.index, !fields[i].hasEscapedQuotes else { return nil }
        var span = fields[i]
        let b = reader.bytes
        trim(&span)
        return UnsafeBufferPointer(rebasing: b[span.start..<span.end])
    }

    /// Like `text`, but a repeated value is the same String (see `Interner`).
    func interned(_ c: ResolvedColumn) -> String {
        guard let b = trimmedBytes(c) else { return text(c) }
        return b.isEmpty ? "" : interning { $0.string(b) }
    }

    /// The symbol of a column's text (see `Interner`).
    func symbol(_ c: ResolvedColumn) -> Symbol {
        guard let i = c.index, let b = trimmedBytes(c) else { return interner.symbols.intern(text(c)) }
        return b.isEmpty ? Symbol.empty : interning { $0.symbol(b, slot: i) }
    }

    /// A municipality value as a symbol: `Symbol.empty` for this municipality.
    func municipalitySymbol(_ c: ResolvedColumn) -> Symbol {
        guard let b = trimmedBytes(c) else { return municipality.other(text(c)).map { interner.symbols.intern($0) } ?? Symbol.empty }
        return b.isEmpty ? Symbol.empty : interning { $0.municipality(b) }
    }

    /// The text of a column without surrounding spaces, tabs and no-break spaces ("" when
    /// the column is absent). Trimmed on the bytes: no Foundation string search per field.
    func text(_ c: ResolvedColumn) -> String {
        guard let i = c.index else { return "" }
        var span = fields[i]
        trim(&span)
        return reader.string(span)
    }

    /// Spaces, tabs and no-break spaces (UTF-8 `C2 A0`, Windows-1252 `A0`) off both ends.
    func trim(_ span: inout FieldSpan) {
        let b = reader.bytes
        // Most fields: nothing to take off. A first and last byte that are ASCII and above the
        // space are none of the bytes trimmed (nor the first of a UTF-8 no-break space).
        if span.start < span.end, b[span.start] &- 0x21 < 0x5F, b[span.end - 1] &- 0x21 < 0x5F { return }
        let single = reader.windows1252
        while span.start < span.end {
            let x = b[span.start]
            if x == 0x20 || x == 0x09 || (single && x == 0xA0) { span.start += 1 }
            else if !single, x == 0xC2, span.start + 1 < span.end, b[span.start + 1] == 0xA0 { span.start += 2 } else { break }
        }
        while span.end > span.start {
            let x = b[span.end - 1]
            if x == 0x20 || x == 0x09 || (single && x == 0xA0) { span.end -= 1 }
            else if !single, x == 0xA0, span.end - 2 >= span.start, b[span.end - 2] == 0xC2 { span.end -= 2 } else { break }
        }
    }

    func required(_ c: ResolvedColumn) throws(RowError) -> String {
        let v = text(c)
        guard !v.isEmpty else { throw RowError(c, value: "", reason: Message(da: "værdi mangler", en: "value is missing")) }
        return v
    }

    func day(_ c: ResolvedColumn) throws(RowError) -> Day? {
        if let b = trimmedBytes(c) {
            if b.isEmpty { return nil }
            if let d = fastDay(b) { return d }
        }
        let v = text(c)
        if v.isEmpty { return nil }
        guard let d = dateStyle.parse(v) else {
            let expected = dateStyle == .auto ? "dd-mm-åååå, dd.mm.åååå, åååå-mm-dd eller dd/mm/åååå" : dateStyle.rawValue.replacingOccurrences(of: "y", with: "å")
            throw RowError(c, value: v, reason: Message(
                da: "ugyldig dato (forventet \(expected), og dagen skal findes)",
                en: "invalid date (expected \(dateStyle.rawValue), and the day must exist)"))
        }
        return d
    }

    /// A date read on its bytes: remembered by the interner (parsed once).
    private func fastDay(_ b: UnsafeBufferPointer<UInt8>) -> Day? { interning { $0.day(b, dateStyle) } }

    func requiredDay(_ c: ResolvedColumn) throws(RowError) -> Day {
        // The common case on the bytes: no String is made to see that the value is there.
        if let b = trimmedBytes(c), !b.isEmpty, let d = fastDay(b) { return d }
        _ = try required(c)
        guard let d = try day(c) else { throw RowError(c, value: "", reason: Message(da: "værdi mangler", en: "value is missing")) }
        return d
    }

    func hundredths(_ c: ResolvedColumn, what: Message) throws(RowError) -> Int64? {
        if let b = trimmedBytes(c) {
            if b.isEmpty { return nil }
            if let n = FastParse.hundredths(b, decimal) { return n }
        }
        let v = text(c)
        if v.isEmpty { return nil }
        guard let n = decimal.parseHundredths(v) else {
            let example = decimal == .comma ? "1.234,50" : "1234.50"
            throw RowError(c, value: v, reason: Message(
                da: "ugyldigt \(what.da) (forventet fx \(example), højst \(DecimalStyle.maxIntegerDigits) cifre før kommaet)",
                en: "invalid \(what.en) (expected e.g. \(example), at most \(DecimalStyle.maxIntegerDigits) digits before the decimal mark)"))
        }
        return n
    }

    func money(_ c: ResolvedColumn) throws(RowError) -> Money? {
        try hundredths(c, what: Message(da: "beløb", en: "amount")).map { Money(ore: $0) }
    }

    func requiredMoney(_ c: ResolvedColumn) throws(RowError) -> Money {
        if let b = trimmedBytes(c), !b.isEmpty, let n = FastParse.hundredths(b, decimal) { return Money(ore: n) }
        _ = try required(c)
        guard let m = try money(c) else { throw RowError(c, value: "", reason: Message(da: "værdi mangler", en: "value is missing")) }
        return m
    }

    func cpr(_ c: ResolvedColumn) throws(RowError) -> CPR {
        if let b = trimmedBytes(c), let cpr = interning({ $0.cpr(b) }) { return cpr }
        let v = text(c)
        switch CPR.parse(v) {
        case .success(let cpr): return cpr
        case .failure(let e): throw RowError(c, value: v, reason: e.message)
        }
    }

    /// A rate unit read on its bytes (remembered by the interner); nil when the column is empty or
    /// names none, which the caller tells apart by the text.
    func knownRateUnit(_ c: ResolvedColumn) -> RateUnit? {
        guard let b = trimmedBytes(c), !b.isEmpty else { return nil }
        return interning { $0.rateUnit(b) }
    }

    func paragraph(_ c: ResolvedColumn) throws(RowError) -> Paragraph {
        if let b = trimmedBytes(c), !b.isEmpty, let p = interning({ $0.paragraph(b) }) { return p }
        let v = try required(c)
        guard let p = Paragraph(parsing: v) else {
            throw RowError(c, value: v, reason: Message(
                da: "ukendt paragraf (forventet fx \"SEL §108\", \"§ 85\" eller \"108\")",
                en: "unknown paragraph (expected e.g. \"SEL §108\", \"§ 85\" or \"108\")"))
        }
        return p
    }

    func integer(_ c: ResolvedColumn, in range: ClosedRange<Int>) throws(RowError) -> Int {
        let v = try required(c)
        guard let n = Int(v), range.contains(n) else {
            throw RowError(c, value: v, reason: Message(
                da: "skal være et heltal fra \(range.lowerBound) til \(range.upperBound)",
                en: "must be a whole number from \(range.lowerBound) to \(range.upperBound)"))
        }
        return n
    }

    /// An enumerated value (management.md §9: case, spaces and ASCII spellings folded by `parse`);
    /// nil when empty, a rejected row when it is none of the values.
    func enumerated<T>(_ c: ResolvedColumn, _ parse: (String) -> T?, _ unknown: Message) throws(RowError) -> T? {
        let v = interned(c)
        if v.isEmpty { return nil }
        guard let value = parse(v) else { throw RowError(c, value: v, reason: unknown) }
        return value
    }

    /// A municipality value: nil for this municipality.
    func municipality(_ c: ResolvedColumn) -> String? {
        if let b = trimmedBytes(c), b.isEmpty { return nil }
        return municipality.other(interned(c))
    }
}
