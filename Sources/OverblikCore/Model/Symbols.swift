/// A text that repeats on millions of payment lines (an account function, a grouping, a
/// provider, a municipality), as its number in the dataset's `Symbols`. Four bytes instead of a
/// String's sixteen, and compared and hashed as a number.
public struct Symbol: Hashable, Comparable, Sendable {
    public let id: UInt32

    public init(id: UInt32) { self.id = id }

    /// The empty text (for a municipality: none given, i.e. this municipality).
    public static let empty = Symbol(id: 0)

    public var isEmpty: Bool { id == 0 }

    public static func < (a: Symbol, b: Symbol) -> Bool { a.id < b.id }
}

/// The texts a dataset's symbols stand for, each stored once (symbol 0 is the empty text).
public struct Symbols: Sendable, Equatable {
    public private(set) var texts: [String] = [""]
    private var ids: [String: Symbol] = ["": .empty]

    public init() {}

    /// The table as stored: `texts[i]` is symbol `i`, `texts[0]` the empty text.
    public init(texts: [String]) {
        self.texts = texts.isEmpty ? [""] : texts
        ids = [:]
        for (i, t) in self.texts.enumerated() where ids[t] == nil { ids[t] = Symbol(id: UInt32(i)) }
    }

    /// The symbol of `text`, added when new.
    public mutating func intern(_ text: String) -> Symbol {
        if let s = ids[text] { return s }
        let s = Symbol(id: UInt32(texts.count))
        texts.append(text)
        ids[text] = s
        return s
    }

    /// The symbol of `text` when the table has it.
    public func symbol(for text: String) -> Symbol? { ids[text] }

    /// The text of a symbol ("" for one the table does not have).
    public subscript(_ s: Symbol) -> String { Int(s.id) < texts.count ? texts[Int(s.id)] : "" }

    /// A municipality symbol as text: nil for none (this municipality).
    public func municipality(_ s: Symbol) -> String? { s.isEmpty ? nil : self[s] }

    public var count: Int { texts.count }

    /// The same texts numbered in text order (the empty text stays 0), and each old symbol's new
    /// one: symbols interned by parallel readers get the numbers they would get read in one go.
    public func inTextOrder() -> (symbols: Symbols, renumbered: [Symbol]) {
        let order = texts.indices.sorted { texts[$0] < texts[$1] }
        var renumbered = [Symbol](repeating: .empty, count: texts.count)
        for (new, old) in order.enumerated() { renumbered[old] = Symbol(id: UInt32(new)) }
        return (Symbols(texts: order.map { texts[$0] }), renumbered)
    }

    public static func == (a: Symbols, b: Symbols) -> Bool { a.texts == b.texts }
}

extension Payment {
    /// The payment with its symbols renumbered (`renumbered[old.id]` is the new symbol).
    public mutating func renumber(_ renumbered: [Symbol]) {
        function = renumbered[Int(function.id)]
        grouping = renumbered[Int(grouping.id)]
        provider = renumbered[Int(provider.id)]
        payingMunicipality = renumbered[Int(payingMunicipality.id)]
        actingMunicipality = renumbered[Int(actingMunicipality.id)]
    }
}
