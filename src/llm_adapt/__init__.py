"""llm-adapt: advice on prompting, RAG, fine-tuning or a hybrid, traced to its sources."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def package_version() -> str:
    """The installed version; looked up on demand, since importlib.metadata is slow to load."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("llm-adapt")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return package_version()
    raise AttributeError(name)
