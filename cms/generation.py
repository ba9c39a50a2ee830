"""The curriculum's generation: any page saved, deleted, moved, published or unpublished
makes every value computed from the page tree stale (`core/generations.py`).

Saves cover more than publishing (a draft saved, a page added with `add_child`): a few
needless recomputations are cheap, a missed change would show a lesson that is gone.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.generations import Generation

# Ten minutes: the backstop for a change made with SQL or a queryset's update().
CURRICULUM = Generation("curriculum", timeout=600)


def _saved_or_deleted(sender, instance=None, **kwargs) -> None:
    if isinstance(instance, Page):
        CURRICULUM.bump()


def connect_signals() -> None:
    post_save.connect(_saved_or_deleted, dispatch_uid="cms.generation.save")
    post_delete.connect(_saved_or_deleted, dispatch_uid="cms.generation.delete")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(CURRICULUM.bump, dispatch_uid=f"cms.generation.{id(signal)}")
