import Foundation
import OverblikConfig
import OverblikCore
import OverblikTestSupport
import Testing

/// The documentation a user who clones the project gets: docs/ documents every key the
/// configuration reader accepts and every column of every table, and neither docs/ nor the
/// README links outside the repository.
@Suite("Documentation")
struct DocumentationTests {
    func read(_ path: String) throws -> String { try String(contentsOfFile: packageRoot() + "/" + path, encoding: .utf8) }

    @Test func everyConfigurationKeyIsDocumented() throws {
        let doc = try read("docs/kilder-og-konfiguration.md")
        let missing = ConfigurationKeys.documentedNames.filter { !doc.contains("`\($0)`") }
        #expect(missing.isEmpty, "undocumented in docs/kilder-og-konfiguration.md: \(missing)")
        #expect(ConfigurationKeys.documentedNames.count == 33)
    }

    @Test func everyTableAndColumnIsDocumented() throws {
        // Lines joined: a field and its header may be wrapped onto two lines.
        let doc = try read("docs/kilder-og-konfiguration.md").replacingOccurrences(of: "\n", with: " ")
        for table in TableName.allCases {
            #expect(doc.contains("`\(table.rawValue)`"), "table \(table.rawValue)")
            #expect(doc.contains("`\(table.defaultPath)`"), "default path of \(table.rawValue)")
            for field in table.fields {
                #expect(doc.contains("`\(field.field)` \(field.header)"), "\(table.rawValue).\(field.field) (\(field.header))")
            }
        }
    }

    @Test func nothingLinksOutsideTheRepository() throws {
        let docs = try FileManager.default.contentsOfDirectory(atPath: packageRoot() + "/docs").filter { $0.hasSuffix(".md") }
        for file in ["README.md"] + docs.map({ "docs/" + $0 }) {
            let text = try read(file)
            #expect(!text.contains("../shared"), "\(file) names ../shared")
            #expect(!text.contains("](http"), "\(file) links to the web")
            // Every relative link names a file that is in the repository.
            for link in text.matches(of: /\]\(([^)#]+)(#[^)]*)?\)/) {
                let target = String(link.1)
                let base = file.hasPrefix("docs/") ? "docs/" : ""
                #expect(FileManager.default.fileExists(atPath: packageRoot() + "/" + base + target), "\(file) links to \(target)")
            }
        }
    }
}
