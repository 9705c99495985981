"""Read one exhibit folder: its fields, label text and media items."""

from __future__ import annotations

import dataclasses
from pathlib import Path, PurePosixPath

from . import markup, model, questions, schemas, todo
from .fields import FileProblems, check_fields
from .media import types, waveform
from .media.probe import (
    MIN_LONG_SIDE,
    MediaProblem,
    Probe,
    check_webvtt,
    duration,
    file_version,
    probe_image,
)
from .messages import content, files, words
from .yamltext import FrontMatter, YAMLProblem, read_text, split_front_matter

MIN_LABEL_WORDS = 40
MIN_ALT_WORDS = 4


def read_markdown(
    path: Path, schema, report: FileProblems
) -> tuple[dict | None, FrontMatter | None]:
    """Read a Markdown file with front matter: (its checked fields or None, the file or None).

    A missing file, bad YAML and bad fields are reported; the file is None
    when it could not be read at all.
    """
    if not path.is_file():
        report.error(None, files.missing(path.name))
        return None, None
    try:
        front = split_front_matter(read_text(path))
    except YAMLProblem as problem:
        report.error(problem.line, problem.message)
        return None, None
    todo.scan(front.body, front.body_line, report)
    return check_fields(front.fields, schema, report, line=1), front


def load_exhibit(walker, entry, room_slug: str) -> model.Exhibit | None:
    """Return the exhibit in a folder, or None if it has an error (reported)."""
    path = entry.path / "exhibit.md"
    report = walker.report(path)
    fields, front = read_markdown(path, schemas.EXHIBIT, report)
    if front is None:
        return None
    label_html = markup.render(front.body) if front.body.strip() else ""
    if not label_html:
        report.error(front.body_line, content.EMPTY_LABEL)
    todo.scan_media(walker, entry.path, front.fields, report)
    if fields is None or report.has_errors:
        return None
    folder = MediaFolder(walker, entry.path, report)
    media = tuple(m for m in (folder.item(item) for item in fields["media"]) if m)
    if report.has_errors:
        return None
    media = folder.waveforms(media, fields["title"])
    exhibit = _build(fields, label_html, media, walker.rel(entry.path), entry.slug, room_slug)
    _warn(exhibit, fields, report)
    return exhibit


def _build(fields, label_html, media, folder, slug, room_slug) -> model.Exhibit:
    return model.Exhibit(
        slug=slug,
        room_slug=room_slug,
        folder=folder,
        title=fields["title"],
        year=fields["year"],
        creators=tuple(model.Creator(c["name"], c.get("role", "")) for c in fields["creators"]),
        ai=model.AI(**fields["ai"]),
        media=media,
        label_html=label_html,
        medium=fields.get("medium", ""),
        rights=model.Rights(**fields.get("rights", {})),
        ip_question=questions.question_text(fields.get("ip_question")),
        question=questions.question_of(fields.get("ip_question"), room_slug, slug),
        links=tuple(model.Link(link["title"], link["url"]) for link in fields.get("links", [])),
        tags=tuple(fields.get("tags", ())),
        draft=fields.get("draft", False),
        summary=markup.summarise(markup.plain_text(label_html)),
    )


def _warn(exhibit: model.Exhibit, fields, report: FileProblems) -> None:
    """Report what a visitor would miss, without leaving the exhibit out."""
    if not exhibit.ip_question:
        report.warning(fields.line, content.NO_IP_QUESTION)
    count = len(markup.plain_text(exhibit.label_html).split())
    if count < MIN_LABEL_WORDS:
        report.warning(None, content.short_label(count, MIN_LABEL_WORDS))
    if not exhibit.rights.licence and not exhibit.rights.notice:
        report.warning(fields.line, content.NO_LICENCE)
    for item, raw in zip(exhibit.media, fields["media"], strict=False):
        _warn_media(item, raw, exhibit.title, report)


