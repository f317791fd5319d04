#!/usr/bin/env bash
# End-to-end throughput of `scoring run` on N flat records (CSV in, CSV out), against the floor of
# merely parsing the input and writing the same number of rows; reports wall time and peak memory.
# usage: benchmarks/e2e.sh [N]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
work=${E2E_DIR:-$(mktemp -d)}
for p in src/Scoring.Cli tools/Scoring.Synth benchmarks/Scoring.Benchmarks; do dotnet build -c Release -v q -nologo "$p" >/dev/null || { echo "build of $p failed" >&2; exit 1; }; done
cli="dotnet src/Scoring.Cli/bin/Release/net10.0/scoring.dll"
bench="dotnet benchmarks/Scoring.Benchmarks/bin/Release/net10.0/Scoring.Benchmarks.dll"
synth="dotnet tools/Scoring.Synth/bin/Release/net10.0/Scoring.Synth.dll"
in="$work/settlements-$n.csv"
[ -f "$in" ] || $synth --scheme settlements --n "$n" --seed 1 --out "$in"
echo "input: $in ($(du -h "$in" | cut -f1), $n records); machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB"

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" 2>"$work/err.txt" >/dev/null || { cat "$work/err.txt"; exit 1; }
  read -r secs kb < "$work/time.txt"
  echo "$label: ${secs} s, peak RSS $((kb / 1024)) MB"
  eval "${label//[^a-z]/_}_secs=$secs"
}
measure "parse+write" $bench e2e "$in" "$work/floor.csv" 6
measure "scoring run" $cli run --rules rules/settlement-services.yaml --input "$in" --out "$work/out.csv"
tail -1 "$work/err.txt"
# what staff publish: the same run to .xlsx with its report (target: within 2x the run to CSV)
measure "xlsx and report" $cli run --rules rules/settlement-services.yaml --input "$in" --out "$work/out.xlsx" --report "$work/report.html"
python3 - "$parse_write_secs" "$scoring_run_secs" "$xlsx_and_report_secs" <<'PY'
import sys
floor, run, xlsx = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f"ratio scoring run / parse+write: {run / floor:.2f} (target <= 2.0)")
print(f"ratio xlsx and report / scoring run to CSV: {xlsx / run:.2f} (target <= 2.0)")
PY
