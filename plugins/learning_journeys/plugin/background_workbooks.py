"""Under `mkdocs serve`: PDF workbooks laid out after the pages are written, in another process.

Laying out one workbook takes WeasyPrint seconds, longer than rendering every changed page
of a save. So a rebuild writes each changed workbook's previous PDF (or a one-page stand-in
that says it is being made) and goes on; a worker process lays out the new one, newest save
first, and it replaces the file in the served site between two builds. `mkdocs build` never
uses this: there every workbook is laid out before the site is touched.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from pathlib import Path

from learning_journeys.site.workbook import Workbooks, workbook_pdf
from learning_journeys.site.workbook_process import WorkbookProcess, WorkerUnavailable

log = logging.getLogger("mkdocs.plugins.learning_journeys")


class BackgroundWorkbooks:
    """The workbooks still to lay out, and the worker that lays them out and writes them."""

    def __init__(self, workbooks: Workbooks) -> None:
        self._workbooks = workbooks
        self._site = threading.Lock()  # held by a build from before site/ is emptied until it is written
        self._holding = False
        self._wake = threading.Condition()
        self._waiting: dict[str, str] = {}  # a workbook's URI: its HTML, the newest save last
        self._in_hand: tuple[str, str] | None = None  # the one being laid out
        self._failed: set[str] = set()  # HTML that could not be laid out: not tried again
        self._site_dir = ""
        self._error_level = logging.ERROR
        self._stopped = False
        self._thread: threading.Thread | None = None
        self._process: WorkbookProcess | None = WorkbookProcess()  # None: lay out in this process

    def building(self) -> None:
        """A build starts: no workbook is written into the site until it is done."""
        if not self._holding:
            self._site.acquire()
            self._holding = True

    def built(self, site_dir: str, waiting: list[tuple[str, str]], strict: bool = False) -> None:
        """A build is written: lay out ``waiting`` (URI, HTML) and write each into ``site_dir``."""
        with self._wake:
            self._site_dir = site_dir
            # Under `mkdocs serve --strict` an error logged during a build would fail that build.
            self._error_level = logging.INFO if strict else logging.ERROR
            # Those of this build only: still waiting ones keep their place, new ones go last.
            jobs = {job for job in waiting if job != self._in_hand and job[1] not in self._failed}
            self._waiting = {uri: html for uri, html in self._waiting.items() if (uri, html) in jobs}
            self._waiting.update(
                (uri, html) for uri, html in waiting if (uri, html) in jobs and uri not in self._waiting
            )
            self._wake.notify()
        self._release()
        if self._waiting and self._thread is None and not self._stopped:
            self._thread = threading.Thread(target=self._run, name="learning-journeys-workbooks", daemon=True)
            self._thread.start()

    def failed(self) -> None:
        """A build failed: the site folder is free again."""
        self._release()

    def stop(self) -> None:
        """The server stops: nothing more is laid out or written (the site folder is removed)."""
        with self._wake:
            self._stopped = True
            self._wake.notify()
        if self._process is not None:
            self._process.close(kill=True)
        if self._holding:
            self._release()  # held by this thread's build: no workbook is being written
        else:
            with self._site:
                pass  # a workbook being written is written; none after it

    def _release(self) -> None:
        if self._holding:
            self._holding = False
            self._site.release()

    def _next(self) -> tuple[str, str] | None:
        with self._wake:
            while not self._waiting and not self._stopped:
                self._wake.wait()
            if self._stopped:
                return None
            uri = next(reversed(self._waiting))
            self._in_hand = (uri, self._waiting.pop(uri))
            return self._in_hand

    def _run(self) -> None:
        while (job := self._next()) is not None:
            uri, html = job
            try:
                self._write(uri, html, self._lay_out(html))
            except Exception as err:  # noqa: BLE001 - said in the log; the PDF there stays
                if self._stopped:
                    return
                self._failed.add(html)
                log.log(
                    self._error_level,
                    f"learning-journeys: the workbook {uri} could not be made: {type(err).__name__}: {err}",
                )
            finally:
                with self._wake:
                    self._in_hand = None

    def _lay_out(self, html: str) -> bytes:
        """The PDF, laid out in a worker process (the server keeps its CPU); in this process
        only where no worker process runs at all."""
        if self._process is not None:
            try:
                return self._process.lay_out(html)
            except WorkerUnavailable as err:
                if self._stopped:
                    raise
                log.info(f"learning-journeys: workbooks are laid out in the server's process: {err}")
                self._process = None
        return workbook_pdf(html)

    def _write(self, uri: str, html: str, pdf: bytes) -> None:
        with self._site:
            if self._stopped:
                return
            self._workbooks.add(uri, html, pdf)
            if not self._workbooks.is_current(html):
                return  # saved again meanwhile: the newer one is on its way
            target = Path(self._site_dir, uri)
            if not target.parent.is_dir():
                return
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".lj-", suffix=".pdf")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(pdf)
                os.replace(temporary, target)
            finally:
                if os.path.exists(temporary):
                    os.unlink(temporary)
            log.info(f"learning-journeys: workbook laid out: {uri}")
