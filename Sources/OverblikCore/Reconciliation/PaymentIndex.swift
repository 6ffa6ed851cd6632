/// The payments sorted once for every year's figures: per citizen and paragraph (the
/// attribution of `paragraph(of:)`) and per account function, as positions in the payment list;
/// and the grants per citizen and paragraph. At national scale building these is a large part
/// of the work; both years share one.
public struct PaymentIndex: Sendable {
    public let byCitizen: [CPR: [Paragraph: [Int32]]]
    public let byFunction: [Symbol: [Int32]]
    /// Grants per citizen and paragraph (all time), in file order.
    public let grantsByCitizen: [CPR: [Paragraph: [Grant]]]
    /// Every grant's coverage per paragraph and citizen (movements and data breaks).
    public let coverage: ParagraphCoverage

    public init(payments: [Payment], grants: [Grant], mapping: MappingIndex) {
        var ofCitizen: [CPR: [Grant]] = [:]
        var grantsBy: [CPR: [Paragraph: [Grant]]] = [:]
        for g in grants {
            ofCitizen[g.cpr, default: []].append(g)
            grantsBy[g.cpr, default: [:]][g.paragraph, default: []].append(g)
        }
        grantsByCitizen = grantsBy
        coverage = ParagraphCoverage(grants: grants)
        var p: [CPR: [Paragraph: [Int32]]] = [:]
        // Per function by symbol id (an array, not a dictionary: one look-up per payment).
        var f: [[Int32]] = Array(repeating: [], count: mapping.symbols.count)
        // A citizen's payments mostly follow one another: their grants are looked up once per run.
        var citizen: CPR?
        var citizenGrants: [Grant] = []
        for (i, x) in payments.enumerated() {
            let id = Int(x.function.id)
            if id >= f.count { f.append(contentsOf: repeatElement([], count: id + 1 - f.count)) }
            f[id].append(Int32(i))
            if x.cpr != citizen { (citizen, citizenGrants) = (x.cpr, ofCitizen[x.cpr] ?? []) }
            guard let paragraph = OverblikCore.paragraph(of: x, mapping: mapping, grantsOfCitizen: citizenGrants) else { continue }
            p[x.cpr, default: [:]][paragraph, default: []].append(Int32(i))
        }
        byCitizen = p
        var byFunction: [Symbol: [Int32]] = [:]
        for (id, positions) in f.enumerated() where !positions.isEmpty { byFunction[Symbol(id: UInt32(id))] = positions }
        self.byFunction = byFunction
    }
}
