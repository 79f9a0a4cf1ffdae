import Foundation
import XCTest

/// `RUNNER_KERNELS` forces a kernel variant; the commands that compute with
/// the kernels refuse a bad one before doing anything else.
final class KernelSelectionTests: XCTestCase {
    private let unknown = ["RUNNER_KERNELS": "avx9"]
    private let refusal = "runner: error: RUNNER_KERNELS=avx9 names no kernels; choose one of avx512, avx2, portable\n"

    func testTrainRefusesAnUnknownVariant() throws {
        let output = try RunnerProcess.run(["train", "--epochs", "1", "--train-limit", "100", "--test-limit", "100"], environment: unknown)

        XCTAssertEqual(output.status, 2, output.transcript)
        XCTAssertEqual(output.stderr, refusal)
        XCTAssertEqual(output.stdout, "")
    }

    /// Refused before the database is created or the experiment registered.
    func testSweepRefusesAnUnknownVariantAndWritesNothing() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())

        let output = try sweep.run(environment: unknown)

        XCTAssertEqual(output.status, 2, output.transcript)
        XCTAssertEqual(output.stderr, refusal)
        XCTAssertEqual(output.stdout, "")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: sweep.directory.path), [])
    }

    /// Before anything else: the missing database is never looked at.
    func testVerifyGradcheckAndBenchRefuseAnUnknownVariant() throws {
        let missing = try makeTemporaryDirectory().appendingPathComponent("missing.sqlite").path
        for arguments in [
            ["verify", "1", "--db", missing], ["gradcheck"], ["bench", "--examples", "100", "--repeat", "1"],
        ] {
            let output = try RunnerProcess.run(arguments, environment: unknown)

            XCTAssertEqual(output.status, 2, output.transcript)
            XCTAssertEqual(output.stderr, refusal, arguments[0])
            XCTAssertEqual(output.stdout, "", arguments[0])
        }
    }

    /// Commands that only read the database do not care.
    func testCommandsThatDoNotComputeIgnoreTheVariable() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion()

        let output = try RunnerProcess.run(["query", "--db", sweep.db, "--csv", "SELECT count(*) AS n FROM runs"], environment: unknown)

        XCTAssertEqual(output.status, 0, output.transcript)
        XCTAssertEqual(output.stdoutLines, ["n", "4"])
    }

    /// Every CPU runs the portable kernels, and a sweep records the variant
    /// that trained each run.
    func testPortableIsAcceptedAndRecorded() throws {
        let portable = ["RUNNER_KERNELS": "portable"]
        let gradcheck = try RunnerProcess.run(["gradcheck"], environment: portable)
        XCTAssertEqual(gradcheck.status, 0, gradcheck.transcript)

        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion(environment: portable)
        XCTAssertEqual(try SQLiteShell.query(sweep.db, "SELECT kernels, count(*) AS n FROM runs GROUP BY kernels").rows,
                       [["portable", "4"]])
    }
}
