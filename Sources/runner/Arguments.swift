import ArgumentParser
import Backprop
import Datasets
import Foundation

/// Layer sizes written as `784,30,10`.
struct LayerSizes: ExpressibleByArgument {
    let sizes: [Int]

    init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
        let sizes = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard sizes.count == parts.count, sizes.count >= 2, sizes.allSatisfy({ $0 >= 1 }) else { return nil }
        self.sizes = sizes
    }

    init(_ sizes: [Int]) { self.sizes = sizes }

    var defaultValueDescription: String { sizes.map(String.init).joined(separator: ",") }
}

extension Initialization: ExpressibleByArgument {}

/// Where the examples come from, shared by the commands that train.
struct DataOptions: ParsableArguments {
    @Option(help: "Data set: 'mnist', 'fashion-mnist', or a directory holding the four IDX files (gzip or plain).")
    var dataset = "mnist"

    @Option(help: "Train on the first N training images (Nielsen's split: the first 50,000 of 60,000).")
    var trainLimit = Dataset.nielsenTrainLimit

    @Option(help: "Test on the first N t10k images.")
    var testLimit = Dataset.nielsenTestLimit

    func validate() throws {
        guard trainLimit >= 1 else { throw ValidationError("--train-limit must be at least 1, got \(trainLimit)") }
        guard testLimit >= 1 else { throw ValidationError("--test-limit must be at least 1, got \(testLimit)") }
    }
}
