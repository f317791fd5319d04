#!/usr/bin/env python3
"""Independent check of the 救助与帮扶资格 (aid eligibility) rule set against the policy text.

    python3 tests/independent/check_aid.py [--cli "dotnet path/to/scoring.dll"] [--seed N] [--per-run N]

Written straight from shared/policies/aid-eligibility.md, not from the YAML rules: it draws a
fresh random population of households (its own draws, not the sample generator's), biased
towards every threshold of the policy, for three as-of dates (so that the dated parameters
change), adds a few invalid households, runs the real CLI (`scoring run`) on each batch,
computes every programme itself with Python's decimal module and compares every record, every
outcome key and every field of each outcome, and that exactly the invalid households were
rejected. It also checks that a run as of a date before every dated value fails naming
`dibao_standard`.

Prints `check_aid: N records agree` and exits 0, or lists every disagreement and exits 1.
Standard library only.
"""

import argparse
import json
import random
import shlex
import subprocess
import sys
import tempfile
from decimal import Decimal, ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, getcontext
from pathlib import Path
from _common import default_cli  # noqa: E402 (the checkers' shared helpers, beside this file)

getcontext().prec = 50

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules" / "aid-eligibility.yaml"

D = Decimal
ZERO = D(0)
CENT = D("0.01")

# ── the policy's parameter table ──────────────────────────────────────────────

# dibao_standard 低保标准 (yuan / person / month): county → [(from, value)]; None = any other county
DIBAO = {
    "大宁县": [("2022-01-01", D(480)), ("2023-01-01", D(510)), ("2023-07-01", D(530))],
    "古浪县": [("2022-01-01", D(460)), ("2023-01-01", D(495))],
    None: [("2022-01-01", D(450)), ("2023-01-01", D(480))],
}
MONITORING_LINE = [("2022-01-01", D(6600)), ("2023-01-01", D(7100))]
TRANSPORT = [("2022-01-01", {"in_province": D(200), "out_of_province": D(500)})]
# marginal bands: (lower edge, rate); each rate applies from its edge up to the next edge
MEDICAL_SCALE = [
    ("2022-01-01", [(D(0), D("0.5")), (D(5000), D("0.6")), (D(20000), D("0.7"))]),
    ("2023-01-01", [(D(0), D("0.5")), (D(3000), D("0.65")), (D(20000), D("0.75"))]),
]
MEDICAL_CAP = [("2022-01-01", D(40000)), ("2023-01-01", D(50000))]


def in_force(rows, as_of):
    best = None
    for frm, v in rows:
        if frm <= as_of:
            best = v
    if best is None:
        raise ValueError("no value in force")
    return best


def std_for(county, as_of):
    return in_force(DIBAO.get(county, DIBAO[None]), as_of)


def ceil(x):
    return x.to_integral_value(rounding=ROUND_CEILING)


def floor(x):
    return x.to_integral_value(rounding=ROUND_FLOOR)


def floor2(x):
    return x.quantize(CENT, rounding=ROUND_FLOOR)


DOCS = ["id_card_copy", "hukou_copy", "application_form", "application_reason",
        "income_proof", "employment_proof", "medical_bills"]
REQUIRED = {
    "extreme_poverty": ["id_card_copy", "hukou_copy", "application_form"],
    "dibao": ["id_card_copy", "hukou_copy", "application_form", "income_proof"],
    "temporary_relief": ["id_card_copy", "hukou_copy", "application_reason"],
    "transport_subsidy": ["id_card_copy", "employment_proof"],
    "medical_aid": ["id_card_copy", "hukou_copy", "medical_bills"],
}


# ── expected outcomes, from the policy text ───────────────────────────────────

