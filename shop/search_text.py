"""French text folded for search: the same on the indexed side and on the query side.

Wagtail's database backend does not treat French the same everywhere: SQLite's FTS5
folds accents but never stems ("pomme" misses "Pommes"); PostgreSQL stems with the
database's text search configuration but keeps accents ("epicerie" misses "Épicerie").
So products and producers index an extra `search_text` field (their text lowercased,
unaccented and singularised by `fold`), and `cms.search` folds the query the same way.
Wagtail pages, whose fields we do not extend here, are reached through the query
variants of `term_variants` (singular and plural forms, with and without accents).

Kept in `shop` because `shop` must not import `cms`; it depends on nothing.
"""

import re
import unicodedata

# Words, after French elisions (l', d', qu'...) are cut off.
_WORD = re.compile(r"\w+", re.UNICODE)
_ELISION = re.compile(r"\b(?:qu|[cdjlmnst])['’]", re.IGNORECASE)
MIN_STEM_LENGTH = 3


def unaccent(text: str) -> str:
    """Accents removed: "Épicerie" -> "Epicerie", "œuf" -> "oeuf"."""
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def singular(word: str) -> str:
    """A French plural made singular by its regular endings ("pommes" -> "pomme",
    "gateaux" -> "gateau", "locaux" -> "local"). Crude but applied on both sides, so
    a wrong singular ("jus" -> "ju") still matches itself."""
    if len(word) <= MIN_STEM_LENGTH:
        return word
    if word.endswith("eaux"):
        return word[:-1]
    if word.endswith("aux"):
        return word[:-3] + "al"
    if word.endswith(("eux", "oux")):
        return word[:-1]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def plurals(word: str) -> set[str]:
    """The regular plural forms of a singular word."""
    forms = {word + "s"}
    if word.endswith(("au", "eu", "ou")):
        forms.add(word + "x")
    if word.endswith("al"):
        forms.add(word[:-2] + "aux")
    return forms


def words(text: str) -> list[str]:
    """The lowercased words of a text, elisions removed."""
    return _WORD.findall(_ELISION.sub(" ", text or "").lower())


def fold(text: str) -> str:
    """Lowercased, unaccented, singular words: what `search_text` indexes."""
    return " ".join(singular(word) for word in words(unaccent(text or "")))


def term_variants(word: str) -> set[str]:
    """Forms of one query word to look for in text that was not folded: as typed and
    unaccented, singular and plural."""
    variants = set()
    for base in {word.lower(), unaccent(word.lower())}:
        stem = singular(base)
        variants |= {base, stem, *plurals(stem)}
    return variants
