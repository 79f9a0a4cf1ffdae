/// The overrides applied to the file's keys, before any is checked, so that
/// an overridden value is validated exactly as the file's would be.
///
/// An override replaces the file's value of its key, or adds the key.
/// Setting a grid key at top level (`--set eta=3`) also takes it out of the
/// file's grid, and setting `grid.KEY` takes `KEY` off the file's top level:
/// either reads as the file saying so, where keeping both would be an error
/// about the file rather than about the override.
extension ExperimentParser {
    func rootEntries(_ fileEntries: [Entry]) -> [Entry] {
        let topLevel = overrides.filter { !$0.inGrid }
        let movedIntoGrid = Set(overrides.filter { $0.inGrid && GridKey(rawValue: $0.key) != nil }.map(\.key))
        let kept = fileEntries.filter { entry in
            !topLevel.contains { $0.key == entry.name } && !movedIntoGrid.contains(entry.name)
        }
        return kept + topLevel.map(\.entry)
    }

    /// `fromFile`: whether the grid is the file's, rather than one an
    /// override gave (`--set grid={…}`), which is taken as given.
    func gridEntries(_ entries: [Entry], fromFile: Bool) -> [Entry] {
        let inGrid = overrides.filter(\.inGrid)
        let movedToTopLevel = Set(overrides.filter { !$0.inGrid && GridKey(rawValue: $0.key) != nil }.map(\.key))
        let kept = entries.filter { entry in
            !inGrid.contains { $0.key == entry.name } && !(fromFile && movedToTopLevel.contains(entry.name))
        }
        return kept + inGrid.map(\.entry)
    }
}