def expected(h, as_of):
    std = std_for(h["county"], as_of)
    line = in_force(MONITORING_LINE, as_of)
    transport = in_force(TRANSPORT, as_of)
    bands = in_force(MEDICAL_SCALE, as_of)
    cap = in_force(MEDICAL_CAP, as_of)
    members = h["members"]
    docs = h["documents"]

    def unable_to_work(m):   # half capacity counts as able
        return m["labor_capacity"] == "none" or m["age"] >= 60 or m["age"] < 16 or m["disability_grade"] in (1, 2)

    def meets_te_kun(m):
        return unable_to_work(m) and m["monthly_income"] < std and not m["has_able_supporter"]

    def result(key, held, failed_reasons, amount, **fields):
        if held:
            missing = [x for x in REQUIRED[key] if x not in docs]
            status = "eligible_missing_documents" if missing else "eligible"
        else:
            missing, status = [], "not_eligible"
        r = {"status": status, "amount": amount if held else ZERO,
             "missing_documents": missing, "reasons": [] if held else failed_reasons}
        r.update(fields)
        return r

    household_monthly_income = sum((m["monthly_income"] for m in members), ZERO)
    annual_income = 12 * household_monthly_income
    out = {}

    # 1. 特困人员救助供养, per member
    te_kun = [m for m in members if meets_te_kun(m)]
    per_member = ceil(D("1.3") * std)
    out["extreme_poverty"] = result(
        "extreme_poverty", bool(te_kun), ["has_te_kun_member"], per_member * len(te_kun),
        members=[m["member_id"] for m in te_kun], std=std, per_member=per_member)
    any_te_kun = bool(te_kun)

    # 2. 低保, counting only members who do not meet the 特困 conditions
    rest = [m for m in members if not meets_te_kun(m)]
    n = len(rest)
    income = sum((m["monthly_income"] for m in rest), ZERO)
    asset_limit = 24 * std * n
    conds = [
        ("has_non_te_kun_member", n >= 1),
        # per-capita income < std; with n = 0 there is no per-capita income (not met)
        ("income_below_standard", n >= 1 and income / n < std),
        ("assets_within_limit", h["financial_assets"] <= asset_limit),
        ("no_vehicle", not h["owns_vehicle"]),
        ("no_commercial_property", not h["owns_commercial_property"]),
    ]
    dibao_ok = all(ok for _, ok in conds)
    # ceil((std − per_capita) × n) = ceil(std × n − income) exactly (no rounded per-capita)
    dibao_amount = max(D(50), ceil(std * n - income)) if dibao_ok else ZERO
    out["dibao"] = result(
        "dibao", dibao_ok, [k for k, ok in conds if not ok], dibao_amount,
        std=std, n=D(n), per_capita=floor2(income / n) if n else ZERO, asset_limit=asset_limit)

    # 3. 临时救助
    threshold = D("0.3") * annual_income
    conds = [("expense_reason_qualifies", h["expense_reason"] in ("medical", "accident", "disaster")),
             ("expense_over_30pct_income", h["major_expense_3m"] > threshold)]
    ok = all(c for _, c in conds)
    out["temporary_relief"] = result(
        "temporary_relief", ok, [k for k, c in conds if not c],
        ceil(min(h["major_expense_3m"] - threshold, 12 * std)),
        annual_income=annual_income, threshold=threshold, excess=h["major_expense_3m"] - threshold, cap=12 * std)

    # 4. 防返贫监测户: either condition; reasons = the conditions that held
    low_income = annual_income / len(members) < line
    major_expense = h["major_expense_3m"] > D("0.5") * annual_income
    included = low_income or major_expense
    out["monitoring"] = {
        "status": "included" if included else "not_included", "amount": ZERO, "missing_documents": [],
        "reasons": [k for k, c in (("low_income", low_income), ("major_expense", major_expense)) if c],
        "per_capita_annual_income": floor2(annual_income / len(members)), "monitoring_line": line,
        "major_expense_threshold": D("0.5") * annual_income}

    # 5. 外出务工交通补贴
    workers = [m for m in members if 16 <= m["age"] <= 59 and m["months_worked_away"] >= 3
               and m["work_location"] != "local"]
    conds = [("relocated_household", h["relocated"]), ("has_migrant_worker", bool(workers))]
    ok = all(c for _, c in conds)
    out["transport_subsidy"] = result(
        "transport_subsidy", ok, [k for k, c in conds if not c],
        sum((transport[m["work_location"]] for m in workers), ZERO),
        members=[m["member_id"] for m in workers])

    # 6. 医疗救助: marginal bands, then the cap, then down to whole yuan
    cost = h["medical_out_of_pocket"]
    by_scale = ZERO
    for i, (lo, rate) in enumerate(bands):
        hi = bands[i + 1][0] if i + 1 < len(bands) else None
        part = (min(cost, hi) if hi is not None else cost) - lo
        if part > 0:
            by_scale += part * rate
    conds = [("has_medical_costs", cost > 0),
             ("assistance_target", dibao_ok or any_te_kun or included)]
    ok = all(c for _, c in conds)
    out["medical_aid"] = result(
        "medical_aid", ok, [k for k, c in conds if not c], floor(min(by_scale, cap)),
        by_scale=by_scale, cap=cap)
    return out


