"""Workflows built on the endpoints: waiting, generate-and-wait, bulk runs, downloads."""

from ._policy import PollPolicy

__all__ = ["PollPolicy"]
