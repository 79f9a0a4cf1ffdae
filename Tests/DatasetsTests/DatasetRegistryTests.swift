import Datasets
import Foundation
import XCTest

/// Where a dataset name is looked for, in which order, and what a miss says.
final class DatasetRegistryTests: XCTestCase {
    /// A tree with `mnist` in every place a built-in name is looked for:
    /// `$RUNNER_DATA`, the repository above the experiment file, the one
    /// above the executable, the current directory.
    private struct Tree {
        let fixture: IDXFixture
        var root: String { fixture.directory }
        var anchors: DatasetAnchors {
            DatasetAnchors(
                experimentFile: root + "/exp/experiments/deep/x.yaml", executable: root + "/tool/.build/release/runner",
                environment: ["RUNNER_DATA": root + "/env"], currentDirectory: root + "/work")
        }

        init() throws {
            fixture = try IDXFixture()
            for directory in ["env/mnist", "exp/data/mnist", "exp/experiments/deep", "tool/data/mnist", "tool/.build/release", "work/data/mnist"] {
                try FileManager.default.createDirectory(atPath: fixture.path(directory), withIntermediateDirectories: true)
            }
        }

        func remove(_ directory: String) throws {
            try FileManager.default.removeItem(atPath: fixture.path(directory))
        }
    }

    func testBuiltInNamesAreLookedForInOrder() throws {
        let tree = try Tree()
        let root = tree.root
        for (found, origin) in [
            ("env/mnist", DatasetPlace.Origin.environment), ("exp/data/mnist", .experiment),
            ("tool/data/mnist", .executable), ("work/data/mnist", .currentDirectory),
        ] {
            let location = try DatasetRegistry.locate("mnist", from: tree.anchors)
            XCTAssertEqual(location.directory, root + "/" + found)
            XCTAssertEqual(location.place.origin, origin)
            try tree.remove(found)
        }
        XCTAssertThrowsError(try DatasetRegistry.locate("mnist", from: tree.anchors))
    }

    func testAMissNamesEveryPlaceInOrder() throws {
        let tree = try Tree()
        let root = tree.root
        for directory in ["env/mnist", "exp/data/mnist", "tool/data/mnist", "work/data/mnist"] { try tree.remove(directory) }

        XCTAssertThrowsError(try DatasetRegistry.locate("mnist", from: tree.anchors)) { error in
            XCTAssertEqual(
                "\(error)",
                "dataset 'mnist' not found; looked in $RUNNER_DATA/mnist (\(root)/env/mnist), "
                    + "data/mnist in \(root)/exp/experiments/deep or a directory above it (the experiment file's), "
                    + "data/mnist in \(root)/tool/.build/release or a directory above it (the runner executable's), "
                    + "./data/mnist (\(root)/work/data/mnist); set RUNNER_DATA to a directory that holds mnist/")
        }
    }

