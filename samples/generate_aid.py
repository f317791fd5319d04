#!/usr/bin/env python3
"""Generate samples/aid-households.jsonl for rules/aid-eligibility.yaml, deterministically.

    python3 samples/generate_aid.py
    dotnet src/Scoring.Cli/bin/Debug/net10.0/scoring.dll run --rules rules/aid-eligibility.yaml \
        --input samples/aid-households.jsonl --as-of 2023-08-15

writes (next to this script, overwriting) about 320 households with their members, one JSON
object per line, in the input shape of shared/policies/aid-eligibility.md.

Standard library only; a fixed random seed, so running it again reproduces the file byte for
byte. The first record is the policy's worked example H-77 (大宁县, as of 2023-08-15) verbatim.
Then come fixed households that sit exactly on, or one fen / one year / one month past, a
threshold of the policy *for a run as of 2023-08-15* (低保标准 大宁县 530, 古浪县 495, other
counties 480; 监测线 7 100; 2023 medical scale and cap 50 000); the rest are random but
plausible households of five relocation counties. Every record is valid (none is rejected).
`community`, `head_name` and the members' `name` are for people reading the file; the rules
do not read them. Money is written as exact decimal numbers (at most two decimals).
The numbers are illustrative, not real data.
"""

import json
import random
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "aid-households.jsonl"
SEED = 20230815

DOCS = ["id_card_copy", "hukou_copy", "application_form", "application_reason",
        "income_proof", "employment_proof", "medical_bills"]

COUNTIES = {
    "大宁县": ("DN", ["幸福社区移民新区", "昕水家园", "三多安置点", "曲峨新村"]),
    "古浪县": ("GL", ["黄花滩移民区", "富民新村", "绿洲小城镇", "西靖感恩新村"]),
    "邵阳县": ("SY", ["塘渡口安置区", "白仓同心家园", "九公桥新村", "五峰铺社区"]),
    "紫阳县": ("ZY", ["汉城安置社区", "洞河移民新区", "双桥安置点", "红椿新居"]),
    "芦山县": ("LS", ["龙门新居", "双石安居小区", "飞仙关新村", "宝盛移民社区"]),
}
STD = {"大宁县": 530, "古浪县": 495}  # as of 2023-08-15; other counties 480

SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高",
            "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧",
            "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾"]
GIVEN_M = ["建国", "国强", "志强", "永刚", "德明", "海波", "春生", "长林", "金贵", "正华", "玉成",
           "小军", "伟", "勇", "军", "磊", "浩然", "子轩", "宇航", "俊杰", "天佑", "明辉", "家豪"]
GIVEN_F = ["秀英", "桂兰", "玉梅", "春燕", "丽娟", "凤英", "翠花", "淑芬", "红梅", "金花", "美玲",
           "小红", "芳", "静", "娟", "婷婷", "欣怡", "雨涵", "子涵", "佳怡", "梓萱", "思琪", "玉兰"]


def d(text):
    """An exact decimal from its text."""
    return Decimal(str(text))


def money(rng, lo, hi, whole=False):
    """A random amount in yuan between lo and hi: whole yuan or with fen."""
    if whole or rng.random() < 0.6:
        return Decimal(rng.randint(lo, hi))
    return Decimal(rng.randint(lo * 100, hi * 100)) / 100


def person_name(rng, surname, female):
    return surname + rng.choice(GIVEN_F if female else GIVEN_M)


def member(mid, age, cap, dis, income, sup, away=0, loc="local", name=None):
    r = {"member_id": mid}
    if name is not None:
        r["name"] = name
    r.update(age=age, labor_capacity=cap, disability_grade=dis, monthly_income=d(income),
             has_able_supporter=sup, months_worked_away=away, work_location=loc)
    return r


def household(hid, county, members, relocated=True, assets=0, vehicle=False, prop=False,
              major=0, medical=0, reason="none", docs=None, community=None, head_name=None):
    r = {"household_id": hid, "county": county}
    if community is not None:
        r["community"] = community
    if head_name is not None:
        r["head_name"] = head_name
    r.update(relocated=relocated, financial_assets=d(assets), owns_vehicle=vehicle,
             owns_commercial_property=prop, major_expense_3m=d(major), medical_out_of_pocket=d(medical),
             expense_reason=reason, documents=list(DOCS) if docs is None else docs, members=members)
    return r


