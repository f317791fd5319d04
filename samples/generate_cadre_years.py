#!/usr/bin/env python3
"""Generate samples/cadre-years.jsonl for rules/ten-star-cadre-year.yaml, deterministically.

    python3 samples/generate_cadre_years.py

writes (next to this script, overwriting) cadre-years.jsonl: one JSON Lines object per cadre and
year, {"cadre_id", "team", "year", "months": [monthly records]}, each monthly record carrying every
field of the monthly rule set (rules/ten-star-cadre-monthly.yaml).

Standard library only; a fixed random seed, so running it again reproduces the file byte for byte.

How the records are made: for every month the generator first decides which of the ten stars the
cadre loses, then draws field values that meet or miss each standard accordingly (often exactly on
the edge: 80 / 79 points, 90 / 89.9 satisfaction, 90 % of tasks, 80 % of problems, 95 % of
households, 3 days short with approved leave, ...). So the star counts below are known by
construction; the rule set and tests/independent/check_cadre_years.py compute them from the
fields.

Contents (a few hundred cadres across the four teams, mostly 2023, some also 2024):
  - the policy's worked example verbatim: C-017, first secretary, 2023-05, 8 stars;
  - cadres on every grade threshold: 120, exactly 108 (优秀) and 107, 108 with one month without
    on_post, 84 / 83, 60 / 59; a violation with 115 stars and with 50 stars; 2 and 3 months without
    on_post; missing months (1, 2, 3, with and without further months off post); an empty months
    list (all twelve months missing);
  - ties within a team on stars and on satisfaction stars (decided by cadre_id), and on stars only
    (decided by satisfaction stars);
  - several hundred ordinary cadres with varied diligence, some starting mid-year, a few violations.
All records are valid: every one scores without rejection. The numbers are illustrative, not real data.
"""

import json
import random
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "cadre-years.jsonl"
SEED = 20240315

TEAMS = ["first_secretary", "work_team", "assistance_cadre", "village_cadre"]
STARS = ["on_post", "competence", "effectiveness", "visits", "income",
         "satisfaction", "policy", "employment", "records", "integrity"]
MONTH_FIELDS = ["cadre_id", "team", "month", "days_on_post", "required_days", "leave_approved",
                "skills_test_score", "tasks_assigned", "tasks_completed", "households_assigned",
                "households_visited", "hardships_reported", "hardships_resolved",
                "households_income_up", "satisfaction_score", "policy_sessions",
                "jobs_or_industry_linked", "log_complete", "discipline_violation"]

# The worked example of ten-star-cadre.md: 8 stars (policy and employment missed).
WORKED_EXAMPLE = dict(
    cadre_id="C-017", team="first_secretary", month="2023-05",
    days_on_post=21, required_days=22, leave_approved=True, skills_test_score=85,
    tasks_assigned=10, tasks_completed=9, households_assigned=30, households_visited=30,
    hardships_reported=5, hardships_resolved=4, households_income_up=29,
    satisfaction_score=Decimal("91.5"), policy_sessions=1, jobs_or_industry_linked=0,
    log_complete=True, discipline_violation=False)


