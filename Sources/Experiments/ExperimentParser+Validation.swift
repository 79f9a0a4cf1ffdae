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

    /// `validation_limit: 0` beside `patience` or `eta_halving`; needs no
    /// dataset, and no verdict when `validation_limit` has a problem.
    func checkSelectionIsNotWithoutValidation(_ keys: Keys) {
        guard !keys.invalid.contains(.validationLimit),
              let selection = keys.settings.first(where: { $0.key == .patience || $0.key == .etaHalving }),
              let none = keys.settings.first(where: { $0.key == .validationLimit && $0.value == .integer(0) })
        else { return }
        problems.record(reader.error(
            selection.field,
            "\(selection.key.rawValue) needs a validation set, but validation_limit is 0 (\(reader.place(of: none.field)))"))
    }

    /// Every validation limit beside every training limit it is paired with
    /// (both may vary in grid), and, when `validation_limit` is left to its
    /// default, a validation set for `patience` and `eta_halving` in every run.
    /// Not checked when a training or validation limit has a problem of its
    /// own (a training limit too large for the dataset included).
    func checkValidationFits(_ keys: Keys, in shape: DatasetShape, defaultTrainLimit: Int) {
        guard keys.invalid.isDisjoint(with: [.trainLimit, .validationLimit]) else { return }
        let givenTrainLimits = keys.settings.filter { $0.key == .trainLimit }.compactMap(\.value.integer)
        let trainLimits = givenTrainLimits.isEmpty ? [defaultTrainLimit] : givenTrainLimits
        let validationLimits = keys.settings.filter { $0.key == .validationLimit }
        for validation in validationLimits {
            guard let limit = validation.value.integer,
                  let trainLimit = trainLimits.first(where: { limit > shape.trainCount - $0 })
            else { continue }
            problems.record(reader.error(
                validation.field,
                "validation_limit \(limit) exceeds the \(shape.trainCount - trainLimit) training images left after train_limit \(trainLimit)"))
        }
        guard validationLimits.isEmpty,
              let selection = keys.settings.first(where: { $0.key == .patience || $0.key == .etaHalving }),
              let trainLimit = trainLimits.first(where: {
                  Self.defaultValidationLimit(trainingExamples: shape.trainCount, trainLimit: $0) == 0
              })
        else { return }
        problems.record(reader.error(
            selection.field,
            "\(selection.key.rawValue) needs a validation set, but train_limit \(trainLimit) leaves no training images for one"))
    }
}
