"""MUC-4 (1991-92) converted into BREAKOUT's layers: 1,700 news reports and their answer keys.

``bench data convert-muc4`` reads the raw archive kept in ``annotations/muc4/raw/`` and
writes ``annotations/muc4/{train,dev,test}.jsonl`` and ``kb.jsonl``; the dataset card
(annotations/README.md) gives every mapping rule as a table. The modules, in data order:
``archive`` (the archive and which files make which split), ``texts`` (messages), ``keys``
(the key notation), ``places`` (locations and the places KB), ``locate`` (finding key
strings and numbers in the text), ``numbers`` (number fills), ``counts`` (counts and
claims), ``convert`` (one message), ``build`` (the whole corpus), ``reasons`` (why a
filler could not be located or mapped).
"""
