import XCTest
@testable import Results

final class RegistrationTests: XCTestCase {
    private var store: SQLiteResultsStore!

    override func setUpWithError() throws {
        store = try SQLiteResultsStore(path: try makeTemporaryDirectory(for: self) + "/results.sqlite")
    }

    func testRegisterTwiceIsIdempotent() throws {
        let runs = [makeRun("h1"), makeRun("h2", seed: 2)]
        XCTAssertEqual(try store.register(makeExperiment("sweep"), runs: runs), ["h1": .pending, "h2": .pending])
        XCTAssertEqual(try store.register(makeExperiment("sweep"), runs: runs), ["h1": .pending, "h2": .pending])

        XCTAssertEqual(try store.query("SELECT count(*) FROM experiments").rows, [["1"]])
        XCTAssertEqual(try store.query("""
            SELECT config_hash, layers, hidden, eta, epochs, batch_size, seed, init, dataset, train_size,
                   test_size, params_json, hash_version, status, experiment_id, kernels
            FROM runs ORDER BY id
            """).rows, [
            ["h1", "784-30-10", "30", "3.0", "3", "10", "1", "gaussian", "mnist", "50000", "10000",
             #"{"hash":"h1","hash_version":2}"#, "2", "pending", "1", nil],
            ["h2", "784-30-10", "30", "3.0", "3", "10", "2", "gaussian", "mnist", "50000", "10000",
             #"{"hash":"h2","hash_version":2}"#, "2", "pending", "1", nil],
        ])
        XCTAssertEqual(try store.query("SELECT experiment_id, run_id, position FROM experiment_runs ORDER BY position").rows,
                       [["1", "1", "0"], ["1", "2", "1"]])
    }

    func testGrownRunListAddsOnlyNewRunsAndKeepsStatuses() throws {
        _ = try store.register(makeExperiment("sweep"), runs: [makeRun("h1"), makeRun("h2")])
        try complete("h1", in: store, accuracies: [0.9])

        let grown = ExperimentRecord(name: "sweep", description: "grown", specYAML: "v2", specSHA256: "sha2")
        let statuses = try store.register(
            grown, runs: [makeRun("h0"), makeRun("h1"), makeRun("h2"), makeRun("h3")], replacingSpec: true)

        XCTAssertEqual(statuses, ["h0": .pending, "h1": .done, "h2": .pending, "h3": .pending])
        XCTAssertEqual(try store.query("SELECT id, config_hash FROM runs ORDER BY id").rows,
                       [["1", "h1"], ["2", "h2"], ["3", "h0"], ["4", "h3"]])
        XCTAssertEqual(try store.query("SELECT config_hash, position FROM run_summary ORDER BY position").rows,
                       [["h0", "0"], ["h1", "1"], ["h2", "2"], ["h3", "3"]])
        XCTAssertEqual(try store.query("SELECT name, description, spec_yaml, spec_sha256 FROM experiments").rows,
                       [["sweep", "grown", "v2", "sha2"]])
    }

    func testShrunkRunListUnlinksRunsButKeepsThem() throws {
        _ = try store.register(makeExperiment("sweep"), runs: [makeRun("h1"), makeRun("h2")])
        XCTAssertEqual(try store.register(makeExperiment("sweep"), runs: [makeRun("h2")]), ["h2": .pending])
        XCTAssertEqual(try store.query("SELECT config_hash, position FROM run_summary").rows, [["h2", "0"]])
        XCTAssertEqual(try store.query("SELECT count(*) FROM runs").rows, [["2"]])
    }

    /// The column follows the JSON, whatever the JSON is: a run registered
    /// without a version, or with text that is no JSON, has none.
    func testHashVersionIsReadFromTheParamsJSON() throws {
        var unversioned = makeRun("unversioned")
        unversioned.paramsJSON = #"{"hash":"unversioned"}"#
        var notJSON = makeRun("not-json")
        notJSON.paramsJSON = "not json"
        _ = try store.register(makeExperiment("sweep"), runs: [
            makeRun("v1", hashVersion: 1), makeRun("v2"), unversioned, notJSON,
        ])
        XCTAssertEqual(try store.query("SELECT config_hash, hash_version FROM runs ORDER BY id").rows, [
            ["v1", "1"], ["v2", "2"], ["unversioned", nil], ["not-json", nil],
        ])
    }

    func testHiddenLayersColumn() throws {
        _ = try store.register(makeExperiment("shapes"), runs: [
            makeRun("none", layers: [784, 10]), makeRun("two", layers: [784, 100, 30, 10]),
        ])
        XCTAssertEqual(try store.query("SELECT layers, hidden FROM runs ORDER BY id").rows,
                       [["784-10", ""], ["784-100-30-10", "100-30"]])
    }

    func testStatusesReadsWithoutWriting() throws {
        _ = try store.register(makeExperiment("sweep"), runs: [makeRun("h1"), makeRun("h2")])
        try complete("h2", in: store, accuracies: [0.5])
        XCTAssertEqual(try store.statuses(of: ["h1", "h2", "unknown"]), ["h1": .pending, "h2": .done])
    }

    func testSharedRunIsLinkedToBothExperimentsAndTrainedOnce() throws {
        _ = try store.register(makeExperiment("nielsen-ch1"), runs: [makeRun("shared")])
        let statuses = try store.register(makeExperiment("eta"), runs: [makeRun("low", eta: 0.5), makeRun("shared")])
        XCTAssertEqual(statuses, ["low": .pending, "shared": .pending])
        try complete("shared", in: store, accuracies: [0.95])
        XCTAssertNil(try store.claim(configHash: "shared", owner: testOwner, retryFailed: true))

        XCTAssertEqual(try store.query("SELECT experiment_id FROM runs WHERE config_hash = 'shared'").rows, [["1"]])
        XCTAssertEqual(try store.query("""
            SELECT experiment, config_hash, position, status FROM run_summary ORDER BY experiment, position
            """).rows, [
            ["eta", "low", "0", "pending"], ["eta", "shared", "1", "done"],
            ["nielsen-ch1", "shared", "0", "done"],
        ])

        let directory = try makeTemporaryDirectory(for: self)
        for experiment in ["nielsen-ch1", "eta"] {
            let paths = try store.export(experiment: experiment, to: directory)
            let runs = try readCSV(paths[0])
            XCTAssertTrue(runs.contains { $0[0] == "shared" && $0[11] == "done" && $0[12] == "0.95" }, "\(experiment): \(runs)")
            let epochs = try readCSV(paths[2])
            XCTAssertEqual(epochs.dropFirst().map { $0[0] }, ["shared"], experiment)
        }
    }

    func testOverviewCountsRunsByStatus() throws {
        _ = try store.register(makeExperiment("first", description: "one"), runs: [makeRun("h1"), makeRun("h2"), makeRun("h3")])
        _ = try store.register(makeExperiment("empty", description: "none"), runs: [])
        try complete("h1", in: store, accuracies: [0.9])
        try complete("h2", in: store, accuracies: [0.1], status: .diverged)

        let overview = try store.overview()
        XCTAssertEqual(overview.map(\.name), ["first", "empty"])
        XCTAssertEqual(overview[0].description, "one")
        XCTAssertEqual(overview[0].counts, [.pending: 1, .running: 0, .done: 1, .failed: 0, .diverged: 1, .pruned: 0])
        XCTAssertEqual(overview[0].total, 3)
        XCTAssertEqual(overview[1].counts, [.pending: 0, .running: 0, .done: 0, .failed: 0, .diverged: 0, .pruned: 0])
        XCTAssertNotNil(overview[0].createdAt)
    }
}
