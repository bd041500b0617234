"""The tone of a comment (positive, mixed, negative), read with VADER's lexicon.

VADER (Hutto and Gilbert, 2014) scores short informal text from a lexicon of about 7,500 words
rated by people, with rules for negation, intensifiers ('really'), 'but' and capitals; its
lexicon ships inside the package, so nothing is downloaded. Tone is a property of what was
written and is only ever shown as shares of a theme's comments, never per person.

A comment is *mixed* when it holds clearly positive and clearly negative words (a good team, an
impossible workload) or neither: the compound score alone would call the first whichever side
is louder.
"""

from __future__ import annotations

from functools import cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

TONES = ("positive", "mixed", "negative")
COMPOUND = 0.05  # VADER's own cut-off for a positive or negative text
BOTH = 0.1       # the share of words on each side that makes a comment mixed
MAX_CHARS = 2000  # a comment's tone is read from its start; VADER's rules cost more on very long text
# Words of staff surveys that VADER's lexicon (rated on social media text) lacks, rated on its
# scale of -4 to 4 as its nearest neighbours are ('exhausted' -1.5, 'unfair' -2.1).
WORKPLACE_WORDS = {"understaffed": -2.0, "overworked": -2.0, "unmanageable": -2.0, "impossible": -1.5,
                   "undervalued": -1.9, "burnout": -2.0, "micromanaged": -1.5, "unsustainable": -1.7,
                   "relentless": -1.5, "overstretched": -1.8, "stretched": -1.0, "unsupported": -1.7}


class _Analyser(SentimentIntensityAnalyzer):
    """VADER as published, with its negation rule given only the three words before a rated word:
    the rule reads no others, but lower-cased every word of the comment each time it was asked,
    three times per rated word (a long comment cost the square of its length)."""

    @staticmethod
    def _negation_check(valence, words_and_emoticons, start_i, i):
        window = [""] * max(0, 3 - i) + list(words_and_emoticons[max(0, i - 3):i])
        return SentimentIntensityAnalyzer._negation_check(valence, window, start_i, 3)


@cache
def _analyser() -> SentimentIntensityAnalyzer:
    analyser = _Analyser()
    analyser.lexicon.update(WORKPLACE_WORDS)
    return analyser


def tone_of(text: str) -> str:
    """'positive', 'mixed' or 'negative'."""
    scores = _analyser().polarity_scores(text[:MAX_CHARS])
    if scores["pos"] >= BOTH and scores["neg"] >= BOTH:
        return "mixed"
    if scores["compound"] >= COMPOUND:
        return "positive"
    if scores["compound"] <= -COMPOUND:
        return "negative"
    return "mixed"
