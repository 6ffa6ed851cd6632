import OverblikCore

/// A JSON value written exactly as given: keys in the order given, and numbers as their
/// exact text, so that an amount is `74520.83` and never a binary-floating-point neighbour.
public indirect enum JSONValue: Sendable, Equatable {
    case string(String)
    /// The number's text, e.g. `1234.50` or `12`.
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered() == b.rendered() }

    public static func int(_ n: Int) -> JSONValue { .number(String(n)) }
    /// Kroner with two decimals, as a number.
    public static func money(_ m: Money?) -> JSONValue { m.map { .number($0.plainDecimal) } ?? .null }
    /// An ISO date.
    public static func day(_ d: Day?) -> JSONValue { d.map { .string($0.iso) } ?? .null }

    /// Indented text, two spaces per level.
    public func rendered(indent: Int = 0) -> String {
        var out = ""
        render(into: &out, indent: indent)
        return out
    }

    /// Appends the text to `out` (one growing string: a large report is not built from pieces).
    func render(into out: inout String, indent: Int) {
        switch self {
        case .string(let s): JSONValue.quote(s, into: &out)
        case .number(let n): out += n
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                if i > 0 { out += ",\n" }
                for _ in 0...indent { out += "  " }
                item.render(into: &out, indent: indent + 1)
            }
            out += "\n"
            for _ in 0..<indent { out += "  " }
            out += "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, pair) in pairs.enumerated() {
                if i > 0 { out += ",\n" }
                for _ in 0...indent { out += "  " }
                JSONValue.quote(pair.0, into: &out)
                out += ": "
                pair.1.render(into: &out, indent: indent + 1)
            }
            out += "\n"
            for _ in 0..<indent { out += "  " }
            out += "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = ""
        quote(s, into: &out)
        return out
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        // Plain text (the common case) goes in whole.
        if !s.unicodeScalars.contains(where: { $0 == "\"" || $0 == "\\" || $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) || $0.value == 0x2028 || $0.value == 0x2029 }) {
            out += s
            out += "\""
            return
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || (0x7F..<0xA0).contains(u.value) || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
