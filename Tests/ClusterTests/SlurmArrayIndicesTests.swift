import Cluster
import XCTest

final class SlurmArrayIndicesTests: XCTestCase {
    func testIndicesAndRangesExpandInOrderAndKeepTheirSpecification() throws {
        let only = try XCTUnwrap(SlurmArrayIndices("0-2,5,7-7"))

        XCTAssertEqual(only.indices, [0, 1, 2, 5, 7])
        XCTAssertEqual(only.specification, "0-2,5,7-7")
    }

    func testWhatIsNoListOfIndicesIsRefused() {
        for specification in ["", "a", "1,", ",1", "3-1", "-1", "1-", "1-2-3", "1;2", " 1", "1.5"] {
            XCTAssertNil(SlurmArrayIndices(specification), specification)
        }
    }
}