# ── a random population, biased towards the thresholds ────────────────────────

COUNTIES = ["大宁县", "古浪县", "邵阳县", "紫阳县", "芦山县"]
EDGE_AGES = [0, 14, 15, 16, 17, 58, 59, 60, 61]


def cents(rng, lo, hi):
    return D(rng.randint(int(lo * 100), int(hi * 100))) / 100


def draw_member(rng, mid, std):
    age = rng.choice(EDGE_AGES) if rng.random() < 0.35 else rng.randint(0, 95)
    cap = rng.choices(["full", "half", "none"], [55, 25, 20])[0]
    dis = rng.choice([0, 0, 0, 0, 1, 2, 3, 4])
    r = rng.random()
    if r < 0.15:
        income = std                      # exactly the standard
    elif r < 0.3:
        income = std - CENT               # one fen under
    elif r < 0.45:
        income = ZERO
    elif r < 0.75:
        income = cents(rng, 0, float(std) * 1.5)
    else:
        income = cents(rng, 0, 6000)
    away = rng.choice([0, 2, 3, 3, 4, 12]) if rng.random() < 0.6 else rng.randint(0, 12)
    loc = rng.choice(["local", "in_province", "out_of_province"])
    return {"member_id": mid, "age": age, "labor_capacity": cap, "disability_grade": dis,
            "monthly_income": income, "has_able_supporter": rng.random() < 0.4,
            "months_worked_away": away, "work_location": loc}


def te_kun_independent_of_income(m):
    """True when changing this member's income cannot change whether they meet the 特困 conditions."""
    able = not (m["labor_capacity"] == "none" or m["age"] >= 60 or m["age"] < 16 or m["disability_grade"] in (1, 2))
    return able or m["has_able_supporter"]


def draw_household(rng, hid, as_of):
    county = rng.choice(COUNTIES + ["大宁县", "古浪县"])
    std = std_for(county, as_of)
    line = in_force(MONITORING_LINE, as_of)
    size = rng.choice([1, 1, 2, 2, 3, 3, 4, 5, 6, 7])
    members = [draw_member(rng, f"{hid}-{i + 1}", std) for i in range(size)]
    reason = rng.choice(["medical", "accident", "disaster", "education", "none"])
    h = {"household_id": hid, "county": county, "relocated": rng.random() < 0.7,
         "financial_assets": rng.choice([ZERO, cents(rng, 0, 30000), cents(rng, 0, 100000)]),
         "owns_vehicle": rng.random() < 0.15, "owns_commercial_property": rng.random() < 0.1,
         "major_expense_3m": rng.choice([ZERO, cents(rng, 0, 5000), cents(rng, 0, 60000)]),
         "medical_out_of_pocket": rng.choice([ZERO, cents(rng, 0, 25000), cents(rng, 0, 150000)]),
         "expense_reason": reason,
         "documents": [x for x in DOCS if rng.random() < 0.75], "members": members}
    if rng.random() < 0.1:
        h["documents"] = []
    monthly = lambda: sum((m["monthly_income"] for m in members), ZERO)  # noqa: E731
    delta = rng.choice([-CENT, ZERO, ZERO, CENT])

    edge = rng.choice(["dibao_income", "assets", "relief", "monitor_expense", "monitor_income",
                       "medical", "none", "dibao_income", "medical"])
    if edge == "dibao_income":
        # non-特困 members' income exactly std × n (± one fen): adjust a member whose 特困 status
        # does not depend on income
        rest = [m for m in members if not (
            (m["labor_capacity"] == "none" or m["age"] >= 60 or m["age"] < 16 or m["disability_grade"] in (1, 2))
            and m["monthly_income"] < std and not m["has_able_supporter"])]
        movable = [m for m in rest if te_kun_independent_of_income(m)]
        if movable:
            target = std * len(rest) + delta
            x = movable[0]
            new = target - (sum((m["monthly_income"] for m in rest), ZERO) - x["monthly_income"])
            if new >= 0:
                x["monthly_income"] = new
        h["owns_vehicle"] = h["owns_commercial_property"] = False
    elif edge == "assets":
        n = sum(1 for m in members if not (
            (m["labor_capacity"] == "none" or m["age"] >= 60 or m["age"] < 16 or m["disability_grade"] in (1, 2))
            and m["monthly_income"] < std and not m["has_able_supporter"]))
        h["financial_assets"] = max(ZERO, 24 * std * n + delta)
    elif edge == "relief":
        h["major_expense_3m"] = max(ZERO, D("0.3") * 12 * monthly() + rng.choice([delta, 12 * std, 12 * std + CENT]))
        h["expense_reason"] = rng.choice(["medical", "accident", "disaster", "education"])
    elif edge == "monitor_expense":
        h["major_expense_3m"] = max(ZERO, D("0.5") * 12 * monthly() + delta)
    elif edge == "monitor_income":
        target = (line * size / 12).quantize(CENT, rounding=ROUND_HALF_UP) + delta
        x = members[0]
        new = target - (monthly() - x["monthly_income"])
        if new >= 0:
            x["monthly_income"] = new
    elif edge == "medical":
        h["medical_out_of_pocket"] = rng.choice([D(0), CENT, D(3000), D("3000.01"), D(5000), D("5000.01"),
                                                 D(20000), D("20000.01"), D("69933.33"), D("69933.34"),
                                                 D("60714.28"), D("60714.29"), D(200000)])
    return h


