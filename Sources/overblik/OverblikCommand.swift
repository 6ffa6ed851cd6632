import ArgumentParser
import Foundation
import OverblikConfig
import OverblikCore
import OverblikStore

import OverblikTUI

/// `overblik`: the terminal UI, and `overblik report VIEW` for the same views as text, CSV or JSON.
@main
struct OverblikCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overblik",
        abstract: "Overblik over sager, opfølgning, økonomi og datakvalitet på det specialiserede voksenområde. / An overview of cases, follow-ups, money and data quality.",
        version: OverblikVersion.current,
        subcommands: [Report.self, Tilsyn.self])

    @OptionGroup var source: SnapshotOptions

    @Option(name: .long, help: ArgumentHelp("Brugerens initialer / the user's initials.", valueName: "initialer"))
    var user: String?

    func run() throws {
        let language = source.language
        guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
            fail(language == .da ? "skærmen er ikke en terminal; brug `overblik report VIEW` for tekst, CSV eller JSON"
                                 : "output is not a terminal; use `overblik report VIEW` for text, CSV or JSON")
        }
        let (snapshot, warning) = try source.open()
        let meta = try orFail(language) { () throws(SnapshotError) in try snapshot.metadata() }
        let created = ISO8601DateFormatter().date(from: meta.createdAt)
        let ageHours = created.map { max(0, Int(WallClock.now().timeIntervalSince($0) / 3600)) }
        let model: AppModel
        do {
            model = try AppLoader.load(snapshot: snapshot, initials: user, loginName: ProcessInfo.processInfo.userName,
                                       language: language, today: source.day, ageHours: ageHours)
        } catch let error as LocalizedMessage {
            fail(error.text(language))
        }
        let surface: CursesSurface
        do {
            surface = try CursesSurface(noColor: ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false)
        } catch CursesSurface.StartError.unknownTerminal(let term) {
            fail(language == .da ? "terminaltypen TERM=\(term) er ukendt; prøv TERM=xterm-256color" : "the terminal type TERM=\(term) is unknown; try TERM=xterm-256color")
        } catch {
            fail(language == .da ? "skærmen er ikke en terminal" : "output is not a terminal")
        }
        if let warning { model.notify(warning) }
        if let said = AppRunner.run(model, on: surface) {
            FileHandle.standardError.write(Data((said + "\n").utf8))
        }
    }

    /// Usage errors exit with 2 (ArgumentParser's default is 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Where the snapshot comes from, and the options every command shares.
struct SnapshotOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Konfigurationsfilen; det nyeste snapshot i dens snapshot-mappe åbnes / the configuration file.", valueName: "sti"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Et bestemt snapshot / a particular snapshot file.", valueName: "sti"))
    var snapshot: String?

    @Option(name: .long, help: ArgumentHelp("Det nyeste snapshot i denne mappe (fx et teams: snapshots/teams/botilbud) / the newest snapshot in this folder.", valueName: "mappe"))
    var snapshots: String?

    @Option(name: .long, help: ArgumentHelp("Sprog / language: da, en.", valueName: "da|en"))
    var lang = "da"

    @Option(name: .long, help: ArgumentHelp("Dagen der regnes fra (standard: i dag) / the day to compute against.", valueName: "åååå-mm-dd"))
    var today: String?

    var language: Language { Language(rawValue: lang) ?? .da }
    var day: Day { today.flatMap { Day(iso: $0) } ?? Day.today() }

    func validate() throws {
        if [config != nil, snapshot != nil, snapshots != nil].filter({ $0 }).count > 1 {
            throw ValidationError("angiv én af --config, --snapshot og --snapshots / give one of --config, --snapshot and --snapshots")
        }
        if let today, Day(iso: today) == nil {
            throw ValidationError("--today skal være en dato som 2026-11-23 / --today must be a date like 2026-11-23")
        }
        if Language(rawValue: lang) == nil { throw ValidationError("--lang skal være da eller en / --lang must be da or en") }
    }

    /// The snapshot file to open: `--snapshot`, else the newest in the configuration's folder.
    func locate() throws -> String {
        if let snapshots {
            guard let newest = SnapshotDirectory(path: snapshots).newest() else {
                fail(language == .da ? "ingen snapshot i \(snapshots): kør overblik-sync først" : "no snapshot in \(snapshots): run overblik-sync first")
            }
            return newest
        }
        if let snapshot {
            guard FileManager.default.fileExists(atPath: snapshot) else {
                fail(language == .da ? "\(snapshot): snapshottet findes ikke" : "\(snapshot): the snapshot does not exist")
            }
            return snapshot
        }
        let configPath = config ?? "overblik.toml"
        let configuration: SyncConfiguration
        do {
            configuration = try SyncConfiguration.load(path: configPath)
        } catch {
            fail(error.text(language))
        }
        guard let newest = SnapshotDirectory(path: configuration.snapshotDirectory).newest() else {
            fail(language == .da
                 ? "ingen snapshot i \(configuration.snapshotDirectory): kør overblik-sync først (overblik-sync --config \(configPath))"
                 : "no snapshot in \(configuration.snapshotDirectory): run overblik-sync first (overblik-sync --config \(configPath))")
        }
        return newest
    }
}

