"""Duplicate proposals suggested: near-duplicates found in French, Urdu and English, others not."""

from facilitator.domain.similar import THRESHOLD, similar_proposals

TEXTS = {
    1: "Organiser des échanges d'étudiants entre les universités des deux pays",
    2: "Organiser un échange d’étudiants entre universités des deux pays",  # noqa: RUF001 (a typographic apostrophe, as phones type it)
    3: "Créer une ligne directe de crise entre les ministères de la défense",
    4: "دونوں ممالک کی یونیورسٹیوں کے درمیان طلبہ کے تبادلے کا پروگرام شروع کیا جائے",
    5: "دونوں ملکوں کی یونیورسٹیوں کے درمیان طلبا کے تبادلے کا پروگرام شروع کریں",
    6: "سرحد پر مشترکہ گشت اور معلومات کا تبادلہ",
    7: "Set up a crisis hotline between the two defence ministries",
    8: "A crisis hot-line between both defence ministries",
    9: "Joint study group on water resources",
    10: "Invite journalists from both sides to visit each other's newsrooms",
    11: "Échanges de journalistes entre rédactions",
    12: "صحافیوں کے وفود کا تبادلہ",
}
DUPLICATES = {(1, 2), (4, 5), (7, 8)}


def pairs(found: dict) -> set:
    return {tuple(sorted((pid, s["id"]))) for pid, near in found.items() for s in near}


def test_french_urdu_and_english_near_duplicates_are_suggested_and_nothing_else():
    found = similar_proposals(TEXTS)
    assert pairs(found) == DUPLICATES
    assert all(s["score"] >= THRESHOLD for near in found.values() for s in near)


def test_the_suggestion_goes_both_ways_with_its_score():
    found = similar_proposals(TEXTS)
    assert found[4][0]["id"] == 5 and found[5][0]["id"] == 4
    assert found[4][0]["score"] == found[5][0]["score"]


def test_urdu_with_or_without_diacritics_is_the_same_text():
    plain = "طلبہ کے تبادلے کا پروگرام"
    marked = "طَلَبہ کے تَبادلے کا پروگرام"
    found = similar_proposals({1: plain, 2: marked, 3: "Joint study group on water resources"})
    assert found[1] == [{"id": 2, "score": 1.0}]


def test_the_most_similar_comes_first_and_at_most_three():
    base = "Exchange programme for students of both countries"
    texts = {i: base + "!" * i for i in range(1, 7)} | {9: base}
    found = similar_proposals(texts)
    assert len(found[9]) == 3
    assert [s["score"] for s in found[9]] == sorted((s["score"] for s in found[9]), reverse=True)


def test_one_proposal_or_empty_texts_give_no_suggestion():
    assert similar_proposals({}) == {}
    assert similar_proposals({1: "Anything"}) == {1: []}
    assert similar_proposals({1: " ", 2: " "}) == {1: [], 2: []}
