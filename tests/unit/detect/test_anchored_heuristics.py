"""The name heuristics' context regexes, tried only at their trigger words, at line starts or
on the lines that can hold a match (``veil.detect.ner``'s scans), find exactly what a scan of
every position finds: regex by regex and through ``heuristic_names``, on generated texts that
stress the triggers (every case, escaped and real line breaks, a text that ends with one,
letters whose lower case is longer) and on the repository's corpora."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

from veil.detect import ner, patterns
from veil.detect.patterns import Pattern, Scan, _marks, shared_matches

_SCANS = {
    "title": (ner._TITLE_SCAN, ner._TITLE_NAME),
    "greeting": (ner._GREETING_SCAN, ner._GREETING_NAME),
    "intro": (ner._INTRO_SCAN, ner._INTRO_NAME),
    "field": (ner._FIELD_SCAN, ner._FIELD_NAME),
    "more_field": (ner._MORE_FIELD_SCAN, ner._MORE_FIELD_NAME),
    "speaker": (ner._SPEAKER_SCAN, ner._SPEAKER),
    "vocative": (ner._VOCATIVE_SCAN, ner._VOCATIVE),
    "own_line": (ner._OWN_LINE_SCAN, ner._OWN_LINE),
    "dialogue": (ner._DIALOGUE_SCAN, ner._DIALOGUE_LINE),
    "human_verb": (ner._HUMAN_VERB_SCAN, ner._HUMAN_VERB),
    "nicknamed": (ner._NICKNAMED_SCAN, ner._NICKNAMED),
    "verb_after": (ner._VERB_AFTER_SCAN, ner._VERB_AFTER),
    "mid_name": (ner._MID_NAME_SCAN, ner._MID_NAME),
    "sign_off": (ner._SIGN_OFF_SCAN, ner._SIGN_OFF),
    "party_upper": (ner._PARTY_UPPER_SCAN, ner._PARTY_UPPER),
    "record_upper": (ner._RECORD_UPPER_SCAN, ner._RECORD_UPPER),
    "caption": (ner._CAPTION_SCAN, ner._CAPTION),
    "initials": (ner._INITIALS_SCAN, ner._INITIALS_NAME),
    "dash_signed": (ner._DASH_SIGNED_SCAN, ner._DASH_SIGNED),
    "estate": (ner._ESTATE_SCAN, ner._ESTATE),
    "caps_last_first": (ner._CAPS_LAST_FIRST_SCAN, ner._CAPS_LAST_FIRST),
    "roster": (ner._ROSTER_SCAN, ner._ROSTER_NAME),
    "memory": (ner._MEMORY_SCAN, ner._MEMORY_NAME),
    "by_name": (ner._BY_NAME_SCAN, ner._BY_NAME),
}

_WORDS = (
    # triggers, in every case
    "Dr.", "dr", "DR", "Mrs", "mrs.", "Prof.", "Professor", "Auntie", "Sr", "Sra", "Hi", "hi",
    "HI", "Hello", "Hey,", "Dear", "dear", "name is", "Name is", "named", "calls me", "call me",
    "name?", "says", "Said", "directed by", "Sung By", "speak to", "I am", "I'm", "i'm",
    "Regards,", "Cheers", "under", "my name", "My full name", "his last name", "'s name",
    "’s first name", "Thanks", "thank you", "This is", "to", "To", "with", "By", "cc:", "From",
    "son", "wife", "Mom", "add", "me", "at", "AT", "name:", "Name :", "full name:",
    "FULL\tNAME:", "patient:", "Customer:", "attn:", "signed:", "user :", "shouted", "smiled",
    "lives", "was born", "grew up", "apologized", "apologised", "replied", "will be talking",
    "Best,", "kind regards", "Yours truly", "Defendant", "PLAINTIFFS", "beneficiary:", "v.",
    "vs.", "V.", " v.\t", "JOHN Q. PUBLIC", "DOE, JANE", "SMITH", "DeShawn", "LaToya", "O'Brien",
    "\nThanks,\nJane Doe\n", "Kind regards,\\n\\nJohn Smith", "\nBest\n\nMary", "Cheers!\n",
    "Defendant DOE, JANE", "plaintiff SMITH", "customer JANE Q PUBLIC", "Patient ROBERT",
    "Witnesses JOHN", "Insured: JOHN Q. PUBLIC", "— ", "-- ", "-", "\n— Kwabena\n",
    "\\n-- Ravi Iyer", "\n- Jane Doe", "Estate of", "ESTATE OF",
    "estate of the late", "GARCIA, MARIA", "GARCIA,MARIA ELENA", ", JOHN", "SMITH, J.",
    "Cardholder:", "CARD HOLDER :", "payee:", "Next of kin:", "next\tof kin :", "member:",
    "unsubscriber:", "Prepared by:", "Emergency Contact: ",
    # a roster's labels, a memorial's words, a signer's verb (s78)
    "Present:", "CC :", "chair:", "Maid of honour:", "In loving memory of", "IN MEMORY OF:",
    "signed by", "Approved By", "witnessed\tby",
    # names and other capitalised words
    "Jane", "Jane Doe", "John", "Smith", "Mary-Anne", "O'Neil", "Ludwig van Beethoven",
    "J. Smith", "M. A. Rahman", "A.", "K.J.", "Élodie", "Øyvind", "Anna,", "Ben", "Note", "The",
    "Acme", "Ann, Bob and Cy",
    "Jane, Ben", "or", "&", "'Big Mac'", "“Doc”", "McAllister", "ĂĂa",
    "Marcus 'Big Mac' McAllister", "Emmett “Doc” Brown",
    # punctuation, line starts, escaped line breaks, markers
    ",", ", ", ":", ".", "!", "?", "\n", "\n\n", "\\n", "\\n\\n", "> ", "- ", "* ", "[x] ",
    "[12:00] ", "}", '"', "'", "“", "‘",
    # prose, and letters whose lower case is longer (the fold falls back to every case)
    "the", "and", "this", "tomorrow", "that", "his", "İstanbul", "ſ", "x",
)
_GAPS = (" ", " ", " ", "", "\t", "\n", "  ", ", ", ": ", "\\n")


def _texts(seed: int, n: int) -> Iterator[str]:
    rng = random.Random(seed)  # fixed seed: the same texts on every run
    for _ in range(n):
        parts: list[str] = []
        for _ in range(rng.randint(1, 25)):
            parts.append(rng.choice(_WORDS))
            parts.append(rng.choice(_GAPS))
        yield "".join(parts)


def _spans(ms: Iterator[re.Match[str]]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    return [(m.span(), m.span("v") if "v" in m.re.groupindex else m.span()) for m in ms]


def test_each_scan_equals_the_full_scan_on_generated_texts() -> None:
    texts = [*_texts(40, 3000), "Hi Jane\n", "Dear Jane Doe\\n", "\n", "x\n\n"]
    found = {name: 0 for name in _SCANS}
    for t in texts:
        for name, (scan, rx) in _SCANS.items():
            with shared_matches():
                got = _spans(scan.matches(t))
            assert got == _spans(rx.finditer(t)), (name, t)
            found[name] += bool(got)
    # the generator produces what each regex looks for, not only misses
    assert all(n >= 20 for n in found.values()), sorted(found.items())


def test_each_scan_equals_the_full_scan_on_the_corpus(scan_corpus: tuple[str, ...]) -> None:
    for t in scan_corpus:
        for name, (scan, rx) in _SCANS.items():
            assert _spans(scan.matches(t)) == _spans(rx.finditer(t)), name


def test_heuristic_names_are_unchanged_by_the_scans(full_scan: None,
                                                     scan_corpus: tuple[str, ...]) -> None:
    texts = [*scan_corpus[:80], *_texts(41, 400)]
    reference = [ner.heuristic_names(t) for t in texts]
    assert sum(map(len, reference)) > 300
    patterns.ANCHORED = True
    assert [ner.heuristic_names(t) for t in texts] == reference


_LIST_WORDS = ("Anna", "Ben", "Mary-Anne", "Carl-X", "Anna-maria", "Mc", "McAllister", "O'Neil",
               "Zoë", "Ăa", "ĂĂa", "anna", "and", "or", "&", "x", "-", "X")
_LIST_GAPS = (",", ", ", ",  ", ",\t", " ", "  ", "\t", " and ", ", and ", " or ", " & ",
              ",and ", "\n", "")


def test_name_lists_are_the_list_regex_matches() -> None:
    # a run of names read once must find what the regex tried at every position finds
    rng = random.Random(46)
    texts = ["Anna, Ben and Carl", "Anna, Ben, and Carl, Dora or Ed", "xAnna, Ben & Cy",
             "Anna, " * 50, "Anna, Ben and Carl, Dora, Ed and Fay", "Anna-maria, Ben and Cy"]
    for _ in range(4000):
        parts: list[str] = []
        for _ in range(rng.randint(1, 16)):
            parts += [rng.choice(_LIST_WORDS), rng.choice(_LIST_GAPS)]
        texts.append("".join(parts))
    found = 0
    for t in texts:
        want = [m.span() for m in ner._NAME_LIST.finditer(t)]
        assert ner._name_lists(t) == want, t
        found += bool(want)
    assert found >= 150  # the generator makes lists, not only misses


def test_name_lists_equal_the_regex_on_the_corpus(scan_corpus: tuple[str, ...]) -> None:
    for t in scan_corpus:
        assert ner._name_lists(t) == [m.span() for m in ner._NAME_LIST.finditer(t)]


def test_an_empty_mark_at_the_end_of_a_text_is_found_once() -> None:
    # a search from past the end starts at the end again: the loop must stop there
    assert _marks(re.compile(r"(?m:^)"), "a\nb\n") == [0, 2, 4]
    assert _marks(re.compile(r"(?m:^)"), "") == [0]


def test_a_line_scan_reads_only_the_lines_with_its_mark() -> None:
    scan = Scan(Pattern(r"\w+ said", 0.0, mark="said", lines=True))
    text = "Jane said\nno one\nBob said it\nsaid"
    assert [m.group() for m in scan.matches(text)] == ["Jane said", "Bob said"]
    assert _spans_plain(scan.matches(text)) == _spans_plain(scan.rx.finditer(text))


def test_a_line_start_scan_tries_line_starts_only_escaped_ones_included() -> None:
    # "Dan" matches the regex but starts no line: the declaration says it is not looked for
    scan = Scan(Pattern(r"[A-Z]\w+", 0.0, line_start=True))
    text = 'Ann ok\nBen ok\\nCid ok "Dan"'
    assert [m.group() for m in scan.matches(text)] == ["Ann", "Ben", "Cid"]


def _spans_plain(ms: Iterator[re.Match[str]]) -> list[tuple[int, int]]:
    return [m.span() for m in ms]


def _marks_one_search_each(mark: re.Pattern[str], text: str) -> list[int]:
    out, m = [], mark.search(text)
    while m is not None:
        out.append(m.start())
        m = mark.search(text, m.start() + 1) if m.start() < len(text) else None
    return out


def test_a_one_character_mark_is_found_in_one_pass_at_the_same_places() -> None:
    # letters that are both capitals and lower case to the classes ("Ă") make marks overlap
    rng = random.Random(45)
    marks = [re.compile(ner._CAPITALISED), re.compile(r"[ĂA](?=[Ăa])"), re.compile(r"\d")]
    for _ in range(2000):
        text = "".join(rng.choice(("Ă", "ă", "A", "a", "Jane", " ", "1", "É", "\n", "x"))
                       for _ in range(rng.randint(0, 20)))
        for mark in marks:
            assert patterns._find_marks(mark, text) == _marks_one_search_each(mark, text)