def ceil_ratio(n, num, den):
    """Smallest whole k with k / n >= num / den (exact integer arithmetic)."""
    return -((-n * num) // den)


# ── one month from the set of stars lost ──────────────────────────────────────

def make_month(rng, cadre_id, team, month, paired, lost):
    """A monthly record that earns exactly the stars not in `lost` (`paired` = households paired)."""
    required = 22 if team == "first_secretary" else 20
    edge = lambda: rng.random() < 0.35  # noqa: E731  (values on the very edge of a standard)

    # 守岗敬业星: days >= required, or approved leave and days >= required - 3
    if "on_post" not in lost:
        kind = rng.random()
        if kind < 0.65:
            days, leave = required + (0 if edge() else rng.randint(0, 4)), rng.random() < 0.05
        else:
            days, leave = required - (3 if edge() else rng.randint(1, 3)), True
    else:
        if rng.random() < 0.5:
            days, leave = required - (4 if edge() else rng.randint(4, 9)), True
        else:
            days, leave = required - (1 if edge() else rng.randint(1, 8)), False

    # 业务能力星: skills >= 80
    if "competence" not in lost:
        skills = 80 if edge() else rng.randint(80, 100)
    else:
        skills = 79 if edge() else rng.randint(52, 79)

    # 工作成效星: no tasks, or completed / assigned >= 0.9
    if "effectiveness" not in lost:
        assigned = 0 if rng.random() < 0.1 else rng.randint(3, 15)
        need = ceil_ratio(assigned, 9, 10)
        completed = need if edge() else rng.randint(need, assigned)
    else:
        assigned = rng.randint(2, 15)
        need = ceil_ratio(assigned, 9, 10)
        completed = need - 1 if edge() else rng.randint(0, need - 1)

    # 遍访解困星: visited == paired and (no problems or resolved / reported >= 0.8)
    reported = 0 if rng.random() < 0.2 else rng.randint(1, 8)
    if "visits" not in lost:
        visited = paired
        resolved = (ceil_ratio(reported, 8, 10) if edge() else rng.randint(ceil_ratio(reported, 8, 10), reported))
    else:
        if paired > 0 and (reported == 0 or rng.random() < 0.5):
            visited = paired - rng.randint(1, min(3, paired))
            resolved = rng.randint(0, reported)
        else:
            reported = max(reported, 1)
            visited = paired
            need = ceil_ratio(reported, 8, 10)
            resolved = need - 1 if edge() else rng.randint(0, need - 1)

    # 稳定增收星: paired > 0 and income_up / paired >= 0.95
    if paired == 0:
        income_up = 0
    elif "income" not in lost:
        need = ceil_ratio(paired, 95, 100)
        income_up = need if edge() else rng.randint(need, paired)
    else:
        need = ceil_ratio(paired, 95, 100)
        income_up = need - 1 if edge() else rng.randint(paired * 3 // 4, need - 1)

    # 群众满意星: satisfaction >= 90 (one decimal, sometimes two)
    if "satisfaction" not in lost:
        sat = rng.choice([Decimal("90"), Decimal("90.0"), Decimal("90.01")]) if edge() else Decimal(rng.randint(900, 1000)) / 10
    else:
        sat = rng.choice([Decimal("89.9"), Decimal("89.99")]) if edge() else Decimal(rng.randint(700, 899)) / 10

    sessions = (2 if edge() else rng.randint(2, 5)) if "policy" not in lost else (1 if edge() else rng.randint(0, 1))
    jobs = (1 if edge() else rng.randint(1, 6)) if "employment" not in lost else 0

    return dict(
        cadre_id=cadre_id, team=team, month=month,
        days_on_post=days, required_days=required, leave_approved=leave, skills_test_score=skills,
        tasks_assigned=assigned, tasks_completed=completed, households_assigned=paired,
        households_visited=visited, hardships_reported=reported, hardships_resolved=resolved,
        households_income_up=income_up, satisfaction_score=sat, policy_sessions=sessions,
        jobs_or_industry_linked=jobs, log_complete="records" not in lost,
        discipline_violation="integrity" in lost)


def make_year(rng, cadre_id, team, year, losses, paired=None, shuffle=False, fixed=None):
    """A year record; `losses` maps month number (1–12) to the set of stars lost, absent = missing."""
    if paired is None:
        paired = rng.randint(5, 40)
    months = []
    for m in sorted(losses):
        month = f"{year}-{m:02d}"
        if fixed and month in fixed:
            months.append(fixed[month])
        else:
            months.append(make_month(rng, cadre_id, team, month, paired, set(losses[m])))
    if shuffle:
        rng.shuffle(months)
    return {"cadre_id": cadre_id, "team": team, "year": year, "months": months}


# ── how many stars are lost, and where ─────────────────────────────────────────

SOFT = ["competence", "effectiveness", "visits", "income", "satisfaction", "policy", "employment", "records"]


def spread(rng, months, count, stars=SOFT, base=None):
    """Lose `count` more stars (each from `stars`) spread over `months`, on top of `base`."""
    losses = {m: set(base.get(m, ())) if base else set() for m in months}
    slots = [(m, s) for m in months for s in stars if s not in losses[m]]
    for m, s in rng.sample(slots, count):
        losses[m].add(s)
    return losses


def threshold_cadres(rng, ids):
    """Records on every edge of the grade, the vetoes and the missing months."""
    full = range(1, 13)
    out = []

    def add(team, losses, **kw):
        out.append(make_year(rng, next(ids), team, 2023, losses, **kw))

    add("work_team", {m: set() for m in full})                                   # 120, 优秀
    add("first_secretary", spread(rng, full, 12))                                  # 108, 优秀
    add("village_cadre", spread(rng, full, 12))                                    # 108, 优秀
    add("assistance_cadre", spread(rng, full, 13))                                 # 107, 合格
    add("work_team", spread(rng, full, 11, base={6: {"on_post"}}))                 # 108, one month off post → 合格
    add("first_secretary", spread(rng, full, 11, base={2: {"on_post"}}))           # 108, one month off post → 合格
    add("assistance_cadre", spread(rng, full, 36))                                 # 84, 合格
    add("village_cadre", spread(rng, full, 37))                                    # 83, 基本合格
    add("work_team", spread(rng, full, 60))                                        # 60, 基本合格
    add("first_secretary", spread(rng, full, 61))                                  # 59, 不合格
    add("village_cadre", spread(rng, full, 4, base={4: {"integrity"}}))            # violation, 115 → 基本合格
    add("assistance_cadre", spread(rng, full, 69, base={9: {"integrity"}}))        # violation, 50 → 不合格
    add("work_team", spread(rng, full, 11, base={11: {"integrity"}}))              # violation, 108 → 基本合格
    add("work_team", spread(rng, full, 2, base={3: {"on_post"}, 8: {"on_post"}}))  # 2 months off post → 合格
    add("village_cadre", spread(rng, full, 0,
                                base={3: {"on_post"}, 8: {"on_post"}, 11: {"on_post"}}))  # 3 off post, 117 → 不合格
    add("first_secretary", {m: set() for m in full if m != 8})                     # 1 missing, 110 → 合格
    add("assistance_cadre", spread(rng, [m for m in full if m != 12], 0,
                                   base={1: {"on_post"}}))                         # 1 missing + 1 off post → 合格
    add("work_team", spread(rng, [m for m in full if m != 1], 0,
                            base={5: {"on_post"}, 6: {"on_post"}}))                # 1 missing + 2 off post → 不合格
    add("village_cadre", {m: set() for m in full if m not in (3, 11)}, shuffle=True)       # 2 missing, 100 → 合格
    add("assistance_cadre", {m: set() for m in full if m not in (1, 6, 12)}, shuffle=True)  # 3 missing → 不合格
    add("work_team", {}, paired=12)                                                # no months at all → 0, 不合格
    add("first_secretary", spread(rng, full, 3,
                                  base={1: {"integrity"}, 5: {"on_post"}, 6: {"on_post"}, 7: {"on_post"}}))  # both vetoes
    add("village_cadre", spread(rng, full, 20, stars=SOFT[:-1]), paired=0)         # no paired households: never income
    return out


def tie_cadres(rng, ids):
    """Within each team: equal stars and equal satisfaction stars (cadre_id decides), and equal stars
    with different satisfaction stars (satisfaction stars decide)."""
    out = []
    others = [s for s in SOFT if s != "satisfaction"]
    for team in TEAMS:
        stars = rng.randint(95, 116)
        for sat_lost in (2, 2, 2, 4):          # three with the same satisfaction stars, one fewer
            months = list(range(1, 13))
            base = {m: {"satisfaction"} for m in rng.sample(months, sat_lost)}
            losses = spread(rng, months, 120 - stars - sat_lost, stars=others, base=base)
            out.append(make_year(rng, next(ids), team, 2023, losses))
    return out


def ordinary_cadre(rng, cadre_id, team, year):
    """A cadre of varied diligence: each standard met with probability p each month."""
    p = rng.choice([0.99, 0.97, 0.95, 0.92, 0.9, 0.85, 0.8, 0.7, 0.55])
    start = 1 if rng.random() < 0.92 else rng.randint(2, 9)        # a few start mid-year
    months = list(range(start, 13))
    if rng.random() < 0.08:                                       # a gap in the reports
        months.remove(rng.choice(months))
    losses = {}
    for m in months:
        lost = {s for s in STARS[1:-1] if rng.random() > p}
        if rng.random() > (2 + p) / 3:                            # being on post is the most kept standard
            lost.add("on_post")
        if rng.random() < 0.012:
            lost.add("integrity")
        losses[m] = lost
    return make_year(rng, cadre_id, team, year, losses, shuffle=rng.random() < 0.05)


def worked_example_cadre(rng):
    """C-017: May 2023 is the worked example verbatim; the other months mostly full."""
    losses = spread(rng, range(1, 13), 4, base={5: {"policy", "employment"}})
    return make_year(rng, "C-017", "first_secretary", 2023, losses, paired=30,
                     fixed={"2023-05": dict(WORKED_EXAMPLE)})


# ── writer ─────────────────────────────────────────────────────────────────────

def json_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, Decimal)):
        return str(v)            # a JSON number, written exactly (no binary floating point)
    return json.dumps(v, ensure_ascii=False)


