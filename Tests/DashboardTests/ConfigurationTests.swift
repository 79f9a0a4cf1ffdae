import Results
import XCTest
@testable import Dashboard

/// Runs grouped into configurations, and what a configuration is called.
final class ConfigurationTests: XCTestCase {
    private func run(_ id: Int64, layers: [Int], eta: Double, seed: UInt64) -> RunSettings {
        RunSettings(
            id: id, status: .done, seed: seed, layers: layers, eta: eta, epochs: 30, batchSize: 10,
            initialization: "normal", dataset: "mnist", trainLimit: 50_000, testLimit: 10_000, hashVersion: 2,
            cost: "quadratic", l2: 0, momentum: 0, patience: nil, etaHalving: nil, validationLimit: 10_000)
    }

    private func configuration(_ runs: RunSettings...) -> Configuration {
        let settings = Configuration.settings(of: runs[0])
        return Configuration(key: Configuration.key(of: settings), experiment: "e", settings: settings, runs: runs)
    }

    func testTheGridIsTheSettingsThatVaryAndHiddenGoesWithLayers() {
        let small = configuration(run(1, layers: [784, 30, 10], eta: 3.0, seed: 1))
        let large = configuration(run(2, layers: [784, 100, 10], eta: 0.5, seed: 1))
        XCTAssertEqual(Configuration.varyingSettings(of: [small, large]), ["layers", "eta"])
        XCTAssertEqual(large.label(varying: ["layers", "eta"]), "layers 784-100-10 · eta 0.5")
        XCTAssertEqual(Configuration.varyingSettings(of: [small]), [])
        XCTAssertEqual(small.label(varying: []), "e", "the experiment's name when nothing varies")
    }

    func testTheKeyIsAFunctionOfTheSettingsAlone() {
        let first = configuration(run(1, layers: [784, 30, 10], eta: 3.0, seed: 1))
        let second = configuration(run(9, layers: [784, 30, 10], eta: 3.0, seed: 7))
        XCTAssertEqual(first.key, second.key, "seeds and ids are not settings")
        XCTAssertEqual(first.key.count, 16)
        XCTAssertNotEqual(first.key, configuration(run(1, layers: [784, 30, 10], eta: 3.5, seed: 1)).key)
        // Pinned: the key is in shared URLs, so it must not change between versions.
        XCTAssertEqual(first.key, "ef4104cf1ef367c3")
    }
}
