"""URL converters."""


class IdConverter:
    """A database id in a URL: 1 to 18 digits, so that it always fits a 64-bit column.

    `<int:...>` matches any number of digits, and a 20-digit id made SQLite raise an
    OverflowError (a 500) in some lookups; with this converter such a URL is simply not found.
    Registered as `<id:...>` by LmsConfig.ready().
    """

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))
