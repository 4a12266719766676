"""Workbooks laid out in a process of their own, so that the one asking keeps its CPU.

`mkdocs serve` lays out a saved journey's PDF after the pages are written; WeasyPrint takes
seconds of CPU for it, which in the server's own process would slow the server answering the
browser. The worker is ``python -m learning_journeys.site.workbook_process``: one JSON line
per workbook on its standard input (the HTML file to read, the PDF file to write), one JSON
line back when it is written. Nothing of the caller's is imported or run again in it (as
multiprocessing's "spawn" would do with the caller's main script).
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import IO

from learning_journeys.site.workbook import workbook_pdf


class WorkerUnavailable(OSError):
    """The worker process cannot run here (it cannot start, or ends before its first answer)."""


class WorkbookProcess:
    """The worker process, started on the first workbook; ``lay_out`` calls come one at a time.

    A worker that stops in the middle of a workbook is started again for the next one."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[str] | None = None
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._answered = False  # a worker has answered once: one that stops later has crashed

    def lay_out(self, html: str) -> bytes:
        """The PDF of ``html``. RuntimeError when it could not be laid out (the worker failed on
        it or stopped), WorkerUnavailable when no worker runs here at all."""
        process = self._process or self._start()
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="lj-workbooks-")
        source, target = Path(self._folder.name, "workbook.html"), Path(self._folder.name, "workbook.pdf")
        source.write_text(html, encoding="utf-8")
        target.unlink(missing_ok=True)
        stdin, stdout = _pipes(process)
        try:
            stdin.write(json.dumps({"html": str(source), "pdf": str(target)}) + "\n")
            stdin.flush()
            reply = json.loads(stdout.readline() or "null")
        except (OSError, ValueError):
            reply = None
        if not isinstance(reply, dict):
            self.close(kill=True)
            if not self._answered:
                raise WorkerUnavailable(f"the workbook process ended at once (exit code {process.poll()})")
            raise RuntimeError(
                "the workbook process stopped while laying it out; it starts again for the next"
            )
        self._answered = True
        if "error" in reply:
            raise RuntimeError(reply["error"])
        return target.read_bytes()

    def close(self, kill: bool = False) -> None:
        """Ends the worker: at the end of its input, or at once (``kill``)."""
        process, self._process = self._process, None
        if process is not None:
            if kill:
                process.kill()
            try:
                if process.stdin is not None:
                    process.stdin.close()  # the worker ends at the end of its input
            except OSError:
                pass  # it ended already
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    def _start(self) -> subprocess.Popen[str]:
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", __name__],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
        except OSError as err:
            raise WorkerUnavailable(f"the workbook process cannot start: {err}") from err
        return self._process


def _pipes(process: subprocess.Popen[str]) -> tuple[IO[str], IO[str]]:
    assert process.stdin is not None and process.stdout is not None
    return process.stdin, process.stdout


def main() -> None:
    """The worker: lays out each workbook it is sent, until its input ends."""
    answers = sys.stdout
    sys.stdout = sys.stderr  # anything printed while laying out stays out of the answers
    # Ctrl-C in the server's terminal reaches this process too: it ends with its input instead.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for line in sys.stdin:
        job = json.loads(line)
        try:
            Path(job["pdf"]).write_bytes(workbook_pdf(Path(job["html"]).read_text(encoding="utf-8")))
            reply: dict[str, str] = {}
        except Exception as err:  # noqa: BLE001 - sent back and said by the caller
            reply = {"error": f"{type(err).__name__}: {err}"}
        try:
            answers.write(json.dumps(reply) + "\n")
            answers.flush()
        except BrokenPipeError:
            return  # the server is gone


if __name__ == "__main__":
    main()
