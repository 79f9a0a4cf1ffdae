import Backprop
import Datasets
import Yams

/// One value a grid key takes, already checked against everything but the dataset.
enum SettingValue: Hashable {
    case integer(Int)
    case number(Double)
    case layers([Int])
    case initialization(Initialization)
    case cost(CostFunction)
}

/// A setting's value and where the file wrote it.
struct Located {
    let key: GridKey
    let value: SettingValue
    let field: Field
}

/// An experiment file validated but not yet expanded: each grid key's values
/// in file order (one value when given at top level or defaulted).
struct ExperimentDefinition {
    var name: String
    var description: String
    var dataset: String
    var values: [GridKey: [SettingValue]]
    var gridKeys: [GridKey]
    var testLimit: Int
    /// The dataset's training split, for each run's default `validation_limit`.
    var trainingExamples: Int
    var seeds: [UInt64]
    /// The points drawn inside each combination of the grid, if the file samples.
    var sampling: Sampling?
    var earlyStop: EarlyStop?
}

/// Walks a composed experiment file, with its overrides applied, checking
/// every key and value and then the rules that span keys (required keys, the
/// dataset's shape), and records every problem rather than stopping at the
/// first. A rule that spans keys is checked only when the values it reads
/// are valid, so that one mistake is reported once.
struct ExperimentParser {
    let reader: FieldReader
    let overrides: [ParsedOverride]
    let datasetShape: (String) throws -> DatasetShape?

    var problems: ProblemLog { reader.problems }

    static let defaultDataset = "mnist"
    static let defaultSeeds: [UInt64] = [1]

    /// What the keys of a file hold, as far as they could be read.
    struct Keys {
        var name: String?
        var description = ""
        var dataset: (name: String, field: Field)?
        var testLimit: (value: Int, field: Field)?
        var seeds: [UInt64]?
        /// Every valid value of the grid keys, at top level or in grid.
        var settings: [Located] = []
        /// The grid keys given at top level, valid or not, by key field.
        var topLevel: [GridKey: Field] = [:]
        /// The keys of grid, valid or not, in file order.
        var grid: [(key: GridKey, keyField: Field)] = []
        /// Top-level and grid key names given, valid or not, and those that
        /// an unknown key's suggestion or a key misplaced in grid stands for:
        /// none of them is reported missing.
        var given: Set<String> = []
        /// Grid keys with a problem in some value: the rules that read them are not checked.
        var invalid: Set<GridKey> = []
        /// Whether `grid` is not a mapping, so which keys it holds is unknown.
        var gridUnreadable = false
        var sampling = SamplingKeys()
        var earlyStop = EarlyStopKeys()
    }

    /// The validated experiment.
    ///
    /// - Throws: ``ExperimentErrors`` with every problem found.
    func parse(_ root: Node) throws -> ExperimentDefinition {
        let rootField = Field(node: root, path: "")
        guard root.mapping != nil else {
            throw ExperimentErrors(file: reader.file, problems: [ExperimentError(
                file: reader.file, mark: root.mark, key: nil,
                message: "an experiment file must be a mapping of keys to values, got \(describe(root))")])
        }
        var keys = readKeys(rootField)
        checkAcrossKeys(&keys, root: root)
        let datasetName = keys.dataset?.name ?? Self.defaultDataset
        let datasetField = keys.dataset?.field ?? Field(node: root, path: "dataset")
        // A dataset given but invalid has no shape to check against.
        let shape = keys.given.contains(TopLevelKey.dataset.rawValue) && keys.dataset == nil
            ? nil : self.shape(of: datasetName, at: datasetField)
        if let shape {
            check(&keys, against: shape, datasetName: datasetName)
        }
        try problems.throwIfAny()
        // Without a problem, the name and the dataset were read.
        guard let name = keys.name, let shape else { preconditionFailure("validation passed without a name or a dataset") }

        // Without a value, `patience` and `eta_halving` are off and
        // `validation_limit` depends on each run's `train_limit` (see `runs()`).
        var values: [GridKey: [SettingValue]] = [
            .initialization: [.initialization(.normal)],
            .trainLimit: [.integer(min(Dataset.nielsenTrainLimit, shape.trainCount))],
            .cost: [.cost(.quadratic)],
            .l2: [.number(0)],
            .momentum: [.number(0)],
        ]
        let gridKeys = Set(keys.grid.map(\.key))
        let sampledKeys = Set(keys.sampling.declarations.compactMap { entry -> GridKey? in
            if case let .setting(key) = entry.declaration.key { key } else { nil }
        })
        for setting in keys.settings where !gridKeys.contains(setting.key) && !sampledKeys.contains(setting.key) {
            values[setting.key] = [setting.value]
        }
        for key in gridKeys {
            values[key] = keys.settings.filter { $0.key == key }.map(\.value)
        }
        for key in sampledKeys {
            values[key] = nil
        }
        return ExperimentDefinition(
            name: name, description: keys.description, dataset: datasetName, values: values,
            gridKeys: GridKey.allCases.filter(gridKeys.contains),
            testLimit: keys.testLimit?.value ?? min(Dataset.nielsenTestLimit, shape.testCount),
            trainingExamples: shape.trainCount, seeds: keys.seeds ?? Self.defaultSeeds,
            sampling: sampling(keys, name: name), earlyStop: keys.earlyStop.value)
    }

