import ArgumentParser

/// `--seed`: a whole number from 0 to 2⁶⁴ − 1, as experiment files' `seeds`
/// take. Parsed here so that `--seed -1` says what a seed is, rather than
/// only that the value is invalid.
enum Seed {
    static func parse(_ text: String) throws -> UInt64 {
        guard let seed = UInt64(text) else {
            throw ValidationError("a seed is a whole number from 0 to \(UInt64.max)")
        }
        return seed
    }
}
