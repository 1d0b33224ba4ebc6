"""The CLI, as a user runs it: exit codes, output formats, and the test runner's report."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from pact.backends import backend_named
from pact.cli import main

from .conftest import ROOT, SCENARIOS

NIGER = str(SCENARIOS / "aes-niger-attacked.yaml")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_run_json_reports_mali_and_burkina_toward_niger(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "run", NIGER, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    duties = {(o["state"], o["treaty"], o["toward"]) for o in data["obligations"]}
    assert {("MLI", "aes", "NER"), ("BFA", "aes", "NER")} <= duties


def test_run_table_is_readable(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "run", NIGER)
    assert code == 0
    assert "Obligated" in out and "Article 6" in out and "Not obligated" in out


def test_run_jsonl_prints_one_object_per_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(SCENARIOS / "aes-niger-attacked.yaml"), str(SCENARIOS / "aes-mali-attacked.yaml")]
    code, out, _ = run(capsys, "run", *files, "--format", "jsonl")
    assert code == 0
    lines = out.strip().splitlines()
    assert [json.loads(line)["scenario"] for line in lines] == ["aes-niger-attacked", "aes-mali-attacked"]


def test_run_json_with_several_files_is_one_array(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "run", NIGER, str(SCENARIOS / "aes-mali-attacked.yaml"), "-f", "json")
    assert code == 0 and len(json.loads(out)) == 2


def test_both_backends_print_the_same_json(capsys: pytest.CaptureFixture[str]) -> None:
    _, reference, _ = run(capsys, "run", NIGER, "-f", "json", "--backend", "reference")
    _, auto, _ = run(capsys, "run", NIGER, "-f", "json")
    assert reference == auto


def test_test_passes_on_the_bundled_scenarios(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "test", str(SCENARIOS))
    assert code == 0, out
    assert out.strip().splitlines()[-1].endswith(" passed, 0 failed")


def test_test_reports_each_mismatch_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(
        "scenario: wrong\ndate: 2023-10-01\nevents:\n  - {type: armed_attack, target: NER, by: [NGA]}\n"
        "expect:\n  obligated:\n    - {state: SEN, treaty: aes, toward: NER}\n"
        "  not_obligated:\n    - {state: MLI, treaty: aes}\n"
    )
    code, out, _ = run(capsys, "test", str(wrong), NIGER)
    assert code == 1
    failures = [line for line in out.splitlines() if line.startswith("FAIL")]
    assert len(failures) == 2
    assert "expected obligated: SEN under aes" in failures[0]
    assert "expected not obligated: MLI under aes" in failures[1]
    assert out.strip().splitlines()[-1] == "1 passed, 1 failed"


def test_validate_accepts_rules_and_scenarios(capsys: pytest.CaptureFixture[str]) -> None:
    rules = Path(__file__).resolve().parent.parent / "rules" / "aes.yaml"
    code, out, err = run(capsys, "validate", str(rules), NIGER)
    assert code == 0, err
    assert out.count("ok ") == 2


def test_a_missing_file_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "run", "no/such/file.yaml")
    assert code == 2
    assert err.strip() == "no/such/file.yaml: no such file or directory"


def test_schema_is_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    for what in ("treaty", "geography", "scenario", "result"):
        code, out, _ = run(capsys, "schema", what)
        assert code == 0 and json.loads(out)["type"] == "object"


def test_the_console_script_runs_as_a_module() -> None:
    done = subprocess.run([sys.executable, "-m", "pact", "run", NIGER, "-f", "json"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["scenario"] == "aes-niger-attacked"


def test_the_readme_quick_start_shows_the_real_output(capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    """GIVEN the README's quick-start block WHEN its command runs THEN it prints exactly what the block shows."""
    readme = (ROOT / "README.md").read_text()
    command = "$ COLUMNS=100 python3 -m pact run scenarios/aes-niger-attacked.yaml\n"
    start = readme.index(f"```\n{command}") + len(f"```\n{command}")
    shown = readme[start : readme.index("```", start)]
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = run(capsys, *command.split()[5:])
    assert code == 0
    assert out == shown


def test_version_says_which_pact_this_is(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--version")
    assert code == 0 and not err
    first, second = out.splitlines()
    assert first.startswith(f"pact-treaties {metadata.version('pact-treaties')}: treaty-obligation rules engine")
    assert "imported as pact" in first
    auto = backend_named("auto").name
    assert second.startswith(f"Python {platform.python_version()}; --backend auto uses {auto}")


def test_an_unavailable_backend_is_one_line(tmp_path: Path) -> None:
    """On 3.13 ``--backend durable`` printed a 40-line ModuleNotFoundError: shadow durable to see it anywhere."""
    (tmp_path / "durable").mkdir()
    (tmp_path / "durable" / "__init__.py").write_text("raise ImportError(\"No module named 'durable'\")\n")
    done = subprocess.run(
        [sys.executable, "-m", "pact", "run", "--backend", "durable", NIGER],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": f"{tmp_path}:{ROOT}", "PATH": ""},
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        "pact: the durable backend cannot be imported here (No module named 'durable'); "
        "the reference backend gives the same answers"
    ]


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (["run", "--formt", "json", NIGER], "pact run: No such option: --formt (Possible options: --format, --out)"),
        (["run"], "pact run: Missing argument 'FILE'"),
        (["run", "-f", "xml", NIGER], "pact run: Invalid value for '--format' / '-f': 'xml' is not one of"),
        (["check", "--examples", "0"], "pact check: Invalid value for '--examples'"),
        (["frobnicate"], "pact: No such command 'frobnicate'"),
        (["schema", "treatty"], "pact schema: Invalid value for 'WHAT': 'treatty' is not one of"),
    ],
)
def test_a_usage_mistake_is_one_line(capsys: pytest.CaptureFixture[str], argv: list[str], line: str) -> None:
    """typer printed usage mistakes in a box of five lines or more."""
    code, out, err = run(capsys, *argv)
    assert code == 2 and not out
    assert len(err.splitlines()) == 1 and err.startswith(line), err
    assert err.rstrip().endswith(f"(see {line.split(':')[0]} --help)")


