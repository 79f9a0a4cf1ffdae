import Crypto
import Foundation

/// Lower-case hex SHA-256, the form every checksum in this package is written in.
enum Checksum {
    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    static func sha256Hex<Bytes: DataProtocol>(of bytes: Bytes) -> String {
        hex(SHA256.hash(data: bytes))
    }
}
