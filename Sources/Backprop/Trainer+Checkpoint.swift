import Datasets

extension Trainer {
    /// The state after the last finished epoch, to continue the run from
    /// later (see `TrainingCheckpoint`). Copies the parameters and nothing
    /// else of size; training is unchanged by taking one. Within `run`'s
    /// `onEpoch`, the epoch's validation verdict has already taken effect.
    /// After a diverged epoch it holds that epoch's non-finite numbers.
    ///
    /// ```swift
    /// let outcome = trainer.run { report in
    ///     store(report, trainer.checkpoint().encoded())
    ///     return .proceed
    /// }
    /// ```
    public func checkpoint() -> TrainingCheckpoint {
        TrainingCheckpoint(
            epoch: epochsCompleted, configurationFingerprint: configuration.fingerprint, layers: configuration.layers,
            trainCount: train.count, validationCount: validation?.count ?? 0, eta: eta,
            parameters: Array(UnsafeBufferPointer(start: parameters, count: parameterCount)),
            velocity: velocity.map { Array(UnsafeBufferPointer(start: $0, count: parameterCount)) },
            generator: generator.savedState, selection: selection, stopReason: earlyStop?.reason)
    }

    /// A trainer that continues from `checkpoint`: its next epoch is
    /// `checkpoint.epoch + 1`, and every number from there on is the one the
    /// uninterrupted run gives. `configuration` may allow more epochs than
    /// the checkpoint's run did; everything else must be the same.
    ///
    /// ```swift
    /// let trainer = try Trainer(configuration: config, train: split.train, validation: split.validation,
    ///                           test: split.test, resumingFrom: try TrainingCheckpoint(decoding: data))
    /// ```
    ///
    /// - Throws: `TrainingError` when the checkpoint is of other layers,
    ///   momentum, data sizes or configuration, or of more epochs than
    ///   `configuration.epochs`.
    public convenience init(
        configuration: TrainingConfiguration, train: LabeledImages, validation: LabeledImages? = nil,
        test: LabeledImages, kernels: KernelVariant = .default, resumingFrom checkpoint: TrainingCheckpoint
    ) throws {
        try self.init(configuration: configuration, train: train, validation: validation, test: test, kernels: kernels)
        try restore(checkpoint)
    }

    private func restore(_ checkpoint: TrainingCheckpoint) throws {
        func fail(_ message: String) -> TrainingError { TrainingError(message: "checkpoint: \(message)") }
        guard checkpoint.layers == configuration.layers else {
            throw fail("of layers \(checkpoint.layers), not \(configuration.layers)")
        }
        guard (checkpoint.velocity != nil) == (configuration.momentum > 0) else {
            throw fail(checkpoint.velocity == nil ? "without momentum, but momentum is \(configuration.momentum)"
                                                  : "with momentum, but momentum is 0")
        }
        guard checkpoint.trainCount == train.count else {
            throw fail("of \(checkpoint.trainCount) training examples, not \(train.count)")
        }
        guard checkpoint.validationCount == validation?.count ?? 0 else {
            throw fail("of \(checkpoint.validationCount) validation examples, not \(validation?.count ?? 0)")
        }
        guard checkpoint.configurationFingerprint == configuration.fingerprint else {
            throw fail("of another configuration (fingerprint \(hex(checkpoint.configurationFingerprint)), "
                + "this one's \(hex(configuration.fingerprint)))")
        }
        guard checkpoint.epoch <= configuration.epochs else {
            throw fail("after epoch \(checkpoint.epoch), but the configuration trains \(configuration.epochs)")
        }
        // The order is rebuilt, not stored: the shuffles of the epochs done,
        // from the generator as the initial parameters left it.
        for _ in 0 ..< checkpoint.epoch { generator.shuffle(&order) }
        guard generator.savedState == checkpoint.generator else {
            throw fail("its random generator's state does not follow from the seed after epoch \(checkpoint.epoch)")
        }
        parameters.update(from: checkpoint.parameters, count: parameterCount)
        if let velocity, let saved = checkpoint.velocity { velocity.update(from: saved, count: parameterCount) }
        eta = checkpoint.eta
        selection = checkpoint.selection
        earlyStop = checkpoint.stopReason.map { (checkpoint.epoch, $0) }
        epochsCompleted = checkpoint.epoch
    }
}

private func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}
