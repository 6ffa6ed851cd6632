import CNcursesw
import Glibc
import OverblikCore

/// The real terminal, through libncursesw's wide-character API. Only the main thread touches it.
public final class CursesSurface: Surface {
    public enum StartError: Error {
        case notATerminal
        case unknownTerminal(String)
    }

    private let screen: OpaquePointer
    public let theme: Theme
    /// Each style's attributes, worked out once.
    private var attributeTable: [Style: attr_t] = [:]
    nonisolated(unsafe) private static var active = false

    /// Takes over the terminal. Throws when stdin/stdout is not a terminal or TERM is unknown
    /// (`newterm` reports that instead of exiting, as `initscr` would).
    public init(noColor: Bool) throws {
        guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else { throw StartError.notATerminal }
        if setlocale(LC_ALL, "") == nil || !String(cString: nl_langinfo(nl_item(CODESET))).uppercased().contains("UTF") {
            _ = setlocale(LC_ALL, "C.UTF-8")
        }
        // ncurses installs its resize handler only over the default disposition; a parent that
        // ignored SIGWINCH would otherwise leave us blind to resizes.
        signal(SIGWINCH, SIG_DFL)
        guard let out = fdopen(STDOUT_FILENO, "w"), let input = fdopen(STDIN_FILENO, "r"),
              let s = newterm(nil, out, input) else {
            throw StartError.unknownTerminal(String(cString: getenv("TERM") ?? strdup("")))
        }
        screen = s
        set_term(s)
        CursesSurface.active = true
        CursesSurface.installSignalHandlers()
        cbreak()
        noecho()
        nonl()
        keypad(cn_stdscr(), true)
        set_escdelay(25)
        var count = 0
        if !noColor && has_colors() {
            start_color()
            use_default_colors()
            count = Int(cn_colors())
        }
        theme = Theme.choose(colours: count, noColor: noColor)
        for (n, style) in Style.allCases.enumerated() {
            let look = theme.look(style)
            var a = cn_a_normal()
            if look.bold { a |= cn_a_bold() }
            if look.underline { a |= cn_a_underline() }
            if look.dim { a |= cn_a_dim() }
            if look.reverse { a |= cn_a_reverse() }
            if look.hasColour {
                init_pair(Int16(n + 1), look.foreground, look.background)
                a |= cn_color_pair(Int16(n + 1))
            }
            attributeTable[style] = a
        }
        mousemask(mmask_t(cn_mouse_events()), nil)
        mouseinterval(0)
    }

    /// Gives the terminal back exactly as it was. Safe to call more than once.
    public func end() {
        guard CursesSurface.active else { return }
        CursesSurface.active = false
        endwin()
        delscreen(screen)
    }

    public var rows: Int { var y: Int32 = 0, x: Int32 = 0; cn_getmaxyx(cn_stdscr(), &y, &x); return Int(y) }
    public var columns: Int { var y: Int32 = 0, x: Int32 = 0; cn_getmaxyx(cn_stdscr(), &y, &x); return Int(x) }

    public func clear() { werase(cn_stdscr()) }

    func attributes(_ style: Style) -> attr_t { attributeTable[style] ?? cn_a_normal() }

    public func put(_ text: String, row: Int, column: Int, style: Style) {
        guard row >= 0, row < rows, column >= 0, column < columns, !text.isEmpty else { return }
        let fitted = DisplayWidth.truncateHard(text, to: columns - column)
        var wide = fitted.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
        let a = attributes(style)
        wattr_set(cn_stdscr(), a, 0, nil)
        _ = wide.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mvwaddwstr(cn_stdscr(), Int32(row), Int32(column), $0) }  // never nil: the buffer holds at least the terminating 0
        }
        wattr_set(cn_stdscr(), cn_a_normal(), 0, nil)
    }

    public func placeCursor(row: Int, column: Int) { wmove(cn_stdscr(), Int32(row), Int32(column)) }

    /// Sends the frame: one `doupdate`, only what changed reaches the terminal.
    public func present() {
        wnoutrefresh(cn_stdscr())
        doupdate()
    }

    /// Waits up to `timeout` milliseconds for the next key, then takes every key already queued,
    /// so that a burst of keys is answered with one frame; [] when the time ran out. Nil when the
    /// terminal is gone (reads that fail at once, again and again): the caller must quit.
    public func readKeys(timeout: Int32 = 1000) -> [Action.Key]? {
        var keys: [Action.Key] = []
        wtimeout(cn_stdscr(), timeout)
        var ch: wint_t = 0
        var started = timespec()
        clock_gettime(CLOCK_MONOTONIC, &started)
        let rc = wget_wch(cn_stdscr(), &ch)
        if rc == ERR {
            if errno == EINTR { return [] }
            if isatty(STDIN_FILENO) != 1 || getppid() == 1 { return nil }
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            let waited = (now.tv_sec - started.tv_sec) * 1000 + (now.tv_nsec - started.tv_nsec) / 1_000_000
            // A timeout took (about) the time; a closed terminal fails at once.
            if waited >= Int(timeout) / 2 { failedReads = 0; return [] }
            failedReads += 1
            return failedReads > 100 ? nil : []
        }
        failedReads = 0
        if let k = decode(rc, ch) { keys.append(k) }
        wtimeout(cn_stdscr(), 0)
        while keys.count < 256, let k = readKey() { keys.append(k) }
        followWindowSize()
        return keys
    }

    /// Makes curses' size the window's, should a resize have gone unnoticed.
    private func followWindowSize() {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0, size.ws_col > 0 else { return }
        if Int(size.ws_row) != rows || Int(size.ws_col) != columns {
            resize_term(Int32(size.ws_row), Int32(size.ws_col))
        }
    }

    private var failedReads = 0

    private func readKey() -> Action.Key? {
        var ch: wint_t = 0
        let rc = wget_wch(cn_stdscr(), &ch)
        if rc == ERR { return nil }
        return decode(rc, ch)
    }

    private func decode(_ rc: Int32, _ ch: wint_t) -> Action.Key? {
        let code = Int32(bitPattern: ch)
        if rc == KEY_CODE_YES {
            switch code {
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_PPAGE: return .pageUp
            case KEY_NPAGE: return .pageDown
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_ENTER: return .enter
            case KEY_BACKSPACE: return .backspace
            case KEY_BTAB: return .backTab
            case KEY_RESIZE: return .resize
            case KEY_MOUSE:
                var event = MEVENT()
                guard getmouse(&event) == OK else { return nil }
                let state = mmask_t(event.bstate)
                if state & mmask_t(cn_wheel_up()) != 0 { return .wheelUp }
                if state & mmask_t(cn_wheel_down()) != 0 { return .wheelDown }
                if state & mmask_t(cn_click()) != 0 { return .click(row: Int(event.y), column: Int(event.x)) }
                return nil
            default: return nil
            }
        }
        switch ch {
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 9: return .tab
        default:
            guard let scalar = Unicode.Scalar(UInt32(ch)), ch >= 32 else { return nil }
            return .character(Character(scalar))
        }
    }

    /// SIGINT, SIGTERM, SIGHUP restore the terminal and exit; a crash restores it and dies as it would have.
    private static func installSignalHandlers() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { s in
                if CursesSurface.active { endwin() }
                _exit(128 + s)
            }
        }
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            signal(sig) { s in
                if CursesSurface.active { endwin() }
                signal(s, SIG_DFL)
                raise(s)
            }
        }
    }
}
