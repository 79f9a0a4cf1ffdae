import Backprop
import Experiments
import Results
import XCTest
@testable import Sweep

/// The rules of early stopping as pure functions: rungs, brackets, one
/// rung's ranking, and the replay of a whole search from its runs' values.
final class SearchDecisionTests: XCTestCase {
    private let halving = EarlyStop(method: .successiveHalving, metric: .validationAccuracy, minEpochs: 1, reduction: 3)

    // MARK: - Layout

    func testSuccessiveHalvingRanksEveryRunAtEveryRungInOneBracket() {
        let layout = SearchLayout(earlyStop: halving, epochs: 27)
        XCTAssertEqual(layout.rungEpochs, [1, 3, 9])
        XCTAssertEqual(layout.bracketShares, [1])
        XCTAssertEqual(layout.bracket(ofConfigHash: String(repeating: "f", count: 64)), 0)
        XCTAssertEqual(layout.firstRung(ofBracket: 0), 0)
    }

    /// Shares ⌈(S + 1) · 3^s / (s + 1)⌉ for S = 3: 4, 6, 12, 27 of 49; a
    /// hash's first 16 hex digits modulo 49 fall in one of them.
    func testHyperbandBracketsFollowFromTheConfigHashAlone() {
        let layout = SearchLayout(
            earlyStop: EarlyStop(method: .hyperband, metric: .validationAccuracy, minEpochs: 1, reduction: 3), epochs: 27)
        XCTAssertEqual(layout.bracketShares, [4, 6, 12, 27])
        func hash(_ point: UInt64) -> String {
            let hex = String(point, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex + String(repeating: "a", count: 48)
        }
        XCTAssertEqual([0, 3, 4, 9, 10, 21, 22, 48, 49, 53].map { layout.bracket(ofConfigHash: hash($0)) },
                       [0, 0, 1, 1, 2, 2, 3, 3, 0, 1])
        XCTAssertEqual((0 ... 3).map(layout.firstRung(ofBracket:)), [3, 2, 1, 0])
    }

    // MARK: - One rung

    private func candidates(_ values: [Double]) -> [RungRanking.Candidate] {
        values.enumerated().map { index, value in
            RungRanking.Candidate(runID: Int64(index + 1), configHash: "hash\(index + 1)", value: value)
        }
    }

    func testHalvingPromotesTheBestThirdAndSetsTheThresholdAtTheLastPromoted() {
        let decisions = RungRanking.decide(
            candidates([0.5, 0.9, 0.7, 0.8, 0.6, 0.95, 0.1, 0.3, 0.2]), earlyStop: halving, bracket: 0, rung: 1, epoch: 3)
        XCTAssertEqual(decisions.map(\.runID), [6, 2, 4, 3, 5, 1, 8, 9, 7])
        XCTAssertEqual(decisions.map(\.rank), Array(1 ... 9))
        XCTAssertEqual(decisions.map(\.verdict), [.promote, .promote, .promote] + Array(repeating: .prune, count: 6))
        XCTAssertEqual(Set(decisions.map(\.threshold)), [0.8])
        XCTAssertEqual(Set(decisions.map(\.rungSize)), [9])
        XCTAssertEqual(decisions[3], Decision(
            runID: 3, bracket: 0, rung: 1, epoch: 3, metric: "validation_accuracy", value: 0.7, threshold: 0.8,
            rank: 4, rungSize: 9, verdict: .prune))
    }

    /// Equal values go by config hash, and NaN (stored as −∞) comes last;
    /// fewer runs than the reduction still promote one.
    func testTiesGoByConfigHashAndNaNRanksLast() {
        let tied = [
            RungRanking.Candidate(runID: 1, configHash: "b", value: 0.5),
            RungRanking.Candidate(runID: 2, configHash: "a", value: 0.5),
            RungRanking.Candidate(runID: 3, configHash: "0", value: .nan),
        ]
        let decisions = RungRanking.decide(tied, earlyStop: halving, bracket: 0, rung: 0, epoch: 1)
        XCTAssertEqual(decisions.map(\.runID), [2, 1, 3])
        XCTAssertEqual(decisions.map(\.verdict), [.promote, .prune, .prune])
        XCTAssertEqual(decisions.map(\.value), [0.5, 0.5, -.infinity])
        let single = RungRanking.decide([tied[0], tied[1]], earlyStop: halving, bracket: 0, rung: 0, epoch: 1)
        XCTAssertEqual(single.map(\.verdict), [.promote, .prune])
    }

    func testMedianKeepsRunsAtLeastAsGoodAsTheMedian() {
        let median = EarlyStop(method: .median, metric: .validationAccuracy, minEpochs: 1, reduction: 3)
        let even = RungRanking.decide(candidates([0.6, 0.9, 0.7, 0.8]), earlyStop: median, bracket: 0, rung: 0, epoch: 1)
        XCTAssertEqual(even.map(\.runID), [2, 4, 3, 1])
        XCTAssertEqual(even.map(\.verdict), [.promote, .promote, .prune, .prune])
        XCTAssertEqual(Set(even.map(\.threshold)), [0.75])
        let odd = RungRanking.decide(candidates([0.6, 0.9, 0.7]), earlyStop: median, bracket: 0, rung: 0, epoch: 1)
        XCTAssertEqual(odd.map(\.verdict), [.promote, .promote, .prune])
        XCTAssertEqual(Set(odd.map(\.threshold)), [0.7])
    }

    func testACostRanksLowestFirst() {
        let cost = EarlyStop(method: .successiveHalving, metric: .trainCost, minEpochs: 1, reduction: 2)
        let decisions = RungRanking.decide(candidates([0.3, 0.1, .nan, 0.2]), earlyStop: cost, bracket: 0, rung: 0, epoch: 1)
        XCTAssertEqual(decisions.map(\.runID), [2, 4, 1, 3])
        XCTAssertEqual(decisions.map(\.verdict), [.promote, .promote, .prune, .prune])
        XCTAssertEqual(decisions.map(\.value), [0.1, 0.2, 0.3, .infinity])
        XCTAssertEqual(Set(decisions.map(\.threshold)), [0.2])
    }

    // MARK: - A whole search

    /// Nine runs, ids 1…9, seeds 1…9; `values[i]` gives run i+1's metric by epoch.
    private func searchRuns(_ values: [[Int: Double]], statuses: [Int: RunStatus] = [:]) -> [SearchRun] {
        values.enumerated().map { index, values in
            let spec = RunSpec(
                dataset: "mnist", trainLimit: 100, testLimit: 50,
                training: TrainingConfiguration(layers: [784, 10], eta: 3, epochs: 9, batchSize: 10, seed: UInt64(index + 1)))
            var run = SearchRun(
                run: PlannedRun(index: index, spec: spec, datasetChecksum: "checksum"), bracket: 0, runID: Int64(index + 1),
                status: statuses[index + 1] ?? .pending)
            run.values = values
            return run
        }
    }

    private var layout: SearchLayout { SearchLayout(earlyStop: halving, epochs: 9) }

    func testARungWaitsForEveryRunAndTrainsOnlyThoseBehind() {
        var values: [[Int: Double]] = (1 ... 9).map { [1: Double($0) / 10] }
        values[4] = [:]
        let runs = searchRuns(values)
        let replay = SearchReplay(layout: layout, runs: runs)
        XCTAssertEqual(replay.decisions, [])
        XCTAssertEqual(replay.pruned, [:])
        XCTAssertEqual(replay.targets, [runs[4].run.configHash: 1])
    }

    func testADecidedRungPrunesAndSendsThePromotedToTheNextRung() {
        let runs = searchRuns((1 ... 9).map { [1: Double($0) / 10] })
        let replay = SearchReplay(layout: layout, runs: runs)
        XCTAssertEqual(replay.decisions.map(\.runID), [9, 8, 7, 6, 5, 4, 3, 2, 1])
        XCTAssertEqual(replay.pruned, [6: 1, 5: 1, 4: 1, 3: 1, 2: 1, 1: 1])
        XCTAssertEqual(replay.targets, Dictionary(uniqueKeysWithValues: runs[6 ... 8].map { ($0.run.configHash, 3) }))
    }

    /// Run 8 ended by itself (patience) after epoch 2: not ranked at rung 1,
    /// which ranks runs 7 and 9 and promotes one; it trains to the end.
    func testARunThatEndedByItselfIsNotRankedAtLaterRungs() {
        var values: [[Int: Double]] = (1 ... 9).map { [1: Double($0) / 10] }
        values[6][3] = 0.5
        values[7][2] = 0.9
        values[8][3] = 0.4
        let runs = searchRuns(values, statuses: [8: .done])
        let replay = SearchReplay(layout: layout, runs: runs)
        XCTAssertEqual(replay.decisions.filter { $0.rung == 1 }.map(\.runID), [7, 9])
        XCTAssertEqual(replay.decisions.filter { $0.rung == 1 }.map(\.verdict), [.promote, .prune])
        XCTAssertEqual(replay.pruned[9], 3)
        XCTAssertEqual(replay.targets, [runs[6].run.configHash: 9])
    }

    /// A grown search: a run pruned before now ranks again, and a run that
    /// trained past the rung it is now pruned at stops there.
    func testTheReplayDependsOnTheValuesAloneNotOnEarlierStatuses() {
        var values: [[Int: Double]] = (1 ... 9).map { [1: Double($0) / 10] }
        for epoch in 2 ... 9 { values[0][epoch] = 0.99 }
        let runs = searchRuns(values, statuses: [1: .done, 9: .pruned])
        let replay = SearchReplay(layout: layout, runs: runs)
        XCTAssertEqual(replay.pruned[1], 1)
        XCTAssertNil(replay.pruned[9])
        XCTAssertEqual(replay.targets[runs[8].run.configHash], 3)
    }
}
