import Results

/// A run's settings as the reports name them, so that the progress lines,
/// the runs a sweep names as failed, `runner list NAME`, `list --orphans`
/// and `slurm status` tell runs apart the same way: by every setting that
/// varies among the runs beside them. Numbers print as Swift's shortest
/// round-trip text (`3.0`, `0.025`), as the database and the CSVs have them.
///
/// ```text
/// 784-30-10 eta=3.0 train=1000 validation=500 seed=1
/// ```
enum RunSetting: String, CaseIterable {
    case layers, eta, epochs, batch
    case initialization = "init"
    case dataset, train, validation, test, cost, l2, momentum, patience
    case etaHalving = "eta_halving"

    /// The setting's value; nil for an option that is off (`patience`,
    /// `eta_halving`) and for the validation set of a run stored before
    /// validation sets were recorded.
    func value(of run: RunRecord) -> String? {
        switch self {
        case .layers: RunRecord.layersText(run.layers)
        case .eta: String(run.eta)
        case .epochs: String(run.epochs)
        case .batch: String(run.batchSize)
        case .initialization: run.initialization
        case .dataset: run.dataset
        case .train: String(run.trainLimit)
        case .validation: run.validationLimit.map(String.init)
        case .test: String(run.testLimit)
        case .cost: run.cost
        case .l2: String(run.l2)
        case .momentum: String(run.momentum)
        case .patience: run.patience.map(String.init)
        case .etaHalving: run.etaHalving.map(String.init)
        }
    }

    /// The settings in which some of `runs` differ, in this order. A
    /// setting the experiment file leaves to its default can vary too: a
    /// grid over `train_limit` changes the validation set it leaves.
    static func varying(among runs: [RunRecord]) -> [RunSetting] {
        allCases.filter { setting in Set(runs.map { setting.value(of: $0) }).count > 1 }
    }

    /// `784-30-10 eta=3.0 seed=1`: the layers bare, the other settings
    /// named, then the seed, which always tells a run from its neighbours.
    static func label(_ run: RunRecord, showing settings: [RunSetting]) -> String {
        let parts = settings.map { setting in
            let value = setting.value(of: run) ?? "none"
            return setting == .layers ? value : "\(setting.rawValue)=\(value)"
        }
        return (parts + ["seed=\(run.seed)"]).joined(separator: " ")
    }
}
