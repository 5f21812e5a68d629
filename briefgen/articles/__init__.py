"""Stage 1, articles: the files of sources/ read into Source objects, one reader per file type."""

from . import html as _html  # noqa: F401 - registers the .html/.htm reader beside the text readers
