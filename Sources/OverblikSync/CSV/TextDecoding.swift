import OverblikCore

/// Turns a file's bytes into UTF-8 without a byte order mark.
public enum TextDecoding {
    /// Windows-1252's 0x80–0x9F; the five undefined bytes map to the C1 control of the same
    /// value (as the WHATWG encoding standard does), so that decoding never fails.
    private static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// The result of decoding: the UTF-8 bytes and the encoding that was used.
    public struct Decoded: Sendable {
        public var bytes: [UInt8]
        public var encoding: SourceEncoding
    }

    /// Why bytes declared UTF-8 are not.
    public struct InvalidUTF8: Error, Sendable, Equatable {
        /// The physical line (1-based) of the first invalid byte.
        public var line: Int
        public var offset: Int
    }

    /// Where the text starts (after a byte order mark) and which encoding it is in, with UTF-8
    /// checked: what reading the file in place needs (no decoded copy).
    public static func resolve(_ bytes: UnsafeBufferPointer<UInt8>, as encoding: SourceEncoding) throws(InvalidUTF8)
        -> (start: Int, encoding: SourceEncoding) {
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        let start = hasBOM ? 3 : 0
        let body = UnsafeBufferPointer(rebasing: bytes[start...])
        switch encoding {
        case .windows1252 where !hasBOM:
            return (start, .windows1252)
        case .utf8, .windows1252:
            if let bad = firstInvalidUTF8(body) {
                throw InvalidUTF8(line: 1 + body[..<bad].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }, offset: bad)
            }
            return (start, .utf8)
        case .auto:
            if hasBOM || firstInvalidUTF8(body) == nil { return (start, .utf8) }
            return (start, .windows1252)
        }
    }

    /// Bytes of the file's encoding as a String.
    public static func string(_ bytes: UnsafeBufferPointer<UInt8>, windows1252: Bool) -> String {
        if windows1252, bytes.contains(where: { $0 >= 0x80 }) {
            return String(decoding: fromWindows1252(bytes), as: UTF8.self)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decodes `bytes` as `encoding` says; `auto` tries UTF-8 first.
    public static func decode(_ bytes: [UInt8], as encoding: SourceEncoding) throws(InvalidUTF8) -> Decoded {
        try bytes.withUnsafeBufferPointer { (b) throws(InvalidUTF8) -> Decoded in try decode(b, as: encoding) }
    }

    /// The same from a buffer (a mapped file): the result is the only copy made.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, as encoding: SourceEncoding) throws(InvalidUTF8) -> Decoded {
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        let body = UnsafeBufferPointer(rebasing: bytes[(hasBOM ? 3 : 0)...])
        switch encoding {
        case .windows1252 where !hasBOM:
            return Decoded(bytes: fromWindows1252(body), encoding: .windows1252)
        case .utf8, .windows1252:
            if let bad = firstInvalidUTF8(body) {
                throw InvalidUTF8(line: 1 + body[..<bad].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }, offset: bad)
            }
            return Decoded(bytes: Array(body), encoding: .utf8)
        case .auto:
            if hasBOM || firstInvalidUTF8(body) == nil { return Decoded(bytes: Array(body), encoding: .utf8) }
            return Decoded(bytes: fromWindows1252(body), encoding: .windows1252)
        }
    }

    /// Windows-1252 bytes as UTF-8.
    public static func fromWindows1252(_ bytes: [UInt8]) -> [UInt8] { bytes.withUnsafeBufferPointer { fromWindows1252($0) } }

    public static func fromWindows1252(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        // At most three UTF-8 bytes per byte; ASCII (most of any export) is copied eight at a time.
        let n = bytes.count
        return [UInt8](unsafeUninitializedCapacity: n * 3) { out, written in
            var o = 0, i = 0
            while i < n {
                if i + 8 <= n {  // By construction: n ≥ 8 here, so both buffers have a base address.
                    let word = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 {  // By construction: out holds 3n ≥ 24 bytes.
                        UnsafeMutableRawPointer(out.baseAddress! + o).storeBytes(of: word, as: UInt64.self)
                        i += 8; o += 8
                        continue
                    }
                }
                let b = bytes[i]
                i += 1
                if b < 0x80 { out[o] = b; o += 1; continue }
                let scalar = b < 0xA0 ? high[Int(b - 0x80)] : UInt32(b)
                if scalar < 0x800 {
                    out[o] = UInt8(0xC0 | (scalar >> 6)); out[o + 1] = UInt8(0x80 | (scalar & 0x3F)); o += 2
                } else {
                    out[o] = UInt8(0xE0 | (scalar >> 12)); out[o + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                    out[o + 2] = UInt8(0x80 | (scalar & 0x3F)); o += 3
                }
            }
            written = o
        }
    }

    /// The offset of the first byte that is not valid UTF-8, or nil when all are.
    public static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? { bytes.withUnsafeBufferPointer { firstInvalidUTF8($0) } }

    public static func firstInvalidUTF8(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
        do {
            var i = 0
            let n = p.count
            while i < n {
                // Fast path: eight ASCII bytes at a time.
                if i + 8 <= n {  // By construction: n ≥ 8 here, so the buffer has a base address.
                    let word = UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
                }
                let b = p[i]
                if b < 0x80 { i += 1; continue }
                let length: Int
                var minimum: UInt32
                var scalar: UInt32
                switch b {
                case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(b & 0x1F)
                case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(b & 0x0F)
                case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(b & 0x07)
                default: return i
                }
                guard i + length <= n else { return i }
                for k in 1..<length {
                    let c = p[i + k]
                    guard c & 0xC0 == 0x80 else { return i }
                    scalar = scalar << 6 | UInt32(c & 0x3F)
                }
                if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
                i += length
            }
            return nil
        }
    }
}
