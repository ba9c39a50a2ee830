"""Download this module: the size of the PDF and the time to render it in every language of
settings.LANGUAGES, for module 1 of the demo's PATIT programme (its lessons and knowledge
check, in the demo's translations where it has them), with the ratio to English. Budget:
400 KB in every language.

A scratch SQLite database in a temporary directory; the demo programme is built as
`seed_demo` builds it. Times are medians of --runs renders through
`certificates.offline.module_pdf_bytes` (choosing the versions, reading the pages and
rendering), the first render of the process (fonts and stylesheet loaded) shown apart.

    .venv/bin/python bench/module_pdf.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    options = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="patit-bench-module-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL="",
        SQLITE_PATH=str(Path(scratch) / "bench.sqlite3"),
        MEDIA_ROOT=str(Path(scratch) / "media"),
    )
    os.environ.pop("DATABASE_URL")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)

    from certificates.offline import module_pdf_bytes
    from cms.builders import ensure_home_page
    from demo.translations import build_demo_programmes

    home = ensure_home_page()
    programme = build_demo_programmes(home=home)[0]
    module = programme.modules().first()
    print(
        f"  {programme.short_title}, {module.label()}: {module.lessons().count()} lessons "
        f"(median of {options.runs} renders)"
    )
    print(
        f"  {'language':<10}{'first':>10}{'median':>10}{'max':>10}{'size':>11}{'pages':>7}"
        f"{'time/en':>9}{'size/en':>9}"
    )
    from io import BytesIO

    from django.conf import settings
    from pypdf import PdfReader

    english: tuple[float, int] | None = None
    for language, _name in settings.LANGUAGES:
        started = time.perf_counter()
        data = module_pdf_bytes(module=module, language=language)
        first = time.perf_counter() - started
        times = []
        for _ in range(options.runs):
            started = time.perf_counter()
            data = module_pdf_bytes(module=module, language=language)
            times.append(time.perf_counter() - started)
        pages = len(PdfReader(BytesIO(data)).pages)
        median = statistics.median(times)
        english = english or (median, len(data))
        print(
            f"  {language:<10}{first * 1000:>8.0f}ms{median * 1000:>8.0f}ms"
            f"{max(times) * 1000:>8.0f}ms{len(data) / 1024:>8.1f} KB{pages:>7}"
            f"{median / english[0]:>8.2f}x{len(data) / english[1]:>8.2f}x"
            + ("" if len(data) <= 400 * 1024 else "  over the 400 KB budget")
        )


if __name__ == "__main__":
    main()
