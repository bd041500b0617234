"""Reading comments at scale: 20,000 comments themed, toned and checked for safety flags.

    python benchmarks/bench_comments.py [--quick] [--repeats N]

Figures: the time to theme 20,000 composed comments (seed lexicon themes, VADER tone and safety
flags, each comment read once: what :func:`tiwell.comments.read_comments` does after redaction);
the redaction of the same comments; finding 8 themes in them with TF-IDF and NMF; and a
50,000-respondent export's comments read whole (:func:`tiwell.comments.read_comments`: the reading
the app starts in the background on upload) and released (the first visit of a page showing them).
"""

from __future__ import annotations

from common import Result, csv_bytes, export_rows, main, median_time

from synthetic.comments import comment_set
from tiwell.comments import comment_release, found_themes, load_flags, load_themes, read_comments, redact, tone_of
from tiwell.pipeline import score_file

FULL = 20_000


def run(scale: float, repeats: int) -> list[Result]:
    texts = [p.text for p in comment_set(19, max(200, int(FULL * scale)))]
    themes, flags = load_themes(), load_flags()
    tone_of(texts[0])  # VADER's lexicon is read once per process; not part of each run

    def theme_all():
        return [(themes.find(t), tone_of(t), flags.find(t)) for t in texts]

    tagged = median_time(theme_all, repeats)
    redacted = median_time(lambda: [redact(t) for t in texts], repeats)
    found = median_time(lambda: found_themes(texts, 8, set()), max(1, repeats // 2))
    lexicon = median_time(lambda: [themes.find(t) for t in texts], repeats)
    survey = score_file(csv_bytes(export_rows(int(50_000 * scale))), "export.csv")
    read = median_time(lambda: read_comments(survey, themes, flags), max(1, repeats // 2))
    comments = read_comments(survey, themes, flags)
    released = median_time(lambda: comment_release(comments, survey, min_comments=10, min_group=10),
                           max(1, repeats // 2))
    return [
        Result(f"read the comments of {len(survey.scored):,} people", f"{read:.1f} s", "",
               f"{len(comments):,} comments, {comments.frame['text'].nunique():,} distinct; in the background"),
        Result("  release their counts", f"{released:.1f} s", "", "the first visit of a page showing them"),
        Result(f"theme {len(texts):,} comments (themes, tone, flags)", f"{tagged:.1f} s", "",
               f"themes alone: {lexicon:.2f} s; the rest is VADER"),
        Result(f"redact {len(texts):,} comments", f"{redacted:.1f} s", "", "names, emails, phones, numbers"),
        Result(f"find 8 themes in {len(texts):,} comments", f"{found:.1f} s", "", "TF-IDF + NMF"),
    ]


if __name__ == "__main__":
    main(run, __doc__)
