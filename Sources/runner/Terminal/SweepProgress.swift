import Datasets
import Foundation
import Sweep

/// Progress of a sweep on standard error: runs done of total, the epochs of
/// the runs in flight, elapsed time and an estimate of what remains.
///
/// Every finished run gets a line; on a terminal, a live line below them,
/// redrawn in place, shows the runs in flight. Logs (a file, CI) get the
/// finished-run lines alone, so they stay readable.
final class SweepProgress: @unchecked Sendable {
    private struct Active {
        var label: String
        var epoch: Int
        var epochs: Int
    }

    private struct State {
        var finishedRuns = 0
        var finishedEpochs = 0
        var active: [Int: Active] = [:]
        /// Runs that reached their rung in this sweep and wait for its decision.
        var waiting: Set<Int> = []
        var lastDraw: ContinuousClock.Instant?
    }

    private let totalRuns: Int
    private let totalEpochs: Int
    /// What varies among the experiment's runs, which names them.
    private let settings: [RunSetting]
    private let quiet: Bool
    private let live: Bool
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private let state = Locked(State())

    /// `totalEpochs`: the epochs of the runs left to train, for the estimate.
    init(totalRuns: Int, totalEpochs: Int, settings: [RunSetting], quiet: Bool) {
        self.totalRuns = totalRuns
        self.totalEpochs = totalEpochs
        self.settings = settings
        self.quiet = quiet
        live = isatty(STDERR_FILENO) == 1
        start = clock.now
    }

    /// Renders one event of the sweep.
    @Sendable func show(_ event: SweepEvent) {
        switch event {
        case .started(let run):
            let active = Active(label: label(run), epoch: 0, epochs: run.spec.training.epochs)
            update { $0.active[run.index] = active }
        case .resumed(let run, let epoch):
            let waited = update { state in
                state.active[run.index]?.epoch = epoch
                return state.waiting.remove(run.index) != nil
            }
            // A run promoted from the rung it waited at here goes on as planned: no news.
            if !waited { message("\(label(run))  continues after epoch \(epoch) of \(run.spec.training.epochs)") }
        case .restarted(let run, let reason):
            message("\(label(run))  trains again from the start: \(reason)")
        case .finishedEpoch(let run, let epoch):
            update {
                $0.active[run.index]?.epoch = epoch
                $0.finishedEpochs += 1
            }
        case .finished(let outcome):
            finished(outcome)
        case .decided(let rung):
            decided(rung)
        }
    }

    /// `rung 1 (3 epochs): 3 of 9 go on, 6 pruned (validation_accuracy threshold 0.9310)`; pruned runs count as finished.
    private func decided(_ rung: RungDecided) {
        let bracket = rung.bracket > 0 ? "bracket \(rung.bracket), " : ""
        let total = rung.promoted.count + rung.pruned.count
        update(force: true) { state in
            state.finishedRuns += rung.pruned.count
            if !quiet {
                write((live ? "\r\u{1B}[K" : "")
                    + "\(bracket)rung \(rung.rung) (\(rung.epoch) epoch\(rung.epoch == 1 ? "" : "s")): \(rung.promoted.count) of \(total) go on, "
                    + "\(rung.pruned.count) pruned (\(rung.metric) threshold \(String(format: "%.4f", rung.threshold)))  \(timing(state))\n")
            }
        }
    }

    private func finished(_ outcome: RunOutcome) {
        let run = outcome.run
        let label = label(run)
        if case .paused(let epoch) = outcome.result {
            update(force: true) { state in
                state.active[run.index] = nil
                state.waiting.insert(run.index)
                if !quiet {
                    write((live ? "\r\u{1B}[K" : "") + "\(label)  waits after epoch \(epoch) for its rung  \(timing(state))\n")
                }
            }
            return
        }
        update(force: true) { state in
            state.active[run.index] = nil
            state.finishedRuns += 1
            // A run that stopped early will not train its remaining epochs.
            state.finishedEpochs += run.spec.training.epochs - outcome.completedEpochs
            // A line per finished run, above the live line on a terminal.
            if !quiet {
                write((live ? "\r\u{1B}[K" : "") + "[\(state.finishedRuns)/\(totalRuns)] \(label)  \(Self.summary(outcome))  \(timing(state))\n")
            }
        }
    }

