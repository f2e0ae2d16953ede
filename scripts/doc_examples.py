"""The documented examples: find them, run them, compare their output, refresh it.

Every ```console block of README.md and docs/*.md holds commands as ``$ command`` lines,
each followed by the output it printed. ``tests/test_docs.py`` runs them all in a folder
holding a copy of ``corpus/`` and a store it was ingested into, and compares each output
by shape (see :func:`shape`), so an example that stops working fails the suite. Commands
in other blocks (```sh, needing files or machines a test does not have) are checked
against the CLI instead: the command and each option must exist, and a library query
named by ``--name`` must be in the library.

Run ``python scripts/doc_examples.py --refresh [FILE ...]`` to rerun the console
examples of the given documents (all by default) and write their real output back,
trimmed to ``--max-lines`` lines with a ``...`` line.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import select
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ELLIPSIS = "..."


def documents() -> list[Path]:
    """README.md and every guide, in a stable order."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


@dataclass(frozen=True)
class Example:
    """One ``$ command`` of a console block and the output shown under it."""

    path: Path
    line: int
    command: str
    output: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"

    @property
    def expects_failure(self) -> bool:
        """Error examples show plangraph's one-line error, which exits non-zero (a server
        says where it serves in the same form, and is stopped by the runner)."""
        shown = [line for line in self.output if line != ELLIPSIS]
        serving = self.command.startswith("plangraph serve") and "serving" in " ".join(shown)
        return bool(shown) and shown[0].startswith("plangraph: ") and not serving


@dataclass(frozen=True)
class Block:
    path: Path
    line: int
    language: str
    lines: tuple[str, ...]


def blocks(path: Path) -> list[Block]:
    """The fenced code blocks of a Markdown file."""
    found: list[Block] = []
    language: str | None = None
    start = 0
    body: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if language is None:
            if line.startswith("```"):
                language, start, body = line[3:].strip(), number, []
        elif line.startswith("```"):
            found.append(Block(path, start, language, tuple(body)))
            language = None
        else:
            body.append(line)
    return found


def console_examples(path: Path) -> list[Example]:
    """Each ``$ command`` of the file's console blocks with its shown output; a command
    goes on over lines ending in a backslash and over lines starting with ``> `` (a
    quoted argument over several lines, as a shell shows it)."""
    examples: list[Example] = []
    for block in blocks(path):
        if block.language != "console":
            continue
        command: list[str] = []
        output: list[str] = []
        line = block.line
        for offset, text in enumerate(block.lines, 1):
            if text.startswith("$ "):
                if command:
                    examples.append(Example(path, line, "".join(command), tuple(output)))
                command, output, line = [text[2:]], [], block.line + offset
            elif command and command[-1].endswith("\\") and not output:
                command[-1] = command[-1][:-1].rstrip()
                command.append(" " + text.strip())
            elif command and text.startswith("> ") and not output:
                command.append("\n" + text[2:])
            else:
                output.append(text)
        if command:
            examples.append(Example(path, line, "".join(command), tuple(output)))
    return examples


def shell_commands(path: Path) -> list[tuple[int, list[str]]]:
    """Every ``plangraph`` command written in any code block, split into words."""
    found: list[tuple[int, list[str]]] = []
    for block in blocks(path):
        if block.language not in {"sh", "console", "bash", "shell"}:
            continue
        text = "\n".join(block.lines)
        text = re.sub(r"\\\n\s*", " ", text)
        for offset, line in enumerate(text.splitlines(), 1):
            line = line.removeprefix("$ ").split("  #")[0]
            for part in re.split(r"&&|;|\|", line):
                try:
                    words = shlex.split(part, comments=True)
                except ValueError:
                    continue
                while words and ("=" in words[0] and not words[0].startswith("-")):
                    words = words[1:]  # leading VAR=value assignments
                if words and words[0] == "plangraph":
                    found.append((block.line + offset, words))
    return found


_BOX_RUN = re.compile(r"([━─┏┓┗┛┃│┡┩└┘┳┻╇┼┠┨┯┷])\1+")
_NUMBER = re.compile(r"\d[\d,._]*")
_SPACE = re.compile(r"\s+")


