#!/usr/bin/env python3
"""Independent check of the party-member points scheme (党员积分管理).

    python3 tests/independent/check_party_members.py [--cli "dotnet path/to/scoring.dll"] [--seed N] [--keep]

Written from the policy text (/work/shared/policies/party-member-points.md), not from the YAML rules:
it generates fresh random populations (its own seed, biased towards the thresholds: monthly caps,
the level and committee score thresholds, ages 18 and 55, the 24-month sanction window, branch
quotas and ties), plus invalid records that must be rejected, runs the real CLI

    scoring run --rules rules/party-member-points.yaml --input <tmp>/members.jsonl --out <tmp>/out.jsonl
                --param year=YYYY --as-of YYYY-MM-DD

reads the JSON Lines output and the rejects file, computes every outcome itself with exact decimals,
and compares every record and every outcome key. Prints `check_party_members: N records agree` and
exits 0, or lists every disagreement and exits 1.

Readings of the policy shared with the rule file's header (the policy leaves them open):
- a remote meeting scores 1 instead of 2; quantity multiplies every category as it is;
- entries and evaluations outside the year play no part (but approved sanction entries count for the
  24-month window, which is about the as-of date); pending = unapproved entries dated in the year, in order;
- a sanction entry's quantity does not matter; it scores nothing and vetoes;
- 24 months before a 29 February is 28 February; a 29 February birthday is reached on 1 March;
- the window is (as_of − 24 months, as_of]; a last_sanction_date after as_of does not bar;
- invalid: a missing or unparsable field, a negative quantity, an unknown category or rating, two
  evaluations for one month, an entry of another member, a repeated entry_id;
- committee_eligible is reported as {status: true|false (JSON booleans), reasons: [failed condition keys in the
  order score_at_least_80, age_18_to_55, no_recent_sanction, not_flowing, no_veto], missing_documents: []}.
Standard library only.
"""

import argparse
import calendar
import datetime as dt
import json
import random
import shlex
import subprocess
import sys
import tempfile
from decimal import Decimal, ROUND_CEILING, ROUND_FLOOR
from pathlib import Path
from _common import default_cli  # noqa: E402 (the checkers' shared helpers, beside this file)

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules" / "party-member-points.yaml"
SEED = 777_2024

CAPS = {"meeting": Decimal(8), "study": Decimal(6), "volunteer": Decimal(10), "errand": Decimal(10),
        "mediation": Decimal(9), "contact": Decimal(5)}
DEDUCTIONS = ("absence", "late_dues", "complaint")
CATEGORIES = ("meeting", "study", "volunteer", "errand", "mediation", "contact", "commendation",
              "absence", "late_dues", "complaint", "sanction")
RATING_POINTS = {"好": Decimal(3), "较好": Decimal(1), "一般": Decimal(0), "差": Decimal(-3)}
REASON_ORDER = ["score_at_least_80", "age_18_to_55", "no_recent_sanction", "not_flowing", "no_veto"]
OUTCOME_KEYS = {"monthly_net", "annual_score", "level", "nominated", "committee_eligible", "pending_entries"}


# ── the policy, computed directly ──────────────────────────────────────────

def parse_date(s):
    return dt.date.fromisoformat(s)


def months_back(d, n):
    """The same day n months earlier; the month's last day when it has no such day."""
    y, m = divmod(d.year * 12 + d.month - 1 - n, 12)
    m += 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def completed_years(birth, on):
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years


