"""Staff comments with known truth: what each is about, its tone, any safety flag, any personal detail.

A comment is composed from parts (:mod:`synthetic.comment_parts`): an opening, one or two situations
(each about one or two themes, said well or badly of the place), how the writer feels, and for a
complaint sometimes what would help. Some carry a sentence naming someone or giving a contact
(first and full names, UK phone numbers, emails, postcodes, NI and NHS numbers, team names and the
organisation's own names), and a few need someone to act (a safety flag). Everything planted is
recorded in :class:`Planted`, so tests can check what tiwell finds and what its redaction leaves.
The same generator state always gives the same comments; another seed gives others.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from synthetic.comment_parts import ASKS, FEELINGS, FLAGGED, OPENINGS, PAIRED, SITUATIONS

TONES = ("positive", "mixed", "negative")


@dataclass(frozen=True)
class Cast:
    """Who and what a comment can name: staff names, team names, and the organisation's own names
    (its name and its buildings), with the domain of its email addresses."""

    first_names: tuple[str, ...] = ("Sarah", "James", "Emma", "David", "Rachel", "Michael", "Laura", "Paul",
                                    "Helen", "Mark", "Claire", "Steven", "Nicola", "Andrew", "Joanne", "Gemma")
    last_names: tuple[str, ...] = ("Smith", "Brown", "Wilson", "Robinson", "Wood", "Thompson", "Wright", "Hall",
                                   "Edwards", "Turner", "Hill", "Cooper", "Ward", "Morris", "Harrison", "Kaur")
    teams: tuple[str, ...] = ("Family Support North", "Early Help", "Youth Justice", "Children's Residential")
    organisation: tuple[str, ...] = ("Brookfield Family Services", "Brookfield House", "Larch Court",
                                     "Oakridge Hub")
    domain: str = "brookfield.org.uk"


@dataclass(frozen=True)
class Planted:
    """One comment and its truth: theme ids, tone, the safety flag's id (or None) and every
    personal detail planted, as (kind, text as written)."""

    text: str
    themes: tuple[str, ...]
    tone: str
    flag: str | None = None
    identifiers: tuple[tuple[str, str], ...] = field(default=())


def comment_set(seed: int, count: int, cast: Cast = Cast(), *, identified: float = 0.3,
                flagged: float = 0.03) -> list[Planted]:
    """``count`` comments in a mix of tones, about a share ``identified`` naming someone or giving a
    contact and a share ``flagged`` needing someone to act."""
    rng = np.random.default_rng(seed)
    tones = rng.choice(TONES, count, p=[0.35, 0.25, 0.4])
    return [flagged_comment(rng, cast) if rng.random() < flagged
            else compose(rng, str(tone), cast, identifier=bool(rng.random() < identified)) for tone in tones]


def compose(rng: np.random.Generator, tone: str, cast: Cast = Cast(), *, identifier: bool = False) -> Planted:
    """One comment in ``tone``: one or two situations (one of each polarity when mixed), with an
    opening, a feeling, sometimes an ask, and with ``identifier`` a sentence naming someone."""
    polarities = {"positive": ["+"], "negative": ["-"], "mixed": ["+", "-"]}[tone]
    if tone != "mixed" and rng.random() < 0.45:
        polarities = polarities * 2
    order = list(rng.permutation(len(polarities))) if tone == "mixed" else range(len(polarities))
    clauses = _distinct_clauses(rng, [polarities[k] for k in order], cast)
    found: list[tuple[str, str]] = [pair for _, _, _, planted in clauses for pair in planted]
    sentences = _sentences(rng, clauses)
    themes = [t for themes, _, _, _ in clauses for t in themes]
    if clauses[-1][1] == "-" and rng.random() < 0.4:
        asked = next(t for t in clauses[-1][0] if t in ASKS)
        sentences.append(_one(rng, ASKS[asked]))
    if identifier:
        sentence, extra_themes, planted = _identifier_sentence(rng, cast)
        at = int(rng.integers(0, len(sentences) + 1))
        sentences.insert(at, sentence)
        themes += extra_themes
        found += planted
        tone = "mixed" if extra_themes and tone == "negative" else tone  # thanks in a complaint
    return Planted(" ".join(sentences), tuple(dict.fromkeys(themes)), tone, None, tuple(found))


def flagged_comment(rng: np.random.Generator, cast: Cast = Cast()) -> Planted:
    """A comment that needs someone to act, sometimes after an ordinary complaint."""
    flag = _one(rng, sorted(FLAGGED))
    themes, text = FLAGGED[flag][int(rng.integers(len(FLAGGED[flag])))]
    if rng.random() < 0.5:
        before = compose(rng, "negative", cast)
        return Planted(f"{before.text} {text}", tuple(dict.fromkeys(before.themes + themes)), "negative", flag,
                       before.identifiers)
    return Planted(text, themes, "negative", flag)


def truth_frame(planted: list[Planted]) -> pd.DataFrame:
    """The truth as a table: ``comment``, ``themes`` (ids joined by ``;``), ``tone``, ``flag`` ('' for
    none) and ``identifiers`` (``kind=text`` joined by ``|``)."""
    return pd.DataFrame({
        "comment": [p.text for p in planted],
        "themes": [";".join(p.themes) for p in planted],
        "tone": [p.tone for p in planted],
        "flag": [p.flag or "" for p in planted],
        "identifiers": ["|".join(f"{kind}={text}" for kind, text in p.identifiers) for p in planted],
    })


def _distinct_clauses(rng: np.random.Generator, polarities: list[str], cast: Cast) -> list:
    """One situation per polarity, each about themes the others are not, as (themes, polarity,
    text, planted identifiers)."""
    chosen, used = [], set()
    for polarity in polarities:
        while True:
            themes, text = _situation(rng, polarity)
            if not used & set(themes):
                break
        used |= set(themes)
        text, planted = _fill(rng, text, cast)
        chosen.append((themes, polarity, text, planted))
    return chosen


def _situation(rng: np.random.Generator, polarity: str) -> tuple[tuple[str, ...], str]:
    """A situation of that polarity: a paired one now and then, otherwise one theme's."""
    if rng.random() < 0.15:
        pairs = [(themes, text) for themes, sign, text in PAIRED if sign == polarity]
        return pairs[int(rng.integers(len(pairs)))]
    theme = _one(rng, [t for t, options in SITUATIONS.items() if any(s == polarity for s, _ in options)])
    texts = [text for sign, text in SITUATIONS[theme] if sign == polarity]
    return (theme,), _one(rng, texts)


