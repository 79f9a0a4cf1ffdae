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
}

/// Walks a composed experiment file, checking every key and value in file
/// order and then the rules that span keys (required keys, the dataset's shape).
struct ExperimentParser {
    let reader: FieldReader
    let datasetShape: (String) throws -> DatasetShape?

    static let defaultDataset = "mnist"
    static let defaultSeeds: [UInt64] = [1]

    func parse(_ root: Node) throws -> ExperimentDefinition {
        let rootField = Field(node: root, path: "")
        guard root.mapping != nil else {
            throw ExperimentError(
                file: reader.file, mark: root.mark, key: nil,
                message: "an experiment file must be a mapping of keys to values, got \(describe(root))")
        }
        var name: String?
        var description = ""
        var dataset: (name: String, field: Field)?
        var testLimit: (value: Int, field: Field)?
        var seeds = Self.defaultSeeds
        var topLevel: [(value: Located, keyField: Field)] = []
        var grid: [(key: GridKey, keyField: Field, values: [Located])] = []

        for entry in try reader.entries(rootField, expected: "a mapping") {
            guard let key = TopLevelKey(rawValue: entry.name) else {
                throw unknownKey(entry, kind: "key", candidates: TopLevelKey.allCases.map(\.rawValue))
            }
            switch key {
            case .name:
                name = try self.name(entry.value)
            case .description:
                description = try reader.text(entry.value)
            case .dataset:
                let text = try reader.text(entry.value)
                guard !text.isEmpty else { throw reader.error(entry.value, "dataset must not be empty") }
                dataset = (text, entry.value)
            case .testLimit:
                testLimit = (try reader.integer(entry.value, atLeast: 1, what: "test_limit"), entry.value)
            case .seeds:
                seeds = try self.seeds(entry.value)
            case .grid:
                grid = try self.grid(entry.value)
            case .trainLimit, .validationLimit, .layers, .eta, .epochs, .batch, .initialization, .cost, .l2,
                 .momentum, .patience, .etaHalving:
                guard let gridKey = GridKey(rawValue: key.rawValue) else { continue }
                let value = try value(of: gridKey, entry.value)
                topLevel.append((Located(key: gridKey, value: value, field: entry.value), entry.keyField))
            }
        }

        for entry in grid {
            if let twin = topLevel.first(where: { $0.value.key == entry.key }) {
                let line = twin.keyField.node.mark?.line ?? 1
                throw reader.error(
                    entry.keyField,
                    "'\(entry.key.rawValue)' is set both at top level (line \(line)) and in grid; keep one")
            }
        }
        guard let name else {
            throw reader.error(Field(node: root, path: "name"), "missing required key 'name'")
        }
        let givenKeys = Set(topLevel.map(\.value.key) + grid.map(\.key))
        for key in GridKey.required where !givenKeys.contains(key) {
            throw reader.error(
                Field(node: root, path: key.rawValue),
                "missing required key '\(key.rawValue)'; give it at top level or in grid")
        }
        let located = topLevel.map(\.value) + grid.flatMap(\.values)
        try checkSelectionIsNotWithoutValidation(located)

        let datasetName = dataset?.name ?? Self.defaultDataset
        let shape = try self.shape(of: datasetName, at: dataset?.field ?? Field(node: root, path: "dataset"))
        try check(located, against: shape, datasetName: datasetName)
        let defaultTrainLimit = min(Dataset.nielsenTrainLimit, shape.trainCount)
        try checkValidationFits(located, in: shape, defaultTrainLimit: defaultTrainLimit)
        var validatedTestLimit = min(Dataset.nielsenTestLimit, shape.testCount)
        if let testLimit {
            guard testLimit.value <= shape.testCount else {
                throw reader.error(
                    testLimit.field,
                    "test_limit must be at most \(shape.testCount), the test examples in dataset '\(datasetName)', got \(testLimit.value)")
            }
            validatedTestLimit = testLimit.value
        }

        // Without a value, `patience` and `eta_halving` are off and
        // `validation_limit` depends on each run's `train_limit` (see `runs()`).
        var values: [GridKey: [SettingValue]] = [
            .initialization: [.initialization(.normal)],
            .trainLimit: [.integer(defaultTrainLimit)],
            .cost: [.cost(.quadratic)],
            .l2: [.number(0)],
            .momentum: [.number(0)],
        ]
        for setting in topLevel {
            values[setting.value.key] = [setting.value.value]
        }
        for entry in grid {
            values[entry.key] = entry.values.map(\.value)
        }
        let gridKeys = GridKey.allCases.filter { key in grid.contains { $0.key == key } }
        return ExperimentDefinition(
            name: name, description: description, dataset: datasetName, values: values,
            gridKeys: gridKeys, testLimit: validatedTestLimit, trainingExamples: shape.trainCount, seeds: seeds)
    }

    private func unknownKey(_ entry: Entry, kind: String, candidates: [String]) -> ExperimentError {
        if let closest = suggestion(for: entry.name, among: candidates) {
            return reader.error(entry.keyField, "unknown \(kind) '\(entry.name)'; did you mean '\(closest)'?")
        }
        return reader.error(
            entry.keyField,
            "unknown \(kind) '\(entry.name)'; expected one of \(candidates.joined(separator: ", "))")
    }

