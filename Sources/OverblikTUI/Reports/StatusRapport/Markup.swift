/// Writing XHTML and SVG by hand, safely: every text from the data goes through `escape`, so a
/// provider named `<script>` is text, and the document stays well-formed XML (the tests parse it).
enum Markup {
    /// `text` as XML character data or an attribute value: `& < > " '` as entities, and the
    /// characters XML 1.0 cannot hold (controls other than tab and line breaks, U+FFFE, U+FFFF) as U+FFFD.
    static func escape(_ text: String) -> String {
        if !text.unicodeScalars.contains(where: needsWork) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for u in text.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(allowed(u) ? u : "\u{FFFD}")
            }
        }
        return out
    }

    private static func needsWork(_ u: Unicode.Scalar) -> Bool {
        u == "&" || u == "<" || u == ">" || u == "\"" || u == "'" || !allowed(u)
    }

    private static func allowed(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x9, 0xA, 0xD: return true
        case 0..<0x20, 0xFFFE, 0xFFFF: return false
        default: return true
        }
    }

    /// `<name a="v" …>` with the values escaped (an attribute with a nil value is left out).
    static func open(_ name: String, _ attributes: [(String, String?)] = []) -> String {
        var out = "<" + name
        for (key, value) in attributes { if let value { out += " \(key)=\"\(escape(value))\"" } }
        return out + ">"
    }

    /// `<name …>text</name>` with the text escaped.
    static func element(_ name: String, _ attributes: [(String, String?)] = [], _ text: String) -> String {
        open(name, attributes) + escape(text) + "</\(name)>"
    }

    /// A number for an SVG coordinate: at most two decimals, a point, no exponent.
    static func coordinate(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let hundredths = Int64((x * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let m = hundredths.magnitude
        let fraction = m % 100
        if fraction == 0 { return "\(sign)\(m / 100)" }
        return "\(sign)\(m / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
