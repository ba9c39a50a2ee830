"""Reading an import file within stated limits, before reading it whole (issue 19).

A 368 KB XLSX of 2,000,000 rows once took 45 s and 849 MB before being refused: the upload
limit applies to the compressed file. Here an XLSX is refused when the sizes its zip declares
add up to more than MAX_UNCOMPRESSED_BYTES (Python's zipfile never inflates a member past its
declared size), and its rows are streamed (openpyxl's read-only mode) and reading stops past
MAX_ROWS. A CSV is its own uncompressed size; its lines are counted before it is parsed.
"""

from __future__ import annotations

import io
import zipfile

import tablib
from django.utils.translation import gettext as _

# A mission's list is a few hundred people; the UN protocol list a few thousand.
MAX_ROWS = 5_000
MAX_UNCOMPRESSED_BYTES = 20 * 1024 * 1024


class FileRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _too_large() -> FileRefused:
    return FileRefused(
        _("The file holds more than %(size)s MB uncompressed; split it.")
        % {"size": MAX_UNCOMPRESSED_BYTES // (1024 * 1024)}
    )


def _too_many_rows() -> FileRefused:
    return FileRefused(
        _("The file has more than %(rows)s rows; split it.") % {"rows": f"{MAX_ROWS:,}"}
    )


def check_text_size(content: bytes) -> None:
    """A CSV within the limits, or FileRefused."""
    if len(content) > MAX_UNCOMPRESSED_BYTES:
        raise _too_large()
    if content.count(b"\n") > MAX_ROWS + 1:  # the header, and a last line without its end
        raise _too_many_rows()


def read_xlsx(content: bytes) -> tablib.Dataset:
    """The first sheet's rows, streamed, or FileRefused before the limits are passed."""
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            declared = sum(item.file_size for item in archive.infolist())
    except zipfile.BadZipFile as error:
        raise _unreadable(error) from error
    if declared > MAX_UNCOMPRESSED_BYTES:
        raise _too_large()
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise _unreadable(error) from error
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        headers = list(next(rows, None) or [])
        dataset = tablib.Dataset(headers=headers)
        for number, row in enumerate(rows, start=1):
            if number > MAX_ROWS:
                raise _too_many_rows()
            values = list(row)[: len(headers)]
            dataset.append(values + [None] * (len(headers) - len(values)))
    except FileRefused:
        raise
    except Exception as error:
        raise _unreadable(error) from error
    finally:
        book.close()
    return dataset


def _unreadable(error: Exception) -> FileRefused:
    return FileRefused(_("This is not a readable XLSX file (%(error)s).") % {"error": error})
