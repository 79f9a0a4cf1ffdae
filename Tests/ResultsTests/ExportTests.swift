import Foundation
import XCTest
@testable import Results

final class ExportTests: XCTestCase {
    private var directory: String!
    private var store: SQLiteResultsStore!

    override func setUpWithError() throws {
        directory = try makeTemporaryDirectory(for: self)
        store = try SQLiteResultsStore(path: directory + "/db/results.sqlite")
    }

    func testExportsExactValuesInExpansionOrder() throws {
        // Registered in one order, trained in another: exports follow the
        // experiment's order, not run ids or training order.
        _ = try store.register(makeExperiment("other"), runs: [makeRun("c", eta: 0.1, seed: 7)])
        _ = try store.register(makeExperiment("sweep"), runs: [
            makeRun("a", eta: 3.0, seed: 1), makeRun("b", eta: 3.0, seed: 2),
            makeRun("c", eta: 0.1, seed: 7), makeRun("d", layers: [784, 10], eta: 1e-05, seed: 1),
        ])
        try complete("c", in: store, accuracies: [0.1])
        try complete("b", in: store, accuracies: [0.9, 0.92])
        try complete("a", in: store, accuracies: [0.94])

        let paths = try store.export(experiment: "sweep", to: directory + "/out")
        XCTAssertEqual(paths, ["runs", "configs", "epochs", "timings"].map { directory + "/out/sweep-\($0).csv" })

        // Without a validation set: the options at their defaults, no validation size, no selection by it.
        let noValidation = ["quadratic", "0.0", "0.0", "", "", "0"]
        let noSelection = ["", "", "", ""]
        XCTAssertEqual(try readCSV(paths[0]), [
            ["config_hash", "layers", "hidden", "eta", "epochs", "batch_size", "init", "seed", "dataset",
             "train_size", "test_size", "status", "final_accuracy", "best_accuracy", "best_epoch", "final_train_cost",
             "hash_version", "cost", "l2", "momentum", "patience", "eta_halving", "validation_size",
             "stop_reason", "best_validation_accuracy", "best_validation_epoch", "test_accuracy_at_best_validation",
             "hidden_total"],
            ["a", "784-30-10", "30", "3.0", "3", "10", "gaussian", "1", "mnist", "50000", "10000", "done", "0.94", "0.94", "1", "0.5", "2"]
                + noValidation + noSelection + ["30"],
            ["b", "784-30-10", "30", "3.0", "3", "10", "gaussian", "2", "mnist", "50000", "10000", "done", "0.92", "0.92", "2", "0.3333333333333333", "2"]
                + noValidation + noSelection + ["30"],
            ["c", "784-30-10", "30", "0.1", "3", "10", "gaussian", "7", "mnist", "50000", "10000", "done", "0.1", "0.1", "1", "0.5", "2"]
                + noValidation + noSelection + ["30"],
            ["d", "784-10", "", "1e-05", "3", "10", "gaussian", "1", "mnist", "50000", "10000", "pending", "", "", "", "", "2"]
                + noValidation + noSelection + ["0"],
        ])

        let configs = try readCSV(paths[1])
        XCTAssertEqual(configs.first, [
            "layers", "hidden", "eta", "epochs", "batch_size", "init", "dataset", "train_size", "test_size", "n_seeds",
            "mean_final_accuracy", "std_final_accuracy", "min_final_accuracy", "max_final_accuracy",
            "mean_best_accuracy", "std_best_accuracy", "min_best_accuracy", "max_best_accuracy", "hash_version",
            "cost", "l2", "momentum", "patience", "eta_halving", "validation_size",
            "mean_best_validation_accuracy", "std_best_validation_accuracy", "min_best_validation_accuracy",
            "max_best_validation_accuracy", "mean_test_accuracy_at_best_validation",
            "std_test_accuracy_at_best_validation", "min_test_accuracy_at_best_validation",
            "max_test_accuracy_at_best_validation", "hidden_total",
        ])
        XCTAssertEqual(configs.count, 3)
        XCTAssertEqual(Array(configs[1][0...9]), ["784-30-10", "30", "3.0", "3", "10", "gaussian", "mnist", "50000", "10000", "2"])
        XCTAssertEqual(Double(configs[1][10]) ?? 0, 0.93, accuracy: 1e-12)
        XCTAssertEqual(Double(configs[1][11]) ?? 0, 0.01414213562373093, accuracy: 1e-12)
        XCTAssertEqual(Array(configs[1][12...13]), ["0.92", "0.94"])
        XCTAssertEqual(configs[1][18], "2")
        XCTAssertEqual(configs[2], ["784-30-10", "30", "0.1", "3", "10", "gaussian", "mnist", "50000", "10000", "1",
                                    "0.1", "", "0.1", "0.1", "0.1", "", "0.1", "0.1", "2"]
                                    + noValidation + noSelection + noSelection + ["30"])

        // Each row carries its run's whole configuration: dataset and sizes too.
        let noEpochValidation = ["", "", ""]
        let sizes = ["mnist", "50000", "10000", "30"]
        XCTAssertEqual(try readCSV(paths[2]), [
            ["config_hash", "layers", "hidden", "eta", "epochs", "batch_size", "init", "seed", "epoch", "train_cost",
             "test_cost", "test_accuracy", "hash_version", "cost", "l2", "momentum", "patience",
             "eta_halving", "validation_size", "epoch_eta", "validation_cost", "validation_accuracy", "dataset",
             "train_size", "test_size", "hidden_total"],
            ["a", "784-30-10", "30", "3.0", "3", "10", "gaussian", "1", "1", "0.5", "0.5", "0.94", "2"]
                + noValidation + noEpochValidation + sizes,
            ["b", "784-30-10", "30", "3.0", "3", "10", "gaussian", "2", "1", "0.5", "0.5", "0.9", "2"]
                + noValidation + noEpochValidation + sizes,
            ["b", "784-30-10", "30", "3.0", "3", "10", "gaussian", "2", "2", "0.3333333333333333", "0.25", "0.92", "2"]
                + noValidation + noEpochValidation + sizes,
            ["c", "784-30-10", "30", "0.1", "3", "10", "gaussian", "7", "1", "0.5", "0.5", "0.1", "2"]
                + noValidation + noEpochValidation + sizes,
        ])

        // The timings, in the same order, apart; the fixture's owner trained with avx2.
        XCTAssertEqual(try readCSV(paths[3]), [
            ["config_hash", "epoch", "seconds", "wall_seconds", "kernels"],
            ["a", "1", "1.5", "4.5", "avx2"], ["b", "1", "1.5", "4.5", "avx2"], ["b", "2", "1.5", "4.5", "avx2"],
            ["c", "1", "1.5", "4.5", "avx2"],
        ])

        let text = try String(contentsOfFile: paths[2], encoding: .utf8)
        XCTAssertTrue(text.hasSuffix(",0.1,2,quadratic,0.0,0.0,,,0,,,,mnist,50000,10000,30\n"))
        XCTAssertFalse(text.contains("\r"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory + "/out").filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [])
    }

