"""Long words of group names break at their language's hyphenation points."""

from facilitator.domain.hyphenation import SOFT_HYPHEN, hyphenated


def test_french_and_english_names_get_soft_hyphens_between_syllables():
    assert hyphenated("Gouvernement pakistanais", "fr").split(SOFT_HYPHEN) == [
        "Gou",
        "ver",
        "ne",
        "ment pakis",
        "ta",
        "nais",
    ]
    assert hyphenated("Pakistani government", "en").replace(SOFT_HYPHEN, "|") == (
        "Pakistani gov|ern|ment"
    )


def test_the_text_reads_the_same_without_its_soft_hyphens():
    for text, lang in (("Expert ou universitaire de l\u2019OTAN", "fr"), ("Médias", "fr")):
        assert hyphenated(text, lang).replace(SOFT_HYPHEN, "") == text


def test_a_language_without_a_dictionary_is_left_alone():
    assert hyphenated("پاکستانی حکومت", "ur") == "پاکستانی حکومت"
    assert hyphenated("  two  spaces ", "xx") == "  two  spaces "