def expected_member(rec, year, as_of):
    """Everything the policy says about one valid member, except the nomination."""
    approved_in_year = [e for e in rec["entries"] if e["approved"] and parse_date(e["date"]).year == year]
    by_month = {m: [] for m in range(1, 13)}
    for e in approved_in_year:
        by_month[parse_date(e["date"]).month].append(e)
    ratings = {}
    for ev in rec["evaluations"]:
        y, m = ev["month"].split("-")
        if int(y) == year:
            ratings[int(m)] = RATING_POINTS[ev["rating"]]

    monthly = {}
    deductions_year = Decimal(0)
    for m in range(1, 13):
        tot = {c: Decimal(0) for c in CATEGORIES}
        meeting = Decimal(0)
        for e in by_month[m]:
            q = Decimal(str(e["quantity"]))
            tot[e["category"]] += q
            if e["category"] == "meeting":
                meeting += q * (1 if e["remote"] else 2)
        pts = {
            "meeting": meeting,
            "study": tot["study"],
            "volunteer": (tot["volunteer"] / 2).to_integral_value(rounding=ROUND_FLOOR),
            "errand": 2 * tot["errand"],
            "mediation": 3 * tot["mediation"],
            "contact": tot["contact"],
        }
        bonus = sum(min(v, CAPS[k]) for k, v in pts.items()) + 10 * tot["commendation"]
        ded = 5 * sum(tot[c] for c in DEDUCTIONS)
        deductions_year += ded
        monthly["%04d-%02d" % (year, m)] = bonus - ded + ratings.get(m, Decimal(0))

    annual = min(Decimal(100), max(Decimal(0), 60 + sum(monthly.values())))
    veto = any(e["category"] == "sanction" for e in approved_in_year)
    if veto:
        level = "不合格"
    elif annual >= 90:
        level = "优秀"
    elif annual >= 70:
        level = "合格"
    elif annual >= 60:
        level = "基本合格"
    else:
        level = "不合格"

    start = months_back(as_of, 24)
    sanction_dates = [parse_date(e["date"]) for e in rec["entries"] if e["approved"] and e["category"] == "sanction"]
    if rec.get("last_sanction_date"):
        sanction_dates.append(parse_date(rec["last_sanction_date"]))
    failed = []
    if not annual >= 80:
        failed.append("score_at_least_80")
    if not 18 <= completed_years(parse_date(rec["birth_date"]), as_of) <= 55:
        failed.append("age_18_to_55")
    if any(start < d <= as_of for d in sanction_dates):
        failed.append("no_recent_sanction")
    if rec["flowing"]:
        failed.append("not_flowing")
    if veto:
        failed.append("no_veto")

    pending = [e["entry_id"] for e in rec["entries"] if not e["approved"] and parse_date(e["date"]).year == year]
    return {
        "monthly_net": monthly,
        "annual_score": annual,
        "level": level,
        "committee_eligible": {"status": not failed, "reasons": failed, "missing_documents": []},
        "pending_entries": pending,
        "_deductions": deductions_year,
    }


def nominate(valid, expected):
    """优秀党员 nomination in each branch: top ceil(0.15 × n) of the 优秀 members."""
    branches = {}
    for rec in valid:
        branches.setdefault(rec["branch"], []).append(rec["member_id"])
    for ids in branches.values():
        quota = int((Decimal("0.15") * len(ids)).to_integral_value(rounding=ROUND_CEILING))
        excellent = [i for i in ids if expected[i]["level"] == "优秀"]
        excellent.sort(key=lambda i: (-expected[i]["annual_score"], expected[i]["_deductions"], i))
        chosen = set(excellent[:quota])
        for i in ids:
            expected[i]["nominated"] = i in chosen


# ── a population biased towards the edges ──────────────────────────────────

BRANCH_NAMES = ["大宁县幸福社区移民新区党支部", "大宁县昕水镇安居社区党支部", "古浪县富民新村党支部",
                "古浪县感恩新村党支部", "邵阳县幸福家园社区党支部", "邵阳县下花桥镇安置小区党支部",
                "紫阳县书院社区党支部", "紫阳县营梁社区党支部", "芦山县青龙场社区党支部",
                "芦山县南场社区党支部", "大宁县曲峨镇和谐家园党支部", "古浪县绿洲小城镇党支部"]
# n = 1, 6, 7, 13, 14, 20, 21, 26, 27, 40, 46, 47: quotas 1, 1, 2, 2, 3, 3, 4, 4, 5, 6, 7, 8
BRANCH_SIZES = [1, 6, 7, 13, 14, 20, 21, 26, 27, 40, 46, 47]

