"""Fuzz the table reader: random bytes, encodings, separators and quotes in each real table.

Every input must end in one of two ways: exit 0 with a valid graph, or exit 1 with only
``file:row: field: message`` lines (and warnings) before the summary; never a traceback.
Hypothesis runs a fixed, derandomised set of examples, so CI sees the same inputs every time.
"""

import re
import shutil

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rimograph.cli import cli
from rimograph.core.tables import SCHEMA

from .conftest import GRAPH_DIR

EXAMPLES = 200
TOKENS = [b'"', b",", b";", b"\n", b"\r\n", b"\r", b"\x00", b"\x1b[2J", b"\xff\xfe",
          b"\xef\xbb\xbf", b"=1+1", b"nan", b"inf", b"-1", b"1e999", b"\xe9", b"\xc2\x9b",
          "٣".encode(), "\u202e".encode(), b" ", b"\t", b'""', b"x" * 140_000, b"partner:",
          b"true"]
PROBLEM = re.compile(r"^[a-z0-9_]+\.csv:\d+: \S.*$")
OK = re.compile(r"^.+: OK, \d+ knopen, \d+ relaties$")

# An edit: what, where (taken modulo the length, so anywhere in the file), which bytes:
# mostly the tokens above, else random text or bytes.
edits = st.tuples(st.sampled_from(["insert", "replace", "delete"]), st.integers(0, 2**31),
                  st.one_of(*[st.sampled_from(TOKENS)] * 3, st.text(max_size=8).map(str.encode),
                            st.binary(max_size=4)))
cases = st.tuples(st.sampled_from(sorted(SCHEMA)), st.lists(edits, min_size=1, max_size=6),
                  st.sampled_from([None] * 9 + ["utf-16", "cp1252", ";"]))


def mutate(data: bytes, ops, encoding) -> bytes:
    for op, where, payload in ops:
        at = where % (len(data) + 1)
        if op == "insert":
            data = data[:at] + payload + data[at:]
        elif op == "replace":
            data = data[:at] + payload + data[at + len(payload):]
        else:
            data = data[:at] + data[at + 1 + len(payload):]
    if encoding == ";":
        data = data.replace(b",", b";")
    elif encoding:
        data = data.decode("utf-8", "replace").encode(encoding, "replace")
    return data


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    target = tmp_path_factory.mktemp("fuzz") / "graph"
    shutil.copytree(GRAPH_DIR, target, ignore=shutil.ignore_patterns("*.md"))
    return target


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(case=cases)
def test_broken_tables_give_file_row_messages_or_a_graph(folder, case):
    name, ops, encoding = case
    original = (GRAPH_DIR / name).read_bytes()
    (folder / name).write_bytes(mutate(original, ops, encoding))
    try:
        result = CliRunner().invoke(cli, ["validate", "--graph", str(folder)])
    finally:
        (folder / name).write_bytes(original)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    lines = [line for line in result.output.splitlines() if not line.startswith("waarschuwing: ")]
    if result.exit_code == 0:
        assert len(lines) == 1 and OK.match(lines[0]), result.output
    else:
        assert result.exit_code == 1, result.output
        assert re.match(r"^Fout: Problemen in de tabellen: \d+;", lines[-1]), result.output
        assert lines[:-1] and all(PROBLEM.match(line) for line in lines[:-1]), result.output
        assert all(len(line) < 2000 for line in lines)  # never a whole cell dumped
        assert "\x1b" not in result.output and "\x00" not in result.output