def shape(line: str) -> str:
    """A line with what may move taken out: every number is ``0``, runs of spaces and of
    table-drawing characters are one.

    >>> shape("50 added, 0 replaced; 21,185 words in 19.9 s")
    '0 added, 0 replaced; 0 words in 0 s'
    >>> shape("│ Anhui    │ 2025 │") == shape("│ Anhui │ 2027 │")
    True
    """
    line = _BOX_RUN.sub(r"\1", line)
    line = _NUMBER.sub("0", line)
    return _SPACE.sub(" ", line).strip()


def mismatch(example: Example, output: str, returncode: int) -> str | None:
    """Why a run's output does not fit what the document shows, or None.

    The exit status must be 0 (non-zero for an error example); the first line shown must
    equal the first line printed in shape; and an example that shows several lines must
    print several (rows may come and go as the extraction changes).
    """
    if example.expects_failure != (returncode != 0):
        return f"exit status {returncode}"
    shown = [line for line in example.output if line.strip()]
    printed = [line for line in output.splitlines() if line.strip()]
    if not shown:
        return None
    if not printed:
        return "printed nothing"
    if shown[0] != ELLIPSIS and shape(shown[0]) != shape(printed[0]):
        return f"first line {printed[0]!r}, the document shows {shown[0]!r}"
    if len([line for line in shown if line != ELLIPSIS]) > 1 and len(printed) < 2:
        return f"printed one line, the document shows {len(shown)}"
    return None


