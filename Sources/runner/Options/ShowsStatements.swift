import ArgumentParser

/// A command with `--verbose`: `Runner.main` renders a failed SQL statement
/// in its error message whole for these when it is given, and by its first
/// words otherwise (an `INSERT` runs to hundreds of characters).
protocol ShowsStatements: ParsableCommand {
    var verbose: Bool { get }
}

extension SweepCommand: ShowsStatements { var verbose: Bool { store.verbose } }
extension QueryCommand: ShowsStatements { var verbose: Bool { store.verbose } }
extension ListCommand: ShowsStatements { var verbose: Bool { store.verbose } }
extension ExportCommand: ShowsStatements { var verbose: Bool { store.verbose } }
extension ShowCommand: ShowsStatements { var verbose: Bool { store.verbose } }
extension VerifyCommand: ShowsStatements { var verbose: Bool { store.verbose } }
extension GCCommand: ShowsStatements { var verbose: Bool { store.verbose } }
extension ServeCommand: ShowsStatements { var verbose: Bool { store.verbose } }
extension CheckCommand: ShowsStatements { var verbose: Bool { store.verbose } }
extension BackupCommand: ShowsStatements { var verbose: Bool { store.verbose } }
extension MergeCommand: ShowsStatements {}
extension RecoverCommand: ShowsStatements {}
