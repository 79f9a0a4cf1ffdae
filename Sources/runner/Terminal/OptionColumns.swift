import Backprop
import Datasets
import Experiments
import Sweep

/// The `--dry-run` columns of the validation set and Nielsen's chapter-3
/// options: one for each that some listed run sets to other than its
/// default (the runs whose identity it enters), so that an experiment
/// without them lists as it always has.
///
/// ```text
/// #  layers     eta  epochs  batch  init    train   test  validation  cost           l2  seed  status  config_hash
/// -  ---------  ---  ------  -----  ------  -----  -----  ----------  -------------  --  ----  ------  ------------
/// 1  784-30-10  0.5      30     10  scaled  55000  10000        5000  cross_entropy   5     1  new     0db775adafe5
/// ```
struct OptionColumns {
    private struct Column: Sendable {
        let name: String
        let text: @Sendable (RunSpec) -> String
        let isDefault: @Sendable (RunSpec) -> Bool
    }

    private static let all = [
        Column(name: "validation", text: { String($0.validationLimit) }) {
            $0.validationLimit == Dataset.nielsenValidationLimit
        },
        Column(name: "cost", text: { $0.training.cost.rawValue }) { $0.training.cost == .quadratic },
        Column(name: "l2", text: { String($0.training.l2) }) { $0.training.l2 == 0 },
        Column(name: "momentum", text: { String($0.training.momentum) }) { $0.training.momentum == 0 },
        Column(name: "patience", text: { $0.training.patience.map(String.init) ?? "-" }) {
            $0.training.patience == nil
        },
        Column(name: "eta_halving", text: { $0.training.etaHalving.map(String.init) ?? "-" }) {
            $0.training.etaHalving == nil
        },
    ]

    private let shown: [Column]

    init(_ runs: [RunSpec]) {
        shown = Self.all.filter { column in runs.contains { !column.isDefault($0) } }
    }

    var names: [String] { shown.map(\.name) }

    func cells(_ run: RunSpec) -> [String] { shown.map { $0.text(run) } }
}
