import Foundation
import XCTest
@testable import Cluster

final class SlurmJobRecordTests: XCTestCase {
    private let array = SlurmJobRecord(jobID: "12", kind: .array, indices: "0-2", tasks: 3, submitted: "2025-01-31T12:00:00Z")
    private let merge = SlurmJobRecord(jobID: "13", kind: .merge, indices: "-", tasks: 3, submitted: "2025-01-31T12:00:00Z")

    func testAMissingFileHoldsNoRecords() throws {
        XCTAssertEqual(try SlurmJobRecord.read(path: try makeTemporaryDirectory() + "/jobs"), [])
    }

    func testTheFirstAppendWritesTheHeaderAndLaterOnesOnlyTheirLines() throws {
        let path = try makeTemporaryDirectory() + "/jobs"
        let again = SlurmJobRecord(jobID: "20", kind: .array, indices: "1,4", tasks: 5, submitted: "2025-02-01T08:30:00Z")

        try SlurmJobRecord.append([array, merge], to: path)
        try SlurmJobRecord.append([again], to: path)

        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), """
            job\tkind\tindices\ttasks\tsubmitted
            12\tarray\t0-2\t3\t2025-01-31T12:00:00Z
            13\tmerge\t-\t3\t2025-01-31T12:00:00Z
            20\tarray\t1,4\t5\t2025-02-01T08:30:00Z

            """)
        XCTAssertEqual(try SlurmJobRecord.read(path: path), [array, merge, again])
    }

    /// Lines are counted from the header, as an editor shows them.
    func testALineThatIsNotARecordIsBadInputNamingItsLine() throws {
        let path = try makeTemporaryDirectory() + "/jobs"
        try "\(SlurmJobRecord.header)\n\(array.line)\n14\tmerge\t-\tthree\t2025-01-31T12:00:00Z\n"
            .write(toFile: path, atomically: false, encoding: .utf8)

        XCTAssertThrowsError(try SlurmJobRecord.read(path: path)) { error in
            XCTAssertEqual(error as? ClusterError, ClusterError(.input, "\(path):3: not a job record: 14\tmerge\t-\tthree\t2025-01-31T12:00:00Z"))
        }
    }

    func testAnUnknownKindOrAMissingFieldIsNotARecord() throws {
        let path = try makeTemporaryDirectory() + "/jobs"
        for line in ["15\tbatch\t-\t3\t2025-01-31T12:00:00Z", "15\tarray\t0-2\t3", "15\tarray\t0-2\t3\tnow\textra"] {
            try "\(SlurmJobRecord.header)\n\(line)\n".write(toFile: path, atomically: false, encoding: .utf8)

            XCTAssertThrowsError(try SlurmJobRecord.read(path: path)) { error in
                XCTAssertEqual(error as? ClusterError, ClusterError(.input, "\(path):2: not a job record: \(line)"))
            }
        }
    }

    func testAFileThatCannotBeReadIsAFilesFailure() throws {
        let path = try makeTemporaryDirectory() + "/jobs"
        try Data([0x31, 0x32, 0xff, 0xfe, 0x0a]).write(to: URL(fileURLWithPath: path))

        XCTAssertThrowsError(try SlurmJobRecord.read(path: path)) { error in
            let failure = error as? ClusterError
            XCTAssertEqual(failure?.kind, .files)
            XCTAssertEqual(failure?.message.hasPrefix("\(path): cannot read: "), true, "\(error)")
        }
    }
}
