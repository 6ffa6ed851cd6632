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
    private let colours: Bool
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
        colours = !noColor && has_colors()
        if colours {
            start_color()
            use_default_colors()
            init_pair(1, Int16(COLOR_RED), -1)
            init_pair(2, Int16(COLOR_YELLOW), -1)
            init_pair(3, Int16(COLOR_CYAN), -1)
            init_pair(4, Int16(COLOR_GREEN), -1)
            init_pair(5, Int16(COLOR_BLACK), Int16(COLOR_CYAN))
        }
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

    func attributes(_ style: Style) -> attr_t {
        let bold = cn_a_bold(), reverse = cn_a_reverse(), dim = cn_a_dim(), underline = cn_a_underline()
        func pair(_ n: Int16, else fallback: attr_t) -> attr_t { colours ? cn_color_pair(n) : fallback }
        switch style {
        case .normal, .footerText, .tabInactive: return cn_a_normal()
        case .title: return bold
        case .tabActive: return colours ? cn_color_pair(5) | bold : reverse | bold
        case .columnHeader: return bold | underline
        case .selected: return reverse
        case .rule, .muted: return dim
        case .footerKey: return pair(3, else: 0) | bold
        case .overdue: return pair(1, else: bold)
        case .dueSoon: return pair(2, else: underline)
        case .warning: return pair(1, else: 0) | bold
        case .good: return pair(4, else: 0)
        }
    }

    public func put(_ text: String, row: Int, column: Int, style: Style) {
        guard row >= 0, row < rows, column >= 0, column < columns, !text.isEmpty else { return }
        let fitted = DisplayWidth.truncateHard(text, to: columns - column)
        var wide = fitted.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
        let a = attributes(style)
        wattr_set(cn_stdscr(), a, 0, nil)
        _ = wide.withUnsafeMutableBufferPointer { mvwaddwstr(cn_stdscr(), Int32(row), Int32(column), $0.baseAddress!) }
        wattr_set(cn_stdscr(), cn_a_normal(), 0, nil)
    }

    public func placeCursor(row: Int, column: Int) { wmove(cn_stdscr(), Int32(row), Int32(column)) }

    /// Sends the frame: one `doupdate`, only what changed reaches the terminal.
    public func present() {
        wnoutrefresh(cn_stdscr())
        doupdate()
    }

    /// Waits for the next key (blocking), then takes every key already queued, so that a burst
    /// of keys is answered with one frame. Nil when the terminal is gone (a blocking read that
    /// fails means the terminal was closed): the caller must quit rather than read again.
    public func readKeys() -> [Action.Key]? {
        var keys: [Action.Key] = []
        wtimeout(cn_stdscr(), -1)
        var ch: wint_t = 0
        let rc = wget_wch(cn_stdscr(), &ch)
        if rc == ERR {
            // Interrupted by a signal is not a hang-up; a closed terminal fails every time.
            if errno == EINTR { return [] }
            if isatty(STDIN_FILENO) != 1 || getppid() == 1 { return nil }
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
