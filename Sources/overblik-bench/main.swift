import ArgumentParser

/// Benchmarks run by `make bench` (never by the tests): figures printed, nothing asserted.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "overblik-bench", abstract: "Overblik's benchmarks.",
                                                    subcommands: [TUIBench.self, ScaleBench.self, StatBankBench.self, FiguresBench.self])
}

Bench.main()