    /// Without RUNNER_DATA, an experiment file or an executable, those places
    /// say so or are left out; fashion-mnist ends at Debian's package.
    func testAMissWithoutAnchorsAndTheSystemPlace() throws {
        let fixture = try IDXFixture()
        let anchors = DatasetAnchors(environment: ["RUNNER_DATA": ""], currentDirectory: fixture.directory)

        XCTAssertThrowsError(try DatasetRegistry.locate("mnist", from: anchors)) { error in
            XCTAssertEqual(
                "\(error)",
                "dataset 'mnist' not found; looked in $RUNNER_DATA/mnist (RUNNER_DATA unset), "
                    + "./data/mnist (\(fixture.directory)/data/mnist); set RUNNER_DATA to a directory that holds mnist/")
        }
        XCTAssertEqual(DatasetRegistry.places(for: "fashion-mnist", from: anchors).map(\.description), [
            "$RUNNER_DATA/fashion-mnist (RUNNER_DATA unset)", "./data/fashion-mnist (\(fixture.directory)/data/fashion-mnist)",
            "/usr/share/datasets/fashion-mnist (Debian's dataset-fashion-mnist)",
        ])
        // Found there where Debian's package is installed; otherwise the miss says how to get it.
        if FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist") {
            XCTAssertEqual(try DatasetRegistry.locate("fashion-mnist", from: anchors).place.origin, .system)
        } else {
            XCTAssertThrowsError(try DatasetRegistry.locate("fashion-mnist", from: anchors)) { error in
                XCTAssertTrue("\(error)".hasSuffix(
                    "; set RUNNER_DATA to a directory that holds fashion-mnist/, or install Debian's dataset-fashion-mnist"))
            }
        }
    }

    /// A runner in PREFIX/bin also looks in PREFIX/share/runner/data, where
    /// `make install` puts the data.
    func testAnInstalledRunnerLooksInItsPrefix() throws {
        let fixture = try IDXFixture()
        let installed = fixture.path("prefix/share/runner/data/mnist")
        try FileManager.default.createDirectory(atPath: installed, withIntermediateDirectories: true)
        let anchors = DatasetAnchors(
            executable: fixture.path("prefix/bin/runner"), environment: [:], currentDirectory: fixture.path("prefix"))

        let location = try DatasetRegistry.locate("mnist", from: anchors)

        XCTAssertEqual(location.directory, installed)
        XCTAssertEqual(location.place.origin, .installed)
        XCTAssertEqual(DatasetRegistry.places(for: "mnist", from: anchors).map(\.description), [
            "$RUNNER_DATA/mnist (RUNNER_DATA unset)",
            "data/mnist in \(fixture.directory)/prefix/bin or a directory above it (the runner executable's)",
            "\(installed) (installed with runner)",
            // ./data/mnist, in prefix/, is one of the walk's directories.
        ])
    }

    /// Relative RUNNER_DATA and experiment files start at the current
    /// directory; a place already covered by an earlier one is left out.
    func testRelativeAnchorsAndCoveredPlaces() throws {
        let fixture = try IDXFixture()
        try FileManager.default.createDirectory(atPath: fixture.path("repo/data/mnist"), withIntermediateDirectories: true)
        let anchors = DatasetAnchors(
            experimentFile: "experiments/../x.yaml", environment: ["RUNNER_DATA": "../elsewhere"],
            currentDirectory: fixture.path("repo"))

        XCTAssertEqual(try DatasetRegistry.locate("mnist", from: anchors).directory, fixture.path("repo/data/mnist"))
        XCTAssertEqual(DatasetRegistry.places(for: "mnist", from: anchors).map(\.description), [
            "$RUNNER_DATA/mnist (\(fixture.directory)/elsewhere/mnist)",
            "data/mnist in \(fixture.directory)/repo or a directory above it (the experiment file's)",
        ])
    }

    /// Anything but a built-in name is a directory, relative to the current
    /// directory, and is looked for nowhere else.
    func testPathsResolveRelativeToTheCurrentDirectoryOrAsGiven() throws {
        let fixture = try IDXFixture()
        try FileManager.default.createDirectory(atPath: fixture.path("kmnist"), withIntermediateDirectories: false)
        let anchors = DatasetAnchors(environment: ["RUNNER_DATA": fixture.directory], currentDirectory: fixture.directory)
        let elsewhere = DatasetAnchors(environment: ["RUNNER_DATA": fixture.directory], currentDirectory: "/")

        XCTAssertEqual(try DatasetRegistry.locate("kmnist", from: anchors).directory, fixture.path("kmnist"))
        XCTAssertEqual(try DatasetRegistry.locate(fixture.path("kmnist"), from: elsewhere).place.origin, .path)
        XCTAssertThrowsError(try DatasetRegistry.locate("kmnist", from: elsewhere)) { error in
            XCTAssertEqual("\(error)", "dataset 'kmnist' not found; looked in kmnist (/kmnist); it is not a built-in name (mnist, fashion-mnist)")
        }
        try fixture.writePlain("file", [1])
        XCTAssertThrowsError(try DatasetRegistry.locate("file", from: anchors), "a file is not a dataset directory") { error in
            XCTAssertEqual(
                "\(error)",
                "dataset 'file' not found; looked in file (\(fixture.path("file"))); it is not a built-in name (mnist, fashion-mnist)")
        }
    }

    func testTheRepositorysMnistIsFoundFromItsExecutable() throws {
        XCTAssertEqual(DatasetRegistry.builtInNames, ["mnist", "fashion-mnist"])
        let anchors = DatasetAnchors(
            executable: MNISTTests.repositoryRoot + "/.build/release/runner", environment: [:], currentDirectory: "/")
        XCTAssertEqual(try DatasetRegistry.locate("mnist", from: anchors).directory, MNISTTests.repositoryRoot + "/data/mnist")
    }
}
