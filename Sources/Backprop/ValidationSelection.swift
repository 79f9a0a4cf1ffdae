/// Nielsen's chapter-3 rules for ending or slowing training, on validation
/// accuracy alone: `patience` (stop after N epochs without a new best) and
/// `etaHalving` (halve η after each N epochs without a new best, and stop
/// once η has fallen to 1/128 of its start).
struct ValidationSelection: Equatable, Sendable {
    enum Verdict: Equatable {
        case proceed
        case halveEta
        case stop(reason: String)
    }

    /// Nielsen stops his schedule when η reaches η₀/128: after 7 halvings.
    static let halvings = 7
    // Not private: a checkpoint carries them.
    var best = -Double.infinity
    /// Epochs since the last new best.
    var stale = 0
    /// Epochs since the last new best or halving, whichever came later.
    var staleSinceHalving = 0
    var halvingsDone = 0

    /// Takes one epoch's validation accuracy; says what training does next.
    /// A tie with the best is not a new best.
    mutating func record(accuracy: Double, configuration: TrainingConfiguration) -> Verdict {
        if accuracy > best {
            best = accuracy
            stale = 0
            staleSinceHalving = 0
        } else {
            stale += 1
            staleSinceHalving += 1
        }
        if let patience = configuration.patience, stale >= patience {
            return .stop(reason: "no new best validation accuracy in \(patience) epoch\(patience == 1 ? "" : "s")")
        }
        if let window = configuration.etaHalving, staleSinceHalving >= window {
            staleSinceHalving = 0
            halvingsDone += 1
            if halvingsDone >= Self.halvings { return .stop(reason: "eta fell to 1/128 of its start") }
            return .halveEta
        }
        return .proceed
    }
}
