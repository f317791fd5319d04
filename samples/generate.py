#!/usr/bin/env python3
"""Generate the sample input files in this folder, deterministically.

    python3 samples/generate.py

writes (next to this script, overwriting):
  settlements.csv       ~30 settlements for rules/settlement-services.yaml
  cadre-months.csv      ~60 cadre-months of 2023 for rules/ten-star-cadre-monthly.yaml
  cadre-months.jsonl    the same cadre-months as JSON Lines

Standard library only; a fixed random seed, so running it again reproduces the
files byte for byte. The worked examples of the reference policies (settlement
S-001 and cadre C-017 in 2023-05) are fixed rows, as are a few settlements that
sit exactly on (or just past) a threshold. All rows are valid records; the
numbers are illustrative, not real data.
"""

import csv
import json
import random
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20240101

COUNTIES = ["大宁县", "紫阳县", "邵阳县", "古浪县", "芦山县"]

SETTLEMENT_FIELDS = ["settlement_id", "name", "county", "residents", "households",
                     "full_party_members", "garden_area_m2"]

CADRE_FIELDS = ["cadre_id", "team", "month", "days_on_post", "required_days", "leave_approved",
                "skills_test_score", "tasks_assigned", "tasks_completed", "households_assigned",
                "households_visited", "hardships_reported", "hardships_resolved",
                "households_income_up", "satisfaction_score", "policy_sessions",
                "jobs_or_industry_linked", "log_complete", "discipline_violation"]


def tenths(n):
    """An integer number of tenths as an exact decimal text: 915 -> '91.5', 920 -> '92'."""
    return str(Decimal(n) / 10)