def environment(bin_dir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PLANGRAPH_")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["COLUMNS"] = "200"
    env["NO_COLOR"] = "1"
    env["TERM"] = "dumb"
    return env


class Runner:
    """Runs a document's examples in order in one folder. A command ending in ``&``
    goes on in the background, as in a shell, until the runner closes; the next command
    waits for the port it names (``--port N``, ``--bind HOST:N``) to accept connections."""

    def __init__(self, workdir: Path, bin_dir: Path, timeout: float = 900) -> None:
        self.workdir = workdir
        self.bin_dir = bin_dir
        self.timeout = timeout
        self.background: list[subprocess.Popen[bytes]] = []

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for process in reversed(self.background):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGINT)
        for process in reversed(self.background):
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.background.clear()

    def run(self, example: Example) -> tuple[str, int]:
        """Its output, stdout then stderr, and its exit status."""
        command = example.command.strip()
        if command.startswith("plangraph serve"):
            return _serve(example, self.workdir, self.bin_dir, self.timeout)
        if command.endswith("&"):
            return self._start(command[:-1].strip())
        done = subprocess.run(
            command,
            shell=True,
            cwd=self.workdir,
            env=environment(self.bin_dir),
            capture_output=True,
            text=True,
            timeout=self.timeout,
        )
        return done.stdout + done.stderr, done.returncode

    def _start(self, command: str) -> tuple[str, int]:
        process = subprocess.Popen(
            command,
            shell=True,
            cwd=self.workdir,
            env=environment(self.bin_dir),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.background.append(process)
        port = _listening_port(command)
        deadline = time.monotonic() + self.timeout
        while port is not None and process.poll() is None and time.monotonic() < deadline:
            with socket.socket() as probe:
                probe.settimeout(1.0)
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        return "", 0 if process.poll() is None else process.returncode


def _listening_port(command: str) -> int | None:
    """The port a background server will listen on, when its command says."""
    found = re.search(r"--port[ =](\d+)|--bind[ =]\S*:(\d+)", command)
    if not found:
        return None
    return int(found.group(1) or found.group(2))


def _serve(example: Example, workdir: Path, bin_dir: Path, timeout: float) -> tuple[str, int]:
    """Start a server, read until its first line, stop it with SIGINT once it says it
    serves; exit status 0 when it stopped cleanly, its own when it ended by itself."""
    server = subprocess.Popen(
        [*shlex.split(example.command), "--port", "0"],
        cwd=workdir,
        env=environment(bin_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert server.stdout is not None
    said = b""
    deadline = time.monotonic() + min(timeout, 120)
    # the pipe is read unbuffered: a buffered reader could hold the line select waits for
    while not said.strip() and time.monotonic() < deadline and server.poll() is None:
        ready, _, _ = select.select([server.stdout], [], [], 1.0)
        if ready:
            said += os.read(server.stdout.fileno(), 65536)
    first = said.decode("utf-8", "replace")
    if "serving" not in first:
        # an error: the line is written before the process ends, so wait for it to end
        # by itself rather than interrupt it (an interrupt would hide its exit status)
        try:
            rest, _ = server.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            server.kill()
            rest, _ = server.communicate()
        return first + rest.decode("utf-8", "replace"), server.returncode
    server.send_signal(signal.SIGINT)
    try:
        rest, _ = server.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        server.kill()
        rest, _ = server.communicate()
    output = first + rest.decode("utf-8", "replace")
    return output, 0 if first.strip() and server.returncode in (0, -signal.SIGINT, 130) else 1


def prepare(workdir: Path, bin_dir: Path) -> None:
    """A folder as the documents assume it: the corpus, ingested into ./plangraph-store."""
    shutil.copytree(ROOT / "corpus", workdir / "corpus")
    subprocess.run(
        ["plangraph", "ingest", "corpus", "-q"],
        cwd=workdir,
        env=environment(bin_dir),
        check=True,
        capture_output=True,
    )


def refresh(path: Path, workdir: Path, bin_dir: Path, max_lines: int) -> int:
    """Rerun the console examples of one document and write their output under each
    command, in place of what was there."""
    _drop_outputs(path)
    outputs: dict[int, list[str]] = {}
    examples = console_examples(path)
    with Runner(workdir, bin_dir) as runner:
        results = [runner.run(example) for example in examples]
    for example, (output, returncode) in zip(examples, results, strict=True):
        printed = output.rstrip("\n").splitlines()
        if len(printed) > max_lines:
            printed = [*printed[: max_lines - 1], ELLIPSIS]
        outputs[example.line] = printed
        print(f"{example.label}: exit {returncode}, {len(printed)} lines", file=sys.stderr)
    rewritten: list[str] = []
    pending: list[str] | None = None
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        rewritten.append(line)
        pending = outputs.get(number, pending)
        following = lines[number] if number < len(lines) else ""
        if pending is not None and not _continued(line, following):
            rewritten.extend(pending)
            pending = None
    path.write_text("\n".join(rewritten) + "\n", encoding="utf-8")
    return len(examples)


def _continued(line: str, following: str) -> bool:
    return line.endswith("\\") or following.startswith("> ")


def _drop_outputs(path: Path) -> None:
    """Drop each example's old output before a refresh, so only commands remain."""
    text = path.read_text(encoding="utf-8").splitlines()
    kept: list[str] = []
    in_console = False
    in_command = False
    for line in text:
        if line.startswith("```"):
            in_console = line == "```console" if not in_console else False
            in_command = False
            kept.append(line)
        elif in_console:
            if (
                line.startswith("$ ")
                or (in_command and line.startswith("> "))
                or (in_command and kept[-1].endswith("\\"))
            ):
                kept.append(line)
                in_command = True
            else:
                in_command = False
        else:
            kept.append(line)
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--refresh", action="store_true", help="write real outputs back")
    parser.add_argument("--workdir", type=Path, required=True, help="an empty or prepared folder")
    parser.add_argument("--max-lines", type=int, default=12)
    parser.add_argument("files", nargs="*", type=Path)
    options = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    if not (options.workdir / "plangraph-store").exists():
        options.workdir.mkdir(parents=True, exist_ok=True)
        prepare(options.workdir, bin_dir)
    paths = [path.resolve() for path in options.files] or documents()
    for path in paths:
        if options.refresh:
            refresh(path, options.workdir, bin_dir, options.max_lines)
        else:
            with Runner(options.workdir, bin_dir) as runner:
                for example in console_examples(path):
                    output, returncode = runner.run(example)
                    problem = mismatch(example, output, returncode)
                    print(f"{example.label}: {problem or 'ok'}")


if __name__ == "__main__":
    main()
