import OverblikCore

/// What the application loop needs from a terminal: a surface to draw on, the keys typed, and a
/// way to show a frame and to give the terminal back. `CursesSurface` is the real one; the tests
/// script one over a `CellGrid`.
public protocol Terminal: Surface {
    /// Waits up to `timeout` milliseconds for keys and returns every key already queued (a burst
    /// is answered with one frame); [] when the time ran out; nil when the terminal is gone.
    func readKeys(timeout: Int32) -> [Action.Key]?
    /// Shows what was drawn since the last frame.
    func present()
    /// Gives the terminal back as it was found.
    func end()
}

extension CursesSurface: Terminal {}

/// The application's loop: draw when something changed, answer keys, and while idle look for a
/// newer snapshot and the result of the whole-file check. Ends when the user quits or the
/// terminal goes away, and always gives the terminal back.
public enum AppRunner {
    /// How long the loop waits for a key before it looks for a newer snapshot (milliseconds).
    public static let idlePoll: Int32 = 2_000
    /// How long it waits while an export is being made, so that its outcome is said at once (milliseconds).
    public static let busyPoll: Int32 = 50

    /// Returns what is to be said once the terminal is given back: where an export still being
    /// written when the user quit went (the message line is gone by then).
    @discardableResult
    public static func run(_ model: AppModel, on terminal: some Terminal, idlePoll: Int32 = AppRunner.idlePoll) -> String? {
        loop(model, on: terminal, idlePoll: idlePoll)
        // (A sample still being fixed, and an export still being written, before the terminal is given back.)
        let exporting = model.isExporting
        model.finishWrites()
        terminal.end()
        return exporting ? model.message : nil
    }

    private static func loop(_ model: AppModel, on terminal: some Terminal, idlePoll: Int32) {
        var dirty = true
        var checking = false
        while !model.wantsQuit {
            if dirty {
                model.render(on: terminal)
                terminal.present()
            }
            if !checking {
                // After the first frame: SQLite's check of the whole file, and what is read ahead, in the background.
                model.startIntegrityCheck()
                model.prepareInBackground()
                checking = true
            }
            guard let keys = terminal.readKeys(timeout: model.isExporting ? min(idlePoll, busyPoll) : idlePoll) else { return }  // the terminal is gone
            if keys.isEmpty {
                // Idle: a newer snapshot or damage found changes the header, a fixing's outcome Tilsyn.
                dirty = model.poll()
                continue
            }
            dirty = true
            for key in keys where key != .resize {
                model.handle(key)
                if model.wantsQuit { break }
            }
        }
    }
}
