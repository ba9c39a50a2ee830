from tests.xapi.ralph_lrs import lrs, ralph_command_path  # noqa: F401 - fixtures
