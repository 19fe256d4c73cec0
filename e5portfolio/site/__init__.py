"""The generated site: an MkDocs plugin (plugin.py) that turns a checked portfolio into pages.

pages.py (with its section writers, sections/), timeline.py, freetext.py and markup.py know
nothing of MkDocs; plugin.py and build.py are the only modules that import it.
"""
