"""The comment lexicons: the seed themes and flags as the contract names them, matching on whole
words with their endings and negation, a user's file adding or replacing entries, and every
refusal one sentence naming the entry and field."""

import pytest

from tiwell.comments import Matcher, forms, load_flags, load_themes, tone_of
from tiwell.errors import ThemeFileError
from tiwell.theme import PRINCIPLE_IDS

THEME_IDS = ["appreciation", "what_helps", "safety", "trustworthiness", "peer_support", "collaboration", "empowerment",
             "culture", "workload", "control", "reward", "community", "fairness", "values"]


def test_the_seed_holds_the_principles_areas_of_worklife_and_strengths():
    themes = load_themes()
    assert list(themes.ids) == THEME_IDS
    kinds = {t.id: t.kind for t in themes}
    assert [i for i in THEME_IDS if kinds[i] == "strength"] == ["appreciation", "what_helps"]
    assert [i for i in THEME_IDS if kinds[i] == "principle"] == THEME_IDS[2:8]
    assert [i for i in THEME_IDS if kinds[i] == "worklife"] == THEME_IDS[8:]
    assert all(t.principle in PRINCIPLE_IDS and t.description.endswith(".") for t in themes)
    assert themes.get("workload").principle == "safety"


def test_the_seed_flags_and_their_note():
    flags = load_flags()
    assert list(flags.ids) == ["self_harm", "service_user_abuse", "bullying", "harassment", "discrimination",
                               "safeguarding", "unsafe"]
    assert "own procedure" in flags.note
    assert flags.find("A parent threatened me on a home visit") == "service_user_abuse"   # the particular first
    assert flags.find("I was threatened in the car park") == "unsafe"
    assert flags.find("My manager belittles me") == "bullying"


@pytest.mark.parametrize("word, expected", [
    ("bully", {"bully", "bullys", "bullies", "bullied", "bullying"}),
    ("workload", {"workload", "workloads", "workloaded", "workloading"}),
    ("manage", {"manage", "manages", "managed", "managing"}),
    ("chat", {"chat", "chats", "chated", "chating", "chatted", "chatting"}),
    ("rush", {"rush", "rushs", "rushes", "rushed", "rushing"}),
    ("no", {"no", "nos"}),
])
def test_a_word_takes_its_usual_endings(word, expected):
    assert forms(word) == expected


def test_whole_words_endings_phrases_and_open_words():
    matcher = Matcher([("a", ("bully",), False), ("b", ("feel valued",), False), ("c", ("understaff*",), False),
                       ("d", ("rota",), False)])
    assert matcher.find("I was BULLIED last year") == ("a",)
    assert matcher.find("Bullying, again.") == ("a",)
    assert matcher.find("a bullyboy") == ()                      # not a whole word
    assert matcher.find("Feeling valued matters") == ("b",)      # the first word's ending
    assert matcher.find("feel, valued") == ("b",)                # punctuation is a space
    assert matcher.find("we are understaffed") == ("c",)
    assert matcher.find("the rotas and the bully") == ("a", "d")  # the entries' order, not the text's
    assert matcher.find("rotational") == ()


def test_a_negatable_entry_does_not_count_just_after_a_negation():
    matcher = Matcher([("thanks", ("thank",), True), ("flag", ("bullied",), False)])
    assert matcher.find("I thank my team") == ("thanks",)
    assert matcher.find("Nobody ever thanks us") == ()
    assert matcher.find("They don't thank anyone") == ()         # apostrophes fold: dont
    assert matcher.find("Not once, in three years, have they said thank you") == ("thanks",)  # too far back
    assert matcher.find("I was never bullied") == ("flag",)      # flags are never negated


def test_a_letter_typed_twice_still_matches():
    matcher = Matcher([("a", ("offload",), False), ("b", ("cancelled",), False), ("thanks", ("thank",), True)])
    assert matcher.find("nobody to offfload to") == ("a",)       # three f's read as one
    assert matcher.find("the visit was canceled") == ("b",)      # one l or two
    assert matcher.find("I thannk my team") == ("thanks",)
    assert matcher.find("Nobbody ever thanks us") == ()          # a negation typed twice still negates
    assert matcher.find("the offloader") == ()                   # still whole words


def test_a_slip_in_a_long_word_is_mended_when_one_lexicon_word_is_that_close():
    matcher = Matcher([("a", ("fantastic",), False), ("b", ("decided",), False), ("c", ("honesty",), False),
                       ("d", ("listen",), False), ("e", ("recognition", "recognising"), False)])
    assert matcher.find("a fanastic manager") == ("a",)          # a letter left out
    assert matcher.find("it was deicded for us") == ("b",)       # two letters swapped
    assert matcher.find("fantasstic") == ("a",)                  # a letter typed twice
    assert matcher.find("fantaxstic") == ("a",)                  # one letter too many
    assert matcher.find("honestly, fine") == ()                  # never at the word's ending
    assert matcher.find("listed") == ()                          # never a letter changed, never a short word
    assert matcher.find("recognitoin") == ("e",)


