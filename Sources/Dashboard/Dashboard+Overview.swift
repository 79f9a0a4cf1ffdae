import Results

// The experiments view: every experiment with its runs by status and how
// far its sweep has come.
extension Dashboard {
    struct ExperimentItem: Encodable {
        var name: String
        var description: String?
        var createdAt: String?
        var counts: [String: Int]
        var total: Int
        var epochsPlanned: Int
        var epochsTrained: Int
        var runningRuns: Int
        /// At the pace of the epochs so far; nil when nothing is training.
        var secondsLeft: Double?
        var lastActivity: String?

        enum CodingKeys: String, CodingKey {
            case name, description, createdAt = "created_at", counts, total
            case epochsPlanned = "epochs_planned", epochsTrained = "epochs_trained"
            case runningRuns = "running_runs", secondsLeft = "seconds_left", lastActivity = "last_activity"
        }
    }

    func overview() throws -> DashboardResponse {
        let activity = try results.activity()
        let items = try experiments().map { experiment in
            let progress = activity[experiment.name]
            return ExperimentItem(
                name: experiment.name, description: experiment.description, createdAt: experiment.createdAt,
                counts: Dictionary(uniqueKeysWithValues: experiment.counts.map { ($0.key.rawValue, $0.value) }),
                total: experiment.total, epochsPlanned: progress?.epochsPlanned ?? 0,
                epochsTrained: progress?.epochsTrained ?? 0, runningRuns: progress?.runningRuns ?? 0,
                secondsLeft: progress?.secondsLeft, lastActivity: progress?.lastActivity)
        }
        return .json(["experiments": items])
    }
}
