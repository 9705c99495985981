"""Hold the loaded exhibition that pages are served from."""

from __future__ import annotations

from pathlib import Path

from .loader import Loaded, load


class ContentStore:
    """The current snapshot of a content folder."""

    def __init__(self, root: Path | str, *, drafts: bool = False):
        self.root = Path(root).resolve()
        self.drafts = drafts
        self.loaded: Loaded = load(self.root, drafts=drafts)

    @property
    def exhibition(self):
        """Return the exhibition as it stands now."""
        return self.loaded.exhibition

    @property
    def problems(self):
        """Return the problems found in the content."""
        return self.loaded.problems
