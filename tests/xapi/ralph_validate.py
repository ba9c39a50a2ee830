"""Run with the Ralph virtualenv's Python (not the project's): validates the statements
given as a JSON list on stdin with Ralph's own xAPI model, prints a JSON list of the
errors (empty when every statement is valid)."""

import json
import sys

from pydantic import ValidationError
from ralph.models.xapi.base.statements import BaseXapiStatement

errors = []
for statement in json.load(sys.stdin):
    try:
        BaseXapiStatement.model_validate(statement)
    except ValidationError as error:
        errors.append({"id": statement.get("id"), "error": str(error)})
json.dump(errors, sys.stdout)
