"""Signals other apps listen to (the certificates app issues on completion)."""

from django.dispatch import Signal

# Sent inside the transaction that completes an enrollment, with `enrollment=`. Receivers
# write in that same transaction and queue their work after commit.
enrollment_completed = Signal()
