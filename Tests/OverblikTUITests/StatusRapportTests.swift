import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import OverblikCore
import OverblikSnapshotWriter
import OverblikStore
import OverblikTestSupport
import Testing
@testable import OverblikTUI

/// An XHTML page as an XML parser reads it: every element, attribute and text.
final class ParsedPage: NSObject, XMLParserDelegate {
    struct Element { var name: String; var attributes: [String: String]; var text = "" }
    var elements: [Element] = []
    private var open: [Int] = []
    var error: Error?

    init(_ text: String) {
        super.init()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = self
        if !parser.parse() { error = parser.parserError ?? CocoaError(.fileReadCorruptFile) }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        open.append(elements.count)
        elements.append(Element(name: name, attributes: attributes))
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { _ = open.popLast() }
    func parser(_ parser: XMLParser, foundCharacters string: String) {
        for i in open { elements[i].text += string }
    }

    /// Every text of the page (what a reader sees).
    var texts: String { elements.first?.text ?? "" }
}

/// A JSON value at a dotted path (`nogletal.year.spend`).
func value(_ object: Any, at path: String) -> Any? {
    var here: Any? = object
    for key in path.split(separator: ".") { here = (here as? [String: Any])?[String(key)] }
    return here
}

/// A Danish number as the report writes it (`252.011.213 kr.`, `613,19`, `+14,1 %`, `−2,4 %`) as a Double.
func danishNumber(_ s: String) -> Double? {
    var t = s.replacingOccurrences(of: " kr.", with: "").replacingOccurrences(of: " %", with: "")
    t = t.replacingOccurrences(of: "−", with: "-").replacingOccurrences(of: "+", with: "")
    t = t.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
    return Double(t)
}

/// Runs of ten digits, or six, a dash and four, that stand alone (not inside a hex digest or an amount).
func cprShaped(in text: String) -> [String] {
    let bytes = Array(text.utf8)
    func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    func joins(_ i: Int) -> Bool {
        guard bytes.indices.contains(i) else { return false }
        let b = bytes[i]
        return isDigit(b) || (b >= 65 && b <= 70) || (b >= 97 && b <= 102) || b == 46 || b == 44
    }
    var found: [String] = [], i = 0
    while i < bytes.count {
        guard isDigit(bytes[i]), !joins(i - 1) else { i += 1; continue }
        var j = i
        while j < bytes.count && (isDigit(bytes[j]) || (bytes[j] == 45 && j - i == 6)) { j += 1 }
        let run = String(decoding: bytes[i..<j], as: UTF8.self)
        let digits = run.filter(\.isNumber).count
        if digits == 10 && !joins(j) { found.append(run) }
        i = j
    }
    return found
}

@Suite("Report: statusrapport", .serialized)
struct StatusRapportTests {
    let today = Day(year: 2026, month: 11, day: 23)!

