import Crypto
import Foundation

/// Lower-case hex SHA-256, the form every checksum in this package is written
/// in: datasets' checksums here, run identities and experiment files' hashes
/// in Experiments.
package enum Checksum {
    package static func hex(_ digest: SHA256.Digest) -> String {
        let hexDigits = Array("0123456789abcdef")
        var text = ""
        for byte in digest {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return text
    }

    package static func sha256Hex<Bytes: DataProtocol>(of bytes: Bytes) -> String {
        hex(SHA256.hash(data: bytes))
    }
}
