"""rimograph as an installed tool: the wheel carries the plan's tables and the named queries,
so `rimograph validate`, `stats` and `query --list` work from any folder, without the checkout.

The wheel is built from this checkout (hatchling), installed without dependencies into a new
virtual environment whose only other path is this environment's site-packages (for networkx,
click, ...: plain path, so the editable install of rimograph there is not seen), and run from
an empty temporary folder.
"""

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp),
                    str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp.glob("rimograph-*.whl"))
    env_dir = tmp / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                    "--no-deps", str(wheel)], check=True, capture_output=True)
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    work = tmp / "elsewhere"
    work.mkdir()
    return env_dir / "bin" / "rimograph", python, work


def run(installed, *args):
    rimograph, _, work = installed
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RIMOGRAPH_", "NEO4J_"))}
    env["RIMOGRAPH_NO_CACHE"] = "1"
    return subprocess.run([str(rimograph), *args], cwd=work, env=env, capture_output=True,
                          text=True, timeout=120)


def test_the_installed_package_is_the_wheel_not_the_checkout(installed):
    _, python, work = installed
    found = subprocess.run([str(python), "-c", "import rimograph; print(rimograph.__file__)"],
                           cwd=work, check=True, capture_output=True, text=True).stdout
    assert str(ROOT) not in found and "venv" in found


def test_validate_and_stats_use_the_shipped_plan(installed):
    result = run(installed, "validate")
    assert result.returncode == 0, result.stderr
    stats = run(installed, "stats", "--format", "csv")
    assert stats.returncode == 0, stats.stderr
    rows = dict((line.split(",")[1], int(line.split(",")[2]))
                for line in stats.stdout.splitlines()[1:])
    assert rows["StrategicAction"] == 24 and rows["Project"] == 33
    assert rows["Municipality"] == 42


def test_named_queries_ship_too(installed):
    result = run(installed, "query", "--list")
    assert result.returncode == 0, result.stderr
    assert "municipality-coverage" in result.stdout and "partners-spanning-themes" in result.stdout
