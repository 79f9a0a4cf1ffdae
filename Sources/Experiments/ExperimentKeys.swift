/// The keys allowed at the top of an experiment file. Their spelling is a
/// public contract: files in the wild use them.
enum TopLevelKey: String, CaseIterable {
    case name, description, dataset
    case trainLimit = "train_limit"
    case validationLimit = "validation_limit"
    case testLimit = "test_limit"
    case layers, eta, epochs, batch
    case initialization = "init"
    case cost, l2, momentum, patience
    case etaHalving = "eta_halving"
    case seeds, grid
    case sample, samples, sampler
    case samplerSeed = "sampler_seed"
    case earlyStop = "early_stop"
}

/// The keys that may vary in `grid`, in expansion order (outermost first).
public enum GridKey: String, CaseIterable, Sendable {
    case layers, eta, epochs, batch
    case initialization = "init"
    case trainLimit = "train_limit"
    // Nielsen's chapter 3. Innermost, so that every file written before
    // them expands in the same order as it did.
    case validationLimit = "validation_limit"
    case cost, l2, momentum, patience
    case etaHalving = "eta_halving"

    /// The keys with no default: each must be given at top level or in `grid`.
    static let required: [GridKey] = [.layers, .eta, .epochs, .batch]
}

/// The closest candidate within edit distance 2, for "did you mean" hints;
/// ties go to the earlier candidate.
func suggestion(for word: String, among candidates: [String]) -> String? {
    let scored = candidates.map { (candidate: $0, distance: editDistance(word, $0)) }
    guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= 2 else { return nil }
    return best.candidate
}

/// Levenshtein distance over Unicode scalars.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars)
    let b = Array(b.unicodeScalars)
    guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        previous = current
    }
    return previous[b.count]
}
