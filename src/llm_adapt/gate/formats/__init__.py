"""Gate report renderers: one module per format, all reading the same GateReport."""

from llm_adapt.gate.formats.interface import CheckFormat, CheckRenderOptions, check_renderer_for

__all__ = ["CheckFormat", "CheckRenderOptions", "check_renderer_for"]
