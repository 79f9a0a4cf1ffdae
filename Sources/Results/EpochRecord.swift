/// One finished epoch's measurements. A cost that was NaN in training (a
/// diverging run's) reads back as NaN.
public struct EpochRecord: Sendable, Equatable {
    /// 1-based epoch number.
    public var epoch: Int
    public var trainCost: Double
    public var testCost: Double
    /// Fraction of the test set classified correctly, in 0...1.
    public var testAccuracy: Double
    public var seconds: Double

    public init(epoch: Int, trainCost: Double, testCost: Double, testAccuracy: Double, seconds: Double) {
        self.epoch = epoch
        self.trainCost = trainCost
        self.testCost = testCost
        self.testAccuracy = testAccuracy
        self.seconds = seconds
    }
}
