"""Say every content problem to a curator: the wording of the checks, in one place.

Each message says what is wrong and what to do, in the words of someone who
edits text files, not of the YAML parser or of Python; `docs/curators.md`
lists every one of them. The checks find a problem and call the function
(or name the constant) that says it; they write no wording of their own,
and `tests/test_messages.py` keeps it so. The wording lives by subject:

- `syntax`: YAML the parser cannot read (libyaml's errors in curators'
  words), aliases, nesting, and front matter missing or not closed.
- `values`: a value that does not fit its field (text, year, date, slug,
  licence, URL, lists and keys), and blank or curly-quoted values.
- `files`: files and folders: names, symbolic links, missing files, slugs
  used twice; media, images, sounds, captions, transcripts and text files.
- `content`: the exhibition as a whole: exhibition.yaml, the rooms folder,
  covers, label text, what a visitor would miss, and `To do:` lines.
- `translations`: language tags, translations into languages not listed,
  facts a translation repeats, what is still to translate or out of date.
- `words`: how a value or a suggestion is said ('a list', "did you mean"),
  shared by the others.
"""
