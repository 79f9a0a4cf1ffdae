import Results
import XCTest
@testable import Dashboard

/// Early stopping on the dashboard: the decisions on a run, an experiment's
/// rungs and runs, and its search chart, over `SearchFixture`'s search.
final class EarlyStoppingTests: XCTestCase {
    private func json(_ dashboard: Dashboard, _ path: String) throws -> [String: Any] {
        let response = dashboard.respond(to: DashboardFixture.get(path))
        XCTAssertEqual(response.status, 200, response.text)
        return try XCTUnwrap(try response.json() as? [String: Any])
    }

    func testAPrunedRunHasItsDecisionsWithTheirReasons() throws {
        let fixture = try SearchFixture(testCase: self)
        let b = fixture.ids["b"]!
        let run = try json(fixture.dashboard(), "/api/runs/\(b)")
        XCTAssertEqual(run["status"] as? String, "pruned")
        XCTAssertNil(run["error"])
        let decisions = try XCTUnwrap(run["decisions"] as? [[String: Any]])
        let stored = try fixture.reader.decisions(runID: b).map(\.decision.decidedAt)
        XCTAssertEqual(decisions.count, 2)
        XCTAssertEqual(decisions.map { $0["decided_at"] as? String }, stored)
        XCTAssertEqual(decisions.map { $0.filter { $0.key != "decided_at" } as NSDictionary }, [
            ["experiment": "search", "bracket": 0, "rung": 0, "epoch": 1, "metric": "validation_accuracy", "value": 0.78,
             "threshold": 0.78, "rank": 2, "rung_size": 4, "verdict": "promote",
             "reason": "rank 2 of 4 at rung 0 (1 epoch): validation accuracy 0.7800, not below the threshold 0.7800"],
            ["experiment": "search", "bracket": 0, "rung": 1, "epoch": 2, "metric": "validation_accuracy", "value": 0.83,
             "threshold": 0.85, "rank": 2, "rung_size": 2, "verdict": "prune",
             "reason": "rank 2 of 2 at rung 1 (2 epochs): validation accuracy 0.8300 below the threshold 0.8500"],
        ] as [NSDictionary])
        XCTAssertEqual((run["epoch_rows"] as? [Any])?.count, 2, "trained up to its rung")
    }

    func testARunOutsideASearchHasNoDecisions() throws {
        let fixture = try DashboardFixture(testCase: self)
        let dashboard = fixture.dashboard()
        XCTAssertEqual((try json(dashboard, "/api/runs/1")["decisions"] as? [Any])?.count, 0)
        XCTAssertNil(try json(dashboard, "/api/experiments/eta")["decisions"], "absent, not empty")
        let chart = dashboard.respond(to: DashboardFixture.get("/api/experiments/eta/search.svg"))
        XCTAssertEqual(chart.status, 404)
        XCTAssertEqual(chart.errorMessage, "experiment eta has no early-stopping decisions")
    }

