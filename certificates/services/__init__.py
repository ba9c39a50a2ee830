"""Issuing, rendering, revoking and verifying certificates (docs/architecture.md, rule 4).

Exactly once, even when workers crash or tasks run twice:
- `issue` creates the one `pending` certificate of a completed enrollment (a database
  constraint allows one live certificate per enrollment) and queues the render after commit;
- `render_certificate` claims the row with a conditional UPDATE (a lease), renders outside any
  transaction, and marks it `issued` with a second conditional UPDATE that only the claimant
  can make, writing the "ready" e-mail to the outbox in that same transaction. A crashed
  render leaves the row `pending`; the sweeper queues it again.
"""

from .issuing import (  # noqa: F401
    issue,
    issue_for_cycle,
    reissue,
    revoke,
    snapshot,
    verify,
)
from .preview import preview_pdf  # noqa: F401
from .records import learner_record, record_json, record_pdf  # noqa: F401
from .render_jobs import (  # noqa: F401
    MAX_ATTEMPTS,
    content_for,
    queue_render,
    render_certificate,
    sweep,
    sweep_candidates,
    verify_url,
)
