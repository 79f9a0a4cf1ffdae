import Datasets

/// The rules of the validation set, which span keys: it comes from the end of
/// the training split, so it must fit beside every training set it goes with,
/// and `patience` and `eta_halving`, which act on validation accuracy, need
/// one in every run.
extension ExperimentParser {
    /// A run's validation examples when the file does not set `validation_limit`:
    /// Nielsen's 10,000, or what the training split leaves after the run's
    /// training examples when that is less.
    static func defaultValidationLimit(trainingExamples: Int, trainLimit: Int) -> Int {
        min(Dataset.nielsenValidationLimit, trainingExamples - trainLimit)
    }

    /// `validation_limit: 0` beside `patience` or `eta_halving`; needs no dataset.
    func checkSelectionIsNotWithoutValidation(_ located: [Located]) throws {
        guard let selection = located.first(where: { $0.key == .patience || $0.key == .etaHalving }),
              let none = located.first(where: { $0.key == .validationLimit && $0.value == .integer(0) })
        else { return }
        throw reader.error(
            selection.field,
            "\(selection.key.rawValue) needs a validation set, but validation_limit is 0 (line \(none.field.node.mark?.line ?? 1))")
    }

    /// Every validation limit beside every training limit it is paired with
    /// (both may vary in grid), and, when `validation_limit` is left to its
    /// default, a validation set for `patience` and `eta_halving` in every run.
    /// The training limits are already known to fit the dataset.
    func checkValidationFits(_ located: [Located], in shape: DatasetShape, defaultTrainLimit: Int) throws {
        let givenTrainLimits = located.filter { $0.key == .trainLimit }.compactMap(\.value.integer)
        let trainLimits = givenTrainLimits.isEmpty ? [defaultTrainLimit] : givenTrainLimits
        let validationLimits = located.filter { $0.key == .validationLimit }
        for validation in validationLimits {
            guard let limit = validation.value.integer else { continue }
            for trainLimit in trainLimits where limit > shape.trainCount - trainLimit {
                throw reader.error(
                    validation.field,
                    "validation_limit \(limit) exceeds the \(shape.trainCount - trainLimit) training images left after train_limit \(trainLimit)")
            }
        }
        guard validationLimits.isEmpty,
              let selection = located.first(where: { $0.key == .patience || $0.key == .etaHalving }),
              let trainLimit = trainLimits.first(where: {
                  Self.defaultValidationLimit(trainingExamples: shape.trainCount, trainLimit: $0) == 0
              })
        else { return }
        throw reader.error(
            selection.field,
            "\(selection.key.rawValue) needs a validation set, but train_limit \(trainLimit) leaves no training images for one")
    }
}
