import Foundation
import Results

// Configurations from any experiments side by side. The selection is in
// the URL, `c=EXPERIMENT:KEY` once per configuration, so that a
// comparison can be shared and reloaded.
extension Dashboard {
    func comparison(_ request: DashboardRequest) throws -> DashboardResponse {
        let selected = try selection(request)
        return .json(["configurations": selected.map { item(for: $0.configuration, varying: $0.varying) }])
    }

    func comparisonCurves(_ request: DashboardRequest) throws -> DashboardResponse {
        let options = try Curves.Options(request)
        let selected = try selection(request)
        let labels = Dictionary(
            selected.map { ("\($0.configuration.experiment):\($0.configuration.key)", "\($0.configuration.experiment): \($0.configuration.label(varying: $0.varying))") },
            uniquingKeysWith: { first, _ in first })
        let chart = try curveChart(
            title: "comparison: \(options.metric.label)", configurations: selected.map(\.configuration),
            label: { labels["\($0.experiment):\($0.key)"]! }, options: options)
        return .svg(chart.svg())
    }

    /// The configurations the URL names, in its order; each with the
    /// settings that vary within its experiment, for its label.
    private func selection(_ request: DashboardRequest) throws -> [(configuration: Configuration, varying: [String])] {
        var byExperiment: [String: (configurations: [Configuration], varying: [String])] = [:]
        return try request.parameters("c").map { reference in
            guard let colon = reference.lastIndex(of: ":") else {
                throw DashboardFailure(400, "c=\(reference): expected EXPERIMENT:KEY")
            }
            let name = String(reference[..<colon])
            let key = String(reference[reference.index(after: colon)...])
            if byExperiment[name] == nil {
                let configurations = try configurations(of: name)
                byExperiment[name] = (configurations, Configuration.varyingSettings(of: configurations))
            }
            guard let experiment = byExperiment[name],
                  let configuration = experiment.configurations.first(where: { $0.key == key }) else {
                throw DashboardFailure(404, "experiment \(name) has no configuration \(key)")
            }
            return (configuration, experiment.varying)
        }
    }
}
