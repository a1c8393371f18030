"""Write a synthetic, sector-sized plan in the ``graph/`` schema, valid for ``rimograph validate``.

    python benchmarks/synthetic.py --edges 100000 --out /tmp/synth100k
    rimograph validate --graph /tmp/synth100k

The shape imitates the sector, not one plan: the eight Samenlevingsopbouw institutes over one
or more plan periods (each plan with its own strategic and operational goals on the five shared
themes), Belgium's 581 municipalities with neighbourhoods, strategic actions with their
projects, and a partner database far bigger than one plan. Partners are picked per entry from a
heavy-tailed (Zipf-like) popularity, so a few hubs (think CAW, a city) work in thousands of
entries and most partners in one or two; the number of partners per entry is log-normal (mean
about 10). Mentions resolve through ``aliases.csv`` the way the real data does: by the
partner's name or abbreviation (valid everywhere), a bare "lokaal bestuur" through an
entry-specific alias to the local government of the entry's town, and "A en B" mentions to two
partners. Generic partners (categories, roles) are in the mix.

The graph built from the tables has ``--edges`` edges, give or take one entry's worth (the
exact counts are printed). Same ``--seed``, same files.
"""

from __future__ import annotations

import argparse
import csv
import random
import time
from pathlib import Path

THEMES = [  # id slug, name, strategic goal code
    ("sociale-bescherming", "Sociale bescherming", "sd1"),
    ("wonen", "Wonen", "sd1"),
    ("onderwijs", "Onderwijs", "sd1"),
    ("krachtige-buurten-en-steden", "Krachtige buurten en steden", "sd2"),
    ("collectief-burgerschap", "Collectief burgerschap", "sd3"),
]
SDS = [("sd1", "SD1", "Grond- en mensenrechten"), ("sd2", "SD2", "Krachtige buurten en steden"),
       ("sd3", "SD3", "Collectief burgerschap")]
OD_THEMES = [0, 0, 0, 1, 1, 2, 2, 3, 3, 3, 4, 4, 4]  # 13 external goals per plan, as in the plan
INSTITUTES = ["rimo-limburg", "antwerpen-stad", "antwerpen-provincie", "brussel", "gent",
              "oost-vlaanderen", "vlaams-brabant", "west-vlaanderen"]
WORDS = ["buurt", "huis", "werk", "zorg", "samen", "stad", "dorp", "wijk", "jeugd", "armoede",
         "welzijn", "school", "vrije", "tijd", "recht", "wonen", "energie", "voedsel", "gezin",
         "netwerk", "centrum", "punt", "kracht", "brug", "plein", "kompas", "anker", "vonk"]
KINDS = ["buurt", "wijk", "deelgemeente"]
SOURCE_NOTE = "synthetic (benchmarks/synthetic.py)"


def slug_name(rng, index, words=2):
    parts = [rng.choice(WORDS) for _ in range(words)]
    return " ".join(parts).capitalize() + f" {index}"


def cite(rng):
    page = rng.randint(1, 120)
    line = rng.randint(1, 6000)
    return [page, line, line + rng.randint(0, 12)]


def timing(rng, period_start):
    """(start, end, timing text, note) with the precisions the real tables use."""
    year = period_start + rng.randint(-3, 2)
    roll = rng.random()
    if roll < 0.1:
        return "", "", "", "Geen timing in het plan."
    if roll < 0.3:
        start, end = f"{year}-{rng.randint(1, 12):02d}", f"{period_start + 4}"
        return start, end, f"{start} - {end}", ""
    start = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if roll < 0.4:
        return start, "", f"{start} - ?", "Open einde."
    end = f"{period_start + 4}-12-31"
    return start, end, f"{start} – {end}", ""


class Writer:
    """One CSV file of the schema, written row by row (UTF-8, header first, LF endings)."""

    def __init__(self, folder, name, header):
        self.handle = (folder / name).open("w", encoding="utf-8", newline="")
        self.csv = csv.writer(self.handle, lineterminator="\n")
        self.csv.writerow(header)
        self.rows = 0

    def row(self, *values):
        self.csv.writerow(["true" if v is True else "false" if v is False else v
                           for v in values])
        self.rows += 1

    def close(self):
        self.handle.close()


