/// Writes CSV the way Danish Excel reads it: `;` between fields, quotes where needed, CRLF
/// line ends, and a UTF-8 byte order mark so that Excel takes the file as UTF-8.
public enum CSVText {
    public static let byteOrderMark = "\u{FEFF}"

    public static func field(_ value: String) -> String {
        let needsQuotes = value.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            || value.first == " " || value.last == " "
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A whole document: the header row, then the rows.
    public static func document(header: [String], rows: [[String]]) -> String {
        var out = byteOrderMark
        out += header.map(field).joined(separator: ";") + "\r\n"
        for row in rows { out += row.map(field).joined(separator: ";") + "\r\n" }
        return out
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
