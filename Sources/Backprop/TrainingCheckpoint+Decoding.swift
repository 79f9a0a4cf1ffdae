import Foundation

extension TrainingCheckpoint {
    /// Reads the layout `encoded()` describes, refusing anything that is not
    /// exactly such an encoding: a truncated or altered checkpoint must not be
    /// trained from.
    ///
    /// ```swift
    /// let checkpoint = try TrainingCheckpoint(decoding: data)
    /// print(checkpoint.epoch, checkpoint.eta)
    /// ```
    ///
    /// - Throws: `TrainingError` naming what is wrong: not a checkpoint, another
    ///   version, a length other than the header's, a checksum that does not
    ///   match, or fields that contradict each other.
    public init(decoding data: Data) throws {
        self = try Array(data).withUnsafeBytes { try Self.decode($0) }
    }

    private static func decode(_ bytes: UnsafeRawBufferPointer) throws -> TrainingCheckpoint {
        func fail(_ message: String) -> TrainingError { TrainingError(message: "checkpoint: \(message)") }
        guard bytes.count >= 8, Array(bytes[0 ..< 4]) == magic else {
            throw fail("not a training checkpoint (it does not start with BPCK)")
        }
        var reader = Reader(bytes: bytes, offset: 4)
        let version = reader.get32()
        guard version == formatVersion else {
            throw fail("format version \(version) is not supported, only \(formatVersion)")
        }
        guard bytes.count >= headerSize + 8 else {
            throw fail("truncated: \(bytes.count) bytes, fewer than its \(headerSize)-byte header")
        }
        let length = reader.get64()
        guard length == UInt64(bytes.count) else {
            throw fail("truncated or extended: \(bytes.count) bytes where its header says \(length)")
        }
        guard length % 8 == 0,
              checksum(UnsafeRawBufferPointer(rebasing: bytes[..<(bytes.count - 8)]))
                  == UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self))
        else { throw fail("corrupt: its checksum does not match its contents") }

        let fingerprint = reader.get64()
        let epoch = Int(reader.get64())
        let trainCount = Int(reader.get64())
        let validationCount = Int(reader.get64())
        let eta = Double(bitPattern: reader.get64())
        let words = (reader.get64(), reader.get64(), reader.get64(), reader.get64())
        let spare = Double(bitPattern: reader.get64())
        var selection = ValidationSelection()
        selection.best = Double(bitPattern: reader.get64())
        selection.stale = Int(reader.get32())
        selection.staleSinceHalving = Int(reader.get32())
        selection.halvingsDone = Int(reader.get32())
        let flags = reader.get32()
        let layerCount = Int(reader.get32())
        let reasonLength = Int(reader.get32())
        // The checksum vouches for the bytes, not for a writer that got them right.
        // Bounds that keep the parameter count's arithmetic far from overflow.
        guard flags & ~7 == 0, layerCount >= 2, layerCount <= 1024, reasonLength == 0 || flags & 4 != 0,
              bytes.count >= headerSize + 4 * layerCount + reasonLength
        else { throw fail("malformed header") }
        let layers = (0 ..< layerCount).map { _ in Int(reader.get32()) }
        guard layers.allSatisfy({ $0 >= 1 && $0 <= 1 << 24 }) else { throw fail("malformed header: layers \(layers)") }
        let reason = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[reader.offset ..< reader.offset + reasonLength]),
                            as: UTF8.self)
        reader.offset = (reader.offset + reasonLength + 3) & ~3
        let parameterCount = Network<Float>.parameterCount(layers: layers)
        let hasVelocity = flags & 1 != 0
        let expected = ((reader.offset + 4 * parameterCount * (hasVelocity ? 2 : 1) + 7) & ~7) + 8
        guard expected == bytes.count else {
            throw fail("malformed: \(bytes.count) bytes where layers \(layers) need \(expected)")
        }
        let parameters = reader.getFloats(parameterCount)
        let velocity = hasVelocity ? reader.getFloats(parameterCount) : nil
        return TrainingCheckpoint(
            epoch: epoch, configurationFingerprint: fingerprint, layers: layers, trainCount: trainCount,
            validationCount: validationCount, eta: eta, parameters: parameters, velocity: velocity,
            generator: RandomGenerator.State(words: words, spareNormal: flags & 2 != 0 ? spare : nil),
            selection: selection, stopReason: flags & 4 != 0 ? reason : nil)
    }
}

/// Reads little-endian fields; the caller has checked that they lie within `bytes`.
private struct Reader {
    let bytes: UnsafeRawBufferPointer
    var offset: Int

    mutating func get32() -> UInt32 {
        defer { offset += 4 }
        return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func get64() -> UInt64 {
        defer { offset += 8 }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    mutating func getFloats(_ count: Int) -> [Float] {
        (0 ..< count).map { _ in Float(bitPattern: get32()) }
    }
}
