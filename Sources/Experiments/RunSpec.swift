import Backprop
import Datasets

/// One training run of an experiment: a configuration, the data it trains on
/// and how much of that data it uses.
///
/// A run's identity is ``configHash(datasetChecksum:)``: two runs with the same
/// hash produce the same numbers, whatever experiment they came from.
///
/// ```swift
/// let run = RunSpec(dataset: "mnist", trainLimit: 50_000, testLimit: 10_000,
///                   training: TrainingConfiguration(layers: [784, 30, 10], eta: 3.0,
///                                                   epochs: 30, batchSize: 10, seed: 1))
/// let id = run.configHash(datasetChecksum: checksum)
/// ```
public struct RunSpec: Hashable, Sendable, Codable {
    /// The dataset as written in the experiment file: `mnist` or a directory path.
    public var dataset: String
    /// Training examples used, taken from the start of the training split.
    public var trainLimit: Int
    /// Validation examples evaluated after each epoch, taken from the end of
    /// the training split (MNIST's 50,000–59,999 by default); 0 is none.
    public var validationLimit: Int
    /// Test examples evaluated, taken from the start of the test split.
    public var testLimit: Int
    public var training: TrainingConfiguration
    /// The search the run belongs to when its experiment stops runs early;
    /// nil otherwise. Early stopping decides a run's epochs from the other
    /// runs of its experiment, so such a run belongs to its search and must
    /// not be shared with another experiment: the search is part of its
    /// identity (see ``canonicalJSON(datasetChecksum:)``).
    public var search: RunSearch?

    public init(
        dataset: String, trainLimit: Int, validationLimit: Int = Dataset.nielsenValidationLimit, testLimit: Int,
        training: TrainingConfiguration, search: RunSearch? = nil
    ) {
        self.dataset = dataset
        self.trainLimit = trainLimit
        self.validationLimit = validationLimit
        self.testLimit = testLimit
        self.training = training
        self.search = search
    }

    /// Which arithmetic a run's numbers come from; part of the canonical form,
    /// so runs of two versions never share a hash. Bump it whenever the same
    /// configuration would give different bits, or the canonical form changes.
    ///
    /// - 1: matrix products through OpenBLAS, whose kernel family (chosen from
    ///   the CPU) set the summation order, so the last bits depended on the CPU.
    /// - 2: the runner's own kernels, which sum in one fixed order on every
    ///   CPU, so a configuration has one set of bits everywhere.
    public static let hashVersion = 2

    /// Canonical JSON of everything that changes the run's numbers; stored as `params_json`.
    ///
    /// Keys are sorted and there is no whitespace. `eta` is Swift's shortest
    /// round-trip text for the Double (`3.0`, `0.025`, `1e-05`), so it must be
    /// finite, as validation guarantees. The dataset enters only through its
    /// checksum, never its name or path, and the experiment's name is absent,
    /// so the same run reached from two experiments or two copies of the data
    /// has one identity:
    ///
    /// ```text
    /// {"batch_size":10,"dataset_checksum":"ab12…","epochs":30,"eta":3.0,"hash_version":2,
    ///  "init":"normal","layers":[784,30,10],"seed":1,"test_size":10000,"train_size":50000}
    /// ```
    /// (shown wrapped; the real text is one line).
    ///
    /// The chapter-3 options and the validation set enter only when they
    /// differ from their defaults (`cost`, `l2`, `momentum`, `patience`,
    /// `eta_halving`, `validation_size`), so every configuration that existed
    /// before them keeps its identity.
    ///
    /// A run under early stopping adds its ``search``, and so is a run of
    /// that experiment alone: early stopping decides its epochs from the
    /// other runs of its experiment, so it must not be shared with another.
    /// Without one nothing is added, and every other run keeps its identity:
    ///
    /// ```text
    /// "search":{"experiment":"eta","method":"successive_halving","metric":"validation_accuracy",
    ///           "min_epochs":1,"reduction":3}
    /// ```
    public func canonicalJSON(datasetChecksum: String) -> String {
        var fields: [(key: String, json: String)] = [
            ("batch_size", String(training.batchSize)),
            ("dataset_checksum", jsonString(datasetChecksum)),
            ("epochs", String(training.epochs)),
            ("eta", String(training.eta)),
            ("hash_version", String(Self.hashVersion)),
            ("init", jsonString(training.initialization.rawValue)),
            ("layers", "[" + training.layers.map(String.init).joined(separator: ",") + "]"),
            ("seed", String(training.seed)),
            ("test_size", String(testLimit)),
            ("train_size", String(trainLimit)),
        ]
        if training.cost != .quadratic { fields.append(("cost", jsonString(training.cost.rawValue))) }
        if training.l2 != 0 { fields.append(("l2", String(training.l2))) }
        if training.momentum != 0 { fields.append(("momentum", String(training.momentum))) }
        if let patience = training.patience { fields.append(("patience", String(patience))) }
        if let window = training.etaHalving { fields.append(("eta_halving", String(window))) }
        if validationLimit != Dataset.nielsenValidationLimit {
            fields.append(("validation_size", String(validationLimit)))
        }
        if let search { fields.append(("search", search.canonicalJSON)) }
        let members = fields.sorted { $0.key < $1.key }.map { "\(jsonString($0.key)):\($0.json)" }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// Hex SHA-256 of ``canonicalJSON(datasetChecksum:)``: the run's identity (`config_hash`).
    public func configHash(datasetChecksum: String) -> String {
        Checksum.sha256Hex(of: Array(canonicalJSON(datasetChecksum: datasetChecksum).utf8))
    }
}

/// A JSON string literal; escapes what RFC 8259 requires and nothing else,
/// so the output is stable.
func jsonString(_ value: String) -> String {
    var text = "\""
    for scalar in value.unicodeScalars {
        switch scalar {
        case "\"": text += "\\\""
        case "\\": text += "\\\\"
        case "\n": text += "\\n"
        case "\r": text += "\\r"
        case "\t": text += "\\t"
        case _ where scalar.value < 0x20:
            let hex = String(scalar.value, radix: 16)
            text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: text.unicodeScalars.append(scalar)
        }
    }
    return text + "\""
}
