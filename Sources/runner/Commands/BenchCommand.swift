import ArgumentParser
import Backprop
import Datasets
import Foundation
import Results

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure training speed on real MNIST, one thread.",
        discussion: """
            Trains on the first 50,000 MNIST training images (fewer if --examples is \
            smaller) until --examples examples have been trained, end to end: shuffling, \
            gathering mini-batches, forward and backward passes and updates; no evaluation. \
            Repeats that --repeat times from the same initial network, after one untimed \
            pass that warms the caches and the clock, and reports the median. FLOP counts the multiply-adds of the matrix products, two each. \
            The last line is 'examples/s: N'.
            """
    )

    // The numeric options parse unconditionally, so that a negative value
    // (`--batch -1`) reaches `validate()` rather than reading as a flag.
    @Option(parsing: .unconditional, help: "Neurons per layer, input first, comma-separated.")
    var layers = LayerSizes([784, 30, 10])

    @Option(parsing: .unconditional, help: "Mini-batch size m.")
    var batch = 10

    @Option(parsing: .unconditional, help: "Training examples per timed pass.")
    var examples = Dataset.nielsenTrainLimit

    @Option(parsing: .unconditional, help: "Timed passes; the median is reported.")
    var `repeat` = 5

    @Option(parsing: .unconditional, help: "Learning rate η.")
    var eta = 3.0

    @Option(help: "Cost: quadratic, cross_entropy or log_likelihood (softmax outputs).")
    var cost = CostFunction.quadratic

    @Option(help: "Dataset: 'mnist', 'fashion-mnist' (found from any directory; 'runner datasets' shows where), or a directory of IDX files.")
    var dataset = "mnist"

    func validate() throws {
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1, got \(batch)") }
        guard examples >= 1 else { throw ValidationError("--examples must be at least 1, got \(examples)") }
        guard `repeat` >= 1 else { throw ValidationError("--repeat must be at least 1, got \(`repeat`)") }
        guard eta.isFinite, eta > 0 else { throw ValidationError("--eta must be a finite number > 0, got \(eta)") }
    }

    func run() throws {
        // Nielsen's 50,000 training images, or all of a smaller dataset.
        let loaded = try DataSelection(dataset: dataset, trainLimit: 1, testLimit: 1).load().dataset
        let trainCount = min(examples, Dataset.nielsenTrainLimit, loaded.train.count)
        let split = try loaded.split(trainLimit: trainCount, testLimit: 1)
        let (train, test) = (split.train, split.test)
        let epochs = (examples + trainCount - 1) / trainCount
        let kernels = try KernelVariant.selected()
        let benchmark = try TrainingBenchmark(
            configuration: TrainingConfiguration(
                layers: layers.sizes, eta: eta, epochs: epochs, batchSize: batch, seed: 1, cost: cost),
            train: train, test: test, kernels: kernels)
        let trained = benchmark.examplesPerPass

        print("network \(RunRecord.layersText(layers.sizes))  batch \(batch)  cost \(cost.rawValue)  "
            + "\(trained) examples per pass (\(epochs) × \(trainCount))  1 thread  \(benchmark.flopsPerExample) FLOP/example  kernels \(kernels.rawValue)")
        let seconds = try benchmark.run(passes: `repeat`) { pass, seconds in
            print(String(format: "pass %d: %.4f s  %.0f examples/s", pass, seconds, Double(trained) / seconds))
        }
        let median = seconds.sorted()[seconds.count / 2]
        let rate = Double(trained) / median
        print(String(format: "median: %.4f s per pass, %.4f s per %d-example epoch", median, median / Double(epochs), trainCount))
        print(String(format: "GFLOP/s: %.1f", rate * Double(benchmark.flopsPerExample) / 1e9))
        print(String(format: "examples/s: %.0f", rate))
    }
}