    /// Validation guarantees `samples` beside `sample`, and top-level
    /// `layers` beside a sampled `hidden`.
    private func sampling(_ keys: Keys, name: String) -> Sampling? {
        guard keys.sampling.sampleKey != nil, let count = keys.sampling.count else { return nil }
        let layers = topLevelLayers(keys)?.value.layers
        return Sampling(
            declarations: keys.sampling.declarations.map(\.declaration), count: count,
            sampler: keys.sampling.sampler ?? .random, seed: keys.sampling.seed ?? Sampling.defaultSeed(name: name),
            layerEnds: layers.flatMap { sizes in sizes.first.map { ($0, sizes[sizes.count - 1]) } })
    }

    /// Every top-level key and its value, and grid's, in file order.
    private func readKeys(_ rootField: Field) -> Keys {
        var keys = Keys()
        let fileEntries = (try? reader.entries(rootField, expected: "a mapping")) ?? []
        var sawGrid = false
        for entry in rootEntries(fileEntries) {
            guard let key = TopLevelKey(rawValue: entry.name) else {
                problems.record(unknownKey(entry, kind: "key", candidates: TopLevelKey.allCases.map(\.rawValue)))
                if let meant = suggestion(for: entry.name, among: TopLevelKey.allCases.map(\.rawValue)) {
                    keys.given.insert(meant)
                }
                continue
            }
            keys.given.insert(key.rawValue)
            switch key {
            case .name:
                keys.name = problems.attempt { try name(entry.value) }
            case .description:
                keys.description = problems.attempt { try reader.text(entry.value) } ?? ""
            case .dataset:
                keys.dataset = problems.attempt {
                    let text = try reader.text(entry.value)
                    guard !text.isEmpty else { throw reader.error(entry.value, "dataset must not be empty") }
                    return (text, entry.value)
                }
            case .testLimit:
                keys.testLimit = problems.attempt {
                    (try reader.integer(entry.value, atLeast: 1, what: "test_limit"), entry.value)
                }
            case .seeds:
                keys.seeds = seeds(entry.value)
            case .grid:
                sawGrid = true
                readGrid(entry.value, into: &keys)
            case .sample, .samples, .sampler, .samplerSeed:
                readSamplingKey(key, entry, into: &keys)
            case .earlyStop:
                readEarlyStop(entry, into: &keys)
            case .trainLimit, .validationLimit, .layers, .eta, .epochs, .batch, .initialization, .cost, .l2,
                 .momentum, .patience, .etaHalving:
                guard let gridKey = GridKey(rawValue: key.rawValue) else { continue }
                keys.topLevel[gridKey] = entry.keyField
                if let value = value(of: gridKey, entry.value) {
                    keys.settings.append(Located(key: gridKey, value: value, field: entry.value))
                } else {
                    keys.invalid.insert(gridKey)
                }
            }
        }
        // `--set grid.KEY=…` on a file without a grid.
        if !sawGrid, overrides.contains(where: \.inGrid) {
            readGrid(nil, into: &keys)
        }
        return keys
    }

