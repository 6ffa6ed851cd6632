import OverblikCore

/// The fixed parts of the fictitious municipality: its masteroversigt, staff and word lists.
/// Every name here is invented.
enum Catalogue {
    static let municipality = Municipality(code: "250", name: "Frederikssund")

    /// The masteroversigt, with Danmarks Statistik's service-type codes (HAND07's YDELSESTYPE). §85
    /// has two rows (31202 outside and 31201 in botilbudslignende tilbud); §95, §96 and §85 share function 5.38.38 told apart by grouping;
    /// §97 and §99 share 5.38.53 with no grouping.
    static let mapping: [MappingRow] = [
        MappingRow(paragraph: Paragraph(number: 85), function: "5.38.38", grouping: "004", dstCode: "31202",
                   serviceCodes: ["85-01", "85-02"], label: "Socialpædagogisk støtte"),
        MappingRow(paragraph: Paragraph(number: 85), function: "5.38.38", grouping: "004", dstCode: "31201",
                   serviceCodes: ["85-10"], label: "Socialpædagogisk støtte i botilbudslignende tilbud"),
        MappingRow(paragraph: Paragraph(number: 95), function: "5.38.38", grouping: "001", dstCode: "",
                   serviceCodes: ["95-01"], label: "Kontant tilskud til hjælp"),
        MappingRow(paragraph: Paragraph(number: 96), function: "5.38.38", grouping: "002", dstCode: "",
                   serviceCodes: ["96-01"], label: "Borgerstyret personlig assistance"),
        MappingRow(paragraph: Paragraph(number: 97), function: "5.38.53", dstCode: "",
                   serviceCodes: ["97-01"], label: "Ledsagelse"),
        MappingRow(paragraph: Paragraph(number: 99), function: "5.38.53", dstCode: "",
                   serviceCodes: ["99-01"], label: "Støtte- og kontaktperson"),
        MappingRow(paragraph: Paragraph(number: 103), function: "5.38.58", dstCode: "30014",
                   serviceCodes: ["103-01"], label: "Beskyttet beskæftigelse"),
        MappingRow(paragraph: Paragraph(number: 104), function: "5.38.59", dstCode: "30011",
                   serviceCodes: ["104-01", "104-02"], label: "Aktivitets- og samværstilbud"),
        MappingRow(paragraph: Paragraph(number: 107), function: "5.38.52", dstCode: "30182",
                   serviceCodes: ["107-01"], label: "Midlertidigt botilbud"),
        MappingRow(paragraph: Paragraph(number: 108), function: "5.38.50", dstCode: "30181",
                   serviceCodes: ["108-01"], label: "Længerevarende botilbud"),
        MappingRow(paragraph: Paragraph(law: "ABL", number: 105), function: "5.38.51", dstCode: "",
                   serviceCodes: ["105-01"], label: "Almene ældre- og handicapboliger"),
    ]

    static func row(for serviceCode: String) -> MappingRow {
        mapping.first { $0.serviceCodes.contains(serviceCode) }!
    }

    struct Team {
        let name: String
        let lead: (String, String)
        let caseworkers: [(String, String)]
    }

    static let teams: [Team] = [
        Team(name: "Botilbud", lead: ("BIK", "Birgitte Kjærsgaard"), caseworkers: [
            ("MHA", "Mette Hald"), ("SØR", "Søren Østergård"), ("LJE", "Line Jessen"), ("KBR", "Kasper Brøns"),
            ("AÅM", "Anne Åmand"),
        ]),
        Team(name: "Bostøtte", lead: ("HEP", "Henrik Pallesen"), caseworkers: [
            ("TLA", "Tina Lauesen"), ("JVI", "Jonas Vinther"), ("RMØ", "Rikke Møllgaard"), ("PNI", "Peter Nissum"),
            ("CDA", "Camilla Dahlbæk"), ("OFR", "Ole Frørup"),
        ]),
        Team(name: "Dagtilbud og beskæftigelse", lead: ("MAS", "Marianne Skovsende"), caseworkers: [
            ("NKJ", "Nanna Kjeldsø"), ("ULA", "Ulrik Lammefjord"), ("DBJ", "Dorthe Bjerreby"), ("EHØ", "Emil Høgsted"),
        ]),
    ]

    static let consultants: [(String, String)] = [("ØKO", "Gitte Økonomisen"), ("DAT", "Frederik Dataløkke")]

    static let firstNames = [
        "Anders", "Birthe", "Carsten", "Ditte", "Erik", "Frida", "Gorm", "Hanne", "Ib", "Jytte", "Karl", "Lene",
        "Mads", "Nina", "Ove", "Pia", "Rasmus", "Sanne", "Thor", "Ulla", "Vagn", "Winnie", "Åse", "Ærø", "Bjørn",
        "Søs", "Jørgen", "Mette", "Niels", "Kirsten", "Lars", "Inge", "Preben", "Grethe", "Jens", "Tove",
    ]
    static let lastNames = [
        "Fjordvang", "Kløvermark", "Sandholt", "Egelund", "Stenbæk", "Hvidkær", "Lyngsø", "Mosegård",
        "Bøgelund", "Rævehøj", "Skovbo", "Engsig", "Hyldgaard", "Tornø", "Vesterå", "Damsø", "Krogsbøl",
        "Lærkenborg", "Pilgård", "Ørnstrup",
    ]

    static let providers: [String: [String]] = [
        "SEL-108": ["Bostedet Egebakken", "Botilbuddet \"Solsikken\"", "Fjordhuset; afd. Vest"],
        "SEL-107": ["Overgangsboligen Kildevang", "Bostedet Egebakken"],
        "SEL-85": ["Bostøtten Nord", "Bostøtten Syd", "Støttecentret Ådalen"],
        "SEL-95": ["Kontant tilskud"], "SEL-96": ["BPA – egen arbejdsgiver"],
        "SEL-97": ["Ledsagerordningen"], "SEL-99": ["Kontaktpersonordningen"],
        "SEL-103": ["Værkstedet Kløvervang", "Produktionsskolen Fjordlys"],
        "SEL-104": ["Aktivitetshuset Fjordlys", "Værestedet Ålekisten"],
        "ABL-105": ["Boligforeningen Engparken"],
    ]

    static let targetGroups = [
        "Kognitiv funktionsnedsættelse", "Sindslidelse", "Fysisk funktionsnedsættelse",
        "Udviklingsforstyrrelse", "Erhvervet hjerneskade", "Misbrug",
    ]
}
