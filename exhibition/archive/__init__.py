"""The archive: frozen editions of the exhibition, kept as BagIt bags.

Pure Python: no Flask here, except `render.py`, which renders pages through
the app's test client. `freeze.freeze()` makes an edition, `bag.verify()`
checks one, `export` writes one as a zip or a WACZ, and `edition` reads what
an archive folder holds.
"""
