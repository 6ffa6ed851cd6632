import Foundation
import GRDB
@testable import OverblikSnapshotWriter
import OverblikCore
import OverblikTestSupport
import Testing
import Synchronization
@testable import OverblikStore

/// A dataset with every field of every table filled, and every optional one left empty once.
func fullDataset() -> Dataset {
    let d = { (y: Int, m: Int, day: Int) in Day(year: y, month: m, day: day)! }
    let cpr = CPR(value: 101_901_234)
    var set = Dataset(municipality: Municipality(code: "250", name: "Frederikssund"))
    set.grants = [
        Grant(caseId: "S-1", cpr: cpr, name: "Åse Øby", paragraph: Paragraph(number: 85), serviceCode: "85-01",
              serviceName: "Støtte", provider: "Bostøtten; Syd", start: d(2025, 1, 1), end: d(2026, 12, 31),
              rate: Money(ore: 45_000), rateUnit: .hour, hoursPerWeek: Hundredths(750), caseworker: "MHA", team: "Bostøtte",
              nextFollowUp: d(2026, 12, 1), lastFollowUp: d(2026, 6, 1), targetGroup: "Sindslidelse",
              actingMunicipality: "Egedal", payingMunicipality: "260", line: 2),
        Grant(caseId: "S-2", cpr: CPR(value: 3_112_994_321), paragraph: Paragraph(law: "ABL", number: 105),
              start: d(2024, 2, 29), line: 3),
    ]
    set.staff = [StaffMember(initials: "MHA", name: "Mette Hald", team: "Bostøtte", role: .teamLead, username: "mha", line: 2)]
    set.addPayment(voucherId: "B-1", cpr: cpr, function: "5.38.38", grouping: "004", provider: "x", periodStart: d(2025, 1, 1),
                   periodEnd: d(2025, 1, 31), amount: Money(ore: -12_345), postingDate: d(2025, 2, 5),
                   payingMunicipality: "Halsnæs", actingMunicipality: "240", line: 2)
    set.addPayment(voucherId: "B-2", cpr: cpr, function: "5.38.50", periodStart: d(2025, 2, 1), periodEnd: d(2025, 2, 28),
                   amount: Money(ore: 1), postingDate: d(2025, 3, 5), line: 3)
    set.budget = [BudgetLine(year: 2026, month: 7, function: "5.38.50", budget: Money(kroner: 1_000_000),
                             correctedBudget: Money(kroner: 1_080_000), line: 2),
                  BudgetLine(year: 2026, month: 8, function: "5.38.50", budget: Money(kroner: 1_000_000), line: 3)]
    set.dst = [DstRow(cpr: cpr, paragraph: Paragraph(number: 85), dstCode: "85", start: d(2025, 1, 1), end: d(2026, 12, 31),
                      targetGroup: "Sindslidelse", line: 2),
               DstRow(cpr: cpr, paragraph: Paragraph(number: 82, letter: "a"), dstCode: "82A", start: d(2025, 1, 1), line: 3)]
    set.mapping = [MappingRow(paragraph: Paragraph(number: 85), function: "5.38.38", grouping: "004", dstCode: "85",
                              serviceCodes: ["85-01", "85-02"], label: "Socialpædagogisk støtte", line: 2),
                   MappingRow(paragraph: Paragraph(law: "ABL", number: 105), function: "5.38.51", line: 3)]
    set.rejected = [RejectedRow(table: .payments, file: "okonomi/posteringer.csv", line: 7, column: "Beløb", field: "amount", value: "1.5",
                                reason: Message(da: "ugyldigt beløb", en: "invalid amount"))]
    set.sources = TableName.allCases.map {
        SourceInfo(table: $0, path: $0.defaultPath, sha256: $0 == .dst ? "" : "ab12", bytes: 10, rows: 2,
                   rejected: $0 == .payments ? 1 : 0, encoding: "utf-8", present: $0 != .dst)
    }
    return set
}