    func testAnExperimentSummarisesItsRungsAndWhereEachRunStopped() throws {
        let fixture = try SearchFixture(testCase: self)
        let experiment = try json(fixture.dashboard(), "/api/experiments/search")
        XCTAssertEqual(experiment["counts"] as? [String: Int],
                       ["pending": 0, "running": 0, "done": 1, "failed": 0, "diverged": 0, "pruned": 3])
        let decisions = try XCTUnwrap(experiment["decisions"] as? [String: Any])
        XCTAssertEqual(decisions["rungs"] as? [NSDictionary], [
            ["bracket": 0, "rung": 0, "epoch": 1, "metric": "validation_accuracy", "ranked": 4, "promoted": 2, "pruned": 2,
             "threshold": 0.78],
            ["bracket": 0, "rung": 1, "epoch": 2, "metric": "validation_accuracy", "ranked": 2, "promoted": 1, "pruned": 1,
             "threshold": 0.85],
        ])
        let ids = fixture.ids
        func row(_ hash: String, _ label: String, _ status: String, rung: Int, epoch: Int, value: Double, threshold: Double,
                 rank: Int, of size: Int, _ verdict: String, _ reason: String) -> NSDictionary {
            ["run_id": ids[hash]!, "label": label, "seed": 1, "status": status, "bracket": 0, "rung": rung, "epoch": epoch,
             "value": value, "threshold": threshold, "rank": rank, "rung_size": size, "verdict": verdict, "reason": reason]
        }
        let runs = try XCTUnwrap(decisions["runs"] as? [[String: Any]])
        XCTAssertEqual(runs.map { $0.filter { $0.key != "key" } as NSDictionary }, [
            row("a", "eta 0.5 · init normal", "done", rung: 1, epoch: 2, value: 0.85, threshold: 0.85, rank: 1, of: 2, "promote",
                "rank 1 of 2 at rung 1 (2 epochs): validation accuracy 0.8500, not below the threshold 0.8500"),
            row("b", "eta 1.0 · init normal", "pruned", rung: 1, epoch: 2, value: 0.83, threshold: 0.85, rank: 2, of: 2, "prune",
                "rank 2 of 2 at rung 1 (2 epochs): validation accuracy 0.8300 below the threshold 0.8500"),
            row("c", "eta 2.0 · init normal", "pruned", rung: 0, epoch: 1, value: 0.70, threshold: 0.78, rank: 3, of: 4, "prune",
                "rank 3 of 4 at rung 0 (1 epoch): validation accuracy 0.7000 below the threshold 0.7800"),
            row("d", "eta 3.0 · init \(SearchFixture.hostile)", "pruned", rung: 0, epoch: 1, value: 0.60, threshold: 0.78,
                rank: 4, of: 4, "prune", "rank 4 of 4 at rung 0 (1 epoch): validation accuracy 0.6000 below the threshold 0.7800"),
        ] as [NSDictionary])
        let keys = try XCTUnwrap(experiment["configurations"] as? [[String: Any]]).map { $0["key"] as? String }
        XCTAssertEqual(runs.map { $0["key"] as? String }, keys, "each run's configuration")
    }

