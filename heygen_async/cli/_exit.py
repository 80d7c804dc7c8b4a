"""Exit codes of ``heygen-async`` and which error maps to which.

====  =====================================================================
code  meaning
====  =====================================================================
0     success
2     user error: bad arguments or input file, missing API key, invalid
      request (nothing was sent), a video not finished yet, a local file
      that cannot be read or written
3     API error: HeyGen refused or failed (HTTP error, connection, a failed
      render), or a bulk run in which some job failed or stayed unsettled
4     timeout: a wait passed its deadline (the video lives on at HeyGen)
130   interrupted (Ctrl-C); a bulk run's journal stays intact
====  =====================================================================
"""

from __future__ import annotations

from .. import ConfigurationError, InvalidRequestError, WaitTimeoutError

OK = 0
USER_ERROR = 2
API_ERROR = 3
TIMEOUT = 4
INTERRUPTED = 130


class UsageError(Exception):
    """Bad command-line input found by the CLI itself (a missing column, a bad flag value)."""


def exit_code_for(error: BaseException) -> int:
    """The exit code for an error that ended a command."""
    if isinstance(error, KeyboardInterrupt):
        return INTERRUPTED
    if isinstance(error, WaitTimeoutError):
        return TIMEOUT  # before OSError: it is also a TimeoutError
    if isinstance(error, (UsageError, InvalidRequestError, ConfigurationError)):
        return USER_ERROR
    if isinstance(error, OSError):
        return USER_ERROR  # a local file that cannot be read or written
    return API_ERROR


__all__ = [
    "API_ERROR",
    "INTERRUPTED",
    "OK",
    "TIMEOUT",
    "USER_ERROR",
    "UsageError",
    "exit_code_for",
]
