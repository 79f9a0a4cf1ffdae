import ArgumentParser
import Backprop
import Foundation
import Sweep

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train one network and print a line per epoch.",
        discussion: """
            Each line shows the epoch, the mean cost (of --cost) on the test set, the \
            accuracy on the validation set (unless --validation-limit is 0) and on the \
            test set after that epoch, η when --eta-halving has just lowered it, and the \
            epoch's wall-clock time:
              epoch 1/30  cost 0.0812  validation 0.9130  test 0.9123  1.1s
              epoch 9/30  cost 0.0431  validation 0.9561  test 0.9540  eta 1.5  1.1s
            Only validation accuracy steers --patience and --eta-halving; when they end \
            training early, a last line says why.
            """
    )

    // Every numeric option parses unconditionally, so that a negative value
    // (`--eta -3`) reaches `checkOptions` rather than reading as a flag.
    @Option(parsing: .unconditional, help: "Neurons per layer, input first, comma-separated.")
    var layers = LayerSizes([784, 30, 10])

    @Option(parsing: .unconditional, help: "Learning rate η.")
    var eta = 3.0

    @Option(parsing: .unconditional, help: "Epochs to train (at most, with --patience or --eta-halving).")
    var epochs = 30

    @Option(parsing: .unconditional, help: "Mini-batch size m (1 is per-example SGD).")
    var batch = 10

    @Option(parsing: .unconditional, help: "Seed of the run's random generator (initial weights and shuffles).", transform: Seed.parse)
    var seed: UInt64 = 1

    // --init is the experiment files' key; --initialization came first and stays.
    @Option(
        name: [.customLong("init"), .customLong("initialization")],
        help: "Initialisation: normal (N(0,1)) or scaled (N(0,1/n_in) weights).")
    var initialization = Initialization.normal

    @Option(help: "The cost minimised; log_likelihood makes the output layer a softmax.")
    var cost = CostFunction.quadratic

    @Option(
        parsing: .unconditional,
        help: "L2 regularisation λ ≥ 0: each step scales the weights by 1 − ηλ/n, n the training images used; biases are not decayed.")
    var l2 = 0.0

    @Option(parsing: .unconditional, help: "Momentum μ in [0, 1); 0 is plain gradient descent.")
    var momentum = 0.0

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Stop after N epochs without a new best validation accuracy.", valueName: "N"))
    var patience: Int?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Halve η after each N epochs without a new best validation accuracy; stop when η is 1/128 of --eta.",
            valueName: "N"))
    var etaHalving: Int?

    @OptionGroup var data: DataOptions

    func run() throws {
        try checkOptions()
        let configuration = TrainingConfiguration(
            layers: layers.sizes, eta: eta, epochs: epochs, batchSize: batch, initialization: initialization, seed: seed,
            cost: cost, l2: l2, momentum: momentum, patience: patience, etaHalving: etaHalving)
        let (_, split) = try data.load()
        if let flag = selectionFlag, split.validation == nil {
            throw RunnerFailure.input("\(flag) needs a validation set, but --train-limit \(data.trainLimit) leaves no training images for one")
        }
        let trainer = try Trainer(
            configuration: configuration, train: split.train, validation: split.validation, test: split.test)
        var previousEta = eta
        let outcome = trainer.run { report in
            print(EpochLine.text(report, epochs: epochs, previousEta: previousEta))
            fflush(nil)  // lines appear as epochs finish, also through a pipe
            previousEta = report.eta
            return .proceed
        }
        switch outcome.status {
        case .diverged(let epoch, let reason):
            throw RunnerFailure.runtime("diverged in epoch \(epoch): \(reason)")
        case .stoppedEarly(let epoch, let reason):
            print("stopped early after epoch \(epoch) of \(epochs): \(reason)")
        case .completed, .stopped:
            break
        }
    }

    /// The flags, before the data loads; in `run` rather than `validate()`,
    /// so that each error is one line.
    private func checkOptions() throws {
        guard eta.isFinite, eta > 0 else { throw RunnerFailure.input("--eta must be a finite number > 0, got \(eta)") }
        guard epochs >= 1 else { throw RunnerFailure.input("--epochs must be at least 1, got \(epochs)") }
        guard batch >= 1 else { throw RunnerFailure.input("--batch must be at least 1, got \(batch)") }
        guard l2.isFinite, l2 >= 0 else {
            throw RunnerFailure.input("--l2 must be a finite number ≥ 0, got \(l2)")
        }
        guard momentum >= 0, momentum < 1 else {
            throw RunnerFailure.input("--momentum must be in [0, 1), got \(momentum)")
        }
        for case let (flag, epochs?) in [("--patience", patience), ("--eta-halving", etaHalving)] where epochs < 1 {
            throw RunnerFailure.input("\(flag) must be at least 1, got \(epochs)")
        }
        try data.check()
        if let flag = selectionFlag, data.validationLimit == 0 {
            throw RunnerFailure.input("\(flag) needs a validation set, but --validation-limit is 0")
        }
    }

    /// The first flag given that acts on validation accuracy.
    private var selectionFlag: String? {
        patience != nil ? "--patience" : etaHalving != nil ? "--eta-halving" : nil
    }
}