    func testTheSearchChartHasOneLinePerRunEndingAtItsRungAndTheRungsMarked() throws {
        let fixture = try SearchFixture(testCase: self)
        let chart = fixture.dashboard().respond(to: DashboardFixture.get("/api/experiments/search/search.svg"))
        XCTAssertEqual(chart.status, 200, chart.text)
        XCTAssertEqual(chart.contentType, "image/svg+xml; charset=utf-8")
        XCTAssertEqual(chart.count(of: "<path class=\"line\""), 4)
        XCTAssertEqual(chart.count(of: "data-pruned=\"true\""), 3)
        XCTAssertEqual(chart.count(of: "<circle class=\"pruned-end\""), 3, "c and d stopped after one epoch: no path to see")
        XCTAssertEqual(chart.count(of: "<line class=\"rung\""), 2)
        XCTAssertEqual(chart.count(of: "data-epoch=\"1\""), 1)
        XCTAssertEqual(chart.count(of: "data-epoch=\"2\""), 1)
        XCTAssertEqual(chart.count(of: ">rung 0</text>") + chart.count(of: ">rung 1</text>"), 2)
        XCTAssertTrue(chart.text.contains(">search: validation accuracy by epoch</text>"))
        // Furthest first in the legend: a trained 4 epochs, b 2, c and d 1.
        let legend = chart.text.components(separatedBy: "<g class=\"legend-entry\" data-key=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        XCTAssertEqual(legend, ["a", "b", "c", "d"].map { Substring(String(fixture.ids[$0]!)) })
        // Each line's path data by its run: c and d are a move alone (drawn by their dot), a and b go on.
        let paths = Dictionary(uniqueKeysWithValues: chart.text.components(separatedBy: "<path class=\"line\" data-key=\"").dropFirst().map { chunk in
            (String(chunk.prefix { $0 != "\"" }), String(chunk.components(separatedBy: " d=\"")[1].prefix { $0 != "\"" }))
        })
        XCTAssertEqual(paths.count, 4)
        for hash in ["a", "b"] { XCTAssertTrue(paths[String(fixture.ids[hash]!)]!.contains("l"), hash) }
        for hash in ["c", "d"] { XCTAssertFalse(paths[String(fixture.ids[hash]!)]!.contains("l"), hash) }

        XCTAssertFalse(chart.text.contains("<script"), "markup in a run's label is text")
        XCTAssertTrue(chart.text.contains("run \(fixture.ids["d"]!): eta 3.0 · init &lt;script&gt;alert(1)&lt;/script&gt;</text>"))
        XCTAssertEqual(fixture.dashboard().respond(to: DashboardFixture.get("/api/experiments/search/search.svg")).body, chart.body,
                       "the same bytes for the same data")
    }

    func testAnswersFollowTheSearchAsItRanksMoreRungs() throws {
        let fixture = try SearchFixture(testCase: self, complete: false)
        let dashboard = fixture.dashboard()
        let before = try XCTUnwrap(try json(dashboard, "/api/experiments/search")["decisions"] as? [String: Any])
        XCTAssertEqual((before["rungs"] as? [Any])?.count, 1)
        let chartBefore = dashboard.respond(to: DashboardFixture.get("/api/experiments/search/search.svg"))
        XCTAssertEqual(chartBefore.count(of: "<line class=\"rung\""), 1)

        try fixture.completeSearch()

        let after = try XCTUnwrap(try json(dashboard, "/api/experiments/search")["decisions"] as? [String: Any])
        XCTAssertEqual((after["rungs"] as? [Any])?.count, 2)
        XCTAssertEqual(dashboard.respond(to: DashboardFixture.get("/api/experiments/search/search.svg")).count(of: "<line class=\"rung\""), 2)
        XCTAssertEqual((try json(dashboard, "/api/runs/\(fixture.ids["b"]!)")["decisions"] as? [Any])?.count, 2)
    }

    func testARunWithoutEpochsHasAnEmptyLineAndARungShowsBeforeAnyData() {
        let svg = SearchChart(
            title: "search", yLabel: "validation accuracy",
            runs: [SearchRun(label: "run 1", key: "1", isPruned: false, points: [])],
            rungs: [SearchRung(epoch: 3, label: "rung 0")]).svg()
        XCTAssertTrue(svg.contains(
            "<path class=\"line\" data-key=\"1\" stroke=\"#1f77b4\" stroke-width=\"1.8\" stroke-linejoin=\"round\" fill=\"none\" d=\"\"/>"))
        XCTAssertEqual(svg.components(separatedBy: "<line class=\"rung\" data-epoch=\"3\"").count - 1, 1)
        XCTAssertTrue(svg.contains(">no data yet</text>"))
        XCTAssertFalse(svg.contains("<circle"))
    }

    func testHyperbandsRungMarkersNameTheirBrackets() {
        func decision(bracket: Int, rung: Int, epoch: Int) -> Decision {
            Decision(runID: 1, bracket: bracket, rung: rung, epoch: epoch, metric: "validation_accuracy", value: 0.5,
                     threshold: 0.5, rank: 1, rungSize: 1, verdict: .promote)
        }
        let markers = Dashboard.rungMarkers([
            decision(bracket: 0, rung: 0, epoch: 1), decision(bracket: 0, rung: 0, epoch: 1),
            decision(bracket: 0, rung: 1, epoch: 3), decision(bracket: 1, rung: 0, epoch: 3),
        ])
        XCTAssertEqual(markers, [
            SearchRung(epoch: 1, label: "bracket 0 rung 0"),
            SearchRung(epoch: 3, label: "bracket 0 rung 1, bracket 1 rung 0"),
        ])
        XCTAssertEqual(Dashboard.rungMarkers([decision(bracket: 0, rung: 0, epoch: 1)]), [SearchRung(epoch: 1, label: "rung 0")])
    }
}
