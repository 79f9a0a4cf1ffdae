/// One finished epoch, as reported to the caller's sink.
public struct EpochReport: Sendable, Equatable {
    /// 1-based.
    public let epoch: Int
    /// Mean cost of the training examples during the epoch, each measured in
    /// its mini-batch's forward pass before that mini-batch's step.
    public let trainCost: Double
    /// Mean cost on the test set after the epoch.
    public let testCost: Double
    /// Fraction of test examples whose `argmax a^L` is their label.
    public let testAccuracy: Double
    /// Wall-clock seconds of the epoch, training and evaluation.
    public let seconds: Double

    public init(epoch: Int, trainCost: Double, testCost: Double, testAccuracy: Double, seconds: Double) {
        self.epoch = epoch
        self.trainCost = trainCost
        self.testCost = testCost
        self.testAccuracy = testAccuracy
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
