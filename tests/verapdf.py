"""veraPDF, the reference PDF/A and PDF/UA validator, run on files the tests wrote.

The validator is a prebuilt command-line tool kept beside the repositories
(`../shared/tools/verapdf/verapdf` from the repository's root; `VERAPDF=/path/to/verapdf`
names another) and needs a Java runtime (Debian's default-jre-headless, in
`scripts/system-deps.sh test`). Without either, the tests that use it skip with the reason,
or fail under LMS_REQUIRE_SERVICES=1 (CI).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def verapdf_path() -> Path | None:
    named = os.environ.get("VERAPDF")
    if named:
        return Path(named)
    # The repository's root, then each folder above it (a git worktree sits deeper).
    for folder in (ROOT, *ROOT.parents):
        candidate = folder.parent / "shared" / "tools" / "verapdf" / "verapdf"
        if candidate.is_file():
            return candidate
    return None


def missing_reason() -> str | None:
    if verapdf_path() is None:
        return "veraPDF not found (../shared/tools/verapdf/verapdf, or set VERAPDF)"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java runtime for veraPDF (apt-get install default-jre-headless)"
    return None


def failed_rules(flavour: str, files: list[Path]) -> dict[str, list[str]]:
    """veraPDF's verdict for each file under one profile (`3a`, `ua1`, ...), in one call:
    {file name: ["clause-test: description", ...]}, an empty list for a compliant file."""
    tool = verapdf_path()
    assert tool is not None, missing_reason()
    result = subprocess.run(  # noqa: S603 - our own tool and our own temporary files
        [
            str(tool),
            "-f",
            flavour,
            "--format",
            "xml",
            "--loglevel",
            "0",
            "--maxfailuresdisplayed",
            "1",
            *map(str, files),
        ],
        capture_output=True,
        timeout=300,
        check=False,
    )
    # 0: all compliant; 1: some not compliant. Anything else is the tool failing.
    assert result.returncode in (0, 1), result.stderr.decode()[-2000:]
    verdicts: dict[str, list[str]] = {}
    # The report of our own validator on our own files.
    for job in ET.fromstring(result.stdout).iter("job"):  # noqa: S314
        name = Path(job.findtext("item/name") or "").name
        report = job.find("validationReport")
        assert report is not None, f"veraPDF could not validate {name}"
        verdicts[name] = [
            f"{rule.get('clause')}-{rule.get('testNumber')}: {rule.findtext('description')}"
            for rule in report.iter("rule")
            if rule.get("status") == "failed"
        ]
    assert set(verdicts) == {f.name for f in files}, (verdicts, files)
    return verdicts
