import Foundation
import GRDB
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

/// A run whose `params_json` holds its hash and the hash version, as the
/// runner's canonical JSON does; without a validation set unless given one.
func makeRun(
    _ hash: String, layers: [Int] = [784, 30, 10], eta: Double = 3.0, seed: UInt64 = 1, hashVersion: Int = 2,
    validationLimit: Int? = 0, l2: Double = 0, patience: Int? = nil
) -> RunRecord {
    RunRecord(
        configHash: hash, layers: layers, eta: eta, epochs: 3, batchSize: 10, seed: seed,
        initialization: "gaussian", dataset: "mnist", trainLimit: 50_000, testLimit: 10_000,
        paramsJSON: #"{"hash":"\#(hash)","hash_version":\#(hashVersion)}"#, l2: l2, patience: patience,
        validationLimit: validationLimit)
}

let testOwner = Provenance(runnerVersion: "0.1.0", gitCommit: "abc123", kernels: "avx2", host: "test-host", pid: 4242)

/// Trains a fake run to completion with the given test accuracies, one
/// epoch each, and the validation accuracies when given (at η 3, with a
/// validation cost of a quarter of the test cost).
@discardableResult
func complete(
    _ hash: String, in store: SQLiteResultsStore, accuracies: [Double], validationAccuracies: [Double]? = nil,
    status: RunStatus = .done, stopReason: String? = nil
) throws -> Int64 {
    let runID = try XCTUnwrap(try store.claim(configHash: hash, owner: testOwner, retryFailed: false))
    for (index, accuracy) in accuracies.enumerated() {
        let testCost = 0.5 / Double(index + 1)
        let validation = validationAccuracies?[index]
        try store.recordEpoch(runID: runID, EpochRecord(
            epoch: index + 1, trainCost: 1.0 / Double(index + 2), testCost: testCost, testAccuracy: accuracy,
            seconds: 1.5, eta: validation.map { _ in 3.0 }, validationCost: validation.map { _ in testCost / 4 },
            validationAccuracy: validation))
    }
    try store.finish(runID: runID, status: status, error: nil, stopReason: stopReason, wallSeconds: 4.5)
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

/// A database as a runner of schema v1 and hash version 1 left it: experiment
/// `sweep` with runs `old1` (seed 1) and `old2` (seed 2) done, two epochs
/// each, and `broken`, pending, whose `params_json` is no JSON.
func makeVersion1Database(at path: String) throws {
    let database = try DatabaseQueue(path: path)
    try Schema.migrator.migrate(database, upTo: "v1")
    try database.write { db in
        try db.execute(sql: """
            INSERT INTO experiments (id, name, description, spec_yaml, spec_sha256, created_at)
            VALUES (1, 'sweep', 'an old sweep', 'name: sweep', 'sha-sweep', '2025-01-31T12:00:00.000Z');
            INSERT INTO runs (id, experiment_id, config_hash, layers, hidden, eta, epochs, batch_size, seed, init,
                              dataset, train_size, test_size, params_json, status, final_accuracy, best_accuracy,
                              best_epoch, final_train_cost, wall_seconds, runner_version, host, owner_pid)
            VALUES
                (1, 1, 'old1', '784-30-10', '30', 3.0, 2, 10, 1, 'normal', 'mnist', 50000, 10000,
                 '{"hash":"old1","hash_version":1}', 'done', 0.9, 0.91, 1, 0.25, 4.5, '0.1.0', 'old-host', 7),
                (2, 1, 'old2', '784-30-10', '30', 3.0, 2, 10, 2, 'normal', 'mnist', 50000, 10000,
                 '{"hash":"old2","hash_version":1}', 'done', 0.8, 0.8, 2, 0.5, 4.5, '0.1.0', 'old-host', 7),
                (3, 1, 'broken', '784-30-10', '30', 3.0, 2, 10, 3, 'normal', 'mnist', 50000, 10000,
                 'not json', 'pending', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
            INSERT INTO experiment_runs (experiment_id, run_id, position) VALUES (1, 1, 0), (1, 2, 1), (1, 3, 2);
            INSERT INTO epochs (run_id, epoch, train_cost, test_cost, test_accuracy, seconds)
            VALUES (1, 1, 0.5, 0.4, 0.91, 2), (1, 2, 0.25, 0.3, 0.9, 2),
                   (2, 1, 0.75, 0.6, 0.7, 2), (2, 2, 0.5, 0.5, 0.8, 2);
            """)
    }
    try database.close()
}

/// A database as a runner of schema v2 left it: experiment `sweep` with run
/// `done1` done (two epochs, best test accuracy 0.75 in epoch 2) and
/// `waiting` pending, both of the current hash version.
func makeVersion2Database(at path: String) throws {
    let database = try DatabaseQueue(path: path)
    try Schema.migrator.migrate(database, upTo: "v2")
    try database.write { db in
        try db.execute(sql: """
            INSERT INTO experiments (id, name, description, spec_yaml, spec_sha256, created_at)
            VALUES (1, 'sweep', 'a sweep before validation', 'name: sweep', 'sha-sweep', '2026-01-31T12:00:00.000Z');
            INSERT INTO runs (id, experiment_id, config_hash, layers, hidden, eta, epochs, batch_size, seed, init,
                              dataset, train_size, test_size, params_json, status, final_accuracy, best_accuracy,
                              best_epoch, final_train_cost, wall_seconds, runner_version, host, owner_pid, kernels,
                              hash_version)
            VALUES
                (1, 1, 'done1', '784-30-10', '30', 3.0, 2, 10, 1, 'normal', 'mnist', 50000, 10000,
                 '{"hash":"done1","hash_version":2}', 'done', 0.75, 0.75, 2, 0.25, 4.5, '0.1.0', 'host', 7, 'avx2', 2),
                (2, 1, 'waiting', '784-30-10', '30', 3.0, 2, 10, 2, 'normal', 'mnist', 50000, 10000,
                 '{"hash":"waiting","hash_version":2}', 'pending', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                 NULL, 2);
            INSERT INTO experiment_runs (experiment_id, run_id, position) VALUES (1, 1, 0), (1, 2, 1);
            INSERT INTO epochs (run_id, epoch, train_cost, test_cost, test_accuracy, seconds)
            VALUES (1, 1, 0.5, 0.4, 0.5, 2), (1, 2, 0.25, 0.3, 0.75, 2);
            """)
    }
    try database.close()
}

/// A database as a runner of schema v3 left it: experiment `sweep`, first
/// registered at 2026-02-01 and re-registered since with the spec it holds,
/// and experiment `other`, each linking one run.
func makeVersion3Database(at path: String) throws {
    let database = try DatabaseQueue(path: path)
    try Schema.migrator.migrate(database, upTo: "v3")
    try database.write { db in
        try db.execute(sql: """
            INSERT INTO experiments (id, name, description, spec_yaml, spec_sha256, created_at)
            VALUES (1, 'sweep', 'a sweep', 'name: sweep', 'sha-sweep', '2026-02-01T12:00:00.000Z'),
                   (2, 'other', 'another', 'name: other', 'sha-other', '2026-02-02T12:00:00.000Z');
            INSERT INTO runs (id, experiment_id, config_hash, params_json, status)
            VALUES (1, 1, 'h1', '{"hash":"h1","hash_version":2}', 'pending'),
                   (2, 2, 'h2', '{"hash":"h2","hash_version":2}', 'pending');
            INSERT INTO experiment_runs (experiment_id, run_id, position) VALUES (1, 1, 0), (2, 2, 0);
            """)
    }
    try database.close()
}
