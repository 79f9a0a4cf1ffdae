import ArgumentParser
import Backprop
import Foundation
import Results

struct GradcheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradcheck",
        abstract: "Compare backpropagation's gradient with finite differences, in double precision.",
        discussion: """
            Draws a network and a random mini-batch from the seed, computes the gradient of \
            the mean quadratic cost by backpropagation and by fourth-order central \
            differences, and prints the largest relative error. Exits 1 when it exceeds \
            \(GradientCheck.tolerance).
            """
    )

    @Option(help: "Neurons per layer, input first, comma-separated.")
    var layers = LayerSizes([5, 4, 3])

    @Option(help: "Examples in the random mini-batch.")
    var batch = 3

    @Option(help: "Seed for the network and the data.")
    var seed: UInt64 = 1

    func validate() throws {
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1, got \(batch)") }
    }

    func run() throws {
        let result = GradientCheck.run(layers: layers.sizes, batchSize: batch, seed: seed)
        print("layers \(RunRecord.layersText(layers.sizes))  batch \(batch)  seed \(seed)  parameters \(result.parameterCount)")
        print(String(format: "cost %.6f", result.cost))
        print("worst parameter \(result.worstParameter): backprop \(result.worstAnalytic), finite differences \(result.worstNumerical)")
        print("max relative error: \(String(format: "%.3e", result.maxRelativeError)) (tolerance \(GradientCheck.tolerance))")
        guard result.passed else {
            throw RunnerFailure.runtime("gradient check failed: relative error \(result.maxRelativeError) exceeds \(GradientCheck.tolerance)")
        }
    }
}