@pytest.mark.parametrize("comment, found", [
    ("To be honest, I am snowed under and there aren't enough hours in the day", ("workload",)),  # honest: a figure
    ("Decisions get made at the top and just land on us", ("collaboration",)),
    ("There's nobody to offload to after a rough visit", ("peer_support",)),
    ("I'm scared to speak up in case it comes back on me", ("safety",)),
    ("Agency staff earn more than us for the same work", ("reward", "fairness")),  # pay, and unequal
    ("I didn't become a nurse to tick boxes", ("values",)),
    ("Nobody ever says thank you and I feel undervalued", ("reward",)),
    ("Thank you to my manager, regular supervision really helps", ("appreciation", "what_helps")),
    ("Flexible working means I can plan my own week", ("control",)),
    ("We are understaffed and the caseloads are unmanageable", ("workload",)),
    ("My colleagues look out for each other after a hard visit", ("peer_support",)),
    ("I am micromanaged and have no control over my rota", ("control",)),
    ("We find out about changes from rumours; nobody tells us anything", ("trustworthiness",)),
])
def test_the_seed_themes_in_comments(comment, found):
    assert load_themes().find(comment) == found


def test_a_users_file_replaces_a_theme_in_its_place_and_adds_its_own():
    own = """
[[theme]]
id = "workload"
label = "Caseloads"
kind = "worklife"
principle = "safety"
description = "Cases per worker."
words = ["caseload"]

[[theme]]
id = "car_park"
label = "Parking"
kind = "own"
principle = "safety"
description = "The car park."
phrases = ["parking permit"]
"""
    themes = load_themes(own, "ours.toml")
    assert list(themes.ids) == THEME_IDS + ["car_park"]
    assert themes.get("workload").label == "Caseloads"
    assert themes.find("the overtime is endless") == ()          # the seed's workload words are gone
    assert themes.find("Caseloads and the parking permits") == ("workload", "car_park")


def test_a_users_flags_file_adds_a_flag_and_keeps_the_seed_note_when_it_has_none():
    flags = load_flags('[[flag]]\nid = "fraud"\nlabel = "Fraud"\nwords = ["fraud"]\n', "ours.toml")
    assert flags.ids[-1] == "fraud" and flags.find("This is fraud") == "fraud"
    assert flags.note == load_flags().note
    assert load_flags('note = "Call Sam on the wellbeing line."', "ours.toml").note == "Call Sam on the wellbeing line."


@pytest.mark.parametrize("text, message", [
    ('[[theme]]\nid = "x"\nlabel = "X"\nkind = "feeling"\nprinciple = "safety"\ndescription = "d"\nwords = ["a"]',
     "ours.toml: theme 1 ('x') has 'kind' = 'feeling'; it must be one of 'strength', 'principle', 'worklife', 'own'."),
    ('[[theme]]\nid = "x"\nlabel = "X"\nkind = "own"\nprinciple = "calm"\ndescription = "d"\nwords = ["a"]',
     "ours.toml: theme 1 ('x') has 'principle' = 'calm'; it must be one of 'safety', "),
    ('[[theme]]\nid = "x"\nkind = "own"\nprinciple = "safety"\ndescription = "d"\nwords = ["a"]',
     "ours.toml: theme 1 ('x') needs 'label', a text."),
    ('[[theme]]\nid = "Big Theme"\nlabel = "X"',
     "ours.toml: theme 1 has 'id' = 'Big Theme'; an id is lower-case letters, digits and underscores"),
    ('[[theme]]\nid = "x"\nlabel = "X"\nkind = "own"\nprinciple = "safety"\ndescription = "d"\nwords = "a"',
     "ours.toml: theme 1 ('x') has 'words' that is not a list of texts."),
    ('[[theme]]\nid = "x"\nlabel = "X"\nkind = "own"\nprinciple = "safety"\ndescription = "d"\nwords = ["!!"]',
     "ours.toml: theme 1 ('x') has '!!' in 'words', which is not a word or phrase"),
    ('[[theme]]\nid = "x"\nlabel = "X"\nkind = "own"\nprinciple = "safety"\ndescription = "d"',
     "ours.toml: theme 1 ('x') has no words and no phrases, so it would find nothing."),
    ('theme = 3', "ours.toml: 'theme' must be a list of [[theme]] tables."),
    ('[[theme]', "ours.toml is not valid TOML"),
])
def test_a_themes_file_that_cannot_be_used_says_which_entry_and_field(text, message):
    with pytest.raises(ThemeFileError) as raised:
        load_themes(text, "ours.toml")
    assert str(raised.value).startswith(message)
    assert raised.value.file == "ours.toml"


def test_one_id_twice_is_refused():
    twice = '[[flag]]\nid = "a"\nlabel = "A"\nwords = ["x"]\n[[flag]]\nid = "a"\nlabel = "B"\nwords = ["y"]\n'
    with pytest.raises(ThemeFileError, match="the flag id 'a' is used twice"):
        load_flags(twice, "ours.toml")


@pytest.mark.parametrize("comment, expected", [
    ("Flexible working really helps", "positive"),
    ("We are understaffed and exhausted", "negative"),
    ("My team is great but the workload is impossible", "mixed"),   # both sides clearly present
    ("The rota is published on Fridays", "mixed"),                  # neither side
])
def test_tone(comment, expected):
    assert tone_of(comment) == expected
