import Foundation

extension TrainingCheckpoint {
    /// The current format's version, the second field of every encoding.
    public static let formatVersion: UInt32 = 1
    static let magic: [UInt8] = Array("BPCK".utf8)
    static let headerSize = 128

    /// The checkpoint in a fixed little-endian binary layout; every
    /// floating-point number is stored as its bit pattern.
    ///
    /// | offset | bytes | field |
    /// |---|---|---|
    /// | 0 | 4 | magic `BPCK` |
    /// | 4 | 4 | format version, 1 |
    /// | 8 | 8 | length of the whole encoding in bytes, checksum included |
    /// | 16 | 8 | `configurationFingerprint` |
    /// | 24 | 8 | `epoch` |
    /// | 32 | 8 | `trainCount` |
    /// | 40 | 8 | `validationCount` |
    /// | 48 | 8 | `eta` (Double) |
    /// | 56 | 32 | the generator's four xoshiro256** words |
    /// | 88 | 8 | the generator's spare normal deviate (Double; 0 when none, see flags) |
    /// | 96 | 8 | the best validation accuracy so far (Double; −∞ before any) |
    /// | 104 | 4 × 4 | epochs without a new best; since the last new best or halving; halvings done; flags |
    /// | 120 | 4 | L, the number of layers |
    /// | 124 | 4 | R, the byte length of the stop reason (0 when none) |
    /// | 128 | 4L | layer sizes, input first |
    /// | 128 + 4L | R | the stop reason, UTF-8 |
    /// | … | 0–3 | zeros, to a 4-byte boundary |
    /// | … | 4P | the P parameters (Float), in the network's layout |
    /// | … | 4P | with momentum only, the velocities (Float) |
    /// | … | 0–7 | zeros, to an 8-byte boundary |
    /// | end − 8 | 8 | checksum: 64-bit FNV-1a over the bytes before it, taken as little-endian 64-bit words |
    ///
    /// Flags: bit 0, velocities follow the parameters; bit 1, a spare
    /// normal deviate is pending; bit 2, selection ended the run in `epoch`.
    /// For [784, 30, 10] without momentum (P = 23,860) that is 95,592 bytes.
    ///
    /// ```swift
    /// let data = trainer.checkpoint().encoded()
    /// let again = try TrainingCheckpoint(decoding: data)   // == trainer.checkpoint()
    /// ```
    public func encoded() -> Data {
        let reason = Array((stopReason ?? "").utf8)
        let prefix = Self.headerSize + 4 * layers.count + reason.count
        let floatsStart = (prefix + 3) & ~3
        let floatCount = parameters.count * (velocity == nil ? 1 : 2)
        let checksumAt = (floatsStart + 4 * floatCount + 7) & ~7
        let length = checksumAt + 8
        var bytes = [UInt8](repeating: 0, count: length)
        bytes.withUnsafeMutableBytes { buffer in
            var writer = Writer(buffer: buffer)
            writer.put(Self.magic)
            writer.put32(Self.formatVersion)
            for word in [UInt64(length), configurationFingerprint, UInt64(epoch), UInt64(trainCount),
                         UInt64(validationCount), eta.bitPattern, generator.words.0, generator.words.1,
                         generator.words.2, generator.words.3, (generator.spareNormal ?? 0).bitPattern,
                         selection.best.bitPattern] {
                writer.put64(word)
            }
            let flags = (velocity == nil ? 0 : 1) | (generator.spareNormal == nil ? 0 : 2) | (stopReason == nil ? 0 : 4)
            for word in [selection.stale, selection.staleSinceHalving, selection.halvingsDone, flags,
                         layers.count, reason.count] + layers {
                writer.put32(UInt32(word))
            }
            writer.put(reason)
            writer.offset = floatsStart
            writer.putFloats(parameters)
            if let velocity { writer.putFloats(velocity) }
            writer.offset = checksumAt
            writer.put64(Self.checksum(UnsafeRawBufferPointer(rebasing: buffer[..<checksumAt])))
        }
        return Data(bytes)
    }

    /// 64-bit FNV-1a over little-endian words; `bytes.count` is a multiple of 8.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash = FNV1a()
        for offset in stride(from: 0, to: bytes.count, by: 8) {
            hash.add(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
        }
        return hash.value
    }
}

/// Writes little-endian fields into a buffer sized for them in advance.
private struct Writer {
    let buffer: UnsafeMutableRawBufferPointer
    var offset = 0

    mutating func put(_ bytes: [UInt8]) {
        for byte in bytes { buffer[offset] = byte; offset += 1 }
    }

    mutating func put32(_ value: UInt32) {
        buffer.storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt32.self)
        offset += 4
    }

    mutating func put64(_ value: UInt64) {
        buffer.storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt64.self)
        offset += 8
    }

    mutating func putFloats(_ values: [Float]) {
        for value in values { put32(value.bitPattern) }
    }
}
