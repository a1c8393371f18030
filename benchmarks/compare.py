"""rimograph against pandas and DuckDB on the same synthetic tables, side by side in one run.

    pip install -e '.[bench]'                # DuckDB: a benchmark dependency only, not rimograph's
    python benchmarks/synthetic.py --edges 1000000 --out /tmp/synth1m
    python benchmarks/compare.py /tmp/synth100k /tmp/synth1m --runs 5
    python benchmarks/compare.py /tmp/synth1m --json /tmp/compare.json
    python benchmarks/compare.py /tmp/synth100k /tmp/synth1m /tmp/synth10m --runs 3 3 1

Three questions, each answered end to end in a fresh process from the CSV files of one folder:

- ``partners``: ``rimograph partners --min-themes 2 --format csv``: partners (not generic) whose
  actions and projects, through their strategic action's *certain* contributions to operational
  goals, reach at least two themes; the mentions resolve through ``aliases.csv`` (the alias of
  the entry itself first, else the alias valid everywhere);
- ``municipalities``: ``rimograph coverage municipalities --format csv``: per municipality, the
  number of actions and projects active there, directly or through a neighbourhood;
- ``goals``: ``rimograph coverage goals --format csv``: per external operational goal, the
  number of actions contributing certainly and possibly.

rimograph runs twice: **cold** (``RIMOGRAPH_NO_CACHE=1``: read and validate every table, build
the graph, answer) and **warm** (the graph cache filled beforehand: read the cache, answer).
pandas (``read_csv`` of the tables the question needs, merges and groupbys) and DuckDB (one SQL
query over ``read_csv``) answer the same question without validating anything. Every answer is
reduced to the same key columns (partner, themes, entries / municipality, entries / goal,
certain, possible) and asserted equal to rimograph's before any figure is printed.

The runs are interleaved (round 1: every tool once, round 2: again, ...) so that the load of the
shared machine falls on all of them alike; the figures are medians: wall seconds, CPU seconds
(user + system of that process) and peak memory (its maximum resident set), and the load
average (1 minute) during the runs. Ratios are rimograph's time over DuckDB's and pandas'.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RIMOGRAPH = str(Path(sys.executable).parent / "rimograph")
QUESTIONS = {  # question -> (rimograph arguments, key columns of its CSV)
    "partners": (["partners", "--min-themes", "2"], ["partner", "themes", "entries"]),
    "municipalities": (["coverage", "municipalities"], ["municipality", "entries"]),
    "goals": (["coverage", "goals"], ["goal", "certain", "possible"]),
}
TOOLS = ("rimograph-cold", "rimograph-warm", "pandas", "duckdb")


# -- the answers of pandas and DuckDB (run in a child process) --------------------------------

def pandas_answer(question: str, folder: Path):
    import pandas as pd

    def table(name, columns):
        return pd.read_csv(folder / name, usecols=columns, dtype=str, keep_default_na=False)

    if question == "goals":
        goals = table("operational_goals.csv", ["id", "scope"])
        goals = goals[goals["scope"] == "external"]
        found = table("contributions.csv", ["action", "goal", "certainty"]).drop_duplicates()
        counts = found.pivot_table(index="goal", columns="certainty", values="action",
                                   aggfunc="nunique", fill_value=0)
        counts = counts.reindex(columns=["certain", "possible"], fill_value=0)
        out = goals.merge(counts, left_on="id", right_index=True, how="left").fillna(0)
        return [(g, int(c), int(p)) for g, c, p in zip(out["id"], out["certain"],
                                                       out["possible"])]
    if question == "municipalities":
        places = table("locations.csv", ["entry", "place"])
        towns = table("neighbourhoods.csv", ["id", "municipality"])
        towns = towns.assign(town="municipality:" + towns["municipality"])[["id", "town"]]
        places = places.merge(towns, left_on="place", right_on="id", how="left")
        places["town"] = places["town"].where(places["town"].notna(), places["place"])
        counts = places.drop_duplicates(["entry", "town"]).groupby("town").size()
        ids = table("municipalities.csv", ["id"])["id"]
        return [(m, int(counts.get(m, 0))) for m in ids]
    # partners
    mentions = table("partner_mentions.csv", ["entry", "mention"])
    aliases = table("aliases.csv", ["alias", "context", "partner"])
    specific = mentions.merge(aliases[aliases["context"] != ""],
                              left_on=["mention", "entry"], right_on=["alias", "context"])
    resolved_keys = specific[["entry", "mention"]].drop_duplicates()
    rest = mentions.merge(resolved_keys, how="left", indicator=True)
    rest = rest[rest["_merge"] == "left_only"].drop(columns="_merge")
    general = rest.merge(aliases[aliases["context"] == ""], left_on="mention", right_on="alias")
    links = pd.concat([specific[["entry", "partner"]], general[["entry", "partner"]]])
    links = links.drop_duplicates()
    projects = table("projects.csv", ["id", "action"]).rename(columns={"id": "entry"})
    actions = table("actions.csv", ["id"]).rename(columns={"id": "entry"})
    actions["action"] = actions["entry"]
    parent = pd.concat([actions, projects])
    goals = table("operational_goals.csv", ["id", "theme"])
    certain = table("contributions.csv", ["action", "goal", "certainty"])
    certain = certain[certain["certainty"] == "certain"].merge(goals, left_on="goal",
                                                               right_on="id")
    certain = certain[certain["theme"] != ""][["action", "theme"]].drop_duplicates()
    themes = parent.merge(certain, on="action")[["entry", "theme"]]
    partners = table("partners.csv", ["id", "kind"])
    named = partners[~partners["kind"].isin(["generic", "role"])]["id"]
    links = links[links["partner"].isin(set(named))]
    entries = links.groupby("partner")["entry"].nunique()
    spans = links.merge(themes, on="entry").drop_duplicates(["partner", "theme"])
    spans = spans.groupby("partner").size()
    spans = spans[spans >= 2]
    return [(p, int(n), int(entries[p])) for p, n in spans.items()]


DUCKDB_SQL = {
    "goals": """
        SELECT g.id, count(DISTINCT c.action) FILTER (c.certainty = 'certain'),
               count(DISTINCT c.action) FILTER (c.certainty = 'possible')
        FROM t('operational_goals.csv') g LEFT JOIN t('contributions.csv') c ON c.goal = g.id
        WHERE g.scope = 'external' GROUP BY g.id""",
    "municipalities": """
        WITH towns AS (
            SELECT l.entry, coalesce('municipality:' || n.municipality, l.place) AS town
            FROM t('locations.csv') l LEFT JOIN t('neighbourhoods.csv') n ON n.id = l.place)
        SELECT m.id, count(DISTINCT towns.entry)
        FROM t('municipalities.csv') m LEFT JOIN towns ON towns.town = m.id GROUP BY m.id""",
    "partners": """
        WITH m AS (SELECT DISTINCT entry, mention FROM t('partner_mentions.csv')),
        a AS (SELECT alias, coalesce(context, '') AS context, partner FROM t('aliases.csv')),
        specific AS (SELECT m.entry, m.mention, a.partner FROM m
                     JOIN a ON a.alias = m.mention AND a.context = m.entry),
        links AS (
            SELECT entry, partner FROM specific
            UNION
            SELECT m.entry, a.partner FROM m JOIN a ON a.alias = m.mention AND a.context = ''
            WHERE NOT EXISTS (SELECT 1 FROM specific s
                              WHERE s.entry = m.entry AND s.mention = m.mention)),
        parent AS (SELECT id AS entry, id AS action FROM t('actions.csv')
                   UNION ALL SELECT id, action FROM t('projects.csv')),
        themes AS (SELECT DISTINCT p.entry, g.theme FROM parent p
                   JOIN t('contributions.csv') c ON c.action = p.action AND c.certainty = 'certain'
                   JOIN t('operational_goals.csv') g ON g.id = c.goal
                   WHERE coalesce(g.theme, '') <> ''),
        named AS (SELECT id FROM t('partners.csv') WHERE kind NOT IN ('generic', 'role'))
        SELECT l.partner, count(DISTINCT th.theme), count(DISTINCT l.entry)
        FROM links l JOIN named ON named.id = l.partner LEFT JOIN themes th ON th.entry = l.entry
        GROUP BY l.partner HAVING count(DISTINCT th.theme) >= 2""",
}


def duckdb_answer(question: str, folder: Path):
    import duckdb

    con = duckdb.connect()
    sql = DUCKDB_SQL[question]
    for name in sorted(set(part.split("'")[0] for part in sql.split("t('")[1:])):
        path = str(folder / name).replace("'", "''")
        con.execute(f"CREATE VIEW \"{name}\" AS SELECT * FROM read_csv('{path}', "
                    "all_varchar = true, header = true)")
        sql = sql.replace(f"t('{name}')", f'"{name}"')
    return [tuple(int(v) if isinstance(v, int) else v for v in row)
            for row in con.execute(sql).fetchall()]


# -- one timed child process ------------------------------------------------------------------

def run(argv, env) -> dict:
    """Run ``argv`` to its end; its wall time, CPU time (user + system), peak RSS and stdout."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        child = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        err = child.stderr.read().decode()
        child.stderr.close()
        if child.returncode != 0:
            raise SystemExit(f"{' '.join(argv)} failed ({child.returncode}):\n{err}")
        out.seek(0)
        return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
                "peak_mib": usage.ru_maxrss / 1024, "stdout": out.read().decode(),
                "load": os.getloadavg()[0]}


