"""Model instances from values a query already read (`values_list`, `values`)."""

from __future__ import annotations

from typing import Any


def instance(model, db: str, values: dict[str, Any]):
    """A `model` instance as the database gave it, with only `values` loaded (by attname);
    any other field is read when first used, as with `QuerySet.only()`. `from_db` takes the
    fields in the model's order, whatever the caller's."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    if len(names) != len(values):
        raise ValueError(f"not fields of {model.__name__}: {set(values) - set(names)}")
    return model.from_db(db, names, [values[name] for name in names])
