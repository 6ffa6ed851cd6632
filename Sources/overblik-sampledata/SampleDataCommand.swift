import ArgumentParser
import Foundation

/// `overblik-sampledata`: writes the fictitious municipality's source drop.
@main
struct SampleDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overblik-sampledata",
        abstract: "Skriver et fiktivt kildeudtræk (Sampledata) / writes a fictitious source drop.")

    @Option(name: .long, help: "Mappen der skrives til / the folder to write.")
    var output = "Sampledata"

    @Option(name: .long, help: "Antal borgere i den almindelige befolkning / citizens in the ordinary population.")
    var citizens = 750

    @Option(name: .long, help: "Frø for tilfældighederne / the random seed.")
    var seed: UInt64 = 250

    @Option(name: .long, help: "S (Sampledata, standard), M, L eller LC: benchmark-skala / the benchmark scale, written as a stream.")
    var scale: Scale = .S

    func run() throws {
        guard scale != .S else {
            var generator = Generator(seed: seed, citizens: citizens)
            generator.population()
            generator.plantAll()
            try generator.write(to: output)
            print("\(output): \(generator.plans.count) bevillinger, \(generator.plants.count) plantede afvigelser")
            return
        }
        let p = scale.parameters
        var generator = Generator(seed: seed, citizens: p.citizens)
        generator.replicas = p.replicas
        generator.historyPerCitizen = p.history
        generator.linesPerMonth = p.linesPerMonth
        generator.firstPaidMonth = (2024, 12)
        generator.population()
        generator.plantAll(times: p.replicas)
        let written = try generator.writeScaled(to: output)
        print("\(output): skala \(scale.rawValue): \(written.grants) bevillinger, \(written.payments) posteringer, \(generator.plants.count) plantede afvigelser")
    }
}
