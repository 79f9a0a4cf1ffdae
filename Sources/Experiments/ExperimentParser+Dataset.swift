import Datasets

/// The rules that need the dataset: it exists, the layer sizes at both ends
/// fit it, and the training, validation and test limits fit its splits.
extension ExperimentParser {
    /// The dataset's shape; nil, with the problem recorded, when it cannot be had.
    func shape(of dataset: String, at field: Field) -> DatasetShape? {
        let shape: DatasetShape?
        do {
            shape = try datasetShape(dataset)
        } catch {
            problems.record(reader.error(field, "cannot read dataset '\(dataset)': \(error)"))
            return nil
        }
        guard let shape else {
            problems.record(reader.error(field, "dataset '\(dataset)' not found"))
            return nil
        }
        return shape
    }

    func check(_ keys: inout Keys, against shape: DatasetShape, datasetName: String) {
        for setting in keys.settings {
            switch setting.value {
            case let .layers(sizes):
                let items = (try? reader.list(setting.field, expected: "a list of integers")) ?? []
                if let first = sizes.first, let firstItem = items.first, first != shape.featureCount {
                    problems.record(reader.error(
                        firstItem,
                        "the first layer must have \(shape.featureCount) neurons, one per input of dataset '\(datasetName)', got \(first)"))
                }
                if let last = sizes.last, let lastItem = items.last, last != shape.classCount {
                    problems.record(reader.error(
                        lastItem,
                        "the last layer must have \(shape.classCount) neurons, one per class of dataset '\(datasetName)', got \(last)"))
                }
            case let .integer(limit) where setting.key == .trainLimit && limit > shape.trainCount:
                problems.record(reader.error(
                    setting.field,
                    "train_limit must be at most \(shape.trainCount), the training examples in dataset '\(datasetName)', got \(limit)"))
                keys.invalid.insert(.trainLimit)
            default:
                break
            }
        }
        if let testLimit = keys.testLimit, testLimit.value > shape.testCount {
            problems.record(reader.error(
                testLimit.field,
                "test_limit must be at most \(shape.testCount), the test examples in dataset '\(datasetName)', got \(testLimit.value)"))
        }
        let defaultTrainLimit = min(Dataset.nielsenTrainLimit, shape.trainCount)
        checkValidationFits(keys, in: shape, defaultTrainLimit: defaultTrainLimit)
        checkEarlyStopValidationFits(keys, in: shape, defaultTrainLimit: defaultTrainLimit)
    }
}