def context(writer, rng, municipalities, partners) -> int:
    """The plan's context tables: one region, one indicator measured in every municipality and
    the region, each municipality's local government supported by the last partner, and each
    municipality mentioned in one section.
    Returns the number of edges they add."""
    writer("regions.csv", ["id", "name", "kind", "nis", "source"]).row(
        "region:provincie", "Provincie", "province", "10000", SOURCE_NOTE)
    writer("indicator_definitions.csv", ["id", "name", "measures", "unit", "source_note",
                                         "need_signal", "page", "line_start", "line_end"]).row(
        "indicator:activiteitsgraad", "Activiteitsgraad", "werkenden en werkzoekenden",
        "percent", SOURCE_NOTE, "lower", *cite(rng))
    ind = writer("indicators.csv", ["indicator", "place", "place_as_written", "former_name",
                                    "year", "date", "population", "value", "unit", "figure",
                                    "approximate", "comparison", "basis", "reason", "page",
                                    "line_start", "line_end"])
    for place in ["region:provincie", *municipalities]:
        ind.row("indicator:activiteitsgraad", place, "", False, 2017, "", "",
                round(rng.uniform(60, 80), 1), "percent", "", False, "", "stated", "", *cite(rng))
    ties = writer("ties.csv", ["source", "relation", "target", "body", "together_with", "year",
                               "source_as_written", "target_as_written", "summary", "basis",
                               "reason", "page", "line_start", "line_end"])
    for municipality in municipalities:
        ties.row(partners[-1], "SUPPORTS", f"partner:lokaal-bestuur-{municipality.split(':')[1]}",
                 "", "", "", "", "", "", "stated", "", *cite(rng))
    writer("sections.csv", ["id", "name", "level", "page", "line_start", "line_end"]).row(
        "section:1-omgevingsanalyse", "Omgevingsanalyse", 1, 1, 1, 100)
    mentions = writer("mentions.csv", ["municipality", "section", "name_as_written", "kind",
                                       "page", "line_start", "line_end"])
    for line, municipality in enumerate(municipalities, start=1):
        mentions.row(municipality.split(":")[1], "section:1-omgevingsanalyse", "Gemeente",
                     "2019", 1, line, line)
    return 1 + 3 * len(municipalities)


def priorities(writer, rng, goals) -> int:
    """One priority of the minister linked to a sector goal and to the first plan's ODs.
    Returns the number of edges they add."""
    writer("priorities.csv", ["id", "name", "framework", "number", "name_as_written", "summary",
                              "page", "line_start", "line_end"]).row(
        "priority:wonen", "Wonen (beleidsnota Welzijn)", "beleidsnota-welzijn", "", "WONEN",
        "Synthetisch.", *cite(rng))
    writer("sector_goals.csv", ["id", "name", "name_as_written", "summary", "page",
                                "line_start", "line_end"]).row(
        "sector-goal:klimaat", "Klimaat", "OD klimaat", "Synthetisch.", *cite(rng))
    links = writer("priority_links.csv", ["priority", "target", "target_as_written", "basis",
                                          "reason", "page", "line_start", "line_end"])
    for goal in ["sector-goal:klimaat", *goals]:
        links.row("priority:wonen", goal, "OD", "stated", "", *cite(rng))
    return 1 + len(goals)


def staffing(writer, rng, entries) -> int:
    """FTE per year, an expansion request of two items, and the first two entries related.
    Returns the number of edges they add."""
    years = writer("fte_years.csv", ["year", "scope", "fte", "figure", "heading_as_written",
                                     "page", "line_start", "line_end"])
    for year in range(2021, 2026):
        years.row(year, "vzw", 45.5, "45,5", f"BEGROTING {year}", *cite(rng))
    expansion = writer("expansion.csv", ["part", "area_as_written", "theme", "entry", "item",
                                         "fte", "figure", "basis", "reason", "page",
                                         "line_start", "line_end"])
    expansion.row("total", "uitbreiding", "", "", "Synthetisch.", 3, "3 vte", "stated", "",
                  *cite(rng))
    expansion.row("project-work", "Wonen", "", "", "Synthetisch.", 2, "2 vte", "stated", "",
                  *cite(rng))
    expansion.row("scaling-up", "Opschaling", "", "", "Synthetisch.", 1, "1 vte", "stated", "",
                  *cite(rng))
    writer("relations.csv", ["source", "target", "kind", "source_as_written",
                             "target_as_written", "basis", "reason", "page", "line_start",
                             "line_end"]).row(entries[1], entries[0], "grew-out-of", "B", "A",
                                              "stated", "", *cite(rng))
    return 1


