import Results
import XCTest
@testable import Dashboard

/// The JSON API's answers over a database with known numbers.
final class DashboardAPITests: XCTestCase {
    private var fixture: DashboardFixture!
    private var dashboard: Dashboard!

    override func setUpWithError() throws {
        fixture = try DashboardFixture(testCase: self)
        dashboard = fixture.dashboard()
    }

    private func json(_ path: String, _ query: [(String, String)] = []) throws -> [String: Any] {
        let response = dashboard.respond(to: DashboardFixture.get(path, query))
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(response.contentType, "application/json; charset=utf-8")
        return try XCTUnwrap(try response.json() as? [String: Any])
    }

    func testTheExperimentsWithTheirRunsByStatusAndProgress() throws {
        let experiments = try XCTUnwrap(try json("/api/experiments")["experiments"] as? [[String: Any]])
        XCTAssertEqual(experiments.count, 1)
        let eta = experiments[0]
        XCTAssertEqual(eta["name"] as? String, "eta")
        XCTAssertEqual(eta["description"] as? String, DashboardFixture.description, "as the characters it is")
        XCTAssertEqual(eta["counts"] as? [String: Int], ["pending": 0, "running": 0, "done": 4, "failed": 1, "diverged": 0, "pruned": 0])
        XCTAssertEqual(eta["total"] as? Int, 5)
        XCTAssertEqual(eta["epochs_planned"] as? Int, 12)
        XCTAssertEqual(eta["epochs_trained"] as? Int, 12)
        XCTAssertEqual(eta["running_runs"] as? Int, 0)
        XCTAssertNil(eta["seconds_left"], "nothing is training")
        // Every run finished after it was claimed: the last activity is the last finish.
        let lastFinish = try fixture.reader.query("SELECT max(finished_at) FROM runs").rows.first?.first ?? nil
        XCTAssertEqual(eta["last_activity"] as? String, try XCTUnwrap(lastFinish))
    }

