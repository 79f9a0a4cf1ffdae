import XCTest

/// `runner sweep --dry-run` lists the validation set and the chapter-3
/// options only when some run sets them to other than their defaults.
final class DryRunOptionsTests: XCTestCase {
    func testListsTheOptionsThatSomeRunSets() throws {
        let directory = try makeTemporaryDirectory()
        let file = directory.appendingPathComponent("options.yaml").path
        try """
            name: options
            layers: [784, 30, 10]
            eta: 0.5
            epochs: 30
            batch: 10
            init: scaled
            cost: cross_entropy
            patience: 10
            grid:
              l2: [0, 5.0]
              train_limit: [50000, 55000]
            """.write(toFile: file, atomically: false, encoding: .utf8)

        let output = try RunnerProcess.run(
            ["sweep", file, "--dry-run", "--db", directory.appendingPathComponent("results.sqlite").path])

        XCTAssertEqual(output.status, 0, output.transcript)
        XCTAssertEqual(output.stdoutLines, [
            "#  layers     eta  epochs  batch  init    train   test  validation  cost            l2  patience  seed  status  config_hash",
            "-  ---------  ---  ------  -----  ------  -----  -----  ----------  -------------  ---  --------  ----  ------  ------------",
            "1  784-30-10  0.5      30     10  scaled  50000  10000       10000  cross_entropy  0.0        10     1  new     3a6f8dfba79f",
            "2  784-30-10  0.5      30     10  scaled  50000  10000       10000  cross_entropy  5.0        10     1  new     8869b7f238b5",
            "3  784-30-10  0.5      30     10  scaled  55000  10000        5000  cross_entropy  0.0        10     1  new     0f8e5407d20f",
            "4  784-30-10  0.5      30     10  scaled  55000  10000        5000  cross_entropy  5.0        10     1  new     0db775adafe5",
            "options: 4 runs, 0 already have results, 4 to train",
        ], output.transcript)
    }

    func testAnExperimentWithoutThemListsAsBefore() throws {
        let directory = try makeTemporaryDirectory()

        let output = try RunnerProcess.run([
            "sweep", "experiments/smoke.yaml", "--dry-run", "--db", directory.appendingPathComponent("results.sqlite").path,
        ])

        XCTAssertEqual(output.status, 0, output.transcript)
        XCTAssertEqual(
            output.stdoutLines.first, "#  layers     eta  epochs  batch  init    train  test  seed  status  config_hash",
            output.transcript)
    }
}
