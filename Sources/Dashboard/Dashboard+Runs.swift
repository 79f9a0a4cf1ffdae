import Foundation
import Results

// One run: what `runner show` prints, its epochs and its curve.
extension Dashboard {
    struct RunDetail: Encodable {
        var id: Int64
        var experiment: String
        var configHash: String
        var status: String
        var error: String?
        var stopReason: String?
        var layers: String
        var eta: Double
        var epochs: Int
        var batchSize: Int
        var seed: UInt64
        var init_: String
        var dataset: String
        var datasetChecksum: String?
        var trainSize: Int
        var testSize: Int
        var validationSize: Int?
        var cost: String
        var l2: Double
        var momentum: Double
        var patience: Int?
        var etaHalving: Int?
        var finalAccuracy: Double?
        var bestAccuracy: Double?
        var bestEpoch: Int?
        var bestValidationAccuracy: Double?
        var bestValidationEpoch: Int?
        var testAccuracyAtBestValidation: Double?
        var finalTrainCost: Double?
        var wallSeconds: Double?
        var startedAt: String?
        var finishedAt: String?
        var runnerVersion: String?
        var gitCommit: String?
        var kernels: String?
        var host: String?
        var hashVersion: Int?
        var epochRows: [EpochItem]
        /// Early stopping's verdicts on it, by rung; empty outside a search.
        var decisions: [DecisionItem]

        enum CodingKeys: String, CodingKey {
            case id, experiment, configHash = "config_hash", status, error, stopReason = "stop_reason"
            case layers, eta
            case epochs, batchSize = "batch_size", seed, init_ = "init", dataset
            case datasetChecksum = "dataset_checksum", trainSize = "train_size", testSize = "test_size"
            case validationSize = "validation_size", cost, l2, momentum, patience, etaHalving = "eta_halving"
            case finalAccuracy = "final_accuracy", bestAccuracy = "best_accuracy", bestEpoch = "best_epoch"
            case bestValidationAccuracy = "best_validation_accuracy"
            case bestValidationEpoch = "best_validation_epoch"
            case testAccuracyAtBestValidation = "test_accuracy_at_best_validation"
            case finalTrainCost = "final_train_cost", wallSeconds = "wall_seconds", startedAt = "started_at"
            case finishedAt = "finished_at", runnerVersion = "runner_version", gitCommit = "git_commit"
            case kernels
            case host, hashVersion = "hash_version", epochRows = "epoch_rows", decisions
        }
    }

    struct EpochItem: Encodable {
        var epoch: Int
        var trainCost: Double?
        var testCost: Double?
        var testAccuracy: Double
        var validationCost: Double?
        var validationAccuracy: Double?
        var eta: Double?
        var seconds: Double

        enum CodingKeys: String, CodingKey {
            case epoch, trainCost = "train_cost", testCost = "test_cost", testAccuracy = "test_accuracy"
            case validationCost = "validation_cost", validationAccuracy = "validation_accuracy", eta
            case seconds
        }
    }

    func run(reference: String) throws -> DashboardResponse {
        let run = try storedRun(reference)
        let record = run.record
        let epochs = try results.epochs(runID: run.id).map { epoch in
            EpochItem(
                epoch: epoch.epoch, trainCost: epoch.trainCost.isFinite ? epoch.trainCost : nil,
                testCost: epoch.testCost.isFinite ? epoch.testCost : nil, testAccuracy: epoch.testAccuracy,
                validationCost: epoch.validationCost, validationAccuracy: epoch.validationAccuracy,
                eta: epoch.eta, seconds: epoch.seconds)
        }
        return .json(RunDetail(
            id: run.id, experiment: run.experiment, configHash: record.configHash, status: run.status.rawValue,
            error: run.error, stopReason: run.stopReason, layers: RunRecord.layersText(record.layers),
            eta: record.eta, epochs: record.epochs, batchSize: record.batchSize, seed: record.seed,
            init_: record.initialization, dataset: record.dataset, datasetChecksum: run.datasetChecksum,
            trainSize: record.trainLimit, testSize: record.testLimit, validationSize: record.validationLimit,
            cost: record.cost, l2: record.l2, momentum: record.momentum, patience: record.patience,
            etaHalving: record.etaHalving, finalAccuracy: run.finalAccuracy, bestAccuracy: run.bestAccuracy,
            bestEpoch: run.bestEpoch, bestValidationAccuracy: run.bestValidationAccuracy,
            bestValidationEpoch: run.bestValidationEpoch, testAccuracyAtBestValidation: run.testAccuracyAtBestValidation,
            finalTrainCost: run.finalTrainCost, wallSeconds: run.wallSeconds, startedAt: run.startedAt,
            finishedAt: run.finishedAt, runnerVersion: run.runnerVersion, gitCommit: run.gitCommit,
            kernels: run.kernels, host: run.host, hashVersion: run.hashVersion, epochRows: epochs,
            decisions: try decisionItems(runID: run.id)))
    }

    func runCurve(reference: String, _ request: DashboardRequest) throws -> DashboardResponse {
        let run = try storedRun(reference)
        var options = try Curves.Options(request)
        options.band = .none
        let line = Curves.line(
            label: "run \(run.id)", key: run.record.configHash,
            seeds: try results.epochSeries(runIDs: [run.id], metric: options.metric)[run.id].map { [$0] } ?? [], options: options)
        let chart = LineChart(
            title: "run \(run.id) of \(run.experiment): \(options.metric.label)",
            xLabel: options.axis == .epoch ? "epoch" : "seconds", yLabel: options.metric.label, lines: [line])
        return .svg(chart.svg())
    }

    private func storedRun(_ reference: String) throws -> StoredRun {
        guard let id = Int64(reference), let run = try results.run(id: id) else {
            throw DashboardFailure(404, "no run with id \(reference)")
        }
        return run
    }
}
