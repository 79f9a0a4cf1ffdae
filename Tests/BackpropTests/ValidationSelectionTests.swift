import XCTest
@testable import Backprop

/// Nielsen's early stopping and learning-rate schedule, on validation accuracy alone.
final class ValidationSelectionTests: XCTestCase {
    private func verdicts(_ accuracies: [Double], patience: Int? = nil, etaHalving: Int? = nil)
        -> [ValidationSelection.Verdict]
    {
        var configuration = TrainingConfiguration(layers: [2, 2], eta: 1, epochs: 100, batchSize: 1, seed: 1)
        configuration.patience = patience
        configuration.etaHalving = etaHalving
        var selection = ValidationSelection()
        return accuracies.map { selection.record(accuracy: $0, configuration: configuration) }
    }

    func testPatienceStopsAfterThatManyEpochsWithoutANewBest() {
        XCTAssertEqual(
            verdicts([0.5, 0.6, 0.6, 0.55, 0.7, 0.65, 0.7], patience: 2),
            [.proceed, .proceed, .proceed, .stop(reason: "no new best validation accuracy in 2 epochs"),
             .proceed, .proceed, .stop(reason: "no new best validation accuracy in 2 epochs")])
        XCTAssertEqual(verdicts([0.5, 0.5], patience: 1), [.proceed, .stop(reason: "no new best validation accuracy in 1 epoch")])
    }

    func testEtaHalvesAfterEachWindowWithoutANewBestAndStopsAtOneOver128() {
        let flat = verdicts(Array(repeating: 0.5, count: 15), etaHalving: 2)
        XCTAssertEqual(flat.filter { $0 == .halveEta }.count, 6)
        XCTAssertEqual(
            Array(flat.prefix(6)), [.proceed, .proceed, .halveEta, .proceed, .halveEta, .proceed])
        XCTAssertEqual(flat[14], .stop(reason: "eta fell to 1/128 of its start"))
        XCTAssertEqual(flat.lastIndex(of: .halveEta), 12)
        // A new best restarts the window.
        XCTAssertEqual(verdicts([0.5, 0.5, 0.6, 0.6, 0.6], etaHalving: 2), [.proceed, .proceed, .proceed, .proceed, .halveEta])
    }

    func testWithoutEitherOptionTrainingAlwaysProceeds() {
        XCTAssertEqual(verdicts([0.9, 0.1, 0.1, 0.1]), [.proceed, .proceed, .proceed, .proceed])
    }
}
