"""A Neo4j server killed in the middle of a push: the test starts its own server (a copy of
.ci/neo4j.sh in a temporary folder, so the shared test server is untouched), kills exactly
that JVM by its pid, and holds the client to one line within its stated retry budget.

Runs where the Neo4j tests run (NEO4J_URI set, so Java and the server jars are there).
"""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rimograph.backends import neo4j as nb

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(
    not os.environ.get("NEO4J_URI") and not os.environ.get("CI"),
    reason="no Neo4j test setup (NEO4J_URI): `bash .ci/neo4j.sh start` first")


@pytest.fixture(scope="module")
def own_server(tmp_path_factory):
    """``(uri, pid)`` of a Neo4j server of this module only, without authentication."""
    home = tmp_path_factory.mktemp("own-neo4j")
    (home / ".ci").mkdir()
    script = home / ".ci" / "neo4j.sh"
    shutil.copy(ROOT / ".ci" / "neo4j.sh", script)
    shutil.copytree(ROOT / "tests" / "neo4j_server", home / "tests" / "neo4j_server")
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_PORT"}
    env["NEO4J_AUTH"] = "none"
    subprocess.run(["bash", str(script), "start"], env=env, check=True, capture_output=True,
                   timeout=300)
    settings = dict(line.split("=", 1) for line in
                    (home / ".ci" / "neo4j.env").read_text().splitlines() if "=" in line)
    pid = int((home / ".ci" / "neo4j.pid").read_text())
    yield settings["NEO4J_URI"], pid
    subprocess.run(["bash", str(script), "stop"], env=env, capture_output=True, timeout=120)


def test_a_server_killed_mid_push_gives_one_line_within_the_retry_budget(own_server, tmp_path):
    uri, pid = own_server
    big = tmp_path / "big"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synthetic.py"), "--edges",
                    "10000", "--out", str(big)], check=True, capture_output=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["NEO4J_URI"] = uri
    push = subprocess.Popen([sys.executable, "-m", "rimograph.cli", "neo4j", "push", "--graph",
                             str(big)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    deadline = time.monotonic() + 120
    with nb.connect(uri=uri, password=None) as conn:
        # the push is under way: a first push writes a new version, which counts as leftover
        # until the switch
        while sum(nb.status(conn.driver, conn.database)[k] for k in ("nodes", "leftover")) \
                < 1000:
            assert push.poll() is None and time.monotonic() < deadline, push.stderr.read()
            time.sleep(0.05)
    cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    assert b"org.neo4j.server.CommunityEntryPoint" in cmdline  # our server's JVM, nothing else
    os.kill(pid, signal.SIGKILL)
    killed = time.monotonic()
    out, err = push.communicate(timeout=120)
    waited = time.monotonic() - killed
    assert push.returncode == 1, (out, err)
    assert err.count("\n") == 1, err
    assert err.startswith(f"Fout: kan Neo4j op {uri}"), err
    assert err.rstrip().endswith("draait de server? (zet --uri of NEO4J_URI; na "
                                 f"{nb.RETRY_SECONDS:g} s opnieuw proberen gestopt)"), err
    assert "Traceback" not in err and out == ""
    assert waited < nb.RETRY_SECONDS + 20, waited
