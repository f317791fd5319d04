#!/usr/bin/env bash
# Every benchmark in one command: the BenchmarkDotNet suite (ShortRun; reports copied into
# benchmarks/results/, ready to commit) and the end-to-end `scoring run` against its floor.
# usage: bash benchmarks/run.sh [N for the end-to-end run, default 1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
rm -rf BenchmarkDotNet.Artifacts/results
dotnet run -c Release --project benchmarks/Scoring.Benchmarks -- --filter '*' --job short --exporters github
shopt -s nullglob
reports=(BenchmarkDotNet.Artifacts/results/*-report-github.md)
[ ${#reports[@]} -gt 0 ] || { echo "run.sh: BenchmarkDotNet wrote no reports" >&2; exit 1; }
cp "${reports[@]}" benchmarks/results/
echo "copied ${#reports[@]} reports into benchmarks/results/"
bash benchmarks/e2e.sh "$n"