@Suite("Snapshot store")
struct SnapshotRoundTripTests {
    let metadata = SnapshotMetadata(createdAt: "2026-11-23T06:00:00+01:00", today: Day(year: 2026, month: 11, day: 23)!,
                                    municipality: Municipality(code: "250", name: "Frederikssund"), programVersion: "test",
                                    configPath: "/drop/overblik.toml", dueSoonDays: 14, rateTolerance: 0.03)

    @Test func everyFieldSurvivesTheRoundTrip() throws {
        let folder = TemporaryFolder()
        let path = folder.file("s.sqlite")
        try SnapshotWriter.write(fullDataset(), metadata: metadata, to: path)
        let snapshot = try Snapshot(path: path)
        #expect(try snapshot.dataset() == fullDataset())
        #expect(try snapshot.metadata() == metadata)
        #expect(try snapshot.rejectedRows(offset: 0, limit: 5).count == 1)
        #expect(try snapshot.rejectedRows(offset: 1, limit: 5).isEmpty)
    }

    @Test func aFileThatIsNoSnapshotIsRefusedClearly() {
        let folder = TemporaryFolder()
        let path = folder.write("ikke.sqlite", "dette er ikke en database")
        #expect(throws: SnapshotError.self) { try Snapshot(path: path) }
    }

    @Test func publishIsAtomicAndPrivate() throws {
        let folder = TemporaryFolder()
        let directory = SnapshotDirectory(path: folder.file("snaps"))
        let path = try directory.publish(createdAt: Date(timeIntervalSince1970: 1_795_420_800), mode: 0o600, keep: 1, dryRun: false) {
            try SnapshotWriter.write(fullDataset(), metadata: metadata, to: $0)
        }
        #expect((path as NSString).lastPathComponent == "snapshot-20261123T080000.000Z.sqlite")
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
        #expect(directory.newest() == path)
        // A write that fails leaves the published snapshot alone and no temporary file behind.
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try directory.publish(createdAt: Date(timeIntervalSince1970: 1_795_424_400), mode: 0o600, keep: 1, dryRun: false) { _ in throw Boom() }
        }
        #expect(directory.snapshots() == [path])
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.file("snaps"))
        #expect(names.sorted() == [".overblik-sync.lock", "snapshot-20261123T080000.000Z.sqlite"])
    }

    @Test func namesStayIncreasingWhenTheClockGoesBack() throws {
        let folder = TemporaryFolder()
        let directory = SnapshotDirectory(path: folder.path)
        let later = try directory.publish(createdAt: Date(timeIntervalSince1970: 1_795_424_400), mode: 0o600, keep: 5, dryRun: false) {
            try SnapshotWriter.write(fullDataset(), metadata: metadata, to: $0)
        }
        let earlier = try directory.publish(createdAt: Date(timeIntervalSince1970: 1_795_420_800), mode: 0o600, keep: 5, dryRun: false) {
            try SnapshotWriter.write(fullDataset(), metadata: metadata, to: $0)
        }
        #expect(directory.snapshots() == [later, earlier])
        #expect(directory.newest() == earlier)
    }
}

@Suite("Snapshot store: derived figures")
struct DerivedFiguresStoreTests {
    @Test func derivedFiguresSurviveTheRoundTrip() throws {
        let today = Day(year: 2026, month: 11, day: 23)!
        let data = fullDataset()
        let derived = DerivedFigures.years(for: today).map { DerivedFigures.compute(data, year: $0, today: today, rateTolerance: 0.02) }
        #expect(derived.map(\.year) == [2025, 2026])
        #expect(derived[1].reconciliation?.discrepancies.isEmpty == false)
        #expect(derived[1].budget.count == 36)
        let folder = TemporaryFolder()
        let path = folder.file("s.sqlite")
        try SnapshotWriter.write(data, derived: derived, metadata: SnapshotMetadata(
            createdAt: "x", today: today, municipality: data.municipality, programVersion: "t", configPath: "c"), to: path)
        let snapshot = try Snapshot(path: path)
        #expect(try snapshot.derived(year: 2026) == derived[1])
        #expect(try snapshot.derived(year: 2025) == derived[0])
        #expect(try snapshot.derived(year: 2024) == nil)
    }
}

