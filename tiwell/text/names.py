"""Lists of people's first names and surnames, for finding names in comments and in columns.

The lists are Faker's person names for every English-speaking locale it keeps (Britain, Ireland,
the US, India, Pakistan, Nigeria, Kenya, New Zealand, Thailand): a few thousand first names and
surnames from a maintained package that ships them as data, so nothing is downloaded at run time.
Some first names are also ordinary words ('hope', 'grace', 'mark'); those count as a name only
with more evidence (see :data:`NAMES_THAT_ARE_WORDS`).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

# First names in the lists that are also everyday English words (found against a British English
# word list, less those seldom written in lower case but as a name: 'tom', 'john', 'sam'), and
# words of the workplace ('dev').
NAMES_THAT_ARE_WORDS = frozenset("""
abbey amber angel anon archer aria autumn basil beau bill blessing bonnie brandy brogan carol
charity chase comfort cooper crystal daisy dale dawn dean destiny diamond don drew duke earl ebony eta eve
faith fancy flora forum frank gene glen grace grant guy harmony harsh hazel heather holly hope hunter
immaculate innocent ivy jack jade jasmine jasper jay job joy lance lavender lily loot lucky mad man
mark mason max melody mercy misty nadir nail newton noel olive patience peace penny phoebe phoenix
pierce piper poppy prudence purity raid randy raven ray robin rose rosemary ruby sad said sandy savannah
sherry sierra sue summer tanner trinity valentine veer viola violet wadi warren will willow dev roman
""".split())
# Words that are written capitalised anyway, so that a capital says nothing: months and their
# short forms. Such a first name counts only with a surname after it ('June Brown').
CAPITALISED_WORDS = frozenset("january february march april may june july august jan feb mar apr jun jul aug "
                              "sep sept oct nov dec".split())


@cache
def first_names() -> frozenset[str]:
    """Every listed first name, lower case."""
    return _names("first_names")


@cache
def last_names() -> frozenset[str]:
    """Every listed surname, lower case."""
    return _names("last_names")


def _names(attribute: str) -> frozenset[str]:
    from faker.providers import person

    found = set()
    for module in pkgutil.iter_modules(person.__path__):
        if module.name.startswith("en_"):
            provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
            found.update(name.lower() for name in getattr(provider, attribute))
    return frozenset(found)
