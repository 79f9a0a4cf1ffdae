import Backprop
import XCTest

/// Which kernels run: the widest the CPU has, or the one RUNNER_KERNELS
/// names, never one the CPU lacks.
final class KernelSelectionTests: XCTestCase {
    let avx512CPU = CPUFeatures(avx512: true, avx2: true)
    let avx2CPU = CPUFeatures(avx512: false, avx2: true)
    let plainCPU = CPUFeatures(avx512: false, avx2: false)

    func testTheWidestVariantTheCPURunsIsChosen() throws {
        XCTAssertEqual(try KernelVariant.selected(environment: [:], cpu: avx512CPU), .avx512)
        XCTAssertEqual(try KernelVariant.selected(environment: [:], cpu: avx2CPU), .avx2)
        XCTAssertEqual(try KernelVariant.selected(environment: [:], cpu: plainCPU), .portable)
    }

    func testTheDispatcherNeverPicksAVariantTheCPULacks() {
        for cpu in [avx512CPU, avx2CPU, plainCPU, CPUFeatures(avx512: true, avx2: false)] {
            XCTAssertTrue(KernelVariant.widest(for: cpu).runs(on: cpu), "\(cpu)")
        }
        XCTAssertFalse(KernelVariant.avx512.runs(on: avx2CPU))
        XCTAssertFalse(KernelVariant.avx2.runs(on: plainCPU))
        XCTAssertTrue(KernelVariant.portable.runs(on: plainCPU))
    }

    func testRUNNERKERNELSForcesAVariantTheCPURuns() throws {
        XCTAssertEqual(try KernelVariant.selected(environment: ["RUNNER_KERNELS": "avx2"], cpu: avx512CPU), .avx2)
        XCTAssertEqual(try KernelVariant.selected(environment: ["RUNNER_KERNELS": "portable"], cpu: avx512CPU), .portable)
        XCTAssertEqual(try KernelVariant.selected(environment: ["RUNNER_KERNELS": "portable"], cpu: plainCPU), .portable)
    }

    func testAnUnknownNameIsRefused() {
        XCTAssertThrowsError(try KernelVariant.selected(environment: ["RUNNER_KERNELS": "sse"], cpu: avx512CPU)) { error in
            XCTAssertEqual(
                error as? KernelSelectionError,
                KernelSelectionError(message: "RUNNER_KERNELS=sse names no kernels; choose one of avx512, avx2, portable"))
        }
        XCTAssertThrowsError(try KernelVariant.selected(environment: ["RUNNER_KERNELS": ""], cpu: avx512CPU)) { error in
            XCTAssertEqual(
                error as? KernelSelectionError,
                KernelSelectionError(message: "RUNNER_KERNELS= names no kernels; choose one of avx512, avx2, portable"))
        }
    }

    func testAVariantTheCPUCannotRunIsRefused() {
        XCTAssertThrowsError(try KernelVariant.selected(environment: ["RUNNER_KERNELS": "avx512"], cpu: avx2CPU)) { error in
            XCTAssertEqual(
                error as? KernelSelectionError,
                KernelSelectionError(message: "RUNNER_KERNELS=avx512: this CPU cannot run the avx512 kernels; it runs avx2, portable"))
        }
        XCTAssertThrowsError(try KernelVariant.selected(environment: ["RUNNER_KERNELS": "avx2"], cpu: plainCPU)) { error in
            XCTAssertEqual(
                error as? KernelSelectionError,
                KernelSelectionError(message: "RUNNER_KERNELS=avx2: this CPU cannot run the avx2 kernels; it runs portable"))
        }
    }
}
