"""The generated site: an MkDocs plugin (plugin.py) that turns a checked portfolio into pages.

pages.py, timeline.py, freetext.py and markup.py know nothing of MkDocs; plugin.py and
build.py are the only modules that import it.
"""
