"""Declarative validation of socket payloads at the edge."""

import re
from dataclasses import dataclass
from typing import Any

from facilitator.domain.errors import ValidationError

CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
_MISSING = object()


@dataclass(frozen=True)
class Field:
    """One payload field: its type, limits and whether it may be left out."""

    kind: str  # "id", "client_id", "str", "any"
    required: bool = True
    nullable: bool = False
    max_length: int = 10_000

    def check(self, name: str, value: Any) -> Any:
        """The value if it fits this field, else a ValidationError naming the field."""
        if value is None:
            if self.nullable:
                return None
            raise ValidationError(name, "is required", "missing_field")
        if self.kind == "id":
            if type(value) is not int or not 0 < value < 2**31:
                raise ValidationError(name, "must be a positive integer id", "invalid_type")
        elif self.kind == "client_id":
            if not isinstance(value, str) or not CLIENT_ID.match(value):
                raise ValidationError(
                    name, "must be 8 to 64 letters, digits, '-' or '_'", "invalid_client_id"
                )
        elif self.kind == "str":
            if not isinstance(value, str):
                raise ValidationError(name, "must be text", "invalid_type")
            if len(value) > self.max_length:
                raise ValidationError(
                    name, f"is longer than {self.max_length} characters", "too_long"
                )
        return value


def validate(payload: Any, schema: dict[str, Field]) -> dict[str, Any]:
    """Check a payload against a schema: an object with known fields of the right types."""
    if payload is None:
        payload = {}
    if not isinstance(payload, dict):
        raise ValidationError("payload", "must be a JSON object", "invalid_payload")
    unknown = sorted(set(payload) - set(schema))
    if unknown:
        raise ValidationError(unknown[0], "is not a field of this event", "unknown_field")
    values = {}
    for name, field in schema.items():
        value = payload.get(name, _MISSING)
        if value is _MISSING:
            if field.required:
                raise ValidationError(name, "is required", "missing_field")
            value = None
            if not field.nullable:
                continue
        values[name] = field.check(name, value)
    return values
