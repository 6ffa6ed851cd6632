/// The legal basis of a grant (paragraf), normalised to a key such as `SEL-108`, `SEL-82a`, `ABL-105`.
///
/// Accepts what exports write: `SEL §108`, `§ 85`, `108`, `ABL §105`, `Serviceloven § 107`,
/// `§ 82 a`, `SEL-108`, `§85, stk. 1` (the subsection is not part of the key). A bare number
/// means Serviceloven (SEL).
public struct Paragraph: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The law's abbreviation, upper case (`SEL`, `ABL`).
    public let law: String
    /// The section number (`108`).
    public let number: Int
    /// A letter after the number, lower case (`a` in §82a), or empty.
    public let letter: String

    public init(law: String = "SEL", number: Int, letter: String = "") {
        self.law = law
        self.number = number
        self.letter = letter
    }

    /// `SEL-108`.
    public var key: String { "\(law)-\(number)\(letter)" }

    /// `§108` for Serviceloven, `ABL §105` for other laws.
    public var display: String { law == "SEL" ? "§\(number)\(letter)" : "\(law) §\(number)\(letter)" }

    public var description: String { key }

    public static func < (a: Paragraph, b: Paragraph) -> Bool {
        if a.law != b.law { return a.law == "SEL" || (b.law != "SEL" && a.law < b.law) }
        if a.number != b.number { return a.number < b.number }
        return a.letter < b.letter
    }

    private static let lawNames: [String: String] = [
        "SERVICELOVEN": "SEL", "SL": "SEL", "SEL": "SEL", "SERVL": "SEL",
        "ALMENBOLIGLOVEN": "ABL", "ABL": "ABL",
        "SUNDHEDSLOVEN": "SUL", "SUL": "SUL",
        "BARNETSLOV": "BL", "BL": "BL",
    ]

    /// Reads a paragraph as exports write it; nil when no section number can be found.
    public init?(parsing raw: some StringProtocol) {
        var text = Substring(raw).trimmingSpaces
        if let comma = text.firstIndex(of: ",") { text = text[..<comma].trimmingSpaces }
        // The law: letters before the number (and before any § or -).
        var lawPart = ""
        var index = text.startIndex
        while index < text.endIndex, text[index].isLetter {
            lawPart.append(text[index])
            index = text.index(after: index)
        }
        var rest = text[index...]
        while let first = rest.first, first == " " || first == "§" || first == "-" || first == "." {
            rest = rest.dropFirst()
        }
        let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, let number = Int(digits), number > 0 else { return nil }
        let tail = rest.dropFirst(digits.count).trimmingSpaces
        guard tail.count <= 1, tail.allSatisfy({ $0.isLetter && $0.isASCII }) else { return nil }
        let lawKey = lawPart.uppercased()
        let law = lawKey.isEmpty ? "SEL" : (Paragraph.lawNames[lawKey] ?? lawKey)
        self.init(law: law, number: number, letter: tail.lowercased())
    }

    /// Reads a stored key (`SEL-108`).
    public init?(key: some StringProtocol) {
        guard let dash = key.firstIndex(of: "-") else { return nil }
        let law = String(key[..<dash])
        let rest = key[key.index(after: dash)...]
        let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
        guard let number = Int(digits), !law.isEmpty else { return nil }
        self.init(law: law, number: number, letter: String(rest.dropFirst(digits.count)))
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and no-break spaces: the same String (no copy)
    /// when it has none, as values read from a file have (a look-up per grant or application).
    public var trimmingSpaces: String {
        guard let first = utf8.first, let last = utf8.last,
              first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 || first >= 0x80 || last >= 0x80 else { return self }
        return String(Substring(self).trimmingSpaces)
    }
}

extension Substring {
    /// Without leading and trailing spaces, tabs and no-break spaces.
    public var trimmingSpaces: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" || f == "\u{00A0}" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\u{00A0}" { s = s.dropLast() }
        return s
    }
}
