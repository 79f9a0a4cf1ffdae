import ArgumentParser

/// A command that trains or computes with the kernels. `Runner.main` checks
/// `RUNNER_KERNELS` for these before they run, so a name that is no variant,
/// or one this CPU cannot run, stops them before they do any work, rather
/// than training with a variant the user did not ask for.
protocol ComputesWithKernels: ParsableCommand {}

extension TrainCommand: ComputesWithKernels {}
extension SweepCommand: ComputesWithKernels {}
extension VerifyCommand: ComputesWithKernels {}
extension GradcheckCommand: ComputesWithKernels {}
extension BenchCommand: ComputesWithKernels {}
