/// The 98 Danish municipalities (kommuner) with the codes Danmarks Statistik uses, and the other
/// areas StatBank's tables hold (the whole country, the five regions, Christiansø), carried by the
/// product in this one place: the StatBank readers, and wherever a municipality is read from an
/// export (`Municipality.isSelf`), look names and codes up here.
public enum DanishMunicipalities {
    /// Code → name as Danmarks Statistik writes it today.
    public static let names: [String: String] = [
        "101": "København", "147": "Frederiksberg", "151": "Ballerup", "153": "Brøndby", "155": "Dragør",
        "157": "Gentofte", "159": "Gladsaxe", "161": "Glostrup", "163": "Herlev", "165": "Albertslund",
        "167": "Hvidovre", "169": "Høje-Taastrup", "173": "Lyngby-Taarbæk", "175": "Rødovre", "183": "Ishøj",
        "185": "Tårnby", "187": "Vallensbæk", "190": "Furesø", "201": "Allerød", "210": "Fredensborg",
        "217": "Helsingør", "219": "Hillerød", "223": "Hørsholm", "230": "Rudersdal", "240": "Egedal",
        "250": "Frederikssund", "253": "Greve", "259": "Køge", "260": "Halsnæs", "265": "Roskilde",
        "269": "Solrød", "270": "Gribskov", "306": "Odsherred", "316": "Holbæk", "320": "Faxe",
        "326": "Kalundborg", "329": "Ringsted", "330": "Slagelse", "336": "Stevns", "340": "Sorø",
        "350": "Lejre", "360": "Lolland", "370": "Næstved", "376": "Guldborgsund", "390": "Vordingborg",
        "400": "Bornholm", "410": "Middelfart", "420": "Assens", "430": "Faaborg-Midtfyn", "440": "Kerteminde",
        "450": "Nyborg", "461": "Odense", "479": "Svendborg", "480": "Nordfyns", "482": "Langeland",
        "492": "Ærø", "510": "Haderslev", "530": "Billund", "540": "Sønderborg", "550": "Tønder",
        "561": "Esbjerg", "563": "Fanø", "573": "Varde", "575": "Vejen", "580": "Aabenraa",
        "607": "Fredericia", "615": "Horsens", "621": "Kolding", "630": "Vejle", "657": "Herning",
        "661": "Holstebro", "665": "Lemvig", "671": "Struer", "706": "Syddjurs", "707": "Norddjurs",
        "710": "Favrskov", "727": "Odder", "730": "Randers", "740": "Silkeborg", "741": "Samsø",
        "746": "Skanderborg", "751": "Aarhus", "756": "Ikast-Brande", "760": "Ringkøbing-Skjern", "766": "Hedensted",
        "773": "Morsø", "779": "Skive", "787": "Thisted", "791": "Viborg", "810": "Brønderslev",
        "813": "Frederikshavn", "820": "Vesthimmerlands", "825": "Læsø", "840": "Rebild", "846": "Mariagerfjord",
        "849": "Jammerbugt", "851": "Aalborg", "860": "Hjørring",
    ]

    /// Names people still type (older spellings, English, the old municipalities' names) → code.
    static let aliases: [String: String] = [
        "Københavns": "101", "Copenhagen": "101", "Nordfyn": "480", "Vesthimmerland": "820", "Aeroe": "492",
        "Brønderslev-Dronninglund": "810", "Ringkøbing Skjern": "760",
    ]

    /// The areas StatBank's tables hold that are no municipality: skipped, not rejected.
    static let aggregates: [String: String] = [
        "000": "Hele landet", "081": "Region Nordjylland", "082": "Region Midtjylland", "083": "Region Syddanmark",
        "084": "Region Hovedstaden", "085": "Region Sjælland", "411": "Christiansø",
    ]
    static let aggregateAliases: [String: String] = [
        "All Denmark": "000", "Denmark": "000", "Landet": "000", "North Denmark Region": "081", "Central Denmark Region": "082",
        "Region of Southern Denmark": "083", "Capital Region of Denmark": "084", "Region Zealand": "085",
        "Nordjylland": "081", "Midtjylland": "082", "Syddanmark": "083", "Hovedstaden": "084", "Sjælland": "085",
    ]

