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
    static func exit(reporting error: Error) -> Never {
        switch error {
        case let failure as RunnerFailure:
            report(failure)
        case let error as DatasetError:
            report(.input(error.description))
        case let error as TrainingError:
            report(.input(error.description))
        case let error as ResultsError:
            report(RunnerFailure(kind: error.kind == .input ? .input : .runtime, message: error.description))
        case let error as ClusterError:
            report(RunnerFailure(kind: error.kind == .input ? .input : .runtime, message: error.description))
        case let error as ExperimentError:
            report(.input(error.description))
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
        FileHandle.standardError.write(Data("runner: error: \(failure.message)\n".utf8))
        Foundation.exit(failure.exitCode)
    }
}
