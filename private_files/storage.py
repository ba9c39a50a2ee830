"""Storages for files that must never be public: certificate PDFs.

`STORAGES["certificates"]` names the backend (see config/settings/base.py and docs/operations.md):
`DatabaseStorage` below (the default: nothing more to run, shared by every machine that
reaches the database), django-storages' S3 backend on a private bucket, or a local
directory outside MEDIA_ROOT for a single machine. None of them has a public URL: files are
read only through views that check who asks.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.db import IntegrityError, transaction
from django.utils.deconstruct import deconstructible


def certificate_storage() -> Storage:
    """The storage of certificate PDFs (a callable, so that the model field and its
    migrations do not depend on which backend a deployment configures)."""
    return storages["certificates"]


@deconstructible
class DatabaseStorage(Storage):
    """Whole files in a table (`private_files.StoredFile`). Fit for files of tens of KB
    written once and read now and then, as certificates are; not for videos."""

    def _model(self):
        from .models import StoredFile

        return StoredFile

    def _open(self, name, mode="rb"):
        if any(flag in mode for flag in "wa+"):
            raise ValueError("DatabaseStorage files are written with save(), not open().")
        content = self._model().objects.filter(name=name).values_list("content", flat=True)
        data = content.first()
        if data is None:
            raise FileNotFoundError(name)
        return ContentFile(bytes(data), name=name)

    def _save(self, name, content):
        if hasattr(content, "seek"):
            content.seek(0)
        data = b"".join(content.chunks())
        for _attempt in range(10):
            try:
                with transaction.atomic():
                    self._model().objects.create(name=name, content=data, size=len(data))
                return name
            except IntegrityError:  # another writer took the name since get_available_name
                name = self.get_available_name(name)
        raise FileExistsError(name)

    def exists(self, name):
        return self._model().objects.filter(name=name).exists()

    def delete(self, name):
        self._model().objects.filter(name=name).delete()

    def size(self, name):
        size = self._model().objects.filter(name=name).values_list("size", flat=True).first()
        if size is None:
            raise FileNotFoundError(name)
        return size

    def listdir(self, path):
        prefix = path.rstrip("/") + "/" if path.strip("/") else ""
        directories, files = set(), []
        for name in (
            self._model().objects.filter(name__startswith=prefix).values_list("name", flat=True)
        ):
            head, _sep, tail = name[len(prefix) :].partition("/")
            if tail:
                directories.add(head)
            else:
                files.append(head)
        return sorted(directories), sorted(files)

    def get_created_time(self, name):
        created = (
            self._model().objects.filter(name=name).values_list("created_at", flat=True).first()
        )
        if created is None:
            raise FileNotFoundError(name)
        return created

    get_modified_time = get_created_time

    def url(self, name):
        # Private: served by views that check who asks (certificates.views.download).
        raise NotImplementedError("Files in DatabaseStorage have no public URL.")

    def path(self, name):
        raise NotImplementedError("Files in DatabaseStorage are not on a local disk.")
