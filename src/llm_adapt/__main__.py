"""Allow `python -m llm_adapt`."""

from llm_adapt.cli import main

main()