def ceil_ratio(n, num, den):
    """Smallest whole k with k / n >= num / den (exact integer arithmetic)."""
    return -((-n * num) // den)


# ── settlements ─────────────────────────────────────────────────────────────

# Fixed rows: the worked example, then settlements exactly on / just past each threshold
# (residents 500/499 with 3/2 party members, residents 800/799, households 30/29,
# garden exactly 20 m² per household, 1 m² and 0.5 m² short).
FIXED_SETTLEMENTS = [
    ("S-001", "幸福社区移民新区", "大宁县", 4689, 1538, 35, "25000"),
    ("S-002", "同心家园", "邵阳县", 500, 131, 3, "2620"),
    ("S-003", "龙山安置小区", "邵阳县", 499, 128, 3, "2560"),
    ("S-004", "清溪新村", "紫阳县", 500, 140, 2, "2800"),
    ("S-005", "汉江移民社区", "紫阳县", 800, 214, 7, "4280"),
    ("S-006", "红椿安置点", "紫阳县", 799, 212, 6, "4240"),
    ("S-007", "黄羊川小区", "古浪县", 112, 30, 1, "599.5"),
    ("S-008", "土门安置点", "古浪县", 108, 29, 1, "580"),
    ("S-009", "龙门新居", "芦山县", 236, 64, 2, "1279"),
    ("S-010", "双石安居小区", "芦山县", 1210, 318, 9, "6360"),
]

NAME_HEADS = ["阳光", "和谐", "安康", "富民", "惠民", "兴隆", "祥和", "永宁", "金穗", "青山",
              "绿水", "新华", "团结", "振兴", "康乐", "宝塔", "凤凰", "桃源", "梨园", "石门",
              "白云", "向阳", "丰收", "长乐", "福寿", "昌盛", "平安", "锦绣", "云岭", "映山红"]
NAME_TAILS = ["社区", "家园", "新村", "小区", "安置点", "新居", "移民新区"]


def settlement_rows(rng):
    rows = [list(r) for r in FIXED_SETTLEMENTS]
    used = {r[1] for r in rows}
    heads = NAME_HEADS[:]
    rng.shuffle(heads)
    n = len(rows)
    for head in heads:
        if n >= 30:
            break
        name = head + rng.choice(NAME_TAILS)
        if name in used:
            continue
        used.add(name)
        n += 1
        county = rng.choice(COUNTIES)
        # mostly small and middle-sized settlements, a few large ones
        households = rng.choice([rng.randint(12, 60), rng.randint(60, 260), rng.randint(260, 1400)])
        residents = households * rng.randint(300, 420) // 100
        party = max(0, residents // rng.randint(90, 220) + rng.randint(-1, 2))
        # garden: 12-26 m² per household, in tenths of a m²; some whole numbers
        area_tenths = households * rng.randint(120, 260) + rng.choice([0, 0, rng.randint(1, 9)])
        rows.append([f"S-{n:03d}", name, county, residents, households, party, tenths(area_tenths)])
    return rows


# ── cadre-months ────────────────────────────────────────────────────────────

# cadre_id, team, paired households, how often each standard is met, months present in 2023
CADRES = [
    ("C-003", "village_cadre", 24, 0.92, list(range(1, 13))),
    ("C-008", "work_team", 18, 0.80, list(range(1, 13))),
    ("C-011", "assistance_cadre", 12, 0.80, [m for m in range(1, 13) if m != 8]),
    ("C-017", "first_secretary", 30, 0.90, list(range(1, 13))),
    ("C-021", "work_team", 20, 0.60, [m for m in range(1, 13) if m not in (2, 9, 10)]),
    ("C-024", "assistance_cadre", 8, 0.75, [9, 10, 11, 12]),
]

# The worked example of ten-star-cadre.md: 8 stars (policy and employment missed).
FIXED_CADRE_MONTHS = {
    ("C-017", "2023-05"): dict(
        cadre_id="C-017", team="first_secretary", month="2023-05",
        days_on_post=21, required_days=22, leave_approved=True, skills_test_score=85,
        tasks_assigned=10, tasks_completed=9, households_assigned=30, households_visited=30,
        hardships_reported=5, hardships_resolved=4, households_income_up=29,
        satisfaction_score="91.5", policy_sessions=1, jobs_or_industry_linked=0,
        log_complete=True, discipline_violation=False),
}

# A confirmed breach of discipline in these cadre-months (exercises the yearly veto).
VIOLATIONS = {("C-011", "2023-07"), ("C-021", "2023-04")}


def cadre_month(rng, cadre_id, team, paired, p, month):
    ok = lambda: rng.random() < p  # noqa: E731
    required = 22 if team == "first_secretary" else 20

    if ok():
        days, leave = required + rng.randint(0, 3), False
    elif rng.random() < 0.5:  # approved leave: 1–4 days short (up to 3 still earns the star)
        days, leave = required - rng.randint(1, 4), True
    else:
        days, leave = required - rng.randint(1, 6), False

    skills = rng.randint(80, 100) if ok() else rng.randint(60, 79)

    assigned = rng.choice([0, rng.randint(3, 12), rng.randint(3, 12)])
    if ok():
        completed = rng.randint(ceil_ratio(assigned, 9, 10), assigned)
    else:
        completed = rng.randint(0, max(0, ceil_ratio(assigned, 9, 10) - 1))

    visited = paired if ok() else paired - rng.randint(1, min(3, paired))
    reported = rng.randint(0, 6)
    if ok():
        resolved = rng.randint(ceil_ratio(reported, 8, 10), reported)
    else:
        resolved = rng.randint(0, max(0, ceil_ratio(reported, 8, 10) - 1))

    if ok():
        income_up = rng.randint(ceil_ratio(paired, 95, 100), paired)
    else:
        income_up = rng.randint(paired * 3 // 4, ceil_ratio(paired, 95, 100) - 1)

    satisfaction = tenths(rng.randint(900, 995) if ok() else rng.randint(780, 899))
    sessions = rng.randint(2, 4) if ok() else rng.randint(0, 1)
    jobs = rng.randint(1, 5) if ok() else 0
    log = ok()

    return dict(
        cadre_id=cadre_id, team=team, month=month,
        days_on_post=days, required_days=required, leave_approved=leave, skills_test_score=skills,
        tasks_assigned=assigned, tasks_completed=completed, households_assigned=paired,
        households_visited=visited, hardships_reported=reported, hardships_resolved=resolved,
        households_income_up=income_up, satisfaction_score=satisfaction, policy_sessions=sessions,
        jobs_or_industry_linked=jobs, log_complete=log,
        discipline_violation=(cadre_id, month) in VIOLATIONS)


def cadre_rows(rng):
    rows = []
    for cadre_id, team, paired, p, months in CADRES:
        for m in range(1, 13):
            month = f"2023-{m:02d}"
            # draw for every month, present or not, so one cadre's rows do not shift another's
            row = cadre_month(rng, cadre_id, team, paired, p, month)
            if m not in months:
                continue
            rows.append(FIXED_CADRE_MONTHS.get((cadre_id, month), row))
    return rows


# ── writers ─────────────────────────────────────────────────────────────────

def csv_text(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def json_text(field, v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int) or field == "satisfaction_score":
        return str(v)  # a JSON number, written exactly as in the CSV
    return json.dumps(v, ensure_ascii=False)


def write_csv(path, fields, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(fields)
        for r in rows:
            w.writerow([csv_text(v) for v in r])


def write_jsonl(path, fields, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        for r in rows:
            f.write("{" + ", ".join(f'"{k}": {json_text(k, r[k])}' for k in fields) + "}\n")


def main():
    rng = random.Random(SEED)
    settlements = settlement_rows(rng)
    write_csv(HERE / "settlements.csv", SETTLEMENT_FIELDS, settlements)

    cadres = cadre_rows(rng)
    write_csv(HERE / "cadre-months.csv", CADRE_FIELDS, [[r[k] for k in CADRE_FIELDS] for r in cadres])
    write_jsonl(HERE / "cadre-months.jsonl", CADRE_FIELDS, cadres)

    print(f"settlements.csv: {len(settlements)} rows; "
          f"cadre-months.csv / cadre-months.jsonl: {len(cadres)} rows")


if __name__ == "__main__":
    main()
