import Foundation
import XCTest
@testable import Results

/// A fresh directory under the system temporary directory, removed by the
/// test case's teardown.
func makeTemporaryDirectory(for testCase: XCTestCase) throws -> String {
    let directory = (NSTemporaryDirectory() as NSString)
        .appendingPathComponent("ResultsTests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    testCase.addTeardownBlock { try? FileManager.default.removeItem(atPath: directory) }
    return directory
}

func makeExperiment(_ name: String, description: String = "a test sweep") -> ExperimentRecord {
    ExperimentRecord(name: name, description: description, specYAML: "name: \(name)\n", specSHA256: "sha-\(name)")
}

func makeRun(_ hash: String, layers: [Int] = [784, 30, 10], eta: Double = 3.0, seed: Int64 = 1) -> RunRecord {
    RunRecord(
        configHash: hash, layers: layers, eta: eta, epochs: 3, batchSize: 10, seed: seed,
        initialization: "gaussian", dataset: "mnist", trainSize: 50_000, testSize: 10_000,
        paramsJSON: #"{"hash":"\#(hash)"}"#)
}

let testOwner = Provenance(runnerVersion: "0.1.0", gitCommit: "abc123", host: "test-host", pid: 4242)

/// Trains a fake run to completion with the given test accuracies, one epoch each.
@discardableResult
func complete(
    _ hash: String, in store: SQLiteResultsStore, accuracies: [Double], status: RunStatus = .done
) throws -> Int64 {
    let runID = try XCTUnwrap(try store.claim(configHash: hash, owner: testOwner, retryFailed: false))
    for (index, accuracy) in accuracies.enumerated() {
        try store.recordEpoch(runID: runID, EpochRecord(
            epoch: index + 1, trainCost: 1.0 / Double(index + 2), testCost: 0.5 / Double(index + 1),
            testAccuracy: accuracy, seconds: 1.5))
    }
    try store.finish(runID: runID, status: status, error: nil, wallSeconds: 4.5)
    return runID
}

/// An RFC 4180 reader for checking exports: quoted fields may hold commas,
/// doubled quotes and line breaks; every record ends with LF.
func parseCSV(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var inQuotes = false
    var characters = text.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = nil
    while let character = pending ?? characters.next() {
        pending = nil
        if inQuotes {
            if character == "\"" {
                let next = characters.next()
                if next == "\"" {
                    field.unicodeScalars.append("\"")
                } else {
                    inQuotes = false
                    pending = next
                }
            } else {
                field.unicodeScalars.append(character)
            }
        } else if character == "\"" {
            inQuotes = true
        } else if character == "," {
            record.append(field)
            field = ""
        } else if character == "\n" {
            record.append(field)
            records.append(record)
            record = []
            field = ""
        } else {
            field.unicodeScalars.append(character)
        }
    }
    return records
}

func readCSV(_ path: String) throws -> [[String]] {
    parseCSV(try String(contentsOfFile: path, encoding: .utf8))
}
