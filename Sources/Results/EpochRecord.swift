/// One finished epoch's measurements. A cost that was NaN in training (a
/// diverging run's) reads back as NaN, a validation cost as nil.
public struct EpochRecord: Sendable, Equatable {
    /// 1-based epoch number.
    public var epoch: Int
    public var trainCost: Double
    public var testCost: Double
    /// Fraction of the test set classified correctly, in 0...1.
    public var testAccuracy: Double
    public var seconds: Double
    /// The learning rate the epoch trained with; nil for an epoch stored
    /// before it was recorded.
    public var eta: Double?
    /// Mean cost on the validation set; nil without a validation set.
    public var validationCost: Double?
    /// Fraction of the validation set classified correctly; nil without a validation set.
    public var validationAccuracy: Double?

    public init(
        epoch: Int, trainCost: Double, testCost: Double, testAccuracy: Double, seconds: Double,
        eta: Double? = nil, validationCost: Double? = nil, validationAccuracy: Double? = nil
    ) {
        self.epoch = epoch
        self.trainCost = trainCost
        self.testCost = testCost
        self.testAccuracy = testAccuracy
        self.seconds = seconds
        self.eta = eta
        self.validationCost = validationCost
        self.validationAccuracy = validationAccuracy
    }
}
