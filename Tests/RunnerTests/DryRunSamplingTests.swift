import XCTest

/// `runner sweep --dry-run` lists a sampled experiment's points as ordinary
/// runs: the sampled values in their columns, the grid outermost, the points
/// inside it and the seeds innermost.
final class DryRunSamplingTests: XCTestCase {
    private func dryRun(_ yaml: String) throws -> ProcessOutput {
        let directory = try makeTemporaryDirectory()
        let file = directory.appendingPathComponent("search.yaml").path
        try yaml.write(toFile: file, atomically: false, encoding: .utf8)
        let database = directory.appendingPathComponent("results.sqlite").path
        let output = try RunnerProcess.run(["sweep", file, "--dry-run", "--db", database])
        XCTAssertFalse(FileManager.default.fileExists(atPath: database))
        return output
    }

    /// Sobol coordinates 0.5, 0.75 and 0.25 in both dimensions' turn:
    /// η = 10^(2u − 1), hidden = 10 + ⌊91u⌋.
    func testSobolPointsInsideTheGridAroundTheSeeds() throws {
        let output = try dryRun("""
            name: search
            train_limit: 100
            test_limit: 100
            layers: [784, 30, 10]
            epochs: 1
            seeds: [1, 2]
            sample:
              eta: {log_uniform: [0.1, 10]}
              hidden: {int_uniform: [10, 100]}
            samples: 3
            sampler: sobol
            grid:
              batch: [10, 20]
            """)

        XCTAssertEqual(output.status, 0, output.transcript)
        XCTAssertEqual(output.stdoutLines, [
            " #  layers        eta  epochs  batch  init    train  test  seed  status  config_hash",
            "--  ---------  ------  ------  -----  ------  -----  ----  ----  ------  ------------",
            " 1  784-55-10     1.0       1     10  normal    100   100     1  new     a3dd003eda41",
            " 2  784-55-10     1.0       1     10  normal    100   100     2  new     d111c81cacd6",
            " 3  784-32-10   3.162       1     10  normal    100   100     1  new     8f2c05fabba5",
            " 4  784-32-10   3.162       1     10  normal    100   100     2  new     d401488afb8e",
            " 5  784-78-10  0.3162       1     10  normal    100   100     1  new     1b5add4aee7e",
            " 6  784-78-10  0.3162       1     10  normal    100   100     2  new     17ac837b8a05",
            " 7  784-55-10     1.0       1     20  normal    100   100     1  new     baee9d9479c1",
            " 8  784-55-10     1.0       1     20  normal    100   100     2  new     8c1f58c95905",
            " 9  784-32-10   3.162       1     20  normal    100   100     1  new     4bfd09b8b092",
            "10  784-32-10   3.162       1     20  normal    100   100     2  new     e09139521f89",
            "11  784-78-10  0.3162       1     20  normal    100   100     1  new     4777b42b4b9c",
            "12  784-78-10  0.3162       1     20  normal    100   100     2  new     6874e9076249",
            "search: 12 runs, 0 already have results, 12 to train",
        ], output.transcript)
    }

    /// A sampled option gets its column as a grid's would.
    func testRandomPointsWithASampledOption() throws {
        let output = try dryRun("""
            name: search-random
            train_limit: 100
            test_limit: 100
            layers: [784, 10]
            epochs: 1
            batch: 10
            sample:
              eta: {log_uniform: [0.1, 10]}
              l2: {uniform: [0, 5]}
              hidden: {choice: [30, 100]}
            samples: 3
            sampler_seed: 42
            """)

        XCTAssertEqual(output.status, 0, output.transcript)
        XCTAssertEqual(output.stdoutLines, [
            "#  layers         eta  epochs  batch  init    train  test      l2  seed  status  config_hash",
            "-  ----------  ------  ------  -----  ------  -----  ----  ------  ----  ------  ------------",
            "1  784-30-10    4.565       1     10  normal    100   100    4.75     1  new     2794232e34fa",
            "2  784-30-10    3.323       1     10  normal    100   100  0.4671     1  new     4da124d59190",
            "3  784-100-10  0.9446       1     10  normal    100   100    1.24     1  new     2e32aec0e245",
            "search-random: 3 runs, 0 already have results, 3 to train",
        ], output.transcript)
    }
}
