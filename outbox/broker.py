"""Handing a task to the broker from a request without ever making the request wait on, or
fail because of, a broker outage. Whatever is handed over this way is also recorded in the
database (an outbox row, a pending certificate), and a sweeper sends it again if needed."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def hand_over(task, *args) -> bool:
    """Queue `task(*args)`; in-process when tasks run eagerly. Returns False (and logs)
    instead of raising when the broker or the in-process run fails."""
    try:
        if task.app.conf.task_always_eager:
            task.apply_async(args)
            return True
        with task.app.pool.acquire(block=True) as connection:
            # Celery would retry the connection for broker_connection_timeout seconds: one
            # try, then the sweeper's turn.
            connection.ensure_connection(max_retries=0)
            task.apply_async(args, connection=connection, retry=False)
        return True
    except Exception:
        log.warning(
            "%s%r not queued now; the sweeper will queue it.", task.name, args, exc_info=True
        )
        return False