    /// Grid's keys and each of their values; `field` nil for a grid that
    /// only overrides make.
    private func readGrid(_ field: Field?, into keys: inout Keys) {
        var fileEntries: [Entry] = []
        if let field {
            guard let entries = problems.attempt({
                try reader.entries(field, expected: "a mapping of keys to lists of values")
            }) else {
                keys.gridUnreadable = true
                return
            }
            fileEntries = entries
        }
        let gridKeyNames = GridKey.allCases.map(\.rawValue)
        for entry in gridEntries(fileEntries, fromFile: field != nil && field?.origin == nil) {
            guard let key = GridKey(rawValue: entry.name) else {
                refuseKey(entry, cannot: "vary in grid", kind: "grid key", allowedAre: "grid keys", allowed: gridKeyNames, into: &keys)
                continue
            }
            keys.given.insert(key.rawValue)
            keys.grid.append((key, entry.keyField))
            if let values = gridValues(of: key, entry.value) {
                keys.settings += values
            } else {
                keys.invalid.insert(key)
            }
        }
    }

    /// A grid key's list, each value checked; nil when any has a problem.
    private func gridValues(of key: GridKey, _ field: Field) -> [Located]? {
        guard let items = problems.attempt({
            try reader.list(field, expected: key == .layers ? "a list of layer lists" : "a list")
        }) else { return nil }
        guard !items.isEmpty else {
            problems.record(reader.error(field, "a grid list needs at least one value"))
            return nil
        }
        // `grid: {layers: [784, 30, 10]}` is one mistake (a network where a
        // list of them belongs), told once at its first size.
        if key == .layers, items.allSatisfy({ $0.node.sequence == nil }) {
            _ = value(of: key, items[0])
            return nil
        }
        var seen: [SettingValue: Field] = [:]
        var values: [Located] = []
        for item in items {
            guard let value = value(of: key, item) else { continue }
            if let first = seen[value] {
                problems.record(reader.error(item, "\(item.text) is already listed as \(first.path)"))
                continue
            }
            seen[value] = item
            values.append(Located(key: key, value: value, field: item))
        }
        return values.count == items.count ? values : nil
    }

    /// The rules between keys that need no dataset: a key given twice (at
    /// top level and in grid), the required keys, and a validation set for
    /// `patience` and `eta_halving`.
    private func checkAcrossKeys(_ keys: inout Keys, root: Node) {
        for entry in keys.grid {
            guard let twin = keys.topLevel[entry.key] else { continue }
            problems.record(reader.error(
                entry.keyField,
                "'\(entry.key.rawValue)' is set both at top level (\(reader.place(of: twin))) and in grid; keep one"))
            keys.invalid.insert(entry.key)
        }
        if !keys.given.contains(TopLevelKey.name.rawValue) {
            problems.record(reader.error(Field(node: root, path: "name"), "missing required key 'name'"))
        }
        if !keys.gridUnreadable {
            for key in GridKey.required where !keys.given.contains(key.rawValue) {
                problems.record(reader.error(
                    Field(node: root, path: key.rawValue),
                    "missing required key '\(key.rawValue)'; give it at top level or in grid"))
            }
        }
        checkSampling(&keys)
        checkEarlyStop(&keys)
        checkSelectionIsNotWithoutValidation(keys)
    }

    func unknownKey(_ entry: Entry, kind: String, candidates: [String]) -> ExperimentError {
        if let closest = suggestion(for: entry.name, among: candidates) {
            return reader.error(entry.keyField, "unknown \(kind) '\(entry.name)'; did you mean '\(closest)'?")
        }
        return reader.error(
            entry.keyField,
            "unknown \(kind) '\(entry.name)'; expected one of \(candidates.joined(separator: ", "))")
    }
}

extension ExperimentParser {
    /// A key that `grid` or `sample` cannot take: a top-level key that may
    /// not vary there, or no key at all (with the nearest allowed name).
    /// Either is counted as given, so that it is not also reported missing.
    func refuseKey(
        _ entry: Entry, cannot what: String, kind: String, allowedAre noun: String, allowed: [String], into keys: inout Keys
    ) {
        if TopLevelKey(rawValue: entry.name) != nil {
            problems.record(reader.error(
                entry.keyField, "'\(entry.name)' cannot \(what); \(noun) are \(allowed.joined(separator: ", "))"))
            keys.given.insert(entry.name)
        } else {
            problems.record(unknownKey(entry, kind: kind, candidates: allowed))
            if let meant = suggestion(for: entry.name, among: allowed) { keys.given.insert(meant) }
        }
    }
}
