import GRDB

extension DatabaseValue {
    /// The value as query results and CSV exports show it: integers plain,
    /// reals with Swift's shortest round-trip description (`0.1`, `1e-05`),
    /// text as is, blobs as an SQL hex literal, NULL as nil.
    var text: String? {
        switch storage {
        case .null:
            return nil
        case .int64(let value):
            return String(value)
        case .double(let value):
            return value.description
        case .string(let value):
            return value
        case .blob(let data):
            let digits: [Character] = Array("0123456789abcdef")
            var hex = "x'"
            for byte in data {
                hex.append(digits[Int(byte >> 4)])
                hex.append(digits[Int(byte & 0x0f)])
            }
            return hex + "'"
        }
    }
}