extension SnapshotOptions {
    /// The query layer on `snapshot` for whoever runs the command: under `[access]` the login name
    /// decides what they see (refused with the reason when it is not in the staff file).
    func query(on snapshot: Snapshot) throws -> Query {
        let meta = try orFail(language) { () throws(SnapshotError) in try snapshot.metadata() }
        var visibility = Visibility.everything
        var viewer: StaffMember?
        if meta.access.enforce {
            let staff = try orFail(language) { () throws(SnapshotError) in try snapshot.staffAndMapping().staff }
            switch AccessCheck.resolve(rules: meta.access, initials: nil, loginName: ProcessInfo.processInfo.userName, staff: staff) {
            case .success(let who): visibility = who.visibility; viewer = who.user
            case .failure(let refusal): fail(refusal.text(language))
            }
        }
        var query = Query(snapshot: snapshot, metadata: meta, today: day, visibility: visibility)
        query.viewer = viewer
        return query
    }

    /// The snapshot to use: `--snapshot` as given, else the newest in the folder that opens and
    /// whose seal matches — with a warning naming the damaged newer ones when an older one is used.
    /// `memoryMapped`: see `Snapshot.init(path:memoryMapped:)`.
    func open(memoryMapped: Bool = false) throws -> (Snapshot, String?) {
        let path = try locate()
        if snapshot != nil { return (try openSnapshot(path, language, memoryMapped: memoryMapped), nil) }
        let folder = (path as NSString).deletingLastPathComponent
        var damaged: [String] = []
        for candidate in SnapshotDirectory(path: folder).snapshots().reversed() {
            do {
                let s = try Snapshot(path: candidate, memoryMapped: memoryMapped)
                guard !damaged.isEmpty else { return (s, nil) }
                let warning = language == .da
                    ? "det nyeste snapshot er beskadiget (\(damaged.joined(separator: "; "))); viser det forrige: \((candidate as NSString).lastPathComponent)"
                    : "the newest snapshot is damaged (\(damaged.joined(separator: "; "))); showing the previous one: \((candidate as NSString).lastPathComponent)"
                return (s, warning)
            } catch {
                damaged.append(error.text(language))
            }
        }
        fail(damaged.last ?? (language == .da ? "intet snapshot kan åbnes" : "no snapshot can be opened"))
    }
}

func openSnapshot(_ path: String, _ language: Language, memoryMapped: Bool = false) throws -> Snapshot {
    try orFail(language) { () throws(SnapshotError) in try Snapshot(path: path, memoryMapped: memoryMapped) }
}

func orFail<T>(_ language: Language, _ body: () throws(SnapshotError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        fail(error.text(language))
    }
}

func fail(_ message: String) -> Never {
    printError("overblik: \(message)")
    Foundation.exit(1)
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
