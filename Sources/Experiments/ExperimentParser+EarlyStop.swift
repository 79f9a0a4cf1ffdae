import Datasets

/// `early_stop`: its keys checked one by one, then the rules between it and
/// the rest of the file: one `epochs` for every run, a first rung within it,
/// and a validation set for a validation metric.
extension ExperimentParser {
    /// What `early_stop` holds, as far as it could be read.
    struct EarlyStopKeys {
        var keyField: Field?
        var method: EarlyStop.Method?
        var metric: EarlyStop.Metric?
        /// Nil when the metric is left to its default.
        var metricField: Field?
        var minEpochs: (value: Int, field: Field)?
        var reduction: Int?
        /// Whether some key of `early_stop` has a problem, or it is not a mapping.
        var incomplete = false

        /// The configuration, when every key was read.
        var value: EarlyStop? {
            guard keyField != nil, !incomplete, let method, let metric, let reduction else { return nil }
            return EarlyStop(method: method, metric: metric, minEpochs: minEpochs?.value ?? 1, reduction: reduction)
        }
    }

    static let earlyStopKeyNames = ["method", "metric", "min_epochs", "reduction"]

    func readEarlyStop(_ entry: Entry, into keys: inout Keys) {
        keys.earlyStop.keyField = entry.keyField
        guard let entries = problems.attempt({
            try reader.entries(entry.value, expected: "a mapping such as {method: successive_halving}")
        }) else {
            keys.earlyStop.incomplete = true
            return
        }
        var stop = keys.earlyStop
        stop.metric = EarlyStop.Metric.validationAccuracy
        stop.reduction = 3
        var sawMethod = false
        for item in entries {
            switch item.name {
            case "method":
                sawMethod = true
                stop.method = problems.attempt { try oneOf(EarlyStop.Method.self, item.value) }
            case "metric":
                stop.metricField = item.value
                stop.metric = problems.attempt { try metric(item.value) }
            case "min_epochs":
                stop.minEpochs = problems.attempt {
                    (try reader.integer(item.value, atLeast: 1, what: "min_epochs"), item.value)
                }
                if stop.minEpochs == nil { stop.incomplete = true }
            case "reduction":
                stop.reduction = problems.attempt { try reader.integer(item.value, atLeast: 2, what: "reduction") }
            default:
                problems.record(unknownKey(item, kind: "early_stop key", candidates: Self.earlyStopKeyNames))
                stop.incomplete = true
            }
        }
        if !sawMethod {
            let names = EarlyStop.Method.allCases.map(\.rawValue).joined(separator: ", ")
            problems.record(reader.error(
                entry.value.child("method", entry.value.node), "missing required key 'method'; expected one of \(names)"))
        }
        keys.earlyStop = stop
    }

    /// The test set never chooses, so its metrics are refused with their
    /// validation counterparts named.
    private func metric(_ field: Field) throws -> EarlyStop.Metric {
        let text = try reader.text(field)
        if text.hasPrefix("test_"), let meant = EarlyStop.Metric(rawValue: "validation_" + text.dropFirst(5)) {
            throw reader.error(
                field,
                "the test set never chooses (model choices are made on validation data), got \"\(text)\"; did you mean '\(meant.rawValue)'?")
        }
        return try oneOf(EarlyStop.Metric.self, field)
    }

    /// One of the enumeration's spellings, or a message that lists them all,
    /// with the closest when it is near.
    func oneOf<Choice: RawRepresentable & CaseIterable>(_: Choice.Type, _ field: Field) throws -> Choice
    where Choice.RawValue == String {
        let text = try reader.text(field)
        if let choice = Choice(rawValue: text) { return choice }
        let names = Choice.allCases.map(\.rawValue)
        let quoted = names.map { "'\($0)'" }
        let expected = quoted.dropLast().joined(separator: ", ") + " or " + quoted[quoted.count - 1]
        let hint = suggestion(for: text, among: names).map { "; did you mean '\($0)'?" } ?? ""
        throw reader.error(field, "expected \(expected), got \"\(text)\"\(hint)")
    }

    /// `epochs` is the most any run trains, so it is one value at top level;
    /// the first rung lies within it; and a validation metric needs a
    /// validation set in every run.
    func checkEarlyStop(_ keys: inout Keys) {
        guard let stopKey = keys.earlyStop.keyField else { return }
        let reason = "early stopping needs one epochs, the most any run trains; give it at top level"
        var epochsVary = false
        for entry in keys.grid where entry.key == .epochs {
            epochsVary = true
            problems.record(reader.error(
                entry.keyField, "epochs cannot vary in grid with early_stop (\(reader.place(of: stopKey))); \(reason)"))
        }
        for (declaration, keyField) in keys.sampling.declarations where declaration.key == .setting(.epochs) {
            epochsVary = true
            problems.record(reader.error(
                keyField, "epochs cannot be sampled with early_stop (\(reader.place(of: stopKey))); \(reason)"))
        }
        if !epochsVary, !keys.invalid.contains(.epochs), let minEpochs = keys.earlyStop.minEpochs,
           let epochs = keys.settings.first(where: { $0.key == .epochs && $0.field.path == GridKey.epochs.rawValue }),
           let most = epochs.value.integer, minEpochs.value > most {
            problems.record(reader.error(
                minEpochs.field,
                "min_epochs must be at most epochs, \(most) (\(reader.place(of: epochs.field))), got \(minEpochs.value)"))
        }
        let stop = keys.earlyStop
        guard let metric = stop.metric, metric.needsValidationSet, !keys.invalid.contains(.validationLimit),
              let none = keys.settings.first(where: { $0.key == .validationLimit && $0.value == .integer(0) })
        else { return }
        recordNoValidationSet(
            stop, stopKey, because: "validation_limit is 0 (\(reader.place(of: none.field)))", fix: "set validation_limit above 0")
    }

    /// With `validation_limit` left to its default, a validation metric
    /// needs every `train_limit` to leave the training split some images.
    /// Not checked when a limit has a problem of its own.
    func checkEarlyStopValidationFits(_ keys: Keys, in shape: DatasetShape, defaultTrainLimit: Int) {
        let stop = keys.earlyStop
        guard let stopKey = stop.keyField, let metric = stop.metric, metric.needsValidationSet,
              keys.invalid.isDisjoint(with: [.trainLimit, .validationLimit]),
              !keys.settings.contains(where: { $0.key == .validationLimit })
        else { return }
        let given = keys.settings.filter { $0.key == .trainLimit }.compactMap(\.value.integer)
        guard let trainLimit = (given.isEmpty ? [defaultTrainLimit] : given).first(where: {
            Self.defaultValidationLimit(trainingExamples: shape.trainCount, trainLimit: $0) == 0
        }) else { return }
        recordNoValidationSet(
            stop, stopKey, because: "train_limit \(trainLimit) leaves no training images for one", fix: "lower train_limit")
    }

    /// At `metric`, or at `early_stop` when the metric is the default.
    private func recordNoValidationSet(_ stop: EarlyStopKeys, _ stopKey: Field, because reason: String, fix: String) {
        guard let metric = stop.metric else { return }
        let subject = stop.metricField == nil ? "the default metric \(metric.rawValue)" : metric.rawValue
        problems.record(reader.error(
            stop.metricField ?? stopKey,
            "\(subject) needs a validation set, but \(reason); \(fix) or use metric train_cost"))
    }
}
