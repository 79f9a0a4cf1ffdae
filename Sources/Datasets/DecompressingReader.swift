import CZlib
import Foundation

#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// Reads a file's bytes, inflating them on the way when the file is gzip (or zlib) data,
/// straight into the caller's buffer so a large file is never copied twice.
///
/// Plain files are detected by their first two bytes not being the gzip magic 1F 8B.
final class DecompressingReader {
    let path: String
    /// The file's size on disk, compressed or not.
    let fileSize: Int
    /// Whether the file is gzip or zlib data, inflated as it is read.
    var isCompressed: Bool { stream != nil }

    private let descriptor: Int32
    private let input: UnsafeMutableRawBufferPointer
    /// Unconsumed plain bytes in `input` (plain files only; zlib tracks its own).
    private var plainStart = 0
    private var plainEnd = 0
    /// Heap-allocated because zlib keeps a back-pointer to it and checks it on every call.
    private let stream: UnsafeMutablePointer<z_stream>?
    private var streamEnded = false
    private var inputExhausted = false

    /// True when the compressed input ran out before its stream ended (a gzip file cut short).
    private(set) var endedInsideCompressedStream = false

    private static let inputCapacity = 1 << 18

    init(path: String) throws {
        self.path = path
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            let code = errno
            throw DatasetError(file: path, kind: code == ENOENT ? .missing : .notReadable(reason: Self.reason(code)))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw DatasetError(file: path, kind: .notReadable(reason: Self.reason(code)))
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            let reason = (status.st_mode & S_IFMT) == S_IFDIR ? "is a directory" : "not a regular file"
            throw DatasetError(file: path, kind: .notReadable(reason: reason))
        }
        self.descriptor = descriptor
        self.fileSize = Int(status.st_size)
        self.input = .allocate(byteCount: Self.inputCapacity, alignment: 16)

        // Read the first chunk to sniff the format; it stays in `input` as the first data.
        let firstCount: Int
        do {
            firstCount = try Self.readFully(descriptor, into: input, path: path)
        } catch {
            close(descriptor)
            input.deallocate()
            throw error
        }
        inputExhausted = firstCount == 0
        if firstCount >= 2 && input[0] == 0x1F && input[1] == 0x8B {
            let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            stream.initialize(to: z_stream())
            // 15 + 32: largest window, and accept either a gzip or a zlib header.
            let status = inflateInit2_(stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
            guard status == Z_OK else {
                stream.deallocate()
                close(descriptor)
                input.deallocate()
                throw DatasetError(file: path, kind: .notReadable(reason: "zlib could not start (error \(status))"))
            }
            stream.pointee.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_in = uInt(firstCount)
            self.stream = stream
        } else {
            stream = nil
            plainEnd = firstCount
        }
    }

    deinit {
        if let stream {
            inflateEnd(stream)
            stream.deallocate()
        }
        close(descriptor)
        input.deallocate()
    }

    /// Fills `buffer` completely unless the data ends first; returns how many bytes were written.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count > 0, let base = buffer.baseAddress else { return 0 }
        if let stream { return try inflate(stream, into: base, count: buffer.count) }
        return try copyPlain(into: base, count: buffer.count)
    }

    /// Reads (and discards) everything left, returning its length: used to detect trailing data.
    func countRemainingBytes() throws -> Int {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { scratch.deallocate() }
        var total = 0
        while true {
            let count = try read(into: scratch)
            total += count
            if count < scratch.count { return total }
        }
    }

    private func copyPlain(into base: UnsafeMutableRawPointer, count: Int) throws -> Int {
        let buffered = min(count, plainEnd - plainStart)
        if buffered > 0 {
            base.copyMemory(from: input.baseAddress! + plainStart, byteCount: buffered)
            plainStart += buffered
        }
        guard buffered < count, !inputExhausted else { return buffered }
        let rest = UnsafeMutableRawBufferPointer(start: base + buffered, count: count - buffered)
        let direct = try Self.readFully(descriptor, into: rest, path: path)
        if direct < rest.count { inputExhausted = true }
        return buffered + direct
    }

    private func inflate(_ stream: UnsafeMutablePointer<z_stream>, into base: UnsafeMutableRawPointer, count: Int) throws -> Int {
        var produced = 0
        while produced < count {
            if stream.pointee.avail_in == 0 {
                try refill(stream)
                if stream.pointee.avail_in == 0 {
                    endedInsideCompressedStream = !streamEnded
                    return produced
                }
            }
            if streamEnded {
                // More input after a complete stream: gzip allows concatenated members, and
                // anything else makes inflate fail below with "incorrect header check".
                inflateReset(stream)
                streamEnded = false
            }
            // zlib counts in 32-bit units; feed it at most 1 GiB at a time.
            let chunk = min(count - produced, 1 << 30)
            stream.pointee.next_out = (base + produced).assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(chunk)
            let status = CZlib.inflate(stream, Z_NO_FLUSH)
            produced += chunk - Int(stream.pointee.avail_out)
            switch status {
            case Z_OK, Z_BUF_ERROR:
                continue
            case Z_STREAM_END:
                streamEnded = true
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw DatasetError(file: path, kind: .corruptGzip(reason: message))
            }
        }
        return produced
    }

    private func refill(_ stream: UnsafeMutablePointer<z_stream>) throws {
        guard !inputExhausted else { return }
        let count = try Self.readFully(descriptor, into: input, path: path)
        if count < input.count { inputExhausted = true }
        stream.pointee.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = uInt(count)
    }

    /// read(2) until `buffer` is full or the file ends.
    private static func readFully(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var filled = 0
        while filled < buffer.count {
            let count = systemRead(descriptor, base + filled, min(buffer.count - filled, 1 << 30))
            if count == 0 { break }
            if count < 0 {
                let code = errno
                if code == EINTR { continue }
                throw DatasetError(file: path, kind: .notReadable(reason: reason(code)))
            }
            filled += count
        }
        return filled
    }

    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
