"""llm-adapt: advice on prompting, RAG, fine-tuning or a hybrid, traced to its sources.

The public API (see `llm_adapt.api`), imported on first use so that `import llm_adapt` and
`llm-adapt --version` stay fast:

    import llm_adapt
    advice = llm_adapt.assess("examples/clinic-discharge.yaml")
    print(advice.recommendation, advice.confidence)
"""

from __future__ import annotations

from typing import Any

from llm_adapt._version import __version__

_API = ("assess", "check", "load_rulebase", "read_project", "assess_paths", "check_paths",
        "Assessment", "Verdict", "GateOptions", "GateReport", "BatchResult")
_ERRORS = ("LlmAdaptError", "UserError", "InputError", "RuleBaseError")

__all__ = [*_API, *_ERRORS, "__version__", "package_version"]


def package_version() -> str:
    """The version of this package (kept in `_version.py`, read by the build as well)."""
    return __version__


def __getattr__(name: str) -> Any:
    if name in _API:
        from llm_adapt import api

        return getattr(api, name)
    if name in _ERRORS:
        from llm_adapt import errors

        return getattr(errors, name)
    raise AttributeError(name)
