import Datasets

/// A dataset and how much of it to use.
struct DataSelection {
    var dataset: String
    var trainLimit: Int
    var testLimit: Int

    /// Loads the dataset (once per process) and takes Nielsen's split.
    func load() throws -> (dataset: Dataset, train: LabeledImages, test: LabeledImages) {
        let loaded = try DatasetCache.shared.dataset(named: dataset)
        let (train, test) = try loaded.split(trainLimit: trainLimit, testLimit: testLimit)
        return (loaded, train, test)
    }
}

extension DataOptions {
    func load() throws -> (dataset: Dataset, train: LabeledImages, test: LabeledImages) {
        try DataSelection(dataset: dataset, trainLimit: trainLimit, testLimit: testLimit).load()
    }
}