    /// Names become CSV file names, so they stay portable and cannot climb out of a directory.
    private func name(_ field: Field) throws -> String {
        let name = try reader.text(field)
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".": true
            default: false
            }
        }
        let startsWell = name.unicodeScalars.first.map { $0 != "." && $0 != "-" && $0 != "_" } ?? false
        guard allowed, startsWell, name.utf8.count <= 100 else {
            throw reader.error(
                field,
                "name must be 1 to 100 ASCII letters, digits, '-', '_' or '.', starting with a letter or digit, got \"\(name)\"")
        }
        return name
    }

    private func seeds(_ field: Field) throws -> [UInt64] {
        let items = try reader.list(field, expected: "a list of integers")
        guard !items.isEmpty else { throw reader.error(field, "seeds must list at least one seed") }
        var seen: [Int: Field] = [:]
        return try items.map { item in
            let seed = try reader.integer(item)
            guard seed >= 0 else { throw reader.error(item, "a seed must be ≥ 0, got \(seed)") }
            if let first = seen[seed] {
                throw reader.error(item, "seed \(seed) is already listed as \(first.path)")
            }
            seen[seed] = item
            return UInt64(seed)
        }
    }

    private func grid(_ field: Field) throws -> [(key: GridKey, keyField: Field, values: [Located])] {
        let gridKeyNames = GridKey.allCases.map(\.rawValue)
        return try reader.entries(field, expected: "a mapping of keys to lists of values").map { entry in
            guard let key = GridKey(rawValue: entry.name) else {
                if TopLevelKey(rawValue: entry.name) != nil {
                    throw reader.error(
                        entry.keyField,
                        "'\(entry.name)' cannot vary in grid; grid keys are \(gridKeyNames.joined(separator: ", "))")
                }
                throw unknownKey(entry, kind: "grid key", candidates: gridKeyNames)
            }
            let items = try reader.list(entry.value, expected: key == .layers ? "a list of layer lists" : "a list")
            guard !items.isEmpty else {
                throw reader.error(entry.value, "a grid list needs at least one value")
            }
            var seen: [SettingValue: Field] = [:]
            let values = try items.map { item in
                let value = try value(of: key, item)
                if let first = seen[value] {
                    throw reader.error(item, "\(item.text) is already listed as \(first.path)")
                }
                seen[value] = item
                return Located(key: key, value: value, field: item)
            }
            return (key, entry.keyField, values)
        }
    }

    /// Everything about one value that does not depend on the dataset.
    private func value(of key: GridKey, _ field: Field) throws -> SettingValue {
        switch key {
        case .layers:
            let items = try reader.list(field, expected: "a list of integers")
            let sizes = try items.map { try reader.integer($0, atLeast: 1, what: "a layer size") }
            guard sizes.count >= 2 else {
                throw reader.error(field, "a network needs at least 2 layers (input and output), got \(sizes.count)")
            }
            return .layers(sizes)
        case .eta:
            let eta = try reader.number(field)
            guard eta.isFinite, eta > 0 else {
                throw reader.error(field, "η must be a finite number > 0, got \(field.text)")
            }
            return .number(eta)
        case .epochs, .batch, .trainLimit, .patience, .etaHalving:
            return .integer(try reader.integer(field, atLeast: 1, what: key.rawValue))
        case .validationLimit:
            return .integer(try reader.integer(field, atLeast: 0, what: key.rawValue))
        case .l2:
            let l2 = try reader.number(field)
            guard l2.isFinite, l2 >= 0 else {
                throw reader.error(field, "l2 must be a finite number ≥ 0, got \(field.text)")
            }
            return .number(l2)
        case .momentum:
            let momentum = try reader.number(field)
            guard momentum >= 0, momentum < 1 else {
                throw reader.error(field, "momentum must be in [0, 1), got \(field.text)")
            }
            return .number(momentum)
        case .initialization:
            let text = try reader.text(field)
            guard let initialization = Initialization(rawValue: text) else {
                let names = Initialization.allCases.map { "'\($0.rawValue)'" }.joined(separator: " or ")
                throw reader.error(field, "expected \(names), got \"\(text)\"")
            }
            return .initialization(initialization)
        case .cost:
            return .cost(try cost(field))
        }
    }

    private func cost(_ field: Field) throws -> CostFunction {
        let text = try reader.text(field)
        if let cost = CostFunction(rawValue: text) { return cost }
        let names = CostFunction.allCases.map(\.rawValue)
        let quoted = names.map { "'\($0)'" }
        let expected = quoted.dropLast().joined(separator: ", ") + " or " + quoted[quoted.count - 1]
        let hint = suggestion(for: text, among: names).map { "; did you mean '\($0)'?" } ?? ""
        throw reader.error(field, "expected \(expected), got \"\(text)\"\(hint)")
    }

    private func shape(of dataset: String, at field: Field) throws -> DatasetShape {
        let shape: DatasetShape?
        do {
            shape = try datasetShape(dataset)
        } catch {
            throw reader.error(field, "cannot read dataset '\(dataset)': \(error)")
        }
        guard let shape else { throw reader.error(field, "dataset '\(dataset)' not found") }
        return shape
    }

    /// The rules that need the dataset: layer sizes at both ends and the training limit.
    private func check(_ located: [Located], against shape: DatasetShape, datasetName: String) throws {
        for setting in located {
            switch setting.value {
            case let .layers(sizes):
                let items = try reader.list(setting.field, expected: "a list of integers")
                if let first = sizes.first, let firstItem = items.first, first != shape.featureCount {
                    throw reader.error(
                        firstItem,
                        "the first layer must have \(shape.featureCount) neurons, one per input of dataset '\(datasetName)', got \(first)")
                }
                if let last = sizes.last, let lastItem = items.last, last != shape.classCount {
                    throw reader.error(
                        lastItem,
                        "the last layer must have \(shape.classCount) neurons, one per class of dataset '\(datasetName)', got \(last)")
                }
            case let .integer(limit) where setting.key == .trainLimit:
                guard limit <= shape.trainCount else {
                    throw reader.error(
                        setting.field,
                        "train_limit must be at most \(shape.trainCount), the training examples in dataset '\(datasetName)', got \(limit)")
                }
            default:
                break
            }
        }
    }
}
