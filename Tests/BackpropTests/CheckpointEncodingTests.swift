import Backprop
import Datasets
import XCTest

/// The checkpoint's binary form, and what a trainer refuses to resume from.
final class CheckpointEncodingTests: XCTestCase {
    private var split: DataSplit!

    override func setUpWithError() throws {
        split = try mnistSplit(train: 1_000, validation: 1_000, test: 500)
    }

    func testDecodingTheEncodingGivesTheCheckpointBack() throws {
        var configuration = TrainingConfiguration(layers: [784, 30, 10], eta: 3, epochs: 20, batchSize: 10, seed: 1)
        (configuration.momentum, configuration.patience) = (0.5, 1)
        let trainer = try trainer(configuration)
        var checkpoints: [TrainingCheckpoint] = []
        let outcome = trainer.run { _ in
            checkpoints.append(trainer.checkpoint())
            return .proceed
        }
        // The seventh epoch brings no new best: its checkpoint carries the stop.
        XCTAssertEqual(outcome.status, .stoppedEarly(epoch: 7, reason: "no new best validation accuracy in 1 epoch"))
        for checkpoint in checkpoints {
            XCTAssertEqual(try TrainingCheckpoint(decoding: checkpoint.encoded()), checkpoint)
        }
        XCTAssertEqual(checkpoints.map(\.epoch), Array(1 ... 7))
        XCTAssertNotNil(checkpoints[0].velocity)
    }

