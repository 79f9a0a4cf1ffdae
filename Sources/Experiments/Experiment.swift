import Backprop
import Datasets
import Foundation
import Yams

/// An experiment file, validated and expanded into the runs it asks for.
///
/// An experiment file is a YAML mapping (the key names are a public contract):
///
/// ```yaml
/// name: eta
/// description: Learning rate against accuracy for Nielsen's chapter-1 network
/// dataset: mnist
/// layers: [784, 30, 10]
/// epochs: 30
/// batch: 10
/// seeds: [1, 2, 3]
/// grid:
///   eta: [0.025, 0.25, 1.0, 3.0, 10.0, 100.0]
/// ```
///
/// | key | type | default | constraints |
/// |---|---|---|---|
/// | `name` | string | required | 1–100 ASCII letters, digits, `-`, `_`, `.`; starts with a letter or digit (it names CSV files) |
/// | `description` | string | `""` | |
/// | `dataset` | string | `mnist` | `mnist` or a directory of IDX files; must exist |
/// | `train_limit` | integer | 50000, or the whole training split if smaller | 1 … examples in the training split |
/// | `validation_limit` | integer | 10000, or what the training split leaves after `train_limit` if less | 0 (none) … examples the training split leaves after `train_limit`; taken from its end |
/// | `test_limit` | integer | 10000, or the whole test split if smaller | 1 … examples in the test split |
/// | `layers` | list of integers | required | ≥ 2 sizes, each ≥ 1; first = the dataset's input size, last = its class count |
/// | `eta` | number | required | finite, > 0 |
/// | `epochs` | integer | required | ≥ 1 |
/// | `batch` | integer | required | ≥ 1 (mini-batch size) |
/// | `init` | `normal` or `scaled` | `normal` | |
/// | `cost` | `quadratic`, `cross_entropy` or `log_likelihood` | `quadratic` | `log_likelihood` is a softmax output layer |
/// | `l2` | number | 0 | finite, ≥ 0 (λ; weights only, n = `train_limit`) |
/// | `momentum` | number | 0 | 0 ≤ μ < 1 |
/// | `patience` | integer | none | ≥ 1; needs a validation set |
/// | `eta_halving` | integer | none | ≥ 1; needs a validation set |
/// | `seeds` | list of integers | `[1]` | non-empty, each ≥ 0, no repeats |
/// | `grid` | mapping of key → list | none | keys among `layers`, `eta`, `epochs`, `batch`, `init`, `train_limit`, `validation_limit`, `cost`, `l2`, `momentum`, `patience`, `eta_halving`; each list non-empty with no repeats (for `layers`, a list of lists); a key may not also be given at top level |
/// | `sample` | mapping of key → distribution | none | grid keys and `hidden` (the single hidden layer's size); `{uniform: [lo, hi]}`, `{log_uniform: [lo, hi]}`, `{int_uniform: [lo, hi]}` or `{choice: [...]}`; a key may not also be given at top level or in `grid` |
/// | `samples` | integer | required with `sample` | 1 … 100000 |
/// | `sampler` | `random` or `sobol` | `random` | |
/// | `sampler_seed` | integer | first 8 bytes of SHA-256(`name`), big-endian | ≥ 0 |
/// | `early_stop` | mapping | none | ``EarlyStop``: `method` (required), `metric`, `min_epochs` (≤ `epochs`), `reduction` (≥ 2); `epochs` then at top level only |
///
/// `layers`, `eta`, `epochs` and `batch` must each be given at top level, in `grid` or in `sample`.
/// Integers must be written as integers (`30`, not `30.0` or `"30"`).
///
/// The runs are the cartesian product of the grid's lists, times the seeds,
/// in a fixed order: grid keys `layers`, `eta`, `epochs`, `batch`, `init`,
/// `train_limit`, `validation_limit`, `cost`, `l2`, `momentum`, `patience`,
/// `eta_halving` from outermost to innermost whatever their order in the file,
/// each list's values in file order, then the sampled points in order, and
/// seeds innermost in file order. Sampled reals are rounded to 4 significant
/// digits, and point i depends only on the sampler, the seed, the `sample`
/// mapping and i, so raising `samples` keeps the earlier points.
/// Top-level values are copied into every run.
///
/// Files over 1 MiB, tab indentation, YAML anchors and aliases, nesting deeper
/// than 32 levels, duplicated keys and multiple documents are refused. Every
/// problem is an ``ExperimentError`` with the line and column of the offending
/// node, and all of them are thrown at once as ``ExperimentErrors``.
///
/// ``Override``s (`--set KEY=VALUE`) change the experiment as if the file
/// said so. They name it `NAME+` and a hash of the overrides (unless one sets
/// `name`), and are listed in ``spec``.
public struct Experiment: Sendable {
    public let name: String
    public let description: String
    /// The file as given to ``load(path:overrides:datasetShape:)``.
    public let path: String
    /// The file's text.
    public let source: String
    /// Hex SHA-256 of the file's bytes (UTF-8).
    public let sourceSHA256: String
    /// The overrides applied, one `KEY=VALUE` each, sorted by key, their
    /// values' spacing and quoting made uniform: `grid.eta=[1,3]`.
    public let overrides: [String]
    /// What the experiment is, stored with results as `spec_yaml`: the file's
    /// text, followed, when there are overrides, by a comment block listing
    /// them (`# --set epochs=1`).
    public let spec: String
    /// Hex SHA-256 of ``spec``: tells one version of an experiment from another.
    public let specSHA256: String
    /// As written: `mnist` or a directory path.
    public let dataset: String
    /// In expansion order (see the type's documentation).
    public let runs: [RunSpec]
    /// The keys that vary, in expansion order, for display: `[.eta]`.
    public let gridKeys: [GridKey]
    /// How the runs stop early, from `early_stop`; nil without the key.
    /// Every run then has a ``RunSpec/search`` naming this experiment.
    public let earlyStop: EarlyStop?