def invalid_households(rng, as_of, start):
    """Households that must be rejected: (household, why)."""
    bad = []

    def base(hid):
        h = draw_household(rng, hid, as_of)
        while len(h["members"]) < 2:
            h = draw_household(rng, hid, as_of)
        return h

    mutations = [
        ("missing county", lambda h: h.pop("county")),
        ("missing financial_assets", lambda h: h.pop("financial_assets")),
        ("missing documents", lambda h: h.pop("documents")),
        ("missing members", lambda h: h.pop("members")),
        ("empty members", lambda h: h.__setitem__("members", [])),
        ("member without monthly_income", lambda h: h["members"][1].pop("monthly_income")),
        ("member without labor_capacity", lambda h: h["members"][0].pop("labor_capacity")),
        ("unknown expense_reason", lambda h: h.__setitem__("expense_reason", "wedding")),
        ("unknown document", lambda h: h.__setitem__("documents", ["id_card_copy", "marriage_certificate"])),
        ("unknown work_location", lambda h: h["members"][0].__setitem__("work_location", "abroad")),
        ("negative income", lambda h: h["members"][1].__setitem__("monthly_income", D("-0.01"))),
        ("negative assets", lambda h: h.__setitem__("financial_assets", D(-5))),
        ("disability grade 5", lambda h: h["members"][0].__setitem__("disability_grade", 5)),
        ("13 months away", lambda h: h["members"][0].__setitem__("months_worked_away", 13)),
        ("fractional age", lambda h: h["members"][0].__setitem__("age", D("30.5"))),
        ("duplicate member_id", lambda h: h["members"][1].__setitem__("member_id", h["members"][0]["member_id"])),
        ("text in major_expense_3m", lambda h: h.__setitem__("major_expense_3m", "一万")),
    ]
    for i, (why, f) in enumerate(rng.sample(mutations, 8)):
        h = base(f"X-{start + i:03d}")
        f(h)
        bad.append((h, why))
    return bad


# ── running the CLI and comparing ─────────────────────────────────────────────