# ── the worked example, verbatim ───────────────────────────────────────────────

H77 = household("H-77", "大宁县", [
    member("H-77-1", 52, "full", 0, 1200, False),
    member("H-77-2", 50, "half", 0, 300, False),
    member("H-77-3", 14, "none", 0, 0, True),
    member("H-77-4", 78, "none", 0, 150, True),
], relocated=True, assets=20000, major=15000, medical=12000, reason="medical",
    docs=["id_card_copy", "hukou_copy", "application_form"])


# ── households on the thresholds (for a run as of 2023-08-15) ─────────────────

def fixed_edges():
    E = []
    add = E.append
    adult = lambda mid, inc, **kw: member(mid, kw.pop("age", 40), kw.pop("cap", "full"), 0, inc, False, **kw)  # noqa: E731

    # 特困: age 60 / 59, 16 / 15, disability 2 / 3, income std / std − 0.01, supporter.
    add(household("B-001", "大宁县", [member("B-001-1", 60, "full", 0, 0, False)], community="幸福社区移民新区"))
    add(household("B-002", "大宁县", [member("B-002-1", 59, "full", 0, 0, False)], community="幸福社区移民新区"))
    add(household("B-003", "邵阳县", [member("B-003-1", 15, "full", 0, 0, False)], community="白仓同心家园"))
    add(household("B-004", "邵阳县", [member("B-004-1", 16, "full", 0, 0, False)], community="白仓同心家园"))
    add(household("B-005", "紫阳县", [member("B-005-1", 45, "full", 2, 0, False)], community="汉城安置社区"))
    add(household("B-006", "紫阳县", [member("B-006-1", 45, "full", 3, 0, False)], community="汉城安置社区"))
    add(household("B-007", "古浪县", [member("B-007-1", 72, "none", 0, 495, False)], community="黄花滩移民区"))
    add(household("B-008", "古浪县", [member("B-008-1", 72, "none", 0, "494.99", False)], community="黄花滩移民区"))
    add(household("B-009", "古浪县", [member("B-009-1", 72, "none", 0, 0, True)], community="富民新村"))
    add(household("B-010", "芦山县", [member("B-010-1", 40, "half", 0, 0, False)], community="龙门新居"))
    # 低保: per capita exactly std / one fen less; assets exactly 24 × std × n / one fen more.
    add(household("B-011", "大宁县", [adult("B-011-1", 530), adult("B-011-2", 530, age=38)]))
    add(household("B-012", "大宁县", [adult("B-012-1", 530), adult("B-012-2", "529.99", age=38)]))
    add(household("B-013", "邵阳县", [adult("B-013-1", 300), adult("B-013-2", 200, age=38)], assets=23040))
    add(household("B-014", "邵阳县", [adult("B-014-1", 300), adult("B-014-2", 200, age=38)], assets="23040.01"))
    add(household("B-015", "古浪县", [adult("B-015-1", "445.01")]))            # gap 49.99 → 50
    add(household("B-016", "古浪县", [adult("B-016-1", "444.99")]))            # gap 50.01 → 51
    add(household("B-017", "大宁县", [adult("B-017-1", 400), adult("B-017-2", 300), adult("B-017-3", 300, age=20)]))
    add(household("B-018", "紫阳县", [member("B-018-1", 81, "none", 0, 200, False),
                                      member("B-018-2", 77, "none", 0, 150, False)]))   # n = 0
    add(household("B-019", "邵阳县", [member("B-019-1", 78, "none", 0, 200, False), adult("B-019-2", 500)]))
    add(household("B-020", "芦山县", [adult("B-020-1", 300)], vehicle=True, prop=True))
    # 临时救助: exactly 30 % of annual income / one fen more; cap exactly / exceeded.
    add(household("B-021", "邵阳县", [adult("B-021-1", 1000)], major=3600, reason="medical"))
    add(household("B-022", "邵阳县", [adult("B-022-1", 1000)], major="3600.01", reason="accident"))
    add(household("B-023", "邵阳县", [adult("B-023-1", 1000)], major=9360, reason="disaster"))
    add(household("B-024", "邵阳县", [adult("B-024-1", 1000)], major="9360.01", reason="disaster"))
    add(household("B-025", "古浪县", [adult("B-025-1", 1000)], major=20000, reason="education"))
    # 监测: per-capita annual income exactly 7 100 / below; major expense exactly 50 % / above.
    add(household("B-026", "紫阳县", [adult("B-026-1", 1000), adult("B-026-2", 775, age=38),
                                      member("B-026-3", 12, "none", 0, 0, True)]))
    add(household("B-027", "紫阳县", [adult("B-027-1", "999.99"), adult("B-027-2", 775, age=38),
                                      member("B-027-3", 12, "none", 0, 0, True)]))
    add(household("B-028", "芦山县", [adult("B-028-1", 1000)], major=6000, reason="medical"))
    add(household("B-029", "芦山县", [adult("B-029-1", 1000)], major="6000.01", reason="none"))
    # 交通补贴: ages 16 / 15 / 59 / 60, 3 / 2 months away, local, not relocated.
    add(household("B-030", "大宁县", [adult("B-030-1", 3000, age=16, away=3, loc="in_province")]))
    add(household("B-031", "大宁县", [adult("B-031-1", 3000, age=15, away=6, loc="in_province")]))
    add(household("B-032", "大宁县", [adult("B-032-1", 3000, age=59, away=12, loc="out_of_province")]))
    add(household("B-033", "大宁县", [adult("B-033-1", 3000, age=60, away=12, loc="out_of_province")]))
    add(household("B-034", "紫阳县", [adult("B-034-1", 3000, away=2, loc="out_of_province")]))
    add(household("B-035", "紫阳县", [adult("B-035-1", 3000, away=12, loc="local")]))
    add(household("B-036", "紫阳县", [adult("B-036-1", 3000, away=6, loc="out_of_province")], relocated=False))
    # 医疗救助: band edges 3 000 and 20 000, just under and over the cap, no target, no costs.
    for i, cost in enumerate(["3000", "3001", "20000", "20001", "69933.33", "69933.34", "100000", "0.01"], 37):
        add(household(f"B-{i:03d}", "邵阳县", [adult(f"B-{i:03d}-1", 500)], medical=cost))
    add(household("B-045", "邵阳县", [adult("B-045-1", 3000)], medical=10000))
    add(household("B-046", "邵阳县", [adult("B-046-1", 300)], medical=0))
    # documents: none at all (an empty list is allowed).
    add(household("B-047", "大宁县", [adult("B-047-1", 300, away=6, loc="out_of_province"),
                                      member("B-047-2", 80, "none", 0, 100, False)],
                  major=8000, medical=5000, reason="medical", docs=[]))
    # every fixed household gets a community of its county (the first one unless given)
    out = []
    for r in E:
        community = r.pop("community", None) or COUNTIES[r["county"]][1][0]
        out.append({k: v for k, v in [("household_id", r["household_id"]), ("county", r["county"]),
                                      ("community", community)] + list(r.items())[2:]})
    return out


