import Foundation
import OverblikConfig
import OverblikCore
import OverblikSnapshotWriter
import OverblikStore

/// What one sync is asked to do.
public struct SyncOptions: Sendable {
    /// The day derived figures are computed against.
    public var today: Day
    /// Do everything but publish.
    public var dryRun: Bool
    /// The wall-clock time the snapshot is stamped with.
    public var now: Date
    public var programVersion: String
    /// The process is the sync's, and ends right after it: the records read are left to its end,
    /// not freed one by one (LC: a million grants' and applications' texts released, 0,1 s on one
    /// core), and SQLite is set for one writer first (`SnapshotWriter.prepareProcess`).
    public var endsProcess = false

    public init(today: Day, dryRun: Bool = false, now: Date = WallClock.now(), programVersion: String) {
        self.today = today; self.dryRun = dryRun; self.now = now; self.programVersion = programVersion
    }
}

/// Records kept until the process ends (`SyncOptions.endsProcess`).
private final class KeptUntilExit: @unchecked Sendable {
    static let shared = KeptUntilExit()
    private var kept: [Any] = []
    private let lock = NSLock()
    func keep(_ value: Any) { lock.lock(); kept.append(value); lock.unlock() }
}

/// Progress reported while a sync works.
public enum SyncProgress: Sendable {
    case reading(TableName, path: String)
    case read(SourceInfo, seconds: Double)
    case computing
    case writing
}

/// What a sync did.
public struct SyncSummary: Sendable {
    public var sources: [SourceInfo]
    public var rejected: [RejectedRow]
    /// Where the snapshot was published (or would have been, with `--dry-run`).
    public var snapshotPath: String
    public var dryRun: Bool
    public var seconds: Double
    public var warnings: [Message]
    public var today: Day
    /// The reconciliation of today's year (nil when no month of it is over yet).
    public var reconciliation: Reconciliation?
    /// Seconds spent computing the derived figures.
    public var computeSeconds: Double
    /// Seconds spent reading and checking the files, and writing the snapshot.
    public var readSeconds: Double = 0
    public var writeSeconds: Double = 0
}

