"""Comments are shown only for groups of at least the minimum size, with names, emails and phone
numbers taken out; ordinary words and numbers are left as they were written."""

import pandas as pd
import pytest

from tiwell.comments import redact, shown_comments


@pytest.mark.parametrize("written, shown", [
    ("Thanks to Sarah Jones for covering my visits.", "Thanks to [name] for covering my visits."),
    ("thank you Priya and Tom, you kept us going", "thank you [name], you kept us going"),
    ("Shout out to Ali!", "Shout out to [name]!"),
    ("My manager Kemi checks in every week.", "My manager [name] checks in every week."),
    ("Dr Okafor's reflective sessions help.", "[name]'s reflective sessions help."),
    ("Thanks to Siobhan O'Brien, always", "Thanks to [name], always"),
    ("Ms. Lee listened when it mattered", "[name] listened when it mattered"),
    ("Email me at sam.b-r@example.org.uk please", "Email me at [email] please"),
    ("Ring 07700 900123 or +44 (0)20 7946 0958.", "Ring [phone] or [phone]."),
    ("Call 555-123-4567 any time", "Call [phone] any time"),
])
def test_names_emails_and_phone_numbers_are_taken_out(written, shown):
    assert redact(written) == shown


@pytest.mark.parametrize("written", [
    "My manager checks in regularly and it makes a difference.",
    "Thank you for asking. It helps to know someone is listening.",
    "Supervision keeps getting cancelled, which makes the hard weeks harder.",
    "Caseloads rose between 2024-2025 and three of us cover 40 families.",
    "Thanks to the team, I am still here.",
    "Shout out to The whole office.",
])
def test_ordinary_words_and_numbers_are_left_alone(written):
    assert redact(written) == written


@pytest.mark.parametrize("written, shown", [
    ("Tom Hughes in the rota office…", "[name] in the rota office…"),      # as the issue found them
    ("i think sam…", "i think [name]…"),
    ("bob at example dot org", "[email]"),
    ("ext 4521", "[phone]"),
    ("my NHS number 943 476 5919", "my [number]"),
    ("Tom Hughes in the rota office sorted my leave", "[name] in the rota office sorted my leave"),
    ("thanks so much Jane", "thanks so much [name]"),
    ("i think sam is struggling too", "i think [name] is struggling too"),
    ("write to bob at example dot org about it", "write to [email] about it"),
    ("or sam (at) nhs [dot] uk", "or [email]"),
    ("My NI number is QQ 12 34 56 C", "My NI number is [number]"),
    ("ni no ab123456c, if needed", "ni no [number], if needed"),
    ("payroll number 12345678 was paid late", "[number] was paid late"),
    ("emp no 44521 and staff id E11989", "[number] and [number]"),
    ("Ring the office on ext 4521", "Ring the office on [phone]"),
    ("Tom's rota and Siobhan O'Sullivan's notes", "[name]'s rota and [name]'s notes"),
    ("I asked Grace about it", "I asked [name] about it"),
    ("In May we had June Brown visit", "In May we had [name] visit"),
])
def test_names_found_by_a_names_list_and_numbers_of_every_kind_are_taken_out(written, shown):
    assert redact(written) == shown


@pytest.mark.parametrize("written", [
    "Hope this helps.",             # first names that are everyday words, where any word could be
    "Grace period for the rota would help.",
    "It got better in May. We met at home.Then it rained.",
    "In Jan the dev team may have more cover.",
    "We reviewed 12 12 12 cases on 3 days.",
])
def test_everyday_words_that_are_also_names_are_left_alone(written):
    assert redact(written) == written


def test_control_characters_are_stripped_and_line_breaks_kept():
    assert redact("More cover\x00 please\x1b[31m\u202e\nand\ttime") == "More cover please[31m\nand\ttime"


def test_thousands_of_supplied_names_are_found_in_one_pass_longest_first():
    teams = tuple(f"Family Support {k}" for k in range(5000)) + ("Family Support",)
    assert redact("family  support 4999 and Family Support were great", teams) == "[name] and [name] were great"


def test_supplied_names_are_taken_out_in_any_case():
    assert redact("jo and JO BLOGGS from early help were great", ("Jo Bloggs", "Early Help", "Jo")) == (
        "[name] and [name] from [name] were great")


def group(comments: list[str], size: int) -> pd.DataFrame:
    return pd.DataFrame({"team": ["A"] * size, "comment": comments + [""] * (size - len(comments))})


def test_comments_are_counted_redacted_and_most_said_first():
    comments = ["More cover please.", "Thanks to Sam for the rota", "More cover please.", "More cover please.",
                "A quiet room would help.", "Thanks to Lou for the rota"]
    found = shown_comments(group(comments, 12), ["comment"], 5)
    assert found == [("More cover please.", 3), ("Thanks to [name] for the rota", 2), ("A quiet room would help.", 1)]


def test_no_comments_for_a_small_group_or_when_few_people_wrote_one():
    assert shown_comments(group(["One", "Two", "Three", "Four"], 4), ["comment"], 5) is None
    assert shown_comments(group(["One", "Two", "Three", "Four"], 40), ["comment"], 5) is None
    assert shown_comments(group(["One"] * 5, 40), ["comment"], 5) == [("One", 5)]


def test_people_who_wrote_in_two_comment_columns_count_once():
    rows = pd.DataFrame({"first": ["Yes", "Yes", "", "", "", "", ""], "second": ["No", "", "", "", "", "", ""]})
    assert shown_comments(rows, ["first", "second"], 5) is None
