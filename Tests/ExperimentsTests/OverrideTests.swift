import Experiments
import XCTest

/// `--set KEY=VALUE`: the experiment as if the file said so, validated as
/// the file is, named apart from the file's own and recorded in its spec.
final class OverrideTests: XCTestCase {
    private func parse(_ yaml: String = minimal, _ overrides: String...) throws -> Experiment {
        try Experiment.parse(yaml: yaml, path: errorFile, overrides: overrides.map(Override.init), datasetShape: mnistOnly)
    }

    func testATopLevelOverrideChangesEveryRunAndItsIdentity() throws {
        let file = try parse()
        let changed = try parse(minimal, "epochs=1", "seeds=[4, 5]")
        XCTAssertEqual(changed.runs.map(\.training.epochs), [1, 1])
        XCTAssertEqual(changed.runs.map(\.training.seed), [4, 5])
        XCTAssertFalse(changed.runs.contains { $0.configHash(datasetChecksum: "c") == file.runs[0].configHash(datasetChecksum: "c") })
    }

    /// `grid.eta` replaces the file's top-level `eta`, and `eta` the file's `grid.eta`.
    func testAGridOverrideAndATopLevelOneTakeTheKeyFromTheOtherPlace() throws {
        let grid = try parse(minimal, "grid.eta=[1, 3]")
        XCTAssertEqual(grid.runs.map(\.training.eta), [1, 3])
        XCTAssertEqual(grid.gridKeys, [.eta])

        let file = minimal(replacing: "eta: 3.0\n", with: "") + "grid:\n  eta: [0.5, 1.0]\n  batch: [10, 20]\n"
        let topLevel = try parse(file, "eta=3", "grid.batch=[5]")
        XCTAssertEqual(topLevel.runs.map(\.training.eta), [3])
        XCTAssertEqual(topLevel.runs.map(\.training.batchSize), [5])
    }

    /// The name is the file's with a hash of the overrides, which neither
    /// their order nor their spacing changes.
    func testTheNameCarriesAHashOfTheOverrides() throws {
        XCTAssertEqual(try parse(minimal, "epochs=1", "grid.eta=[1,3]").name, "eta+84db7d70")
        XCTAssertEqual(try parse(minimal, "grid.eta=[1, 3]", "epochs=1").name, "eta+84db7d70")
        XCTAssertEqual(try parse(minimal, "epochs=1").name, "eta+41e5b1e5")
        XCTAssertEqual(try parse(minimal).name, "eta")
        XCTAssertEqual(try parse(minimal, "epochs=1", "name=mine").name, "mine")
    }

    func testTheSpecIsTheFileAndTheOverridesAsComments() throws {
        let experiment = try parse(minimal, "seeds=[1, 2]", "description=\"two words\"")
        XCTAssertEqual(experiment.overrides, ["description=\"two words\"", "seeds=[1,2]"])
        XCTAssertEqual(experiment.name, "eta+32256337")
        XCTAssertEqual(experiment.description, "two words")
        XCTAssertEqual(experiment.source, minimal)
        XCTAssertEqual(experiment.spec, minimal + """
            # Overrides given with runner sweep, applied over the file above:
            # --set description="two words"
            # --set seeds=[1,2]

            """)
        XCTAssertNotEqual(experiment.specSHA256, experiment.sourceSHA256)

        let plain = try parse()
        XCTAssertEqual(plain.spec, minimal)
        XCTAssertEqual(plain.specSHA256, plain.sourceSHA256)
        XCTAssertEqual(plain.overrides, [])
    }

    func testOverrideProblemsNameTheOverrideAfterTheFilesOwn() {
        let yaml = minimal(replacing: "batch: 10", with: "batch: 0")
        XCTAssertEqual(problems {
            try parse(
                yaml, "epochs=0", "grid.eta=[1,-3]", "epoch=2", "seeds", "grid.eta.x=1", "epochs=3", "name=a+b",
                "layers=[784, 10, 9]", "grid.eta=[1,3")
        }, [
            "experiments/eta.yaml:5:8: batch: batch must be ≥ 1, got 0",
            "--set epochs=0: epochs: epochs must be ≥ 1, got 0",
            "--set grid.eta=[1,-3]: grid.eta[1]: η must be a finite number > 0, got -3",
            "--set epoch=2: epoch: unknown key 'epoch'; did you mean 'epochs'?",
            "--set seeds: expected KEY=VALUE, such as epochs=1 or grid.eta=[1,3]",
            "--set grid.eta.x=1: grid.eta.x: only a top-level key or grid.KEY can be set",
            "--set epochs=3: epochs: already set by --set epochs=0; set each key once",
            "--set name=a+b: name: name must be 1 to 100 ASCII letters, digits, '-', '_' or '.', starting with a letter or digit, got \"a+b\"",
            "--set layers=[784, 10, 9]: layers[2]: the last layer must have 10 neurons, one per class of dataset 'mnist', got 9",
            "--set grid.eta=[1,3: grid.eta: already set by --set grid.eta=[1,-3]; set each key once",
        ])
    }

    func testAValueThatIsNoYAMLAndAKeyGivenTwiceOver() {
        XCTAssertEqual(problems { try parse(minimal, "grid.eta=[1,3", "eta=3", "grid.eta=[1]") }, [
            "--set grid.eta=[1,3: grid.eta: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 1, column 1)",
            "--set grid.eta=[1]: grid.eta: 'eta' is set both at top level (--set eta=3) and in grid; keep one",
        ])
    }

    /// An empty value is null, as an empty value in the file is.
    func testAnEmptyValueIsNull() {
        XCTAssertEqual(problems { try parse(minimal, "epochs=") }, ["--set epochs=: epochs: expected an integer, got null"])
    }
}
