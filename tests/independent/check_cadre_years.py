#!/usr/bin/env python3
"""Independent check of the yearly ten-star rules (rules/ten-star-cadre-year.yaml).

    python3 tests/independent/check_cadre_years.py [--cli "dotnet path/to/scoring.dll"] [--seed N] [--count N] [--keep DIR]

Written from the policy text (shared/policies/ten-star-cadre.md, "The ten stars" and "Year"), not
from the YAML: it generates a fresh random population of cadre-years (its own seed, biased towards
the edges of every monthly standard and every yearly threshold, with ties in the team ranking, plus
invalid records that must be rejected), runs the real CLI `run` command on it, and compares every
record and every outcome key (stars_year, grade, missing_months, rank_in_team) with what it computes
itself, with exact decimal arithmetic; and that exactly the invalid records were rejected.

Readings of the policy taken here (the same ones as the rule file's header states):
  - a month with no record counts 0 stars and as a month without on_post, and is listed in
    missing_months in calendar order;
  - a year record is rejected when a monthly record is outside the year, a month appears twice, or
    a monthly record names another cadre_id or another team; when a monthly record lacks a field or
    has an invalid value (the monthly reading: counts are whole numbers >= 0, skills 0–100 whole,
    satisfaction 0–100); when `months` is absent (an empty list is fine); when `year` is not a whole
    number in 2000–2100; when `team` is not one of the four teams;
  - rank_in_team is over the scored records of the same team and year, all grades included.

Prints `check_cadre_years: N records agree` and exits 0, or lists every disagreement and exits 1.
Standard library only.
"""

import argparse
import json
import random
import shlex
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal, getcontext
from pathlib import Path
from _common import default_cli  # noqa: E402 (the checkers' shared helpers, beside this file)

getcontext().prec = 50

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules" / "ten-star-cadre-year.yaml"
TEAMS = ["first_secretary", "work_team", "assistance_cadre", "village_cadre"]
FIELDS = ["cadre_id", "team", "month", "days_on_post", "required_days", "leave_approved",
          "skills_test_score", "tasks_assigned", "tasks_completed", "households_assigned",
          "households_visited", "hardships_reported", "hardships_resolved",
          "households_income_up", "satisfaction_score", "policy_sessions",
          "jobs_or_industry_linked", "log_complete", "discipline_violation"]
INT_FIELDS = ["days_on_post", "required_days", "skills_test_score", "tasks_assigned", "tasks_completed",
              "households_assigned", "households_visited", "hardships_reported", "hardships_resolved",
              "households_income_up", "policy_sessions", "jobs_or_industry_linked"]
BOOL_FIELDS = ["leave_approved", "log_complete", "discipline_violation"]
GRADES = ["优秀", "合格", "基本合格", "不合格"]


# ── the policy, straight from the text ──────────────────────────────────────────

def monthly_stars(r):
    """The ten stars of one cadre-month ("The ten stars" table), as a dict key -> bool."""
    D = Decimal
    assigned, visited = r["households_assigned"], r["households_visited"]
    rep, res = r["hardships_reported"], r["hardships_resolved"]
    return {
        # days_on_post >= required_days, or leave_approved and days_on_post >= required_days - 3
        "on_post": r["days_on_post"] >= r["required_days"]
                   or (r["leave_approved"] and r["days_on_post"] >= r["required_days"] - 3),
        # skills_test_score >= 80
        "competence": r["skills_test_score"] >= 80,
        # tasks_assigned == 0 or tasks_completed / tasks_assigned >= 0.9
        "effectiveness": r["tasks_assigned"] == 0 or D(r["tasks_completed"]) / D(r["tasks_assigned"]) >= D("0.9"),
        # households_visited == households_assigned and (hardships_reported == 0 or resolved / reported >= 0.8)
        "visits": visited == assigned and (rep == 0 or D(res) / D(rep) >= D("0.8")),
        # households_assigned > 0 and households_income_up / households_assigned >= 0.95
        "income": assigned > 0 and D(r["households_income_up"]) / D(assigned) >= D("0.95"),
        # satisfaction_score >= 90
        "satisfaction": D(str(r["satisfaction_score"])) >= 90,
        # policy_sessions >= 2
        "policy": r["policy_sessions"] >= 2,
        # jobs_or_industry_linked >= 1
        "employment": r["jobs_or_industry_linked"] >= 1,
        # log_complete
        "records": r["log_complete"] is True,
        # not discipline_violation
        "integrity": r["discipline_violation"] is False,
    }


