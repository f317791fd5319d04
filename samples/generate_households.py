#!/usr/bin/env python3
"""Generate samples/households.jsonl for rules/civilized-household.yaml, deterministically.

    python3 samples/generate_households.py

writes (next to this script, overwriting) households.jsonl: one JSON object per household
for one year — the household fields and "members": [...] — about 320 households in ten
relocation communities of 大宁县, 古浪县, 邵阳县, 紫阳县 and 芦山县.

Standard library only; a fixed random seed, so running it again reproduces the file byte for
byte. The policy's worked example (H-0420, 幸福社区) is the first record, verbatim; then come
fixed households exactly on (or just past) every threshold: hygiene 80/79, volunteer 20/19.99,
income equal to / 0.01 below last year, members aged 5/6/15/16/59/60, empty school_enrolled,
public-space violations 1/2/3, a household with no members. The small community 石门小区 has only
black-listed households (total dividend shares 0). All records are valid (none is rejected);
the numbers are illustrative, not real data.

Community → county (the input has no county field; the id prefix shows it):
  DN 大宁县: 幸福社区, 昕水社区        GL 古浪县: 阳光社区, 富民新村, 黄羊川社区
  SY 邵阳县: 同心家园, 石门小区        ZY 紫阳县: 汉江社区, 安康社区     LS 芦山县: 龙门新居
"""

import json
import random
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "households.jsonl"
SEED = 20240315

# (community, id prefix, number of random households)
COMMUNITIES = [
    ("幸福社区", "DN", 46),
    ("昕水社区", "DN", 28),
    ("阳光社区", "GL", 40),
    ("富民新村", "GL", 30),
    ("黄羊川社区", "GL", 24),
    ("同心家园", "SY", 32),
    ("汉江社区", "ZY", 36),
    ("安康社区", "ZY", 26),
    ("龙门新居", "LS", 34),
]

HOUSEHOLD_FIELDS = ["household_id", "community", "hygiene_score", "public_space_violations",
                    "neighbour_disputes_escalated", "extravagant_ceremony", "gambling_reported",
                    "debt_default", "volunteer_hours", "per_capita_income", "income_last_year"]
MEMBER_FIELDS = ["member_id", "age", "relation", "criminal_record_this_year", "school_enrolled",
                 "employed", "elder_complaint"]


