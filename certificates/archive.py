"""A ZIP of certificate PDFs written as it is sent: the standard library's `zipfile` writes
into a sink that the response's generator empties after every chunk, so a cycle's archive
costs one chunk of memory whatever the number of certificates (a 2,000-learner cycle's PDFs
would otherwise sit in memory twice, once read and once zipped).

The archive is written without seeking (sizes and CRCs in data descriptors after each
member, ZIP64 when needed), which every unzip tool reads. PDFs are stored, not deflated:
they are compressed already.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Iterable, Iterator

from django.core.files.storage import Storage

CHUNK = 64 * 1024


class _Sink(io.RawIOBase):
    """A write-only, unseekable file whose bytes are taken out by `drain()`; `zipfile`
    notices it cannot seek and writes data descriptors."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[override]
        self._chunks.append(bytes(data))
        return len(data)

    def drain(self) -> bytes:
        chunks, self._chunks = self._chunks, []
        return b"".join(chunks)


def stream_zip(members: Iterable[tuple[str, str]], storage: Storage) -> Iterator[bytes]:
    """The bytes of a ZIP holding, for each (archive name, stored file name) of `members`,
    that file of `storage`; yielded a chunk at a time, reading each file a chunk at a time.
    `members` is consumed lazily (pass a queryset's `.iterator()`)."""
    sink = _Sink()
    now = time.localtime()[:6]
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_STORED) as archive:
        for arcname, name in members:
            info = zipfile.ZipInfo(arcname, date_time=now)
            # The size, known beforehand, lets zipfile choose ZIP64 only when it is needed.
            info.file_size = storage.size(name)
            with storage.open(name, "rb") as source, archive.open(info, "w") as target:
                while chunk := source.read(CHUNK):
                    target.write(chunk)
                    if data := sink.drain():
                        yield data
            if data := sink.drain():
                yield data
    yield sink.drain()  # the central directory
