/// How an experiment stops its unpromising runs early: the file's
/// `early_stop` key. `epochs` is then the most any run trains; at each rung
/// epoch (``rungEpochs(epochs:)``) the runs that reached it are ranked by
/// ``metric`` and ``method`` decides which go on.
///
/// ```yaml
/// early_stop: {method: successive_halving, metric: validation_accuracy, min_epochs: 1, reduction: 3}
/// ```
///
/// ```swift
/// let stop = EarlyStop(method: .successiveHalving)
/// stop.rungEpochs(epochs: 30)  // [1, 3, 9, 27]
/// ```
public struct EarlyStop: Hashable, Sendable, Codable {
    /// How the runs at a rung are chosen between; its raw value is the file's spelling.
    public enum Method: String, CaseIterable, Sendable, Codable {
        /// Promotes the best 1/``EarlyStop/reduction`` of the runs at each
        /// rung (at least one) to the next, and prunes the rest.
        case successiveHalving = "successive_halving"
        /// Successive halving in brackets that start at different rungs,
        /// each run's bracket fixed by its identity.
        case hyperband
        /// Prunes a run whose metric at a rung is worse than the median of
        /// the runs that reached it.
        case median
    }

    /// What the runs are ranked by; its raw value is the file's spelling.
    /// The test set is not among them: it never chooses.
    public enum Metric: String, CaseIterable, Sendable, Codable {
        case validationAccuracy = "validation_accuracy"
        case validationCost = "validation_cost"
        case trainCost = "train_cost"

        /// Whether a larger value ranks a run higher: only for accuracy.
        public var higherIsBetter: Bool {
            self == .validationAccuracy
        }

        /// Whether every run needs a validation set (`validation_limit` > 0).
        public var needsValidationSet: Bool {
            switch self {
            case .validationAccuracy, .validationCost: true
            case .trainCost: false
            }
        }
    }

    /// Required in the file.
    public var method: Method
    /// `validation_accuracy` unless the file says otherwise.
    public var metric: Metric
    /// The first rung: no run is stopped before it. File key `min_epochs`, default 1.
    public var minEpochs: Int
    /// The factor between rungs, and the share of runs a rung keeps under
    /// successive halving (1/reduction). At least 2; default 3.
    public var reduction: Int

    /// The file's defaults for the keys it may leave out.
    public init(method: Method, metric: Metric = .validationAccuracy, minEpochs: Int = 1, reduction: Int = 3) {
        self.method = method
        self.metric = metric
        self.minEpochs = minEpochs
        self.reduction = reduction
    }

    /// Encoded with the file's key names, so stored configurations read like the file.
    enum CodingKeys: String, CodingKey {
        case method, metric
        case minEpochs = "min_epochs"
        case reduction
    }

    /// The epochs at which runs are ranked: minEpochs · reduction^k,
    /// k = 0, 1, …, those below `epochs` (at `epochs` every run has finished,
    /// so there is nothing left to stop).
    ///
    /// min 1, reduction 3: epochs 27 → `[1, 3, 9]`; epochs 30 → `[1, 3, 9, 27]`;
    /// `minEpochs == epochs` → `[]`. Empty too for a `minEpochs` < 1 or a
    /// `reduction` < 2, which validation refuses.
    public func rungEpochs(epochs: Int) -> [Int] {
        guard minEpochs >= 1, reduction >= 2 else { return [] }
        var rungs: [Int] = []
        var rung = minEpochs
        while rung < epochs {
            rungs.append(rung)
            let (next, overflow) = rung.multipliedReportingOverflow(by: reduction)
            if overflow { break }
            rung = next
        }
        return rungs
    }
}

/// What makes a run under early stopping a run of its own search: early
/// stopping decides a run's epochs from the other runs of its experiment, so
/// the same configuration in another experiment, or under another
/// `early_stop`, is another run, and its results are never shared.
///
/// ```swift
/// let search = RunSearch(experiment: "eta", earlyStop: EarlyStop(method: .hyperband))
/// ```
public struct RunSearch: Hashable, Sendable, Codable {
    /// The experiment's name, as ``Experiment/name`` (with its overrides' hash).
    public var experiment: String
    public var earlyStop: EarlyStop

    public init(experiment: String, earlyStop: EarlyStop) {
        self.experiment = experiment
        self.earlyStop = earlyStop
    }

    /// The `search` member of ``RunSpec/canonicalJSON(datasetChecksum:)``:
    /// keys sorted, no whitespace.
    var canonicalJSON: String {
        let members: [(String, String)] = [
            ("experiment", jsonString(experiment)),
            ("method", jsonString(earlyStop.method.rawValue)),
            ("metric", jsonString(earlyStop.metric.rawValue)),
            ("min_epochs", String(earlyStop.minEpochs)),
            ("reduction", String(earlyStop.reduction)),
        ]
        return "{" + members.map { "\(jsonString($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }
}