def _sentences(rng: np.random.Generator, clauses: list) -> list[str]:
    """The clauses as sentences: the first after an opening, a second joined by 'and' or 'but' or
    on its own, each with the writer's feeling now and then."""
    opening = _one(rng, OPENINGS)
    first = _with_feeling(rng, clauses[0])
    text = opening + (first if opening and not opening.endswith(". ") else _capital(first))
    if len(clauses) == 1:
        return [text + "."]
    second = _with_feeling(rng, clauses[1])
    if rng.random() < 0.5:
        join = " but " if clauses[0][1] != clauses[1][1] else " and "
        return [text + "," + join + second + "."]
    lead = "But " if clauses[0][1] != clauses[1][1] else _one(rng, ("", "Also, ", "And "))
    return [text + ".", (lead + second if lead else _capital(second)) + "."]


def _with_feeling(rng: np.random.Generator, clause) -> str:
    _, polarity, text, _ = clause
    return text + _one(rng, FEELINGS[polarity])


def _fill(rng: np.random.Generator, text: str, cast: Cast) -> tuple[str, list[tuple[str, str]]]:
    """The situation with ``{team}`` and ``{name}`` filled, and what was planted."""
    planted = []
    if "{team}" in text:
        team = _one(rng, cast.teams)
        text, planted = text.replace("{team}", team), [("team", team)]
    if "{name}" in text:
        name = _one(rng, cast.first_names)
        text, planted = text.replace("{name}", name), [*planted, ("first_name", name)]
    return text, planted


