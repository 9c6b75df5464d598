"""llm-adapt: advice on prompting, RAG, fine-tuning or a hybrid, traced to its sources."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("llm-adapt")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
