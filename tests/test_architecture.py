"""The package's layers and what each command loads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept() -> None:
    lint = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_journeys_validate_loads_neither_mkdocs_nor_jinja(tmp_path: Path) -> None:
    (tmp_path / "j.yaml").write_text(
        "title: T\nphases: {pre: {}, learn: {}, post: {}}\n", encoding="utf-8"
    )
    probe = (
        "import json, sys\n"
        "from learning_journeys.cli import main\n"
        "sys.argv = ['journeys', 'validate', sys.argv[1]]\n"
        "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'mkdocs', 'jinja2', 'material', 'markdown', 'nh3', 'icalendar'})\n"
        "print(json.dumps({'code': code, 'heavy': heavy}), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "j.yaml")], capture_output=True, text=True, timeout=60
    )
    result = json.loads(done.stderr.strip().splitlines()[-1])
    assert result == {"code": 0, "heavy": []}
