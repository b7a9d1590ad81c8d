"""What validates of an input that does not: the fields of a pydantic model that are valid on
their own, and a validation's errors as problems with their paths.

pydantic stops at the fields: when one key is misspelled, the model is not built and nothing
that needs it runs. Checks against the store and the server (does this dataset exist, may this
model be loaded) need only their own fields, so they run on ``valid_fields`` and their problems
are reported together with the misspelling, in one answer.

>>> from pydantic import BaseModel, ConfigDict, Field
>>> class Ref(BaseModel):
...     model_config = ConfigDict(extra="forbid")
...     key: str = Field(pattern="^[a-z]+$")
...     split: str = "train"
...     count: int = 1
>>> sorted(valid_fields(Ref, {"key": "arith", "count": "many", "typo": 1}).items())
[('key', 'arith'), ('split', 'train')]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError


@cache
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    """A validator of one field of ``model`` alone, with the field's constraints (pattern, bounds);
    the model's own field and model validators are not part of it."""
    field = model.model_fields[name]
    annotation: Any = field.annotation
    return TypeAdapter(Annotated[(annotation, *field.metadata)] if field.metadata else annotation)


def valid_fields(model: type[BaseModel], raw: Any) -> dict[str, Any]:
    """Each top-level field of ``model`` whose value in ``raw`` validates on its own (nested
    models whole), and the default of each optional field ``raw`` leaves out. A required field
    that is absent or invalid, and ``raw`` that is not a mapping, give nothing to check."""
    if not isinstance(raw, Mapping):
        return {}
    values: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        if name in raw:
            try:
                values[name] = _adapter(model, name).validate_python(raw[name])
            except ValidationError:
                continue
        elif not field.is_required():
            values[name] = field.get_default(call_default_factory=True)
    return values


def problems_of(errors: Iterable[Mapping[str, Any]], loc: Sequence[str | int] = ()) -> list[dict[str, Any]]:
    """pydantic's (or FastAPI's) errors as problems (``loc``, ``msg``, ``type``), each path under ``loc``."""
    return [{"loc": [*loc, *e["loc"]], "msg": e["msg"], "type": e["type"]} for e in errors]
