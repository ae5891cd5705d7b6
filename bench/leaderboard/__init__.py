"""The BREAKOUT leaderboard: submissions (``submit``), recomputation and ranking (``build``),
and the rendered pages (``render_markdown``, ``render_html``, ``plot``).

Layout of a leaderboard folder (default: ``leaderboard/`` in the checkout)::

    submissions/<slug>/predictions.jsonl   the submitted predictions, byte for byte
    submissions/<slug>/metadata.json       validated metadata (bench.leaderboard.metadata)
    submissions/<slug>/results.json        results at submission time (never trusted)
    README.md, index.html, scores.svg      written by ``bench leaderboard build``
"""
