import OverblikCore

/// Fast paths for the common shapes of a value, straight from the bytes of a field: a date as
/// `dd-mm-yyyy` or `yyyy-mm-dd`, an amount as `-1.234,50`, a CPR as `ddmmyy-ssss`. They give
/// the same value the general parsers give, or nil to send the value to them (which then
/// also explain what is wrong).
enum FastParse {
    @inline(__always) static func digit(_ b: UInt8) -> Int? { b >= 48 && b <= 57 ? Int(b - 48) : nil }

    static func day(_ b: UnsafeBufferPointer<UInt8>, _ style: DateStyle) -> Day? {
        guard b.count == 10 else { return nil }
        if b[2] == UInt8(ascii: "-"), b[5] == UInt8(ascii: "-"), style == .dayMonthYearDash || style == .auto {
            guard let d1 = digit(b[0]), let d2 = digit(b[1]), let m1 = digit(b[3]), let m2 = digit(b[4]),
                  let y1 = digit(b[6]), let y2 = digit(b[7]), let y3 = digit(b[8]), let y4 = digit(b[9]) else { return nil }
            return Day(year: y1 * 1000 + y2 * 100 + y3 * 10 + y4, month: m1 * 10 + m2, day: d1 * 10 + d2)
        }
        if b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), style == .iso || style == .auto {
            guard let y1 = digit(b[0]), let y2 = digit(b[1]), let y3 = digit(b[2]), let y4 = digit(b[3]), let m1 = digit(b[5]),
                  let m2 = digit(b[6]), let d1 = digit(b[8]), let d2 = digit(b[9]) else { return nil }
            return Day(year: y1 * 1000 + y2 * 100 + y3 * 10 + y4, month: m1 * 10 + m2, day: d1 * 10 + d2)
        }
        return nil
    }

    /// `[-]d{1,3}(.ddd)*,dd` with a decimal comma, `[-]d+.dd` with a decimal point.
    static func hundredths(_ b: UnsafeBufferPointer<UInt8>, _ style: DecimalStyle) -> Int64? {
        var i = 0
        let n = b.count
        var negative = false
        if n > 0, b[0] == UInt8(ascii: "-") { negative = true; i = 1 }
        let decimalMark = style == .comma ? UInt8(ascii: ",") : UInt8(ascii: ".")
        guard n - i >= 4, b[n - 3] == decimalMark, let f1 = digit(b[n - 2]), let f2 = digit(b[n - 1]) else { return nil }
        let end = n - 3
        var value: Int64 = 0
        var groupLength = 0
        var digits = 0
        var sawGroupMark = false
        var firstGroup = 0
        var j = i
        while j < end {
            let x = b[j]
            if let d = digit(x) {
                value = value * 10 + Int64(d)
                groupLength += 1
                digits += 1  // all digits, not one group's: `999.999.…` must not overflow either
                if digits > DecimalStyle.maxIntegerDigits { return nil }
            } else if style == .comma, x == UInt8(ascii: ".") {
                if !sawGroupMark { firstGroup = groupLength } else if groupLength != 3 { return nil }
                guard groupLength > 0 else { return nil }
                sawGroupMark = true
                groupLength = 0
            } else {
                return nil
            }
            j += 1
        }
        guard j > i, groupLength > 0 else { return nil }
        if sawGroupMark { guard groupLength == 3, (1...3).contains(firstGroup) else { return nil } }
        value = value * 100 + Int64(f1 * 10 + f2)
        return negative ? -value : value
    }
}
