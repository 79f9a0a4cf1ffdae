import Cluster
import XCTest

final class SlurmBatchScriptsTests: XCTestCase {
    private let project = SlurmLayout(experiment: "eta", workingDirectory: "/home/ada/project")

    func testTheArrayTrainsShardIOfNInTaskI() {
        let scripts = SlurmBatchScripts(
            layout: project, experimentFile: "experiments/eta.yaml", runner: "/opt/runner/bin/runner", tasks: 3,
            arrayIndices: "0-2", cpusPerTask: 2, partition: nil, time: nil, account: nil)

        XCTAssertEqual(scripts.array, """
            #!/bin/bash
            # Written by runner slurm submit. Trains shard I of 3 of experiment eta in array task I.
            #SBATCH --job-name=eta
            #SBATCH --array=0-2
            #SBATCH --ntasks=1
            #SBATCH --cpus-per-task=2
            #SBATCH --output=/home/ada/project/results/slurm/eta/logs/task-%a.out
            #SBATCH --open-mode=append
            set -eu
            cd /home/ada/project
            exec /opt/runner/bin/runner sweep experiments/eta.yaml --shard "$SLURM_ARRAY_TASK_ID/3" --jobs 2

            """)
    }

    func testTheMergeJobWaitsForTheArrayAndMergesTheShardsThatExist() {
        let scripts = SlurmBatchScripts(
            layout: project, experimentFile: "experiments/eta.yaml", runner: "/opt/runner/bin/runner", tasks: 3,
            arrayIndices: "0-2", cpusPerTask: 2, partition: nil, time: nil, account: nil)

        XCTAssertEqual(scripts.merge(arrayJobID: "41"), """
            #!/bin/bash
            # Written by runner slurm submit. Merges the shards of experiment eta into results/results.sqlite and exports its CSVs.
            #SBATCH --job-name=eta-merge
            #SBATCH --dependency=afterany:41
            #SBATCH --ntasks=1
            #SBATCH --cpus-per-task=1
            #SBATCH --output=/home/ada/project/results/slurm/eta/logs/merge-%j.out
            set -eu
            cd /home/ada/project
            shards=()
            for shard in results/shards/eta-{0..2}-of-3.sqlite; do
                if [ -e "$shard" ]; then shards+=("$shard"); fi
            done
            if [ ${#shards[@]} -eq 0 ]; then
                echo "no shard database of eta in results/shards; see results/slurm/eta/logs" >&2
                exit 1
            fi
            /opt/runner/bin/runner merge "${shards[@]}" --into results/results.sqlite
            exec /opt/runner/bin/runner export --db results/results.sqlite --experiment eta --out results --allow-partial

            """)
    }

    /// Blanks and quotes in the paths and flags: bash words single-quoted,
    /// `#SBATCH` values double-quoted, and both jobs share partition, time and account.
    func testPathsAndFlagsWithBlanksAreQuotedForBashAndForSbatch() {
        let layout = SlurmLayout(experiment: "eta", workingDirectory: "/home/ada/my project")
        let scripts = SlurmBatchScripts(
            layout: layout, experimentFile: "ada's eta.yaml", runner: "/home/ada/my project/.build/release/runner",
            tasks: 1, arrayIndices: "0", cpusPerTask: 1, partition: "gpu", time: "1-00:00:00", account: "lab group")

        XCTAssertEqual(scripts.array, """
            #!/bin/bash
            # Written by runner slurm submit. Trains shard I of 1 of experiment eta in array task I.
            #SBATCH --job-name=eta
            #SBATCH --array=0
            #SBATCH --ntasks=1
            #SBATCH --cpus-per-task=1
            #SBATCH --output="/home/ada/my project/results/slurm/eta/logs/task-%a.out"
            #SBATCH --open-mode=append
            #SBATCH --partition=gpu
            #SBATCH --time=1-00:00:00
            #SBATCH --account="lab group"
            set -eu
            cd '/home/ada/my project'
            exec '/home/ada/my project/.build/release/runner' sweep 'ada'\\''s eta.yaml' --shard "$SLURM_ARRAY_TASK_ID/1" --jobs 1

            """)
        XCTAssertEqual(scripts.merge(arrayJobID: "7"), """
            #!/bin/bash
            # Written by runner slurm submit. Merges the shards of experiment eta into results/results.sqlite and exports its CSVs.
            #SBATCH --job-name=eta-merge
            #SBATCH --dependency=afterany:7
            #SBATCH --ntasks=1
            #SBATCH --cpus-per-task=1
            #SBATCH --output="/home/ada/my project/results/slurm/eta/logs/merge-%j.out"
            #SBATCH --partition=gpu
            #SBATCH --time=1-00:00:00
            #SBATCH --account="lab group"
            set -eu
            cd '/home/ada/my project'
            shards=()
            for shard in results/shards/eta-{0..0}-of-1.sqlite; do
                if [ -e "$shard" ]; then shards+=("$shard"); fi
            done
            if [ ${#shards[@]} -eq 0 ]; then
                echo "no shard database of eta in results/shards; see results/slurm/eta/logs" >&2
                exit 1
            fi
            '/home/ada/my project/.build/release/runner' merge "${shards[@]}" --into results/results.sqlite
            exec '/home/ada/my project/.build/release/runner' export --db results/results.sqlite --experiment eta --out results --allow-partial

            """)
    }

    /// Every task sweeps the experiment the overrides make, under its name.
    func testEveryTaskPassesTheOverridesOn() {
        let scripts = SlurmBatchScripts(
            layout: SlurmLayout(experiment: "eta+84db7d70", workingDirectory: "/home/ada/project"),
            experimentFile: "experiments/eta.yaml", overrides: ["epochs=1", "grid.eta=[1, 3]"],
            runner: "/opt/runner/bin/runner", tasks: 2, arrayIndices: "0-1", cpusPerTask: 1, partition: nil, time: nil,
            account: nil)

        XCTAssertTrue(scripts.array.hasSuffix("""
            exec /opt/runner/bin/runner sweep experiments/eta.yaml --set epochs=1 --set 'grid.eta=[1, 3]' --shard "$SLURM_ARRAY_TASK_ID/2" --jobs 1

            """), scripts.array)
        XCTAssertTrue(scripts.array.contains("#SBATCH --job-name=eta+84db7d70\n"), scripts.array)
        XCTAssertTrue(
            scripts.merge(arrayJobID: "7").contains("--experiment eta+84db7d70 --out results --allow-partial\n"),
            scripts.merge(arrayJobID: "7"))
    }
}
