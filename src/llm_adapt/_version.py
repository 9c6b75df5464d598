"""The version, as a plain string: hatch reads it for the build, `--version` prints it
without importing anything else."""

__version__ = "0.1.0"
