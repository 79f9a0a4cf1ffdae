import Foundation

/// One line of `results/slurm/NAME/jobs`: a job a submission sent.
///
/// The file is tab-separated text with a header, one line per job, appended
/// at each submission:
///
/// ```
/// job	kind	indices	tasks	submitted
/// 12	array	0-2	3	2025-01-31T12:00:00Z
/// 13	merge	-	3	2025-01-31T12:00:00Z
/// ```
public struct SlurmJobRecord: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case array, merge
    }

    public let jobID: String
    public let kind: Kind
    /// The array indices submitted (`0-2`, `1,4`); `-` for the merge job.
    public let indices: String
    /// The shard count N of the submission: the array's tasks are shards I of N.
    public let tasks: Int
    public let submitted: String

    public init(jobID: String, kind: Kind, indices: String, tasks: Int, submitted: String) {
        self.jobID = jobID
        self.kind = kind
        self.indices = indices
        self.tasks = tasks
        self.submitted = submitted
    }

    public static let header = "job\tkind\tindices\ttasks\tsubmitted"

    public var line: String { [jobID, kind.rawValue, indices, String(tasks), submitted].joined(separator: "\t") }

    /// The records in `path`, oldest first; none when the file is missing.
    public static func read(path: String) throws(ClusterError) -> [SlurmJobRecord] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ClusterError(.files, "\(path): cannot read: \(error.localizedDescription)")
        }
        var records: [SlurmJobRecord] = []
        for (offset, line) in text.split(separator: "\n").enumerated() where line != header {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5, let kind = Kind(rawValue: fields[1]), let tasks = Int(fields[3]) else {
                throw ClusterError(.input, "\(path):\(offset + 1): not a job record: \(line)")
            }
            records.append(SlurmJobRecord(jobID: fields[0], kind: kind, indices: fields[2], tasks: tasks, submitted: fields[4]))
        }
        return records
    }

    /// Appends `records` to `path`, writing the header first into a new file.
    public static func append(_ records: [SlurmJobRecord], to path: String) throws {
        var text = FileManager.default.fileExists(atPath: path) ? "" : header + "\n"
        text += records.map { $0.line + "\n" }.joined()
        if let handle = FileHandle(forWritingAtPath: path) {
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        } else {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }
    }
}
