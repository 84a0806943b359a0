"""The request's ``model``: the one caller string that goes upstream exactly as sent.

Every other string of a body can be masked and still mean something to the upstream; a model
id cannot: masked, it names no model (the upstream answers 404 and quotes the id it got). So
instead of being masked, a model id either passes verbatim or the request is refused (400,
code ``model_not_allowed``, ``param: model``) before anything goes up:

* With a configured list (``upstream.models`` in the gateway config: the ids the upstream
  serves), an id on the list passes unread and any other is refused. This is the exact rule;
  use it where the model ids are known (they are, for a deployed gateway).
* Without one, an id must be shaped like one (:data:`~veil.gateway.fields.MODEL`: letters,
  digits and ``_ . : / + -``, at most 256 characters, a letter in it: no spaces; ``@`` only
  before a Vertex version, :data:`_AT_VERSION`), its vendors' words must not spell a person
  (:func:`_spells_a_person`), and the detector must find nothing in it. Vendors' ids read
  as words come out as names, organizations and phone numbers (``meta llama Meta Llama
  Instruct`` is a person to spaCy, the date of ``claude-opus-4-1-20250805`` a phone
  number), so the id is read twice
  (:func:`model_readings`), with the detector's ``detect`` (nothing is stored in the
  session): its *residue* -- the words left after its digits, its short pieces (``4o``,
  ``8B``, ``v0``, three capitals) and the words of :data:`MODEL_WORDS` (vendors, families,
  sizes: ``gpt``, ``llama``, ``instruct``...) are dropped -- where anything found refuses it
  (``Quentin_Marlowe``, ``gpt-4o-maria-ortiz``, ``JohnSmith/llama-ft``); and its *letters*,
  every word kept, where a finding refuses it unless it is made of vendors' words only (a
  tenant term never is: ``ft:gpt-4o:acme:falcon`` with the term ``falcon``; a name of
  family words: ``claude-shannon``). A digit run that may be a number (nine digits or more,
  not a version and a date) is read as well (:func:`veil.gateway.fields._scan_token`), and an
  id with a piece that is base64, base32 or hex of a text (``amFuZS5kb2VAZXhhbXBsZS5jb20``,
  an e-mail address) is refused unread (:mod:`.encoded_ids`). An id that held nothing is not
  read again by the process for 5 minutes (the clean-token cache of the other protocol
  tokens), so this costs a request nothing after the first.

The error never quotes the id (it is request text).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from veil.errors import MaskingError, RequestValidationError

from .encoded_ids import encodes_text

if TYPE_CHECKING:
    from .fields import WalkContext


class ModelRefusedError(RequestValidationError, MaskingError):
    """The request's ``model`` may not go upstream (see the module docstring). A request
    error (400: the caller can fix it) and a privacy refusal (a place where nothing can be
    masked held a value, or something else than an id): the status is the first's."""

    code = "model_not_allowed"
    param = "model"


NOT_LISTED = (
    "model is not one of the models this gateway serves (upstream.models in its config); the "
    "request was not forwarded. Send a listed model id (GET /v1/models lists them)"
)
NOT_AN_ID = (
    "model must be a model id: a string of letters, digits and '_' '.' ':' '/' '+' '-', at "
    "most 256 characters, with a letter in it (and at most one '@' before a version: three "
    "digits, a release date, 'latest'); the request was not forwarded. An id of another "
    "shape can be allowed by listing it in the gateway config's upstream.models"
)
HOLDS_VALUE = (
    "model holds a value Veil detects as personal or confidential (a model id goes to the "
    "upstream as sent: masked, it would name no model), so the request was not forwarded. If "
    "the upstream serves this model, list it in the gateway config's upstream.models"
)

