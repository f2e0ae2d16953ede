"""Every documented example works: the README's and the guides' commands are run or,
where they need what a test cannot have, checked against the CLI and the query library.

How the examples are found and compared: ``scripts/doc_examples.py``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import click
import pytest
import typer

from plangraph.cli import app
from plangraph.query import library

ROOT = Path(__file__).resolve().parents[1]


def _load_examples_module() -> ModuleType:
    location = ROOT / "scripts" / "doc_examples.py"
    spec = importlib.util.spec_from_file_location("doc_examples", location)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["doc_examples"] = module
    spec.loader.exec_module(module)
    return module


docs = _load_examples_module()

EXAMPLES = [example for path in docs.documents() for example in docs.console_examples(path)]
COMMANDS = [
    (path, line, words) for path in docs.documents() for line, words in docs.shell_commands(path)
]


def test_every_guide_the_issue_names_exists_and_is_linked_from_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for guide in (
        "walkthrough",
        "data-model",
        "extraction",
        "chinese",
        "serving",
        "exports",
        "scaling-out",
        "performance",
        "troubleshooting",
    ):
        assert (ROOT / "docs" / f"{guide}.md").is_file(), guide
        assert f"docs/{guide}.md" in readme, guide


def test_the_readme_is_short_and_starts_with_the_two_commands() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 200
    first_blocks = [block for block in docs.blocks(ROOT / "README.md")][:2]
    assert "pip install" in "\n".join(first_blocks[0].lines)
    assert "pytest" in "\n".join(first_blocks[1].lines)


def test_the_documents_hold_runnable_examples() -> None:
    assert len(EXAMPLES) >= 20
    assert {example.path.name for example in EXAMPLES} >= {"README.md", "walkthrough.md"}


def _command(words: list[str]) -> tuple[click.Command, list[str]]:
    root = typer.main.get_command(app)
    assert hasattr(root, "commands")  # a group (typer's own or click's)
    name = next((word for word in words[1:] if not word.startswith("-")), None)
    assert name in root.commands, f"no command {name!r}; valid: {sorted(root.commands)}"
    command = root.commands[name]
    if hasattr(command, "commands"):
        sub = words[words.index(name) + 1 :]
        subname = next((word for word in sub if not word.startswith("-")), None)
        if subname in command.commands:
            return command.commands[subname], sub[sub.index(subname) + 1 :]
    return command, words[words.index(name) + 1 :]


@pytest.mark.parametrize(
    ("words"),
    [pytest.param(words, id=f"{path.relative_to(ROOT)}:{line}") for path, line, words in COMMANDS],
)
def test_every_documented_command_names_real_options_and_queries(words: list[str]) -> None:
    command, rest = _command(words)
    options = {opt for param in command.params for opt in getattr(param, "opts", [])}
    options |= {opt for param in command.params for opt in getattr(param, "secondary_opts", [])}
    options.add("--help")
    for position, word in enumerate(rest):
        if word.startswith("--"):
            option = word.split("=", 1)[0]
            valid = sorted(options)
            assert option in options, f"{option} is not an option of {command.name}: {valid}"
        elif word.startswith("-") and len(word) == 2:
            assert word in options, f"{word} is not an option of {command.name}: {sorted(options)}"
        if word == "--name" and command.name == "query":
            assert rest[position + 1] in library(), rest[position + 1]


@pytest.mark.parametrize(
    "words",
    [
        ["plangraph", "query", "--name", "no-such-query"],  # a query removed from the library
        ["plangraph", "export", "--fromat", "gexf"],  # an option renamed
        ["plangraph", "ingestion", "corpus"],  # a command renamed
    ],
)
def test_the_command_check_fails_on_what_the_cli_does_not_have(words: list[str]) -> None:
    with pytest.raises(AssertionError):
        test_every_documented_command_names_real_options_and_queries(words)


def test_a_changed_output_fails_the_example() -> None:
    example = docs.Example(ROOT / "README.md", 1, "plangraph stats", ("documents: 50",))
    assert docs.mismatch(example, "documents: 51\n", 0) is None  # numbers move
    assert docs.mismatch(example, "graphs: 51\n", 0) is not None  # the shape changed
    assert docs.mismatch(example, "documents: 51\n", 1) is not None  # it failed
    error = docs.Example(ROOT / "README.md", 1, "plangraph ingest nothing", ("plangraph: x",))
    assert docs.mismatch(error, "plangraph: x\n", 1) is None  # an error example must fail


def test_a_server_that_fails_after_its_error_line_is_reported_as_failing(tmp_path: Path) -> None:
    # the error line is written a moment before the process ends; the runner must wait
    # for its exit status rather than interrupt it and call the interrupt a clean stop
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "plangraph"
    fake.write_text(
        "#!/bin/sh\necho 'plangraph: nowhere: no store here'\nsleep 1\nexit 1\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    example = docs.Example(ROOT / "README.md", 1, "plangraph serve --store nowhere", ())
    with docs.Runner(tmp_path, bin_dir) as runner:
        output, returncode = runner.run(example)
    assert output.strip() == "plangraph: nowhere: no store here"
    assert returncode == 1


@pytest.fixture(scope="session")
def docs_workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus, ingested into ./plangraph-store, as every console example assumes."""
    workdir = tmp_path_factory.mktemp("docs")
    docs.prepare(workdir, Path(sys.executable).parent)
    return workdir


def _by_document() -> list[tuple[Path, list[object]]]:
    grouped: dict[Path, list[object]] = {}
    for example in EXAMPLES:
        grouped.setdefault(example.path, []).append(example)
    return list(grouped.items())


@pytest.mark.slow
@pytest.mark.parametrize(
    ("path", "examples"),
    [
        pytest.param(path, examples, id=str(path.relative_to(ROOT)))
        for path, examples in _by_document()
    ],
)
def test_every_console_example_runs_and_prints_what_the_document_shows(
    path: Path, examples: list[object], docs_workdir: Path, tmp_path: Path
) -> None:
    import shutil

    workdir = tmp_path / "work"
    shutil.copytree(docs_workdir, workdir, symlinks=True)
    problems = []
    with docs.Runner(workdir, Path(sys.executable).parent) as runner:
        for example in examples:
            output, returncode = runner.run(example)
            problem = docs.mismatch(example, output, returncode)
            if problem:
                said = "\n      ".join(output.strip().splitlines()[-3:])
                problems.append(
                    f"{example.label}: $ {example.command}\n    {problem}\n      {said}"
                )
    assert not problems, "\n".join(problems)
