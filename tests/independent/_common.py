"""Shared helpers for the independent checkers: find the CLI, run it, read its output."""
import glob, json, os, shlex, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def default_cli():
    """The built CLI (Release before Debug), for checkers run by hand; CI passes --cli."""
    for cfg in ("Release", "Debug"):
        hits = sorted(glob.glob(os.path.join(ROOT, "src", "Scoring.Cli", "bin", cfg, "*", "scoring.dll")))
        if hits:
            return "dotnet " + shlex.quote(hits[-1])
    sys.exit("no build of src/Scoring.Cli found; run `dotnet build src/Scoring.Cli` first or pass --cli")


def run_cli(cli, rules, input_path, out_path, extra=()):
    cmd = shlex.split(cli) + ["run", "--rules", rules, "--input", input_path, "--out", out_path, *extra]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode not in (0, 3):
        sys.exit(f"scoring run failed ({p.returncode}): {p.stderr}")
    results = {}
    with open(out_path, encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            results.setdefault(o["id"], []).append(o["outcomes"])
    rejects = []
    rp = out_path + ".rejects.jsonl"
    if os.path.exists(rp):
        with open(rp, encoding="utf-8") as f:
            rejects = [json.loads(l) for l in f]
    return results, rejects, p.stderr