    /// 128-byte header, 3 layer sizes, 23,860 parameters, 4 bytes of padding, the checksum.
    func testTheLayoutOfNielsensNetwork() throws {
        let configuration = TrainingConfiguration(layers: [784, 30, 10], eta: 3, epochs: 1, batchSize: 10, seed: 1)
        let trainer = try trainer(configuration)
        trainer.trainEpoch()
        let data = trainer.checkpoint().encoded()
        XCTAssertEqual(data.count, 128 + 12 + 95_440 + 4 + 8)
        XCTAssertEqual(Array(data.prefix(12)), Array("BPCK".utf8) + [1, 0, 0, 0] + [0x68, 0x75, 0x01, 0])
        XCTAssertEqual(Array(data[24 ..< 32]), [1, 0, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(
            Array(data[140 ..< 144]),
            withUnsafeBytes(of: trainer.network.parameters[0].bitPattern.littleEndian) { Array($0) })
        var withMomentum = configuration
        withMomentum.momentum = 0.1
        XCTAssertEqual(try self.trainer(withMomentum).checkpoint().encoded().count, 128 + 12 + 2 * 95_440 + 4 + 8)
    }

    func testATruncatedOrAlteredEncodingIsRefused() throws {
        let configuration = TrainingConfiguration(layers: [784, 30, 10], eta: 3, epochs: 1, batchSize: 10, seed: 1)
        let data = try trainer(configuration).checkpoint().encoded()
        assertRefused(data.prefix(data.count - 100), "checkpoint: truncated or extended: 95492 bytes where its header says 95592")
        assertRefused(data.prefix(50), "checkpoint: truncated: 50 bytes, fewer than its 128-byte header")
        assertRefused(data + [0], "checkpoint: truncated or extended: 95593 bytes where its header says 95592")
        for offset in [16, 60, 130, 50_000, data.count - 1] {
            var flipped = data
            flipped[offset] ^= 0x10
            assertRefused(flipped, "checkpoint: corrupt: its checksum does not match its contents", "byte \(offset)")
        }
        var otherVersion = data
        otherVersion[4] = 2
        assertRefused(otherVersion, "checkpoint: format version 2 is not supported, only 1")
        assertRefused(Data("a text file, long enough".utf8), "checkpoint: not a training checkpoint (it does not start with BPCK)")
    }

    func testACheckpointOfAnotherConfigurationIsRefused() throws {
        let configuration = TrainingConfiguration(layers: [784, 30, 10], eta: 3, epochs: 2, batchSize: 10, seed: 1)
        let trainer = try trainer(configuration)
        trainer.trainEpoch()
        let checkpoint = trainer.checkpoint()
        func assertRefused(
            _ other: TrainingConfiguration, train: Int = 1_000, _ message: String, line: UInt = #line
        ) {
            let split = try! mnistSplit(train: train, validation: 1_000, test: 500)
            XCTAssertThrowsError(try Trainer(
                configuration: other, train: split.train, validation: split.validation, test: split.test,
                resumingFrom: checkpoint), line: line) { XCTAssertEqual("\($0)", message, line: line) }
        }
        var wider = configuration
        wider.layers = [784, 100, 10]
        assertRefused(wider, "checkpoint: of layers [784, 30, 10], not [784, 100, 10]")
        var momentum = configuration
        momentum.momentum = 0.5
        assertRefused(momentum, "checkpoint: without momentum, but momentum is 0.5")
        assertRefused(configuration, train: 500, "checkpoint: of 1000 training examples, not 500")
        var slower = configuration
        slower.eta = 0.5
        assertRefused(slower, "checkpoint: of another configuration (fingerprint \(hex(configuration.fingerprint)), "
            + "this one's \(hex(slower.fingerprint)))")
        var shorter = configuration
        shorter.epochs = 1
        trainer.trainEpoch()
        let later = trainer.checkpoint()
        let split = try mnistSplit(train: 1_000, validation: 1_000, test: 500)
        XCTAssertThrowsError(try Trainer(
            configuration: shorter, train: split.train, validation: split.validation, test: split.test,
            resumingFrom: later)) { XCTAssertEqual("\($0)", "checkpoint: after epoch 2, but the configuration trains 1") }
    }

    /// The fingerprint is stable across processes and versions; any field but `epochs` changes it.
    func testTheFingerprint() {
        let configuration = TrainingConfiguration(layers: [784, 30, 10], eta: 3, epochs: 30, batchSize: 10, seed: 1)
        XCTAssertEqual(hex(configuration.fingerprint), "2cd6ff3250f4e813")
        var longer = configuration
        longer.epochs = 60
        XCTAssertEqual(longer.fingerprint, configuration.fingerprint)
        var changed: [TrainingConfiguration] = Array(repeating: configuration, count: 9)
        changed[0].layers = [784, 31, 10]
        changed[1].eta = 3.0000000000000004
        changed[2].batchSize = 11
        changed[3].initialization = .scaled
        changed[4].seed = 2
        changed[5].cost = .crossEntropy
        changed[6].l2 = 0.1
        changed[7].patience = 0
        changed[8].etaHalving = 0
        XCTAssertEqual(Set(changed.map(\.fingerprint) + [configuration.fingerprint]).count, 10)
    }

    /// A generator state that the seed and the epochs do not lead to, sealed with a valid checksum.
    func testAGeneratorStateThatDoesNotFollowIsRefused() throws {
        let configuration = TrainingConfiguration(layers: [784, 30, 10], eta: 3, epochs: 2, batchSize: 10, seed: 1)
        let trainer = try trainer(configuration)
        trainer.trainEpoch()
        var bytes = [UInt8](trainer.checkpoint().encoded())
        bytes[56] ^= 1
        let body = bytes.count - 8
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for offset in stride(from: 0, to: body, by: 8) {
            let word = bytes[offset ..< offset + 8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            hash = (hash ^ word) &* 0x0000_0100_0000_01B3
        }
        for i in 0 ..< 8 { bytes[body + i] = UInt8(truncatingIfNeeded: hash >> (8 * UInt64(i))) }
        XCTAssertThrowsError(try Trainer(
            configuration: configuration, train: split.train, validation: split.validation, test: split.test,
            resumingFrom: TrainingCheckpoint(decoding: Data(bytes)))) {
            XCTAssertEqual("\($0)", "checkpoint: its random generator's state does not follow from the seed after epoch 1")
        }
    }

    private func trainer(_ configuration: TrainingConfiguration) throws -> Trainer {
        try Trainer(configuration: configuration, train: split.train, validation: split.validation, test: split.test)
    }

    private func assertRefused(_ data: Data, _ message: String, _ note: String = "", line: UInt = #line) {
        XCTAssertThrowsError(try TrainingCheckpoint(decoding: data), note, line: line) {
            XCTAssertEqual("\($0)", message, note, line: line)
        }
    }
}

private func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}