# ── random households ─────────────────────────────────────────────────────────

def random_household(rng, county, n):
    prefix, communities = COUNTIES[county]
    hid = f"{prefix}-{n:04d}"
    surname = rng.choice(SURNAMES)
    members = []
    std = STD.get(county, 480)

    def add(age, female, cap, dis, income, sup, away=0, loc="local", same_surname=True):
        nm = person_name(rng, surname if same_surname else rng.choice(SURNAMES), female)
        members.append(member(f"{hid}-{len(members) + 1}", age, cap, dis, income, sup, away, loc, nm))
        return nm

    def work(age, cap):
        if 16 <= age <= 59 and cap != "none" and rng.random() < 0.45:
            return rng.randint(1, 12), rng.choice(["in_province", "out_of_province", "out_of_province", "local"])
        return 0, "local"

    def income_for(cap, away, poor):
        if cap == "none":
            return money(rng, 0, 300) if rng.random() < 0.6 else Decimal(0)
        if poor:
            return money(rng, 0, std + 100)
        if cap == "half":
            return money(rng, 0, 1500)
        return money(rng, 800 if away else 0, 6000)

    kind = rng.choices(["family", "couple", "single_elder", "elder_couple", "single_parent"],
                       [55, 12, 13, 10, 10])[0]
    poor = rng.random() < 0.45   # low incomes, to reach the 低保 and monitoring lines
    if kind in ("single_elder", "elder_couple"):
        age = rng.randint(60, 92)
        female = rng.random() < 0.5
        dis = rng.choice([0, 0, 0, 1, 2, 3, 4])
        sup = rng.random() < 0.35
        head = add(age, female, rng.choice(["none", "none", "half"]), dis, income_for("none", 0, poor), sup)
        if kind == "elder_couple":
            age2 = max(60, min(95, age + rng.randint(-5, 5)))
            add(age2, not female, rng.choice(["none", "half"]), rng.choice([0, 0, 2, 3]),
                income_for("none", 0, poor), sup, same_surname=False)
    else:
        age = rng.randint(24, 62)
        female = kind == "single_parent" and rng.random() < 0.7
        cap = rng.choices(["full", "half", "none"], [75, 18, 7])[0]
        dis = 0 if cap == "full" and rng.random() < 0.9 else rng.choice([0, 1, 2, 3, 4])
        away, loc = work(age, cap)
        head = add(age, female, cap, dis, income_for(cap, away, poor), False, away, loc)
        if kind in ("family", "couple"):
            age2 = max(20, min(70, age + rng.randint(-6, 4)))
            cap2 = rng.choices(["full", "half", "none"], [60, 30, 10])[0]
            away2, loc2 = work(age2, cap2)
            add(age2, not female, cap2, 0 if cap2 != "none" else rng.choice([0, 2, 3]),
                income_for(cap2, away2, poor), False, away2, loc2, same_surname=False)
        if kind in ("family", "single_parent"):
            for _ in range(rng.choice([1, 1, 2, 2, 3])):
                cage = max(0, min(age - 18, rng.randint(0, 30)))
                if cage >= 16:
                    ccap = rng.choices(["full", "half"], [85, 15])[0]
                    caway, cloc = work(cage, ccap)
                    add(cage, rng.random() < 0.5, ccap, 0, income_for(ccap, caway, poor), False, caway, cloc)
                else:
                    add(cage, rng.random() < 0.5, "none", rng.choice([0] * 12 + [2, 3]), Decimal(0),
                        rng.random() < 0.9)
            if rng.random() < 0.3:   # a parent of the head lives with them
                add(rng.randint(62, 90), rng.random() < 0.6, "none", rng.choice([0, 0, 3]),
                    income_for("none", 0, poor), rng.random() < 0.7)

    reason = rng.choices(["none", "medical", "accident", "disaster", "education"], [50, 25, 8, 7, 10])[0]
    major = Decimal(0) if reason == "none" and rng.random() < 0.8 else money(rng, 500, 60000)
    medical = Decimal(0) if rng.random() < 0.5 else money(rng, 50, 120000 if rng.random() < 0.1 else 25000)
    docs = [x for x in DOCS if rng.random() < 0.7]
    assets = Decimal(0) if rng.random() < 0.3 else money(rng, 100, 30000 if poor else 90000)
    return household(hid, county, members, relocated=rng.random() < 0.8, assets=assets,
                     vehicle=rng.random() < (0.05 if poor else 0.2), prop=rng.random() < 0.04,
                     major=major, medical=medical, reason=reason, docs=docs,
                     community=rng.choice(communities), head_name=head)


# ── writer ────────────────────────────────────────────────────────────────────

def to_json(v):
    """JSON text with Decimals written as exact numbers (no binary floating point)."""
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


def main():
    rng = random.Random(SEED)
    records = [H77] + fixed_edges()
    counters = {c: 0 for c in COUNTIES}
    for _ in range(272):
        county = rng.choice(list(COUNTIES))
        counters[county] += 1
        records.append(random_household(rng, county, counters[county]))
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        for r in records:
            f.write(to_json(r) + "\n")
    print(f"wrote {len(records)} households to {OUT.name}")


if __name__ == "__main__":
    main()
