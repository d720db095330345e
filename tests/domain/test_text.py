"""User text: bidi overrides and invisible characters neutralised; Urdu spelling kept."""

from hypothesis import given
from hypothesis import strategies as st

from facilitator.domain.proposal import validate_text
from facilitator.domain.text import clean_text

INVISIBLE = [
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",  # embeddings and overrides
    "\u2066", "\u2067", "\u2068", "\u2069",  # isolates
    "\u200e", "\u200f", "\u200b", "\u2060", "\ufeff",  # marks, zero-width space, joiners, BOM
]  # fmt: skip


@given(st.text(alphabet=st.sampled_from([*INVISIBLE, "a", "ب", " ", "\u200c"]), max_size=40))
def test_no_invisible_format_character_survives(text):
    cleaned = clean_text(text)
    assert not set(cleaned) & set(INVISIBLE)
    assert cleaned.count("\u200c") == text.count("\u200c")


def test_an_override_cannot_reverse_how_a_proposal_reads():
    assert validate_text("Open a \u202ehotline\u202c now", 280) == "Open a hotline now"


def test_urdu_keeps_its_zero_width_non_joiner_and_text_is_composed():
    urdu = "\u0645\u06cc\u200c\u06a9\u06c1\u0648\u06ba"
    assert clean_text(urdu) == urdu
    assert clean_text("Cafe\u0301") == "Café"