def year_outcomes(rec):
    """stars_year, grade, missing_months and the ranking keys of one (valid) cadre-year."""
    year = rec["year"]
    by_month = {m["month"]: monthly_stars(m) for m in rec["months"]}
    all_months = [f"{year:04d}-{k:02d}" for k in range(1, 13)]
    missing = [m for m in all_months if m not in by_month]
    stars_year = sum(sum(s.values()) for s in by_month.values())
    without_post = len(missing) + sum(1 for s in by_month.values() if not s["on_post"])
    violation = any(not s["integrity"] for s in by_month.values())
    if stars_year >= 108 and without_post == 0 and not violation:
        grade = "优秀"
    elif stars_year >= 84:
        grade = "合格"
    elif stars_year >= 60:
        grade = "基本合格"
    else:
        grade = "不合格"
    if violation and GRADES.index(grade) < GRADES.index("基本合格"):   # cap; a lower grade stays lower
        grade = "基本合格"
    if without_post >= 3:                                             # whatever the stars
        grade = "不合格"
    sat_stars = sum(1 for s in by_month.values() if s["satisfaction"])
    return {"stars_year": stars_year, "grade": grade, "missing_months": missing}, sat_stars


def rank_in_team(valid):
    """valid: list of (index, record, outcomes, satisfaction stars). Returns index -> rank."""
    groups = {}
    for i, rec, out, sat in valid:
        groups.setdefault((rec["team"], rec["year"]), []).append((i, rec, out, sat))
    ranks = {}
    for members in groups.values():
        members.sort(key=lambda x: (-x[2]["stars_year"], -x[3], x[1]["cadre_id"]))
        for k, (i, *_rest) in enumerate(members):
            ranks[i] = k + 1
    return ranks


# ── validation (what must be rejected) ───────────────────────────────────────────

def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def month_ok(text):
    if not isinstance(text, str) or len(text) != 7 or text[4] != "-":
        return False
    y, m = text[:4], text[5:]
    return y.isdigit() and m.isdigit() and 1 <= int(m) <= 12 and int(y) >= 1


def invalid_reason(rec):
    """Why a cadre-year must be rejected, or None."""
    if not isinstance(rec.get("cadre_id"), str) or rec["cadre_id"] == "":
        return "cadre_id"
    if rec.get("team") not in TEAMS:
        return "team"
    if not is_int(rec.get("year")) or not 2000 <= rec["year"] <= 2100:
        return "year"
    months = rec.get("months")
    if not isinstance(months, list):
        return "months"
    for k, m in enumerate(months):
        if not isinstance(m, dict):
            return f"months[{k}]"
        for f in FIELDS:
            if f not in m or m[f] is None:
                return f"months[{k}].{f} missing"
        if not isinstance(m["cadre_id"], str) or m["team"] not in TEAMS or not month_ok(m["month"]):
            return f"months[{k}] cadre_id/team/month"
        for f in INT_FIELDS:
            if not is_int(m[f]) or m[f] < 0:
                return f"months[{k}].{f}"
        if m["skills_test_score"] > 100:
            return f"months[{k}].skills_test_score"
        for f in BOOL_FIELDS:
            if not isinstance(m[f], bool):
                return f"months[{k}].{f}"
        s = m["satisfaction_score"]
        if isinstance(s, bool) or not isinstance(s, (int, Decimal)) or not 0 <= Decimal(str(s)) <= 100:
            return f"months[{k}].satisfaction_score"
    # twelve months of one cadre, in the year assessed
    if any(int(m["month"][:4]) != rec["year"] for m in months):
        return "month outside the year"
    if len({m["month"] for m in months}) != len(months):
        return "duplicated month"
    if any(m["cadre_id"] != rec["cadre_id"] for m in months):
        return "month of another cadre"
    if any(m["team"] != rec["team"] for m in months):
        return "month of another team"
    return None


# ── a fresh random population, biased towards the edges ──────────────────────────

