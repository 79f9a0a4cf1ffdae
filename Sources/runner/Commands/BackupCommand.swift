import ArgumentParser
import Foundation
import Results

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy a results database into a new single file, consistently, even while sweeps write to it.",
        discussion: """
            Copies the database as it was when the backup began (SQLite's VACUUM INTO on \
            a read-only connection): every epoch committed before then is in the copy, \
            and sweeps go on writing meanwhile. The copy is one file in rollback-journal \
            mode, with no -wal or -shm beside it, and passes runner check. Use it rather \
            than cp, which can copy a database half-way through a commit, or without the \
            commits still in its -wal. FILE must not exist. Exits 1 when the database \
            cannot be read (a damaged one names runner recover).
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(name: .customLong("to"), help: ArgumentHelp("The new file to copy into.", valueName: "FILE"))
    var destination: String

    func run() throws {
        if !FileManager.default.fileExists(atPath: store.path) {
            throw RunnerFailure.input("\(store.path): no such database (pass --db)")
        }
        let contents = try SQLiteResultsStore.backup(store.path, to: destination)
        print("backed up \(store.path) into \(destination): \(ContentsText.phrase(contents))")
    }
}