def generate(edges: int, out: Path, seed: int = 1) -> dict:
    """Write the tables for about ``edges`` edges into ``out``; returns counts per table and the
    number of nodes and edges the graph will have."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.csv"):
        old.unlink()
    periods = max(1, round(edges / 150_000))
    plans = [(inst, 2016 + 5 * p) for p in range(periods) for inst in INSTITUTES]
    entries_estimate = max(50, edges // 16)
    w = {}

    def writer(name, header):
        w[name] = Writer(out, name, header)
        return w[name]

    graph_edges = 0
    # goals: per plan three external strategic goals, one internal, 13 external ODs, 2 internal
    sg = writer("strategic_goals.csv", ["id", "code", "name", "scope", "summary", "page",
                                        "line_start", "line_end"])
    og = writer("operational_goals.csv", ["id", "name", "strategic_goal", "theme", "scope",
                                          "summary", "page", "line_start", "line_end"])
    plan_goals = []
    for inst, start in plans:
        plan = f"{inst}-{start}"
        for code, label, name in SDS:
            sg.row(f"strategic-goal:{plan}-{code}", label, f"{name} ({plan})", "external",
                   "Synthetische strategische doelstelling.", *cite(rng))
        sg.row(f"strategic-goal:{plan}-interne-organisatie", "SD-INT",
               f"Interne organisatie ({plan})", "internal", "Synthetisch.", *cite(rng))
        goals = []
        for n, theme in enumerate(OD_THEMES):
            slug, name, code = THEMES[theme]
            goal = f"operational-goal:{plan}-od{n + 1}"
            og.row(goal, f"{name} OD{n + 1} ({plan})", f"strategic-goal:{plan}-{code}",
                   f"theme:{slug}", "external", "Synthetische operationele doelstelling.",
                   *cite(rng))
            goals.append(goal)
            graph_edges += 2
        for n in range(2):
            og.row(f"operational-goal:{plan}-intern{n + 1}", f"Intern {n + 1} ({plan})",
                   f"strategic-goal:{plan}-interne-organisatie", "", "internal", "Synthetisch.",
                   *cite(rng))
            graph_edges += 1
        plan_goals.append(goals)
    th = writer("themes.csv", ["id", "name", "strategic_goal", "page", "line_start", "line_end"])
    first = f"{plans[0][0]}-{plans[0][1]}"
    for slug, name, code in THEMES:
        th.row(f"theme:{slug}", name, f"strategic-goal:{first}-{code}", *cite(rng))
        graph_edges += 1

    # places: Belgium's 581 municipalities (2019), fewer below 10k edges; four neighbourhoods
    # each
    mu = writer("municipalities.csv", ["id", "nis", "name", "arrondissement", "nis_2025",
                                       "name_2025", "merged_2025", "source"])
    nb = writer("neighbourhoods.csv", ["id", "name", "kind", "municipality", "page",
                                       "line_start", "line_end"])
    nis_codes, places = [], []
    for m in range(min(581, max(10, edges // 17))):
        nis = str(11001 + m * 7)
        merged = m % 20 == 0
        mu.row(f"municipality:{nis}", nis, f"Gemeente {m + 1}", f"Arrondissement {m // 40 + 1}",
               nis if not merged else str(11001 + (m + 1) * 7), f"Gemeente {m + 1}", merged,
               SOURCE_NOTE)
        nis_codes.append(nis)
        hoods = []
        for h in range(4):
            hood = f"neighbourhood:g{m + 1}-{h + 1}"
            nb.row(hood, f"Wijk {h + 1} in Gemeente {m + 1}", rng.choice(KINDS), nis, *cite(rng))
            hoods.append(hood)
            graph_edges += 1
        places.append((f"municipality:{nis}", hoods))
    tg = writer("target_groups.csv", ["id", "name", "broader"])
    groups = [f"target-group:groep-{n + 1}" for n in range(60)]
    for n, group in enumerate(groups):
        tg.row(group, f"doelgroep {n + 1}", "")

    # partners: local governments of every municipality, then the heavy-tailed pool
    partners = []  # rows, written at the end (plan_entry needs the entries)
    for nis in nis_codes:
        partners.append([f"partner:lokaal-bestuur-{nis}", f"Lokaal bestuur {nis}",
                         "local-government", nis, "", "", "", *cite(rng)])
        graph_edges += 1
    pool = []
    for n in range(entries_estimate):
        kind = "generic" if n % 97 == 5 else "role" if n % 211 == 7 else "organisation"
        name = slug_name(rng, n + 1, words=3)
        nis = rng.choice(nis_codes) if rng.random() < 0.6 and kind == "organisation" else ""
        parent = pool[rng.randrange(len(pool))][0] if pool and rng.random() < 0.1 else ""
        graph_edges += bool(nis) + bool(parent)
        row = [f"partner:p{n + 1}-{name.lower().replace(' ', '-')}", name, kind, nis, parent,
               "", "", *cite(rng)]
        partners.append(row)
        pool.append((row[0], name, f"AB{n + 1}"))
    cumulative, total = [], 0.0
    for rank in range(len(pool)):
        total += 1.0 / (rank + 1) ** 0.9
        cumulative.append(total)

    al = writer("aliases.csv", ["alias", "context", "partner", "basis", "reason"])
    for partner, name, abbreviation in pool:
        al.row(name, "", partner, "stated", "")
        al.row(abbreviation, "", partner, "stated", "afkorting")
    pairs: dict[tuple, str] = {}

    # entries, block by block: an action, then its projects
    ac = writer("actions.csv", ["id", "name", "sector", "transversal", "scope", "start", "end",
                                "timing", "timing_note", "partners_open_ended", "summary", "page",
                                "line_start", "line_end"])
    pr = writer("projects.csv", ["id", "action", "name", "scope", "start", "end", "timing",
                                 "timing_note", "partners_open_ended", "summary", "page",
                                 "line_start", "line_end"])
    co = writer("contributions.csv", ["action", "goal", "certainty", "basis", "reason", "page",
                                      "line_start", "line_end"])
    lo = writer("locations.csv", ["entry", "place", "basis", "reason", "page", "line_start",
                                  "line_end"])
    ta = writer("targets.csv", ["entry", "target_group", "page", "line_start", "line_end"])
    me = writer("partner_mentions.csv", ["entry", "mention", "group", "page", "line_start",
                                         "line_end"])
    entry_ids = []
    actions = 0

    def entry_edges(entry, plan_start, is_action):
        """Write one entry's places, target groups and partner mentions; returns edges added."""
        added = 0
        scope = "local" if rng.random() < 0.9 else rng.choice(["province", "flanders"])
        towns = []
        if scope == "local":
            chosen = set()
            for _ in range(rng.choice([1, 1, 2, 2, 3])):
                town, hoods = places[rng.randrange(len(places))]
                place = town if rng.random() < 0.6 else rng.choice(hoods)
                if place not in chosen:
                    chosen.add(place)
                    towns.append(town)
                    lo.row(entry, place, "stated" if rng.random() < 0.8 else "inferred", "",
                           *cite(rng))
                    added += 1
        for group in rng.sample(groups, rng.choice([1, 2, 2, 3])):
            ta.row(entry, group, *cite(rng))
            added += 1
        count = max(1, min(len(pool), int(rng.lognormvariate(1.98, 0.8))))
        picked = sorted(set(rng.choices(range(len(pool)), cum_weights=cumulative, k=count)))
        mentioned, linked = set(), set()

        def mention(text):
            if text not in mentioned:
                mentioned.add(text)
                me.row(entry, text, "", *cite(rng))

        for n, index in enumerate(picked):
            partner, name, abbreviation = pool[index]
            roll = rng.random()
            if roll < 0.03 and n + 1 < len(picked):  # "A en B": one mention, two partners
                other = pool[picked[n + 1]]
                key = (partner, other[0])
                if key not in pairs:
                    pairs[key] = f"{name} en {other[1]}"
                    al.row(pairs[key], "", partner, "stated", "twee partners in een vermelding")
                    al.row(pairs[key], "", other[0], "stated", "twee partners in een vermelding")
                mention(pairs[key])
                linked.update(key)
            else:
                mention(abbreviation if roll < 0.2 else name)
                linked.add(partner)
        if towns and rng.random() < 0.5:  # a bare "lokaal bestuur" means the town's
            local = f"partner:lokaal-bestuur-{towns[0].partition(':')[2]}"
            mention("lokaal bestuur")
            al.row("lokaal bestuur", entry, local, "inferred", "lokaal bestuur van de gemeente")
            linked.add(local)
        return scope, added + len(linked)

    while graph_edges < edges:
        plan_index = actions % len(plans)
        inst, start = plans[plan_index]
        actions += 1
        action = f"action:{inst}-{start}-actie-{actions}"
        scope, added = entry_edges(action, start, True)
        graph_edges += added
        first_day, last_day, text, note = timing(rng, start)
        ac.row(action, slug_name(rng, actions), rng.random() < 0.1, rng.random() < 0.05, scope,
               first_day, last_day, text, note, rng.random() < 0.3, "Synthetische actie.",
               *cite(rng))
        entry_ids.append(action)
        goals = plan_goals[plan_index]
        picked = rng.sample(goals, rng.choice([1, 2, 2, 3]) + rng.choice([0, 0, 1, 2]))
        for n, goal in enumerate(picked):
            certain = n < max(1, len(picked) - 2)
            co.row(action, goal, "certain" if certain else "possible",
                   "inferred" if certain else "table", "Synthetische bijdrage.", *cite(rng))
            graph_edges += 1
        for p in range(rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 8])):
            project = f"project:{inst}-{start}-actie-{actions}-{p + 1}"
            scope, added = entry_edges(project, start, False)
            graph_edges += added + 1
            first_day, last_day, text, note = timing(rng, start)
            pr.row(project, action, slug_name(rng, actions * 10 + p), scope, first_day,
                   last_day, text, note, rng.random() < 0.3, "Synthetisch project.", *cite(rng))
            entry_ids.append(project)
            if graph_edges >= edges:
                break

    pa = writer("partners.csv", ["id", "name", "kind", "municipality", "parent", "plan_entry",
                                 "note", "page", "line_start", "line_end"])
    for row in partners:
        if entry_ids and rng.random() < 0.01:
            row[5] = rng.choice(entry_ids)
        pa.row(*row)
    fte = writer("fte.csv", ["strategic_goal_label", "theme", "fte_decretal", "fte_non_decretal",
                             "fte_total", "decretal_share_pct", "page", "line_start",
                             "line_end"])
    for slug, name, _ in THEMES:
        fte.row(name, f"theme:{slug}", 2.5, 1.5, 4.0, 62.5, *cite(rng))
    bu = writer("budget.csv", ["year", "section", "item", "amount_eur", "page", "line_start",
                               "line_end", "scope", "code"])
    for year in range(2021, 2026):
        bu.row(year, "kosten", "Bezoldigingen", 1_000_000 + year, *cite(rng), "vzw", "62")
        bu.row(year, "opbrengsten", "Subsidies", 1_100_000 + year, *cite(rng), "vzw", "73")
    graph_edges += context(writer, rng, [m for m, _ in places], [row[0] for row in partners])
    graph_edges += priorities(writer, rng, plan_goals[0])
    graph_edges += staffing(writer, rng, entry_ids)
    counts = {name: writer.rows for name, writer in w.items()}
    for writer_ in w.values():
        writer_.close()
    nodes = sum(counts[f] for f in ("strategic_goals.csv", "themes.csv", "operational_goals.csv",
                                    "actions.csv", "projects.csv", "partners.csv",
                                    "municipalities.csv", "neighbourhoods.csv",
                                    "target_groups.csv", "regions.csv",
                                    "indicator_definitions.csv", "sections.csv",
                                    "priorities.csv", "sector_goals.csv"))
    return {"tables": counts, "nodes": nodes, "edges": graph_edges, "plans": len(plans)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edges", type=int, default=100_000, help="edges of the graph")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (its *.csv "
                        "are replaced)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    start = time.perf_counter()
    result = generate(args.edges, args.out, args.seed)
    size = sum(f.stat().st_size for f in args.out.glob("*.csv"))
    print(f"{args.out}: {result['nodes']} nodes, {result['edges']} edges, {result['plans']} "
          f"plans, {size / 2**20:.1f} MiB of CSV in {time.perf_counter() - start:.1f} s")
    for name, rows in sorted(result["tables"].items()):
        print(f"  {name}: {rows} rows")


if __name__ == "__main__":
    main()
