"""The CI gate on proposals: verdicts (core), repository configuration, and report formats."""

from llm_adapt.gate.batch import check_paths
from llm_adapt.gate.core import (
    DEFAULT_TOLERANCE,
    RULES,
    Finding,
    GateOptions,
    GateReport,
    Status,
    Verdict,
    judge,
)

__all__ = [
    "DEFAULT_TOLERANCE",
    "RULES",
    "Finding",
    "GateOptions",
    "GateReport",
    "Status",
    "Verdict",
    "check_paths",
    "judge",
]
