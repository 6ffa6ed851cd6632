import Foundation

/// A small source drop written into a temporary folder: the three required tables with a
/// few rows each, and the configuration. Tests change what they need before `write()`.
public struct DropBuilder {
    public var config = """
    [municipality]
    code = "250"
    name = "Frederikssund"

    [snapshot]
    dir = "snapshots"
    keep = 2

    """
    public var grants = """
    Sags-ID;CPR;Navn;Paragraf;Ydelseskode;Leverandør;Startdato;Slutdato;Takst;Takstenhed;Sagsbehandler;Næste opfølgning
    S-1;010190-1234;Jens Ærø;SEL §108;108-01;"Bostedet; afd. Øst";01-01-2025;;2.450,00;dag;MHA;01-12-2026
    S-2;0202851235;Åse Øby;§ 85;85-01;Bostøtten;15-03-2025;31-12-2026;450,00;time;MHA;

    """
    public var payments = """
    Bilagsnr;CPR;Funktion;Gruppering;Periode fra;Periode til;Beløb;Bogføringsdato
    B-1;0101901234;5.38.50;;01-01-2025;31-01-2025;75.950,00;05-02-2025
    B-2;0101901234;5.38.50;;01-02-2025;28-02-2025;-500,00;05-03-2025

    """
    public var mapping = """
    Paragraf;Funktion;Gruppering;DST-ydelseskode;Ydelseskoder;Tekst
    SEL-108;5.38.50;;108;108-01;Længerevarende botilbud
    SEL-85;5.38.38;004;85;85-01,85-02;Socialpædagogisk støtte

    """
    /// Extra files by relative path (staff, budget, dst, or anything else).
    public var extra: [String: [UInt8]] = [:]

    public init() {}

    /// Writes the drop into `folder` and returns the configuration's path.
    @discardableResult
    public func write(into folder: TemporaryFolder) -> String {
        folder.write("fagsystem/indsatser.csv", grants)
        folder.write("okonomi/posteringer.csv", payments)
        folder.write("stamdata/masteroversigt.csv", mapping)
        for (path, bytes) in extra { folder.write(path, bytes: bytes) }
        return folder.write("overblik.toml", config)
    }
}

/// Sampledata's drop in `folder` (its folders linked, so the configured paths hold) with its
/// configuration changed by `edit`; returns the configuration's path.
@discardableResult
public func sampledataDrop(in folder: TemporaryFolder, edit: (String) -> String = { $0 }) -> String {
    for name in ["fagsystem", "okonomi", "dst", "stamdata"] {
        try! FileManager.default.createSymbolicLink(atPath: folder.file(name), withDestinationPath: packageRoot() + "/Sampledata/" + name)
    }
    return folder.write("overblik.toml", edit(try! String(contentsOfFile: packageRoot() + "/Sampledata/overblik.toml", encoding: .utf8)))
}