def ceil_ratio(n, num, den):
    return -((-n * num) // den)


def near(rng, edge, lo, hi, spread=1):
    """Mostly a value within `spread` of `edge`, sometimes anywhere in [lo, hi]."""
    if rng.random() < 0.6:
        return max(lo, min(hi, edge + rng.randint(-spread, spread)))
    return rng.randint(lo, hi)


def random_month(rng, cadre_id, team, month, quality):
    """A monthly record drawn from its fields (not from the stars), near every edge."""
    required = rng.choice([22, 22, 21]) if team == "first_secretary" else rng.choice([20, 20, 20, 18, 21])
    good = lambda: rng.random() < quality  # noqa: E731
    if good():
        days = required + rng.randint(0, 3)
        leave = rng.random() < 0.1
    else:
        days = near(rng, required - 3, 0, required + 1, 2)
        leave = rng.random() < 0.6
    skills = near(rng, 80, 0, 100, 1) if not good() else rng.randint(78, 100)
    assigned = rng.choice([0, rng.randint(1, 20), rng.randint(5, 12)])
    completed = near(rng, ceil_ratio(assigned, 9, 10), 0, assigned, 1) if assigned else 0
    paired = 0 if rng.random() < 0.03 else rng.choice([rng.randint(1, 10), rng.randint(10, 45), 20, 30, 40])
    visited = paired if good() else near(rng, paired, 0, paired, 1)
    reported = rng.choice([0, rng.randint(1, 10), 5, 10])
    resolved = near(rng, ceil_ratio(reported, 8, 10), 0, reported, 1) if reported else 0
    income_up = near(rng, ceil_ratio(paired, 95, 100), 0, paired, 1) if paired else 0
    if good():
        income_up = max(income_up, ceil_ratio(paired, 95, 100))
    sat = rng.choice([
        Decimal(near(rng, 900, 600, 1000, 2)) / 10,
        Decimal(near(rng, 9000, 6000, 10000, 2)) / 100,
        Decimal(rng.randint(85, 100)),
    ])
    sessions = near(rng, 2, 0, 6, 1) if not good() else rng.randint(2, 5)
    jobs = near(rng, 1, 0, 5, 1) if not good() else rng.randint(1, 5)
    return dict(cadre_id=cadre_id, team=team, month=month, days_on_post=days, required_days=required,
                leave_approved=leave, skills_test_score=skills, tasks_assigned=assigned,
                tasks_completed=completed, households_assigned=paired, households_visited=visited,
                hardships_reported=reported, hardships_resolved=resolved, households_income_up=income_up,
                satisfaction_score=sat, policy_sessions=sessions, jobs_or_industry_linked=jobs,
                log_complete=good() or rng.random() < 0.5, discipline_violation=rng.random() < 0.015)


def set_star(m, star, earned):
    """Change one monthly record so that a 'soft' star is earned / lost (used to land on thresholds)."""
    if star == "competence":
        m["skills_test_score"] = 80 if earned else 79
    elif star == "satisfaction":
        m["satisfaction_score"] = Decimal("90") if earned else Decimal("89.9")
    elif star == "policy":
        m["policy_sessions"] = 2 if earned else 1
    elif star == "employment":
        m["jobs_or_industry_linked"] = 1 if earned else 0
    elif star == "records":
        m["log_complete"] = earned
    elif earned:                      # the other stars are only ever won, never lost, here
        if star == "on_post":
            m["days_on_post"] = max(m["days_on_post"], m["required_days"])
        elif star == "effectiveness":
            m["tasks_completed"] = m["tasks_assigned"]
        elif star == "visits":
            m["households_visited"], m["hardships_resolved"] = m["households_assigned"], m["hardships_reported"]
        elif star == "income" and m["households_assigned"] > 0:
            m["households_income_up"] = m["households_assigned"]
        elif star == "integrity":
            m["discipline_violation"] = False


def steer(rng, rec, target):
    """Flip soft stars until stars_year == target (when reachable)."""
    soft = ["competence", "satisfaction", "policy", "employment", "records"]
    for _ in range(2000):
        out, _ = year_outcomes(rec)
        diff = target - out["stars_year"]
        if diff == 0 or not rec["months"]:
            return
        m = rng.choice(rec["months"])
        s = rng.choice(soft if diff < 0 or rng.random() < 0.5 else list(monthly_stars(m)))
        have = monthly_stars(m)[s]
        if diff > 0 and not have:
            set_star(m, s, True)
        elif diff < 0 and have:
            set_star(m, s, False)


def random_year(rng, cadre_id, team, year):
    quality = rng.choice([0.995, 0.98, 0.95, 0.9, 0.85, 0.75, 0.6])
    nums = list(range(1, 13))
    shape = rng.random()
    if shape < 0.12:
        for _ in range(rng.choice([1, 1, 2, 3, 4])):
            nums.remove(rng.choice(nums))
    elif shape < 0.15:
        nums = nums[rng.randint(1, 11):]
    elif shape < 0.16:
        nums = []
    months = [random_month(rng, cadre_id, team, f"{year}-{k:02d}", quality) for k in nums]
    if rng.random() < 0.1:
        rng.shuffle(months)
    rec = {"cadre_id": cadre_id, "team": team, "year": year, "months": months}
    if rng.random() < 0.45:
        steer(rng, rec, rng.choice([120, 108, 108, 107, 84, 84, 83, 60, 60, 59, 115, 50]))
    return rec


def clone(rec, cadre_id):
    """The same year under another id (same stars and satisfaction stars: a tie decided by cadre_id)."""
    months = [dict(m, cadre_id=cadre_id) for m in rec["months"]]
    return {"cadre_id": cadre_id, "team": rec["team"], "year": rec["year"], "months": months}


def invalid_records(rng, make):
    """Records that must be rejected; each starts from a strong valid year (so it would rank high)."""
    out = []

    def base(i):
        r = make(f"X-{i:02d}")
        if not r["months"]:
            r["months"] = [random_month(rng, r["cadre_id"], r["team"], f'{r["year"]}-06', 0.99)]
        return r

    def with_month(i, fn):
        r = base(i)
        fn(rng.choice(r["months"]))
        return r

    r = base(1); r["months"][0]["month"] = f'{r["year"] - 1}-12'; out.append(r)
    r = base(2); r["months"][-1]["month"] = f'{r["year"] + 1}-01'; out.append(r)
    r = base(3); r["months"].append(dict(r["months"][0])); out.append(r)
    r = base(4); r["months"][-1]["cadre_id"] = "X-99"; out.append(r)
    r = base(5); r["months"][0]["team"] = next(t for t in TEAMS if t != r["team"]); out.append(r)
    out.append(with_month(6, lambda m: m.pop(rng.choice(FIELDS))))
    out.append(with_month(7, lambda m: m.update(skills_test_score=101)))
    out.append(with_month(8, lambda m: m.update(satisfaction_score=Decimal("100.5"))))
    out.append(with_month(9, lambda m: m.update(month=m["month"][:5] + "13")))
    out.append(with_month(10, lambda m: m.update(leave_approved="maybe")))
    out.append(with_month(11, lambda m: m.update(tasks_completed=-1)))
    out.append(with_month(12, lambda m: m.update(days_on_post=Decimal("20.5"))))
    out.append(with_month(13, lambda m: m.update(households_visited=None)))
    r = base(14); del r["months"]; out.append(r)
    r = base(15); del r["year"]; out.append(r)
    r = base(16); r["year"] = 1999; [m.update(month="1999" + m["month"][4:]) for m in r["months"]]; out.append(r)
    r = base(17); r["team"] = "township_leader"; out.append(r)
    r = base(18); r["months"] = {"2023-01": r["months"][0]}; out.append(r)
    r = base(19); r["months"].append(dict(r["months"][0], month=r["months"][0]["month"], satisfaction_score=Decimal(99)))
    out.append(r)
    return out


def population(seed, count):
    rng = random.Random(seed)
    ids = iter(rng.sample(range(1, 10000), 9000))
    fresh = lambda: f"{rng.choice(['C', 'Z', 'ZY'])}-{next(ids)}"  # noqa: E731  (uneven lengths: ordinal order matters)
    records = []
    while len(records) < count:
        team = rng.choice(TEAMS)
        year = rng.choice([2023, 2023, 2023, 2024])
        rec = random_year(rng, fresh(), team, year)
        records.append(rec)
        if rng.random() < 0.12:                          # a tie on stars and satisfaction stars
            records.append(clone(rec, fresh()))
    strong = lambda cid: random_year(rng, cid, rng.choice(TEAMS), 2023)  # noqa: E731
    bad = invalid_records(rng, strong)
    for r in bad:
        records.insert(rng.randrange(len(records) + 1), r)
    return records, {id(r) for r in bad}


# ── JSON with exact decimals ─────────────────────────────────────────────────────

def dump(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, Decimal)):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(dump(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {dump(x)}" for k, x in v.items()) + "}"
    raise TypeError(type(v))


# ── run and compare ──────────────────────────────────────────────────────────────

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", help='CLI command, e.g. "dotnet src/Scoring.Cli/bin/Release/net10.0/scoring.dll"')
    ap.add_argument("--seed", type=int, default=8675309)
    ap.add_argument("--count", type=int, default=420)
    ap.add_argument("--keep", help="write the population and the CLI output into this directory")
    args = ap.parse_args()
    cli = shlex.split(args.cli or default_cli())

    records, bad_ids = population(args.seed, args.count)
    problems = []

    # expected rejections: computed by the checker's own validation, and they must be the invalid ones
    expected_rejected = set()
    for n, r in enumerate(records, start=1):
        reason = invalid_reason(r)
        if reason is not None:
            expected_rejected.add(n)
        if (reason is not None) != (id(r) in bad_ids):
            problems.append(f"checker self-test: record {n} ({r.get('cadre_id')}) generated "
                            f"{'invalid' if id(r) in bad_ids else 'valid'} but validates as {reason!r}")

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="check_cadre_years."))
    work.mkdir(parents=True, exist_ok=True)
    inp, out = work / "cadre-years.jsonl", work / "scored.jsonl"
    inp.write_text("".join(dump(r) + "\n" for r in records), encoding="utf-8")
    rejects = Path(str(out) + ".rejects.jsonl")          # the CLI writes rejects to <out>.rejects.jsonl
    for p in (out, rejects):
        if p.exists():
            p.unlink()
    proc = subprocess.run(cli + ["run", "--rules", str(RULES), "--input", str(inp), "--out", str(out)],
                          capture_output=True, text=True)
    if proc.returncode not in (0, 3) or not out.exists():
        print(f"check_cadre_years: the CLI failed (exit {proc.returncode})\n{proc.stdout}\n{proc.stderr}")
        return 1
    scored = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines() if l.strip()]
    rejected = [json.loads(l) for l in rejects.read_text(encoding="utf-8").splitlines() if l.strip()] if rejects.exists() else []

    got_rejected = {r["record"] for r in rejected}
    for n in sorted(expected_rejected - got_rejected):
        problems.append(f"record {n} ({records[n - 1].get('cadre_id')}): should be rejected "
                        f"({invalid_reason(records[n - 1])}) but was scored")
    for n in sorted(got_rejected - expected_rejected):
        why = next(r["reason"] for r in rejected if r["record"] == n)
        problems.append(f"record {n} ({records[n - 1].get('cadre_id')}): rejected by the engine ({why}) but is valid")

    # the expected outcomes of the valid records, including the ranking among them
    valid = []
    for n, r in enumerate(records, start=1):
        if n not in expected_rejected:
            o, sat = year_outcomes(r)
            valid.append((n, r, o, sat))
    ranks = rank_in_team(valid)

    scored_numbers = [n for n in range(1, len(records) + 1) if n not in got_rejected]
    if len(scored_numbers) != len(scored):
        problems.append(f"{len(scored)} scored lines for {len(scored_numbers)} records not rejected")
    agree = 0
    by_number = dict(zip(scored_numbers, scored))
    for n, r, o, _sat in valid:
        line = by_number.get(n)
        if line is None:
            continue
        tag = f"record {n} ({r['cadre_id']}, {r['team']}, {r['year']})"
        ok = True
        if line.get("id") != r["cadre_id"]:
            problems.append(f"{tag}: output id {line.get('id')!r}")
            ok = False
        got = line.get("outcomes", {})
        want = dict(o, rank_in_team=ranks[n])
        if set(got) != set(want):
            problems.append(f"{tag}: outcome keys {sorted(got)} instead of {sorted(want)}")
            ok = False
        for k, v in want.items():
            g = got.get(k)
            same = (Decimal(str(g)) == Decimal(v)) if k in ("stars_year", "rank_in_team") and g is not None else g == v
            if not same:
                problems.append(f"{tag}: {k}: engine {g!r}, policy {v!r}")
                ok = False
        agree += ok

    if problems:
        print(f"check_cadre_years: {len(problems)} disagreement(s) (population in {work})")
        for p in problems:
            print("  " + p)
        return 1
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    print(f"check_cadre_years: {agree} records agree "
          f"({len(records)} generated, {len(expected_rejected)} invalid rejected as expected; seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
