"""Placeholders in a certificate template's body: {name}, {programme}, {cycle}, {start}, {end}.

The body is an author's text, so it is never given to str.format: format specs
(`{name:>10000000}` pads to ten million characters), conversions and attribute or index
access (`{name.__class__.__mro__}` prints Python internals) would all run. The text is
parsed with string.Formatter().parse and only exact placeholders are replaced; anything else
is refused by the model's clean() and printed as written at render time.
"""

from string import Formatter

PLACEHOLDER_NAMES = ("name", "programme", "cycle", "start", "end")
PLACEHOLDERS = tuple(f"{{{name}}}" for name in PLACEHOLDER_NAMES)


def _field_text(field_name: str, format_spec: str, conversion: str | None) -> str:
    """The placeholder as the author wrote it (for printing it back unevaluated)."""
    return (
        "{"
        + field_name
        + (f"!{conversion}" if conversion else "")
        + (f":{format_spec}" if format_spec else "")
        + "}"
    )


def placeholder_errors(body: str) -> list[str]:
    """What is wrong with the body's placeholders (empty when every one is plain and known)."""
    try:
        parsed = list(Formatter().parse(body))
    except ValueError as error:  # an unmatched { or }
        return [f"{error} (write {{{{ and }}}} for literal braces)"]
    return [
        _field_text(field_name, format_spec, conversion)
        for _literal, field_name, format_spec, conversion in parsed
        if field_name is not None
        and (field_name not in PLACEHOLDER_NAMES or format_spec or conversion)
    ]


def fill_placeholders(body: str, **values: str) -> str:
    """The body with its plain placeholders replaced by `values`; anything else (a format
    spec, a conversion, attribute access, an unknown name) stays as written, unevaluated."""
    try:
        parsed = list(Formatter().parse(body))
    except ValueError:
        return body  # broken braces: print the text as written
    out = []
    for literal, field_name, format_spec, conversion in parsed:
        out.append(literal)
        if field_name is None:
            continue
        if field_name in PLACEHOLDER_NAMES and not format_spec and not conversion:
            out.append(str(values.get(field_name, "")))
        else:
            out.append(_field_text(field_name, format_spec, conversion))
    return "".join(out)
