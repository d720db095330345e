"""Duplicate proposals suggested to moderators: the nearest other proposals by text similarity.

Texts are compared as TF-IDF vectors of character n-grams within words (scikit-learn's
TfidfVectorizer, analyzer="char_wb", 3 and 4 characters), so it needs no word list and works the
same for Urdu, French and English: "échanges d'étudiants" and "échange des étudiants" share most
of their n-grams. Accents and optional diacritics are folded first (strip_accents="unicode"), so
Urdu with or without zer and zabar compares alike. Similarity is the cosine of the two vectors
(0 = nothing in common, 1 = the same text); a pair is suggested from THRESHOLD on.
"""

from functools import cache, lru_cache

import numpy as np

THRESHOLD = 0.5  # paraphrases with a word or two changed score 0.6-0.9; unrelated texts < 0.3
LIMIT = 3  # suggestions per proposal
NGRAMS = (3, 4)
DECIMALS = 2


@cache
def _char_ngrams():
    """scikit-learn's analyzer of character n-grams within words (loaded on first use)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAMS, strip_accents="unicode")
    return vectorizer.build_analyzer()


@lru_cache(maxsize=8192)
def ngrams(text: str) -> tuple[str, ...]:
    """The text's character n-grams within words, accents folded (scikit-learn's own analyzer),
    kept per text: when a proposal arrives only its own text is cut up again."""
    return tuple(_char_ngrams()(text))


def similar_proposals(texts: dict, threshold: float = THRESHOLD, limit: int = LIMIT) -> dict:
    """For each proposal id in texts ({id: text}), the ids of the other proposals at least
    `threshold` similar, most similar first (ties by id): {id: [{"id", "score"}]}."""
    ids = sorted(texts)
    if len(ids) < 2:
        return {pid: [] for pid in ids}
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer=ngrams, sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform([texts[pid] for pid in ids])
    except ValueError:  # no n-gram at all (texts of spaces): nothing is similar
        return {pid: [] for pid in ids}
    scores = (matrix @ matrix.T).toarray()
    np.fill_diagonal(scores, 0.0)
    found = {}
    for i, pid in enumerate(ids):
        order = np.argsort(-scores[i], kind="stable")
        near = [j for j in order if j != i and scores[i, j] >= threshold]
        found[pid] = [
            {"id": ids[j], "score": round(float(scores[i, j]), DECIMALS)} for j in near[:limit]
        ]
    return found