    /// Two seeds chosen on a validation set, one stopped early: the runs'
    /// selection, the configuration's statistics of it, and each epoch's η
    /// and validation numbers (η 3 in both epochs; see `complete`).
    func testExportsCarryTheValidationColumns() throws {
        _ = try store.register(makeExperiment("chosen"), runs: [
            makeRun("v1", seed: 1, validationLimit: 10_000, patience: 1),
            makeRun("v2", seed: 2, validationLimit: 10_000, patience: 1),
        ])
        try complete("v1", in: store, accuracies: [0.5, 0.75], validationAccuracies: [0.5, 0.25], stopReason: "patience ran out")
        try complete("v2", in: store, accuracies: [0.25, 0.5], validationAccuracies: [0.5, 1.0])

        let paths = try store.export(experiment: "chosen", to: directory + "/out")
        let runs = try readCSV(paths[0])
        XCTAssertEqual(runs.map { Array($0[17...26]) }, [
            ["cost", "l2", "momentum", "patience", "eta_halving", "validation_size", "stop_reason",
             "best_validation_accuracy", "best_validation_epoch", "test_accuracy_at_best_validation"],
            ["quadratic", "0.0", "0.0", "1", "", "10000", "patience ran out", "0.5", "1", "0.5"],
            ["quadratic", "0.0", "0.0", "1", "", "10000", "", "1.0", "2", "0.5"],
        ])
        let configs = try readCSV(paths[1])
        XCTAssertEqual(configs.count, 2)
        XCTAssertEqual(Array(configs[1][19...]), [
            "quadratic", "0.0", "0.0", "1", "", "10000",
            "0.75", "\((0.125).squareRoot())", "0.5", "1.0",
            "0.5", "0.0", "0.5", "0.5", "30",
        ])
        XCTAssertEqual(try readCSV(paths[2]).map { [$0[0], $0[8]] + $0[19...21] }, [
            ["config_hash", "epoch", "epoch_eta", "validation_cost", "validation_accuracy"],
            ["v1", "1", "3.0", "0.125", "0.5"], ["v1", "2", "3.0", "0.0625", "0.25"],
            ["v2", "1", "3.0", "0.125", "0.5"], ["v2", "2", "3.0", "0.0625", "1.0"],
        ])
    }

