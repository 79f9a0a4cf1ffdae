import Foundation
import XCTest
@testable import Cluster

/// The real client against stand-in Slurm commands: shell scripts on a PATH
/// of their own.
final class SlurmToolsTests: XCTestCase {
    func testSubmitReturnsTheJobIDOfParsableOutput() throws {
        let tools = try toolsWith(["sbatch": "echo '4711;cluster'"])

        XCTAssertEqual(try tools.submit(script: "#!/bin/bash\n"), "4711")
    }

    /// sbatch reads the script from the file named last, not from standard input.
    func testSubmitPassesTheScriptAsAFile() throws {
        let directory = try makeTemporaryDirectory()
        let tools = try toolsWith(["sbatch": "cp \"$2\" '\(directory)/submitted'; echo \"$1\" > '\(directory)/flags'; echo 12"])

        _ = try tools.submit(script: "#!/bin/bash\necho hello\n")

        XCTAssertEqual(try String(contentsOfFile: directory + "/submitted", encoding: .utf8), "#!/bin/bash\necho hello\n")
        XCTAssertEqual(try String(contentsOfFile: directory + "/flags", encoding: .utf8), "--parsable\n")
    }

    func testAnAnswerThatIsNotAJobIDIsASlurmFailure() throws {
        let tools = try toolsWith(["sbatch": "echo 'Submitted batch job'"])

        XCTAssertThrowsError(try tools.submit(script: "")) { error in
            XCTAssertEqual(error as? ClusterError, ClusterError(.slurm, #"sbatch: answered "Submitted batch job" instead of a job id"#))
        }
    }

    /// Slurm's own words, on one line, without the repeated prefix.
    func testARefusalCarriesSlurmsMessage() throws {
        let tools = try toolsWith(["sbatch": """
            echo 'sbatch: error: Batch job submission failed: Invalid partition name specified' >&2
            echo 'sbatch: error: see the manual' >&2
            exit 1
            """])

        XCTAssertThrowsError(try tools.submit(script: "")) { error in
            XCTAssertEqual(error as? ClusterError, ClusterError(
                .slurm, "sbatch: Batch job submission failed: Invalid partition name specified; see the manual"))
        }
    }

    func testASilentFailureGivesTheExitStatus() throws {
        let tools = try toolsWith(["scancel": "exit 3"])

        XCTAssertThrowsError(try tools.cancel(jobID: "12")) { error in
            XCTAssertEqual(error as? ClusterError, ClusterError(.slurm, "scancel: exited with status 3"))
        }
    }

    func testAToolMissingFromPATHSaysHowToInstallIt() throws {
        let tools = try toolsWith([:])

        XCTAssertThrowsError(try tools.submit(script: "")) { error in
            XCTAssertEqual(error as? ClusterError, ClusterError(
                .slurm, "sbatch: not found on PATH; install Slurm's client commands (Debian: apt-get install slurm-client) or run where they are"))
        }
    }

    func testQueueAndAccountingRowsKeepEmptyFields() throws {
        let tools = try toolsWith([
            "squeue": #"printf '12_0|eta|RUNNING|0:05|None\n13|eta-merge|PENDING|0:00|Dependency\n'"#,
            "sacct": #"printf '11|eta||0:00:07|0:0\n'"#,
        ])

        XCTAssertEqual(try tools.queue(jobIDs: ["12", "13"]), [
            ["12_0", "eta", "RUNNING", "0:05", "None"], ["13", "eta-merge", "PENDING", "0:00", "Dependency"],
        ])
        XCTAssertEqual(try tools.accounting(jobIDs: ["11"]), [["11", "eta", "", "0:00:07", "0:0"]])
    }

    /// Asked only about jobs it has forgotten, squeue fails; that is no failure.
    func testJobsSqueueHasForgottenAreNoRows() throws {
        let tools = try toolsWith(["squeue": "echo 'slurm_load_jobs error: Invalid job id specified' >&2; exit 1"])

        XCTAssertEqual(try tools.queue(jobIDs: ["3"]), [])
    }

    func testOtherSqueueFailuresAreSlurmFailures() throws {
        let tools = try toolsWith(["squeue": "echo 'squeue: error: Unable to contact slurm controller' >&2; exit 1"])

        XCTAssertThrowsError(try tools.queue(jobIDs: ["3"])) { error in
            XCTAssertEqual(error as? ClusterError, ClusterError(.slurm, "squeue: Unable to contact slurm controller"))
        }
    }

    /// SlurmTools on a PATH holding only `scripts`, each a bash script body.
    private func toolsWith(_ scripts: [String: String]) throws -> SlurmTools {
        let bin = try makeTemporaryDirectory()
        for (name, body) in scripts {
            let path = bin + "/" + name
            try "#!/bin/bash\n\(body)\n".write(toFile: path, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
        return SlurmTools(environment: ["PATH": bin])
    }
}
