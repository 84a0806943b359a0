"""The isolated ``home`` of the bad-input tests (tests/unit/vault/shared.py)."""

from tests.unit.vault.shared import home  # noqa: F401 - registers the fixture here