QUANTITIES = {
    "meeting": ["1", "2", "3", "4", "5", "0.5", "3.5", "8", "9"],
    "study": ["1", "2", "5.5", "6", "6.5", "7", "0"],
    "volunteer": ["1.99", "2", "3.5", "4", "9", "19.99", "20", "21", "0.01", "1"],
    "errand": ["1", "1.5", "4.5", "5", "5.5", "6"],
    "mediation": ["1", "2", "3", "3.5", "4"],
    "contact": ["1", "4", "5", "5.01", "6"],
    "commendation": ["1", "0.5", "2"],
    "absence": ["1", "0.1", "2", "0.5"],
    "late_dues": ["1", "0.1", "2"],
    "complaint": ["1", "0.5", "0.01"],
    "sanction": ["1", "0"],
}
SCORE_TARGETS = ["90", "89.99", "89.5", "80", "79.99", "79.5", "70", "69.99", "60", "59.99", "100", "100", "95",
                 "95", "0", "90", "90"]


def num(q):
    """A decimal text as a JSON number (shortest float repr, exact for these few decimals)."""
    f = float(q)
    return int(f) if f == int(f) and "." not in q else f


class Gen:
    def __init__(self, rng, year, as_of, prefix):
        self.rng, self.year, self.as_of, self.prefix = rng, year, as_of, prefix
        self.count = 0

    def rand_date_in(self, y, m):
        return dt.date(y, m, self.rng.randint(1, calendar.monthrange(y, m)[1]))

    def entry(self, mid, seq, date, cat, q, approved=True, remote=False):
        return {"entry_id": "%s-%02d" % (mid, seq), "member_id": mid, "date": date.isoformat(), "category": cat,
                "quantity": num(q), "approved": approved, "remote": remote}

    def birth_date(self):
        r, a = self.rng, self.as_of
        k = r.random()
        if k < 0.4:
            years = r.choice([18, 56])
            base = dt.date(a.year - years, a.month, min(a.day, calendar.monthrange(a.year - years, a.month)[1]))
            return base + dt.timedelta(days=r.choice([-1, 0, 1]))
        if k < 0.45:
            return dt.date(r.choice([2004, 2008, 1968, 1972]), 2, 29)
        return dt.date(r.randint(1950, 2008), r.randint(1, 12), r.randint(1, 28))

    def member(self, branch):
        r, y = self.rng, self.year
        self.count += 1
        mid = "%s-%04d" % (self.prefix, self.count)
        if r.random() < 0.05:   # ids that sort differently by case / punctuation (ordinal order)
            mid = r.choice(["m", "M", "Ｍ", "M_", "M."]) + mid[1:]
        rec = {"member_id": mid, "branch": branch, "birth_date": self.birth_date().isoformat(),
               "flowing": r.random() < 0.15}
        start = months_back(self.as_of, 24)
        k = r.random()
        edge_dates = [start, start + dt.timedelta(days=1), start - dt.timedelta(days=1), self.as_of,
                      self.as_of + dt.timedelta(days=1), dt.date(2019, 5, 5), dt.date(y, 6, 1)]
        if k < 0.3:
            rec["last_sanction_date"] = r.choice(edge_dates).isoformat()
        elif k < 0.4:
            rec["last_sanction_date"] = None
        elif k < 0.45:
            rec["last_sanction_date"] = ""
        entries = []
        seq = 0
        n_entries = r.choice([0, 0, 2, 5, 10, 15, 20, 30])
        for _ in range(n_entries):
            seq += 1
            cat = r.choice(CATEGORIES[:10] * 3 + ("sanction",))
            mk = r.random()
            if mk < 0.9:
                date = self.rand_date_in(y, r.randint(1, 12))
            elif mk < 0.95:
                date = dt.date(y - 1, 12, 31)
            else:
                date = dt.date(y + 1, 1, 1)
            if cat == "sanction" and r.random() < 0.5:
                date = r.choice(edge_dates)
            entries.append(self.entry(mid, seq, date, cat, r.choice(QUANTITIES[cat]),
                                      approved=r.random() < 0.88, remote=r.random() < 0.3))
        evaluations = []
        months = ["%04d-%02d" % (y, m) for m in range(1, 13)] + ["%04d-12" % (y - 1), "%04d-01" % (y + 1)]
        for mo in r.sample(months, r.randint(0, len(months))):
            evaluations.append({"month": mo, "rating": r.choice(list(RATING_POINTS))})
        rec["entries"], rec["evaluations"] = entries, evaluations
        # hit an annual-score edge exactly: add an uncapped commendation or a deduction
        if r.random() < 0.55:
            target = Decimal(r.choice(SCORE_TARGETS))
            raw = 60 + sum(expected_member(rec, y, self.as_of)["monthly_net"].values())
            diff = target - raw
            if target in (Decimal(100), Decimal(0)):
                diff += r.choice([Decimal(0), Decimal(0), Decimal(5) if target == 100 else Decimal(-5)])
            if diff != 0:
                seq += 1
                cat, q = ("commendation", diff / 10) if diff > 0 else (r.choice(DEDUCTIONS), -diff / 5)
                entries.append(self.entry(mid, seq, self.rand_date_in(y, r.randint(1, 12)), cat, str(q)))
        return rec

    def tie_branch(self, branch):
        """20 members (quota 3): one at 95, five at 90 with no deductions whose ids differ only in
        characters that order differently by code point than by culture, one at 90 with a deduction
        and one at 90 with a 差 rating (not a deduction), the rest at 60: ties decided by deductions, then member_id."""
        y, out = self.year, []

        def rec(mid, entries, evaluations=()):
            return {"member_id": mid, "branch": branch, "birth_date": "1985-06-15", "flowing": False,
                    "entries": entries, "evaluations": list(evaluations)}
        p = self.prefix
        out.append(rec(p + "-T00", [self.entry(p + "-T00", 1, dt.date(y, 2, 2), "commendation", "3.5")]))
        for mid in (p + "-T05", p.lower() + "-T01", p + "_T02", p + ".T03", "Ｋ" + p[1:] + "-T04"):
            out.append(rec(mid, [self.entry(mid, 1, dt.date(y, 3, 3), "commendation", "3")]))
        mid = p + "+T06"
        out.append(rec(mid, [self.entry(mid, 1, dt.date(y, 3, 3), "commendation", "3.1"),
                             self.entry(mid, 2, dt.date(y, 4, 4), "late_dues", "0.2")]))
        mid = p + "!T07"     # 90 with no deduction but a 差 rating: ranks first among the 90s
        out.append(rec(mid, [self.entry(mid, 1, dt.date(y, 3, 3), "commendation", "3.2")],
                       [{"month": "%04d-05" % y, "rating": "差"}, {"month": "%04d-06" % y, "rating": "较好"}]))
        for i in range(8, 20):
            out.append(rec("%s-T%02d" % (p, i), []))
        return out

    def invalid_members(self, branches):
        """Records that must be rejected (each in a real branch, so a wrong count would show)."""
        y = self.year
        out = []

        def base(tag):
            self.count += 1
            mid = "%s-X%03d-%s" % (self.prefix, self.count, tag)
            return {"member_id": mid, "branch": self.rng.choice(branches), "birth_date": "1980-05-01",
                    "flowing": False,
                    "entries": [self.entry(mid, 1, dt.date(y, 3, 3), "commendation", "3"),
                                self.entry(mid, 2, dt.date(y, 4, 4), "errand", "1", approved=False)],
                    "evaluations": [{"month": "%04d-05" % y, "rating": "好"}]}

        def drop(rec, key):
            rec.pop(key)
            return rec

        def set_(rec, key, v):
            rec[key] = v
            return rec

        def ent(rec, key, v=None, delete=False):
            e = rec["entries"][1]
            if delete:
                e.pop(key)
            else:
                e[key] = v
            return rec

        out.append(drop(base("no-birth"), "birth_date"))
        out.append(drop(base("no-branch"), "branch"))
        out.append(drop(base("no-flowing"), "flowing"))
        out.append(drop(base("no-entries"), "entries"))
        out.append(drop(base("no-evals"), "evaluations"))
        out.append(set_(base("flowing-text"), "flowing", "maybe"))
        out.append(set_(base("bad-birth"), "birth_date", "1980-02-30"))
        out.append(set_(base("bad-sanction-date"), "last_sanction_date", "2022-13-01"))
        out.append(ent(base("no-remote"), "remote", delete=True))
        out.append(ent(base("no-approved"), "approved", delete=True))
        out.append(ent(base("no-quantity"), "quantity", delete=True))
        out.append(ent(base("no-date"), "date", delete=True))
        out.append(ent(base("no-category"), "category", delete=True))
        out.append(ent(base("no-entry-id"), "entry_id", delete=True))
        out.append(ent(base("no-owner"), "member_id", delete=True))
        out.append(ent(base("neg-qty"), "quantity", -1))
        out.append(ent(base("text-qty"), "quantity", "三"))
        out.append(ent(base("bad-cat"), "category", "training"))
        out.append(ent(base("bad-date"), "date", "%04d-13-01" % y))
        out.append(ent(base("other-owner"), "member_id", "SOMEONE-ELSE"))
        r = base("dup-entry")
        r["entries"][1]["entry_id"] = r["entries"][0]["entry_id"]
        out.append(r)
        r = base("bad-rating")
        r["evaluations"][0]["rating"] = "优秀"
        out.append(r)
        r = base("bad-month")
        r["evaluations"][0]["month"] = "%04d-00" % y
        out.append(r)
        r = base("no-rating")
        r["evaluations"][0].pop("rating")
        out.append(r)
        r = base("two-evals")
        r["evaluations"].append({"month": "%04d-05" % y, "rating": "差"})
        out.append(r)
        r = drop(base("no-id"), "member_id")
        out.append(r)
        return out


