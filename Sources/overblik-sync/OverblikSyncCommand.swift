import ArgumentParser
import Foundation
import OverblikConfig
import OverblikCore
import OverblikStore
import OverblikSync

/// `overblik-sync`: reads a source drop, validates it and publishes a snapshot.
@main
struct OverblikSyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overblik-sync",
        abstract: "Læser kildeudtrækket, validerer hver række og udgiver et nyt snapshot. / Reads the source drop, validates every row and publishes a new snapshot.",
        discussion: """
            Konfigurationen (overblik.toml) siger, hvor filerne ligger, og hvad kolonnerne hedder.
            Afviste rækker gemmes i snapshottet med fil, linje, kolonne og årsag. En fejlet
            synkronisering udgiver intet, og det forrige snapshot står uændret.
            Exit: 0 udgivet, 1 fejl, 2 forkert brug.
            """,
        version: OverblikVersion.current)

    @Option(name: .long, help: ArgumentHelp("Konfigurationsfilen / the configuration file.", valueName: "sti"))
    var config = "overblik.toml"

    @Option(name: .long, help: ArgumentHelp("Dagen tallene beregnes mod (standard: i dag) / the day figures are computed against.", valueName: "åååå-mm-dd"))
    var today: String?

    @Flag(name: .long, help: "Gør alt undtagen at udgive / do everything but publish.")
    var dryRun = false

    @Flag(name: .long, help: "Ingen fremdrift, kun fejl / no progress, errors only.")
    var quiet = false

    @Flag(name: .long, help: "Skriv opsummeringen som JSON / print the summary as JSON.")
    var json = false

    @Flag(name: .long, help: "Log hvert trin med tid på stderr / log every step with its time to stderr.")
    var verbose = false

    @Option(name: .long, help: ArgumentHelp("Tilføj loglinjer (uden CPR) til denne fil / append log lines (no CPR) to this file.", valueName: "sti"))
    var log: String?

    @Option(name: .long, help: ArgumentHelp("Sprog for meddelelser / language of messages: da, en.", valueName: "da|en"))
    var lang: String = "da"

    var language: Language { Language(rawValue: lang) ?? .da }

    func validate() throws {
        if let today, Day(iso: today) == nil {
            throw ValidationError("--today skal være en dato som 2026-11-23 / --today must be a date like 2026-11-23 (fik/got '\(today)')")
        }
        if Language(rawValue: lang) == nil { throw ValidationError("--lang skal være da eller en / --lang must be da or en") }
    }

    func run() throws {
        // (Half the TUI's: the sync's peak memory on L is near its limit.)
        FreedMemory.keepForReuse(upTo: 64 << 20)
        if ProcessInfo.processInfo.environment["OVERBLIK_TIMING"] != nil {
            printError("  memory: GLIBC_TUNABLES=\(ProcessInfo.processInfo.environment["GLIBC_TUNABLES"] ?? "")")
        }
        let language = self.language
        let configuration: SyncConfiguration
        do {
            configuration = try SyncConfiguration.load(path: config)
        } catch {
            fail(SyncError.configuration(error).message.text(language))
        }
        for warning in configuration.warnings {
            printError("\(config): \(language == .da ? "advarsel" : "warning"): \(warning.text(language))")
        }
        let day = today.flatMap { Day(iso: $0) } ?? Day.today()
        let showProgress = !quiet && !json && !verbose && isatty(STDERR_FILENO) == 1
        let syncLog: SyncLog
        do {
            syncLog = try SyncLog(path: log, verbose: verbose)
        } catch {
            fail(language == .da ? "logfilen kan ikke åbnes: \(error.localizedDescription)" : "the log file cannot be opened: \(error.localizedDescription)")
        }
        let started = Date()
        syncLog.write("overblik-sync \(OverblikVersion.current): start, config \(config), today \(day.iso)\(dryRun ? ", dry run" : "")")
        OverblikSyncCommand.syncLog = syncLog
        var options = SyncOptions(today: day, dryRun: dryRun, programVersion: OverblikVersion.current)
        options.endsProcess = true
        let summary: SyncSummary
        do {
            summary = try runSync(configuration, options: options) { event in
                switch event {
                case .reading: break
                case .read(let info, let seconds):
                    syncLog.write(info.present
                        ? "read \(info.table.rawValue) \(info.path): \(info.rows) rows, \(info.rejected) rejected, \(info.encoding), sha256 \(info.sha256.prefix(16)) (\(String(format: "%.3f", seconds)) s)"
                        : "read \(info.table.rawValue) \(info.path): absent (optional)")
                case .computing: syncLog.write("computing the figures")
                case .writing: syncLog.write("writing the snapshot")
                }
                guard showProgress else { return }
                switch event {
                case .reading(let table, let path):
                    printError("\(language == .da ? "Læser" : "Reading") \(table.label.text(language)) (\(path)) …", terminator: "")
                case .read(let info, let seconds):
                    if info.present {
                        printError(" \(DanishNumber.grouped(info.rows)) \(language == .da ? "rækker" : "rows"), \(info.rejected) \(language == .da ? "afvist" : "rejected") (\(SummaryText.seconds(seconds)))")
                    } else {
                        printError(language == .da ? " findes ikke (valgfri)" : " absent (optional)")
                    }
                case .computing:
                    printError(language == .da ? "Beregner afstemning, økonomi og bevægelser …" : "Computing reconciliation, economy and movements …")
                case .writing:
                    printError(language == .da ? "Skriver snapshot …" : "Writing snapshot …")
                }
            }
        } catch {
            if showProgress { printError("") }
            syncLog.write("stopped after \(String(format: "%.3f", Date().timeIntervalSince(started))) s; nothing published, the previous snapshot stands")
            fail(error.message.text(language))
        }
        for r in summary.rejected {
            syncLog.write("rejected \(r.file):\(r.line) column \(r.column.isEmpty ? "-" : r.column) value \"\(r.maskedValue.prefix(60))\": \(r.reason.en)")
        }
        syncLog.write((summary.dryRun ? "dry run, nothing published" : "published \(summary.snapshotPath)")
            + " in \(String(format: "%.3f", summary.seconds)) s (read \(String(format: "%.3f", summary.readSeconds)) s, figures \(String(format: "%.3f", summary.computeSeconds)) s, write \(String(format: "%.3f", summary.writeSeconds)) s); "
            + "\(summary.rejected.count) rows rejected, \(summary.reconciliation?.discrepancies.count ?? 0) discrepancies")
        if json {
            print(SummaryText.json(summary, configuration: configuration))
        } else if !quiet {
            print(SummaryText.text(summary, configuration: configuration, language: language))
        }
    }

    /// Set by `run`, so that `fail` can log.
    nonisolated(unsafe) static var syncLog: SyncLog?

    func fail(_ message: String) -> Never {
        OverblikSyncCommand.syncLog?.write("FAILED: \(message)")
        printError("overblik-sync: \(language == .da ? "fejl" : "error"): \(message)")
        Foundation.exit(1)
    }

    /// Usage errors exit with 2 (ArgumentParser's default is 64). The program is first started
    /// again with glibc asked for huge pages (see `HugePages`).
    static func main() {
        HugePages.restartIfNeeded()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

func printError(_ text: String, terminator: String = "\n") {
    FileHandle.standardError.write(Data((text + terminator).utf8))
}
