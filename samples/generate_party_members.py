#!/usr/bin/env python3
"""Generate samples/party-members.jsonl for rules/party-member-points.yaml, deterministically.

    python3 samples/generate_party_members.py

writes (next to this script, overwriting) party-members.jsonl: about 300 party members of the
year 2023, one JSON object per line, each with its ledger `entries` (一事一登记) and its monthly
democratic `evaluations` (民主评议). Score it with

    scoring run --rules rules/party-member-points.yaml --input samples/party-members.jsonl \
        --param year=2023 --as-of 2024-01-15

Standard library only; a fixed random seed, so running it again reproduces the file byte for
byte. The policy's worked example (member M-001, June 2023) is the first record, verbatim; a
few records sit exactly on (or just past) a threshold for the run above (annual score 90 / 80 /
70 / 60, ages 18 and 55 on 2024-01-15, a sanction exactly 24 months before it, monthly caps).
Every record is valid (none is rejected). Names and numbers are illustrative, not real data.
"""

import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "party-members.jsonl"
SEED = 20230601
YEAR = 2023

# 党支部 in the five reference counties' relocation settlements (illustrative names).
BRANCHES = [
    "大宁县幸福社区移民新区党支部",
    "大宁县昕水镇安居社区党支部",
    "大宁县曲峨镇和谐家园党支部",
    "古浪县黄花滩绿洲生态移民区富民新村党支部",
    "古浪县西靖镇感恩新村党支部",
    "邵阳县塘渡口镇幸福家园社区党支部",
    "邵阳县下花桥镇安置小区党支部",
    "紫阳县城关镇书院社区党支部",
    "紫阳县向阳镇营梁社区党支部",
    "芦山县龙门乡青龙场社区党支部",
    "芦山县飞仙关镇南场社区党支部",
]
WORKED_EXAMPLE_BRANCH = "幸福社区移民新区党支部"

DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def day(month, d):
    return "%04d-%02d-%02d" % (YEAR, month, d)


class Ledger:
    """Builds one member's entries with ids M-xxx-001, M-xxx-002, …"""

    def __init__(self, member_id):
        self.member_id = member_id
        self.entries = []

    def add(self, date, category, quantity, approved=True, remote=False):
        self.entries.append({
            "entry_id": "%s-%03d" % (self.member_id, len(self.entries) + 1),
            "member_id": self.member_id,
            "date": date,
            "category": category,
            "quantity": quantity,
            "approved": approved,
            "remote": remote,
        })


def member(member_id, branch, birth_date, flowing, entries, evaluations, last_sanction_date=None):
    rec = {
        "member_id": member_id,
        "branch": branch,
        "birth_date": birth_date,
        "flowing": flowing,
    }
    if last_sanction_date is not None:
        rec["last_sanction_date"] = last_sanction_date
    rec["entries"] = entries
    rec["evaluations"] = evaluations
    return rec


def worked_example():
    """The policy's worked example, verbatim: M-001 in 2023-06."""
    led = Ledger("M-001")
    led.add("2023-06-02", "meeting", 4)
    led.add("2023-06-10", "volunteer", 9)
    led.add("2023-06-12", "errand", 6)
    led.add("2023-06-15", "mediation", 1)
    led.add("2023-06-20", "late_dues", 1)
    led.add("2023-06-22", "errand", 1, approved=False)
    return member("M-001", WORKED_EXAMPLE_BRANCH, "1979-03-12", False, led.entries,
                  [{"month": "2023-06", "rating": "较好"}])


def commendations(member_id, n, extra=()):
    """A ledger whose annual score is 60 + 10 × n (+ extra entries), for threshold records."""
    led = Ledger(member_id)
    if n:
        led.add(day(5, 18), "commendation", n)
    for date, cat, q in extra:
        led.add(date, cat, q)
    return led.entries


def threshold_records():
    b = WORKED_EXAMPLE_BRANCH
    recs = [
        # annual score exactly 90 (优秀) and 89.5 (合格)
        member("M-002", b, "1985-07-01", False, commendations("M-002", 3), []),
        member("M-003", b, "1986-02-11", False, commendations("M-003", 3, [(day(8, 3), "complaint", 0.1)]), []),
        # exactly 80 (两委 score met) and 79.5 (not met)
        member("M-004", b, "1990-10-20", False, commendations("M-004", 2), []),
        member("M-005", b, "1991-04-05", False, commendations("M-005", 2, [(day(9, 9), "late_dues", 0.1)]), []),
        # exactly 70 (合格) and 69.5 (基本合格); exactly 60 (基本合格) and 59.5 (不合格)
        member("M-006", b, "1975-12-30", False, commendations("M-006", 1), []),
        member("M-007", b, "1976-01-02", False, commendations("M-007", 1, [(day(3, 3), "absence", 0.1)]), []),
        member("M-008", b, "1970-06-06", False, [], []),
        member("M-009", b, "1971-08-08", False, commendations("M-009", 0, [(day(3, 3), "absence", 0.1)]), []),
        # ages on 2024-01-15: exactly 18, 17 (one day short), 55 (56 the next day), exactly 56
        member("M-010", b, "2006-01-15", False, commendations("M-010", 2), []),
        member("M-011", b, "2006-01-16", False, commendations("M-011", 2), []),
        member("M-012", b, "1968-01-16", False, commendations("M-012", 2), []),
        member("M-013", b, "1968-01-15", False, commendations("M-013", 2), []),
        # last sanction exactly 24 months before 2024-01-15 (no bar), one day later (bar)
        member("M-014", b, "1982-05-05", False, commendations("M-014", 2), [], last_sanction_date="2022-01-15"),
        member("M-015", b, "1983-05-05", False, commendations("M-015", 2), [], last_sanction_date="2022-01-16"),
        # a flowing member with a high score
        member("M-016", b, "1988-09-09", True, commendations("M-016", 3), []),
        # veto: score 100 but an approved sanction in the year
        member("M-017", b, "1980-11-11", False,
               commendations("M-017", 4, [(day(10, 10), "sanction", 1)]), []),
    ]
    # caps exactly reached and exceeded in one month (2023-04), with a 好 rating
    led = Ledger("M-018")
    led.add(day(4, 1), "meeting", 4)            # 8, cap reached
    led.add(day(4, 2), "meeting", 1, remote=True)  # 9 → 8, cap exceeded
    led.add(day(4, 3), "study", 7)               # 7 → 6
    led.add(day(4, 4), "volunteer", 19.5)       # 9
    led.add(day(4, 5), "volunteer", 0.5)        # month's total 20 h → 10, cap reached
    led.add(day(4, 6), "errand", 5.5)          # 11 → 10
    led.add(day(4, 7), "mediation", 3)           # 9, cap reached
    led.add(day(4, 8), "contact", 6)             # 6 → 5
    recs.append(member("M-018", b, "1987-04-18", False, led.entries, [{"month": "2023-04", "rating": "好"}]))
    return recs