@Suite("Radix sort of the payment order")
struct RadixSortTests {
    /// Keys whose low bits are their position, sorted stably on the bits above: the same as
    /// sorting them whole; with few distinct high digits, and with every bit in use.
    @Test func equalsSortingTheWholeKeys() {
        var random = SystemRandomNumberGenerator()
        for spread in [UInt64(3), 1 << 20, UInt64.max >> 28] {
            var keys = (0..<50_000).map { i in UInt64.random(in: 0...spread, using: &random) << 28 | UInt64(i) }
            let expected = keys.sorted()
            radixSort(&keys, above: 28)
            #expect(keys == expected)
        }
        var one: [UInt64] = [7]
        radixSort(&one, above: 28)
        #expect(one == [7])
    }

    /// The positions in the order of their keys, equal keys in position order: the same as a
    /// comparing sort of (key, position); with few distinct keys, with every bit in use, and short.
    @Test func stableOrderEqualsSortingKeyAndPosition() {
        var random = SplitMix(seed: 17)
        // (Masked: only some middle bits differ, as between voucher ids packed as text, a few bits of
        // each byte: the passes go over those bits only.)
        for (count, spread, masked) in [(50_000, UInt64(3), false), (50_000, 1 << 40, false), (50_000, UInt64.max, false),
                                        (70_000, UInt64.max, false), (70_000, 1 << 20, false), (2, 1, false), (1, 5, false),
                                        (0, 5, false), (300, UInt64.max, false), (70_000, UInt64.max, true), (300, UInt64.max, true)] {
            var keys = (0..<count).map { _ in UInt64.random(in: 0...spread, using: &random) }
            if masked { keys = keys.map { 0x3030_3030_0000_0000 | ($0 & 0x0F0F_0F0F_0000) } }
            let expected = keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
            #expect(stableOrder(of: keys) == expected, "\(count) keys up to \(spread)")
            // Inverted: by the keys descending, equal keys still in position order.
            #expect(stableOrder(of: keys, inverted: true) == keys.indices.sorted { (~keys[$0], $0) < (~keys[$1], $1) },
                    "\(count) keys up to \(spread), inverted")
            // In order, in reverse order (with ties and without), and in order but for the last key.
            let sorted = keys.sorted(), unique = Array(Set(keys)).sorted()
            for k in [sorted, Array(sorted.reversed()), Array(unique.reversed()), sorted.dropLast() + (sorted.first.map { [$0] } ?? [])] {
                #expect(stableOrder(of: k) == k.indices.sorted { (k[$0], $0) < (k[$1], $1) }, "\(count) keys up to \(spread), ordered")
                #expect(stableOrder(of: k, inverted: true) == k.indices.sorted { (~k[$0], $0) < (~k[$1], $1) },
                        "\(count) keys up to \(spread), ordered, inverted")
            }
        }
    }

    /// Keys in a few ascending runs (merged, not sorted by digits), ties within and across runs,
    /// and in more runs than are merged: the same as a comparing sort of (key, position).
    @Test func stableOrderOfKeysInRuns() {
        var random = SplitMix(seed: 5)
        for runs in [2, 3, 8, 9, 40] {
            let keys = (0..<runs).flatMap { _ in (0..<Int(random.next() % 5_000)).map { _ in random.next() % 300 }.sorted() }
            #expect(stableOrder(of: keys) == keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }, "\(runs) runs")
            let falling = Array(keys.reversed())
            #expect(stableOrder(of: falling, inverted: true) == falling.indices.sorted { (~falling[$0], $0) < (~falling[$1], $1) },
                    "\(runs) runs, inverted")
        }
    }
}