def rimograph_rows(stdout: str, columns):
    csv.field_size_limit(sys.maxsize)  # a hub partner's entry_names cell exceeds 128 KiB at 1M
    rows = csv.DictReader(io.StringIO(stdout))
    return [tuple(int(r[c]) if r[c].isdigit() else r[c] for c in columns) for r in rows]


def measure(folder: Path, runs: int, cache: str) -> dict:
    base = {k: v for k, v in os.environ.items() if not k.startswith("RIMOGRAPH_")}
    cold = {**base, "RIMOGRAPH_NO_CACHE": "1"}
    warm = {**base, "RIMOGRAPH_CACHE_DIR": cache}
    run([RIMOGRAPH, "stats", "--graph", str(folder)], warm)  # fill the cache
    samples = {(q, t): [] for q in QUESTIONS for t in TOOLS}
    answers = {}
    for _ in range(runs):
        for question, (args, columns) in QUESTIONS.items():
            cli = [RIMOGRAPH, *args, "--format", "csv", "--graph", str(folder)]
            for tool in TOOLS:
                if tool.startswith("rimograph"):
                    done = run(cli, cold if tool == "rimograph-cold" else warm)
                    answer = rimograph_rows(done["stdout"], columns)
                else:
                    done = run([sys.executable, __file__, "--answer", tool, question,
                                str(folder)], base)
                    answer = [tuple(r) for r in json.loads(done["stdout"])]
                answers.setdefault((question, tool), sorted(answer))
                samples[question, tool].append(done)
    for question in QUESTIONS:
        expected = answers[question, "rimograph-cold"]
        for tool in TOOLS:
            if answers[question, tool] != expected:
                diff = set(answers[question, tool]) ^ set(expected)
                raise SystemExit(f"{question}: {tool} answers differently, e.g. "
                                 f"{sorted(diff)[:3]}")
    figures = {}
    for (question, tool), done in samples.items():
        figures.setdefault(question, {"rows": len(answers[question, "rimograph-cold"])})
        figures[question][tool] = {key: statistics.median(d[key] for d in done)
                                   for key in ("wall", "cpu", "peak_mib", "load")}
    return figures


