import Crypto
import Foundation
import OverblikCore

/// The SHA-256 the ledelsestilsyn sample is ordered by (management.md §3, §9): of the UTF-8 text,
/// written in lower-case hex.
public enum SupervisionDigest {
    public static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
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
