/// The payments sorted once for every year's figures: per citizen and paragraph (the
/// attribution of `paragraph(of:)`) and per account function, as positions in the payment list.
/// At national scale building these is a large part of the work; both years share one.
public struct PaymentIndex: Sendable {
    public let byCitizen: [CPR: [Paragraph: [Int32]]]
    public let byFunction: [Symbol: [Int32]]

    public init(payments: [Payment], grants: [Grant], mapping: MappingIndex) {
        var ofCitizen: [CPR: [Grant]] = [:]
        for g in grants { ofCitizen[g.cpr, default: []].append(g) }
        var p: [CPR: [Paragraph: [Int32]]] = [:]
        var f: [Symbol: [Int32]] = [:]
        for (i, x) in payments.enumerated() {
            f[x.function, default: []].append(Int32(i))
            guard let paragraph = OverblikCore.paragraph(of: x, mapping: mapping, grantsOfCitizen: ofCitizen[x.cpr] ?? []) else { continue }
            p[x.cpr, default: [:]][paragraph, default: []].append(Int32(i))
        }
        byCitizen = p
        byFunction = f
    }
}
