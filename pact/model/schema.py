"""JSON Schemas of pact's models, each field described by the docstring written under it.

pydantic can read those docstrings itself (``use_attribute_docstrings``), but it does so for every
model class as it is made, parsing the class's source: a quarter of the time it takes to import
``pact.model``, paid by every command. Here they are read only when a schema is asked for.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from functools import cache
from itertools import pairwise
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import core_schema


class Described(GenerateJsonSchema):
    """The JSON Schema generator of every ``Value`` (``pact.model.base``): pydantic's, with the docstrings."""

    def model_schema(self, schema: core_schema.ModelSchema) -> dict[str, Any]:
        json = super().model_schema(schema)
        properties = json.get("properties", {})
        fields = schema["cls"].model_fields
        for name, text in attribute_docstrings(schema["cls"]).items():
            key = self._written_as(fields[name], name) if name in fields else name
            if key in properties:
                properties[key].setdefault("description", text)  # a Field(description=...) comes first
        return json

    def _written_as(self, field: FieldInfo, name: str) -> str:
        """The property a field is written as: its alias (``from`` for ``from_``), else its name."""
        alias = field.serialization_alias if self.mode == "serialization" else None
        return alias or field.alias or name


@cache
def attribute_docstrings(model: type) -> dict[str, str]:
    """The docstring under each annotated attribute of ``model`` and of the classes it inherits from."""
    found: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if cls in (object, BaseModel) or not issubclass(cls, BaseModel):
            continue
        try:
            body = ast.parse(textwrap.dedent(inspect.getsource(cls))).body[0]
        except (OSError, TypeError, SyntaxError):  # no source (a class made at run time): no descriptions
            continue
        statements = body.body if isinstance(body, ast.ClassDef) else []
        for field, after in pairwise(statements):
            if (
                isinstance(field, ast.AnnAssign)
                and isinstance(field.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                found[field.target.id] = inspect.cleandoc(after.value.value)
    return found
