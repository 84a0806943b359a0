"""Restoration probe (s72): realistic prompts masked with each operator, then the replacements
rewritten the way LLMs write them in answers; whole answers and streams chunk by chunk.

Every value is made up (valid checksums where an id has one). Run:

    PYTHONPATH=src python benchmarks/results/restore_s72/probe_restore_s72.py [--show]

Outcomes per case: ``exact`` (the expected text), ``left`` (the answer unchanged: the
replacement stays), ``wrong`` (anything else: a partial or wrong restoration). Cases marked
"by design" expect the replacement to stay (a value inside a URL to a host nobody allowed).
``foreign`` counts originals of another session or request that reached an answer: must be 0.
Streamed tool arguments (``tool_json*``) go through ``StreamRestorer.for_json()`` where the
restorer has it (s72 on); the gateway's argument pipes must call it too (gateway/privacy.py).
Pseudonyms are drawn under a fresh tenant key each run, so the accent cases vary in number.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from veil.config import Policy, Settings
from veil.detect.entity import Detection
from veil.mask import Masker, Restorer
from veil.vault import open_vault

OPS = ("placeholder", "pseudonym", "synthetic")
T = "acme"
KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="  # made up and fixed: stable pseudonyms

# (prompt, [(type, value)]): values at their first occurrence
PROMPTS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Please draft a reply to Kathleen Brennan (kathleen.brennan@northwind-mail.com, phone "
     "+1 415-555-0142) about her card 4111 1111 1111 1111 charged on 2024-03-05. Her SSN is "
     "536-22-8726 and her IBAN DE89 3704 0044 0532 0130 00.",
     [("PERSON", "Kathleen Brennan"), ("EMAIL", "kathleen.brennan@northwind-mail.com"),
      ("PHONE", "+1 415-555-0142"), ("CREDIT_CARD", "4111 1111 1111 1111"),
      ("DATE_TIME", "2024-03-05"), ("US_SSN", "536-22-8726"),
      ("IBAN", "DE89 3704 0044 0532 0130 00")]),
    ("Schreib bitte eine Mahnung an Jürgen Obermaier, wohnhaft in der Lindenstraße 12, "
     "Telefon +49 30 901820, Geburtsdatum 14.06.1978.",
     [("PERSON", "Jürgen Obermaier"), ("LOCATION", "Lindenstraße 12"),
      ("PHONE", "+49 30 901820"), ("DATE_OF_BIRTH", "14.06.1978")]),
    ("Rédige un courriel pour Mme Sophie Marchand au sujet du contrat signé le 12/09/2023 ; "
     "son adresse est 8 rue des Lilas\nAppartement 3.",
     [("PERSON", "Sophie Marchand"), ("DATE_TIME", "12/09/2023"),
      ("LOCATION", "8 rue des Lilas\nAppartement 3")]),
    ("Ticket from Oliver Grant: server 10.20.30.40 rejects the key for oliver.grant@contoso.io; "
     "call him on (212) 555-0187.",
     [("PERSON", "Oliver Grant"), ("IP_ADDRESS", "10.20.30.40"),
      ("EMAIL", "oliver.grant@contoso.io"), ("PHONE", "(212) 555-0187")]),
]
# a second session of the same tenant: none of its originals may reach session "s" answers
OTHER = ("Forward the note to Marcus Holloway at marcus.h@fabrikam.net.",
         [("PERSON", "Marcus Holloway"), ("EMAIL", "marcus.h@fabrikam.net")])

WRAP = "Sure. Here is the update: {x}. Let me know if anything else is needed."


@dataclass
class Case:
    form: str
    answer: str
    expected: tuple[str, ...]  # any of them counts as exact
    design: bool = False  # the expected outcome is "left" on purpose
    tool: bool = False  # a tool call's JSON arguments (answer is the raw JSON)


Form = Callable[[str, str, str], "tuple[str, str | tuple[str, ...]] | None"]


def _name_parts(s: str) -> tuple[str, str] | None:
    w = s.split()
    return (w[0], w[-1]) if len(w) == 2 else None


def _digits(s: str) -> str:
    return "".join(c for c in s if c.isdigit())


def _phone_forms(rep: str, orig: str) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    rd, od = _digits(rep), _digits(orig)
    if len(rd) != len(od):
        return out
    if rep.startswith("+") and orig.startswith("+") and rep.split()[0] == orig.split()[0]:
        cc = rep.split()[0]
        rn, on = rd[len(cc) - 1:], od[len(cc) - 1:]
        if len(rn) == 10:
            out["phone_national_dashes"] = (f"{rn[:3]}-{rn[3:6]}-{rn[6:]}",
                                            f"{on[:3]}-{on[3:6]}-{on[6:]}")
            out["phone_national_parens"] = (f"({rn[:3]}) {rn[3:6]}-{rn[6:]}",
                                            f"({on[:3]}) {on[3:6]}-{on[6:]}")
            out["phone_dotted"] = (f"{rn[:3]}.{rn[3:6]}.{rn[6:]}", f"{on[:3]}.{on[3:6]}.{on[6:]}")
        out["phone_e164"] = (cc + rn, cc + on)
        out["phone_respaced"] = (cc + " " + " ".join(rn[i:i + 3] for i in range(0, len(rn), 3)),
                                 cc + " " + " ".join(on[i:i + 3] for i in range(0, len(on), 3)))
    elif len(rd) == 10:
        out["phone_dashes"] = (f"{rd[:3]}-{rd[3:6]}-{rd[6:]}", f"{od[:3]}-{od[3:6]}-{od[6:]}")
        out["phone_intl"] = (f"+1 {rd[:3]} {rd[3:6]} {rd[6:]}", f"+1 {od[:3]} {od[3:6]} {od[6:]}")
    return out


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


def _parse_date(s: str) -> tuple[int, int, int, str] | None:
    import re
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s):
        return int(m[1]), int(m[2]), int(m[3]), "iso"
    if m := re.fullmatch(r"(\d{2})\.(\d{2})\.(\d{4})", s):
        return int(m[3]), int(m[2]), int(m[1]), "de"
    if m := re.fullmatch(r"(\d{2})/(\d{2})/(\d{4})", s):
        return int(m[3]), int(m[2]), int(m[1]), "dmy"
    return None


def _date_forms(rep: str, orig: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    r, o = _parse_date(rep), _parse_date(orig)
    if r is None or o is None:
        return {}
    import datetime as dt

    def long(y: int, m: int, d: int) -> str:
        return f"{_MONTHS[m - 1]} {d}, {y}"

    def wd(y: int, m: int, d: int) -> str:
        return dt.date(y, m, d).strftime("%A") + ", " + long(y, m, d)

    return {
        "date_long_us": (long(*r[:3]), (long(*o[:3]), orig)),
        "date_day_month": (f"{r[2]} {_MONTHS[r[1] - 1]} {r[0]}",
                           (f"{o[2]} {_MONTHS[o[1] - 1]} {o[0]}", orig)),
        "date_weekday": (wd(*r[:3]), (wd(*o[:3]),)),
        "date_iso": (f"{r[0]:04d}-{r[1]:02d}-{r[2]:02d}", (f"{o[0]:04d}-{o[1]:02d}-{o[2]:02d}",
                                                           orig)),
    }


def literal_cases(etype: str, rep: str, orig: str) -> list[Case]:
    """Forms of a pseudonym or synthetic value."""
    f: dict[str, tuple[str, str | tuple[str, ...]]] = {
        "exact": (rep, orig),
        "possessive": (rep + "'s", orig + "'s"),
        "upper": (rep.upper(), (orig, orig.upper())),
        "lower": (rep.lower(), orig),
        "bold": (f"**{rep}**", f"**{orig}**"),
        "code": (f"`{rep}`", f"`{orig}`"),
        "quoted": (f'"{rep}"', f'"{orig}"'),
    }
    if etype == "PERSON" and (rp := _name_parts(rep)) and (op := _name_parts(orig)):
        (rf, rl), (of, ol) = rp, op
        f |= {
            "first_alone": (f"Dear {rf},", f"Dear {of},"),
            "surname_alone": (f"{rl} confirmed", f"{ol} confirmed"),
            "title_surname": (f"Dr. {rl}", f"Dr. {ol}"),
            "surname_upper": (rl.upper(), ol.upper()),
            "reversed": (f"{rl}, {rf}", f"{ol}, {of}"),
            "initial_surname": (f"{rf[0]}. {rl}", f"{of[0]}. {ol}"),
            "first_initial": (f"{rf} {rl[0]}.", f"{of} {ol[0]}."),
            "first_possessive": (f"{rf}'s", f"{of}'s"),
            "de_genitive_full": (f"{rep}s Akte", f"{orig}s Akte"),
            "de_genitive_surname": (f"Frau {rl}s Akte", f"Frau {ol}s Akte"),
            "de_herrn": (f"Herrn {rl}", f"Herrn {ol}"),
            "fr_title": (f"Mme {rl}", f"Mme {ol}"),
            "fr_chez": (f"chez {rf} {rl}", f"chez {of} {ol}"),
        }
    # a model that drops the accents of a pseudonym ("Noël" -> "Noel", "Gieß" -> "Giess");
    # the pseudonyms are drawn per tenant key, so which values have accents varies by run
    import unicodedata
    if not rep.isascii():
        bare = "".join(c for c in unicodedata.normalize("NFKD", rep)
                       if not unicodedata.combining(c)).replace("ß", "ss")
        if bare.isascii():
            f["ascii_folded"] = (bare, orig)
            if etype == "PERSON" and (bp := _name_parts(bare)) and (op := _name_parts(orig)):
                f["ascii_surname"] = (f"Dr. {bp[1]}", f"Dr. {op[1]}")
                f["ascii_initial"] = (f"{bp[0][0]}. {bp[1]}", f"{op[0][0]}. {op[1]}")
    if etype == "PHONE":  # the number as the caller wrote it counts too
        f |= {k: (a, (e, orig)) for k, (a, e) in _phone_forms(rep, orig).items()}
    if etype == "CREDIT_CARD":
        f |= {"card_dashes": (rep.replace(" ", "-"), (orig.replace(" ", "-"), orig)),
              "card_nospace": (rep.replace(" ", ""), (orig.replace(" ", ""), orig)),
              "card_masked": ("**** **** **** " + _digits(rep)[-4:],
                              "**** **** **** " + _digits(orig)[-4:]),
              "card_ending": ("the card ending in " + _digits(rep)[-4:],
                              "the card ending in " + _digits(orig)[-4:])}
    if etype == "US_SSN":
        f |= {"ssn_nodash": (rep.replace("-", ""), (orig.replace("-", ""), orig)),
              "ssn_masked": ("***-**-" + rep[-4:], "***-**-" + orig[-4:])}
    if etype == "IBAN":
        f |= {"iban_compact": (rep.replace(" ", ""), (orig.replace(" ", ""), orig))}
    if etype in ("DATE_TIME", "DATE_OF_BIRTH"):
        f |= _date_forms(rep, orig)
    out = []
    for form, (alt, exp) in f.items():
        exps = (exp,) if isinstance(exp, str) else exp
        out.append(Case(form, WRAP.format(x=alt), tuple(WRAP.format(x=e) for e in exps)))
    return out + common_cases(rep, orig)


def placeholder_cases(etype: str, rep: str, orig: str) -> list[Case]:
    t, n = rep[1:-1].rsplit("_", 1)
    tt = t.replace("_", " ").title()
    f = {
        "exact": (rep, orig),
        "possessive": (rep + "'s", orig + "'s"),
        "possessive_inside": (f"[{t}_{n}'s]", orig + "'s"),
        "lower": (rep.lower(), orig),
        "bare": (f"{t}_{n}", orig),
        "title_space": (f"[{tt} {n}]", orig),
        "curly": (f"{{{t}_{n}}}", orig),
        "angle": (f"<{t}_{n}>", orig),
        "plural": (rep + "s", orig + "s"),
        "bold": (f"**{rep}**", f"**{orig}**"),
        "code": (f"`{rep}`", f"`{orig}`"),
        "double_bracket": (f"[{rep}]", f"[{orig}]"),
        "md_escaped": (f"\\[{t.replace('_', chr(92) + '_')}\\_{n}\\]", orig),
        "paren_around": (f"({rep})", f"({orig})"),
        "html_escaped": (f"&lt;{t}_{n}&gt;", f"&lt;{orig}&gt;"),
        "fullwidth": (f"【{t}_{n}】", f"【{orig}】"),
        "hash": (f"[{tt} #{n}]", orig),
    }
    out = [Case(k, WRAP.format(x=a), (WRAP.format(x=e),)) for k, (a, e) in f.items()]
    return out + common_cases(rep, orig)


def common_cases(rep: str, orig: str) -> list[Case]:
    out = [
        Case("code_block", f"Use this:\n```python\nsend(to={rep!r})\n```\nDone.",
             (f"Use this:\n```python\nsend(to={rep!r})\n```\nDone.".replace(rep, orig),)),
        Case("in_url", f"Open https://crm.evil.example/find?q={rep} now.",
             (f"Open https://crm.evil.example/find?q={rep} now.",), design=True),
        Case("repeated", " ".join([f"{rep} (#{i})" for i in range(60)]),
             (" ".join([f"{orig} (#{i})" for i in range(60)]),)),
        Case("tool_json", json.dumps({"recipient": rep, "note": f"re: {rep}"}),
             (json.dumps({"recipient": orig, "note": f"re: {orig}"}, ensure_ascii=False),),
             tool=True),
        Case("tool_json_utf8", json.dumps({"recipient": rep, "note": f"re: {rep}"},
                                          ensure_ascii=False),
             (json.dumps({"recipient": orig, "note": f"re: {orig}"}, ensure_ascii=False),),
             tool=True),
    ]
    if "@" in orig:
        out.append(Case("mailto_link", f"Write to [{rep}](mailto:{rep}).",
                        (f"Write to [{orig}](mailto:{orig}).",)))
    return out


def classify(out: str, case: Case) -> str:
    if out in case.expected:
        return "exact"
    if out == case.answer or case.tool and out == norm_tool(case.answer):
        return "left"
    return "wrong"


def tool_whole(r: Restorer, sess: str, scope: frozenset[str], raw: str) -> str:
    """What the gateway does with whole tool-call arguments: restore leaf by leaf."""
    data = json.loads(raw)

    def walk(x: object) -> object:
        if isinstance(x, str):
            return r.restore(x, tenant=T, session=sess, scope=scope, value=True)
        if isinstance(x, dict):
            return {k: walk(v) for k, v in x.items()}
        if isinstance(x, list):
            return [walk(v) for v in x]
        return x

    return json.dumps(walk(data), ensure_ascii=False)


def streamed(r: Restorer, sess: str, scope: frozenset[str], text: str,
             chunks: list[str]) -> str:
    s = r.stream(tenant=T, session=sess, scope=scope)
    return "".join(s.feed(c) for c in chunks) + s.flush()


def chunkings(text: str, rng: random.Random) -> list[list[str]]:
    out = [list(text)]  # char by char
    if len(text) <= 400:  # split in two at every position
        out += [[text[:i], text[i:]] for i in range(1, len(text))]
    for _ in range(3):
        cs, i = [], 0
        while i < len(text):
            k = rng.randint(1, 9)
            cs.append(text[i:i + k])
            i += k
        out.append(cs)
    return out


def norm_tool(out: str) -> str:
    """A streamed tool argument as the client parses it (invalid JSON stays as text)."""
    try:
        return json.dumps(json.loads(out), ensure_ascii=False)
    except ValueError:
        return out


def run(show: bool) -> None:
    rng = random.Random(72)
    tally: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    bad: dict[tuple[str, str], list[str]] = defaultdict(list)
    foreign = Counter[str]()
    max_held = Counter[str]()
    with tempfile.TemporaryDirectory() as home:
        vault = open_vault(Settings(home=Path(home), master_key=KEY))
        for op in OPS:
            masker, r = Masker(vault, Policy(default_operator=op)), Restorer(vault)
            sess = f"s-{op}"
            o_text, o_items = OTHER
            other = masker.mask(o_text, _detect(o_text, o_items), tenant=T, session=f"o-{op}")
            # a first request of the same session: its values are out of the later scopes
            first = masker.mask(o_text, _detect(o_text, o_items), tenant=T, session=sess)
            others = [v for _, v in o_items]
            for prompt, items in PROMPTS:
                res = masker.mask(prompt, _detect(prompt, items), tenant=T, session=sess)
                scope = frozenset(e.replacement for e in res.entities)
                for ent, (etype, orig) in zip(res.entities, items, strict=True):
                    rep = ent.replacement
                    make = placeholder_cases if op == "placeholder" else literal_cases
                    for case in make(etype, rep, orig):
                        whole = (tool_whole(r, sess, scope, case.answer) if case.tool
                                 else r.restore(case.answer, tenant=T, session=sess, scope=scope))
                        got = classify(whole, case)
                        tally[(op, "whole")][got] += 1
                        if got != "exact":
                            bad[(op, "whole")].append(f"{etype}/{case.form}: {got}"
                                                      + (f"\n      {whole!r}" if show else ""))
                        worst = "exact"
                        for cs in chunkings(case.answer, rng):
                            s = r.stream(tenant=T, session=sess, scope=scope)
                            if case.tool and hasattr(s, "for_json"):
                                s = s.for_json()  # raw tool-call arguments (JSON fragments)
                            parts = []
                            for c in cs:
                                parts.append(s.feed(c))
                                max_held[op] = max(max_held[op], s.held)
                            out = "".join(parts) + s.flush()
                            if case.tool:
                                out = norm_tool(out)
                            g = classify(out, case)
                            if g == "wrong" or (g == "left" and worst == "exact"):
                                worst = g
                                shown = out
                        tally[(op, "stream")][worst] += 1
                        if worst != "exact":
                            bad[(op, "stream")].append(f"{etype}/{case.form}: {worst}"
                                                       + (f"\n      {shown!r}" if show else ""))
                # cross-session and cross-request: replacements of another session or of an
                # earlier request of this session, in every spelling, must not restore here
                for ent in [*other.entities, *first.entities]:
                    for alt in _spellings(ent.replacement):
                        text = WRAP.format(x=alt)
                        outs = [r.restore(text, tenant=T, session=sess, scope=scope),
                                streamed(r, sess, scope, text, list(text))]
                        for out in outs:
                            if any(v in out or v.split()[0] in out for v in others):
                                foreign[op] += 1
    print("operator    mode    exact  left  wrong")
    for (op, mode), c in sorted(tally.items()):
        print(f"{op:<11} {mode:<7} {c['exact']:>5} {c['left']:>5} {c['wrong']:>6}")
    print("foreign originals restored:", dict(foreign) or 0)
    print("max held back (chars):", dict(max_held))
    for key in sorted(bad):
        print(f"\n-- not exact: {key[0]} {key[1]} ({len(bad[key])})")
        for line in bad[key]:
            print("   ", line)


def _spellings(rep: str) -> list[str]:
    out = [rep, rep.upper(), rep.lower()]
    if rep.startswith("[") and rep.endswith("]"):
        out += [rep[1:-1], f"({rep[1:-1]})"]
    if (p := _name_parts(rep)) is not None:
        out += list(p) + [f"{p[0][0]}. {p[1]}"]
    return out


def _detect(text: str, items: list[tuple[str, str]]) -> list[Detection]:
    out, pos = [], 0
    for etype, value in items:
        start = text.index(value, pos)
        out.append(Detection(etype, start, start + len(value), 0.9, "probe", value))
        pos = start + len(value)
    return out


if __name__ == "__main__":
    run("--show" in sys.argv)
