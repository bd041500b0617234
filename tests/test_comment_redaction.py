"""Every personal detail planted in the made-up comments is taken out before a quote is shown:
names (by cue, by the organisation's own list, by the list of first names), emails, UK phone
numbers, postcodes, NI and NHS numbers, team names and the organisation's own names; and a quote
naming a team or role too small to show is known as one."""

import re

import pytest

from synthetic.comments import Cast, comment_set, compose
from synthetic.respondents import ORGANISATION_NAMES, TEAMS, planted_comments
from tiwell.comments import names_any, redact

KINDS = {"first_name", "full_name", "phone", "email", "postcode", "ni_number", "nhs_number", "team", "organisation"}


def readable(kind: str, value: str, shown: str) -> bool:
    """Whether a planted detail can still be read in the shown text: the whole of it as words,
    or for a full name either part ('Ward' but not 'forward')."""
    parts = value.split() if kind == "full_name" else [value]
    return any(re.search(rf"(?<!\w){re.escape(part)}(?!\w)", shown, re.I) for part in parts)


def survivors(planted, names):
    """Each planted detail still readable in its redacted comment."""
    return [(kind, value, shown) for comment in planted for shown in [redact(comment.text, names)]
            for kind, value in comment.identifiers if readable(kind, value, shown)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_planted_detail_is_taken_out_given_the_organisations_names(seed):
    cast = Cast()
    planted = comment_set(seed, 600, cast)
    kinds = {kind for comment in planted for kind, _ in comment.identifiers}
    assert kinds == KINDS, "the set plants every kind of detail"
    names = cast.first_names + cast.teams + cast.organisation
    assert survivors(planted, names) == []


def test_details_other_than_staff_names_go_without_the_staff_list():
    """Only team and place names supplied: contacts and numbers go by their shape, full names by
    the list of first names, cued first names by their cue."""
    cast = Cast()
    planted = comment_set(4, 600, cast)
    left = survivors(planted, cast.teams + cast.organisation)
    word_names = {"mark"}  # a first name that is also a word, written alone at a sentence's start
    assert {(kind, value.lower()) for kind, value, _ in left} <= {("first_name", name) for name in word_names}


def test_the_sample_surveys_planted_details_are_all_taken_out():
    truth = planted_comments()
    assert len(truth) >= 300 and truth["comment"].nunique() >= 300
    names = Cast().first_names + tuple(team.name for team in TEAMS) + ORGANISATION_NAMES
    for text, identifiers in zip(truth["comment"], truth["identifiers"]):
        shown = redact(text, names)
        for pair in filter(None, identifiers.split("|")):
            kind, value = pair.split("=", 1)
            assert not readable(kind, value, shown), (kind, value, shown)


@pytest.mark.parametrize("written, shown", [
    ("I live at LS6 2AB, an hour away.", "I live at [postcode], an hour away."),
    ("Our base at b117nd has no heating", "Our base at [postcode] has no heating"),
    ("Parking near SW1A 1AA and M2 3EG", "Parking near [postcode] and [postcode]"),
    ("For reference my NI number is JT 12 34 56 C.", "For reference my NI number is [number]."),
    ("NI no ab123456c in case", "NI no [number] in case"),
    ("my national insurance is nr 96 25 94 c.", "my national insurance is [number]."),
    ("Occ health have my details under 943-476-5919.", "Occ health have my details under [number]."),
    ("My mobile is +44 (0)7700 900123.", "My mobile is [phone]."),
    ("Call me on (0161) 496 0123 or 0113-496-0999", "Call me on [phone] or [phone]"),
    ("Childline is 0800 1111", "Childline is [phone]"),
    ("Emma.Kaur@brookfield.org.uk knows", "[email] knows"),
    ("speak to Dev, she knows. I've told Aled already", "speak to [name], she knows. I've told [name] already"),
    ("cheers Kwame for all the help", "cheers [name] for all the help"),
])
def test_postcodes_numbers_and_contacts_in_the_ways_people_write_them(written, shown):
    assert redact(written) == shown


@pytest.mark.parametrize("written", [
    "In Q3 4th week we were short again.",
    "Band 6 2nd year and still no progression.",
    "Caseloads rose between 2024-2025.",
    "We were told Monday and asked to speak to someone.",
])
def test_ordinals_and_years_are_not_postcodes_or_phones(written):
    assert redact(written) == written


@pytest.mark.parametrize("written, small, names", [
    ("The admins are brilliant", ("Admin",), True),
    ("the clinical   psychology team helped", ("Clinical Psychology",), True),
    ("administration is slow", ("Admin",), False),
    ("Psychology was mentioned", ("Clinical Psychology",), False),
    ("Anything at all", (), False),
])
def test_a_quote_naming_a_small_team_or_role_is_known(written, small, names):
    assert names_any(written, small) is names

