"""Run with the Ralph virtualenv's Python: serve Ralph's LRS API (ralph.api:app) with the
file-system backend on the given loopback port.

Ralph 5.1's file-system LRS backend writes each statement with the data backend's default
operation, CREATE, into one file (`fs_lrs.jsonl`): every statement after the first is
refused ("already exists and overwrite is not allowed"). Appending is what an LRS file
means, so the default becomes APPEND; everything else (authentication, validation, the
check of an existing id, storage, queries) is Ralph's own. `ralph runserver` would also
start uvicorn's file-watching reloader, which a test does not want."""

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
