import Foundation

/// Turns the dataset names users write (in experiment files, after `--dataset`)
/// into directories. The one place that decides where data is looked for.
///
/// A built-in name is looked for, in order, in
/// 1. `$RUNNER_DATA/NAME` (`RUNNER_DATA` a directory holding datasets by name),
/// 2. `data/NAME` in the experiment file's directory or the nearest directory
///    above it that has one (the repository that holds the file),
/// 3. the same from the `runner` executable's directory (so a build inside a
///    clone finds the clone's data from anywhere), and for an installed
///    `PREFIX/bin/runner`, `PREFIX/share/runner/data/NAME`,
/// 4. `data/NAME` in the current directory,
/// 5. where a system package installs it (Debian's `dataset-fashion-mnist`).
///
/// Anything else is a directory path, relative to the current directory.
///
/// ```swift
/// let anchors = DatasetAnchors(executable: "/work/runner/.build/release/runner", currentDirectory: "/tmp")
/// try DatasetRegistry.locate("mnist", from: anchors).directory   // "/work/runner/data/mnist"
/// try DatasetRegistry.locate("kmnist", from: anchors)            // throws: looked in kmnist (/tmp/kmnist)
/// ```
public enum DatasetRegistry {
    /// Names that are looked for in the places above rather than read as a path.
    public static let builtInNames = ["mnist", "fashion-mnist"]

    /// The variable that names a directory of datasets by name.
    public static let environmentVariable = "RUNNER_DATA"

    /// Where a system package installs a built-in dataset, and which package.
    static let systemDirectories = [
        "fashion-mnist": (path: "/usr/share/datasets/fashion-mnist", package: "Debian's dataset-fashion-mnist"),
    ]

    /// The directory `nameOrPath` stands for: the first place of
    /// `places(for:from:)` that holds it as a directory.
    ///
    /// - Throws: `DatasetError` of kind `.notFound`, naming every place looked in.
    public static func locate(_ nameOrPath: String, from anchors: DatasetAnchors) throws -> DatasetLocation {
        let places = places(for: nameOrPath, from: anchors)
        for place in places {
            if let directory = place.candidates.first(where: isDirectory) {
                return DatasetLocation(directory: directory, place: place)
            }
        }
        throw DatasetError(
            file: nameOrPath, kind: .notFound(lookedIn: places.map(\.description), hint: hint(for: nameOrPath)))
    }

    /// Every place `nameOrPath` is looked for, in order; a place whose
    /// directories an earlier one already tried is left out.
    public static func places(for nameOrPath: String, from anchors: DatasetAnchors) -> [DatasetPlace] {
        guard builtInNames.contains(nameOrPath) else {
            let directory = anchors.absolute(nameOrPath)
            let shown = nameOrPath.hasPrefix("/") ? directory : "\(nameOrPath) (\(directory))"
            return [DatasetPlace(origin: .path, candidates: [directory], description: shown)]
        }
        var tried: Set<String> = []
        var places: [DatasetPlace] = []
        for place in builtInPlaces(nameOrPath, anchors) {
            // Always shown: a place with nothing to try says why (RUNNER_DATA unset).
            guard place.candidates.isEmpty || !tried.isSuperset(of: place.candidates) else { continue }
            tried.formUnion(place.candidates)
            places.append(place)
        }
        return places
    }

    private static func builtInPlaces(_ name: String, _ anchors: DatasetAnchors) -> [DatasetPlace] {
        let relative = "data/\(name)"
        var places: [DatasetPlace] = []
        if let root = anchors.dataRoot {
            let directory = join(anchors.absolute(root), name)
            places.append(DatasetPlace(
                origin: .environment, candidates: [directory], description: "$\(environmentVariable)/\(name) (\(directory))"))
        } else {
            places.append(DatasetPlace(
                origin: .environment, candidates: [], description: "$\(environmentVariable)/\(name) (\(environmentVariable) unset)"))
        }
        if let file = anchors.experimentFile {
            let start = parent(anchors.absolute(file))
            places.append(DatasetPlace(
                origin: .experiment, candidates: walkUp(from: start).map { join($0, relative) },
                description: "\(relative) in \(start) or a directory above it (the experiment file's)"))
        }
        if let executable = anchors.executable {
            let start = parent(anchors.absolute(executable))
            places.append(DatasetPlace(
                origin: .executable, candidates: walkUp(from: start).map { join($0, relative) },
                description: "\(relative) in \(start) or a directory above it (the runner executable's)"))
            // `make install` puts the data beside an installed PREFIX/bin/runner.
            if (start as NSString).lastPathComponent == "bin" {
                let installed = join(parent(start), "share/runner/\(relative)")
                places.append(DatasetPlace(
                    origin: .installed, candidates: [installed], description: "\(installed) (installed with runner)"))
            }
        }
        let local = join(anchors.absolute(anchors.currentDirectory), relative)
        places.append(DatasetPlace(origin: .currentDirectory, candidates: [local], description: "./\(relative) (\(local))"))
        if let system = systemDirectories[name] {
            places.append(DatasetPlace(
                origin: .system, candidates: [system.path], description: "\(system.path) (\(system.package))"))
        }
        return places
    }

    /// What a user can do about a miss.
    private static func hint(for nameOrPath: String) -> String {
        guard builtInNames.contains(nameOrPath) else {
            return "it is not a built-in name (\(builtInNames.joined(separator: ", ")))"
        }
        let package = systemDirectories[nameOrPath].map { ", or install \($0.package)" } ?? ""
        return "set \(environmentVariable) to a directory that holds \(nameOrPath)/\(package)"
    }

    /// `directory`, its parent, …, `/`.
    private static func walkUp(from directory: String) -> [String] {
        var directories = [directory]
        while let last = directories.last, last != "/" {
            directories.append(parent(last))
        }
        return directories
    }

    private static func parent(_ path: String) -> String {
        let parent = (path as NSString).deletingLastPathComponent
        return parent.isEmpty ? "/" : parent
    }

    private static func join(_ base: String, _ relative: String) -> String {
        base.hasSuffix("/") ? base + relative : base + "/" + relative
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
