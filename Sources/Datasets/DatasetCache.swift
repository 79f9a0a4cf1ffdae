import Foundation

/// Loads each dataset once per process and shares it, read-only, between runs.
///
/// Thread-safe: concurrent callers asking for the same directory wait for a single load.
/// Failed loads are not remembered, so fixing the files and asking again works.
///
/// ```swift
/// let mnist = try DatasetCache.shared.dataset(directory: "data/mnist", name: "mnist")
/// ```
public final class DatasetCache: Sendable {
    public static let shared = DatasetCache()

    private let slots = Locked<[String: Slot]>([:])

    public init() {}

    /// The dataset a name stands for (a built-in name such as `mnist`, looked
    /// for from `anchors`, or a directory; see `DatasetRegistry`), loaded on first use.
    ///
    /// - Throws: `DatasetError` with kind `.notFound`, naming every place looked
    ///   in, when there is no such directory; or any error of loading the files.
    public func dataset(named name: String, from anchors: DatasetAnchors = DatasetAnchors()) throws -> Dataset {
        try dataset(directory: DatasetRegistry.locate(name, from: anchors).directory, name: name)
    }

    /// The dataset in `directory`, loaded on first use. `name` defaults to `directory`.
    public func dataset(directory: String, name: String? = nil) throws -> Dataset {
        // Spellings of the same directory share one load.
        let key = URL(fileURLWithPath: directory).standardizedFileURL.path
        let slot = slots.withLock { slots in
            if let slot = slots[key] { return slot }
            let slot = Slot()
            slots[key] = slot
            return slot
        }
        let dataset = try slot.value { try Dataset.load(directory: directory) }
        return dataset.renamed(name ?? directory)
    }

    /// One directory's load; its own lock makes concurrent callers wait for the first.
    private final class Slot: Sendable {
        private let dataset = Locked<Dataset?>(nil)

        func value(_ load: () throws -> Dataset) throws -> Dataset {
            try dataset.withLock { dataset in
                if let dataset { return dataset }
                let loaded = try load()
                dataset = loaded
                return loaded
            }
        }
    }
}