    func testAnExperimentsConfigurationsWithTheirStatisticsOverSeeds() throws {
        let experiment = try json("/api/experiments/eta")
        XCTAssertEqual(experiment["varying"] as? [String], ["eta"])
        let configurations = try XCTUnwrap(experiment["configurations"] as? [[String: Any]])
        XCTAssertEqual(configurations.map { $0["label"] as? String }, ["eta 0.5", "eta 3.0", "eta 9.0"])
        XCTAssertEqual(configurations.map { $0["n_seeds"] as? Int }, [2, 2, 0])
        XCTAssertEqual(configurations.map { ($0["runs"] as? [[String: Any]])?.map { $0["status"] as? String } },
                       [["done", "done"], ["done", "done"], ["failed"]])
        let statistics = try XCTUnwrap(configurations[0]["statistics"] as? [String: [String: Double]])
        // Seeds' best validation epochs are both epoch 3: test accuracies 0.90 and 0.88.
        let reported = try XCTUnwrap(statistics["test_accuracy_at_best_validation"])
        XCTAssertEqual(reported["mean"]!, 0.89, accuracy: 1e-12)
        XCTAssertEqual(reported["min"], 0.88)
        XCTAssertEqual(reported["max"], 0.90)
        XCTAssertEqual(reported["sd"]!, (0.0002).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(configurations[0]["chosen_on_validation"] as? Bool, true)
        XCTAssertEqual((configurations[2]["statistics"] as? [String: Any])?.count, 0, "no run of it is done")
        XCTAssertEqual(configurations[1]["settings"] as? [String: String], ["eta": "3.0"])
        let constants = try XCTUnwrap(experiment["constants"] as? [String: String])
        XCTAssertEqual(constants["layers"], "784-30-10")
        XCTAssertEqual(constants["validation_size"], "1000")
        XCTAssertEqual(constants.count, 15)
        XCTAssertEqual(configurations[0]["key"] as? String, Configuration.key(of: Configuration.settings(of: try XCTUnwrap(fixture.reader.runSettings(experiment: "eta").first))))
    }

    func testAnUnknownExperimentRunOrParameterIsA4xxThatNamesIt() {
        let cases: [(DashboardRequest, Int, String)] = [
            (DashboardFixture.get("/api/experiments/nope"), 404, "no experiment named nope"),
            (DashboardFixture.get("/api/experiments/nope/curves.svg"), 404, "no experiment named nope"),
            (DashboardFixture.get("/api/runs/99"), 404, "no run with id 99"),
            (DashboardFixture.get("/api/runs/x"), 404, "no run with id x"),
            (DashboardFixture.get("/api/experiments/eta/curves.svg", [("metric", "loss")]), 400,
             "unknown metric loss; one of validation_accuracy, test_accuracy, validation_cost, test_cost, train_cost"),
            (DashboardFixture.get("/api/experiments/eta/curves.svg", [("band", "iqr")]), 400, "unknown band iqr; one of sd, minmax, none"),
            (DashboardFixture.get("/api/experiments/eta/curves.svg", [("x", "hours")]), 400, "unknown x axis hours; one of epoch, seconds"),
            (DashboardFixture.get("/api/experiments/eta/by-setting.svg", [("setting", "colour")]), 400, "unknown setting colour"),
            (DashboardFixture.get("/api/experiments/eta/by-setting.svg", [("setting", "layers")]), 400,
             "setting layers is not a number in every configuration"),
            (DashboardFixture.get("/api/compare", [("c", "eta")]), 400, "c=eta: expected EXPERIMENT:KEY"),
            (DashboardFixture.get("/api/compare", [("c", "eta:0000000000000000")]), 404, "experiment eta has no configuration 0000000000000000"),
            (DashboardFixture.get("/api/compare", [("c", "other:0000000000000000")]), 404, "no experiment named other"),
            (DashboardFixture.get("/api/experiments/eta/more"), 404, "no API at /api/experiments/eta/more"),
        ]
        for (request, status, message) in cases {
            let response = dashboard.respond(to: request)
            XCTAssertEqual(response.status, status, request.path)
            XCTAssertEqual(response.errorMessage, message, request.path)
        }
    }

    func testARunAsRunnerShowTellsIt() throws {
        let run = try json("/api/runs/1")
        XCTAssertEqual(run["experiment"] as? String, "eta")
        XCTAssertEqual(run["config_hash"] as? String, "hash-0.5-1")
        XCTAssertEqual(run["status"] as? String, "done")
        XCTAssertEqual(run["layers"] as? String, "784-30-10")
        XCTAssertEqual(run["init"] as? String, "normal")
        XCTAssertEqual(run["kernels"] as? String, "avx2")
        XCTAssertEqual(run["test_accuracy_at_best_validation"] as? Double, 0.90)
        let epochs = try XCTUnwrap(run["epoch_rows"] as? [[String: Any]])
        XCTAssertEqual(epochs.map { $0["test_accuracy"] as? Double }, [0.80, 0.85, 0.90])
        XCTAssertEqual(epochs.map { $0["seconds"] as? Double }, [1, 2, 3])
        let failed = try json("/api/runs/5")
        XCTAssertEqual(failed["status"] as? String, "failed")
        XCTAssertEqual(failed["error"] as? String, "out of <memory>")
        XCTAssertEqual((failed["epoch_rows"] as? [Any])?.count, 0)
    }

    func testComparingConfigurationsByTheirKeysInTheURLsOrder() throws {
        let keys = try XCTUnwrap(try json("/api/experiments/eta")["configurations"] as? [[String: Any]]).map { $0["key"] as! String }
        let compared = try XCTUnwrap(try json("/api/compare", [("c", "eta:\(keys[1])"), ("c", "eta:\(keys[0])")])["configurations"] as? [[String: Any]])
        XCTAssertEqual(compared.map { $0["label"] as? String }, ["eta 3.0", "eta 0.5"])
        let chart = dashboard.respond(to: DashboardFixture.get("/api/compare.svg", [("c", "eta:\(keys[1])"), ("c", "eta:\(keys[0])")]))
        XCTAssertEqual(chart.status, 200)
        XCTAssertEqual(chart.contentType, "image/svg+xml; charset=utf-8")
        XCTAssertEqual(chart.count(of: "class=\"line\""), 2)
        XCTAssertTrue(chart.text.contains("eta: eta 3.0"), "labelled with the experiment")
    }

    func testTheCurvesChartHasOneLinePerConfiguration() throws {
        let all = dashboard.respond(to: DashboardFixture.get("/api/experiments/eta/curves.svg"))
        XCTAssertEqual(all.count(of: "class=\"line\""), 3)
        XCTAssertEqual(all.count(of: "class=\"band\""), 2, "the failed configuration has no seeds to spread")
        XCTAssertEqual(all.count(of: "class=\"seed\""), 0)
        let seeds = dashboard.respond(to: DashboardFixture.get("/api/experiments/eta/curves.svg", [("seeds", "1"), ("band", "none")]))
        XCTAssertEqual(seeds.count(of: "class=\"seed\""), 4)
        XCTAssertEqual(seeds.count(of: "class=\"band\""), 0)
        let key = try XCTUnwrap(try json("/api/experiments/eta")["configurations"] as? [[String: Any]])[1]["key"] as! String
        let one = dashboard.respond(to: DashboardFixture.get("/api/experiments/eta/curves.svg", [("keys", key)]))
        XCTAssertEqual(one.count(of: "class=\"line\""), 1)
        XCTAssertEqual(one.count(of: "data-key=\"\(key)\""), 3, "its band, its line and its legend entry")
        let byEta = dashboard.respond(to: DashboardFixture.get("/api/experiments/eta/by-setting.svg"))
        XCTAssertEqual(byEta.status, 200, byEta.text)
        XCTAssertEqual(byEta.count(of: "class=\"mean\""), 2, "one mean per configuration with a done run")
    }

    func testTheChangeCounterFollowsTheWriter() throws {
        let before = try XCTUnwrap(try json("/api/changes")["counter"] as? Int)
        XCTAssertEqual(try json("/api/changes")["counter"] as? Int, before)
        // Asked before the write, so that an answer kept past it would show.
        XCTAssertEqual((try json("/api/experiments")["experiments"] as? [Any])?.count, 1)
        try fixture.writer.register(
            ExperimentRecord(name: "more", description: "more", specYAML: "name: more\n", specSHA256: "sha-more"),
            runs: [DashboardFixture.run(eta: 1.0, seed: 1)])
        XCTAssertNotEqual(try json("/api/changes")["counter"] as? Int, before)
        XCTAssertEqual((try json("/api/experiments")["experiments"] as? [Any])?.count, 2)
    }
}
