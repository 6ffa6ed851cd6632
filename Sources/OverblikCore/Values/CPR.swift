/// A Danish personal identification number (CPR-nummer), `DDMMYY-SSSS`.
///
/// The birth date comes from the first six digits and the century from the seventh (CPR's
/// rules). The modulus-11 check is deliberately not applied: numbers issued since 2007 need
/// not pass it, and CPR asks every system to accept them.
public struct CPR: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The ten digits as a number (leading zeros are restored when shown).
    public let value: Int64

    public init(value: Int64) { self.value = value }

    /// `0101901234`.
    public var digits: String { pad(Int(value), 10) }
    /// `010190-1234`.
    public var formatted: String { let d = digits; return "\(d.prefix(6))-\(d.suffix(4))" }
    /// `010190-xxxx` (reports) or `010190-••••` (screens): the serial number hidden.
    public func masked(_ mark: Character = "x") -> String {
        "\(digits.prefix(6))-\(String(repeating: mark, count: 4))"
    }

    public var description: String { masked() }
    public static func < (a: CPR, b: CPR) -> Bool { a.value < b.value }

    /// The birth date, by the century rule of the seventh digit.
    public var birthDate: Day {
        // A CPR is made only by parsing (which refuses an impossible birth date) or read back from
        // a sealed snapshot written from such values. By construction: a real date.
        CPR.birthDate(value: value)!
    }

    @usableFromInline static func birthDate(value: Int64) -> Day? {
        let day = Int(value / 100_000_000)
        let month = Int(value / 1_000_000 % 100)
        let yy = Int(value / 10_000 % 100)
        let seventh = Int(value / 1000 % 10)
        let century: Int
        switch seventh {
        case 0...3: century = 1900
        case 4, 9: century = yy <= 36 ? 2000 : 1900
        default: century = yy <= 57 ? 2000 : 1800
        }
        return Day(year: century + yy, month: month, day: day)
    }

    /// Reads `DDMMYYSSSS` or `DDMMYY-SSSS` (surrounding spaces allowed).
    public static func parse(_ text: some StringProtocol) -> Result<CPR, CPRError> { parse(utf8: text.utf8) }

    /// The same, from UTF-8 bytes.
    @inlinable public static func parse(utf8 bytes: some Sequence<UInt8>) -> Result<CPR, CPRError> {
        var value: Int64 = 0
        var count = 0
        var dashAt = -1
        var position = 0
        for byte in bytes {
            defer { position += 1 }
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                count += 1
                guard count <= 10 else { return .failure(.wrongLength) }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "-"):
                guard dashAt < 0, count == 6 else { return .failure(.notDigits) }
                dashAt = count
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                guard count == 0 || count == 10 else { return .failure(.notDigits) }
            default:
                return .failure(.notDigits)
            }
        }
        if count == 0 { return .failure(.empty) }
        guard count == 10 else { return .failure(count == 9 ? .nineDigits : .wrongLength) }
        guard birthDate(value: value) != nil else { return .failure(.impossibleDate) }
        return .success(CPR(value: value))
    }

    /// The day of the 18th birthday; someone born 29 February turns 18 on 1 March in a common year.
    public var eighteenthBirthday: Day {
        let b = birthDate.components
        return Day(year: b.year + 18, month: b.month, day: b.day)
            ?? Day(anyYear: b.year + 18, month: 3, day: 1)
    }
}

/// Why a CPR number could not be read.
public enum CPRError: Error, Sendable, Equatable {
    case empty, notDigits, wrongLength, nineDigits, impossibleDate

    public var message: Message {
        switch self {
        case .empty: return Message(da: "CPR-nummer mangler", en: "CPR number is missing")
        case .notDigits: return Message(da: "CPR-nummer skal være 10 cifre (DDMMÅÅ-SSSS)",
                                        en: "CPR number must be 10 digits (DDMMYY-SSSS)")
        case .wrongLength: return Message(da: "CPR-nummer skal have 10 cifre",
                                          en: "CPR number must have 10 digits")
        case .nineDigits: return Message(da: "CPR-nummer har 9 cifre: mangler et foranstillet 0 (fjernet af Excel?)",
                                         en: "CPR number has 9 digits: a leading 0 missing (removed by Excel?)")
        case .impossibleDate: return Message(da: "CPR-nummerets fødselsdato findes ikke",
                                             en: "the CPR number's birth date does not exist")
        }
    }
}

extension CPR {
    /// Masks every CPR-shaped run of digits in free text (`010190-1234`, `0101901234`), so that
    /// raw values in messages and logs never show a serial number.
    public static func maskAll(in text: String, mark: Character = "x") -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func isDigit(_ k: Int) -> Bool { k < scalars.count && ("0"..."9").contains(scalars[k]) }
        while i < scalars.count {
            let startsRun = isDigit(i) && (i == 0 || !isDigit(i - 1))
            if startsRun, (i..<i + 6).allSatisfy(isDigit) {
                var j = i + 6
                if j < scalars.count, scalars[j] == "-" { j += 1 }
                if (j..<j + 4).allSatisfy(isDigit), !isDigit(j + 4) {
                    out.append(contentsOf: scalars[i..<i + 6])
                    out.append("-")
                    out.append(contentsOf: String(repeating: mark, count: 4).unicodeScalars)
                    i = j + 4
                    continue
                }
            }
            out.append(scalars[i])
            i += 1
        }
        return String(out)
    }
}
