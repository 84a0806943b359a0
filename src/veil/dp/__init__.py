"""Text differential privacy: mechanisms, token-level sanitizers, privacy accounting.

Quick use::

    from veil.dp import get_sanitizer, perturb_free_text
    san = get_sanitizer("custext+")
    result = san.sanitize("I was diagnosed with diabetes last year", epsilon=4.0)
    result.text, result.epsilon_total

See docs/dp.md for the mechanisms, their guarantees and the measured privacy/utility trade-off.
Heavy pieces (embedding spaces, the extraction model) load lazily on first use.
"""

from veil.dp.accountant import (
    BudgetStatus,
    BudgetStore,
    PrivacyAccountant,
    PrivacySpent,
    RedisBudgetStore,
    SQLiteBudgetStore,
    advanced_composition,
    basic_composition,
    open_budget_store,
)
from veil.dp.embeddings import EmbeddingSpace, load_space
from veil.dp.mechanisms import (
    analytic_gaussian_sigma,
    classic_gaussian_sigma,
    exponential,
    exponential_probabilities,
    gaussian,
    laplace,
    make_rng,
)
from veil.dp.policy import SelectiveSanitizer
from veil.dp.sanitizers import (
    SANITIZERS,
    CusText,
    CusTextPlus,
    DPResult,
    RanText,
    Sanitizer,
    SanText,
    SanTextPlus,
    get_sanitizer,
    perturb_free_text,
)

__all__ = [
    "BudgetStatus",
    "BudgetStore",
    "CusText",
    "CusTextPlus",
    "DPResult",
    "EmbeddingSpace",
    "PrivacyAccountant",
    "PrivacySpent",
    "RanText",
    "RedisBudgetStore",
    "SANITIZERS",
    "SQLiteBudgetStore",
    "SanText",
    "SanTextPlus",
    "Sanitizer",
    "SelectiveSanitizer",
    "advanced_composition",
    "analytic_gaussian_sigma",
    "basic_composition",
    "classic_gaussian_sigma",
    "exponential",
    "exponential_probabilities",
    "gaussian",
    "get_sanitizer",
    "laplace",
    "load_space",
    "make_rng",
    "open_budget_store",
    "perturb_free_text",
]