def population(rng, year, as_of, prefix):
    g = Gen(rng, year, as_of, prefix)
    valid = []
    for name, size in zip(BRANCH_NAMES, BRANCH_SIZES):
        valid += [g.member(name) for _ in range(size)]
    valid += g.tie_branch("芦山县龙门社区党支部（并列）")
    invalid = g.invalid_members(BRANCH_NAMES)
    records = [(rec, True) for rec in valid] + [(rec, False) for rec in invalid]
    rng.shuffle(records)
    return records


# ── running the CLI and comparing ──────────────────────────────────────────

def dec(x):
    return Decimal(str(x))


def compare(exp, got, where, problems):
    if set(got) != OUTCOME_KEYS:
        problems.append("%s: outcome keys %s, expected %s" % (where, sorted(got), sorted(OUTCOME_KEYS)))
    mn = got.get("monthly_net")
    if not isinstance(mn, dict) or set(mn) != set(exp["monthly_net"]):
        problems.append("%s: monthly_net months %s, expected %s" % (where, mn and sorted(mn), sorted(exp["monthly_net"])))
    else:
        for k, v in exp["monthly_net"].items():
            if dec(mn[k]) != v:
                problems.append("%s: monthly_net[%s] = %s, expected %s" % (where, k, mn[k], v))
    if "annual_score" in got and dec(got["annual_score"]) != exp["annual_score"]:
        problems.append("%s: annual_score = %s, expected %s" % (where, got["annual_score"], exp["annual_score"]))
    for key in ("level", "nominated", "pending_entries"):
        if got.get(key) != exp[key]:
            problems.append("%s: %s = %r, expected %r" % (where, key, got.get(key), exp[key]))
    ce, ee = got.get("committee_eligible"), exp["committee_eligible"]
    if not isinstance(ce, dict) or ce.get("status") != ee["status"] or ce.get("reasons") != ee["reasons"] \
            or ce.get("missing_documents") != []:
        problems.append("%s: committee_eligible = %r, expected %r" % (where, ce, ee))


