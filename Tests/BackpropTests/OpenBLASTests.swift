import XCTest
@testable import Backprop

/// The kernel family named to OpenBLAS before it loads, from /proc/cpuinfo's flags.
final class OpenBLASTests: XCTestCase {
    private func cpuInfo(flags: String) -> String {
        "processor\t: 0\nvendor_id\t: AuthenticAMD\nflags\t\t: \(flags)\nbugs\t\t: sysret_ss_attrs\n"
    }

    func testAVX512CPUsGetSkylakeXKernels() {
        let flags = "fpu sse2 avx fma avx2 avx512f avx512dq avx512cd avx512bw avx512vl"
        XCTAssertEqual(OpenBLAS.kernelFamily(cpuInfo: cpuInfo(flags: flags)), "SkylakeX")
    }

    func testAVX2CPUsGetHaswellKernels() {
        XCTAssertEqual(OpenBLAS.kernelFamily(cpuInfo: cpuInfo(flags: "fpu sse2 avx fma avx2 avx512f")), "Haswell")
    }

    func testOlderCPUsAndMissingFlagsLeaveTheChoiceToOpenBLAS() {
        XCTAssertNil(OpenBLAS.kernelFamily(cpuInfo: cpuInfo(flags: "fpu sse2 avx")))
        XCTAssertNil(OpenBLAS.kernelFamily(cpuInfo: "processor\t: 0\n"))
        XCTAssertNil(OpenBLAS.kernelFamily(cpuInfo: nil))
    }
}
