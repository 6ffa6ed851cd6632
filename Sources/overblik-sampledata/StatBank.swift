import OverblikCore

extension Generator {
    /// The service types of the sample's HAND07 extract: DST's codes and texts as a download with
    /// codes and texts writes them. §96 BPA is in the file but not reported by this municipality's
    /// masteroversigt (no mapping row has 31132: its paragraph is empty in Sammenligning).
    static let statBankTypes: [(code: String, text: String, per10k: Double)] = [
        ("30011", "Aktivitets- og samværstilbud (§ 104 i lov om social service)", 52),
        ("30014", "Beskyttet beskæftigelse (§ 103 i lov om social service)", 38),
        ("30181", "Længerevarende botilbud inkl. tilknyttede ydelser fx §§ 83, 85 (§ 108 i lov om social service)", 34),
        ("30182", "Midlertidige botilbud inkl. tilknyttede ydelser fx §§ 83, 85 (§ 107 i lov om social service)", 21),
        ("31132", "Borgerstyret personlig assistance (§ 96 i lov om social service)", 3.5),
        ("31201", "Socialpædagogisk støtte i botilbudslignende tilbud (§ 85 i lov om social service)", 40),
        ("31202", "Socialpædagogisk støtte i øvrigt (§ 85 i lov om social service)", 95),
    ]

    /// Ten other municipalities (Frederikssund's neighbours, and Ishøj, which reports for Vallensbæk)
    /// with each one's people per year of age 18–64, roughly.
    static let neighbours: [(code: String, perAge: Int)] = [
        ("151", 640), ("183", 300), ("190", 560), ("201", 320), ("219", 690), ("240", 570),
        ("260", 400), ("265", 1_250), ("270", 540), ("350", 370),
    ]

    /// StatBank's long format (UTF-8 with BOM, CRLF, `;`), as its API writes HAND07 and FOLK1A for
    /// the eight quarters 2024K1–2025K4 DST published in June 2026: the sample municipality, ten
    /// others, the whole country, two regions and Christiansø. This municipality's HAND07 figures are
    /// its own DST extract's, but for one planted difference (§108, 2025K2); a neighbour's and one
    /// small type's cells are `..`.
    ///
    /// `others`: the other municipalities (the neighbours; at national size every one, see
    /// `nationalOthers`), each with its people per year of age.
    func statBankExtracts(dst: [DstRow], others: [(code: String, perAge: Int)] = Generator.neighbours)
        -> (hand07: ExportFile, folk1a: ExportFile, plants: [Plant]) {
        var random = SeededRandom(seed: 0x5747_4241_4E4B)
        let quarters = (0..<8).map { Quarter(year: 2024 + $0 / 4, quarter: $0 % 4 + 1) }
        let own = OwnExtract(dst, today: today)
        let mine = Catalogue.municipality.code
        var plants: [Plant] = []

        // FOLK1A: every area, both sexes and the total, unmarried and the total, ages 16–66 and the total.
        var folk = ExportFile(crlf: true, bom: true)
        folk.record(["OMRÅDE", "KØN", "ALDER", "CIVILSTAND", "TID", "INDHOLD"])
        let partners = others.contains { $0.code == "187" } ? [] : [(code: "187", perAge: 230)]
        let areas: [(code: String, perAge: Int)] = [("000", 74_000), ("084", 26_000), ("085", 11_200), ("411", 1), (mine, 560)]
            + others + partners
        var bandPopulation: [String: [Quarter: Int]] = [:]
        for (code, perAge) in areas {
            let name = DanishMunicipalities.names[code] ?? Self.aggregateName(code)
            for q in quarters {
                var total = 0, band = 0
                var rows: [(String, Int)] = []
                for age in 16...66 {
                    let n = max(0, perAge + perAge * random.int(-8...8) / 100 + (q.year - 2024) * perAge / 200)
                    rows.append(("\(age) år", n))
                    total += n
                    if (18...64).contains(age) { band += n }
                }
                bandPopulation[code, default: [:]][q] = band
                let area = code == "000" || code.hasPrefix("08") ? name : "\(code) \(name)"
                folk.record([area, "I alt", "I alt", "I alt", q.description, "\(total)"])
                for (age, n) in rows {
                    folk.record([area, "I alt", age, "I alt", q.description, "\(n)"])
                    folk.record([area, "Mænd", age, "I alt", q.description, "\(n / 2)"])
                    folk.record([area, "Kvinder", age, "I alt", q.description, "\(n - n / 2)"])
                    folk.record([area, "I alt", age, "Ugift", q.description, "\(n * 55 / 100)"])
                }
            }
        }

        // HAND07: recipients per area, service type and quarter.
        var hand = ExportFile(crlf: true, bom: true)
        hand.record(["OMRÅDE", "YDELSESTYPE", "TID", "INDHOLD"])
        // (A partner that another municipality reports for has no rows of its own.)
        let reporting = [("000", 0), ("084", 0), ("085", 0), ("411", 0), (mine, 0)]
            + others.filter { DanishMunicipalities.reporting($0.code) == $0.code }.map { ($0.code, 0) }
        for (code, _) in reporting {
            let name = DanishMunicipalities.names[code] ?? Self.aggregateName(code)
            for type in Self.statBankTypes {
                let lean = 1 + Double(random.int(-25...25)) / 100
                for q in quarters {
                    var value: String
                    if code == mine {
                        let n = own.figure(type.code, q, .recipients).map { $0 / 100 } ?? 0
                        value = "\(n)"
                        if type.code == "30181" && q == Quarter(year: 2025, quarter: 2) {
                            value = "\(n + 3)"
                            plants.append(Plant(kind: "publishedVsOwnDiffers", paragraph: "SEL-108", cpr: CPR(value: 0), caseId: "30181",
                                                month: q.description, note: "DST offentliggjorde \(n + 3), eget udtræk giver \(n)"))
                        }
                    } else if code == "411" {
                        value = "0"
                    } else {
                        // Pairs report for both halves (Ishøj for Vallensbæk).
                        let people = DanishMunicipalities.pooled(code).reduce(0) { $0 + (bandPopulation[$1]?[q] ?? 0) }
                        let n = Double(people) * type.per10k / 10_000 * lean * (1 + Double(random.int(-6...6)) / 100)
                        value = "\(Int(n.rounded()))"
                    }
                    if code == "350" && type.code == "30182" && q == Quarter(year: 2025, quarter: 3) { value = ".." }
                    if code != mine && code != "000" && code.count == 3 && !code.hasPrefix("08") && type.code == "31132" && value == "0" { value = ".." }
                    hand.record(["\(code) \(name)", "\(type.code) \(type.text)", q.description, value])
                }
            }
        }
        plants.append(Plant(kind: "notPublished", paragraph: "SEL-107", cpr: CPR(value: 0), caseId: "30182", month: "2025K3",
                            note: "Lejre (350): .. – ikke med i rang og de andres rate"))
        return (hand, folk, plants)
    }

    /// Every municipality but this one and Christiansø, with people per year of age drawn from the
    /// code (the national download a consultant gets when asking StatBank for all of them).
    static var nationalOthers: [(code: String, perAge: Int)] {
        DanishMunicipalities.names.keys.filter { $0 != Catalogue.municipality.code && $0 != "411" }.sorted().map { code in
            (code, 200 + (Int(code) ?? 0) * 37 % 1_300)
        }
    }

    static func aggregateName(_ code: String) -> String {
        switch code {
        case "000": return "Hele landet"
        case "084": return "Region Hovedstaden"
        case "085": return "Region Sjælland"
        case "411": return "Christiansø"
        default: return code
        }
    }
}
