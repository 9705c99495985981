"""Make the demo exhibition's media: illustrations, audio excerpts and the Sunspring clip.

Every file is generated here from code: illustrations drawn with Pillow
(`painting`, `geometry`, `colour`, one module per room or half-room in
`rooms/`), audio synthesised with the standard library (`synth`, `excerpts`)
and encoded with ffmpeg (`tools`), and the Sunspring clip rendered frame by
frame and narrated by espeak-ng (`film`). Nothing is copied from a real work.
Randomness is seeded from each exhibit's folder name, so a re-run writes
identical bytes, and a file is only rewritten when its bytes change (`output`).

Run from the repository root:  python -m scripts.demo_media [--only SLUG ...]
Needs Pillow, ffmpeg (Debian: ffmpeg), espeak-ng (Debian: espeak-ng) and,
for the diagram labels, the DejaVu fonts (Debian: fonts-dejavu-core).
"""
