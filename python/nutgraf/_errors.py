"""The exceptions nutgraf raises: one base class and one subclass per library error."""

from __future__ import annotations


class NutgrafError(Exception):
    """Base class of every error nutgraf raises for a page or an option."""


class InputTooLargeError(NutgrafError):
    """The page is larger than ``max_bytes``; ``size`` and ``limit`` are in bytes."""

    def __init__(self, message: str, size: int, limit: int) -> None:
        super().__init__(message)
        self.size = size
        self.limit = limit


class ExtractionTimeoutError(NutgrafError, TimeoutError):
    """The extraction took longer than ``max_time`` (``limit``, in seconds) and was stopped."""

    def __init__(self, message: str, limit: float) -> None:
        super().__init__(message)
        self.limit = limit


class InvalidOptionError(NutgrafError, ValueError):
    """An option has a value that cannot be used (also a ``ValueError``)."""
