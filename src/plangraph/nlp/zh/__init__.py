"""The Chinese pipeline: spaCy's ``zh`` language with jieba segmentation, plangraph's own
components for Chinese plan texts, and the data they read (``nlp/zh/data``).

One phenomenon per module: :mod:`script` (traditional characters), :mod:`numbers`
(numerals, quantities and units), :mod:`scope` (deadlines, plan periods, goal sections
and lead sentences), :mod:`clauses` (sentences, clauses and list items), :mod:`names`
(actors and regions), :mod:`facts` (targets and statistics), :mod:`measures`,
:mod:`plans`, :mod:`pipeline` (the spaCy components) and :mod:`extract` (``Doc ->
Extraction``).
"""
