import ArgumentParser
import Datasets
import Foundation

/// Where the examples come from, shared by the commands that train.
struct DataOptions: ParsableArguments {
    @Option(help: "Dataset: 'mnist', 'fashion-mnist' (found from any directory; 'runner datasets' shows where), or a directory holding the four IDX files (gzip or plain).")
    var dataset = "mnist"

    // The counts parse unconditionally, so that a negative one reaches
    // `check()` rather than reading as a flag.
    @Option(parsing: .unconditional, help: "Train on the first N training images (Nielsen's split: the first 50,000 of 60,000).")
    var trainLimit = Dataset.nielsenTrainLimit

    // Optional, so that its default can shrink to what --train-limit leaves,
    // as in experiment files.
    @Option(
        parsing: .unconditional,
        help: "Validate on the last N training images after each epoch (Nielsen's validation set: images 50,000–59,999); 0 for none. They must not reach into the training images. (default: 10000, or what --train-limit leaves when less)")
    var validationLimit: Int?

    @Option(parsing: .unconditional, help: "Test on the first N t10k images.")
    var testLimit = Dataset.nielsenTestLimit

    /// Checked when the command runs rather than in `validate()`, so that the
    /// error is one line, before the data loads.
    func check() throws {
        guard trainLimit >= 1 else { throw RunnerFailure.input("--train-limit must be at least 1, got \(trainLimit)") }
        guard testLimit >= 1 else { throw RunnerFailure.input("--test-limit must be at least 1, got \(testLimit)") }
        if let validationLimit, validationLimit < 0 {
            throw RunnerFailure.input("--validation-limit must be at least 0, got \(validationLimit)")
        }
    }
}

/// A dataset and how much of it to use.
struct DataSelection {
    var dataset: String
    var trainLimit: Int
    /// 0 is no validation set; nil is Nielsen's 10,000, or what `trainLimit`
    /// leaves of the training split when that is less.
    var validationLimit: Int? = 0
    var testLimit: Int

    /// Loads the dataset (once per process) and takes Nielsen's split.
    func load() throws -> (dataset: Dataset, split: DataSplit) {
        let loaded = try DatasetCache.shared.dataset(named: dataset, from: .runner)
        let leftOver = max(loaded.train.count - trainLimit, 0)
        let split = try loaded.split(
            trainLimit: trainLimit, validationLimit: validationLimit ?? min(Dataset.nielsenValidationLimit, leftOver),
            testLimit: testLimit)
        return (loaded, split)
    }
}

extension DataOptions {
    func load() throws -> (dataset: Dataset, split: DataSplit) {
        try DataSelection(
            dataset: dataset, trainLimit: trainLimit, validationLimit: validationLimit, testLimit: testLimit
        ).load()
    }
}

extension DatasetAnchors {
    /// This process's: `RUNNER_DATA`, the current directory and this `runner`
    /// binary, so that a build inside a clone finds the clone's `data/` from
    /// any directory. Symbolic links to the binary are followed.
    static var runner: DatasetAnchors { DatasetAnchors(executable: Bundle.main.executablePath) }
}
