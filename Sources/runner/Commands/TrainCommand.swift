import ArgumentParser
import Backprop
import Foundation

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train one network and print a line per epoch.",
        discussion: """
            Each line shows the epoch, the mean quadratic cost and the accuracy on the \
            test set after that epoch, and the epoch's wall-clock time:
              epoch 1/30  cost 0.0812  accuracy 0.9123  1.1s
            """
    )

    @Option(help: "Neurons per layer, input first, comma-separated.")
    var layers = LayerSizes([784, 30, 10])

    @Option(help: "Learning rate η.")
    var eta = 3.0

    @Option(help: "Epochs to train.")
    var epochs = 30

    @Option(help: "Mini-batch size m (1 is per-example SGD).")
    var batch = 10

    @Option(help: "Seed of the run's random generator (initial weights and shuffles).")
    var seed: UInt64 = 1

    // --init is the experiment files' key; --initialization came first and stays.
    @Option(
        name: [.customLong("init"), .customLong("initialization")],
        help: "Initialisation: normal (N(0,1)) or scaled (N(0,1/n_in) weights).")
    var initialization = Initialization.normal

    @OptionGroup var data: DataOptions

    func run() throws {
        let (_, train, test) = try data.load()
        let configuration = TrainingConfiguration(
            layers: layers.sizes, eta: eta, epochs: epochs, batchSize: batch, initialization: initialization, seed: seed)
        let trainer = try Trainer(configuration: configuration, train: train, test: test)
        let outcome = trainer.run { report in
            print(String(
                format: "epoch %d/%d  cost %.4f  accuracy %.4f  %.1fs",
                report.epoch, epochs, report.testCost, report.testAccuracy, report.seconds))
            fflush(nil)  // lines appear as epochs finish, also through a pipe
            return .proceed
        }
        if case .diverged(let epoch, let reason) = outcome.status {
            throw RunnerFailure.runtime("diverged in epoch \(epoch): \(reason)")
        }
    }
}
