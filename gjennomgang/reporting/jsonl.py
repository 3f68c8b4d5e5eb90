"""JSON: the machine format, one object per input file, one per line."""

from __future__ import annotations

import json

from ..result import Result


def to_json_line(result: Result) -> str:
    return json.dumps(result.as_dict(), ensure_ascii=False)