def print_table(folder, figures):
    print(f"\n{folder} (median of interleaved runs; same answers asserted)")
    print("| question | rows | tool | wall s | CPU s | peak MiB | load | CPU ÷ DuckDB | "
          "CPU ÷ pandas |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|")
    for question, by_tool in figures.items():
        for tool in TOOLS:
            f = by_tool[tool]
            print(f"| {question} | {by_tool['rows']:,} | {tool} | {f['wall']:.2f} | "
                  f"{f['cpu']:.2f} | {f['peak_mib']:.0f} | {f['load']:.1f} | "
                  f"{f['cpu'] / by_tool['duckdb']['cpu']:.1f} | "
                  f"{f['cpu'] / by_tool['pandas']['cpu']:.1f} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, help="synthetic tables (synthetic.py)")
    parser.add_argument("--runs", type=int, nargs="+", default=[3],
                        help="interleaved rounds (default 3); one number per folder, or one "
                        "for all (a 10M-edge folder takes about 20 minutes a round)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--answer", nargs=3, metavar=("TOOL", "QUESTION", "FOLDER"),
                        help=argparse.SUPPRESS)  # the child process of one pandas/DuckDB run
    args = parser.parse_args()
    if args.answer:
        tool, question, folder = args.answer
        answer = (pandas_answer if tool == "pandas" else duckdb_answer)(question, Path(folder))
        json.dump(answer, sys.stdout)
        return
    results = {}
    with tempfile.TemporaryDirectory(prefix="rimograph-compare-") as cache:
        runs = args.runs * len(args.folders) if len(args.runs) == 1 else args.runs
        if len(runs) != len(args.folders):
            parser.error("--runs: one number, or one per folder")
        for folder, rounds in zip(args.folders, runs):
            results[str(folder)] = measure(folder, rounds, cache)
            print_table(folder, results[str(folder)])
    print(f"\nnproc {os.cpu_count()}, load average now "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
