"""Template filters for knowledge checks. The page asks; it never knows about enrollments:
the seed of the shuffle and the allowances come from `request.lesson_state`."""

import random

from django import template

register = template.Library()


@register.filter
def shuffled(choices, seed):
    """(original index, choice) pairs in an order fixed by `seed`: each attempt shows the
    answers in another order, while the form still posts the original indexes."""
    pairs = list(enumerate(choices))
    if seed:
        random.Random(str(seed)).shuffle(pairs)  # noqa: S311 - an order, not a secret
    return pairs


@register.filter
def lookup(mapping, key):
    """mapping[key], or None: for per-check values keyed by block id."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None
