"""The text layer: Chinese text as the archive reads it, in plain Python.

Nothing here imports Django, an app of the portal or a search engine, so every layer above
can use it and its tests need no database:

* ``chinese.normalize``: one script, half-width, lower case, offsets kept;
* ``chinese.segmenter``: jieba (its Rust port, rjieba) with the archive's names added;
* ``chinese.tokens``: the word and bigram streams that index, query and highlight share;
* ``chinese.names``: the name index and the matcher that finds the people a text names.

The archive (``archive``) feeds it its names; the search layer (``search``) turns its
tokens into an engine's terms.
"""