#: Words of vendors', families' and variants' model ids (compared in lower case). They are
#: left out of an id's residue, which is read for values; the id's letters are read whole too.
_MODEL_WORDS = """
    openai anthropic google meta facebook microsoft mistral mistralai mixtral codestral
    ministral pixtral magistral devstral voxtral qwen qwq alibaba deepseek cohere command aya
    xai grok gemini gemma palm bison gecko claude sonnet opus haiku instant gpt chatgpt davinci
    babbage curie ada whisper tts dall dalle embedding embeddings embed text omni moderation
    realtime audio transcribe search preview latest turbo mini nano pro flash lite ultra max
    plus large medium small tiny base instruct instruction chat vision coder code math
    reasoner reasoning thinking think phi smollm smol hugging face huggingface huggingfacetb
    nous research nousresearch hermes bge baai nomic intfloat sentence transformers all minilm
    mpnet multilingual jina jinaai nvidia nemotron nemo ibm granite tiiuae falcon allenai olmo
    tulu stabilityai stable stablelm eleuther eleutherai pythia bigscience bloom bigcode
    starcoder salesforce thudm glm chatglm zhipu internlm baichuan openchat teknium lmsys
    vicuna mosaicml mpt databricks dbrx snowflake arctic cerebras perplexity sonar groq together
    fireworks bedrock vertex azure ollama openrouter litellm echo bartowski thebloke the bloke
    unsloth lmstudio community moonshot moonshotai kimi minimax zai org ft default model models
    experimental exp beta alpha release distill distilled merged lora adapter quant quantized
    dpo sft orpo uncensored abliterated uncased cased multi bert roberta flan bart llama llava
    codellama tinyllama orca dolphin zephyr openhermes neural nous capybara wizardlm wizard
    wizardcoder solar upstage yi ernie baidu hunyuan tencent doubao bytedance seed step
    stepfun reka jamba ai21 inflection pi amazon nova titan writer palmyra liquid lfm
    opt gguf awq gptq exl mlx onnx int fp bf hf it sdpa vllm tgi llamacpp cpp mlc ggml
    rerank reranker retrieval query passage document clip siglip vit
    dinov image generation realtime transcribe diarize tts hd standard codex oss harmony
    sora veo imagen chirp lyria dall
"""
MODEL_WORDS: frozenset[str] = frozenset(_MODEL_WORDS.split())

#: Vendors' words that are given names (``ada``, ``claude``, ``gemma``...), and those that are
#: surnames: dropped from an id's residue like every vendor's word, they can still spell a
#: person together (``roberta-bloom``, ``nova-ada``, ``ErnieBloom``). No vendor's id puts a
#: given name right before another name word (``claude-instant``, ``nova-pro``,
#: ``roberta-base``, ``ernie-bot`` pass).
_GIVEN_NAMES = frozenset({"ada", "aya", "bart", "bert", "claude", "ernie", "gemma", "hermes",
                          "jina", "kimi", "max", "nova", "reka", "roberta"})
_NAME_WORDS = _GIVEN_NAMES | {"bloom", "falcon", "olmo", "palm", "titan", "writer"}

#: Vertex AI names a model's version after ``@`` (``claude-3-5-sonnet@20240620``,
#: ``text-bison@001``, ``code-bison@latest``): three digits, ``latest`` or ``default``, or a
#: release date from 2020 on (a date of birth after ``@`` is refused).
_AT_VERSION = re.compile(
    r"\d{3}|latest|default|20[2-9]\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")

