"""Render the rule-pack field reference from the models' JSON Schema, so the docs cannot drift.

`docs/rule-pack.md` embeds `render()` between two marker comments;
`tools/update_rule_pack_doc.py` rewrites that block and a test fails when the
committed block differs from what the models say today.
"""

from __future__ import annotations

import json
from typing import Any

from merchant_cli.core.models import PackFile
from merchant_cli.packs.validation import adapter

BEGIN = "<!-- BEGIN GENERATED REFERENCE: tools/update_rule_pack_doc.py -->"
END = "<!-- END GENERATED REFERENCE -->"
_CONSTRAINTS = {
    "pattern": "matches `{}`",
    "maxLength": "at most {} characters",
    "minLength": "at least {} character(s)",
    "minItems": "at least {} item(s)",
    "maxItems": "at most {} item(s)",
    "minimum": ">= {}",
    "maximum": "<= {}",
}


def render() -> str:
    """The reference: the top-level sections, then every model they use, in name order."""
    schema = adapter(PackFile).json_schema(by_alias=True)
    blocks = [_model("PackFile (one YAML file)", schema)]
    blocks += [_model(name, body) for name, body in sorted(schema["$defs"].items())]
    return "\n\n".join(blocks) + "\n"


def replace_block(document: str) -> str:
    """`document` with the text between the markers replaced by `render()`."""
    head, begin, rest = document.partition(BEGIN)
    _, end, tail = rest.partition(END)
    if not begin or not end:
        raise ValueError(f"the document lacks the markers {BEGIN!r} and {END!r}")
    return f"{head}{BEGIN}\n\n{render()}\n{END}{tail}"


def _model(name: str, body: dict[str, Any]) -> str:
    lines = [f"### {name}", ""]
    if "description" in body:
        lines += [" ".join(body["description"].split()), ""]
    properties: dict[str, Any] = body.get("properties", {})
    if not properties:
        patterns = body.get("patternProperties", {})
        for key, value in patterns.items():
            lines.append(
                f"A mapping with exactly one key matching `{key}`, whose value is a {_type(value)}."
            )
        return "\n".join(lines).rstrip()
    required = set(body.get("required", ()))
    lines += ["| key | type | required | default | rules |", "|---|---|---|---|---|"]
    for key, field in properties.items():
        default = (
            "" if key in required else f"`{json.dumps(field.get('default'), ensure_ascii=False)}`"
        )
        lines.append(
            f"| `{key}` | {_type(field)} | {'yes' if key in required else 'no'} | {default} "
            f"| {_rules(field)} |"
        )
    return "\n".join(lines)


def _type(field: dict[str, Any]) -> str:
    if "$ref" in field:
        name = field["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    for union in ("anyOf", "oneOf"):
        if union in field:
            options = [_type(o) for o in field[union] if o.get("type") != "null"]
            return " or ".join(options)
    if "enum" in field:
        return " / ".join(f"`{v}`" for v in field["enum"])
    if "const" in field:
        return f"`{field['const']}`"
    kind = field.get("type", "any")
    if kind == "array":
        if "prefixItems" in field:
            return f"[{', '.join(_type(i) for i in field['prefixItems'])}]"
        return f"list of {_type(field.get('items', {}))}"
    if kind == "object" and "additionalProperties" in field:
        return f"mapping of id to {_type(field['additionalProperties'])}"
    if kind == "object" and "patternProperties" in field:
        values = [_type(v) for v in field["patternProperties"].values()]
        return f"mapping of id to {' or '.join(values)}"
    if field.get("format") == "date":
        return "date (YYYY-MM-DD)"
    return str(kind)


def _rules(field: dict[str, Any]) -> str:
    found = [text.format(field[key]) for key, text in _CONSTRAINTS.items() if key in field]
    items = field.get("items", {})
    found += [
        f"each {text.format(items[key])}" for key, text in _CONSTRAINTS.items() if key in items
    ]
    if "description" in field:
        found.append(" ".join(field["description"].split()))
    return "; ".join(found).replace("|", "\\|")
