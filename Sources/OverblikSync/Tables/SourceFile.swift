import Crypto
import Foundation
import OverblikConfig
import OverblikCore
import OverblikStore

/// One source file read into memory, decoded to UTF-8, with its header resolved against
/// the table's configured column names.
struct SourceFile {
    let config: TableConfiguration
    /// The file mapped, read in place from `start` (after a byte order mark) in `encoding`.
    let file: MappedFile
    let start: Int
    let encoding: SourceEncoding
    /// The file's SHA-256, computed on its own thread while the rows are read.
    private let digest: PendingDigest
    var sha256: String { digest.value }
    let byteCount: Int64
    let delimiter: UInt8
    /// The headers as found in the file.
    let headers: [String]
    /// Field name → column.
    let columns: [String: ResolvedColumn]

    var table: TableName { config.table }

    /// Reads the file; nil when an optional table's file is absent from the drop.
    static func open(_ config: TableConfiguration) throws(SyncError) -> SourceFile? {
        let path = config.resolvedPath
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            // A configured management table that is absent is reported as missing by its views (management.md §9).
            if config.table.isRequired || (config.isExplicit && !config.table.isManagement) {
                throw .fileMissing(table: config.table, path: config.path)
            }
            return nil
        }
        if isDirectory.boolValue {
            throw .fileUnreadable(table: config.table, path: config.path, reason: "det er en mappe / it is a folder")
        }
        // Mapped and read in place: no copy of the file in memory; pages already read are let go.
        guard FileManager.default.isReadableFile(atPath: path), let file = MappedFile(path: path) else {
            throw .fileUnreadable(table: config.table, path: config.path, reason: "ingen læseadgang / no read permission")
        }
        let digest = PendingDigest(file)
        let resolved: (start: Int, encoding: SourceEncoding)
        do {
            resolved = try TextDecoding.resolve(file.bytes, as: config.encoding)
        } catch {
            throw .notUTF8(table: config.table, path: config.path, line: error.line)
        }
        let buffer = file.bytes
        do {
            let delimiter: UInt8
            switch config.delimiter {
            case .auto: delimiter = CSVReader.detectDelimiter(in: buffer)
            case .byte(let b): delimiter = b
            }
            var reader = CSVReader(bytes: buffer, delimiter: delimiter, position: resolved.start, line: 1)
            reader.windows1252 = resolved.encoding == .windows1252
            var fields = FieldList()
            guard reader.next(into: &fields) != nil, !CSVReader.isBlank(fields) else {
                throw .emptyFile(table: config.table, path: config.path)
            }
            let headers = fields.map { String(Substring(reader.string($0)).trimmingSpaces) }
            var byName: [String: Int] = [:]
            for (i, h) in headers.enumerated() {
                let key = h.lowercased()
                if key.isEmpty { continue }
                if byName[key] != nil { throw .duplicateHeader(table: config.table, path: config.path, header: h) }
                byName[key] = i
            }
            // StatBank's matrix layout has the periods as columns (`2024K1`, `2024`): refused with how to get the long one.
            if config.table.isStatBank, let period = headers.first(where: SourceFile.looksLikePeriod) {
                throw .statBankMatrix(table: config.table, path: config.path, header: period)
            }
            var columns: [String: ResolvedColumn] = [:]
            for field in config.table.fields {
                let header = config.headers[field.field] ?? field.header
                let index = byName[header.trimmingCharacters(in: .whitespaces).lowercased()]
                if index == nil && field.required {
                    throw .columnMissing(table: config.table, path: config.path, column: header, field: field.field, found: headers)
                }
                columns[field.field] = ResolvedColumn(index: index, header: index.map { headers[$0] } ?? header, field: field.field)
            }
            return SourceFile(config: config, file: file, start: resolved.start, encoding: resolved.encoding, digest: digest,
                              byteCount: Int64(file.bytes.count), delimiter: delimiter, headers: headers, columns: columns)
        }
    }

    /// Runs `build` on every data row; rows it rejects, and rows with the wrong number of
    /// fields or broken quoting, become rejected rows. Blank lines are skipped. A large file is
    /// read in parts on all cores; the result is the same as reading it in one go (the parts
    /// are checked to meet exactly; if they do not, it is read again in one go).
    func readRows<T>(municipality: Municipality, symbols: SharedSymbols = SharedSymbols(),
                     parts partCount: Int = ProcessInfo.processInfo.activeProcessorCount,
                     _ build: (RowAccess, Int) throws(RowError) -> T) -> (rows: [T], rejected: [RejectedRow], count: Int, skipped: Int) {
        let buffer = file.bytes
        var header = CSVReader(bytes: buffer, delimiter: delimiter, position: start, line: 1)
        header.windows1252 = encoding == .windows1252
        var fields = FieldList()
        _ = header.next(into: &fields)
        let parts = CSVReader.split(buffer, delimiter: delimiter, from: header.position, line: header.line,
                                    parts: partCount)
        if parts.count > 1, let read = readParts(parts, municipality, symbols, build) { return read }
        var sink = RowSink<T>(region: UnsafeMutableBufferPointer(start: nil, count: 0))
        sink.overflow.reserveCapacity(estimatedRows(buffer, header.position, buffer.count))
        let whole = readRange(buffer, header.position, buffer.count, header.line, municipality, symbols, build, into: &sink)
        return (sink.overflow, whole.rejected, whole.count, whole.skipped)
    }

    /// Reads the parts on all cores into one array: every part but the last writes its rows where
    /// the lines before it end (a part has no more rows than lines), the last after them, so that
    /// no row is copied to join the parts (LC: 1,6 mio. payments, and the pages under them
    /// faulted twice, were 0,4 s). Nil when the parts do not meet exactly.
    private func readParts<T>(_ parts: [(start: Int, end: Int, line: Int)], _ municipality: Municipality, _ symbols: SharedSymbols,
                              _ build: (RowAccess, Int) throws(RowError) -> T) -> (rows: [T], rejected: [RejectedRow], count: Int, skipped: Int)? {
        let last = parts.count - 1
        let offsets = parts.map { $0.line - parts[0].line }
        let capacity = offsets[last] + estimatedRows(file.bytes, parts[last].start, parts[last].end)
        let slots = ResultSlots<Part<T>>(count: parts.count)
        nonisolated(unsafe) let build = build
        nonisolated(unsafe) let buffer = file.bytes
        var met = false
        var rows = [T](unsafeUninitializedCapacity: capacity) { storage, initialized in
            nonisolated(unsafe) let storage = storage
            DispatchQueue.concurrentPerform(iterations: parts.count) { k in
                let p = parts[k]
                var sink = RowSink(region: UnsafeMutableBufferPointer(rebasing: storage[offsets[k]..<(k < last ? offsets[k + 1] : capacity)]))
                var part = readRange(buffer, p.start, p.end, p.line, municipality, symbols, build, into: &sink)
                (part.written, part.overflow) = (sink.written, sink.overflow)
                slots.set(k, part)
            }
            let read = slots.values
            // (Only the last part can outgrow its room; one that did otherwise read past its end.)
            met = read.map(\.end) == parts.map(\.end) && read.dropLast().allSatisfy(\.overflow.isEmpty)
            var end = 0
            for (k, part) in read.enumerated() {
                guard let base = storage.baseAddress else { break }
                if !met {
                    (base + offsets[k]).deinitialize(count: part.written)
                } else {
                    if offsets[k] != end { (base + end).moveInitialize(from: base + offsets[k], count: part.written) }
                    end += part.written
                }
            }
            initialized = end
        }
        guard met else { return nil }
        let read = slots.values
        rows.append(contentsOf: read[last].overflow)
        return (rows, read.flatMap(\.rejected), read.reduce(0) { $0 + $1.count }, read.reduce(0) { $0 + $1.skipped })
    }

    /// Room for the rows of `start..<end`, estimated from its first lines (2 % more, not grown by doubling).
    private func estimatedRows(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        let sample = min(end, start + 65_536)
        var lines = 0
        for i in start..<sample where buffer[i] == 10 { lines += 1 }
        guard lines > 10 else { return 16 }
        return (end - start) * 51 / 50 / max(1, (sample - start) / lines) + 16
    }

    /// Where one part's rows go: its room in the joined array, then (only when that is full) an array of its own.
    struct RowSink<T> {
        let region: UnsafeMutableBufferPointer<T>
        var written = 0
        var overflow: [T] = []

        mutating func append(_ row: consuming T) {
            if written < region.count {
                region.initializeElement(at: written, to: row)
                written += 1
            } else {
                overflow.append(row)
            }
        }
    }

    /// What reading one part gave, and where its reader stopped.
    struct Part<T> {
        var rejected: [RejectedRow]
        var count: Int
        var skipped: Int
        var end: Int
        var written = 0
        var overflow: [T] = []
    }

    private func readRange<T>(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ line: Int, _ municipality: Municipality,
                              _ symbols: SharedSymbols,
                              _ build: (RowAccess, Int) throws(RowError) -> T, into rows: inout RowSink<T>) -> Part<T> {
        var reader = CSVReader(bytes: buffer, delimiter: delimiter, position: start, line: line)
        reader.windows1252 = encoding == .windows1252
        var fields = FieldList()
        var rejected: [RejectedRow] = []
        var count = 0, skipped = 0
        let interner = Interner(windows1252: encoding == .windows1252, symbols: symbols, municipality: municipality)
        defer { withExtendedLifetime(interner) {} }  // (the rows' RowAccess holds it unretained)
        var released = start
        func reject(_ line: Int, _ column: String, _ value: String, _ reason: Message, field: String = "") {
            rejected.append(RejectedRow(table: table, file: config.path, line: line, column: column, field: field,
                                        value: value, reason: reason))
        }
        while reader.position < end, let record = reader.next(into: &fields) {
            if reader.position - released > 32 << 20 {
                file.release(released..<record.start)
                released = record.start
            }
            if record.problem == nil && CSVReader.isBlank(fields) { continue }
            count += 1
            switch record.problem {
            case .unterminatedQuote:
                reject(record.line, "", reader.rawText(record), Message(
                    da: "citationstegn (\") åbnes men lukkes ikke; rækken springes over, og læsningen fortsætter på næste linje",
                    en: "a quote (\") is opened but never closed; the row is skipped and reading goes on at the next line"))
                continue
            case .textAfterClosingQuote(let field):
                let column = field - 1 < headers.count ? headers[field - 1] : "#\(field)"
                reject(record.line, column, reader.rawText(record), Message(
                    da: "tekst efter et afsluttende citationstegn", en: "text after a closing quote"))
                continue
            case nil:
                break
            }
            guard fields.count == headers.count else {
                reject(record.line, "", reader.rawText(record), Message(
                    da: "forventede \(headers.count) felter som overskriften, fandt \(fields.count)",
                    en: "expected \(headers.count) fields like the header, found \(fields.count)"))
                continue
            }
            let failure: RowError? = fields.withUnsafeBufferPointer { fields in
                let access = RowAccess(reader: reader, fields: fields, decimal: config.decimal,
                                       dateStyle: config.dateStyle, interner: interner)
                do throws(RowError) {
                    rows.append(try build(access, record.line))
                    return nil
                } catch {
                    return error
                }
            }
            if let failure {
                if failure.skip { skipped += 1; continue }
                reject(record.line, failure.column, failure.value, failure.reason, field: failure.field)
            }
        }
        return Part(rejected: rejected, count: count, skipped: skipped, end: reader.position)
    }

    /// A header that is a period (`2024K1`, `2024M03`, `2024`): the sign of a matrix-layout StatBank file.
    static func looksLikePeriod(_ header: String) -> Bool {
        let h = header.uppercased().filter { !$0.isWhitespace }
        let digits = h.prefix { $0.isASCII && $0.isNumber }
        guard digits.count == 4 else { return false }
        let rest = h.dropFirst(4)
        return rest.isEmpty || ((rest.first == "K" || rest.first == "Q" || rest.first == "M") && rest.dropFirst().allSatisfy { $0.isASCII && $0.isNumber } && rest.count > 1)
    }

    /// By construction: `columns` holds every field of the table's schema, and the readers ask only for those.
    func column(_ field: String) -> ResolvedColumn { columns[field]! }
}

/// A file's SHA-256 computed on a thread of its own (the file is read meanwhile), each chunk's
/// pages let go once hashed.
struct PendingDigest {
    private let work: OwnThread<String>

    init(_ file: MappedFile) {
        work = OwnThread("sha256") {
            var hasher = SHA256()
            let chunk = 16 << 20
            var offset = 0
            while offset < file.bytes.count {
                let end = min(file.bytes.count, offset + chunk)
                hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(file.bytes)[offset..<end]))
                file.release(offset..<end)
                offset = end
            }
            return hasher.finalize().map { String(format: "%02x", $0) }.joined()
        }
    }

    /// The digest in hex, once computed.
    var value: String { work.value }
}
