import Foundation
import XCTest
@testable import Sweep

/// A small experiment on the committed MNIST (100 training and 50 test
/// images, `[784, 10]`), written to a temporary file and planned.
func makePlan(_ test: XCTestCase, seeds: [Int], epochs: Int, eta: Double = 3) throws -> SweepPlan {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("SweepTests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("tiny.yaml")
    try """
        name: tiny
        dataset: \(repository.appendingPathComponent("data/mnist").path)
        train_limit: 100
        test_limit: 50
        layers: [784, 10]
        eta: \(eta)
        epochs: \(epochs)
        batch: 10
        seeds: [\(seeds.map(String.init).joined(separator: ", "))]

        """.write(to: file, atomically: false, encoding: .utf8)
    return try SweepPlan.load(path: file.path)
}
