"""ui.safe.inert: every string from a file becomes Markdown that renders exactly as typed."""

from ui.safe import inert


def test_image_link_and_markup_are_escaped_character_by_character():
    assert inert("![x](http://h/b.png)") == "\\!\\[x\\]\\(http\\:\\/\\/\u2060h\\/b\\.png\\)"
    assert inert("**bold** <img src=y>") == r"\*\*bold\*\* \<img src\=y\>"
    assert inert(":red[Team] :material/home: $x$ a_b `c` #1 | ~d~ & e@f.org") == (
        r"\:red\[Team\] \:material\/home\: \$x\$ a\_b \`c\` \#1 \| \~d\~ \& e\@" "\u2060" r"f\.org")


def test_line_breaks_control_characters_and_direction_overrides_go():
    assert inert("  Ward 7\n\n# heading\r\n- item\tend ") == r"Ward 7 \# heading \- item end"
    assert inert("a\x00b\x1bc\u202eevil\u2066d") == "abcevild"
    assert inert(2024) == "2024" and inert("Équipe Nord – 2") == "Équipe Nord – 2"


def test_backslashes_survive_as_typed():
    assert inert("C:\\temp\\*") == r"C\:\\temp\\\*"



def test_bare_web_and_mail_addresses_get_an_invisible_joiner_where_a_link_would_start():
    joiner = "\u2060"
    assert inert("http://x.org") == f"http\\:\\/\\/{joiner}x\\.org"
    assert inert("WWW.x.org a@b.org") == f"WWW{joiner}\\.x\\.org a\\@{joiner}b\\.org"
    assert inert("a ward: 3 rooms") == "a ward\\: 3 rooms", "no joiner where no address can start"
