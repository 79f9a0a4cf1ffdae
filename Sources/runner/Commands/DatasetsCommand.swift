import ArgumentParser
import Datasets

struct DatasetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "List the datasets found, and every place each is looked for.",
        discussion: """
            A built-in name (mnist, fashion-mnist) is looked for, in order, in \
            $RUNNER_DATA/NAME; data/NAME in the experiment file's directory or the nearest \
            directory above it that has one (runner sweep); the same from the runner \
            executable's directory, then PREFIX/share/runner/data/NAME beside an installed \
            PREFIX/bin/runner; data/NAME in the current directory; and where a system package \
            installs it (Debian's dataset-fashion-mnist). The first directory found is used. \
            Anything else is a directory path, relative to the current directory. \
            For each dataset: its directory, the place that found it, its training and test \
            images, its classes (largest training label + 1) and its checksum (SHA-256 of the \
            four uncompressed files, as runs record it). Exits 2 when a directory found is no \
            readable dataset.
            """
    )

    @Argument(help: "Datasets to look for: built-in names or directories (default: every built-in name).")
    var names: [String] = []

    func run() throws {
        let anchors = DatasetAnchors.runner
        let names = names.isEmpty ? DatasetRegistry.builtInNames : names
        var rows: [[String]] = []
        var problems: [String] = []
        for name in names {
            guard let location = try? DatasetRegistry.locate(name, from: anchors) else {
                rows.append([name, "", "", "", "", "not found", ""])
                continue
            }
            let found = [location.directory, location.place.origin.rawValue]
            do {
                let survey = try Dataset.survey(directory: location.directory)
                let shape = survey.shape
                let counts = [shape.trainCount, shape.testCount, shape.classCount].map(String.init)
                rows.append([name] + counts + [survey.checksum] + found)
            } catch {
                rows.append([name, "", "", "", "unreadable"] + found)
                problems.append("dataset '\(name)': \(error)")
            }
        }
        print(TextTable(columns: ["name", "train", "test", "classes", "checksum", "directory", "found via"], rows: rows).render())
        print("\nLooked for in this order; the first directory found is used:")
        for name in names {
            let places = DatasetRegistry.places(for: name, from: anchors).map(\.description)
            print("\(name): " + places.joined(separator: ", "))
        }
        if let problem = problems.first { throw RunnerFailure.input(problem) }
    }
}
