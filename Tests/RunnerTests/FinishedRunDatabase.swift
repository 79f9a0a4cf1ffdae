import Foundation
import XCTest

extension XCTestCase {
    /// `DIRECTORY/results.sqlite` holding one finished run on MNIST, as a
    /// user's database would, for tests that check a refusal leaves it as it was.
    func makeDatabaseWithOneFinishedRun(in directory: URL, line: UInt = #line) throws -> String {
        let file = directory.appendingPathComponent("good.yaml").path
        try """
            name: good
            train_limit: 100
            test_limit: 100
            layers: [784, 10]
            eta: 3.0
            epochs: 1
            batch: 10

            """.write(toFile: file, atomically: false, encoding: .utf8)
        let db = directory.appendingPathComponent("results.sqlite").path
        let output = try RunnerProcess.run(["sweep", file, "--db", db, "--out", directory.appendingPathComponent("good-out").path])
        XCTAssertEqual(output.status, 0, output.transcript, line: line)
        return db
    }
}
