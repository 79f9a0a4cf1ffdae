/// Every problem found in an experiment file and its overrides: what
/// ``Experiment/load(path:overrides:datasetShape:)`` and
/// ``Experiment/parse(yaml:path:overrides:datasetShape:)`` throw.
///
/// Validation goes on past a problem to every other key whose checks do not
/// depend on it, so that one round of fixes suffices:
///
/// ```text
/// my.yaml:6:1: epoch: unknown key 'epoch'; did you mean 'epochs'?
/// my.yaml:7:8: batch: batch must be ≥ 1, got 0
/// my.yaml:8:12: seeds[1]: seed 1 is already listed as seeds[0]
/// ```
///
/// A problem that leaves nothing to walk (the file cannot be read, is not
/// YAML, or is not a mapping) is the only one.
public struct ExperimentErrors: Error, CustomStringConvertible, Equatable, Sendable {
    /// The experiment file as given.
    public let file: String
    /// At least one: the file's problems by line and column, then the
    /// overrides' in the order they were given.
    public let problems: [ExperimentError]

    public init(file: String, problems: [ExperimentError]) {
        precondition(!problems.isEmpty, "ExperimentErrors needs at least one problem")
        self.file = file
        self.problems = problems
    }

    /// Every problem, one per line.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}

/// The problems found so far while validating one experiment, kept so that
/// validation can go on past each of them.
final class ProblemLog {
    private let file: String
    /// How errors name the overrides (`--set epochs=0`), in the order given.
    private let overrideLabels: [String]
    private var found: [ExperimentError] = []

    init(file: String, overrideLabels: [String] = []) {
        self.file = file
        self.overrideLabels = overrideLabels
    }

    var isEmpty: Bool { found.isEmpty }

    func record(_ problem: ExperimentError) {
        found.append(problem)
    }

    /// `body`'s value, or nil when it throws an ``ExperimentError``, which
    /// is recorded.
    func attempt<T>(_ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch let problem as ExperimentError {
            record(problem)
            return nil
        } catch {
            record(ExperimentError(file: file, line: 0, column: 0, key: nil, message: "\(error)"))
            return nil
        }
    }

    /// Throws the problems, if any, in file order: the file's by position,
    /// then each override's in the order given; ties keep the order found.
    func throwIfAny() throws {
        guard !found.isEmpty else { return }
        let ordered = found.enumerated().sorted { a, b in
            let (x, y) = (order(of: a.element), order(of: b.element))
            return x != y ? x.lexicographicallyPrecedes(y) : a.offset < b.offset
        }
        throw ExperimentErrors(file: file, problems: ordered.map(\.element))
    }

    private func order(of problem: ExperimentError) -> [Int] {
        let origin = problem.file == file ? 0 : 1 + (overrideLabels.firstIndex(of: problem.file) ?? overrideLabels.count)
        return [origin, problem.line, problem.column]
    }
}