/// Runs a whole sync: reads every table of the drop, validates every row, and publishes a new
/// snapshot atomically. Throws, publishing nothing, on the conditions of `exports.md`.
public func runSync(_ config: SyncConfiguration, options: SyncOptions,
                    progress: (SyncProgress) -> Void = { _ in }) throws(SyncError) -> SyncSummary {
    let started = DispatchTime.now()
    // (The process is this sync's: SQLite set for one writer before it is first used.)
    if options.endsProcess { SnapshotWriter.prepareProcess() }
    StopPoint.reach("sync started")
    func elapsed(since t: DispatchTime) -> Double { Double(DispatchTime.now().uptimeNanoseconds - t.uptimeNanoseconds) / 1e9 }

    let m = config.municipality
    var dataset = Dataset(municipality: m)
    // The payments, the largest file, are read on a thread of their own from the start while the
    // other tables are read here (each file in parts on all cores: both cores stay busy through
    // the serial steps). Reported, checked and taken in the tables' order all the same; a
    // payments file that cannot be opened is opened again in its turn, and fails there.
    let earlyStart = DispatchTime.now()
    var early: (source: SourceFile, read: OwnThread<(Dataset, [RejectedRow], Int, Int)>)?
    if let tableConfig = config.tables[.payments], let source = try? SourceFile.open(tableConfig) {
        let comparison = config.comparison
        early = (source, OwnThread("read payments") {
            var d = Dataset(municipality: m)
            let (rejected, count, skipped) = source.read(into: &d, m, comparison: comparison)
            return (d, rejected, count, skipped)
        })
    }
    /// What reading one table gave, kept until the tables are taken in their order (the file
    /// itself is let go as soon as it is read).
    struct TableRead {
        let table: TableName, config: TableConfiguration
        let unchanged: Bool, sha256: String, bytes: Int64, encoding: String
        let rejected: [RejectedRow], count: Int, skipped: Int
        let opened: Double, seconds: Double

        init(_ source: SourceFile, rejected: [RejectedRow], count: Int, skipped: Int, opened: Double, seconds: Double) {
            (table, config) = (source.table, source.config)
            // A file rewritten while it was read gives rows from two versions: refused when taken.
            unchanged = source.file.unchanged
            (sha256, bytes, encoding) = (source.sha256, source.byteCount, source.encoding.rawValue)
            (self.rejected, self.count, self.skipped, self.opened, self.seconds) = (rejected, count, skipped, opened, seconds)
        }
    }
    /// A table read: checked (unchanged while read, not too many rejected), reported, its rejected rows kept.
    func finishReading(_ read: TableRead) throws(SyncError) {
        let (table, tableConfig, rejected, count) = (read.table, read.config, read.rejected, read.count)
        guard read.unchanged else { throw .fileChanged(table: table, path: tableConfig.path) }
        var info = SourceInfo(table: table, path: tableConfig.path, sha256: read.sha256, bytes: read.bytes,
                              rows: count, rejected: rejected.count, encoding: read.encoding, present: true)
        info.skipped = read.skipped
        info.modified = modificationDay(tableConfig.resolvedPath)
        // The share guards the tables every figure is computed from. The optional management tables
        // are short lists (a municipality has a few dozen providers: two bad rows of 26 are 7,7 %);
        // their rejected rows are shown like all others, and only their own view reads them.
        if !table.isManagement, count > 0, Double(rejected.count) > config.maxRejectShare * Double(count) {
            throw .tooManyRejected(table: table, path: tableConfig.path, rejected: rejected.count, rows: count,
                                   maxShare: config.maxRejectShare, examples: Array(rejected.prefix(10)))
        }
        if ProcessInfo.processInfo.environment["OVERBLIK_TIMING"] != nil {
            FileHandle.standardError.write(Data("  read \(table.rawValue): open and hash \(String(format: "%.3f", read.opened)) s, rows \(String(format: "%.3f", read.seconds - read.opened)) s, resident \(residentMB()) MB\n".utf8))
        }
        dataset.rejected.append(contentsOf: rejected)
        dataset.sources.append(info)
        progress(.read(info, seconds: read.seconds))
        StopPoint.reach("read \(table.rawValue)")
    }

    // Every other table is read while the payments are (not waiting for them at their turn, so
    // that both cores stay busy through each file's serial steps); then all are taken in the
    // tables' order: checked, reported, their rejected rows kept (a file that cannot be opened
    // fails at its turn, as before: an earlier table's failure is still the one named).
    enum Step { case read(TableRead), absent(SourceInfo, seconds: Double), payments, failed(SyncError) }
    var steps: [Step] = []
    reading: for table in TableName.allCases {
        let tableConfig = config.tables[table]!  // By construction: the loader configures every table, given or default.
        if table == .payments, early != nil {
            steps.append(.payments)
            continue
        }
        progress(.reading(table, path: tableConfig.path))
        let t0 = DispatchTime.now()
        let opening: SourceFile?
        do { opening = try SourceFile.open(tableConfig) } catch {
            steps.append(.failed(error))
            break reading
        }
        guard let source = opening else {
            // A management table neither configured nor present is no source of this drop.
            if table.isManagement && !tableConfig.isExplicit { continue }
            steps.append(.absent(SourceInfo(table: table, path: tableConfig.path, present: false), seconds: elapsed(since: t0)))
            continue
        }
        let opened = elapsed(since: t0)
        let (rejected, count, skipped) = source.read(into: &dataset, m, comparison: config.comparison)
        steps.append(.read(TableRead(source, rejected: rejected, count: count, skipped: skipped, opened: opened, seconds: elapsed(since: t0))))
    }
    for step in steps {
        switch step {
        case .read(let read): try finishReading(read)
        case .failed(let error): throw error
        case .absent(let info, let seconds):
            dataset.sources.append(info)
            progress(.read(info, seconds: seconds))
        case .payments:
            guard let early else { continue }  // (a step only when read early)
            progress(.reading(.payments, path: early.source.config.path))
            let (d, rejected, count, skipped) = early.read.value
            dataset.payments = d.payments
            dataset.symbols = d.symbols
            try finishReading(TableRead(early.source, rejected: rejected, count: count, skipped: skipped, opened: 0,
                                        seconds: elapsed(since: earlyStart)))
        }
    }

    let readSeconds = elapsed(since: started)
    if ProcessInfo.processInfo.environment["OVERBLIK_TIMING"] != nil {
        FileHandle.standardError.write(Data("  read all: \(String(format: "%.3f", readSeconds)) s, process CPU \(String(format: "%.3f", processCPUSeconds())) s\n".utf8))
    }
    progress(.computing)
    StopPoint.reach("figures started")
    // The figures are computed (the two years on their own threads) while the records are
    // written; the writer waits for them only at the end.
    let t1 = DispatchTime.now()
    let years = DerivedFigures.years(for: options.today)
    // Per year its reconciliation's two parts (see `ReconciliationPart`).
    let results = ResultSlots<DerivedFigures>(count: 2 * years.count)
    let frozen = dataset
    let computeTime = ResultSlots<Double>(count: 1)
    let views = ResultSlots<StoredViews>(count: 1)
    let economies = ResultSlots<DerivedFigures>(count: years.count)
    // (Per year its reconciliation, then the views, the series, per year its economy; a year's
    // reconciliation timed as its two parts' sum.)
    let taskSeconds = ResultSlots<Double>(count: 2 * years.count + 2), taskCPU = ResultSlots<Double>(count: 2 * years.count + 2)
    let partSeconds = ResultSlots<(seconds: Double, cpu: Double)>(count: 2 * years.count)
    let series = ResultSlots<Development>(count: 1)
    // The figures' tasks once the index is made: the writer takes those not yet begun when it
    // has written everything else, instead of waiting idle (the last ones on one core, LC: 0,2-0,35 s).
    let helping = Handoff<TaskPool>()
    // The views and the series are computed first, and written as soon as they are (the writer
    // need not wait for the years' figures to write them).
    let viewsReady = DispatchGroup()
    viewsReady.enter(); viewsReady.enter()
    // The Team and Opfølgning views need no payment index: computed from the start on a thread
    // of their own at the writer's priority, so that the writer has them as soon as it has
    // written the records (computed after the index at the figures' priority, the writer waited
    // for them 0,5-0,7 s on LC).
    let listed = OwnThread("views") {
        let t = DispatchTime.now(), cpu = threadCPUSeconds()
        views.set(0, StoredViews.lists(frozen, today: options.today, dueSoonDays: config.dueSoonDays, goals: config.serviceGoals,
                                       supervision: config.supervision, comparison: config.comparison))
        viewsReady.leave()
        taskSeconds.set(years.count, Double(DispatchTime.now().uptimeNanoseconds - t.uptimeNanoseconds) / 1e9)
        taskCPU.set(years.count, threadCPUSeconds() - cpu)
    }
    // The figures at a lower priority than the writer's: the writer's thread is the longest path
    // to the end, and sharing both cores with it evenly the figures' two threads left it two
    // thirds of one (LC: its records' 7 CPU s took 12 s); the figures take what it leaves, both
    // cores once it is done.
    let computed = OwnThread("figures", niceness: 10) {
        // The payments sorted once for both years; then the development series and the two
        // years' parts (the reconciliation's two, the economy) on two threads and the writer once
        // it is done, the longest first (with each year whole, one thread computed the last year
        // alone for 0,75 s on LC, a core idle).
        let indexStart = DispatchTime.now()
        let index = PaymentIndex(payments: frozen.payments, grants: frozen.grants, mapping: frozen.mappingIndex)
        let basis = BudgetBasis(grants: frozen.grants, payments: frozen.payments, mapping: frozen.mappingIndex, today: options.today,
                                index: index)
        let indexSeconds = Double(DispatchTime.now().uptimeNanoseconds - indexStart.uptimeNanoseconds) / 1e9
        enum Task { case development, reconciliation(Int, ReconciliationPart), economy(Int) }
        let tasks = [Task.development]
            + years.indices.reversed().flatMap { i in ReconciliationPart.allCases.map { Task.reconciliation(i, $0) } }
            + years.indices.reversed().map { .economy($0) }
        perform(tasks.count, extraThreads: 1, offer: { helping.value = $0 }) { k in
            let t = DispatchTime.now(), cpu = threadCPUSeconds()
            let slot: Int
            switch tasks[k] {
            case .development:
                series.set(0, Development.compute(frozen, today: options.today, index: index))
                viewsReady.leave()
                slot = years.count + 1
            case .reconciliation(let i, let part):
                let partSlot = 2 * i + (part == .ottetal ? 0 : 1)
                results.set(partSlot, DerivedFigures.reconciliation(frozen, year: years[i], today: options.today,
                                                                    rateTolerance: config.rateTolerance, index: index, part: part))
                partSeconds.set(partSlot, (Double(DispatchTime.now().uptimeNanoseconds - t.uptimeNanoseconds) / 1e9, threadCPUSeconds() - cpu))
                return
            case .economy(let i):
                economies.set(i, DerivedFigures.economy(frozen, year: years[i], today: options.today, index: index, basis: basis))
                slot = years.count + 2 + i
            }
            taskSeconds.set(slot, Double(DispatchTime.now().uptimeNanoseconds - t.uptimeNanoseconds) / 1e9)
            taskCPU.set(slot, threadCPUSeconds() - cpu)
        }
        _ = listed.value
        for i in years.indices {
            let (a, b) = (partSeconds.take(2 * i), partSeconds.take(2 * i + 1))
            taskSeconds.set(i, a.seconds + b.seconds)
            taskCPU.set(i, a.cpu + b.cpu)
        }
        computeTime.set(0, Double(DispatchTime.now().uptimeNanoseconds - t1.uptimeNanoseconds) / 1e9)
        if ProcessInfo.processInfo.environment["OVERBLIK_TIMING"] != nil {
            let s = zip(taskSeconds.values, taskCPU.values).map { String(format: "%.3f s (CPU %.3f s)", $0, $1) }
            let yearsText = years.indices.map { "year \(years[$0]) \(s[$0]) and its economy \(s[years.count + 2 + $0])" }.joined(separator: ", ")
            FileHandle.standardError.write(Data("  figures: \(yearsText), Udvikling \(s[years.count + 1]) (on two threads after the index and the budget's basis \(String(format: "%.3f", indexSeconds)) s), Team and Opfølgning \(s[years.count]) (beside them); \(String(format: "%.3f", computeTime.values[0])) s in all\n".utf8))
        }
    }
    /// Team, Opfølgning and the series, once they are computed.
    func storedViews() -> StoredViews? {
        viewsReady.wait()
        var v = views.values.first
        v?.development = series.values.first
        return v
    }
    func derivedWhenReady() -> [DerivedFigures] {
        helping.value?.work()
        _ = computed.value
        let parts = results.values
        return years.indices.map { i in DerivedFigures.reconciliation(joining: parts[2 * i], parts[2 * i + 1]).joined(economies.values[i]) }
    }

    progress(.writing)
    let t2 = DispatchTime.now()
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = .current
    var metadata = SnapshotMetadata(
        createdAt: formatter.string(from: options.now), today: options.today, municipality: m,
        programVersion: options.programVersion, configPath: config.path, dueSoonDays: config.dueSoonDays,
        rateTolerance: config.rateTolerance, maxRejectShare: config.maxRejectShare, access: config.access)
    metadata.serviceGoals = config.serviceGoals
    metadata.supervision = config.supervision
    metadata.comparison = config.comparison
    let directory = SnapshotDirectory(path: config.snapshotDirectory)
    let path: String
    do {
        path = try directory.publish(createdAt: options.now, mode: config.fileMode, keep: config.keep,
                                     dryRun: options.dryRun) { temporary in
            try SnapshotWriter.write(dataset, derivedWhenReady: derivedWhenReady, views: { storedViews() },
                                     metadata: metadata, to: temporary)
        }
    } catch SnapshotDirectory.PublishError.busy(let holder) {
        throw .busy(holder: holder)
    } catch SnapshotDirectory.PublishError.io(let reason) {
        throw .publish(path: config.snapshotDirectory, reason: reason)
    } catch {
        throw .publish(path: config.snapshotDirectory, reason: "\(error)")
    }
    let derived = derivedWhenReady()
    let computeSeconds = computeTime.values[0]
    if config.perTeam {
        try publishPerTeam(dataset, config: config, options: options, metadata: metadata)
    }
    var summary = SyncSummary(sources: dataset.sources, rejected: dataset.rejected, snapshotPath: path, dryRun: options.dryRun,
                              seconds: elapsed(since: started), warnings: config.warnings, today: options.today,
                              reconciliation: derived.last?.reconciliation, computeSeconds: computeSeconds)
    summary.readSeconds = readSeconds
    summary.writeSeconds = elapsed(since: t2)
    if options.endsProcess { KeptUntilExit.shared.keep(dataset) }
    StopPoint.reach("sync finished")
    return summary
}

