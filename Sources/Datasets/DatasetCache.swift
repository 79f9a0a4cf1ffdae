import Foundation

/// Loads each dataset once per process and shares it, read-only, between runs.
///
/// Thread-safe: concurrent callers asking for the same directory wait for a single load.
/// Failed loads are not remembered, so fixing the files and asking again works.
///
/// ```swift
/// let mnist = try DatasetCache.shared.dataset(directory: "data/mnist", name: "mnist")
/// ```
public final class DatasetCache: @unchecked Sendable {
    public static let shared = DatasetCache()

    private let lock = NSLock()
    private var slots: [String: Slot] = [:]

    public init() {}

    /// The dataset in `directory`, loaded on first use. `name` defaults to `directory`.
    public func dataset(directory: String, name: String? = nil) throws -> Dataset {
        // Spellings of the same directory share one load.
        let key = URL(fileURLWithPath: directory).standardizedFileURL.path
        let slot = lock.withLock {
            if let slot = slots[key] { return slot }
            let slot = Slot()
            slots[key] = slot
            return slot
        }
        let dataset = try slot.value { try Dataset.load(directory: directory) }
        return dataset.renamed(name ?? directory)
    }

    /// One directory's load; its own lock makes concurrent callers wait for the first.
    private final class Slot: @unchecked Sendable {
        private let lock = NSLock()
        private var dataset: Dataset?

        func value(_ load: () throws -> Dataset) throws -> Dataset {
            try lock.withLock {
                if let dataset { return dataset }
                let loaded = try load()
                dataset = loaded
                return loaded
            }
        }
    }
}
