/// One finished epoch, as reported to the caller's sink.
public struct EpochReport: Sendable, Equatable {
    /// 1-based.
    public let epoch: Int
    /// The learning rate the epoch trained with (below the configuration's
    /// after `etaHalving` has lowered it).
    public let eta: Double
    /// Mean cost of the training examples during the epoch, each measured in
    /// its mini-batch's forward pass before that mini-batch's step.
    public let trainCost: Double
    /// Mean cost on the test set after the epoch.
    public let testCost: Double
    /// Fraction of test examples whose `argmax a^L` is their label.
    public let testAccuracy: Double
    /// Mean cost on the validation set after the epoch; nil without one.
    public let validationCost: Double?
    /// Fraction of validation examples classified correctly; nil without a validation set.
    public let validationAccuracy: Double?
    /// Wall-clock seconds of the epoch, training and evaluation.
    public let seconds: Double

    public init(
        epoch: Int, eta: Double, trainCost: Double, testCost: Double, testAccuracy: Double,
        validationCost: Double? = nil, validationAccuracy: Double? = nil, seconds: Double
    ) {
        self.epoch = epoch
        self.eta = eta
        self.trainCost = trainCost
        self.testCost = testCost
        self.testAccuracy = testAccuracy
        self.validationCost = validationCost
        self.validationAccuracy = validationAccuracy
        self.seconds = seconds
    }
}

/// The caller's answer after each epoch.
public enum TrainingControl: Sendable {
    case proceed
    case stop
}

public enum TrainingStatus: Sendable, Equatable {
    /// All configured epochs ran.
    case completed
    /// Selection on the validation set ended training after `epoch`, before
    /// the configured epochs: `patience` epochs passed without a new best
    /// validation accuracy, or `etaHalving` lowered η to 1/128 of its start.
    /// A finished run, like `completed`.
    case stoppedEarly(epoch: Int, reason: String)
    /// The caller asked to stop before the last epoch.
    case stopped
    /// A cost or parameter stopped being finite in `epoch`; that epoch is not reported.
    case diverged(epoch: Int, reason: String)
}

public struct TrainingOutcome: Sendable {
    public let epochs: [EpochReport]
    public let status: TrainingStatus
    public let network: Network<Float>
}
