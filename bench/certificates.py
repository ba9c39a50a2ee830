"""Certificates: the cost of the whole service against bare WeasyPrint, PDF size,
throughput with one and two worker processes, and completion-to-PDF latency.

Measured in one run, against PostgreSQL and Redis, with real Celery workers:

1. Time per certificate through `certificates.services.render_certificate` (claim the row,
   read the database, QR code, render, store the file, mark it issued), next to a bare
   `weasyprint.HTML(string=<the same HTML>).write_pdf()` of the same certificate.
   Target: at most 1.2x.
2. The PDF's size. Target: under 100 KB.
3. Throughput: 200 pending certificates rendered by Celery workers (prefork) with one and
   with two processes.
4. Latency: a worker is running; a learner meets the last requirement (the last lesson);
   time until the certificate's PDF is downloadable. Target: under 5 s.

Run it from the project directory (it drops and recreates `patit_bench_certificates` and
empties Redis database 14):

    .venv/bin/python bench/certificates.py
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    recreate_database,
    setup_django,
    start_celery_worker,
    stop,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/patit_bench_certificates"
DEFAULT_BROKER_URL = "redis://127.0.0.1:6379/14"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--broker-url", default=DEFAULT_BROKER_URL)
    parser.add_argument(
        "--samples", type=int, default=30, help="certificates timed in-process (default 30)"
    )
    parser.add_argument(
        "--batch", type=int, default=200, help="certificates per throughput run (default 200)"
    )
    parser.add_argument("--latency-runs", type=int, default=5)
    return parser.parse_args(argv)


def env_for(args, media_root: str) -> dict[str, str]:
    import os

    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.dev",
        DEBUG="false",
        DATABASE_URL=args.database_url,
        CELERY_BROKER_URL=args.broker_url,
        MEDIA_ROOT=media_root,
        EMAIL_URL="dummymail://",
        LOG_LEVEL="WARNING",
    )
    return env


def completed_learners(n: int, *, cycle, lesson):
    """n learners who completed the cycle through the services (each completion creates a
    pending certificate and queues its render)."""
    from courses import services
    from tests.factories import LearnerFactory

    languages = ["en", "fr", "ar"]
    enrollments = []
    for i in range(n):
        learner = LearnerFactory(
            preferred_language=languages[i % 3],
            certificate_name_ar="ليلى حداد",
            certificate_name_fr="Hélène Côté",
        )
        services.apply(learner=learner, cycle=cycle)
        services.complete_lesson(learner=learner, lesson=lesson)
        enrollments.append(learner)
    return enrollments


def flush_broker(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def pending_ids():
    from certificates.models import Certificate

    return list(
        Certificate.objects.filter(status="pending").order_by("pk").values_list("pk", flat=True)
    )


def measure_service_vs_bare(samples: int):
    from certificates import services
    from certificates.models import Certificate
    from certificates.rendering import bare_render_pdf, render_html

    ids = pending_ids()[: samples + 3]
    # Warm up both paths (first import, fonts, stylesheet) on the first three.
    for pk in ids[:3]:
        services.render_certificate(certificate_id=pk)
        bare_render_pdf(render_html(services.content_for(Certificate.objects.get(pk=pk))))
    service_times, bare_times, sizes = [], [], []
    for pk in ids[3:]:
        started = time.perf_counter()
        assert services.render_certificate(certificate_id=pk)
        service_times.append(time.perf_counter() - started)
        certificate = Certificate.objects.get(pk=pk)
        sizes.append(certificate.pdf.size)
        html = render_html(services.content_for(certificate))  # the same certificate's HTML
        started = time.perf_counter()
        bare_render_pdf(html)
        bare_times.append(time.perf_counter() - started)
    return service_times, bare_times, sizes


def throughput(env, *, concurrency: int, batch: int, args) -> float:
    """Queue `batch` pending certificates, start a worker with `concurrency` processes,
    and time until all are issued (the clock starts when the worker is ready)."""
    from certificates.models import Certificate
    from certificates.tasks import render_certificate_task

    ids = pending_ids()[:batch]
    if len(ids) < batch:
        raise SystemExit(f"only {len(ids)} pending certificates for a batch of {batch}")
    with tempfile.TemporaryFile("w+") as log:
        worker = start_celery_worker(env, concurrency=concurrency, log=log)
        try:
            # Let the worker boot on a warm-up render before the clock starts.
            render_certificate_task.delay(ids[0])
            wait_for(
                lambda: Certificate.objects.filter(pk=ids[0], status="issued").exists(), 60, log
            )
            started = time.perf_counter()
            for pk in ids[1:]:
                render_certificate_task.delay(pk)
            wait_for(
                lambda: Certificate.objects.filter(pk__in=ids, status="issued").count() == len(ids),
                600,
                log,
            )
            elapsed = time.perf_counter() - started
        finally:
            stop(worker)
    return (len(ids) - 1) / elapsed


def wait_for(predicate, timeout, log):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    log.seek(0)
    raise SystemExit("timed out; worker log:\n" + log.read()[-3000:])


def latency(env, *, cycle, lessons, runs: int) -> list[float]:
    """Seconds from the last lesson completed (committed) to an issued certificate whose
    PDF file exists, with a worker already running."""
    from certificates.models import Certificate
    from courses import services
    from tests.factories import LearnerFactory

    results = []
    with tempfile.TemporaryFile("w+") as log:
        worker = start_celery_worker(env, concurrency=1, log=log)
        try:
            warm = LearnerFactory()
            services.apply(learner=warm, cycle=cycle)
            for lesson in lessons:
                services.complete_lesson(learner=warm, lesson=lesson)
            wait_for(
                lambda: Certificate.objects.filter(
                    enrollment__learner=warm, status="issued"
                ).exists(),
                60,
                log,
            )
            for _ in range(runs):
                learner = LearnerFactory()
                services.apply(learner=learner, cycle=cycle)
                *first, last = lessons
                for lesson in first:
                    services.complete_lesson(learner=learner, lesson=lesson)
                started = time.perf_counter()
                services.complete_lesson(learner=learner, lesson=last)  # commits, queues

                def downloadable(learner=learner):
                    certificate = Certificate.objects.filter(
                        enrollment__learner=learner, status="issued"
                    ).first()
                    return certificate is not None and certificate.pdf.storage.exists(
                        certificate.pdf.name
                    )

                wait_for(downloadable, 60, log)
                results.append(time.perf_counter() - started)
        finally:
            stop(worker)
    return results


def main(argv=None) -> int:
    args = parse_args(argv)
    media = tempfile.mkdtemp(prefix="patit-bench-media-")
    env = env_for(args, media)
    recreate_database(args.database_url)
    flush_broker(args.broker_url)
    setup_django(env)
    from tests.factories import CycleFactory, ProgrammeFactory

    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    cycle = CycleFactory(programme=programme, capacity=100_000, seminar_requirement="none")
    lesson = programme.modules().first().lessons().first()
    needed = args.samples + 3 + 2 * args.batch
    print(f"Preparing {needed} completed learners (pending certificates)...", flush=True)
    completed_learners(needed, cycle=cycle, lesson=lesson)
    flush_broker(args.broker_url)  # their render tasks: the runs below queue their own

    service, bare, sizes = measure_service_vs_bare(args.samples)
    one = throughput(env, concurrency=1, batch=args.batch, args=args)
    two = throughput(env, concurrency=2, batch=args.batch, args=args)
    latency_programme = ProgrammeFactory(modules=1, seminar=False, lessons=3)
    latency_cycle = CycleFactory(
        programme=latency_programme, capacity=100_000, seminar_requirement="none"
    )
    lessons = list(latency_programme.modules().first().lessons())
    latencies = latency(env, cycle=latency_cycle, lessons=lessons, runs=args.latency_runs)

    service_ms = statistics.median(service) * 1000
    bare_ms = statistics.median(bare) * 1000
    ratio = service_ms / bare_ms
    print()
    print("Certificates (PostgreSQL, Redis, real Celery workers; medians)")
    print(f"  whole service per certificate   {service_ms:8.1f} ms   (n={len(service)})")
    print(f"  bare WeasyPrint, same HTML      {bare_ms:8.1f} ms")
    print(f"  ratio service / bare            {ratio:8.2f} x     (target <= 1.2)")
    print(
        f"  PDF size                        {statistics.median(sizes) / 1024:8.1f} KB"
        f"   (max {max(sizes) / 1024:.1f} KB; target < 100 KB)"
    )
    print(f"  throughput, 1 worker process    {one:8.1f} certificates/s   ({args.batch})")
    print(f"  throughput, 2 worker processes  {two:8.1f} certificates/s   ({args.batch})")
    print(
        f"  last requirement -> PDF         {statistics.median(latencies):8.2f} s"
        f"    (max {max(latencies):.2f} s; target < 5 s)"
    )
    ok = ratio <= 1.2 and max(sizes) < 100 * 1024 and max(latencies) < 5
    print("  targets met" if ok else "  TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