def _identifier_sentence(rng: np.random.Generator, cast: Cast) -> tuple[str, list[str], list[tuple[str, str]]]:
    """A sentence giving away who someone is or how to reach them, with the themes it is about."""
    first, last = _one(rng, cast.first_names), _one(rng, cast.last_names)
    team, place = _one(rng, cast.teams), _one(rng, cast.organisation)
    kind = _one(rng, ("first_name", "full_name", "phone", "email", "postcode", "ni_number", "nhs_number",
                      "team", "organisation"))
    if kind == "first_name":
        sentence = _one(rng, (f"Special thanks to {first} for covering my visits.",
                              f"{first} has been an amazing manager this year.",
                              f"I have already raised this with {first}."))
        return sentence, ["appreciation"] if "thanks" in sentence or "amazing" in sentence else [], [(kind, first)]
    if kind == "full_name":
        return (f"{first} {last} in {team} deserves a medal.", ["appreciation"],
                [("full_name", f"{first} {last}"), ("team", team)])
    value = {"phone": _phone, "email": lambda r: _email(r, first, last, cast.domain), "postcode": _postcode,
             "ni_number": _ni_number, "nhs_number": _nhs_number,
             "team": lambda r: team, "organisation": lambda r: place}[kind](rng)
    sentence = _one(rng, {
        "phone": (f"Happy to talk more, my mobile is {value}.", f"Call me on {value} if you want to discuss this."),
        "email": (f"You can reach me at {value} if you want more detail.", f"My email is {value}."),
        "postcode": (f"Our base at {value} has had no heating since October.", f"I live at {value}, an hour away."),
        "ni_number": (f"For reference my NI number is {value}.", f"NI no {value} in case payroll needs it."),
        "nhs_number": (f"My NHS number is {value} for the occupational health referral.",
                       f"Occ health have my details under {value}."),
        "team": (f"I work in {value}.", f"Things in {value} have changed a lot since last year."),
        "organisation": (f"I'm based at {value}.", f"I've been at {value} for six years."),
    }[kind])
    return sentence, [], [(kind, value)]


def _phone(rng: np.random.Generator) -> str:
    """A UK number from the ranges Ofcom keeps for drama, in one of the ways people write them."""
    k = int(rng.integers(0, 1000))
    return _one(rng, (f"07700 900{k:03d}", f"07700900{k:03d}", f"+44 7700 900{k:03d}", f"+44 (0)7700 900{k:03d}",
                      f"0161 496 0{k:03d}", f"(0161) 496 0{k:03d}", f"020 7946 0{k:03d}", f"0113-496-0{k:03d}",
                      f"01632 960{k:03d}"))


def _email(rng: np.random.Generator, first: str, last: str, domain: str) -> str:
    at = _one(rng, (domain, "nhs.net", "gmail.com", "hotmail.co.uk"))
    return _one(rng, (f"{first}.{last}@{at}", f"{first[0]}{last}@{at}", f"{first}{int(rng.integers(1, 99))}@{at}"))


def _postcode(rng: np.random.Generator) -> str:
    """A postcode in the UK pattern (area, district, sector, unit), spaced or not."""
    area = _one(rng, ("LS", "M", "B", "SW", "NE", "BS", "CF", "G", "EH", "L", "S", "NG", "CR", "DN"))
    unit = "".join(_one(rng, tuple("ABDEFGHJLNPQRSTUWXYZ")) for _ in range(2))
    code = f"{area}{int(rng.integers(1, 30))} {int(rng.integers(0, 10))}{unit}"
    return code if rng.random() < 0.8 else code.replace(" ", "")


def _ni_number(rng: np.random.Generator) -> str:
    prefix = _one(rng, ("AB", "JT", "NE", "PX", "SK", "WR", "YZ", "CE"))
    digits = "".join(str(int(d)) for d in rng.integers(0, 10, 6))
    suffix = _one(rng, tuple("ABCD"))
    return (f"{prefix} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}" if rng.random() < 0.6
            else f"{prefix}{digits}{suffix}")


def _nhs_number(rng: np.random.Generator) -> str:
    """Ten digits whose last is the modulus 11 check digit of the first nine."""
    while True:
        digits = [int(d) for d in rng.integers(0, 10, 9)]
        check = 11 - sum(d * (10 - k) for k, d in enumerate(digits)) % 11
        if check != 10:
            number = "".join(map(str, digits)) + str(check % 11)
            return _one(rng, (f"{number[:3]} {number[3:6]} {number[6:]}", number, f"{number[:3]}-{number[3:6]}-{number[6:]}"))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _one(rng: np.random.Generator, options):
    return options[int(rng.integers(len(options)))]
