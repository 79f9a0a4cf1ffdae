/// `sample`, `samples`, `sampler` and `sampler_seed`: each sampled key's
/// distribution checked against what the key takes, and the rules between
/// them and the rest of the file.
///
/// The values a sampled key can take (a range's ends, a choice's values) are
/// added to the settings, so that the rules between keys and the dataset's
/// checks read them as they read a grid's, and report at the same nodes.
extension ExperimentParser {
    /// What the sampling keys hold, as far as they could be read.
    struct SamplingKeys {
        var declarations: [(declaration: SampleDeclaration, keyField: Field)] = []
        var sampleKey: Field?
        var samplesKey: Field?
        var count: Int?
        var samplerKey: Field?
        var samplerValue: Field?
        var sampler: Sampler?
        var seedKey: Field?
        var seed: UInt64?
        /// Whether some key of `sample` has a problem, so how many dimensions there are is unknown.
        var incomplete = false
    }

    private enum Kind {
        case real, integer, other
    }

    func readSamplingKey(_ key: TopLevelKey, _ entry: Entry, into keys: inout Keys) {
        switch key {
        case .sample:
            readSample(entry, into: &keys)
        case .samples:
            keys.sampling.samplesKey = entry.keyField
            keys.sampling.count = problems.attempt {
                let count = try reader.integer(entry.value, atLeast: 1, what: "samples")
                guard count <= Sampling.maximumCount else {
                    throw reader.error(entry.value, "samples must be at most \(Sampling.maximumCount), got \(count)")
                }
                return count
            }
        case .sampler:
            keys.sampling.samplerKey = entry.keyField
            keys.sampling.samplerValue = entry.value
            keys.sampling.sampler = problems.attempt {
                let text = try reader.text(entry.value)
                guard let sampler = Sampler(rawValue: text) else {
                    throw reader.error(entry.value, "expected 'random' or 'sobol', got \"\(text)\"")
                }
                return sampler
            }
        case .samplerSeed:
            keys.sampling.seedKey = entry.keyField
            keys.sampling.seed = problems.attempt {
                UInt64(try reader.integer(entry.value, atLeast: 0, what: "sampler_seed"))
            }
        default:
            preconditionFailure("\(key.rawValue) is not a sampling key")
        }
    }

    private func readSample(_ entry: Entry, into keys: inout Keys) {
        keys.sampling.sampleKey = entry.keyField
        guard let entries = problems.attempt({
            try reader.entries(entry.value, expected: "a mapping of keys to distributions")
        }) else {
            keys.sampling.incomplete = true
            return
        }
        if entries.isEmpty {
            problems.record(reader.error(entry.value, "sample needs at least one key to sample"))
            keys.sampling.incomplete = true
        }
        for item in entries {
            guard let key = SampledKey(name: item.name) else {
                refuseKey(
                    item, cannot: "be sampled", kind: "sample key", allowedAre: "sampled keys", allowed: SampledKey.names,
                    into: &keys)
                keys.sampling.incomplete = true
                continue
            }
            if case let .setting(gridKey) = key { keys.given.insert(gridKey.rawValue) }
            guard let distribution = distribution(of: key, item.value, into: &keys) else {
                if case let .setting(gridKey) = key { keys.invalid.insert(gridKey) }
                keys.sampling.incomplete = true
                continue
            }
            keys.sampling.declarations.append((SampleDeclaration(key: key, distribution: distribution), item.keyField))
        }
    }

    private func kind(of key: SampledKey) -> Kind {
        switch key {
        case .hidden, .setting(.epochs), .setting(.batch), .setting(.trainLimit), .setting(.validationLimit),
             .setting(.patience), .setting(.etaHalving):
            .integer
        case .setting(.eta), .setting(.l2), .setting(.momentum):
            .real
        case .setting(.layers), .setting(.initialization), .setting(.cost):
            .other
        }
    }

