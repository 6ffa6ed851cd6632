/// Writes CSV the way Danish Excel reads it: `;` between fields, quotes where needed, CRLF
/// line ends, and a UTF-8 byte order mark so that Excel takes the file as UTF-8.
public enum CSVText {
    public static let byteOrderMark = "\u{FEFF}"

    /// The value as a field: quoted (its quotes doubled) when it holds `;`, a quote or a line
    /// break, or begins or ends with a space. Told from its UTF-8 bytes (all of these are ASCII):
    /// by characters, a `\r\n` inside a value is one character, neither `\r` nor `\n`, and was
    /// left unquoted; and stepping through characters was most of an export's time.
    public static func field(_ value: String) -> String {
        guard needsQuotes(value) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func needsQuotes(_ value: String) -> Bool {
        let utf8 = value.utf8
        if utf8.first == UInt8(ascii: " ") || utf8.last == UInt8(ascii: " ") { return true }
        return utf8.contains { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
    }

    /// A whole document: the header row, then the rows.
    public static func document(header: [String], rows: [[String]]) -> String {
        var document = Document(header: header)
        for row in rows { document.append(row) }
        return document.text
    }

    /// A document made a row at a time, each appended field by field to one text (an export
    /// appends the rows as it reads them, a chunk at a time, without holding them).
    public struct Document: Sendable {
        public private(set) var text = CSVText.byteOrderMark

        public init(header: [String]) { append(header) }

        public mutating func append(_ row: [String]) {
            for (i, value) in row.enumerated() {
                if i > 0 { text += ";" }
                text += field(value)
            }
            text += "\r\n"
        }

        /// The text made since the last `take` (the first holds the mark and the header), then cleared.
        public mutating func take() -> String {
            defer { text = "" }
            return text
        }
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = self[...]
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(target) { return i..<index(i, offsetBy: target.count) }
            i = index(after: i)
        }
        return nil
    }
}