    /// Ishøj reports for Vallensbæk and Tårnby for Dragør (Danmarks Statistik's HAND tables): the
    /// partner's code → the reporting municipality's.
    public static let reportedBy: [String: String] = ["187": "183", "155": "185"]

    /// The municipality whose figures hold `code`'s (itself, or Ishøj for Vallensbæk, Tårnby for Dragør).
    public static func reporting(_ code: String) -> String { reportedBy[code] ?? code }

    /// The codes compared as one with `code` (the reporting municipality first): `["183", "187"]` for either.
    public static func pooled(_ code: String) -> [String] {
        let head = reporting(code)
        return [head] + reportedBy.filter { $0.value == head }.map(\.key).sorted()
    }

    /// The label of a pooled pair or a single municipality: "Ishøj og Vallensbæk".
    public static func label(_ codes: [String]) -> String {
        codes.map { names[$0] ?? $0 }.joined(separator: " og ")
    }

    /// What an area cell of an export or a StatBank table means.
    public enum Area: Equatable, Sendable {
        case municipality(code: String)
        /// The whole country, a region or Christiansø.
        case aggregate(code: String)
        case unknown
    }

    /// Reads `253`, `0253`, `Greve`, `253 Greve`, `Greve Kommune`, `Århus`/`Aarhus`, `Høje Tåstrup`,
    /// `000 Hele landet`, `Region Hovedstaden`. A code wins over the text beside it.
    public static func area(_ raw: some StringProtocol) -> Area {
        let text = Substring(raw).trimmingSpaces
        guard !text.isEmpty else { return .unknown }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty {
            let rest = text.dropFirst(digits.count)
            guard rest.isEmpty || rest.first == " " || rest.first == "\u{A0}", digits.count <= 4, let n = Int(digits) else { return .unknown }
            let code = n < 10 ? "00\(n)" : n < 100 ? "0\(n)" : "\(n)"
            if names[code] != nil { return .municipality(code: code) }
            if aggregates[code] != nil { return .aggregate(code: code) }
            return .unknown
        }
        let key = folded(text)
        if let code = byName[key] { return .municipality(code: code) }
        if let code = aggregateByName[key] { return .aggregate(code: code) }
        return .unknown
    }

    /// The municipality's code for an area cell (nil: an aggregate or unknown).
    public static func code(_ raw: some StringProtocol) -> String? {
        if case .municipality(let code) = area(raw) { return code }
        return nil
    }

    /// Names folded: lower case, `aa`/`ae`/`oe` as `å`/`æ`/`ø`, hyphens and runs of spaces as one
    /// space, a trailing "kommune" left out.
    static func folded(_ text: some StringProtocol) -> String {
        var s = String(text).lowercased()
        for (from, to) in [("aa", "å"), ("ae", "æ"), ("oe", "ø"), ("-", " "), ("\u{A0}", " ")] {
            s = s.replacingOccurrences(of: from, with: to)
        }
        var words = s.split(separator: " ")
        if words.count > 1, words.last == "kommune" || words.last == "kommunes" { words.removeLast() }
        return words.joined(separator: " ")
    }

    private static let byName: [String: String] = {
        var out: [String: String] = [:]
        for (code, name) in names { out[folded(name)] = code }
        for (name, code) in aliases { out[folded(name)] = code }
        return out
    }()

    private static let aggregateByName: [String: String] = {
        var out: [String: String] = [:]
        for (code, name) in aggregates { out[folded(name)] = code }
        for (name, code) in aggregateAliases { out[folded(name)] = code }
        return out
    }()
}