def text(v):
    """JSON text of a value; Decimal as an exact number literal."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return "null"
    if isinstance(v, (int, Decimal)):
        return str(v)
    return json.dumps(v, ensure_ascii=False)


def record_json(h):
    parts = [f'"{k}": {text(h[k])}' for k in HOUSEHOLD_FIELDS]
    members = []
    for m in h["members"]:
        members.append("{" + ", ".join(f'"{k}": {text(m[k])}' for k in MEMBER_FIELDS if k in m) + "}")
    parts.append('"members": [' + ", ".join(members) + "]")
    return "{" + ", ".join(parts) + "}"


def member(mid, age, relation, employed=False, criminal=False, school="omit", complaint=False):
    m = {"member_id": mid, "age": age, "relation": relation, "criminal_record_this_year": criminal}
    if school != "omit":
        m["school_enrolled"] = school          # True, False or None (empty)
    m["employed"] = employed
    m["elder_complaint"] = complaint
    return m


def household(hid, community, members, hygiene=90, violations=0, disputes=0, ceremony=False, gambling=False,
              default=False, volunteer="24", income="10800", last="10200"):
    return {"household_id": hid, "community": community, "hygiene_score": hygiene,
            "public_space_violations": violations, "neighbour_disputes_escalated": disputes,
            "extravagant_ceremony": ceremony, "gambling_reported": gambling, "debt_default": default,
            "volunteer_hours": Decimal(volunteer), "per_capita_income": Decimal(income),
            "income_last_year": Decimal(last), "members": members}


def family(hid, head_age=42, employed=True):
    return [member(f"{hid}-1", head_age, "head", employed=employed),
            member(f"{hid}-2", 40, "spouse", employed=False),
            member(f"{hid}-3", 11, "child", school=True)]


def fixed_records():
    """The worked example, then households on the thresholds (ids DN-E…)."""
    rows = [household("H-0420", "幸福社区",
                      [member("H-0420-1", 45, "head", employed=True),
                       member("H-0420-2", 43, "spouse"),
                       member("H-0420-3", 12, "child", school=True),
                       member("H-0420-4", 72, "parent")],
                      hygiene=86, volunteer="12", income="9096", last="8400")]
    e = []
    c = "昕水社区"
    e.append(household("DN-E01", c, family("DN-E01"), hygiene=80))                   # hygiene exactly 80
    e.append(household("DN-E02", c, family("DN-E02"), hygiene=79))                   # just below
    e.append(household("DN-E03", c, family("DN-E03"), volunteer="20"))                # volunteer exactly 20
    e.append(household("DN-E04", c, family("DN-E04"), volunteer="19.99"))             # just below
    e.append(household("DN-E05", c, family("DN-E05"), income="8400", last="8400"))    # income equal
    e.append(household("DN-E06", c, family("DN-E06"), income="8399.99", last="8400")) # 0.01 below
    e.append(household("DN-E07", c, [member("DN-E07-1", 16, "child", employed=True),
                                     member("DN-E07-2", 66, "head")]))                # only worker aged 16
    e.append(household("DN-E08", c, [member("DN-E08-1", 15, "child", employed=True, school=True),
                                     member("DN-E08-2", 67, "head")]))                # only worker aged 15
    e.append(household("DN-E09", c, [member("DN-E09-1", 59, "head", employed=True)])) # worker aged 59
    e.append(household("DN-E10", c, [member("DN-E10-1", 60, "head", employed=True),
                                     member("DN-E10-2", 58, "spouse")]))              # only worker aged 60
    e.append(household("DN-E11", c, [member("DN-E11-1", 38, "head", employed=True),
                                     member("DN-E11-2", 6, "child", school=False)]))  # age 6 not enrolled
    e.append(household("DN-E12", c, [member("DN-E12-1", 38, "head", employed=True),
                                     member("DN-E12-2", 5, "child", school=False)]))  # age 5 not enrolled
    e.append(household("DN-E13", c, [member("DN-E13-1", 44, "head", employed=True),
                                     member("DN-E13-2", 15, "child", school=None)]))  # age 15, empty
    e.append(household("DN-E14", c, [member("DN-E14-1", 44, "head", employed=True),
                                     member("DN-E14-2", 16, "child", school=False)])) # age 16 not enrolled
    e.append(household("DN-E15", c, [member("DN-E15-1", 35, "head", employed=True),
                                     member("DN-E15-2", 60, "parent", complaint=True)]))  # age 60 complaint
    e.append(household("DN-E16", c, [member("DN-E16-1", 35, "head", employed=True),
                                     member("DN-E16-2", 59, "other", complaint=True)]))   # age 59 complaint
    e.append(household("DN-E17", c, family("DN-E17"), violations=1))                 # loses order only
    e.append(household("DN-E18", c, family("DN-E18"), violations=2))                 # still not black-listed
    e.append(household("DN-E19", c, family("DN-E19"), violations=3))                 # black list
    e.append(household("DN-E20", c, []))                                             # no members
    e.append(household("DN-E21", c, family("DN-E21"), default=True, volunteer="5"))  # exactly 8 stars
    e.append(household("DN-E22", c, family("DN-E22"), default=True, volunteer="5", hygiene=70))  # 7 stars
    e.append(household("DN-E23", c, family("DN-E23")))                               # ten stars
    # 石门小区 (邵阳县): every household black-listed → total shares 0, every dividend 0
    s = "石门小区"
    e.append(household("SY-B01", s, family("SY-B01"), gambling=True))
    e.append(household("SY-B02", s, family("SY-B02"), ceremony=True, hygiene=84))
    e.append(household("SY-B03", s, family("SY-B03"), violations=4, hygiene=62))
    return rows + e


def random_members(rng, hid):
    members = []
    n = 0

    def add(age, relation):
        nonlocal n
        n += 1
        mid = f"{hid}-{n}"
        if 6 <= age <= 15:
            r = rng.random()
            school = True if r < 0.93 else (False if r < 0.97 else None)
        elif 16 <= age <= 18:
            school = rng.choice([True, False, "omit"])
        else:
            school = "omit"
        if 16 <= age <= 59:
            employed = rng.random() < (0.7 if relation in ("head", "spouse", "child") else 0.5)
        elif age >= 60:
            employed = rng.random() < 0.1
        else:
            employed = age >= 14 and rng.random() < 0.05
        complaint = age >= 60 and rng.random() < 0.05
        criminal = age >= 14 and rng.random() < 0.015
        members.append(member(mid, age, relation, employed=employed, criminal=criminal,
                              school=school, complaint=complaint))

    head_age = rng.choice([rng.randint(24, 59), rng.randint(24, 59), rng.randint(55, 82)])
    add(head_age, "head")
    if rng.random() < 0.8:
        add(max(20, head_age + rng.randint(-6, 4)), "spouse")
    if head_age < 62:
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
            add(max(0, min(head_age - 18, rng.choice([rng.randint(0, 18), rng.choice([5, 6, 15, 16])]))), "child")
        if rng.random() < 0.45:
            add(head_age + rng.randint(20, 32), "parent")
    else:
        if rng.random() < 0.5:
            add(rng.randint(30, head_age - 20), "child")
        for _ in range(rng.choice([0, 1, 2])):
            add(rng.randint(3, 17), "grandchild")
    if rng.random() < 0.06:
        add(rng.randint(18, 70), "other")
    return members


def random_household(rng, hid, community):
    r = rng.random()
    hygiene = rng.choice([79, 80, 81]) if r < 0.15 else (rng.randint(55, 79) if r < 0.35 else rng.randint(80, 100))
    r = rng.random()
    violations = 0 if r < 0.72 else (rng.choice([1, 2]) if r < 0.9 else rng.choice([3, 3, 4, 6]))
    disputes = 0 if rng.random() < 0.85 else rng.choice([1, 1, 2, 3])
    r = rng.random()
    if r < 0.15:
        volunteer = rng.choice(["19.5", "19.9", "19.99", "20", "20.0", "20.5"])
    elif r < 0.45:
        volunteer = str(Decimal(rng.randint(0, 195)) / 10)
    else:
        volunteer = str(Decimal(rng.randint(200, 800)) / 10)
    last = Decimal(rng.randint(4500, 16000))
    r = rng.random()
    if r < 0.1:
        income = last                                   # exactly equal
    elif r < 0.15:
        income = last - Decimal("0.01")                 # just below
    elif r < 0.35:
        income = last - Decimal(rng.randint(1, 1500))
    else:
        income = last + Decimal(rng.randint(1, 3000)) + Decimal(rng.randint(0, 99)) / 100
    return household(hid, community, random_members(rng, hid), hygiene=hygiene, violations=violations,
                     disputes=disputes, ceremony=rng.random() < 0.05, gambling=rng.random() < 0.03,
                     default=rng.random() < 0.06, volunteer=volunteer, income=str(income), last=str(last))


def main():
    rng = random.Random(SEED)
    rows = fixed_records()
    for community, prefix, n in COMMUNITIES:
        base = {"幸福社区": 100, "昕水社区": 300, "阳光社区": 100, "富民新村": 300, "黄羊川社区": 500,
                "同心家园": 100, "汉江社区": 100, "安康社区": 300, "龙门新居": 100}[community]
        for i in range(n):
            rows.append(random_household(rng, f"{prefix}-{base + i:04d}", community))
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        for h in rows:
            f.write(record_json(h) + "\n")
    print(f"households.jsonl: {len(rows)} households")


if __name__ == "__main__":
    main()