def random_member(rng, member_id, branch):
    led = Ledger(member_id)
    flowing = rng.random() < 0.15
    # birth dates: mostly 22–70 years old on 2024-01-15, a few young members
    birth_year = rng.choice([rng.randint(1954, 2001), rng.randint(1954, 2001), rng.randint(2002, 2006)])
    birth = "%04d-%02d-%02d" % (birth_year, rng.randint(1, 12), rng.randint(1, 28))
    activity = rng.triangular(0.1, 1.0, 0.65)  # 0 = hardly active, 1 = very active
    evaluations = []
    for m in range(1, 13):
        dim = DAYS_IN_MONTH[m - 1]

        def d():
            return day(m, rng.randint(1, dim))

        # 组织生活: the branch meets 1–2 times a month; not every deed gets registered, and flowing
        # members often attend remotely
        meetings = rng.choice([1, 1, 1, 2])
        attended = sum(1 for _ in range(meetings) if rng.random() < 0.25 + 0.5 * activity)
        if attended:
            remote = flowing and rng.random() < 0.7
            led.add(d(), "meeting", attended, remote=remote)
        if attended < meetings and rng.random() < 0.45 - 0.4 * activity:
            led.add(d(), "absence", 1)
        if rng.random() < 0.05 + 0.3 * activity:
            led.add(d(), "study", rng.choice([1, 1, 2, 2, 3, 1.5]))
        if rng.random() < activity * 0.25:
            led.add(d(), "volunteer", rng.choice([1.5, 2, 3, 4, 2.5, 6, 8, 10]))
        if rng.random() < activity * 0.15:
            led.add(d(), "errand", rng.choice([1, 1, 2, 3, 1.5]))
        if rng.random() < activity * 0.05:
            led.add(d(), "mediation", rng.choice([1, 1, 2]))
        if rng.random() < activity * 0.12:
            led.add(d(), "contact", rng.choice([2, 3, 4, 5, 6]))
        if rng.random() < 0.06 - 0.05 * activity:
            led.add(d(), "late_dues", 1)
        if rng.random() < 0.015:
            led.add(d(), "complaint", 1)
        if rng.random() < 0.08:   # a deed registered but not (yet) passed by the monthly review
            led.add(d(), rng.choice(["errand", "volunteer", "contact", "study"]), rng.choice([1, 2]), approved=False)
        # 民主评议: most months are rated; better ratings for more active members
        if rng.random() < 0.85:
            r = rng.random() * 0.8 + 0.4 * activity
            rating = "好" if r > 1.05 else "较好" if r > 0.75 else "一般" if r > 0.12 else "差"
            evaluations.append({"month": "%04d-%02d" % (YEAR, m), "rating": rating})
    if rng.random() < 0.02:
        led.add(day(rng.randint(1, 12), 15), "commendation", 1)
    last_sanction = None
    if rng.random() < 0.03:   # an approved sanction in the year: the veto
        date = day(rng.randint(1, 12), rng.randint(1, 28))
        led.add(date, "sanction", 1)
        last_sanction = date
    elif rng.random() < 0.05:  # an older sanction, some inside the 24 months before 2024-01-15
        last_sanction = "%04d-%02d-%02d" % (rng.choice([2015, 2019, 2021, 2022]), rng.randint(1, 12), rng.randint(1, 28))
    # a few deeds outside the year (December 2022 / January 2024): they play no part in 2023
    if rng.random() < 0.1:
        led.add("2022-12-%02d" % rng.randint(1, 31), "study", 2)
    if rng.random() < 0.1:
        led.add("2024-01-%02d" % rng.randint(1, 14), "meeting", 1, approved=rng.random() < 0.5)
    led.entries.sort(key=lambda e: e["date"])
    for i, e in enumerate(led.entries, 1):
        e["entry_id"] = "%s-%03d" % (member_id, i)
    return member(member_id, branch, birth, flowing, led.entries, evaluations, last_sanction)


def main():
    rng = random.Random(SEED)
    records = [worked_example()] + threshold_records()
    n = len(records)
    for branch in BRANCHES:
        for _ in range(rng.randint(18, 34)):
            n += 1
            records.append(random_member(rng, "M-%03d" % n, branch))
    with OUT.open("w", encoding="utf-8", newline="\n") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False, separators=(", ", ": ")) + "\n")
    print("wrote %s (%d members)" % (OUT.relative_to(HERE.parent), len(records)))


if __name__ == "__main__":
    main()
