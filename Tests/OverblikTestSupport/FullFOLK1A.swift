import OverblikCore

/// FOLK1A as a whole download holds it: the whole country, the five regions, the 98
/// municipalities and Christiansø; both sexes and the total; every civil status and the total;
/// every year of age 0–125 and the total; for `quarters` quarters: 105 × 3 × 5 × 127 lines per
/// quarter (400.050 for two). StatBank's long format with codes and texts, UTF-8 with BOM, CRLF.
public enum FullFOLK1A {
    public static let areas: [String] = ["000 Hele landet", "081 Region Nordjylland", "082 Region Midtjylland", "083 Region Syddanmark",
                                         "084 Region Hovedstaden", "085 Region Sjælland", "411 Christiansø"]
        + DanishMunicipalities.names.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
    static let sexes = ["TOT I alt", "1 Mænd", "2 Kvinder"]
    static let civil = ["TOT I alt", "U Ugift", "G Gift/separeret", "E Enke/enkemand", "F Fraskilt"]
    static let ages = ["IALT Alder i alt"] + (0...125).map { "\($0) \($0) år" }

    /// The lines per quarter.
    public static var linesPerQuarter: Int { areas.count * sexes.count * civil.count * ages.count }

    /// The file's bytes; every figure is 7 (so a municipality's band 18–64 holds 47 × 7 people).
    public static func bytes(quarters: [String] = ["2025K3", "2025K4"]) -> [UInt8] {
        var out: [UInt8] = Array("\u{FEFF}OMRÅDE;KØN;ALDER;CIVILSTAND;TID;INDHOLD\r\n".utf8)
        out.reserveCapacity(linesPerQuarter * quarters.count * 48)
        for q in quarters {
            for a in areas {
                for s in sexes {
                    for age in ages {
                        for c in civil { out += Array("\(a);\(s);\(age);\(c);\(q);7\r\n".utf8) }
                    }
                }
            }
        }
        return out
    }
}