def test_each_command_is_registered_by_the_module_that_commands_names() -> None:
    """GIVEN pact.cli.COMMANDS THEN importing every module registers exactly those commands, each by its own module."""
    from pact.cli import COMMANDS, register
    from pact.cli.app import app

    register([])
    registered = {c.name or c.callback.__name__: c.callback.__module__ for c in app.registered_commands}
    registered |= {g.name: g.typer_instance.registered_commands[0].callback.__module__ for g in app.registered_groups}
    assert {name: module.rsplit(".", 1)[-1] for name, module in registered.items()} == COMMANDS


def test_pact_run_imports_neither_the_analyses_nor_the_importers() -> None:
    """GIVEN `pact run` in a fresh process THEN it leaves the dataset, what-if and import commands unimported."""
    script = (
        "import sys; from pact.cli import main; "
        f"main(['run', '--backend', 'reference', {NIGER!r}, '--format', 'json']); "
        "print(sorted(m for m in sys.modules if m.startswith(('pact.cli.', 'pact.analysis.', 'pact.importers'))))"
    )
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    modules = loaded.splitlines()[-1]
    assert "pact.cli.run" in modules
    for unused in ("pact.cli.research", "pact.cli.whatif", "pact.cli.importers", "pact.importers.atop"):
        assert unused not in modules, modules


def test_the_command_ends_with_its_code_its_output_and_the_exit_handlers() -> None:
    """``exit_now`` skips the final collection of every object only: the exit code, buffered output and
    ``atexit`` handlers are as a plain exit leaves them."""
    script = (
        "import atexit, sys; from pact.cli import exit_now; "
        "atexit.register(lambda: print('handler ran')); sys.stdout.write('buffered, '); exit_now(3)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (3, "buffered, handler ran\n", "")


def test_only_a_process_of_its_own_sets_its_imports_aside_from_the_collector() -> None:
    """Within another program the collector is left as it was (nothing frozen, still on); as the whole
    process, what the command imported is frozen and the collector is on again for the command."""
    script = (
        "import gc, sys; from pact.cli import main; "
        f"main(['run', '--backend', 'reference', {NIGER!r}, '-f', 'json'], own_process=sys.argv[1] == 'own'); "
        "print(gc.get_freeze_count() > 0, gc.isenabled())"
    )
    for how, frozen in (("within", "False"), ("own", "True")):
        done = subprocess.run([sys.executable, "-c", script, how], capture_output=True, text=True, check=True)
        assert done.stdout.splitlines()[-1] == f"{frozen} True"


def test_only_a_process_of_its_own_skips_pydantic_plugins_and_the_environment_can_ask_for_them() -> None:
    """As the whole process, pydantic never reads the installed distributions' plugins (its loader's
    table stays unread); within another program it does as that program's environment says, and so it
    does in the process of its own when ``PYDANTIC_DISABLE_PLUGINS`` is set, even empty."""
    script = (
        "import sys; from pact.cli import main; from pydantic.plugin import _loader; "
        f"main(['run', '--backend', 'reference', {NIGER!r}, '-f', 'json'], own_process=sys.argv[1] == 'own'); "
        "print(_loader._plugins is None)"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    for how, preset, skipped in (("within", None, "False"), ("own", None, "True"), ("own", "", "False")):
        run_env = env if preset is None else {**env, "PYDANTIC_DISABLE_PLUGINS": preset}
        done = subprocess.run(
            [sys.executable, "-c", script, how], capture_output=True, text=True, check=True, env=run_env
        )
        assert done.stdout.splitlines()[-1] == skipped, (how, preset)


def test_a_format_imports_its_own_renderer_only() -> None:
    """GIVEN `pact run --format table` in a fresh process THEN the other formats' modules stay unimported,
    and a format named later imports its own."""
    script = (
        "import sys; from pact.cli import main; "
        f"main(['run', '--backend', 'reference', {NIGER!r}]); "
        "print(sorted(m for m in sys.modules if m.startswith('pact.render.')))"
    )
    modules = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert "'pact.render.terminal'" in modules.splitlines()[-1]
    for unused in ("data", "graph", "report", "maps", "worldmap"):
        assert f"'pact.render.{unused}'" not in modules.splitlines()[-1]
    with_json = script.replace("]); ", ", '-f', 'json']); ")
    modules = subprocess.run([sys.executable, "-c", with_json], capture_output=True, text=True, check=True).stdout
    assert "'pact.render.data'" in modules.splitlines()[-1]