/// One slot per parallel task for its result.
final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: T) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }

    /// By construction: read only after every task has set its slot (after its task or the `OwnThread`'s value).
    var values: [T] { lock.lock(); defer { lock.unlock() }; return slots.map { $0! } }

    /// Takes a result out (the slot no longer holds it, so its memory can go when used up).
    func take(_ i: Int) -> T {
        lock.lock()
        defer { lock.unlock() }
        let v = slots[i]!  // By construction: taken once, after its task has set it.
        slots[i] = nil
        return v
    }
}

/// One snapshot per team in `<dir>/teams/<team>/`: the team's grants and staff, and of its
/// citizens only their payments and DST rows; no budget (a municipality's budget against one
/// team's spend would mislead) and no rejected rows (they may concern anyone). The figures are
/// computed from that alone.
func publishPerTeam(_ d: Dataset, config: SyncConfiguration, options: SyncOptions, metadata: SnapshotMetadata) throws(SyncError) {
    let teams = Dictionary(grouping: d.grants.filter { !$0.team.isEmpty }) { $0.team.lowercased() }
    for (_, grants) in teams.sorted(by: { $0.key < $1.key }) {
        let name = grants[0].team
        let citizens = Set(grants.map(\.cpr))
        var t = Dataset(municipality: d.municipality)
        t.grants = grants
        t.staff = d.staff.filter { $0.team.lowercased() == name.lowercased() }
        t.payments = d.payments.filter { citizens.contains($0.cpr) }
        t.symbols = d.symbols
        t.dst = d.dst.filter { citizens.contains($0.cpr) }
        t.mapping = d.mapping
        t.sources = d.sources
        let derived = DerivedFigures.years(for: options.today).map {
            DerivedFigures.compute(t, year: $0, today: options.today, rateTolerance: config.rateTolerance)
        }
        let views = StoredViews.compute(t, today: options.today, dueSoonDays: config.dueSoonDays, goals: config.serviceGoals,
                                        supervision: config.supervision, comparison: config.comparison)
        let folder = (config.snapshotDirectory as NSString).appendingPathComponent("teams/" + teamFolderName(name))
        do {
            _ = try SnapshotDirectory(path: folder).publish(createdAt: options.now, mode: config.fileMode, keep: config.keep,
                                                          dryRun: options.dryRun) { temporary in
                try SnapshotWriter.write(t, derivedWhenReady: { derived }, views: { views }, metadata: metadata, to: temporary)
            }
        } catch {
            throw .publish(path: folder, reason: "\(error)")
        }
    }
}

/// A team's folder name: lower case, æ ø å as ae oe aa, anything else not a letter or digit as `-`.
public func teamFolderName(_ team: String) -> String {
    var out = ""
    for ch in team.lowercased() {
        switch ch {
        case "æ": out += "ae"
        case "ø": out += "oe"
        case "å": out += "aa"
        case "a"..."z", "0"..."9": out.append(ch)
        default: if !out.hasSuffix("-") { out += "-" }
        }
    }
    return out.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
}

/// The day a file was last changed (ISO, the local calendar), or "" when not known: the screens
/// show it beside StatBank's figures.
func modificationDay(_ path: String) -> String {
    guard let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { return "" }
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = .current
    f.dateFormat = "yyyy-MM-dd"
    return f.string(from: date)
}

/// The process's CPU time so far (user and system, all threads), for `OVERBLIK_TIMING`.
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// The process's resident memory in MB (Linux; 0 elsewhere), for `OVERBLIK_TIMING`.
func residentMB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
          let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
    return kb / 1024
}
