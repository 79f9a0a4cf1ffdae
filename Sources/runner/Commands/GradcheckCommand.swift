import ArgumentParser
import Backprop
import Foundation
import Results
import Sweep

struct GradcheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradcheck",
        abstract: "Compare backpropagation's gradient with finite differences, in double precision.",
        discussion: """
            Draws a network and a random mini-batch from the seed, computes the gradient of \
            the mean cost by backpropagation and by fourth-order central differences, and \
            prints the largest relative error. With --l2 λ the cost gains L2's term \
            (λ/2n)·Σw², n the mini-batch size. Exits 1 when the error exceeds \
            \(GradientCheck.tolerance).
            """
    )

    // The numeric options parse unconditionally, so that a negative value
    // (`--l2 -1`) reaches `validate()` rather than reading as a flag.
    @Option(parsing: .unconditional, help: "Neurons per layer, input first, comma-separated.")
    var layers = LayerSizes([5, 4, 3])

    @Option(parsing: .unconditional, help: "Examples in the random mini-batch.")
    var batch = 3

    @Option(parsing: .unconditional, help: "Seed for the network and the data.", transform: Seed.parse)
    var seed: UInt64 = 1

    @Option(help: "Cost: quadratic, cross_entropy or log_likelihood (softmax outputs).")
    var cost = CostFunction.quadratic

    @Option(parsing: .unconditional, help: "L2 regularisation λ ≥ 0, over n = the mini-batch size.")
    var l2 = 0.0

    func validate() throws {
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1, got \(batch)") }
        guard l2.isFinite, l2 >= 0 else { throw ValidationError("--l2 must be a finite number ≥ 0, got \(l2)") }
    }

    func run() throws {
        let result = GradientCheck.run(
            layers: layers.sizes, batchSize: batch, seed: seed, cost: cost, weightDecay: l2 / Double(batch))
        print("layers \(RunRecord.layersText(layers.sizes))  batch \(batch)  seed \(seed)  cost \(cost.rawValue)  "
            + "l2 \(l2)  parameters \(result.parameterCount)")
        print(String(format: "cost %.6f", result.cost))
        print("worst parameter \(result.worstParameter): backprop \(result.worstAnalytic), finite differences \(result.worstNumerical)")
        print("max relative error: \(String(format: "%.3e", result.maxRelativeError)) (tolerance \(GradientCheck.tolerance))")
        guard result.passed else {
            throw RunnerFailure.runtime("gradient check failed: relative error \(result.maxRelativeError) exceeds \(GradientCheck.tolerance)")
        }
    }
}
