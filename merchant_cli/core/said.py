"""What the tool has to say, as data: a message's key and its values, worded when shown.

Errors and notices arise below everything that knows the run's language or holds
the tool's wording (the message table lives with the reporters). They carry a
`Said` instead of a sentence, and whoever shows one renders it in the run's
language (`i18n.worded`).
"""

from __future__ import annotations

from collections.abc import Iterable

from merchant_cli.core.record import Record, record

VERBATIM = ""
"""The key of a text that is not in the message table (an OS error, a pack's own text)."""
JOINED = "+"
"""The key of several messages shown one after another."""


@record(kw_only=False)
class Said(Record):
    """The message `key` of the table, to be filled with `values` when shown.

    A value may itself be a `Said` or a pack text (`Text`, both languages): each is
    shown in the language of the whole.
    """

    key: str
    values: tuple[tuple[str, object], ...] = ()

    def value(self, name: str) -> object:
        return dict(self.values)[name]


def say(key: str, /, **values: object) -> Said:
    return Said(key, tuple(values.items()))


def verbatim(text: object) -> Said:
    """`text` shown as it is: a str, or a `Text` shown in the run's language."""
    return Said(VERBATIM, (("text", text),))


def joined(parts: Iterable[Said], separator: str) -> Said:
    """`parts` shown one after another with `separator` between them."""
    return Said(JOINED, (("parts", tuple(parts)), ("separator", separator)))


NOTHING = verbatim("")

EXCERPT = 60
"""Most characters of a value a message quotes: a pack or answers file may be a link to
a secret, and its errors must not copy it out."""


def excerpt(value: object) -> str:
    """`value` quoted (`repr`), at most EXCERPT characters: `'a long ke...`."""
    return clipped(repr(value))


def clipped(text: str) -> str:
    """`text` unquoted, at most EXCERPT characters (a key in a path such as `rules[0].x`)."""
    return text if len(text) <= EXCERPT else text[: EXCERPT - 3] + "..."


def did_you_mean(name: str, valid: Iterable[str], *, show: str = "{!r}") -> Said:
    """`; did you mean 'shoes'?` for a near miss of `name` among `valid`, else nothing."""
    import difflib  # only when a name is wrong: a good run never needs it

    close = difflib.get_close_matches(name, list(valid), n=1, cutoff=0.6)
    return say("cli.did_you_mean", name=show.format(close[0])) if close else NOTHING
