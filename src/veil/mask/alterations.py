"""How LLMs alter replacements in their answers: a labelled suite for tolerant restoration.

Each alteration maps a replacement to (altered form, expected restoration given the original).
The suite is used by the unit tests (success rate >= 0.99) and by the restoration benchmark.
Markdown placed *around* a token is the LLM's formatting and is expected to stay
(``**[PERSON_1]**`` -> ``**Jane Doe**``); markdown *inside* brackets belongs to the token.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

Alteration = Callable[[str, str], tuple[str, str]]  # (replacement, original) -> (altered, expected)

_PH = re.compile(r"^\[([A-Z][A-Z0-9_]*?)_(\d+)\]$")


def _parts(rep: str) -> tuple[str, str]:
    m = _PH.match(rep)
    if not m:
        raise ValueError("not a placeholder")
    return m.group(1), m.group(2)


def _ph(fmt: str, expect: str = "{o}") -> Alteration:
    """An alteration of a placeholder ``[TYPE_N]`` given as a format of {t} (type) and {n}."""

    def alter(rep: str, original: str) -> tuple[str, str]:
        t, n = _parts(rep)
        return (
            fmt.format(
                t=t, n=n, tl=t.lower(), tt=t.replace("_", " ").title(), td=t.replace("_", "-"),
                te=t.replace("_", "\\_"), ts=_SYNONYM.get(t, t),
            ),
            expect.format(o=original),
        )

    return alter


PLACEHOLDER_ALTERATIONS: dict[str, Alteration] = {
    "exact": _ph("[{t}_{n}]"),
    "lower": _ph("[{tl}_{n}]"),
    "title": _ph("[{tt}_{n}]"),
    "no_brackets": _ph("{t}_{n}"),
    "no_brackets_lower_underscore": _ph("{tl}_{n}"),
    "parentheses": _ph("({t}_{n})"),
    "angle": _ph("<{t}_{n}>"),
    "curly": _ph("{{{t}_{n}}}"),
    # The token owns one bracket level: "[Jane Doe]" is masked to "[[PERSON_1]]", so an extra
    # level is the text's and stays.
    "double_square": _ph("[[{t}_{n}]]", "[{o}]"),
    "double_curly": _ph("{{{{{t}_{n}}}}}"),
    "bold_around": _ph("**[{t}_{n}]**", "**{o}**"),
    "bold_inside": _ph("[**{t}_{n}**]"),
    "italic_around": _ph("_[{t}_{n}]_", "_{o}_"),
    "code_bare": _ph("`{t}_{n}`", "`{o}`"),
    "code_bracketed": _ph("`[{t}_{n}]`", "`{o}`"),
    "bold_bare": _ph("**{t}_{n}**", "**{o}**"),
    "spaces_inside_brackets": _ph("[ {t}_{n} ]"),
    "spaces_everywhere": _ph("[ {t} _{n} ]"),
    "possessive_outside": _ph("[{t}_{n}]'s", "{o}'s"),
    "possessive_inside": _ph("[{t}_{n}'s]", "{o}'s"),
    "possessive_curly": _ph("[{t}_{n}]’s", "{o}’s"),
    "possessive_bare": _ph("{t}_{n}'s", "{o}'s"),
    "hyphen": _ph("[{td}-{n}]"),
    "space_separator": _ph("[{t} {n}]"),
    "bare_hyphen": _ph("{td}-{n}"),
    "bare_space_upper": _ph("{t} {n}"),
    "leading_zero": _ph("[{t}_0{n}]"),
    "hash_number": _ph("[{tt} #{n}]"),
    "no_separator": _ph("[{t}{n}]"),
    "title_spaces_hyphen": _ph("[{tt}-{n}]"),
    "markdown_escaped": _ph("\\[{te}\\_{n}\\]"),
    "type_synonym": _ph("[{ts}_{n}]"),
}

#: The name an LLM most often uses instead of ours (see veil.mask.restorer.TYPE_ALIASES).
_SYNONYM = {
    "PERSON": "NAME", "ORGANIZATION": "ORG", "LOCATION": "LOC", "EMAIL": "EMAIL_ADDRESS",
    "PHONE": "PHONE_NUMBER", "CREDIT_CARD": "CARD_NUMBER", "IP_ADDRESS": "IP",
    "US_SSN": "SSN", "DATE_OF_BIRTH": "DOB", "IBAN": "IBAN_CODE",
}


def _case_variants(rep: str, original: str) -> dict[str, tuple[str, str]]:
    digits_sep = re.sub(r"(?<=\d) (?=\d)", "-", rep)
    return {
        "exact": (rep, original),
        "upper": (rep.upper(), original),
        "lower": (rep.lower(), original),
        "title": (rep.title(), original),
        "double_space": (rep.replace(" ", "  "), original),
        "newline": (rep.replace(" ", "\n", 1), original),
        "possessive": (rep + "'s", original + "'s"),
        "bold": (f"**{rep}**", f"**{original}**"),
        "quoted": (f'"{rep}"', f'"{original}"'),
        "digit_groups": (digits_sep, original),
    }


CONTEXTS = (
    "Please contact {x} tomorrow.",
    "{x} asked for an update on the invoice.",
    "The file mentions {x}.",
    "Summary: {x}; follow-up needed",
    "- {x}\n- nothing else",
    "As requested, here is the note for {x}:",
)


@dataclass(frozen=True)
class Case:
    kind: str
    altered: str
    expected: str


def _name_variants(rep: str, original: str) -> dict[str, tuple[str, str]]:
    """LLMs shorten pseudonymous names: first name alone, or title + family name."""
    from veil.mask.names import parse_name

    rp, op = parse_name(rep), parse_name(original)
    if len(rp.order) != 2 or len(op.order) != 2:
        return {}
    r_first, r_last = (rep[rp.spans[i][0] : rp.spans[i][1]] for i in rp.order)
    o_first, o_last = (original[op.spans[i][0] : op.spans[i][1]] for i in op.order)
    return {
        "first_name_only": (r_first, o_first),
        "title_and_last_name": (f"Dr. {r_last}", f"Dr. {o_last}"),
        "last_name_upper": (r_last.upper(), o_last.upper()),
        # the given name cut to its initial: the original's initial comes back with it
        "initial_and_last_name": (f"{r_first[0]}. {r_last}", f"{o_first[0]}. {o_last}"),
    }


def cases(
    replacement: str, original: str, operator: str, entity_type: str | None = None
) -> list[Case]:
    """Every alteration of one replacement, embedded in every context sentence."""
    out: list[Case] = []
    if operator == "placeholder":
        variants = {k: f(replacement, original) for k, f in PLACEHOLDER_ALTERATIONS.items()}
    else:
        variants = _case_variants(replacement, original)
        if entity_type == "PERSON":
            variants |= _name_variants(replacement, original)
    for kind, (alt, exp) in variants.items():
        for ctx in CONTEXTS:
            out.append(Case(kind, ctx.format(x=alt), ctx.format(x=exp)))
    return out


#: Text that must NOT be restored although it resembles a placeholder.
NEGATIVE = (
    "Ask person 1 and person 2 to line up.",
    "See [PERSON_99] in the appendix.",
    "The [REDACTED_PERSON] field is empty.",
    "PERSONAL_1 is a variable name.",
    "SUPERPERSON_1 wins.",
)