@Suite("Snapshot store: payment blocks")
struct PaymentBlockTests {
    /// The blocks per citizen and per function and month hold the same payments, in file order within
    /// a citizen, whether the export came citizen by citizen (taken as it is) or mixed (sorted first).
    @Test(arguments: [false, true]) func blocksAreTheSameForAnyFileOrder(mixed: Bool) throws {
        let d = { (y: Int, m: Int, day: Int) in Day(year: y, month: m, day: day)! }
        let (a, b, c) = (CPR(value: 101_901_234), CPR(value: 202_902_345), CPR(value: 3_112_994_321))
        // (voucher, citizen, function, posted): in citizen order, or mixed.
        var rows: [(String, CPR, String, Day)] = [
            ("A1", a, "5.38.50", d(2026, 1, 5)), ("A2", a, "5.38.42", d(2026, 1, 5)), ("A3", a, "5.38.50", d(2026, 2, 5)),
            ("B1", b, "5.38.50", d(2026, 1, 9)), ("B2", b, "5.38.50", d(2026, 1, 2)),
            ("C1", c, "5.38.42", d(2026, 1, 31)),
        ]
        if mixed { rows = [rows[5], rows[3], rows[0], rows[4], rows[1], rows[2]] }
        var data = Dataset(municipality: Municipality(code: "250", name: "Frederikssund"))
        for (line, (voucher, cpr, function, posted)) in rows.enumerated() {
            data.addPayment(voucherId: voucher, cpr: cpr, function: function, periodStart: d(2026, 1, 1), periodEnd: d(2026, 1, 31),
                            amount: Money(kroner: 100), postingDate: posted, line: line + 2)
        }
        let folder = TemporaryFolder()
        let path = folder.file("s.sqlite")
        try SnapshotWriter.write(data, metadata: SnapshotMetadata(createdAt: "x", today: d(2026, 11, 23), municipality: data.municipality,
                                                                  programVersion: "t", configPath: "c"), to: path)
        let snapshot = try Snapshot(path: path)
        #expect(try snapshot.citizen(a).payments.map(\.voucherId) == ["A1", "A2", "A3"])
        #expect(try snapshot.citizen(b).payments.map(\.voucherId) == ["B1", "B2"])
        #expect(try snapshot.citizen(c).payments.map(\.voucherId) == ["C1"])
        // The function's payments posted in January, in file order.
        let january = try #require(DayRange(d(2026, 1, 1), d(2026, 1, 31)))
        let february = try #require(DayRange(d(2026, 2, 1), d(2026, 2, 28)))
        #expect(try snapshot.payments(function: "5.38.50", posted: january).payments.map(\.voucherId)
                == (mixed ? ["B1", "A1", "B2"] : ["A1", "B1", "B2"]))
        #expect(try snapshot.payments(function: "5.38.42", posted: january).payments.map(\.voucherId)
                == (mixed ? ["C1", "A2"] : ["A2", "C1"]))
        #expect(try snapshot.payments(function: "5.38.50", posted: february)
                    .payments.map(\.voucherId) == ["A3"])
        // The stored block per function and month holds them in file order too (a list shown without a sort).
        let block = try #require(try snapshot.paymentBlock(function: "5.38.50", year: 2026, month: 1))
        #expect(block.payments(at: [0, 1, 2]).map { $0?.voucherId } == (mixed ? ["B1", "A1", "B2"] : ["A1", "B1", "B2"]))
    }

    /// A block of a thousand payments taken in a scattered order (as a block per function and
    /// month takes them) decodes to those payments in that order, long voucher ids included.
    @Test func aScatteredBlockDecodesToItsPayments() {
        var random = SplitMix(seed: 15)
        let payments = (0..<1_000).map { i in
            let start = Day(ordinal: Int32.random(in: 18_000...21_000, using: &random))
            let voucher = i % 7 == 0 ? "bilag-med-et-langt-nummer-\(i)-æøå" : "\(5_000_000 + i)"
            return Payment(voucherId: voucher, cpr: CPR(value: Int64.random(in: 101_000_000...3_112_999_999, using: &random)),
                           function: Symbol(id: UInt32.random(in: 0...20, using: &random)), grouping: Symbol(id: UInt32(i % 3)),
                           provider: Symbol(id: UInt32(i % 11)), periodStart: start, periodEnd: start.advanced(by: Int.random(in: 0...40, using: &random)),
                           amount: Money(ore: Int64.random(in: -5_000_000...90_000_000, using: &random)),
                           postingDate: start.advanced(by: Int.random(in: -10...60, using: &random)),
                           payingMunicipality: Symbol(id: UInt32(i % 2)), actingMunicipality: Symbol(id: UInt32(i % 5)), line: i + 2)
        }
        let order = Array(payments.indices).shuffled(using: &random)
        var block: [UInt8] = [], scratch: [UInt8] = []
        for take in [order, Array(order.prefix(63)), Array(order.prefix(65)), []] {
            take.withUnsafeBufferPointer { k in payments.withUnsafeBufferPointer { PaymentCodec.encode(k, of: $0, into: &block, scratch: &scratch) } }
            let decoded = block.withUnsafeBytes { PaymentCodec.decode($0, count: take.count) }
            #expect(decoded == take.map { payments[$0] })
        }
    }

    /// Values at every length a stored number takes, one byte to ten (the largest and the most
    /// negative amounts, symbols and lines, steps between the citizens both ways), decode to
    /// themselves: the one-byte values read at once and the longer ones byte by byte agree.
    @Test func valuesOfEveryLengthDecodeToThemselves() {
        let amounts: [Int64] = [0, 1, -1, 63, -64, 64, -65, 8_191, 8_192, -8_193, 1 << 35, -(1 << 35), Int64.max, Int64.min, Int64.max - 1, Int64.min + 1]
        let payments = amounts.enumerated().map { i, amount in
            Payment(voucherId: i % 2 == 0 ? "\(i)" : String(repeating: "v", count: 130 + i), cpr: CPR(value: i % 3 == 0 ? 101_000_000 : 3_112_999_999),
                    function: Symbol(id: i % 4 == 0 ? UInt32.max : UInt32(i)), grouping: Symbol(id: UInt32(127 + i)), provider: Symbol(id: 0),
                    periodStart: Day(ordinal: i % 2 == 0 ? 0 : 2_000_000), periodEnd: Day(ordinal: i % 2 == 0 ? 2_000_000 : 0),
                    amount: Money(ore: amount), postingDate: Day(ordinal: Int32(i) * 1_000_003), payingMunicipality: Symbol(id: 128),
                    actingMunicipality: Symbol(id: 16_384), line: i % 2 == 0 ? 2 + i : Int(Int32.max) + i)
        }
        let bytes = PaymentCodec.encode(payments)
        #expect(bytes.withUnsafeBytes { PaymentCodec.decode($0, count: payments.count) } == payments)
        #expect(PaymentBlock(bytes: bytes, count: payments.count, symbols: Symbols(texts: [])).payments(at: Array(payments.indices.reversed()))
                == payments.reversed())
    }

    /// A block read a few payments at a time gives them in the file's order (as the sync stores
    /// them), as the whole block decoded does, whatever order they are asked in.
    @Test func aBlockReadAFewAtATimeGivesThePaymentsInTheFilesOrder() throws {
        var random = SplitMix(seed: 16)
        let symbols = Symbols(texts: ["", "5.38.38", "001", "Botilbud A/S"])
        for size in [0, 1, 63, 64, 65, 128, 1_000, 5_000] {
            let payments = (0..<size).map { i in
                let start = Day(ordinal: Int32.random(in: 20_000...20_400, using: &random))
                return Payment(voucherId: i % 5 == 0 ? "b-\(i)-æø" : "\(900_000 + i)", cpr: CPR(value: Int64.random(in: 101_000_000...3_112_999_999, using: &random)),
                               function: Symbol(id: 1), grouping: Symbol(id: 2), provider: Symbol(id: UInt32(i % 4)), periodStart: start,
                               periodEnd: start.advanced(by: 30), amount: Money(ore: Int64.random(in: -100_000...9_000_000, using: &random)),
                               postingDate: start.advanced(by: 3), payingMunicipality: Symbol(id: 0), actingMunicipality: Symbol(id: 0),
                               line: 2 + 3 * i + Int.random(in: 0...2, using: &random))
            }
            let bytes = PaymentCodec.encode(payments)
            let block = PaymentBlock(bytes: bytes, count: size, symbols: symbols)
            #expect(block.count == size)
            #expect(block.payments(at: Array(0..<size)) == payments)
            for _ in 0..<30 where size > 0 {
                let asked = (0..<Int.random(in: 1...80, using: &random)).map { _ in Int.random(in: 0..<size, using: &random) }
                #expect(block.payments(at: asked) == asked.map { payments[$0] })
            }
            #expect(block.payments(at: [size, -1, Int.max]) == [nil, nil, nil])
            // Read whole from its start: every payment once, in order, with its position.
            var seen: [Payment] = []
            block.forEach { position, p in
                #expect(position == seen.count)
                seen.append(p)
            }
            #expect(seen == payments)
            // The last one first (every run before it stepped over), then the rest.
            let fresh = PaymentBlock(bytes: bytes, count: size, symbols: symbols)
            #expect(fresh.payments(at: size > 0 ? [size - 1] : []) == payments.suffix(1))
            #expect(fresh.payments(at: Array(0..<size)) == payments)
            // Keeping only three runs decoded at a time: the same payments, read forwards and backwards.
            let small = PaymentBlock(bytes: bytes, count: size, symbols: symbols, keptRuns: 3)
            #expect(small.payments(at: Array(0..<size)) == payments)
            #expect(small.payments(at: Array((0..<size).reversed())) == payments.reversed())
            // Counted more than it holds: the positions past its bytes read as none.
            let over = PaymentBlock(bytes: bytes, count: size + 70, symbols: symbols)
            #expect(over.payments(at: Array(0..<(size + 70))) == payments.map(Optional.some) + Array(repeating: nil, count: 70))
            var counted = 0
            over.forEach { _, _ in counted += 1 }
            #expect(counted == size)
        }
    }

    /// A function's month of 8.200 payments is stored in two parts (8.192 and 8) and read back
    /// whole and a few at a time across them, in the file's order.
    @Test func aLargeMonthIsStoredInParts() throws {
        let d = { (y: Int, m: Int, day: Int) in Day(year: y, month: m, day: day)! }
        var data = Dataset(municipality: Municipality(code: "250", name: "Frederikssund"))
        for i in 0..<8_200 {
            data.addPayment(voucherId: "V\(i)", cpr: CPR(value: 101_901_234 + Int64(i % 37) * 1_000_000), function: "5.38.50",
                            periodStart: d(2026, 1, 1), periodEnd: d(2026, 1, 31), amount: Money(ore: Int64(100 + i)),
                            postingDate: d(2026, 1, 1 + i % 28), line: i + 2)
        }
        let folder = TemporaryFolder()
        let path = folder.file("s.sqlite")
        try SnapshotWriter.write(data, metadata: SnapshotMetadata(createdAt: "x", today: d(2026, 11, 23), municipality: data.municipality,
                                                                  programVersion: "t", configPath: "c"), to: path)
        let parts = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT part, count FROM payments_by_month WHERE function = '5.38.50' ORDER BY part").map { [$0[0] as Int, $0[1] as Int] }
        }
        #expect(parts == [[0, 8_192], [1, 8]])
        let snapshot = try Snapshot(path: path)
        let block = try #require(try snapshot.paymentBlock(function: "5.38.50", year: 2026, month: 1))
        #expect(block.count == 8_200)
        #expect(block.payments(at: [8_199, 0, 8_192, 8_191]).map { $0?.voucherId } == ["V8199", "V0", "V8192", "V8191"])
        let january = try #require(DayRange(d(2026, 1, 1), d(2026, 1, 31)))
        #expect(try snapshot.payments(function: "5.38.50", posted: january).payments.map(\.voucherId) == (0..<8_200).map { "V\($0)" })
    }

    /// 1.500 payments in six parts of 100, 64, 1, 0, 700 and 635, each part's bytes as stored.
    static func paymentsInParts(seed: UInt64) -> (payments: [Payment], counts: [Int], parts: [[UInt8]]) {
        var random = SplitMix(seed: seed)
        let payments = (0..<1_500).map { i in
            let start = Day(ordinal: Int32.random(in: 20_000...20_400, using: &random))
            return Payment(voucherId: "\(700_000 + i)", cpr: CPR(value: Int64.random(in: 101_000_000...3_112_999_999, using: &random)),
                           function: Symbol(id: 1), periodStart: start, periodEnd: start.advanced(by: 9),
                           amount: Money(ore: Int64.random(in: -100_000...9_000_000, using: &random)), postingDate: start, line: 2 + i)
        }
        let counts = [100, 64, 1, 0, 700, 635]
        var parts: [[UInt8]] = [], first = 0
        for n in counts {
            parts.append(PaymentCodec.encode(Array(payments[first..<(first + n)])))
            first += n
        }
        return (payments, counts, parts)
    }

    /// A block in parts (as the sync stores a month: parts of 8.192) reads each part when a payment
    /// in it is first asked for, and gives the payments in the file's order across the parts; a
    /// part that cannot be read gives none of its payments and the others all of theirs.
    @Test func aBlockInPartsGivesThePaymentsAcrossTheParts() throws {
        let symbols = Symbols(texts: ["", "5.38.38"])
        let (payments, sizes, frozen) = PaymentBlockTests.paymentsInParts(seed: 18)
        let read = Mutex<[Int]>([])
        let block = PaymentBlock(counts: sizes, symbols: symbols) { k in
            read.withLock { $0.append(k) }
            return frozen[k]
        }
        #expect(block.count == 1_500)
        #expect(block.payments(at: [0, 5, 99]) == [payments[0], payments[5], payments[99]])
        #expect(read.withLock { $0 } == [0])  // (the first part only)
        #expect(block.payments(at: [164, 165, 1_499, 100]) == [payments[164], payments[165], payments[1_499], payments[100]])
        #expect(block.payments(at: Array(0..<1_500)) == payments)
        #expect(block.payments(at: Array((0..<1_500).reversed())) == payments.reversed())
        #expect(Set(read.withLock { $0 }) == [0, 1, 2, 4, 5] && read.withLock { $0 }.count == 5)  // (each part read once; the empty one never)
        var seen: [Payment] = []
        block.forEach { position, p in
            #expect(position == seen.count)
            seen.append(p)
        }
        #expect(seen == payments)
        // The fifth part cannot be read: its 700 payments read as none, the rest as they are.
        struct Unreadable: Error {}
        let broken = PaymentBlock(counts: sizes, symbols: symbols) { k in
            if k == 4 { throw Unreadable() }
            return frozen[k]
        }
        let got = broken.payments(at: Array(0..<1_500))
        #expect(got.filter { $0 == nil }.count == 700 && got[165...864].allSatisfy { $0 == nil })
        #expect(got.compactMap { $0 } == Array(payments[..<165] + payments[865...]))
        var positions: [Int] = []
        broken.forEach { position, _ in positions.append(position) }
        #expect(positions == Array(0..<165) + Array(865..<1_500))
    }

    /// Read ahead on a thread of its own (from a slow disk: 2 ms a part), a block read whole takes
    /// each part as it comes: on two threads every payment once, at its position; on one, in the
    /// file's order. The read-ahead reads each part once, in order, and the readers none (they
    /// wait for it). The parts' sizes, for the room made beforehand, may be wrong; a part the
    /// read-ahead cannot read is tried once more and left out, and no reader waits for it forever.
    @Test func aBlockReadAheadIsReadWholeAsThePartsCome() throws {
        let symbols = Symbols(texts: ["", "5.38.38"])
        let (payments, counts, frozen) = PaymentBlockTests.paymentsInParts(seed: 20)
        struct Unreadable: Error {}
        for (broken, twoThreads) in [(nil, true), (nil, false), (4, true), (4, false)] as [(Int?, Bool)] {
            let read = Mutex<[Int]>([])
            let block = PaymentBlock(counts: counts, sizes: [10, 0, 1_000_000, 5, 8, 8], symbols: symbols) { k, bytes in
                usleep(2_000)
                read.withLock { $0.append(k) }
                if k == broken { throw Unreadable() }
                bytes.append(contentsOf: frozen[k])
            }
            block.readAheadInBackground()
            block.readAheadInBackground()  // (once only)
            let seen = Mutex<[(position: Int, line: Int64, amount: Int64)]>([])
            if twoThreads {
                block.forEachRawOnTwoThreads { position, r in seen.withLock { $0.append((position, r.line, r.amount.ore)) } }
            } else {
                block.forEachRaw { position, r in seen.withLock { $0.append((position, r.line, r.amount.ore)) } }
            }
            let got = seen.withLock { $0 }
            let expected = payments.indices.filter { broken == nil || !(165..<865).contains($0) }
            if twoThreads {
                #expect(got.map(\.position).sorted() == expected, "broken \(String(describing: broken))")
            } else {
                #expect(got.map(\.position) == expected, "broken \(String(describing: broken))")
            }
            #expect(got.allSatisfy { $0.line == Int64(payments[$0.position].line) && $0.amount == payments[$0.position].amount.ore })
            let reads = read.withLock { $0 }
            #expect(reads == (broken == nil ? [0, 1, 2, 3, 4, 5] : [0, 1, 2, 3, 4, 5, 4]), "broken \(String(describing: broken)), \(twoThreads)")
        }
    }
}

