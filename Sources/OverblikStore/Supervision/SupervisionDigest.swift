import Crypto
import Foundation
import OverblikCore

/// The SHA-256 the ledelsestilsyn sample is ordered by (management.md §3, §9): of the UTF-8 text,
/// written in lower-case hex.
public enum SupervisionDigest {
    public static func sha256Hex(_ text: String) -> String {
        // (Hex by table: a national sample hashes every grant, and String(format:) per byte is slow.)
        var hex = [UInt8](repeating: 0, count: 64)
        var text = text
        let digest = text.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
        for (i, byte) in digest.enumerated() {
            hex[2 * i] = digits[Int(byte >> 4)]
            hex[2 * i + 1] = digits[Int(byte & 0x0f)]
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// The SHA-256 of `bytes` as its words, ordered as its hex is (`Digest256.hex` the same as `sha256Hex`).
    public static func sha256(_ bytes: UnsafeRawBufferPointer) -> Digest256 {
        SHA256.hash(data: bytes).withUnsafeBytes { Digest256(bytes: $0) }
    }

    private static let digits = Array("0123456789abcdef".utf8)
}

extension SupervisionSettings {
    /// Stored in a snapshot's metadata as JSON (the items are free text).
    public var text: String {
        var object: [String: Any] = ["period": period.rawValue, "perCaseworker": perCaseworker, "items": items]
        if let salt { object["salt"] = salt }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads `text`; the defaults where it says nothing (a snapshot from before the setting).
    public init(text: String) {
        self.init()
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else { return }
        if let p = (object["period"] as? String).flatMap(SupervisionPeriod.Kind.init(rawValue:)) { period = p }
        if let n = object["perCaseworker"] as? Int { perCaseworker = n }
        if let items = object["items"] as? [String] { self.items = items }
        salt = object["salt"] as? String
    }
}
