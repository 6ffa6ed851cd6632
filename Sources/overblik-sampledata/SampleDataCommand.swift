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

    func run() throws {
        var generator = Generator(seed: seed, citizens: citizens)
        generator.population()
        generator.plantAll()
        try generator.write(to: output)
        print("\(output): \(generator.plans.count) bevillinger, \(generator.plants.count) plantede afvigelser")
    }
}
