"""The notebook API (rimograph.Plan): DataFrames with the columns the CLI writes, real values."""

import subprocess
import sys

import pytest
from click.testing import CliRunner

from rimograph import Plan
from rimograph.cli import cli


@pytest.fixture(scope="module")
def plan():
    return Plan.load()


def test_partners_frame_has_the_cli_columns_and_rows(plan):
    frame = plan.partners(min_themes=3)
    csv = CliRunner().invoke(cli, ["partners", "--min-themes", "3", "--format", "csv"]).output
    header, *lines = csv.splitlines()
    assert list(frame.columns) == header.split(",")
    assert len(frame) == len(lines)
    assert (frame.loc[0, "partner"], frame.loc[0, "themes"]) == ("partner:caw-limburg", 4)


def test_coverage_and_stats_frames(plan):
    towns = plan.coverage_municipalities()
    assert len(towns) == 42
    assert (towns["entries"] == 0).sum() == 27
    stats = plan.stats().set_index(["kind", "type"])["count"]
    assert stats[("node", "StrategicAction")] == 24 and stats[("node", "Project")] == 33


def test_find_and_neighbours(plan):
    assert plan.find("CAW Limburg") == "partner:caw-limburg"
    edges = plan.neighbours("CAW Limburg")
    assert (edges["relation"] == "PARTNERS_WITH").sum() == 15


def test_the_command_line_does_not_import_pandas():
    code = "import sys, rimograph.cli; sys.exit('pandas' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_the_documented_example_runs():
    import doctest

    import rimograph.api

    assert doctest.testmod(rimograph.api).failed == 0
