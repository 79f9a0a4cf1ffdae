import ArgumentParser
import Backprop
import Cluster
import Datasets
import Experiments
import Foundation
import Results

/// A failure the CLI reports as one line, with its exit code.
struct RunnerFailure: Error, CustomStringConvertible {
    enum Kind {
        /// Bad usage or input: a flag, an experiment file, a dataset,
        /// `RUNNER_KERNELS`. Exit code 2.
        case input
        /// Something failed while working: the database, the disk. Exit code 1.
        case runtime
    }

    let kind: Kind
    let message: String
    var description: String { message }

    static func input(_ message: String) -> RunnerFailure { RunnerFailure(kind: .input, message: message) }
    static func runtime(_ message: String) -> RunnerFailure { RunnerFailure(kind: .runtime, message: message) }

    var exitCode: Int32 { kind == .input ? 2 : 1 }
}

extension Runner {
    /// - Parameter verbose: a failed SQL statement is shown whole, not by its first words.
    static func exit(reporting error: Error, verbose: Bool = false) -> Never {
        switch error {
        case let failure as RunnerFailure:
            report(failure)
        case let error as DatasetError:
            report(.input(error.description))
        case let error as TrainingError:
            report(.input(error.description))
        case let conflict as ExperimentSpecConflict:
            report(.input(specConflictMessage(conflict)))
        case let error as ResultsError:
            report(RunnerFailure(
                kind: error.kind == .input ? .input : .runtime,
                message: verbose ? error.verboseDescription : error.description))
        case let error as ClusterError:
            report(RunnerFailure(kind: error.kind == .input ? .input : .runtime, message: error.description))
        case let errors as ExperimentErrors:
            report(lines: experimentProblemLines(errors), exitCode: 2)
        case let error as KernelSelectionError:
            report(.input(error.message))
        default:
            if let exitCode = error as? ExitCode {
                Foundation.exit(exitCode.rawValue)
            }
            // Help, version and clean exits print as ArgumentParser renders them.
            let code = exitCode(for: error)
            if code == .success {
                Runner.exit(withError: error)
            }
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            report(.runtime("\(error)"))
        }
    }

    private static func report(_ failure: RunnerFailure) -> Never {
        report(lines: [failure.message], exitCode: failure.exitCode)
    }

    /// Each line as an error of its own, so that every one names its file
    /// and position and can be found with grep or an editor.
    private static func report(lines: [String], exitCode: Int32) -> Never {
        FileHandle.standardError.write(Data(lines.map { "runner: error: \($0)\n" }.joined().utf8))
        Foundation.exit(exitCode)
    }

    /// Changed lines of a refused spec shown; enough to recognise the other file.
    static let shownSpecChanges = 12

    /// Which experiment is taken and by what, how the new spec differs,
    /// and the ways out.
    static func specConflictMessage(_ conflict: ExperimentSpecConflict) -> String {
        let experiment = conflict.experiment
        let registered = conflict.registered
        var stored = "sha256 \(registered.specSHA256.prefix(12))"
        if let time = registered.registeredAt { stored += ", registered \(time)" }
        if let source = registered.sourcePath { stored += " from \(source)" }
        let changes = SpecDifference.lines(from: registered.specYAML, to: experiment.specYAML, limit: shownSpecChanges)
        return (["\(experiment.sourcePath ?? experiment.name): experiment '\(experiment.name)' is already registered in "
            + "\(conflict.store) with another spec (\(stored)); this file changes:"]
            + changes.map { "  \($0)" }
            + ["To make this spec the experiment's new version (the old one stays in experiment_versions), "
                + "sweep again with --replace; to keep both, give this one another name (name: in the file, "
                + "or --set name=NEW)."]
        ).joined(separator: "\n")
    }

    /// The problems of an experiment file shown at once; enough for a round
    /// of fixes without burying the first ones.
    static let shownExperimentProblems = 20

    /// The first ``shownExperimentProblems`` problems, one line each, then
    /// how many more there are.
    static func experimentProblemLines(_ errors: ExperimentErrors) -> [String] {
        let shown = errors.problems.prefix(shownExperimentProblems).map(\.description)
        let more = errors.problems.count - shown.count
        guard more > 0 else { return shown }
        return shown + ["\(errors.file): \(more) more problem\(more == 1 ? "" : "s") not shown"]
    }
}
