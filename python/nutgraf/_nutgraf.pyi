"""Type stubs of the extension module (re-exported by ``nutgraf``)."""

from typing import Any, Iterable, Literal, Optional, TypedDict, Union

from ._errors import NutgrafError

Html = Union[bytes, bytearray, str]
Format = Literal["text", "markdown", "html"]
Focus = Literal["balanced", "precision", "recall"]

class PageDict(TypedDict, total=False):
    """A page with what the transport said about it (``html`` is required)."""

    html: Html
    url: Optional[str]
    charset: Optional[str]
    crawl_date: Optional[str]

#: The names of the keyword options (``Extractor(**options)``, ``extract(**limits)``).
OPTIONS: list[str]

class Article:
    """An extracted page; ``to_dict()`` is the CLI's JSON record for it (less ``source``)."""

    @property
    def text(self) -> str: ...
    @property
    def title(self) -> Optional[str]: ...
    @property
    def authors(self) -> list[str]: ...
    @property
    def published(self) -> Optional[str]: ...
    @property
    def modified(self) -> Optional[str]: ...
    @property
    def site_name(self) -> Optional[str]: ...
    @property
    def language(self) -> Optional[str]: ...
    @property
    def description(self) -> Optional[str]: ...
    @property
    def url(self) -> Optional[str]: ...
    @property
    def image(self) -> Optional[str]: ...
    @property
    def tags(self) -> list[str]: ...
    @property
    def page_type(self) -> Optional[str]: ...
    @property
    def encoding(self) -> str: ...
    @property
    def truncated(self) -> bool: ...
    @property
    def comments(self) -> Optional[list[dict[str, Optional[str]]]]:
        """Reader comments (author, published, text); None unless ``comments=True``."""
    @property
    def markdown(self) -> Optional[str]:
        """The body as Markdown when ``format="markdown"``."""
    @property
    def html(self) -> Optional[str]:
        """The body as HTML when ``format="html"``."""
    @property
    def blocks(self) -> Optional[list[dict[str, Any]]]:
        """Every text block (text, score, kept); None unless ``block_scores=True``."""
    def is_empty(self) -> bool:
        """True when no main content was found."""
    def to_json(self) -> str:
        """The CLI's JSON record as a string."""
    def to_dict(self) -> dict[str, Any]:
        """The CLI's JSON record as a dict: the same keys and values."""

class Extractor:
    """Options built once; thread-safe. Options: ``url``, ``focus``, ``charset``,
    ``comments``, ``crawl_date``, ``block_scores``, ``max_bytes``, ``max_depth``,
    ``max_nodes``, ``max_attributes``, ``max_memory``, ``max_time`` (seconds or None)."""

    def __init__(
        self,
        *,
        format: Format = "text",
        url: Optional[str] = None,
        focus: Focus = "balanced",
        charset: Optional[str] = None,
        comments: bool = False,
        crawl_date: Optional[str] = None,
        block_scores: bool = False,
        max_bytes: int = ...,
        max_depth: int = ...,
        max_nodes: int = ...,
        max_attributes: int = ...,
        max_memory: int = ...,
        max_time: Optional[float] = ...,
    ) -> None: ...
    def extract(self, html: Html, url: Optional[str] = None, *, charset: Optional[str] = None,
                crawl_date: Optional[str] = None) -> Article:
        """Extracts one page; ``url``, ``charset`` (the transport's) and ``crawl_date`` override
        the extractor's. Raises a ``NutgrafError`` subclass for a page over a limit."""
    def extract_many(
        self,
        pages: Iterable[Union[Html, tuple[Html, Optional[str]], PageDict]],
        jobs: Optional[int] = None,
        *,
        raise_errors: bool = False,
    ) -> list[Union[Article, NutgrafError]]:
        """Extracts pages in parallel, results in input order; a failed page is its exception
        object in the list (raised instead with ``raise_errors=True``)."""

def extract(
    html: Html,
    url: Optional[str] = None,
    *,
    format: Format = "text",
    focus: Focus = "balanced",
    charset: Optional[str] = None,
    comments: bool = False,
    crawl_date: Optional[str] = None,
    block_scores: bool = False,
    max_bytes: int = ...,
    max_depth: int = ...,
    max_nodes: int = ...,
    max_attributes: int = ...,
    max_memory: int = ...,
    max_time: Optional[float] = ...,
) -> Article:
    """Extracts one page (``bytes`` are decoded by nutgraf's own detection)."""
