"""The real programs the export tests open rimograph's files with, found or installed once.

- ``xmllint`` (Debian ``libxml2-utils``) with the schemas vendored in ``tests/schemas/``;
- the Gephi toolkit 0.10.1 and cypher-shell 5.26 (Maven Central, ``tests/clients/pom.xml``):
  jars cached in ``~/.m2``, each classpath in ``~/.cache/rimograph/`` (as ``.ci/neo4j.sh``
  does for the Neo4j server), run with the machine's ``java`` (17);
- graphology, graphology-graphml and graphology-gexf (npm, ``tests/js/package-lock.json``),
  installed with ``npm ci`` into ``~/.cache/rimograph/js-<hash of the lock file>/``;
- LibreOffice headless (Debian ``libreoffice-calc-nogui``: ``soffice``).

Each ``*_command`` function returns what to run, or skips the calling test when the client is
missing; with ``CI`` set a missing client fails the test instead (``.ci/run`` installs them
all, Debian packages itself and the rest through ``python tests/clients.py``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
SCHEMAS = TESTS / "schemas"
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "rimograph"
CI = bool(os.environ.get("CI"))
JAVA_CLIENTS = {"gephi": "gephi-toolkit-0.10.1", "cypher-shell": "cypher-shell-5.26.30"}


def missing(what: str):
    """Skip the test (fail it under CI) because ``what`` is not installed."""
    message = f"{what} is not installed; .ci/run installs it"
    if CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def program(name: str, package: str) -> str:
    """The path of an executable on PATH, or skip/fail naming its Debian package."""
    found = shutil.which(name)
    if not found:
        missing(f"{name} (Debian {package})")
    return found


def classpath(client: str, resolve: bool = True) -> str | None:
    """The classpath of a Java client of :data:`JAVA_CLIENTS`, from the cache, else resolved
    with Maven (``resolve``; the first time downloads the jars). None when it cannot be had."""
    cached = CACHE / f"{JAVA_CLIENTS[client]}.classpath"
    if cached.is_file() and all(Path(j).is_file() for j in cached.read_text().split(os.pathsep)):
        return cached.read_text()
    if not resolve or not shutil.which("mvn"):
        return None
    CACHE.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mvn", "-B", "-q", "-Dstyle.color=never", "-f", str(TESTS / "clients" / "pom.xml"),
         "-P", client, "dependency:build-classpath", f"-Dmdep.outputFile={cached}"],
        capture_output=True, text=True)
    return cached.read_text() if done.returncode == 0 and cached.is_file() else None


def java_command(client: str) -> list[str]:
    """``[java, -cp, CLASSPATH]`` for a Java client, or skip/fail."""
    java = program("java", "openjdk-17-jre-headless")
    path = classpath(client)
    if path is None:
        missing(f"{client} (Maven Central, tests/clients/pom.xml)")
    return [java, "-Djava.awt.headless=true", "-cp", path]


def node_modules(install: bool = True) -> Path | None:
    """The ``node_modules`` folder with tests/js's locked packages (``npm ci`` into the cache
    on first use when ``install``), or None."""
    lock = (TESTS / "js" / "package-lock.json").read_bytes()
    folder = CACHE / f"js-{hashlib.sha256(lock).hexdigest()[:12]}"
    if (folder / "node_modules" / ".package-lock.json").is_file():
        return folder / "node_modules"
    if not install or not shutil.which("npm"):
        return None
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy(TESTS / "js" / name, folder / name)
    done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=folder,
                          capture_output=True, text=True)
    return folder / "node_modules" if done.returncode == 0 else None


def node_command() -> list[str]:
    """``[node, tests/js/open.js]`` with ``NODE_PATH`` set by :func:`node_env`, or skip/fail."""
    node = program("node", "nodejs")
    if node_modules() is None:
        missing("graphology (npm, tests/js/package-lock.json)")
    return [node, str(TESTS / "js" / "open.js")]


def node_env() -> dict:
    """The environment for :func:`node_command`: ``NODE_PATH`` = the cached node_modules."""
    return {**os.environ, "NODE_PATH": str(node_modules())}


if __name__ == "__main__":
    # .ci/run: fetch the Maven and npm clients now, so the tests do not time the downloads
    problems = [c for c in JAVA_CLIENTS if classpath(c) is None]
    if node_modules() is None:
        problems.append("graphology (npm ci)")
    if problems:
        sys.exit("could not install: " + ", ".join(problems))
    print(f"export clients ready in {CACHE}")


def empty_neo4j(connection) -> None:
    """Delete everything in the test database: the relationships first, then the nodes, each in
    transactions of 10,000 rows (``CALL {...} IN TRANSACTIONS``, auto-commit queries), so a
    million-edge graph a benchmark left on the server (hubs of 10^5 relationships) never needs
    one big transaction (out of memory on the 512 MB test server)."""
    with connection.driver.session(database=connection.database) as session:
        session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS"
                    ).consume()
        session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
