import Datasets

/// A data set and how much of it to use.
struct DataSelection {
    var dataset: String
    var trainLimit: Int
    var testLimit: Int

    /// Loads the data set (once per process) and takes Nielsen's split.
    func load() throws -> (dataset: Dataset, train: LabeledImages, test: LabeledImages) {
        guard let directory = DatasetRegistry.resolve(dataset) else {
            let known = DatasetRegistry.builtInNames.joined(separator: ", ")
            throw RunnerFailure.input("data set '\(dataset)' not found: not a directory, nor one of \(known)")
        }
        let loaded = try DatasetCache.shared.dataset(directory: directory, name: dataset)
        let (train, test) = try loaded.split(trainLimit: trainLimit, testLimit: testLimit)
        return (loaded, train, test)
    }
}

extension DataOptions {
    func load() throws -> (dataset: Dataset, train: LabeledImages, test: LabeledImages) {
        try DataSelection(dataset: dataset, trainLimit: trainLimit, testLimit: testLimit).load()
    }
}