    private func distribution(of key: SampledKey, _ field: Field, into keys: inout Keys) -> Distribution? {
        let names = Distribution.names
        guard let entries = problems.attempt({
            try reader.entries(field, expected: "a distribution such as {uniform: [lo, hi]}")
        }) else { return nil }
        guard entries.count == 1 else {
            problems.record(reader.error(
                field, "a distribution is a mapping with one key (uniform, log_uniform, int_uniform or choice), got \(entries.count) keys"))
            return nil
        }
        let declared = entries[0]
        guard names.contains(declared.name) else {
            problems.record(unknownKey(declared, kind: "distribution", candidates: names))
            return nil
        }
        let allowed: [String] = switch kind(of: key) {
        case .real: ["uniform", "log_uniform", "choice"]
        case .integer: ["int_uniform", "choice"]
        case .other: ["choice"]
        }
        guard allowed.contains(declared.name) else {
            let message = switch kind(of: key) {
            case .real: "\(key.name) takes real numbers; sample it with uniform, log_uniform or choice"
            case .integer: "\(key.name) takes integers; sample it with int_uniform or choice"
            case .other: "\(key.name) can only be sampled with choice"
            }
            problems.record(reader.error(declared.keyField, message))
            return nil
        }
        switch declared.name {
        case "choice":
            return choice(of: key, declared.value, into: &keys).map(Distribution.choice)
        case "int_uniform":
            guard let (lo, hi) = range(of: key, declared.value, into: &keys),
                  case let (.integer(low), .integer(high)) = (lo, hi)
            else { return nil }
            return .intUniform(low, high)
        default:
            let logarithmic = declared.name == "log_uniform"
            guard let (lo, hi) = range(of: key, declared.value, into: &keys, logarithmic: logarithmic),
                  case let (.number(low), .number(high)) = (lo, hi)
            else { return nil }
            return logarithmic ? .logUniform(low, high) : .uniform(low, high)
        }
    }

    /// `[lo, hi]`, each end a valid value of the key, lo < hi.
    private func range(
        of key: SampledKey, _ field: Field, into keys: inout Keys, logarithmic: Bool = false
    ) -> (SettingValue, SettingValue)? {
        guard let items = problems.attempt({ try reader.list(field, expected: "a range [lo, hi]") }) else { return nil }
        guard items.count == 2 else {
            problems.record(reader.error(field, "a range is [lo, hi], got \(items.count) value\(items.count == 1 ? "" : "s")"))
            return nil
        }
        let ends = items.map { sampledValue(of: key, $0, into: &keys) }
        guard let lo = ends[0], let hi = ends[1] else { return nil }
        if logarithmic, let low = lo.number, !(low > 0 && low.isNormal) {
            problems.record(reader.error(items[0], "log_uniform needs a lower end > 0, got \(items[0].text)"))
            return nil
        }
        let ordered = switch (lo, hi) {
        case let (.integer(a), .integer(b)): a < b
        case let (.number(a), .number(b)): a < b
        default: false
        }
        guard ordered else {
            problems.record(reader.error(
                field, "the lower end must be less than the upper end, got [\(items[0].text), \(items[1].text)]"))
            return nil
        }
        return (lo, hi)
    }

    /// A non-empty list of valid values of the key, without repeats.
    private func choice(of key: SampledKey, _ field: Field, into keys: inout Keys) -> [SettingValue]? {
        let expected = key == .setting(.layers) ? "a list of layer lists" : "a list"
        guard let items = problems.attempt({ try reader.list(field, expected: expected) }) else { return nil }
        guard !items.isEmpty else {
            problems.record(reader.error(field, "a choice needs at least one value"))
            return nil
        }
        var seen: [SettingValue: Field] = [:]
        var values: [SettingValue] = []
        for item in items {
            guard let value = sampledValue(of: key, item, into: &keys) else { continue }
            if let first = seen[value] {
                problems.record(reader.error(item, "\(item.text) is already listed as \(first.path)"))
                continue
            }
            seen[value] = item
            values.append(value)
        }
        return values.count == items.count ? values : nil
    }

