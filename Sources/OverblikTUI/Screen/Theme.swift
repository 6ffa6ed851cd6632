/// How each style looks: colours from a 256-colour palette, a readable 8-colour fallback, or
/// none at all (`NO_COLOR`, a colourless terminal), where only bold, underline, dim and reverse
/// remain and status is told by its symbol (`!`, `~`, `?`, `✓`, `≠`).
public struct Look: Equatable, Sendable {
    public var foreground: Int16 = -1
    public var background: Int16 = -1
    public var bold = false
    public var underline = false
    public var dim = false
    public var reverse = false

    public var hasColour: Bool { foreground >= 0 || background >= 0 }
}

public enum Theme: String, Sendable, CaseIterable {
    case rich256, eight, monochrome

    /// The theme for a terminal with `colours` colours, unless colour is switched off.
    public static func choose(colours: Int, noColor: Bool) -> Theme {
        if noColor || colours < 8 { return .monochrome }
        return colours >= 256 ? .rich256 : .eight
    }

    public func look(_ style: Style) -> Look {
        // ANSI colour numbers: 0 black, 1 red, 2 green, 3 yellow, 4 blue, 5 magenta, 6 cyan, 7 white.
        let (red, green, yellow, blue, magenta, cyan, white): (Int16, Int16, Int16, Int16, Int16, Int16, Int16) =
            self == .rich256 ? (196, 34, 214, 33, 170, 38, 255) : (1, 2, 3, 4, 5, 6, 7)
        func colour(_ fg: Int16, bg: Int16 = -1, bold: Bool = false) -> Look {
            self == .monochrome ? Look(bold: bold) : Look(foreground: fg, background: bg, bold: bold)
        }
        switch style {
        case .normal, .footerText, .tabInactive: return Look()
        case .title: return Look(bold: true)
        case .tabActive:
            return self == .monochrome ? Look(bold: true, reverse: true) : Look(foreground: white, background: self == .rich256 ? 24 : blue, bold: true)
        case .columnHeader: return Look(bold: true, underline: true)
        case .selected: return self == .rich256 ? Look(foreground: -1, background: 238) : Look(reverse: true)
        case .rule, .muted: return self == .rich256 ? Look(foreground: 244) : Look(dim: true)
        case .footerKey: return colour(cyan, bold: true)
        case .overdue: return self == .monochrome ? Look(bold: true) : colour(red)
        case .dueSoon: return self == .monochrome ? Look(underline: true) : colour(yellow)
        case .warning: return colour(red, bold: true)
        case .good: return colour(green)
        case .highlight: return self == .monochrome ? Look(bold: true, underline: true) : colour(yellow, bold: true)
        case .bar1: return colour(blue)
        case .bar2: return colour(green)
        case .bar3: return colour(magenta)
        case .bar4: return self == .rich256 ? colour(244) : colour(cyan)
        case .mark: return colour(red, bold: true)
        }
    }
}