#: Where the words of a model id meet: separators, lower-to-upper humps, letters and digits.
_PIECES = re.compile(r"[_.:/+$#@-]+|(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
#: The recognizer of a tenant's own terms: a term found in a model id refuses it even when
#: its words are vendors' words (a project called ``Falcon``).
TERMS_RECOGNIZER = "policy_terms"


class Finding(Protocol):
    """A value the detector found in a reading (:class:`veil.detect.entity.Detection` is one).
    ``text`` None: not known (a core that only masks), which counts as a value."""

    @property
    def type(self) -> str: ...

    @property
    def recognizer(self) -> str: ...

    @property
    def text(self) -> str | None: ...


@dataclass(frozen=True)
class Masked:
    """A finding of a core that only masks: its type, no text (so it always counts)."""

    type: str
    recognizer: str = ""
    text: str | None = field(default=None, repr=False)


def _short(word: str) -> bool:
    """A piece too short to be a value alone: one or two letters (``4o``, ``8B``, ``v0``), or
    three capitals (``GLM``, ``MoE``'s ``E``, a random suffix's ``DEF``)."""
    return len(word) <= 2 or (len(word) == 3 and word.isupper())


@dataclass(frozen=True)
class ModelRule:
    """How a walk checks the request's ``model``: the configured list (None: none), what the
    detector finds in a text (storing nothing), and the process's cache of ids that held
    nothing (``note_clean`` None: a walk that only collects notes nothing)."""

    models: Container[str] | None = None
    find: Callable[[str], Sequence[Finding]] | None = None
    is_clean: Callable[[str], bool] | None = None
    note_clean: Callable[[str], None] | None = None


def model_readings(model: str) -> tuple[str, str]:
    """(residue, letters) of a model id (see the module docstring); either may be empty."""
    from .fields import _words_reading

    words = [p for p in _PIECES.split(model) if p and not p.isdigit() and not _short(p)]
    if not words:  # ``m1``, ``o3``, ``4o``: nothing that could be a value (digit runs aside)
        return "", ""
    residue = " ".join(w for w in words if w.lower() not in MODEL_WORDS)
    letters = _words_reading(model).strip()  # as tool names are read (``ft gpt-4o acme x``)
    if letters == model:  # no joint between two letters (``gpt-4o-2024-08-06``)
        letters = " ".join(p for p in _PIECES.split(model) if len(p) > 1 and not p.isdigit())
    return residue, letters


def _vendors_words(found: Finding) -> bool:
    """A finding made only of vendors' words (``Meta Llama Instruct`` read as a person):
    tolerated in an id's letters. A tenant term never is."""
    if found.text is None or found.recognizer == TERMS_RECOGNIZER:
        return False
    words = [w for w in _PIECES.split(found.text.replace(" ", "-")) if w and not w.isdigit()]
    return bool(words) and all(_short(w) or w.lower() in MODEL_WORDS for w in words)


def _findings(reading: str, ctx: WalkContext, rule: ModelRule) -> Sequence[Finding]:
    """What the detector finds in ``reading`` (``rule.find``), else what reading it through
    ``ctx.name`` changes (one finding of unknown text: it refuses)."""
    if rule.find is not None:
        return rule.find(reading)
    return [] if ctx.name(reading) == reading else [Masked("?")]


def _spells_a_person(model: str) -> bool:
    """A given name among a vendor's words right before another name word (see
    :data:`_GIVEN_NAMES`): ``roberta-bloom``, ``nova-ada``."""
    pieces = [p.lower() for p in _PIECES.split(model) if p]
    # (a word repeated is an organisation before its repository: ``google-bert/bert-base``)
    return any(a in _GIVEN_NAMES and b in _NAME_WORDS and a != b
               for a, b in zip(pieces, pieces[1:], strict=False))


def check_model(value: Any, ctx: WalkContext) -> str:
    """``value`` (a request's ``model``) when it may go upstream as sent; else raises
    :class:`ModelRefusedError` (see the module docstring)."""
    from .fields import MODEL

    rule = ctx.model_rule or ModelRule()
    if rule.models is not None:
        if isinstance(value, str) and value in rule.models:
            return value
        raise ModelRefusedError(NOT_LISTED)
    if not isinstance(value, str):
        raise ModelRefusedError(NOT_AN_ID)
    base, at, version = value.rpartition("@")
    if not at:
        base = value
    elif not _AT_VERSION.fullmatch(version):
        raise ModelRefusedError(NOT_AN_ID)
    if not MODEL.fullmatch(base):  # (no second ``@``: MODEL has none)
        raise ModelRefusedError(NOT_AN_ID)
    if rule.is_clean is not None and rule.is_clean(value):
        return value
    if _spells_a_person(base) or encodes_text(base):
        raise ModelRefusedError(HOLDS_VALUE)
    _read_model(base, ctx, rule)
    if rule.note_clean is not None:
        rule.note_clean(value)
    return value


def _read_model(value: str, ctx: WalkContext, rule: ModelRule) -> None:
    """Raises :class:`ModelRefusedError` where the detector finds a value in the id ``value``
    (its readings: see the module docstring)."""
    from .fields import _scan_token

    residue, letters = model_readings(value)
    if residue and _findings(residue, ctx, rule):
        raise ModelRefusedError(HOLDS_VALUE)
    if letters and letters != residue and not all(
        _vendors_words(f) for f in _findings(letters, ctx, rule)
    ):
        raise ModelRefusedError(HOLDS_VALUE)
    # a long digit run (``ft:gpt-4o:acme:4111-1111-1111-1111``) read whole, as in any token
    if _scan_token(value, ctx, record=False) != value:
        raise ModelRefusedError(HOLDS_VALUE)


__all__ = ["HOLDS_VALUE", "MODEL_WORDS", "NOT_AN_ID", "NOT_LISTED", "TERMS_RECOGNIZER",
           "Finding", "Masked", "ModelRefusedError", "ModelRule", "check_model",
           "model_readings"]
