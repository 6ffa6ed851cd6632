import OverblikCore
import OverblikStore
import Testing

/// The SHA-256 ledelsestilsyn's sample is ordered by, against the issue's vectors (municipality 253,
/// period 2026K4), and the settings as a snapshot keeps them.
@Suite("Ledelsestilsyn: the digest and the settings")
struct SupervisionDigestTests {
    @Test func theIssuesVectors() {
        let period = SupervisionPeriod(kind: .quarter, year: 2026, number: 4)
        let settings = SupervisionSettings()
        let prefixes = ["S-000101": "00dd713b", "S-000104": "0f159e46", "S-000102": "2b83f129", "S-000105": "323c422b", "S-000103": "3700f8f4"]
        for (id, prefix) in prefixes {
            let digest = SupervisionDigest.sha256Hex(settings.hashText(municipalityCode: "253", period: period, caseId: id))
            #expect(digest.hasPrefix(prefix) && digest.count == 64, "\(id): \(digest)")
        }
        #expect(SupervisionDigest.sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        // The digest as words (what the sync orders by) writes the same hex.
        for text in ["", "253|2026K4|S-000101", "hemmelig|253|2026-11|Sag æøå ü", String(repeating: "x", count: 200)] {
            #expect(Array(text.utf8).withUnsafeBytes { SupervisionDigest.sha256($0) }.hex == SupervisionDigest.sha256Hex(text), "\(text)")
        }
    }

    @Test func settingsRoundTrip() {
        let s = SupervisionSettings(period: .month, perCaseworker: 3, salt: "æ|\"x\"", items: ["Et punkt", "Andet; med \"citat\""])
        #expect(SupervisionSettings(text: s.text) == s)
        #expect(SupervisionSettings(text: "") == SupervisionSettings())
    }
}
