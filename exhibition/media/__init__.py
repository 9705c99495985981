"""Media: what is inside a content file, and the copies the site makes of each image.

`types` is the one table of the kinds of file the site sends and the type of
each; `probe` opens a file to say what is in it (size, soundness, colour,
duration), and `probecache` remembers that by file size and time; `copies`
makes one image's derivatives and zoom tiles, `waveform` a sound's picture;
`build` plans the copies of every image, skips the unchanged and runs the
rest in `workers`, and `manifest` records what it made for pages to find.
"""
