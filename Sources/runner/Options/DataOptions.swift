import ArgumentParser
import Datasets

/// Where the examples come from, shared by the commands that train.
struct DataOptions: ParsableArguments {
    @Option(help: "Dataset: 'mnist', 'fashion-mnist', or a directory holding the four IDX files (gzip or plain).")
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

/// A dataset and how much of it to use.
struct DataSelection {
    var dataset: String
    var trainLimit: Int
    var testLimit: Int

    /// Loads the dataset (once per process) and takes Nielsen's split.
    func load() throws -> (dataset: Dataset, train: LabeledImages, test: LabeledImages) {
        let loaded = try DatasetCache.shared.dataset(named: dataset)
        let split = try loaded.split(trainLimit: trainLimit, testLimit: testLimit)
        return (loaded, split.train, split.test)
    }
}

extension DataOptions {
    func load() throws -> (dataset: Dataset, train: LabeledImages, test: LabeledImages) {
        try DataSelection(dataset: dataset, trainLimit: trainLimit, testLimit: testLimit).load()
    }
}
