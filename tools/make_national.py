"""Writes a national programme of inspections, seeded, for the benchmark (benchmarks/national.py):
12 regions (Wales with its 6 PDUs, in Welsh and English; the others in England), 111 PDUs in
all, each region with its PDU counts from the staffing table, its regional inspection and its
inspection plan.

Narrative is of a real report's length (a PDU report of 15-25 pages, a regional report of 40-60),
made from the bundled fixtures' sentences. Ratings vary, and a share of key questions sit exactly
on a band's edge (49, 50, 64, 65, 79, 80%), where rounding decides the band. Unlike
tools/make_fixtures.py, this uses reportgen's rules to make the panel's ratings agree with the
counts: the output is benchmark data, not a test of the rules.

    python tools/make_national.py OUT_DIR [--regions N] [--seed S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import itertools

import make_fixtures as F
import narrative as N

from reportgen.model import PduInspection, RegionalInspection
from reportgen.rules import assessment, ratings
from reportgen.rules.rounding import percent

I, R, G, O = F.I, F.R, F.G, F.O
# (code, name, PDUs): every count has a row in the staffing table (rules.toml).
REGIONS = [
    ("wales", "Wales", 6), ("north-east", "North East", 7), ("north-west", "North West", 11),
    ("yorkshire-and-the-humber", "Yorkshire and the Humber", 9),
    ("greater-manchester", "Greater Manchester", 9), ("east-midlands", "East Midlands", 8),
    ("west-midlands", "West Midlands", 11), ("east-of-england", "East of England", 11),
    ("london", "London", 18), ("kent-surrey-and-sussex", "Kent, Surrey and Sussex", 9),
    ("south-west", "South West", 7), ("south-central", "South Central", 5),
]
EDGES = (49, 50, 64, 65, 79, 80)  # whole percentages on either side of a band boundary
FIRST_NAMES = ["Aisha", "Ben", "Carys", "Dev", "Elin", "Femi", "Gwen", "Hamza", "Iona", "Jack",
               "Kiran", "Lowri", "Maya", "Nathan", "Osian", "Priya", "Rhys", "Sian", "Tomos"]
SURNAMES = ["Ahmed", "Bowen", "Clarke", "Davies", "Evans", "Fraser", "Griffiths", "Hughes",
            "Iqbal", "Jones", "Khan", "Lewis", "Morgan", "Nolan", "Owen", "Patel", "Reid"]


def sentences() -> list[tuple[str, str]]:
    """Every (English, Welsh) sentence of the fixtures' narrative."""
    pool = [s for strengths, areas in N.FINDINGS.values() for s in strengths + areas]
    pool += [*N.SUMMARY.values(), *N.OVERALL.values(), *N.OVERALL_REGION.values(), N.PREVIOUS[1],
             N.PRACTICE[1], N.KEY_FINDINGS_REGION, *N.KEY_FINDINGS]
    pool += [(en, cy) for _, en, cy in N.RECOMMENDATIONS]
    return [(en.rstrip(".") + ".", cy.rstrip(".") + ".") for en, cy in pool]


def paragraph(rng: random.Random, welsh: bool, length: int = 5) -> object:
    chosen = rng.sample(sentences(), length)
    return F.text((" ".join(en for en, _ in chosen), " ".join(cy for _, cy in chosen)), welsh)


def paragraphs(rng: random.Random, welsh: bool, low: int, high: int) -> list:
    return [paragraph(rng, welsh, rng.randint(4, 7)) for _ in range(rng.randint(low, high))]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def lengthen(findings: dict, rng: random.Random, welsh: bool, scale: int = 1) -> None:
    """Narrative of a real report's length for one standard."""
    findings["summary"] = findings["summary"] + paragraphs(rng, welsh, 4 * scale, 6 * scale)
    for key in ("strengths", "areas_for_improvement"):
        findings[key] = findings[key] + [paragraph(rng, welsh, rng.randint(1, 2))
                                         for _ in range(rng.randint(2, 4) * scale)]


def on_an_edge(rng: random.Random, counts: dict) -> None:
    """Move one key question's share of sufficient cases onto a band's edge, if its case count
    can reach it exactly."""
    code = rng.choice(sorted(counts))
    kq = counts[code]
    n = sum(kq["core"].values()) + sum(kq["adjusted"].values())
    for edge in rng.sample(EDGES, len(EDGES)):
        yes = next((y for y in range(n + 1) if percent(y, n) == edge), None)
        if yes is not None:
            core = sum(kq["core"].values())
            counts[code] = F.split(yes, n, core)
            return


def pdu_data(region: dict, code: str, name: object, start: dt.date, seed: int) -> dict:
    rng = random.Random(seed)
    welsh = region["country"] == "Wales"
    english = name["en"] if isinstance(name, dict) else name
    d1 = [rng.choice([R, G, G, O] if rng.random() < 0.3 else [I, R, R, G]) for _ in range(3)]
    d1[0] = G if d1[0] == O else d1[0]  # Outstanding leadership needs a diversity review
    d2 = [rng.choice([I, R, G, O]) for _ in range(4)]
    spec = {"code": code, "name": name, "head": person(rng), "lead": person(rng),
            "deputy": person(rng), "sites": [f"{english} Probation Office"], "d1": d1, "d2": d2}
    data = F.pdu_file(region, spec, start, seed)
    for std in data["domain_two"].values():
        if rng.random() < 0.4:
            on_an_edge(rng, std["key_questions"])
    for std in (*data["domain_one"].values(), *data["domain_two"].values()):
        lengthen(std, rng, welsh)
    data["foreword"] += paragraphs(rng, welsh, 2, 3)
    data["overall_findings"] += paragraphs(rng, welsh, 4, 6)
    data["panel"]["key_findings"] += paragraphs(rng, welsh, 1, 2)
    data["effective_practice"] = [{"title": F.text(N.PRACTICE[0], welsh),
                                   "text": paragraph(rng, welsh, 5)} for _ in range(2)]
    data["previous_recommendations"]["summary"] = paragraphs(rng, welsh, 1, 2)
    data["recommendations"] += [
        {"to": to, "text": F.text((en, cy), welsh)} for to, en, cy in N.RECOMMENDATIONS[3:]]
    agree_pdu(data)
    return data