def json_record(r):
    months = ", ".join("{" + ", ".join(f'"{k}": {json_value(m[k])}' for k in MONTH_FIELDS) + "}"
                       for m in r["months"])
    return (f'{{"cadre_id": {json_value(r["cadre_id"])}, "team": {json_value(r["team"])}, '
            f'"year": {r["year"]}, "months": [{months}]}}')


def main():
    rng = random.Random(SEED)
    numbers = (f"C-{n:03d}" for n in range(101, 1000))
    records = [worked_example_cadre(rng)]
    records += threshold_cadres(rng, numbers)
    records += tie_cadres(rng, numbers)
    ordinary = []
    for i in range(300):
        team = TEAMS[i % 4] if rng.random() < 0.7 else rng.choice(TEAMS)
        ordinary.append(ordinary_cadre(rng, next(numbers), team, 2023))
    records += ordinary
    # some of the same cadres again in 2024 (ranked separately: per team and year)
    for r in rng.sample(ordinary, 40):
        records.append(ordinary_cadre(rng, r["cadre_id"], r["team"], 2024))

    with open(OUT, "w", encoding="utf-8", newline="") as f:
        for r in records:
            f.write(json_record(r) + "\n")
    n_months = sum(len(r["months"]) for r in records)
    print(f"{OUT.name}: {len(records)} cadre-years, {n_months} monthly records")


if __name__ == "__main__":
    main()