def _warn_media(item: model.Media, raw, title: str, report: FileProblems) -> None:
    alt = item.alt.strip()
    name = PurePosixPath(item.path).name
    if alt and (len(alt.split()) < MIN_ALT_WORDS or alt.lower() in (title.lower(), name.lower())):
        report.warning(raw.line_of("alt"), files.alt_says_too_little(name))
    if item.kind == "image" and max(item.image.width, item.image.height) < MIN_LONG_SIDE:
        width, height = item.image.width, item.image.height
        report.warning(
            raw.line_of("file"), files.image_too_small(name, width, height, MIN_LONG_SIDE)
        )


class MediaFolder:
    """Resolves and checks the files an exhibit's media items name."""

    def __init__(self, walker, folder: Path, report: FileProblems):
        self.walker, self.folder, self.report = walker, folder.resolve(), report

    def find(self, name: str, line: int | None, key: str) -> Path | None:
        """Return the file `name` in the exhibit's folder, or None (reported)."""
        relative = PurePosixPath(name)
        if relative.is_absolute() or ".." in relative.parts or "\\" in name:
            self.report.error(line, files.leaves_folder(key, name))
            return None
        path = self.folder / relative
        if not self.walker.inside(path) or not _within(path, self.folder):
            self.report.error(line, files.link_leaves_exhibit(key, name))
            return None
        if not path.is_file() or path.name not in _names(path.parent):
            # A name whose case differs is refused even where the disk ignores case
            # (macOS, Windows): the server's disk does not.
            meant = _meant(path, relative)
            folder = self.walker.rel(self.folder)
            self.report.error(line, files.missing_file(key, name, folder, meant))
            return None
        return path

    def item(self, raw) -> model.Media | None:
        """Return one media item, or None if it has an error (reported)."""
        kind = model.media_kind(raw["file"])
        if kind is None:
            self.report.error(raw.line_of("file"), files.unknown_media(raw["file"]))
            return None
        for key, allowed in (("captions", "video"), ("transcript", "audio"), ("poster", "video")):
            if key in raw and kind != allowed:
                self.report.error(raw.line_of(key), files.only_for(key, allowed))
        path = self.find(raw["file"], raw.line_of("file"), "file")
        if path is None:
            return None
        return getattr(self, f"_{kind}")(raw, path)

    def _image(self, raw, path: Path) -> model.Media | None:
        image = self.image(raw, path, raw.line_of("file"))
        return image and self._media("image", raw, path, image=image)

    def _audio(self, raw, path: Path) -> model.Media | None:
        if "transcript" not in raw:
            self.report.error(raw.line_of("file"), files.NEEDS_TRANSCRIPT)
            return None
        transcript = self.transcript(raw["transcript"], raw.line_of("transcript"))
        if transcript is None:
            return None
        return self._media(
            "audio",
            raw,
            path,
            transcript_html=transcript[1],
            transcript_path=self.walker.rel(transcript[0]),
            duration=self.duration(path),
        )

    def _video(self, raw, path: Path) -> model.Media | None:
        if "captions" not in raw:
            self.report.error(raw.line_of("file"), files.NEEDS_CAPTIONS)
            return None
        captions = self.captions(raw["captions"], raw.line_of("captions"))
        if captions is None:
            return None
        poster = None
        if "poster" in raw:
            poster_path = self.find(raw["poster"], raw.line_of("poster"), "poster")
            poster = poster_path and self.image(raw, poster_path, raw.line_of("poster"))
            if poster is None:
                return None
        return self._media(
            "video",
            raw,
            path,
            image=poster,
            captions=self.walker.rel(captions),
            duration=self.duration(path),
        )

    def waveforms(self, media: tuple[model.Media, ...], title: str) -> tuple[model.Media, ...]:
        """Give each sound a picture of its waveform, if the exhibit has no image to show.

        The build draws it; its path is the sound's, so a changed sound is drawn again.
        """
        if any(item.image for item in media):
            return media
        return tuple(
            dataclasses.replace(item, image=self._waveform(item, title))
            if item.kind == "audio"
            else item
            for item in media
        )

    def _waveform(self, item: model.Media, title: str) -> model.Image:
        version = file_version((self.walker.root / item.path).stat())
        width, height = waveform.SIZE
        return model.Image(item.path, width, height, waveform.alt_text(title), version)

    def _media(self, kind: str, raw, path: Path, **extra) -> model.Media:
        return model.Media(
            kind=kind,
            path=self.walker.rel(path),
            credit=raw["credit"],
            alt=raw.get("alt", ""),
            caption=raw.get("caption", ""),
            source_type=raw.get("source_type", ""),
            **extra,
        )

    def image(self, raw, path: Path, line: int | None) -> model.Image | None:
        """Return an image with its size, or None (reported); images need alt text."""
        if model.media_kind(path.name) != "image":
            self.report.error(line, files.not_an_image(path.name))
            return None
        if not raw.get("alt"):
            self.report.error(raw.line_of("file"), files.needs_alt(path.name))
            return None
        return self.picture(path, line, raw["alt"])

    def picture(self, path: Path, line: int | None, alt: str) -> model.Image | None:
        """Return an image file with its size, probed only when it changed; None if unsound."""
        try:
            probe = self.walker.probes.get(
                "image",
                path,
                lambda: probe_image(path, self.walker.limits),
                dataclasses.asdict,
                lambda value: Probe(**value),
            )
        except MediaProblem as problem:
            self.report.error(line, files.in_file(path.name, problem))
            return None
        version = file_version(path.stat())
        return model.Image(
            self.walker.rel(path),
            probe.width,
            probe.height,
            alt,
            version,
            colour=probe.colour,
            frames=probe.frames,
        )

    def duration(self, path: Path) -> float | None:
        """Return how long a sound or film lasts, probing it only when it changed."""
        return self.walker.probes.get("duration", path, lambda: duration(path), _same, _same)

    def captions(self, name: str, line: int | None) -> Path | None:
        """Return a WebVTT captions file, or None (reported); its name must end in .vtt."""
        path = self.find(name, line, "captions")
        if path is None:
            return None
        if path.suffix.lower() not in types.CAPTIONS:
            self.report.error(line, files.captions_not_vtt(name))
            return None
        try:
            check_webvtt(path)
        except MediaProblem as problem:
            self.report.error(line, files.in_file(name, problem))
            return None
        return path

    def transcript(self, name: str, line: int | None) -> tuple[Path, str] | None:
        """Return a transcript file and its HTML, or None (reported)."""
        path = self.find(name, line, "transcript")
        if path is None:
            return None
        if path.suffix.lower() not in types.TRANSCRIPTS:
            self.report.error(line, files.transcript_not_text(name))
            return None
        try:
            text = read_text(path)
        except YAMLProblem as problem:
            self.report.error(line, files.in_file(name, problem.message))
            return None
        if "\0" in text:
            self.report.error(line, files.nul_bytes(name))
            return None
        if path.suffix.lower() == ".txt":
            return path, "".join(
                f"<p>{markup.escape(p)}</p>" for p in text.split("\n\n") if p.strip()
            )
        return path, markup.render(text)


def _names(folder: Path) -> list[str]:
    """Return the names of the files in a folder, as the disk spells them."""
    try:
        return [entry.name for entry in folder.iterdir() if entry.is_file()]
    except OSError:
        return []


def _meant(path: Path, relative: PurePosixPath) -> str | None:
    """Return the file a media name most likely meant: the same but for case, or a close one."""
    names = _names(path.parent)
    same = [n for n in names if n.lower() == relative.name.lower() and n != relative.name]
    found = same[0] if same else words.closest(relative.name, names)
    return str(relative.parent / found) if found else None


def _within(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder)
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _same(value):
    return value
