"""llm-adapt: advice on prompting, RAG, fine-tuning or a hybrid, traced to its sources.

The public API (see `llm_adapt.api`), imported on first use so that `import llm_adapt` and
`llm-adapt --version` stay fast:

    import llm_adapt
    advice = llm_adapt.assess("examples/clinic-discharge.yaml")
    print(advice.recommendation, advice.confidence)
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

_API = ("assess", "check", "load_rulebase", "read_project", "assess_paths", "check_paths",
        "Assessment", "Verdict", "GateOptions", "GateReport", "BatchResult")
_ERRORS = ("LlmAdaptError", "UserError", "InputError", "RuleBaseError")

__all__ = [*_API, *_ERRORS, "package_version"]


@lru_cache(maxsize=1)
def package_version() -> str:
    """The installed version; looked up on demand, since importlib.metadata is slow to load."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("llm-adapt")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        return package_version()
    if name in _API:
        from llm_adapt import api

        return getattr(api, name)
    if name in _ERRORS:
        from llm_adapt import errors

        return getattr(errors, name)
    raise AttributeError(name)
