import Backprop

/// The checks of single values, which need nothing else: each records its
/// problems and gives nil for a value that has one.
extension ExperimentParser {
    /// Names become CSV file names, so they stay portable and cannot climb out of a directory.
    func name(_ field: Field) throws -> String {
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

    /// Every seed checked on its own; repeats are told among the valid ones.
    func seeds(_ field: Field) -> [UInt64]? {
        guard let items = problems.attempt({ try reader.list(field, expected: "a list of integers") }) else { return nil }
        guard !items.isEmpty else {
            problems.record(reader.error(field, "seeds must list at least one seed"))
            return nil
        }
        var seen: [Int: Field] = [:]
        var seeds: [UInt64] = []
        for item in items {
            guard let seed = problems.attempt({ try reader.integer(item) }) else { continue }
            guard seed >= 0 else {
                problems.record(reader.error(item, "a seed must be ≥ 0, got \(seed)"))
                continue
            }
            if let first = seen[seed] {
                problems.record(reader.error(item, "seed \(seed) is already listed as \(first.path)"))
                continue
            }
            seen[seed] = item
            seeds.append(UInt64(seed))
        }
        return seeds.count == items.count ? seeds : nil
    }

    /// Everything about one value that does not depend on the dataset.
    func value(of key: GridKey, _ field: Field) -> SettingValue? {
        guard key == .layers else {
            return problems.attempt { try scalarValue(of: key, field) }
        }
        guard let items = problems.attempt({ try reader.list(field, expected: "a list of integers") }) else { return nil }
        let sizes = items.compactMap { item in
            problems.attempt { try reader.integer(item, atLeast: 1, what: "a layer size") }
        }
        guard items.count >= 2 else {
            problems.record(reader.error(
                field, "a network needs at least 2 layers (input and output), got \(items.count)"))
            return nil
        }
        return sizes.count == items.count ? .layers(sizes) : nil
    }

    private func scalarValue(of key: GridKey, _ field: Field) throws -> SettingValue {
        switch key {
        case .layers:
            preconditionFailure("layers are a list")
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
}