def to_json(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Decimal):
        return format(v, "f")
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ",".join(to_json(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{to_json(x)}" for k, x in v.items()) + "}"
    raise TypeError(type(v))


def same(exp, act):
    if isinstance(exp, Decimal):
        return isinstance(act, Decimal) and exp == act
    if isinstance(exp, list):
        return isinstance(act, list) and len(exp) == len(act) and all(same(a, b) for a, b in zip(exp, act))
    return exp == act


def show(v):
    if isinstance(v, Decimal):
        return format(v.normalize(), "f") if v == v.to_integral_value() else format(v, "f")
    if isinstance(v, list):
        return "[" + ", ".join(show(x) for x in v) + "]"
    return repr(v)


def run_batch(cli, rules, tmp, label, as_of, records):
    inp = Path(tmp) / f"{label}.jsonl"
    out = Path(tmp) / f"{label}.out.jsonl"
    inp.write_text("".join(to_json(r) + "\n" for r in records), encoding="utf-8")
    cmd = shlex.split(cli) + ["run", "--rules", str(rules), "--input", str(inp), "--out", str(out), "--as-of", as_of]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode not in (0, 3):
        sys.exit(f"check_aid: the run failed ({p.returncode}): {' '.join(cmd)}\n{p.stdout}\n{p.stderr}")
    results = [json.loads(line, parse_float=Decimal, parse_int=Decimal)
               for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    rej_path = Path(str(out) + ".rejects.jsonl")     # the CLI writes rejects to <out>.rejects.jsonl
    rejects = [json.loads(line) for line in rej_path.read_text(encoding="utf-8").splitlines()
               if line.strip()] if rej_path.exists() else []
    return results, rejects, p.returncode


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", help='how to start the CLI, e.g. "dotnet src/Scoring.Cli/bin/Release/net10.0/scoring.dll"')
    ap.add_argument("--rules", default=str(RULES), help="the rule file (default: rules/aid-eligibility.yaml)")
    ap.add_argument("--seed", type=int, default=7_316_042)
    ap.add_argument("--per-run", type=int, default=160, help="valid households per as-of date")
    a = ap.parse_args()
    rules = Path(a.rules).resolve()
    cli = a.cli or default_cli()
    rng = random.Random(a.seed)
    problems = []
    agree = 0

    with tempfile.TemporaryDirectory(prefix="check_aid_") as tmp:
        for b, as_of in enumerate(["2022-06-30", "2023-03-01", "2023-07-01"]):
            valid = [draw_household(rng, f"C{b}-{i:04d}", as_of) for i in range(a.per_run)]
            invalid = invalid_households(rng, as_of, 100 * b)
            records = valid[:]
            for h, _ in invalid:                      # spread the invalid records among the valid ones
                records.insert(rng.randint(0, len(records)), h)
            results, rejects, rc = run_batch(cli, rules, tmp, f"batch{b}", as_of, records)

            want_rejected = {h["household_id"]: why for h, why in invalid}
            got_rejected = {r.get("id"): r.get("reason", "") for r in rejects}
            for hid, why in want_rejected.items():
                if hid not in got_rejected:
                    problems.append(f"[{as_of}] {hid}: should be rejected ({why}) but was not")
            for hid, reason in got_rejected.items():
                if hid not in want_rejected:
                    problems.append(f"[{as_of}] {hid}: rejected but valid: {reason}")
            if want_rejected and rc != 3:
                problems.append(f"[{as_of}] exit code {rc}, expected 3 (some records rejected)")

            by_id = {}
            for r in results:
                by_id[r["id"]] = r["outcomes"]
            for h in valid:
                hid = h["household_id"]
                if hid in got_rejected:
                    continue
                if hid not in by_id:
                    problems.append(f"[{as_of}] {hid}: no result")
                    continue
                exp = expected(h, as_of)
                act = by_id[hid]
                bad = []
                if sorted(act) != sorted(exp):
                    bad.append(f"outcome keys {sorted(act)} != {sorted(exp)}")
                for key, e in exp.items():
                    o = act.get(key)
                    if not isinstance(o, dict):
                        bad.append(f"{key}: missing")
                        continue
                    if sorted(o) != sorted(e):
                        bad.append(f"{key}: fields {sorted(o)} != {sorted(e)}")
                    for f, ev in e.items():
                        if not same(ev, o.get(f)):
                            bad.append(f"{key}.{f}: expected {show(ev)}, got {show(o.get(f))}")
                if bad:
                    problems.append(f"[{as_of}] {hid}: " + "; ".join(bad) + "\n      input: " + to_json(h))
                else:
                    agree += 1
            extra = set(by_id) - {h["household_id"] for h in valid}
            for hid in sorted(extra):
                problems.append(f"[{as_of}] {hid}: scored, but it is invalid ({want_rejected.get(hid, '?')})")

        # an as-of date before every dated value: the run is an error naming dibao_standard
        inp = Path(tmp) / "early.jsonl"
        inp.write_text(to_json(draw_household(rng, "EARLY-1", "2022-01-01")) + "\n", encoding="utf-8")
        p = subprocess.run(shlex.split(cli) + ["run", "--rules", str(rules), "--input", str(inp),
                                               "--as-of", "2021-12-31"], capture_output=True, text=True)
        if p.returncode == 0 or "dibao_standard" not in (p.stdout + p.stderr):
            problems.append(f"as of 2021-12-31: expected a failed run naming dibao_standard, got exit {p.returncode}: "
                            f"{(p.stdout + p.stderr).strip()[:300]}")

    if problems:
        for x in problems:
            print(x)
        print(f"check_aid: {len(problems)} disagreements ({agree} records agree)")
        return 1
    print(f"check_aid: {agree} records agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