    /// One value the key may take, checked as the key's own value would be,
    /// and recorded among the settings for the rules between keys.
    private func sampledValue(of key: SampledKey, _ field: Field, into keys: inout Keys) -> SettingValue? {
        switch key {
        case .hidden:
            return problems.attempt { .integer(try reader.integer(field, atLeast: 1, what: "a layer size")) }
        case let .setting(gridKey):
            guard let value = value(of: gridKey, field) else { return nil }
            keys.settings.append(Located(key: gridKey, value: value, field: field))
            return value
        }
    }

    /// The sampling keys' rules between keys: `sample` and `samples` go
    /// together, a sampled key is not also given at top level or in grid, a
    /// sampled `hidden` has one hidden layer of a top-level `layers` to
    /// replace, and `sobol` has direction numbers for every sampled key.
    func checkSampling(_ keys: inout Keys) {
        let sampling = keys.sampling
        if let sampleKey = sampling.sampleKey, sampling.samplesKey == nil {
            problems.record(reader.error(sampleKey, "sample needs samples, the number of points to draw"))
        }
        if sampling.sampleKey == nil {
            let alone = [(sampling.samplesKey, "samples"), (sampling.samplerKey, "sampler"), (sampling.seedKey, "sampler_seed")]
            for case let (field?, name) in alone {
                problems.record(reader.error(field, "\(name) needs sample, the keys to sample"))
            }
        }
        let sampledLayers = sampling.declarations.first { $0.declaration.key == .setting(.layers) }
        for (declaration, keyField) in sampling.declarations {
            switch declaration.key {
            case let .setting(key):
                if let twin = keys.topLevel[key] {
                    problems.record(reader.error(
                        keyField,
                        "'\(key.rawValue)' is set both at top level (\(reader.place(of: twin))) and in sample; keep one"))
                    keys.invalid.insert(key)
                }
                if let twin = keys.grid.first(where: { $0.key == key }) {
                    problems.record(reader.error(
                        keyField,
                        "'\(key.rawValue)' is both in grid (\(reader.place(of: twin.keyField))) and in sample; keep one"))
                    keys.invalid.insert(key)
                }
            case .hidden:
                checkHidden(keyField, keys: keys, sampledLayers: sampledLayers?.keyField)
            }
        }
        if sampling.sampler == .sobol, !sampling.incomplete, let samplerValue = sampling.samplerValue,
           sampling.declarations.count > SobolSequence.maximumDimensions {
            problems.record(reader.error(
                samplerValue,
                "sobol samples at most \(SobolSequence.maximumDimensions) keys, got \(sampling.declarations.count)"))
        }
    }

    private func checkHidden(_ keyField: Field, keys: Keys, sampledLayers: Field?) {
        if let sampledLayers {
            problems.record(reader.error(
                keyField,
                "hidden sets the hidden layer of layers, which is sampled too (\(reader.place(of: sampledLayers))); keep one"))
        } else if let grid = keys.grid.first(where: { $0.key == .layers }) {
            problems.record(reader.error(
                keyField,
                "hidden sets the hidden layer of layers, which varies in grid (\(reader.place(of: grid.keyField))); give layers at top level"))
        } else if let layers = topLevelLayers(keys), let sizes = layers.value.layers, sizes.count > 3 {
            problems.record(reader.error(
                keyField,
                "hidden is the size of a single hidden layer, but layers (\(reader.place(of: layers.field))) has \(sizes.count - 2) hidden layers; write layers as [input, output] or [input, hidden, output]"))
        }
    }

    /// The valid `layers` given at top level.
    func topLevelLayers(_ keys: Keys) -> Located? {
        keys.settings.first { $0.key == .layers && $0.field.path == GridKey.layers.rawValue }
    }
}
