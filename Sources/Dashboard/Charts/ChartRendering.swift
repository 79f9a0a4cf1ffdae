// Placeholder renderer, replaced by the full one.
extension LineChart {
    func svg() -> String { "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>" }
}

extension ErrorBarChart {
    func svg() -> String { "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>" }
}
