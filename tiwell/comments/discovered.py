"""Themes found in the text itself, beside the seed lexicon's: TF-IDF and NMF (scikit-learn).

The lexicon finds what it was told to look for; a survey also holds what nobody thought of (a
car park closing, a new case system). Non-negative matrix factorisation of the comments' TF-IDF
weights (single words: scikit-learn would pair the words either side of a stop word into a phrase
nobody wrote) splits them into a few parts, each a weighted set of words
that tend to be written together; a part is labelled by its top words, which a person can then
rename or merge (:class:`tiwell.comments.reading.Comments`). A comment carries a found theme
when that part is at least half as strong in it as its strongest. The factorisation starts from
NNDSVD, which has no randomness, so the same comments always give the same themes.

Only redacted text is read here and the placeholders are stop words, so a label is never a name.
"""

from __future__ import annotations

import warnings

import numpy as np

from tiwell.comments.themes import FOUND, Theme
from tiwell.text.spelling import normalise

TOP_WORDS = 3
SHARE = 0.5          # a comment carries each part at least this share as strong as its strongest
MIN_COMMENTS = 3     # comments per found theme, at the least, before any is looked for
# Placeholders left by redaction, and words every staff comment uses, which would label nothing
# (beside scikit-learn's English stop words).
OWN_STOP_WORDS = frozenset({"name", "email", "phone", "number", "just", "really", "like", "feel", "think", "know",
                            "get", "got", "lot", "things", "thing", "dont", "im", "ive", "cant", "didnt", "doesnt",
                            "isnt", "wont", "work", "staff", "going", "sure", "long", "real", "make", "makes", "made",
                            "keep", "keeps"})


def found_themes(texts: list[str], count: int, taken: set[str]) -> tuple[tuple[Theme, ...], list[tuple[str, ...]]]:
    """Up to ``count`` themes found in ``texts`` and, for each text, the ids of those it carries.
    Fewer (or none) when there are too few comments or words to tell that many apart. Ids are
    ``found_1``, ``found_2``... skipping any id in ``taken``."""
    nothing = [()] * len(texts)
    if count < 1 or len(texts) < MIN_COMMENTS * count:
        return (), nothing
    # scikit-learn takes two seconds to import: only a page that looks for themes pays for it.
    from sklearn.decomposition import NMF
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    vectoriser = TfidfVectorizer(preprocessor=normalise, stop_words=sorted(ENGLISH_STOP_WORDS | OWN_STOP_WORDS), min_df=2,
                                 max_df=0.5, max_features=20_000, token_pattern=r"(?u)\b[a-z][a-z]+\b")
    try:
        weights = vectoriser.fit_transform(texts)
    except ValueError:  # no word is written twice: there is nothing to find
        return (), nothing
    parts = min(count, weights.shape[1], weights.shape[0])
    if parts < 1:
        return (), nothing
    with warnings.catch_warnings():
        # The top words settle long before the loss stops falling: a last digit of it is no reason to warn.
        warnings.simplefilter("ignore", ConvergenceWarning)
        model = NMF(n_components=parts, init="nndsvd", max_iter=400, tol=1e-4)
        strength = model.fit_transform(weights)
    words = vectoriser.get_feature_names_out()
    ids = _ids(parts, taken)
    themes = tuple(Theme(ids[k], " · ".join(words[np.argsort(row)[::-1][:TOP_WORDS]]), FOUND, "",
                         "Found in the comments themselves: the words its comments most often share.")
                   for k, row in enumerate(model.components_))
    return themes, [_carried(row, ids) for row in strength]


def _carried(row: np.ndarray, ids: list[str]) -> tuple[str, ...]:
    top = row.max()
    if top <= 0:
        return ()
    return tuple(ids[k] for k in np.flatnonzero(row >= SHARE * top))


def _ids(count: int, taken: set[str]) -> list[str]:
    ids, k = [], 1
    while len(ids) < count:
        if f"found_{k}" not in taken:
            ids.append(f"found_{k}")
        k += 1
    return ids
