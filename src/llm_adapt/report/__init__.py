"""Report renderers: one module per format, all reading the same Assessment."""

from llm_adapt.report.interface import RenderOptions, ReportFormat, renderer_for

__all__ = ["RenderOptions", "ReportFormat", "renderer_for"]