    func testCSVQuotingRoundTrips() throws {
        let awkward = "eta, batch size and \"init\"\nsecond line\r\nthird"
        var writer = CSVWriter(header: ["a", "b", "c"])
        writer.appendRow([awkward, nil, "plain"])
        writer.appendRow(["\"", ",", ""])
        XCTAssertEqual(writer.text, """
            a,b,c
            "eta, batch size and ""init""
            second line\r
            third",,plain
            \"\"\"\",",",

            """)
        XCTAssertEqual(parseCSV(writer.text), [["a", "b", "c"], [awkward, "", "plain"], ["\"", ",", ""]])
    }

    func testExportQuotesAwkwardTextFromTheDatabase() throws {
        let awkward = "lr, \"eta\"\nsweep"
        _ = try store.register(makeExperiment("quoted"), runs: [
            RunRecord(configHash: "q,1", layers: [784, 10], eta: 1, epochs: 1, batchSize: 1, seed: 1,
                      initialization: awkward, dataset: "mnist", trainLimit: 1, testLimit: 1, paramsJSON: "{}"),
        ])
        let runs = try readCSV(try store.export(experiment: "quoted", to: directory)[0])
        XCTAssertEqual(runs[1][0], "q,1")
        XCTAssertEqual(runs[1][6], awkward)
    }

    /// The error names the experiments there are, since a typo is the usual cause.
    func testExportOfUnknownExperimentIsAnInputErrorNamingTheKnownOnes() throws {
        XCTAssertThrowsError(try store.export(experiment: "missing", to: directory)) { error in
            XCTAssertEqual(String(describing: error), "\(store.path): no experiment named 'missing'; the database has no experiments")
            XCTAssertEqual((error as? ResultsError)?.kind, .input)
        }
        _ = try store.register(makeExperiment("smoke"), runs: [])
        _ = try store.register(makeExperiment("eta"), runs: [])
        XCTAssertThrowsError(try store.export(experiment: "smokey", to: directory)) { error in
            XCTAssertEqual(String(describing: error), "\(store.path): no experiment named 'smokey'; the database has eta, smoke")
        }
    }

    /// A name that would write outside the directory is refused even when
    /// the database has it.
    func testExperimentNameThatIsNoFileNameIsRefused() throws {
        _ = try store.register(makeExperiment("../escape"), runs: [])
        XCTAssertThrowsError(try store.export(experiment: "../escape", to: directory)) { error in
            XCTAssertEqual(
                String(describing: error), "\(store.path): cannot export experiment '../escape': not usable in a file name")
            XCTAssertEqual((error as? ResultsError)?.kind, .input)
        }
    }
}
