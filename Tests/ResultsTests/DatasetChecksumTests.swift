import XCTest
@testable import Results

/// A stored run's dataset checksum, read from the configuration it was
/// registered with.
final class DatasetChecksumTests: XCTestCase {
    private var store: SQLiteResultsStore!

    override func setUpWithError() throws {
        store = try SQLiteResultsStore(path: try makeTemporaryDirectory(for: self) + "/results.sqlite")
    }

    func testTheChecksumOfTheCanonicalConfiguration() throws {
        var run = makeRun("canonical")
        run.paramsJSON = #"{"batch_size":10,"dataset_checksum":"b2d8f5bf39174ee5ffeefa97e42d673c35432b411bb5d1f74fbbeddae7f1690a","epochs":3,"eta":3.0,"hash_version":2,"init":"normal","layers":[784,30,10],"seed":1,"test_size":10000,"train_size":50000}"#
        _ = try store.register(makeExperiment("sweep"), runs: [run])
        XCTAssertEqual(
            try store.run(configHash: "canonical")?.datasetChecksum,
            "b2d8f5bf39174ee5ffeefa97e42d673c35432b411bb5d1f74fbbeddae7f1690a")
        XCTAssertEqual(try store.run(id: 1)?.datasetChecksum, "b2d8f5bf39174ee5ffeefa97e42d673c35432b411bb5d1f74fbbeddae7f1690a")
    }

    /// Only a string under `dataset_checksum` at the top of a JSON object
    /// is a checksum; anything else reads as none, never as an error.
    func testAConfigurationWithoutAChecksumStringHasNone() throws {
        let configurations = [
            "no-key": #"{"hash_version":2}"#,
            "number": #"{"dataset_checksum":42}"#,
            "null": #"{"dataset_checksum":null}"#,
            "nested": #"{"data":{"dataset_checksum":"abc"}}"#,
            "array": #"["dataset_checksum","abc"]"#,
            "not-json": "not json",
            "empty": "",
        ]
        _ = try store.register(makeExperiment("sweep"), runs: configurations.map { hash, json in
            var run = makeRun(hash)
            run.paramsJSON = json
            return run
        })
        for hash in configurations.keys {
            let run = try XCTUnwrap(try store.run(configHash: hash), hash)
            XCTAssertNil(run.datasetChecksum, hash)
        }
    }

    /// The runs an older runner left (whose configurations hold no
    /// checksum, and one no JSON at all) read with none.
    func testRunsOfAnOlderDatabaseHaveNone() throws {
        let path = try makeTemporaryDirectory(for: self) + "/old.sqlite"
        try makeVersion1Database(at: path)
        let old = try SQLiteResultsStore(path: path, readOnly: true)
        let runs = try [1, 2, 3].map { try XCTUnwrap(try old.run(id: $0)) }
        XCTAssertEqual(runs.map(\.record.configHash), ["old1", "old2", "broken"])
        XCTAssertEqual(runs.map(\.datasetChecksum), [nil, nil, nil])
    }
}
