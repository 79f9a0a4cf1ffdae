/// What an experiment needs to know about a dataset to validate itself
/// against it, without this module loading any data.
///
/// ```swift
/// let mnist = DatasetShape(inputSize: 784, classCount: 10,
///                          trainCount: 60_000, testCount: 10_000)
/// ```
public struct DatasetShape: Sendable, Hashable {
    /// Values per example: the network's first layer must have this many neurons.
    public var inputSize: Int
    /// Distinct labels: the network's last layer must have this many neurons.
    public var classCount: Int
    /// Examples in the training split: the upper bound for `train_limit`.
    public var trainCount: Int
    /// Examples in the test split: the upper bound for `test_limit`.
    public var testCount: Int

    public init(inputSize: Int, classCount: Int, trainCount: Int, testCount: Int) {
        self.inputSize = inputSize
        self.classCount = classCount
        self.trainCount = trainCount
        self.testCount = testCount
    }
}
