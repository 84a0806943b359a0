"""Evaluation text with PII labels, a public corpus, and the PII token set (all offline, seeded).

* Held-out text and the attacker's public corpus are sentences from presidio-evaluator's
  ``PresidioSentenceFaker`` (realistic templates filled with Faker values, with entity spans),
  drawn with different seeds. A token is a PII token of the held-out text when it overlaps an
  entity span.
* :func:`pii_token_set` tokenizes Faker values (names, phone numbers, addresses, e-mails, card
  numbers, dates) with the model's tokenizer: the vocabulary entries that carry personal data,
  used by PII-aware noise.
"""

from __future__ import annotations

import contextlib
import functools
import io
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from transformers import PreTrainedTokenizerBase


@dataclass
class LabelledText:
    ids: list[np.ndarray]  # one int64 array per sentence
    pii: list[np.ndarray]  # bool mask per sentence


@functools.lru_cache(maxsize=1)
def _person_records() -> Any:
    from presidio_evaluator.data_generator.faker_extensions.datasets import load_fake_person_df

    return load_fake_person_df()  # 3000 fake people; slow to build, so built once per process


def fake_sentences(n: int, *, seed: int) -> list[tuple[str, list[tuple[int, int]]]]:
    from presidio_evaluator.data_generator import PresidioSentenceFaker
    from presidio_evaluator.data_generator import presidio_sentence_faker as psf
    from presidio_evaluator.data_generator.faker_extensions.providers import HospitalProvider

    for name in ("presidio-evaluator", "presidio_evaluator"):  # it logs sampled values at INFO
        logging.getLogger(name).setLevel(logging.WARNING)
    # The hospital provider queries WikiData on construction (a 10 s+ timeout offline): leave it
    # and the templates that need it out.
    providers = [p for p in psf.presidio_additional_entity_providers if p is not HospitalProvider]
    templates = [t.strip() for t in psf.presidio_templates_file_path.read_text().splitlines()
                 if t.strip() and "hospital" not in t.lower()]
    with contextlib.redirect_stdout(io.StringIO()):  # chatty prints ("Using default ...")
        faker = PresidioSentenceFaker("en_US", lower_case_ratio=0.0, random_seed=seed,
                                      sentence_templates=templates, entity_providers=providers,
                                      base_records=_person_records())
        samples = faker.generate_new_fake_sentences(n)
    out = []
    for s in samples:
        out.append((s.full_text, [(sp.start_position, sp.end_position) for sp in s.spans]))
    return out


def labelled_text(tokenizer: PreTrainedTokenizerBase, n: int, *, seed: int) -> LabelledText:
    ids, pii = [], []
    for text, spans in fake_sentences(n, seed=seed):
        enc = tokenizer(text, return_offsets_mapping=True, add_special_tokens=False)
        mask = np.array([any(a < e and s < b for s, e in spans) for a, b in enc["offset_mapping"]],
                        dtype=bool)
        ids.append(np.asarray(enc["input_ids"], dtype=np.int64))
        pii.append(mask)
    return LabelledText(ids=ids, pii=pii)


def pii_token_set(tokenizer: PreTrainedTokenizerBase, *, n: int = 400, seed: int = 0) -> np.ndarray:
    from faker import Faker

    fake = Faker("en_US")
    Faker.seed(seed)
    values: list[str] = []
    for _ in range(n):
        values += [fake.first_name(), fake.last_name(), fake.name(), fake.phone_number(),
                   fake.street_address(), fake.city(), fake.email(), fake.credit_card_number(),
                   fake.ssn(), fake.date(), fake.iban()]
    ids: set[int] = set()
    for v in values:
        for text in (v, " " + v):  # BPE tokens differ at the start of a word
            for t in tokenizer(text, add_special_tokens=False)["input_ids"]:
                piece = tokenizer.decode([t])
                if any(ch.isalnum() for ch in piece):
                    ids.add(int(t))
    return np.array(sorted(ids), dtype=np.int64)