def run_once(cli, rules, tmp, records, year, as_of, label, problems):
    inp = tmp / ("members-%s.jsonl" % label)
    out = tmp / ("out-%s.jsonl" % label)
    with inp.open("w", encoding="utf-8", newline="\n") as f:
        for rec, _ in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    cmd = shlex.split(cli) + ["run", "--rules", str(rules), "--input", str(inp), "--out", str(out),
                              "--param", "year=%d" % year, "--as-of", as_of.isoformat()]
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
    if proc.returncode not in (0, 3):
        problems.append("[%s] CLI failed (exit %d): %s %s" % (label, proc.returncode, proc.stdout, proc.stderr))
        return 0
    rejects_file = Path(str(out) + ".rejects.jsonl")  # the CLI writes <out>.rejects.jsonl
    rejects = [json.loads(l) for l in rejects_file.read_text(encoding="utf-8").splitlines() if l.strip()] \
        if rejects_file.exists() else []
    results = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines() if l.strip()]

    # which records must be rejected: by line number (1-based, one record a line)
    invalid_lines = {i + 1 for i, (_, ok) in enumerate(records) if not ok}
    rejected_lines = {r.get("line") for r in rejects}
    for line in sorted(invalid_lines - rejected_lines):
        problems.append("[%s] line %d (%s) should have been rejected" % (label, line, records[line - 1][0].get("member_id")))
    for line in sorted(rejected_lines - invalid_lines):
        rr = next(r for r in rejects if r.get("line") == line)
        problems.append("[%s] line %s (%s) was rejected but is valid: %s" % (label, line, rr.get("id"), rr.get("reason")))

    valid = [rec for rec, ok in records if ok]
    expected = {rec["member_id"]: expected_member(rec, year, as_of) for rec in valid}
    nominate(valid, expected)
    got = {}
    for r in results:
        if r["id"] in got:
            problems.append("[%s] %s appears twice in the output" % (label, r["id"]))
        got[r["id"]] = r["outcomes"]
    for mid in sorted(set(got) - set(expected)):
        problems.append("[%s] %s was scored but should not have been" % (label, mid))
    agree = 0
    for mid, exp in expected.items():
        if mid not in got:
            problems.append("[%s] %s is missing from the output" % (label, mid))
            continue
        before = len(problems)
        compare(exp, got[mid], "[%s] %s" % (label, mid), problems)
        agree += len(problems) == before
    return agree


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", default=None, help='the CLI command, e.g. "dotnet src/Scoring.Cli/bin/Release/net10.0/scoring.dll"')
    ap.add_argument("--rules", default=str(RULES), help="the rule file (default: rules/party-member-points.yaml)")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory and print its path")
    args = ap.parse_args()
    cli = args.cli or default_cli()
    rng = random.Random(args.seed)
    # two runs: an ordinary as-of date, and 29 February (24 months earlier has no 29th)
    runs = [(2023, dt.date(2024, 1, 15), "a"), (2023, dt.date(2024, 2, 29), "b")]
    problems = []
    total = 0
    tmpdir = tempfile.mkdtemp(prefix="check_party_members_")
    tmp = Path(tmpdir)
    for year, as_of, label in runs:
        records = population(rng, year, as_of, "K" + label.upper())
        total += run_once(cli, args.rules, tmp, records, year, as_of, label, problems)
    if args.keep:
        print("inputs and outputs kept in %s" % tmpdir)
    else:
        for p in tmp.iterdir():
            p.unlink()
        tmp.rmdir()
    if problems:
        for p in problems:
            print(p)
        print("check_party_members: %d disagreements (%d records agree)" % (len(problems), total))
        return 1
    print("check_party_members: %d records agree" % total)
    return 0


if __name__ == "__main__":
    sys.exit(main())
