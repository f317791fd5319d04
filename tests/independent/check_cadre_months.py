"""Independent check of the monthly ten stars, written from shared/policies/ten-star-cadre.md
(not from the YAML): a fresh random population of cadre-months, scored by the real CLI."""
import argparse, json, os, random, sys, tempfile
from decimal import Decimal
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import ROOT, default_cli, run_cli

ap = argparse.ArgumentParser()
ap.add_argument("--cli", default=None)
ap.add_argument("--seed", type=int, default=9090)
ap.add_argument("--n", type=int, default=800)
args = ap.parse_args()
cli = args.cli or default_cli()
rnd = random.Random(args.seed)

def record(i):
    req = rnd.choice([20, 22])
    assigned = rnd.choice([0, 10, 20, rnd.randint(0, 15)])
    hh = rnd.choice([0, 20, 30, rnd.randint(0, 40)])
    rep = rnd.choice([0, 5, 10, rnd.randint(0, 12)])
    return {
        "cadre_id": f"K-{i:05d}", "team": rnd.choice(["first_secretary", "work_team", "assistance_cadre", "village_cadre"]),
        "month": f"2023-{rnd.randint(1, 12):02d}",
        "days_on_post": rnd.choice([req, req - 1, req - 3, req - 4, rnd.randint(0, 31)]), "required_days": req,
        "leave_approved": rnd.random() < 0.4, "skills_test_score": rnd.choice([79, 80, 81, rnd.randint(0, 100)]),
        "tasks_assigned": assigned, "tasks_completed": rnd.choice([assigned, (assigned * 9) // 10, max(0, assigned - 2), rnd.randint(0, assigned)]),
        "households_assigned": hh, "households_visited": rnd.choice([hh, max(0, hh - 1)]),
        "hardships_reported": rep, "hardships_resolved": rnd.choice([rep, (rep * 8) // 10, max(0, (rep * 8) // 10 - 1), rnd.randint(0, rep)]),
        "households_income_up": rnd.choice([hh, (hh * 95) // 100, max(0, hh - 2), rnd.randint(0, hh)]),
        "satisfaction_score": float(rnd.choice([Decimal("90"), Decimal("89.99"), Decimal("90.01"), Decimal(rnd.randint(0, 1000)) / 10])),
        "policy_sessions": rnd.choice([1, 2, rnd.randint(0, 5)]), "jobs_or_industry_linked": rnd.choice([0, 1, rnd.randint(0, 4)]),
        "log_complete": rnd.random() < 0.8, "discipline_violation": rnd.random() < 0.1,
    }

rows = [record(i) for i in range(args.n)]
invalid = set()
for i, r in enumerate(rows):
    if i % 101 == 7: del r["log_complete"]; invalid.add(r["cadre_id"])
    elif i % 101 == 55: r["skills_test_score"] = 101; invalid.add(r["cadre_id"])

def stars(r):
    D = lambda x: Decimal(str(x))
    s = {
        "on_post": r["days_on_post"] >= r["required_days"] or (r["leave_approved"] and r["days_on_post"] >= r["required_days"] - 3),
        "competence": r["skills_test_score"] >= 80,
        "effectiveness": r["tasks_assigned"] == 0 or D(r["tasks_completed"]) / D(r["tasks_assigned"]) >= Decimal("0.9"),
        "visits": r["households_visited"] == r["households_assigned"] and (r["hardships_reported"] == 0 or D(r["hardships_resolved"]) / D(r["hardships_reported"]) >= Decimal("0.8")),
        "income": r["households_assigned"] > 0 and D(r["households_income_up"]) / D(r["households_assigned"]) >= Decimal("0.95"),
        "satisfaction": D(r["satisfaction_score"]) >= 90,
        "policy": r["policy_sessions"] >= 2,
        "employment": r["jobs_or_industry_linked"] >= 1,
        "records": r["log_complete"],
        "integrity": not r["discipline_violation"],
    }
    s["stars"] = sum(1 for v in s.values() if v)
    return s

with tempfile.TemporaryDirectory() as d:
    inp = os.path.join(d, "in.jsonl")
    with open(inp, "w", encoding="utf-8") as f:
        for r in rows: f.write(json.dumps(r, ensure_ascii=False) + "\n")
    results, rejects, _ = run_cli(cli, os.path.join(ROOT, "rules", "ten-star-cadre-monthly.yaml"), inp, os.path.join(d, "out.jsonl"))

bad = []
if {r["id"] for r in rejects} != invalid:
    bad.append(f"rejected {sorted(r['id'] for r in rejects)} but expected {sorted(invalid)}")
for r in rows:
    if r["cadre_id"] in invalid: continue
    got = results.get(r["cadre_id"], [None])[0]
    if got is None: bad.append(f"{r['cadre_id']}: no result"); continue
    for k, v in stars(r).items():
        if got.get(k) != v: bad.append(f"{r['cadre_id']}.{k}: expected {v}, engine {got.get(k)}")
if bad:
    print("\n".join(bad[:50])); print(f"check_cadre_months: {len(bad)} disagreements"); sys.exit(1)
print(f"check_cadre_months: {len(rows)} records agree ({len(invalid)} rejected as expected)")