    /// Reads, validates and expands an experiment file, with `overrides` applied.
    ///
    /// `datasetShape` looks up a dataset by its `dataset` value: nil when it does
    /// not exist; an error it throws is reported at the `dataset` key.
    ///
    /// ```swift
    /// let experiment = try Experiment.load(path: "experiments/eta.yaml", overrides: [Override("epochs=1")]) { name in
    ///     name == "mnist" ? DatasetShape(featureCount: 784, classCount: 10,
    ///                                    trainCount: 60_000, testCount: 10_000) : nil
    /// }
    /// for run in experiment.runs { … }
    /// ```
    ///
    /// - Throws: ``ExperimentErrors`` with every problem found.
    public static func load(
        path: String, overrides: [Override] = [], datasetShape: (String) throws -> DatasetShape?
    ) throws -> Experiment {
        let source: String
        do {
            let bytes = try readBytes(path: path)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                let (line, column) = firstInvalidUTF8(in: bytes)
                throw ExperimentError(file: path, line: line, column: column, key: nil, message: "the file is not valid UTF-8")
            }
            source = text
        } catch let error as ExperimentError {
            throw ExperimentErrors(file: path, problems: [error])
        }
        return try parse(yaml: source, path: path, overrides: overrides, datasetShape: datasetShape)
    }

    /// Validates and expands an experiment given as text, with `overrides`
    /// applied; `path` names it in errors.
    ///
    /// - Throws: ``ExperimentErrors`` with every problem found.
    public static func parse(
        yaml: String, path: String, overrides: [Override] = [], datasetShape: (String) throws -> DatasetShape?
    ) throws -> Experiment {
        let root: Node
        do {
            root = try ExperimentDocument.compose(yaml, file: path)
        } catch let error as ExperimentError {
            throw ExperimentErrors(file: path, problems: [error])
        }
        let problems = ProblemLog(file: path, overrideLabels: overrides.map(\.description))
        let parsedOverrides = ParsedOverride.parse(overrides, problems: problems)
        let definition = try withoutActuallyEscaping(datasetShape) { datasetShape in
            try ExperimentParser(
                reader: FieldReader(file: path, problems: problems), overrides: parsedOverrides,
                datasetShape: datasetShape
            ).parse(root)
        }
        let spec = parsedOverrides.spec(source: yaml)
        let name = parsedOverrides.experimentName(definition.name)
        return Experiment(
            name: name,
            description: definition.description,
            path: path,
            source: yaml,
            sourceSHA256: Checksum.sha256Hex(of: Array(yaml.utf8)),
            overrides: parsedOverrides.canonical,
            spec: spec,
            specSHA256: Checksum.sha256Hex(of: Array(spec.utf8)),
            dataset: definition.dataset,
            runs: definition.runs(experiment: name),
            gridKeys: definition.gridKeys,
            earlyStop: definition.earlyStop)
    }

    /// Reads at most one byte past the limit, so a huge file or a device
    /// such as /dev/zero cannot exhaust memory before the size check.
    private static func readBytes(path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ExperimentError(
                file: path, line: 0, column: 0, key: nil, message: "is a directory; name an experiment file (YAML) in it")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ExperimentError(
                file: path, line: 0, column: 0, key: nil, message: "cannot open the file: it does not exist or is not readable")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: SourceScreen.maximumBytes + 1) ?? Data()
        } catch {
            throw ExperimentError(file: path, line: 0, column: 0, key: nil, message: "cannot read the file: \(error)")
        }
        if data.count > SourceScreen.maximumBytes {
            throw SourceScreen.tooLarge(file: path)
        }
        return Array(data)
    }

    private static func firstInvalidUTF8(in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while case let .valid(encoded) = parser.parseScalar(from: &iterator) {
            if encoded.first == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}

extension ExperimentDefinition {
    /// The cartesian product in the documented order: each grid key in turn,
    /// in `GridKey.allCases` order, multiplies the runs chosen so far by its
    /// values, so earlier keys vary slowest; then the sampled points, then
    /// the seeds, fastest of all. A key left off (`patience`, `eta_halving`)
    /// is nil; the default `validation_limit` depends on the run's
    /// `train_limit`, which a point may choose, so it comes last.
    /// `experiment` names the search of each run under early stopping.
    func runs(experiment: String) -> [RunSpec] {
        let search = earlyStop.map { RunSearch(experiment: experiment, earlyStop: $0) }
        var chosen: [[GridKey: SettingValue]] = [[:]]
        for key in GridKey.allCases {
            guard let given = values[key] else { continue }
            chosen = chosen.flatMap { run in
                given.map { value in
                    var run = run
                    run[key] = value
                    return run
                }
            }
        }
        let points = sampling?.points() ?? [[:]]
        return chosen.flatMap { combination in
            points.flatMap { point in
                var run = combination.merging(point) { _, sampled in sampled }
                if run[.validationLimit] == nil, let trainLimit = run[.trainLimit]?.integer {
                    run[.validationLimit] = .integer(ExperimentParser.defaultValidationLimit(
                        trainingExamples: trainingExamples, trainLimit: trainLimit))
                }
                return seeds.map { seed in runSpec(run, seed: seed, search: search) }
            }
        }
    }

    /// Validation guarantees every key with no default is in `run`.
    private func runSpec(_ run: [GridKey: SettingValue], seed: UInt64, search: RunSearch?) -> RunSpec {
        let training = TrainingConfiguration(
            layers: run[.layers]?.layers ?? [], eta: run[.eta]?.number ?? 0, epochs: run[.epochs]?.integer ?? 0,
            batchSize: run[.batch]?.integer ?? 0, initialization: run[.initialization]?.initialization ?? .normal,
            seed: seed, cost: run[.cost]?.cost ?? .quadratic, l2: run[.l2]?.number ?? 0,
            momentum: run[.momentum]?.number ?? 0, patience: run[.patience]?.integer,
            etaHalving: run[.etaHalving]?.integer)
        return RunSpec(
            dataset: dataset, trainLimit: run[.trainLimit]?.integer ?? 0,
            validationLimit: run[.validationLimit]?.integer ?? 0, testLimit: testLimit, training: training,
            search: search)
    }
}

extension SettingValue {
    var integer: Int? {
        if case let .integer(value) = self { value } else { nil }
    }

    var number: Double? {
        if case let .number(value) = self { value } else { nil }
    }

    var layers: [Int]? {
        if case let .layers(value) = self { value } else { nil }
    }

    var initialization: Initialization? {
        if case let .initialization(value) = self { value } else { nil }
    }

    var cost: CostFunction? {
        if case let .cost(value) = self { value } else { nil }
    }
}
