"""The declared schema of the pack files (``files.py``), the words it is declared in with their
checks (``types.py``: values; ``mapping.py``: keys and mappings), and what is written from it: the
key reference in the docs and a JSON Schema per file kind (``export.py``).
``python -m builder.source.schema --markdown`` prints the key reference."""

from builder.source.schema.files import (APPROVAL, AUDIENCES, DEFAULT_PLACEHOLDERS, DEFAULTS, EXTERNAL,
                                         FIELD_TYPES, FILES, FORM, FORM_FIELD, FORM_SECTION, POLICY,
                                         REGISTER_ROLES, ROLE, SCHOOL, SCHOOL_POLICY, SECTION,
                                         SETTINGS, SIGNATORY, TRUST, VERSION, FileKind)
from builder.source.schema.mapping import Key, Mapping
from builder.source.schema.types import At, ListOf, MapOf, Type
from builder.source.schema import export

__all__ = ["APPROVAL", "AUDIENCES", "DEFAULT_PLACEHOLDERS", "DEFAULTS", "EXTERNAL", "FIELD_TYPES",
           "FILES", "FORM", "FORM_FIELD", "FORM_SECTION", "POLICY", "REGISTER_ROLES", "ROLE", "SCHOOL",
           "SCHOOL_POLICY", "SECTION", "SETTINGS", "SIGNATORY", "TRUST", "VERSION", "At", "FileKind",
           "Key", "ListOf", "MapOf", "Mapping", "Type", "json_schema", "markdown"]


def json_schema(kind: str) -> dict:
    return export.json_schema(kind)


def markdown() -> str:
    return export.markdown()
