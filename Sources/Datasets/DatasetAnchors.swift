import Foundation

/// What a built-in dataset name is looked up from: `$RUNNER_DATA`, the
/// experiment file, the running executable and the current directory.
///
/// The caller knows these (only the command line knows which executable is
/// running); `DatasetRegistry.locate` turns them into places, in order.
///
/// ```swift
/// DatasetAnchors(experimentFile: "experiments/eta.yaml", executable: Bundle.main.executablePath)
/// ```
public struct DatasetAnchors: Sendable, Equatable {
    /// `$RUNNER_DATA`, a directory holding datasets by name; nil when unset or empty.
    public var dataRoot: String?
    /// The experiment file that names the dataset, when there is one.
    public var experimentFile: String?
    /// The running `runner` binary, when the caller knows it.
    public var executable: String?
    /// Relative paths (a dataset directory, `RUNNER_DATA`, the experiment file) start here.
    public var currentDirectory: String

    public init(
        experimentFile: String? = nil, executable: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) {
        let root = environment[DatasetRegistry.environmentVariable] ?? ""
        self.dataRoot = root.isEmpty ? nil : root
        self.experimentFile = experimentFile
        self.executable = executable
        self.currentDirectory = currentDirectory
    }

    /// The same anchors with an experiment file.
    public func with(experimentFile: String) -> DatasetAnchors {
        var anchors = self
        anchors.experimentFile = experimentFile
        return anchors
    }

    /// `path` made absolute against the current directory, with `.` and `..` removed.
    func absolute(_ path: String) -> String {
        let url = path.hasPrefix("/")
            ? URL(fileURLWithPath: path) : URL(fileURLWithPath: currentDirectory).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }
}
