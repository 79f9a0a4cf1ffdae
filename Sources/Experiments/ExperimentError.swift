/// A problem with an experiment file, located at the offending YAML node.
///
/// Every problem found while reading, parsing or validating an experiment
/// file is one of these, so that they all read the same way, those of its
/// overrides naming the override instead of a line:
///
/// ```text
/// experiments/eta.yaml:7:9: grid.eta[2]: η must be a finite number > 0, got -1
/// --set epochs=0: epochs: epochs must be ≥ 1, got 0
/// ```
///
/// They are thrown all at once, as ``ExperimentErrors``.
public struct ExperimentError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The experiment file as given to ``Experiment/load(path:overrides:datasetShape:)``,
    /// or, for a problem of an override, the override (`--set epochs=0`).
    public let file: String
    /// 1-based line of the offending node; 0 when the file could not be read
    /// at all, and for an override, which is one line of its own.
    public let line: Int
    /// 1-based column (in Unicode scalars, as libYAML counts); 0 when `line` is 0.
    public let column: Int
    /// Dotted path of the key at fault, such as `grid.eta[2]`, `layers[0]` or
    /// `seeds[3]`; nil for problems that are not about one key (syntax errors).
    public let key: String?
    /// What is wrong, in one line.
    public let message: String

    public init(file: String, line: Int, column: Int, key: String?, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    public var description: String {
        let location = line > 0 ? "\(file):\(line):\(column)" : file
        if let key {
            return "\(location): \(key): \(message)"
        }
        return "\(location): \(message)"
    }
}