    func sample() throws -> (html: String, json: [String: Any], query: Query) {
        let snapshot = try Snapshot(path: SampleSnapshot.path)
        let q = Query(snapshot: snapshot, metadata: try snapshot.metadata(), today: today, visibility: .everything)
        let report = try #require(try StatusRapport.make(q, year: nil, annotations: [:]))
        let c = ReportContext(today: today)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json(c).utf8)) as? [String: Any])
        return (report.html(c), json, q)
    }

    @Test func nogletalOnThePageAreTheJSONsFigures() throws {
        let (html, json, q) = try sample()
        let page = ParsedPage(html)
        #expect(page.error == nil)
        let cells = page.elements.filter { $0.attributes["data-figure"] != nil }
        // Seven figures for the year and a year earlier, and the change of each.
        #expect(cells.count == 21)
        for cell in cells {
            let key = cell.attributes["data-figure"] ?? ""
            let expected = try #require(value(json, at: key) as? NSNumber, "\(key) is not in the JSON")
            let exact = try #require(Double(cell.attributes["data-value"] ?? ""))
            #expect(exact == expected.doubleValue, "\(key)")
            // What the reader sees: the same figure in Danish, amounts in whole kroner.
            let shown = try #require(danishNumber(cell.text), "\(key): \(cell.text)")
            #expect(abs(shown - expected.doubleValue) <= 0.5, "\(key): \(cell.text) against \(expected)")
        }
        // And the same figures as the udvikling and budget reports give.
        let rows = try q.development().rows(by: nil).filter { $0.month.year == 2026 && $0.month.month <= 10 }
        #expect(rows.count == 10)
        #expect(value(json, at: "nogletal.year.citizensAtEnd") as? Int == rows.last?.figures.activeAtMonthEnd)
        #expect(value(json, at: "nogletal.year.inflow") as? Int == rows.reduce(0) { $0 + $1.figures.inflow })
        let spend = rows.reduce(Money.zero) { $0 + ($1.figures.spend ?? .zero) }
        #expect((value(json, at: "nogletal.year.spend") as? NSNumber)?.stringValue == spend.plainDecimal.replacingOccurrences(of: ".00", with: ""))
        let budget = try q.budget(year: 2026)
        let forecasts = try #require(value(json, at: "omkostninger.forecast") as? [[String: Any]])
        #expect(!forecasts.isEmpty)
        for f in forecasts {
            let line = try #require(budget.first { $0.function == f["function"] as? String })
            #expect((f["forecast"] as? NSNumber)?.doubleValue == Double(line.forecastYear.ore) / 100)
        }
    }

    @Test func selfContainedAndWithoutPersonalData() throws {
        let (html, _, q) = try sample()
        let lower = html.lowercased()
        for banned in ["<script", "http:", "https:", "url(", "src=", "@import", "<link", "<img", "<iframe", "<object"] {
            #expect(!lower.contains(banned), "\(banned)")
        }
        let d = try q.snapshot.dataset()
        #expect(!d.grants.isEmpty)
        // The page's words and pairs of words: no CPR and no citizen's name among them.
        let words = html.split { !($0.isLetter || $0.isNumber || $0 == "-") }.map(String.init)
        let tokens = Set(words), pairs = Set(zip(words, words.dropFirst()).map { "\($0) \($1)" })
        func named(_ name: String) -> Bool {
            let parts = name.split(separator: " ").map(String.init)
            guard parts.count > 1 else { return tokens.contains(name) }
            return zip(parts, parts.dropFirst()).allSatisfy { pairs.contains("\($0) \($1)") }
        }
        for g in d.grants {
            #expect(!tokens.contains(g.cpr.formatted) && !tokens.contains(g.cpr.formatted.replacingOccurrences(of: "-", with: "")))
            if !g.name.isEmpty { #expect(!named(g.name), "\(g.name)") }
        }
        // Nothing shaped like a CPR number either (ten digits, with or without the dash).
        #expect(cprShaped(in: html).isEmpty)
        // Every section, in management.md §2's order, each with its help text; page breaks in print.
        let page = ParsedPage(html)
        let sections = page.elements.filter { $0.name == "section" }.compactMap { $0.attributes["id"] }
        #expect(sections == ["nogletal", "udvikling", "omkostninger", "bevaegelser", "maalgrupper", "datakvalitet", "oevrige"])
        // Seven sections' help texts, and the Ledelsestilsyn, Servicemål, Klagesager and Sammenligning parts'.
        #expect(page.elements.filter { $0.name == "p" && $0.attributes["class"] == "help" }.count == 11)
        #expect(html.contains("<h3>Ledelsestilsyn</h3>") && !html.contains("[ledelsestilsyn] er ikke"))
        #expect(page.elements.filter { $0.name == "svg" }.count >= 7)
        #expect(html.contains("break-before: page") && html.contains("size: A4"))
        // Sampledata has applications and appeals: their parts, and no line saying their files are missing.
        #expect(html.contains("<h3>Servicemål</h3>") && !html.contains("ansoegninger.csv er ikke"))
        #expect(html.contains("<h3>Klagesager</h3>") && !html.contains("klagesager.csv er ikke"))
    }

    /// Sammenligning (management.md §6): Sampledata's HAND07 and FOLK1A give a chart and a table of
    /// the last quarter, and the planted difference between DST's figure and the own extract; the
    /// JSON holds this municipality's rows with the same numbers.
    @Test func comparisonPartAndItsJSON() throws {
        let (html, json, _) = try sample()
        #expect(html.contains("<h3>Sammenligning med andre kommuner</h3>") && !html.contains("folk1a.csv er ikke"))
        let rows = try #require(json["sammenligning"] as? [[String: Any]])
        // 7 service types × 8 quarters, this municipality's rows only.
        #expect(rows.count == 56 && rows.allSatisfy { ($0["codes"] as? [String]) == ["250"] })
        let planted = try #require(rows.first { $0["serviceType"] as? String == "30181" && $0["period"] as? String == "2025K2" })
        #expect(planted["count"] as? Int == 119 && planted["own"] as? Int == 116)
        // The HTML's table of differences has the same two numbers, and the quarters not published yet.
        let page = ParsedPage(html)
        let cells = page.elements.filter { $0.name == "td" }.map(\.text)
        #expect(cells.contains("2025K2") && cells.contains("119") && cells.contains("116"))
        #expect(html.contains("Ikke offentliggjort endnu: 2026K1, 2026K2, 2026K3"))
        // The last quarter's rank of §108 as the JSON has it.
        let last = try #require(rows.first { $0["serviceType"] as? String == "30181" && $0["period"] as? String == "2025K4" })
        #expect(cells.contains("\(last["rank"] as? Int ?? 0) af 11"))
    }

    @Test func dataFromTheDropIsText() throws {
        let evil = "<script>alert(1)</script>"
        var d = Dataset(municipality: Municipality(code: "250", name: "Ærø & <Co>"))
        d.mapping = [MappingRow(paragraph: Paragraph(number: 85), function: "5.38.38", label: evil)]
        d.grants = [Grant(caseId: "1", cpr: CPR(value: 1_010_901_234), name: "Hemmelig Borgersen", paragraph: Paragraph(number: 85),
                          provider: evil, start: Day(year: 2025, month: 1, day: 1)!, caseworker: "MHA", targetGroup: evil)]
        d.addPayment(voucherId: "P1", cpr: CPR(value: 1_010_901_234), function: "5.38.38", periodStart: Day(year: 2026, month: 1, day: 1)!,
                     periodEnd: Day(year: 2026, month: 1, day: 31)!, amount: Money(kroner: 3100), postingDate: Day(year: 2026, month: 2, day: 1)!)
        d.budget = [BudgetLine(year: 2026, month: 1, function: "5.38.38", budget: Money(kroner: 3000))]
        // With applications the Servicemål part is there (and no line says its file is missing).
        d.decisions = [Decision(applicationId: "A-1", cpr: CPR(value: 1_010_901_234), paragraph: Paragraph(number: 85), caseworker: evil,
                                received: Day(year: 2026, month: 1, day: 5)!, decided: Day(year: 2026, month: 2, day: 2)!, outcome: .granted)]
        // With appeals the Klagesager part: one decided in 2026 (ændret: 100,0 % af 1), one pending.
        d.appeals = [Appeal(appealId: "K-1", cpr: CPR(value: 1_010_901_234), paragraph: Paragraph(number: 85),
                            received: Day(year: 2025, month: 3, day: 1)!, boardDecided: Day(year: 2026, month: 3, day: 1)!, outcome: .changed,
                            caseworker: evil),
                     Appeal(appealId: "K-2", cpr: CPR(value: 1_010_901_234), paragraph: Paragraph(number: 85),
                            received: Day(year: 2026, month: 5, day: 1)!)]
        d.sources = [SourceInfo(table: .decisions, path: "fagsystem/ansoegninger.csv", sha256: String(repeating: "ab", count: 32), bytes: 10,
                                rows: 1, rejected: 0, encoding: "utf-8"),
                     SourceInfo(table: .appeals, path: "fagsystem/klagesager.csv", sha256: String(repeating: "cd", count: 32), bytes: 10,
                                rows: 2, rejected: 0, encoding: "utf-8")]
        let folder = TemporaryFolder()
        let path = folder.file("s.sqlite")
        try SnapshotWriter.write(d, metadata: SnapshotMetadata(createdAt: "2026-11-23T06:00:00Z", today: today, municipality: d.municipality,
                                                               programVersion: "0.1.0", configPath: "overblik.toml"), to: path)
        let snapshot = try Snapshot(path: path)
        let q = Query(snapshot: snapshot, metadata: try snapshot.metadata(), today: today, visibility: .everything)
        let report = try #require(try StatusRapport.make(q, year: 2026, annotations: [:]))
        let html = report.html(ReportContext(today: today))
        // No goals configured: §85's row alone (no total of paragraphs with a goal).
        #expect(report.serviceGoals?.map(\.decided) == [1] && report.serviceGoals?.first?.goal == nil)
        #expect(html.contains("<h3>Servicemål</h3>") && !html.contains("ansoegninger.csv er ikke"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json(ReportContext(today: today)).utf8)) as? [String: Any])
        #expect((json["servicemaal"] as? [[String: Any]])?.first?["quarter"] as? String == "2026K1")
        #expect(report.appeals?.map { "\($0.paragraph?.key ?? "-") \($0.year) \($0.decided) \($0.pending.map(String.init) ?? "")" }
                == ["SEL-85 2025 0 ", "- 2025 0 ", "SEL-85 2026 1 1", "- 2026 1 1"])
        #expect(html.contains("<h3>Klagesager</h3>") && html.contains("100,0 af 1") && !html.contains("klagesager.csv er ikke"))
        #expect((json["klagesager"] as? [[String: Any]])?.last?["omgoerelsesprocent"] as? Double == 100)
        // Ledelsestilsyn: MHA's one grant drawn in each of 2026's four quarters (from the active ones), none reviewed.
        let tilsyn = try #require(json["ledelsestilsyn"] as? [String: Any])
        #expect((tilsyn["periods"] as? [[String: Any]])?.map { "\($0["period"] ?? "") \($0["sampled"] ?? "") \($0["reviewed"] ?? "")" }
                == ["2026K1 1 0", "2026K2 1 0", "2026K3 1 0", "2026K4 1 0"])
        #expect((tilsyn["items"] as? [[String: Any]])?.count == 12)
        #expect(!html.lowercased().contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("Ærø &amp; &lt;Co&gt;"))
        #expect(!html.contains("Hemmelig") && !html.contains("010190"))
        // The parser gives back the very text of the data.
        let page = ParsedPage(html)
        #expect(page.error == nil)
        #expect(page.elements.contains { $0.name == "td" && $0.text == evil })
        #expect(page.texts.contains("Ærø & <Co>"))
    }

    /// `overblik report statusrapport`: HTML by default, to `--output` (mode 0600, written whole),
    /// JSON with `--format json`, and no other format.
    @Test func theCommand() throws {
        let folder = TemporaryFolder()
        let out = folder.file("rapport.html")
        let run = try runExecutable("overblik", ["report", "statusrapport", "--snapshot", SampleSnapshot.path, "--today", "2026-11-23", "--output", out])
        #expect(run.status == 0 && run.stdout.isEmpty, "\(run.stderr)")
        let html = String(decoding: folder.read("rapport.html"), as: UTF8.self)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("Statusrapport 2026"))
        let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let json = try runExecutable("overblik", ["report", "statusrapport", "--snapshot", SampleSnapshot.path, "--today", "2026-11-23",
                                                  "--format", "json", "--year", "2025", "--lang", "en"])
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["year"] as? Int == 2025)
        #expect((object?["months"] as? [String])?.count == 12)
        let csv = try runExecutable("overblik", ["report", "statusrapport", "--snapshot", SampleSnapshot.path, "--format", "csv"])
        #expect(csv.status != 0 && csv.stderr.contains("statusrapport skrives som html, json"))
        // A year with no month over: a clear refusal, nothing written.
        let future = try runExecutable("overblik", ["report", "statusrapport", "--snapshot", SampleSnapshot.path, "--today", "2026-11-23",
                                                    "--year", "2027", "--output", folder.file("none.html")])
        #expect(future.status == 1 && future.stderr.contains("ingen afsluttet måned i 2027"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("none.html")))
    }
}
