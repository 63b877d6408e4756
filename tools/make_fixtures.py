"""Writes the bundled fixtures (fixtures/): two regions, their PDU inspections, regional
inspections and inspection plans, plus minimal, maximal and disagreement PDU files.

The panel's ratings below are written by hand, as a panel would agree them; case counts are then
chosen to sit well inside each rating's band. This script does not use reportgen's rules, so
`reportgen ratings` agreeing with the fixtures is a real check of the rules.

    python tools/make_fixtures.py        # rewrites fixtures/
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import itertools

import narrative as N

ROOT = Path(__file__).resolve().parent.parent / "fixtures"
FRAMEWORK = "2025.03"
I, R, G, O = "Inadequate", "Requires improvement", "Good", "Outstanding"
SCORE = {I: 0, R: 1, G: 2, O: 3}
# Targets well inside each band (bands: <50, 50-64, 65-79, 80+), so rounding never crosses one.
TARGET = {I: (36, 45), R: (53, 61), G: (68, 76), O: (83, 91)}
PDU_D2 = ["P 2.1", "P 2.2", "P 2.3", "P 2.4"]


def overall(total: int, lows: tuple[int, int, int]) -> str:
    return [I, R, G, O][sum(total >= low for low in lows)]


def text(pair: tuple[str, str], welsh: bool) -> object:
    return {"en": pair[0], "cy": pair[1]} if welsh else pair[0]


def person(name: str, role: tuple[str, str] | None = None, welsh: bool = False,
           email: str | None = None, language: str = "en") -> dict:
    out: dict = {"name": name}
    if role:
        out["role"] = text(role, welsh)
    if email:
        out["email"] = email
    if language != "en":
        out["language"] = language
    return out


def split(yes: int, n: int, core: int) -> dict:
    """Split `yes` of `n` cases between core and adjusted cases, about in proportion."""
    core_yes = min(core, round(yes * core / n))
    adj = n - core
    adj_yes = yes - core_yes
    if adj_yes > adj:
        core_yes, adj_yes = core_yes + adj_yes - adj, adj
    return {"core": {"yes": core_yes, "no": core - core_yes},
            "adjusted": {"yes": adj_yes, "no": adj - adj_yes}}


def case_counts(rng: random.Random, rating: str, codes: list[str], n: int, core: int) -> dict:
    lo, hi = TARGET[rating]
    lowest = rng.randint(lo, hi)
    shares = [lowest] + [min(97, lowest + rng.randint(2, 14)) for _ in codes[1:]]
    rng.shuffle(shares)
    return {code: split(round(share * n / 100), n, core) for code, share in zip(codes, shares)}


def findings(code: str, rating: str, welsh: bool, rng: random.Random) -> dict:
    strengths, areas = N.FINDINGS[code]
    good = SCORE[rating] >= 2
    k = 2 if good else 1
    return {
        "rating": rating,
        "summary": [text(N.SUMMARY[good], welsh)],
        "strengths": [text(s, welsh) for s in rng.sample(strengths, min(k, len(strengths)))],
        "areas_for_improvement": [text(a, welsh) for a in
                                  rng.sample(areas, min(3 - k, len(areas)))],
    }


def name(en: str, cy: str | None = None, cy_in: str | None = None) -> object:
    if cy is None:
        return en
    return {"en": en, "cy": cy} | ({"cy_in": cy_in} if cy_in else {})


def pdu_file(region: dict, spec: dict, start: dt.date, seed: int) -> dict:
    rng = random.Random(seed)
    welsh = region["country"] == "Wales"
    d1, d2 = spec["d1"], spec["d2"]
    core = rng.randint(26, 36)
    adjusted = rng.randint(4, 9)
    n = core + adjusted
    end = start + dt.timedelta(days=11)
    total = sum(SCORE[r] for r in d1 + d2)
    kq = {s: [f"{s}.{i}" for i in (1, 2, 3)] for s in PDU_D2}
    domain_one = {f"P 1.{i + 1}": findings(f"P 1.{i + 1}", r, welsh, rng) for i, r in enumerate(d1)}
    if d1[0] == O:
        domain_one["P 1.1"]["diversity_review"] = True
    domain_two = {}
    for code, rating in zip(PDU_D2, d2):
        block = findings(code, rating, welsh, rng)
        block["key_questions"] = case_counts(rng, rating, kq[code], n, core)
        domain_two[code] = block
    court = rng.randint(7, 13)
    resettle = rng.randint(5, 10)
    # Surveys and contextual data draw on their own generator, so adding them left every other
    # figure of the fixtures as it was.
    ev = random.Random(seed * 7 + 1)
    size = ev.uniform(0.7, 1.3)
    ratings = {code: block["rating"] for code, block in domain_one.items()}
    name_cy_in = spec["name"]["cy_in"] if welsh else ""
    name_en = spec["name"]["en"] if welsh else spec["name"]
    return {
        "kind": "pdu-inspection",
        "schema_version": 1,
        "framework_version": FRAMEWORK,
        "region": region,
        "pdu": {"code": spec["code"], "name": spec["name"]},
        "head_of_pdu": person(spec["head"], ("Head of PDU", "Pennaeth yr Uned"), welsh),
        "inspectors": {"lead": person(spec["lead"], ("Lead inspector", "Arolygydd arweiniol"), welsh),
                       "deputy": person(spec["deputy"])},
        "fieldwork": {"start": start.isoformat(), "end": end.isoformat()},
        "panel": {
            "date": (end + dt.timedelta(days=7)).isoformat(),
            "chair": person("Lorna Achebe", ("Chief Operating Officer", "Prif Swyddog Gweithredu"), welsh),
            "members": [person(spec["lead"]), person("Graham Oyelaran",
                        ("Head of Probation Inspection Programme", "Pennaeth y Rhaglen Arolygu Prawf"), welsh)],
            "key_findings": [text(N.KEY_FINDINGS[0], welsh)],
        },
        "foreword": [text((en.format(name_en=name_en), cy.format(name_cy_in=name_cy_in)), welsh)
                     for en, cy in N.FOREWORD],
        "overall_findings": [text(N.OVERALL["good" if total >= 11 else "weak"], welsh)],
        "domain_one": domain_one,
        "domain_two": domain_two,
        "overall_rating": overall(total, (4, 11, 18)),
        "case_profile": {"core_cases": core, "adjusted_cases": adjusted,
                         "women": rng.randint(3, 7), "high_risk_of_serious_harm": rng.randint(10, 20)},
        "regional_case_data": {
            "R 2.3.1": {"core": {"yes": round(court * spec.get("court", 0.72)), "no": court - round(court * spec.get("court", 0.72))}},
            "R 2.5.1": {"core": {"yes": round(resettle * spec.get("resettle", 0.6)), "no": resettle - round(resettle * spec.get("resettle", 0.6))}},
        },
        "recommendations": [{"to": to, "text": text((en, cy), welsh)} for to, en, cy in N.RECOMMENDATIONS[:3]],
        "previous_recommendations": {
            "items": [{"recommendation": text(N.PREVIOUS[0], welsh), "progress": text(N.PREVIOUS[1], welsh)}]},
        "effective_practice": [{"title": text(N.PRACTICE[0], welsh), "text": text(N.PRACTICE[1], welsh)}] if total >= 11 else [],
        "surveys": {
            "staff": survey(ev, N.STAFF_SURVEY, ratings, welsh, round(145 * size), (0.45, 0.65)),
            "people_on_probation": survey(ev, N.PEOPLE_SURVEY, ratings, welsh,
                                          round(120 * size), (0.2, 0.35)),
        },
        "contextual_data": contextual(ev, size, start - dt.timedelta(weeks=6)),
    }


def survey(rng: random.Random, statements: list, ratings: dict[str, str], welsh: bool,
           invited: int, answer_rate: tuple[float, float]) -> dict:
    """Answers to each statement that follow the standard's rating: more agree where the panel
    rated it well. Some respondents skip a statement."""
    respondents = round(invited * rng.uniform(*answer_rate))
    questions = []
    for code, standard, pair, short in statements:
        answered = respondents - rng.randint(0, 3)
        agree = round(answered * {I: 0.3, R: 0.45, G: 0.66, O: 0.82}[ratings[standard]]
                      * rng.uniform(0.9, 1.1))
        neither = round((answered - agree) * rng.uniform(0.2, 0.4))
        questions.append({"code": code, "statement": text(pair, welsh), "short": text(short, welsh),
                          "standard": standard,
                          "agree": agree, "neither": neither, "disagree": answered - agree - neither})
    return {"respondents": respondents, "invited": invited, "questions": questions}


def contextual(rng: random.Random, size: float, as_at: dt.date) -> dict:
    """Caseload and staffing as the organisational data spreadsheet gives them (one decimal)."""
    def fte(target: float, filled: tuple[float, float]) -> dict:
        t = round(target * size, 1)
        return {"target_fte": t, "in_post_fte": round(t * rng.uniform(*filled), 1)}
    return {
        "as_at": as_at.isoformat(),
        "caseload": {"community": round(rng.randint(1100, 1500) * size),
                     "licence": round(rng.randint(700, 1000) * size),
                     "custody": round(rng.randint(450, 700) * size)},
        "staffing": [{"grade": "senior-probation-officer"} | fte(11.0, (0.85, 1.0)),
                     {"grade": "probation-officer"} | fte(58.0, (0.72, 0.95)),
                     {"grade": "probation-services-officer"} | fte(46.0, (0.85, 1.04)),
                     {"grade": "case-administrator"} | fte(27.0, (0.88, 1.0))],
    }


def summed(pdus: list[dict], as_at: dt.date) -> dict:
    """A region's contextual data: its PDUs' figures added up."""
    caseload = {k: sum(p["contextual_data"]["caseload"][k] for p in pdus)
                for k in ("community", "licence", "custody")}
    grades = [line["grade"] for line in pdus[0]["contextual_data"]["staffing"]]
    staffing = [{"grade": g} | {k: round(sum(line[k] for p in pdus
                                             for line in p["contextual_data"]["staffing"]
                                             if line["grade"] == g), 1)
                                for k in ("target_fte", "in_post_fte")} for g in grades]
    return {"as_at": as_at.isoformat(), "caseload": caseload, "staffing": staffing}


def band_of(yes: int, n: int) -> str:
    # An independent statement of the manual's bands on a half-up whole percentage.
    pct = int(100 * yes / n + 0.5)
    return I if pct < 50 else R if pct < 65 else G if pct < 80 else O


def regional_case_ratings(pdus: list[dict]) -> dict[str, str]:
    theme = {"R 2.1": 3, "R 2.2": 2}
    out = {}
    for code, q in theme.items():
        worst = []
        for s in PDU_D2:
            yes = sum(p["domain_two"][s]["key_questions"][f"{s}.{q}"][k]["yes"] for p in pdus for k in ("core", "adjusted"))
            n = sum(p["case_profile"]["core_cases"] + p["case_profile"]["adjusted_cases"] for p in pdus)
            worst.append(band_of(yes, n))
        out[code] = min(worst, key=SCORE.get)
    for code, kq in (("R 2.3", "R 2.3.1"), ("R 2.5", "R 2.5.1")):
        yes = sum(p["regional_case_data"][kq]["core"]["yes"] for p in pdus)
        n = sum(sum(p["regional_case_data"][kq]["core"].values()) for p in pdus)
        out[code] = band_of(yes, n)
    return out


def own_cohort(rng: random.Random, rating: str, codes: list[str], n: int) -> dict:
    return {c: {"core": v["core"]} for c, v in case_counts(rng, rating, codes, n, n).items()}


def region_file(region: dict, rs: dict, pdus: list[dict], files: list[str]) -> dict:
    rng = random.Random(sum(map(ord, region["code"])))
    welsh = region["country"] == "Wales"
    staffing_total = sum(SCORE[p["domain_one"]["P 1.2"]["rating"]] for p in pdus)
    indicative = overall(staffing_total, rs["staffing_bands"])
    cases = regional_case_ratings(pdus)
    cases["R 2.4"], cases["R 2.6"] = rs["unpaid"], rs["victims"]
    final_staffing = rs.get("staffing_final", indicative)
    scores = [SCORE[rs["leadership"]], SCORE[final_staffing]] + [SCORE[cases[c]] for c in sorted(cases)]
    domain_two = {}
    for code in sorted(cases):
        block = findings(code, cases[code], welsh, rng)
        if code == "R 2.4":
            block["key_questions"] = own_cohort(rng, cases[code], ["R 2.4.1", "R 2.4.2"], rs["unpaid_n"])
        if code == "R 2.6":
            block["key_questions"] = own_cohort(rng, cases[code], ["R 2.6.1", "R 2.6.2"], rs["victims_n"])
        domain_two[code] = block
    staffing = findings("R 1.2", final_staffing, welsh, rng)
    staffing |= {"indicative_rating": indicative, "moderated": final_staffing != indicative}
    if final_staffing != indicative:
        staffing["moderation_reason"] = text(rs["moderation_reason"], welsh)
    fw = rs["fieldwork"]
    return {
        "kind": "regional-inspection",
        "schema_version": 1,
        "framework_version": FRAMEWORK,
        "region": region,
        "regional_probation_director": person(rs["rpd"], ("Regional Probation Director", "Cyfarwyddwr Prawf Rhanbarthol"), welsh),
        "inspectors": {"lead": person(rs["lead"]), "deputy": person(rs["deputy"])},
        "fieldwork": {"casework": {"start": fw[0].isoformat(), "end": (fw[0] + dt.timedelta(4)).isoformat()},
                      "meetings": {"start": fw[1].isoformat(), "end": (fw[1] + dt.timedelta(11)).isoformat()}},
        "panel": {"date": (fw[1] + dt.timedelta(18)).isoformat(),
                  "chair": person("Lorna Achebe", ("Chief Operating Officer", "Prif Swyddog Gweithredu"), welsh),
                  "members": [person(rs["lead"])],
                  "key_findings": [text(N.KEY_FINDINGS_REGION, welsh)]},
        "pdus": [{"file": f} for f in files],
        "foreword": [text(N.FOREWORD_REGION, welsh), text(N.FOREWORD[1], welsh)],
        "overall_findings": [text(N.OVERALL_REGION["good" if sum(scores) >= 13 else "weak"], welsh)],
        "leadership": findings("R 1.1", rs["leadership"], welsh, rng),
        "staffing": staffing,
        "domain_two": domain_two,
        "overall_rating": overall(sum(scores), (5, 13, 21)),
        "recommendations": [{"to": to, "text": text((en, cy), welsh)} for to, en, cy in N.RECOMMENDATIONS[2:]],
        "surveys": {"staff": survey(random.Random(len(pdus) * 31), N.REGIONAL_STAFF_SURVEY,
                                    {"R 1.1": rs["leadership"], "R 1.2": final_staffing}, welsh,
                                    95, (0.5, 0.65))},
        "contextual_data": summed(pdus, fw[0] - dt.timedelta(weeks=6)),
    }


def plan_file(region: dict, rs: dict, batches: list[list[tuple[dict, dt.date]]], ref: str) -> dict:
    welsh = region["country"] == "Wales"
    lang = "cy" if welsh else "en"
    fw = rs["fieldwork"]
    return {
        "kind": "inspection-plan",
        "schema_version": 1,
        "region": region,
        "reference": ref,
        "contacts": {
            "regional_probation_director": person(rs["rpd"], ("Regional Probation Director", "Cyfarwyddwr Prawf Rhanbarthol"), welsh,
                                                  f"{rs['rpd'].split()[0].lower()}@justice.example.gov.uk", lang)
            | ({"bilingual": True} if welsh else {}),
            "spoc": person(rs["spoc"], ("Single point of contact", "Pwynt cyswllt unigol"), welsh, f"{rs['spoc'].split()[0].lower()}@justice.example.gov.uk"),
            "link_senior_manager": person(rs["link"], ("Head of performance and quality", "Pennaeth perfformiad ac ansawdd"), welsh),
        },
        "inspectorate": {
            "lead_inspector": person(rs["lead"], ("Regional lead inspector", "Arolygydd arweiniol rhanbarthol"), welsh, "lead.inspector@hmiprobation.example.gov.uk"),
            "administrator": person(rs["admin"], ("Administrator operations", "Gweinyddwr gweithrediadau"), welsh, "admin@hmiprobation.example.gov.uk"),
        },
        "batches": [{"pdus": [{"code": s["code"], "name": s["name"],
                               "head_of_pdu": person(s["head"], ("Head of PDU", "Pennaeth yr Uned"), welsh),
                               "fieldwork": {"start": d.isoformat(), "end": (d + dt.timedelta(11)).isoformat()},
                               "sites": s["sites"], "lead_inspector": person(s["lead"])}
                              for s, d in batch]} for batch in batches],
        "regional_fieldwork": {"casework": {"start": fw[0].isoformat(), "end": (fw[0] + dt.timedelta(4)).isoformat()},
                               "meetings": {"start": fw[1].isoformat(), "end": (fw[1] + dt.timedelta(11)).isoformat()}},
        "initial_planning_meeting": {"time": "10:00", "duration_minutes": 90},
    }


D = dt.date
WALES = {"code": "wales", "name": {"en": "Wales", "cy": "Cymru", "cy_in": "yng Nghymru"}, "country": "Wales"}
WALES_PDUS = [
    ({"code": "cardiff-and-the-vale", "name": name("Cardiff and the Vale", "Caerdydd a'r Fro", "yng Nghaerdydd a'r Fro"),
      "head": "Rhian Pritchard", "lead": "Owain Davies", "deputy": "Sara Lloyd", "sites": [name("Cardiff Probation Office, Llanishen", "Swyddfa Prawf Caerdydd, Llanisien")],
      "d1": [G, G, R], "d2": [G, R, R, R]}, D(2026, 3, 2)),
    ({"code": "gwent", "name": name("Gwent", "Gwent", "yng Ngwent"), "head": "Dafydd Morgan", "lead": "Owain Davies",
      "deputy": "Sara Lloyd", "sites": [name("Newport Probation Office", "Swyddfa Prawf Casnewydd"),
                                              name("Ebbw Vale Probation Office", "Swyddfa Prawf Glynebwy")],
      "d1": [R, R, R], "d2": [R, I, R, I], "court": 0.58}, D(2026, 3, 16)),
    ({"code": "swansea-neath-port-talbot", "name": name("Swansea, Neath and Port Talbot", "Abertawe, Castell-nedd a Phort Talbot", "yn Abertawe, Castell-nedd a Phort Talbot"),
      "head": "Catrin Hughes", "lead": "Nia Roberts", "deputy": "Gareth Evans", "sites": [name("Swansea Probation Centre", "Canolfan Prawf Abertawe")],
      "d1": [G, G, G], "d2": [G, G, R, G]}, D(2026, 4, 13)),
    ({"code": "cwm-taf-morgannwg", "name": name("Cwm Taf Morgannwg", "Cwm Taf Morgannwg", "yng Nghwm Taf Morgannwg"),
      "head": "Huw Jenkins", "lead": "Nia Roberts", "deputy": "Gareth Evans", "sites": [name("Merthyr Tydfil Probation Office", "Swyddfa Prawf Merthyr Tudful"),
                                                                                     name("Bridgend Probation Office", "Swyddfa Prawf Pen-y-bont ar Ogwr")],
      "d1": [R, R, G], "d2": [R, R, R, R]}, D(2026, 4, 27)),
    ({"code": "dyfed-powys", "name": name("Dyfed-Powys", "Dyfed-Powys", "yn Nyfed-Powys"), "head": "Eleri Thomas",
      "lead": "Owain Davies", "deputy": "Sara Lloyd", "sites": [name("Carmarthen Probation Office", "Swyddfa Prawf Caerfyrddin"),
                                                                     name("Newtown Probation Office", "Swyddfa Prawf y Drenewydd")],
      "d1": [G, G, G], "d2": [O, G, G, G]}, D(2026, 5, 11)),
    ({"code": "north-wales", "name": name("North Wales", "Gogledd Cymru", "yng Ngogledd Cymru"), "head": "Gwion Parry",
      "lead": "Nia Roberts", "deputy": "Gareth Evans", "sites": [name("Caernarfon Probation Office", "Swyddfa Prawf Caernarfon"),
                                                                    name("Wrexham Probation Office", "Swyddfa Prawf Wrecsam")],
      "d1": [G, G, R], "d2": [G, R, G, R]}, D(2026, 6, 1)),
]
WALES_REGION = {
    "rpd": "Angharad Williams", "lead": "Owain Davies", "deputy": "Nia Roberts", "spoc": "Bethan Rees",
    "link": "Ioan Price", "admin": "Megan Harris", "leadership": R, "unpaid": G, "victims": R,
    "unpaid_n": 38, "victims_n": 24, "staffing_bands": (4, 10, 16), "staffing_final": R,
    "moderation_reason": ("The PDUs' staffing scores sit on the boundary between Requires improvement and Good, and regional evidence showed vacancies growing in three PDUs.",
                          "Mae sgoriau staffio'r Unedau ar y ffin rhwng Angen gwella a Da, a dangosodd tystiolaeth ranbarthol fod swyddi gwag yn cynyddu mewn tair Uned."),
    "fieldwork": (D(2026, 6, 22), D(2026, 7, 13)),
}

EAST = {"code": "east-of-england", "name": "East of England", "country": "England"}
_E = [("bedfordshire", "Bedfordshire", [R, R, R], [R, R, I, R]),
      ("cambridgeshire-and-peterborough", "Cambridgeshire and Peterborough", [G, G, G], [G, G, R, G]),
      ("essex-north", "Essex North", [R, R, G], [R, I, I, I]),
      ("essex-south", "Essex South", [I, R, R], [I, I, I, I]),
      ("hertfordshire", "Hertfordshire", [G, G, G], [G, G, G, G]),
      ("luton", "Luton", [R, R, R], [R, R, R, R]),
      ("milton-keynes", "Milton Keynes", [G, R, G], [G, R, R, G]),
      ("norfolk", "Norfolk", [O, G, O], [O, O, G, O]),
      ("suffolk", "Suffolk", [G, R, G], [G, G, R, R]),
      ("southend", "Southend", [R, R, R], [I, R, I, R]),
      ("thurrock", "Thurrock", [R, G, R], [R, R, R, I])]
_HEADS = ["Helen Carter", "Marcus Bell", "Priya Shah", "Tom Whitfield", "Aisha Rahman", "Daniel Okafor",
          "Fiona Grant", "Samuel Reed", "Grace Ncube", "Oliver Hart", "Joanne Pike"]
_STARTS = [D(2026, 1, 12), D(2026, 1, 26), D(2026, 2, 9), D(2026, 2, 23), D(2026, 3, 9), D(2026, 3, 23),
           D(2026, 4, 13), D(2026, 4, 27), D(2026, 5, 11), D(2026, 6, 1), D(2026, 6, 15)]
EAST_PDUS = [({"code": c, "name": n, "head": h, "lead": ["Rachel Moss", "Ian Fletcher"][i % 2],
               "deputy": ["Kwame Mensah", "Laura Finch"][i % 2], "sites": [f"{n} Probation Office"],
               "d1": d1, "d2": d2}, s)
             for i, ((c, n, d1, d2), h, s) in enumerate(zip(_E, _HEADS, _STARTS))]
EAST_REGION = {
    "rpd": "Margaret Oduya", "lead": "Rachel Moss", "deputy": "Ian Fletcher", "spoc": "Colin Baxter",
    "link": "Naomi Sterling", "admin": "Peter Lowe", "leadership": R, "unpaid": R, "victims": G,
    "unpaid_n": 44, "victims_n": 31, "staffing_bands": (6, 17, 28),
    "fieldwork": (D(2026, 7, 6), D(2026, 7, 27)),
}


def national_review() -> dict:
    standards: dict = {}
    for code, (finding, sources) in N.NATIONAL.items():
        std = standards.setdefault(code.rsplit(".", 1)[0], {"key_questions": {}})
        std["key_questions"][code] = {"findings": [text(finding, True)],
                                      "evidence": [text(N.NATIONAL_EVIDENCE[i], True) for i in sources]}
    # The national review covers England and Wales: it is published in both languages.
    return {
        "kind": "national-review", "schema_version": 1, "framework_version": FRAMEWORK,
        "period": {"start": "2025-10-01", "end": "2026-09-30"}, "publication_date": "2026-11-27",
        "lead_inspector": person("Graham Oyelaran", ("Head of Probation Inspection Programme",
                                                     "Pennaeth y Rhaglen Arolygu Prawf"), True),
        "introduction": [text(N.NATIONAL_INTRO, True)],
        "evidence_sources": [text(e, True) for e in N.NATIONAL_EVIDENCE],
        "standards": standards,
    }


def write(path: Path, obj: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def make_region(folder: str, region: dict, specs: list, rs: dict, batches: list[int], ref: str) -> list[dict]:
    pdus, files = [], []
    for i, (spec, start) in enumerate(specs):
        data = pdu_file(region, spec, start, seed=1000 + i + len(folder))
        files.append(f"pdus/{spec['code']}.json")
        write(ROOT / folder / files[-1], data)
        pdus.append(data)
    write(ROOT / folder / "region.json", region_file(region, rs, pdus, files))
    cut = [0, *batches, len(specs)]
    write(ROOT / folder / "plan.json",
          plan_file(region, rs, [specs[a:b] for a, b in itertools.pairwise(cut)], ref))
    return pdus


def main() -> None:
    make_region("wales", WALES, WALES_PDUS, WALES_REGION, [], "HMIP/PR/2026/WAL")
    east = make_region("east-of-england", EAST, EAST_PDUS, EAST_REGION, [6], "HMIP/PR/2026/EOE")
    base = east[4]  # Hertfordshire
    minimal = {k: base[k] for k in ("kind", "schema_version", "framework_version", "region", "pdu",
                                    "head_of_pdu", "fieldwork", "overall_rating", "case_profile")}
    minimal["inspectors"] = {"lead": {"name": base["inspectors"]["lead"]["name"]}}
    minimal["domain_one"] = {c: {"rating": s["rating"]} for c, s in base["domain_one"].items()}
    minimal["domain_two"] = {c: {"rating": s["rating"], "key_questions": s["key_questions"]}
                             for c, s in base["domain_two"].items()}
    write(ROOT / "pdu-minimal.json", minimal)
    maximal = json.loads(json.dumps(east[7]))  # Norfolk: every optional field, hostile text too
    maximal["publication_date"] = "2026-07-31"
    maximal["pdu"]["name"] = {"en": "Norfolk", "cy": "Norfolk", "cy_in": "yn Norfolk"}
    maximal["foreword"].append("Staff & partners said \"it's <better> now\" {{ not_a_variable }} {% if x %} — "
                               "mae'r gwaith yn ŵyl ŷd 👍 (50% < 80%).")
    maximal["effective_practice"].append({"title": "Café & <drop-in> sessions",
                                          "text": "A weekly drop-in with partners ~ {{ 1 + 1 }} ~ helped 12 people into work."})
    maximal["recommendations"].append({"to": "hmpps", "text": N.RECOMMENDATIONS[3][1]})
    maximal["recommendations"].append({"to": "ministry-of-justice", "text": "review the funding formula for PDUs with rising caseloads"})
    maximal["previous_recommendations"]["summary"] = ["The PDU had made progress on two of the three recommendations from our last inspection."]
    maximal["panel"]["departures"] = []
    write(ROOT / "pdu-maximal.json", maximal)
    write(ROOT / "national-review.json", national_review())
    disagree = json.loads(json.dumps(east[0]))  # Bedfordshire, P 2.3 rated a band too high
    disagree["domain_two"]["P 2.3"]["rating"] = R
    disagree["pdu"]["code"] = "bedfordshire-disagreement"
    write(ROOT / "pdu-disagreement.json", disagree)


if __name__ == "__main__":
    main()