@Suite("Snapshot store: a team line's counts per paragraph")
struct ParagraphCountTests {
    func counts(_ text: String) -> [Paragraph: Int] {
        var keys = ParagraphKeys()
        return Array(text.utf8).withUnsafeBufferPointer { Snapshot.paragraphCounts($0, &keys) }
    }

    @Test func readFromTheStoredText() {
        let (p85, p96, a105) = (Paragraph(number: 85), Paragraph(number: 96), Paragraph(law: "ABL", number: 105))
        #expect(counts("SEL-85:25,SEL-96:2,ABL-105:1") == [p85: 25, p96: 2, a105: 1])
        #expect(counts("") == [:])
        #expect(counts(",,SEL-85:3,") == [p85: 3])
        // What is no key, no count or no number is left out, the rest kept.
        #expect(counts("SEL-85:,SEL-96:x,nix:4,:5,SEL-96:-1,ABL-105:7") == [a105: 7])
        #expect(counts("SEL-85:99999999999999999999999") == [:])
        // The same key twice: the later count stands (as the sync never writes it).
        #expect(counts("SEL-85:1,SEL-85:2") == [p85: 2])
        // The key's bytes are told apart from a longer key with the same start.
        #expect(counts("SEL-85:1,SEL-850:2").count == (Paragraph(key: "SEL-850") == nil ? 1 : 2))
        // Keys of up to seven bytes (compared as numbers) beside longer ones (compared as bytes).
        let (p107a, sel108, long) = (Paragraph(law: "SEL", number: 107, letter: "a"), Paragraph(number: 108), Paragraph(law: "SERVICE", number: 85))
        #expect(counts("SEL-107a:4,SEL-108:5,SERVICE-85:6,SEL-108:7,SERVICE-85:8,A-1:9")
                == [p107a: 4, sel108: 7, long: 8, Paragraph(law: "A", number: 1): 9])
        var keys = ParagraphKeys()
        let numbers = ["SEL-85", "SERVICE-85", "SEL-85", "SERVICE-850", "SERVICE-85"].map { key in
            Array(key.utf8).withUnsafeBufferPointer { keys.numbered($0)?.number }
        }
        #expect(numbers == [0, 1, 0, 2, 1])
    }
}

@Suite("Snapshot store: a window's rows asked for")
struct WindowClauseTests {
    @Test func aRunIsOneRangeAndAnythingElseAList() {
        #expect(Snapshot.oneOf("position", [3, 1, 2, 2]) == "position BETWEEN 1 AND 3")
        #expect(Snapshot.oneOf("position", [7]) == "position BETWEEN 7 AND 7")
        #expect(Snapshot.oneOf("rowid", [5, 1, -1]) == "rowid IN (-1,1,5)")
        #expect(Snapshot.oneOf("rowid", [Int64.max, Int64.min]) == "rowid IN (-9223372036854775808,9223372036854775807)")
        #expect(Snapshot.oneOf("rowid", []) == "0")
    }
}