def model(kind, data: dict):
    return kind.model_validate_json(json.dumps(data))  # as reportgen reads a file


def agree_pdu(data: dict) -> None:
    """The panel's ratings as the rules give them from the counts."""
    found = assessment.assess_pdu(model(PduInspection, data))
    for code, result in found.standards.items():
        if result.basis == "cases" and result.computed:
            data["domain_two"][code]["rating"] = result.computed.value
    found = assessment.assess_pdu(model(PduInspection, data))
    data["overall_rating"] = found.overall_computed.value


def region_data(region: dict, pdus: list[dict], files: list[str], rng: random.Random,
                fieldwork: tuple[dt.date, dt.date]) -> dict:
    welsh = region["country"] == "Wales"
    bands = ratings.staffing_bands(len(pdus))
    rs = {"rpd": person(rng), "lead": person(rng), "deputy": person(rng), "spoc": person(rng),
          "link": person(rng), "admin": person(rng), "leadership": rng.choice([R, G, G]),
          "unpaid": rng.choice([R, G]), "victims": rng.choice([R, G]),
          "unpaid_n": rng.randint(30, 50), "victims_n": rng.randint(20, 40),
          "staffing_bands": bands, "fieldwork": fieldwork}
    data = F.region_file(region, rs, pdus, files)
    for std in (data["leadership"], data["staffing"], *data["domain_two"].values()):
        lengthen(std, rng, welsh, scale=5)
    data["foreword"] += paragraphs(rng, welsh, 3, 4)
    data["overall_findings"] += paragraphs(rng, welsh, 12, 16)
    data["panel"]["key_findings"] += paragraphs(rng, welsh, 2, 3)
    data["recommendations"] += [
        {"to": to, "text": F.text((en, cy), welsh)} for to, en, cy in N.RECOMMENDATIONS]
    agree_region(data, pdus)
    return data


def agree_region(data: dict, pdus: list[dict]) -> None:
    models = {p["pdu"]["code"]: model(PduInspection, p) for p in pdus}
    found = assessment.assess_region(model(RegionalInspection, data), models)
    for code, result in found.standards.items():
        if result.basis == "cases" and result.computed:
            data["domain_two"][code]["rating"] = result.computed.value
    found = assessment.assess_region(model(RegionalInspection, data), models)
    data["overall_rating"] = found.overall_computed.value


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def make_region(out: Path, code: str, name: str, count: int, seed: int) -> None:
    rng = random.Random(seed)
    welsh = code == "wales"
    region = F.WALES if welsh else {"code": code, "name": name, "country": "England"}
    if welsh:
        specs = [(s["code"], s["name"]) for s, _ in F.WALES_PDUS]
    else:
        specs = [(f"{code}-{i + 1}", f"{name} {i + 1}") for i in range(count)]
    first = monday(dt.date(2026, 1, 5) + dt.timedelta(weeks=rng.randint(0, 4)))
    starts = [first + dt.timedelta(weeks=i) for i in range(count)]
    pdus, files = [], []
    for i, ((pdu_code, pdu_name), start) in enumerate(zip(specs, starts, strict=True)):
        data = pdu_data(region, pdu_code, pdu_name, start, seed * 1000 + i)
        files.append(f"pdus/{pdu_code}.json")
        F.write(out / code / files[-1], data)
        pdus.append(data)
    casework = starts[-1] + dt.timedelta(weeks=3)
    fieldwork = (casework, casework + dt.timedelta(weeks=3))
    F.write(out / code / "region.json", region_data(region, pdus, files, rng, fieldwork))
    batches = 1 if count < 7 else 2 if count <= 12 else 3
    cut = [round(count * b / batches) for b in range(batches + 1)]
    rs = {"rpd": person(rng), "spoc": person(rng), "link": person(rng), "lead": person(rng),
          "admin": person(rng), "fieldwork": fieldwork}
    site = F.name("Probation Office", "Swyddfa Prawf") if welsh else "Probation Office"
    plan_specs = [({"code": c, "name": n, "head": person(rng), "lead": person(rng),
                    "sites": [site]}, start)
                   for (c, n), start in zip(specs, starts, strict=True)]
    F.write(out / code / "plan.json", F.plan_file(
        region, rs, [plan_specs[a:b] for a, b in itertools.pairwise(cut)],
        f"HMIP/PR/2026/{code[:3].upper()}"))


def make(out: Path, regions: int = len(REGIONS), seed: int = 2026) -> list[Path]:
    """Write the first `regions` regions of the programme into `out`; their folders."""
    folders = []
    for i, (code, name, count) in enumerate(REGIONS[:regions]):
        make_region(out, code, name, count, seed + i)
        folders.append(out / code)
    return folders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--regions", type=int, default=len(REGIONS))
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    for folder in make(args.out, args.regions, args.seed):
        print(folder)


if __name__ == "__main__":
    main()