    private func label(_ run: PlannedRun) -> String {
        RunSetting.label(run.record, showing: settings)
    }

    /// `done  best validation 0.9601 (epoch 27), test 0.9512  1m05s`, `done  best test 0.9512 (epoch 27,
    /// chosen on the test set)  1m05s`, `skipped: done or claimed elsewhere`, …; a run that selection
    /// on the validation set stopped early says why.
    private static func summary(_ outcome: RunOutcome) -> String {
        switch outcome.result {
        case .done(let best, let stopReason):
            "done  " + describe(best) + "  " + formatDuration(outcome.wallSeconds)
                + (stopReason.map { "  stopped early: \($0)" } ?? "")
        case .diverged(let reason): "diverged: \(reason)"
        case .failed(let message): "failed: \(message)"
        case .paused(let epoch): "waits after epoch \(epoch) for its rung"
        case .interrupted: "interrupted"
        case .skipped: "skipped: done or claimed elsewhere"
        case .databaseFailed(let started): started ? "stopped: the database failed" : "not started: the database failed"
        }
    }

    private static func describe(_ best: BestEpoch) -> String {
        if let validation = best.validationAccuracy {
            return String(format: "best validation %.4f (epoch %d), test %.4f", validation, best.epoch, best.testAccuracy)
        }
        return String(format: "best test %.4f (epoch %d, chosen on the test set)", best.testAccuracy, best.epoch)
    }

    func message(_ text: String) {
        guard !quiet else { return }
        state.withLock { _ in
            write((live ? "\r\u{1B}[K" : "") + text + "\n")
        }
    }

    /// Clears the live line before the final report.
    func close() {
        guard !quiet, live else { return }
        state.withLock { _ in write("\r\u{1B}[K") }
    }

    @discardableResult
    private func update<Result>(force: Bool = false, _ change: (inout State) -> Result) -> Result {
        state.withLock { state in
            let result = change(&state)
            defer { redraw(&state, force: force) }
            return result
        }
    }

    private func redraw(_ state: inout State, force: Bool) {
        guard !quiet, live else { return }
        let now = clock.now
        if !force, let last = state.lastDraw, now - last < .milliseconds(100) { return }
        state.lastDraw = now
        let runs = state.active.sorted { $0.key < $1.key }
            .map { "\($0.value.label) \($0.value.epoch)/\($0.value.epochs)" }
            .joined(separator: " | ")
        var line = "[\(state.finishedRuns)/\(totalRuns) runs] \(runs)  \(timing(state))"
        if let width = terminalWidth(), line.count > width { line = String(line.prefix(width - 1)) }
        write("\r\u{1B}[K" + line)
    }

    private func timing(_ state: State) -> String {
        let elapsed = (clock.now - start) / .seconds(1)
        var text = "elapsed \(formatDuration(elapsed))"
        if state.finishedEpochs > 0, totalEpochs > state.finishedEpochs {
            let remaining = elapsed / Double(state.finishedEpochs) * Double(totalEpochs - state.finishedEpochs)
            text += "  ETA \(formatDuration(remaining))"
        }
        return text
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    private func terminalWidth() -> Int? {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}

/// `42s`, `3m05s`, `1h02m`.
func formatDuration(_ seconds: Double) -> String {
    let total = Int(seconds.rounded())
    if total < 60 { return "\(total)s" }
    if total < 3600 { return String(format: "%dm%02ds", total / 60, total % 60) }
    return String(format: "%dh%02dm", total / 3600, total % 3600 / 60)
}
