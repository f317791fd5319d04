"""Independent check of the settlement scheme, written from shared/policies/settlement-services.md
(not from the YAML): a fresh random population, scored by the real CLI, compared record by record."""
import argparse, csv, os, random, sys, tempfile
from decimal import Decimal
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import ROOT, default_cli, run_cli

ap = argparse.ArgumentParser()
ap.add_argument("--cli", default=None)
ap.add_argument("--seed", type=int, default=424242)
ap.add_argument("--n", type=int, default=600)
args = ap.parse_args()
cli = args.cli or default_cli()
rnd = random.Random(args.seed)

rows, invalid = [], set()
for i in range(args.n):
    residents = rnd.choice([499, 500, 501, 799, 800, 801, rnd.randint(0, 6000)])
    households = rnd.choice([29, 30, 31, rnd.randint(0, 2000)])
    members = rnd.choice([2, 3, 4, rnd.randint(0, 60)])
    need = Decimal(20 * households)
    garden = rnd.choice([need, need - 1, need + 1, need - Decimal("0.5"), Decimal(rnd.randint(0, 40000)) / 2])
    if garden < 0: garden = Decimal(0)
    row = {"settlement_id": f"X-{i:05d}", "name": f"安置点{i}", "county": rnd.choice(["大宁县", "古浪县", "邵阳县"]),
           "residents": str(residents), "households": str(households), "full_party_members": str(members),
           "garden_area_m2": str(garden)}
    if i % 97 == 13:
        row["residents"] = ""; invalid.add(row["settlement_id"])
    elif i % 97 == 41:
        row["households"] = "many"; invalid.add(row["settlement_id"])
    rows.append(row)

def expected(r):
    res, hh, pm, g = int(r["residents"]), int(r["households"]), int(r["full_party_members"]), Decimal(r["garden_area_m2"])
    need = 20 * hh
    return {
        "party_organisation": "独立党支部" if res >= 500 and pm >= 3 else "联合党支部",
        "service_centre": "一站式服务中心" if res >= 800 else "服务管理中心",
        "five_connections_required": hh >= 30,
        "garden_ok": g >= need,
        "garden_shortfall_m2": max(Decimal(0), need - g),
    }

with tempfile.TemporaryDirectory() as d:
    inp = os.path.join(d, "in.csv")
    with open(inp, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys())); w.writeheader(); w.writerows(rows)
    results, rejects, _ = run_cli(cli, os.path.join(ROOT, "rules", "settlement-services.yaml"), inp, os.path.join(d, "out.jsonl"))

bad = []
rejected = {r["id"] for r in rejects}
if rejected != invalid:
    bad.append(f"rejected {sorted(rejected)} but expected {sorted(invalid)}")
for r in rows:
    sid = r["settlement_id"]
    if sid in invalid: continue
    got = results.get(sid, [None])[0]
    if got is None:
        bad.append(f"{sid}: no result"); continue
    for k, v in expected(r).items():
        a = got.get(k)
        same = Decimal(str(a)) == v if isinstance(v, Decimal) else a == v
        if not same: bad.append(f"{sid}.{k}: expected {v}, engine {a}")
if bad:
    print("\n".join(bad[:50])); print(f"check_settlements: {len(bad)} disagreements"); sys.exit(1)
print(f"check_settlements: {len(rows)} records agree ({len(invalid)} rejected as expected)")
