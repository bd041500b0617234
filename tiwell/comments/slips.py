"""Spelling slips in the long words a lexicon lists: one letter left out, one too many, or two
side by side swapped ('fanastic', 'hoenst', 'deicded', 'recognistion').

Staff write comments fast, often on a phone, and a slip in the one word that carries a theme
loses the theme. :class:`Slips` reads a comment's words once and writes a slipped word as the
lexicon word it most plausibly meant: only a word of :data:`MIN_LENGTH` letters or more, only
when exactly one lexicon word is that close, never at the word's ending, and never a letter changed for another
(that is how one real word becomes another: 'listed', 'listen'). Answers are kept per word, as a
survey's comments share most of their words.
"""

from __future__ import annotations

MIN_LENGTH = 7  # shorter words are too often another word one slip away


def _deletions(word: str) -> set[str]:
    """The word with one letter left out, never one of its last two: endings are where real words
    differ from each other ('honestly', 'honesty'; 'referral', 'referrals'), slips are not."""
    return {word[:k] + word[k + 1:] for k in range(len(word) - 2)}


def _swaps(word: str) -> set[str]:
    return {word[:k] + word[k + 1] + word[k] + word[k + 2:] for k in range(len(word) - 1)}


class Slips:
    """Mends slips towards a fixed vocabulary (the words of a lexicon's keys)."""

    def __init__(self, vocabulary: set[str]) -> None:
        self._vocabulary = frozenset(vocabulary)
        self._missing: dict[str, set[str]] = {}  # a lexicon word with one letter left out -> the words
        for word in self._vocabulary:
            if len(word) > MIN_LENGTH:
                for short in _deletions(word):
                    self._missing.setdefault(short, set()).add(word)
        self._mended: dict[str, str] = {}

    def mend(self, text: str) -> str:
        """``text`` (normalised: lower-case words between single spaces) with each slip mended."""
        return " ".join([self._word(word) for word in text.split(" ")])

    def _word(self, word: str) -> str:
        known = self._mended.get(word)
        if known is None:
            known = self._mended[word] = self._closest(word)
        return known

    def _closest(self, word: str) -> str:
        if len(word) < MIN_LENGTH or word in self._vocabulary or not word.isalpha():
            return word
        near = set(self._missing.get(word, ()))                      # a letter left out
        near |= _deletions(word) & self._vocabulary if len(word) > MIN_LENGTH else set()  # one too many
        near |= _swaps(word) & self._vocabulary                        # two letters swapped
        return near.pop() if len(near) == 1 else word
