"""The language of a text that does not declare one: by its script, then by its function words.

Some scripts name their language outright (kana, hangul, Greek, Hebrew, Thai, Georgian, Armenian).
Otherwise prose is a third to a half function words ("the", "und", "которые"), and the language
whose list holds most of a text's words is the text's. The lists are the stop lists jusText ships
for its 100 languages: it is in the layer already (trafilatura reads with it), so detection costs
no new dependency, no numpy and no model to load; bench/quality/language.py measures it against
the pages' declared languages beside py3langid.

Only languages with an ISO 639-1 code are candidates, and of close pairs only the one written far
more (Spanish, not Asturian or Aragonese), since their function words overlap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

# jusText's list names, by the code an article's `language` field carries.
STOP_LISTS = {
    "af": "Afrikaans", "sq": "Albanian", "ar": "Arabic", "hy": "Armenian", "az": "Azerbaijani",
    "eu": "Basque", "be": "Belarusian", "bn": "Bengali", "bs": "Bosnian", "br": "Breton",
    "bg": "Bulgarian", "ca": "Catalan", "hr": "Croatian", "cs": "Czech", "da": "Danish", "nl": "Dutch",
    "en": "English", "eo": "Esperanto", "et": "Estonian", "fi": "Finnish", "fr": "French",
    "gl": "Galician", "ka": "Georgian", "de": "German", "el": "Greek", "gu": "Gujarati",
    "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian", "is": "Icelandic", "id": "Indonesian",
    "ga": "Irish", "it": "Italian", "kn": "Kannada", "kk": "Kazakh", "ko": "Korean", "la": "Latin",
    "lv": "Latvian", "lt": "Lithuanian", "lb": "Luxembourgish", "mk": "Macedonian", "ms": "Malay",
    "ml": "Malayalam", "mt": "Maltese", "mr": "Marathi", "ne": "Nepali", "nb": "Norwegian_Bokmal",
    "fa": "Persian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian",
    "sr": "Serbian", "sk": "Slovak", "sl": "Slovenian", "es": "Spanish", "sw": "Swahili",
    "sv": "Swedish", "tl": "Tagalog", "ta": "Tamil", "te": "Telugu", "tr": "Turkish",
    "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese", "cy": "Welsh",
}  # fmt: skip
# Scripts that are one language's (or, for Han, whose language the kana and hangul tell).
KANA = re.compile(r"[\u3040-\u30ff]")
HANGUL = re.compile(r"[\uac00-\ud7af]")
HAN = re.compile(r"[\u4e00-\u9fff]")
OWN_SCRIPTS = {
    "el": re.compile(r"[\u0370-\u03ff]"),
    "he": re.compile(r"[\u0590-\u05ff]"),
    "th": re.compile(r"[\u0e00-\u0e7f]"),
    "ka": re.compile(r"[\u10a0-\u10ff]"),
    "hy": re.compile(r"[\u0530-\u058f]"),
}
# Trimmed from a word's ends: "(the", "und," and "«так»" are function words all the same.
EDGES = "\"'“”„«»‹›‚‘’()[]{}<>.,;:!?¡¿…-–—/*&"
# A script holding this share of a text's letters is the text's.
SCRIPT_SHARE = 0.3
# Of Han text, this share of kana makes it Japanese (Japanese prose is about half kana).
KANA_IN_HAN = 0.1
MIN_LETTERS = 40
# A Han or kana character is a word or a syllable: a line of them is a sentence.
MIN_SCRIPT_LETTERS = 15
MIN_WORDS = 8
SAMPLE_CHARS = 2000


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language, or None when there is too little text to tell."""
    sample = text[:SAMPLE_CHARS]
    letters = sum(map(str.isalpha, sample))
    if letters < MIN_SCRIPT_LETTERS:
        return None
    by_script = _by_script(sample, letters)
    if by_script or letters < MIN_LETTERS:
        return by_script
    words = [_word(token) for token in sample.split()]
    if len(words) < MIN_WORDS:
        return None
    # Each hit weighs 1 / how many lists hold the word: "the" in five lists says little, "und" in
    # one says German.
    word_languages = _word_languages()
    scores: dict[str, float] = {}
    for word in words:
        codes = word_languages.get(word, ())
        for code in codes:
            scores[code] = scores.get(code, 0.0) + 1 / len(codes)
    return max(scores, key=scores.__getitem__) if scores else None


def language_of(blocks: Iterable[str]) -> str | None:
    """detect_language of the blocks joined by spaces, joining only the blocks its sample reads:
    a long article is not copied whole to read its first SAMPLE_CHARS."""
    sample: list[str] = []
    joined = -1
    for block in blocks:
        sample.append(block)
        joined += len(block) + 1
        if joined >= SAMPLE_CHARS:
            break
    return detect_language(" ".join(sample))


def _by_script(sample: str, letters: int) -> str | None:
    han, kana, hangul = len(HAN.findall(sample)), len(KANA.findall(sample)), len(HANGUL.findall(sample))
    if hangul >= SCRIPT_SHARE * letters:
        return "ko"
    if han + kana >= SCRIPT_SHARE * letters:
        return "ja" if kana >= KANA_IN_HAN * (han + kana) else "zh"
    for code, script in OWN_SCRIPTS.items():
        if len(script.findall(sample)) >= SCRIPT_SHARE * letters:
            return code
    return None


@lru_cache(maxsize=1)
def _word_languages() -> dict[str, list[str]]:
    """Each function word's languages. Read on the first text that needs a language (about 70
    small files, a few tenths of a second), then kept."""
    import justext

    languages: dict[str, list[str]] = {}
    for code, name in STOP_LISTS.items():
        words = justext.get_stoplist(name)
        # The lists come from Wikipedia and carry English words in other scripts' lists ("the" in
        # Marathi): a list in another script keeps only its own.
        if sum(map(str.isascii, words)) * 2 < len(words):
            words = [word for word in words if not word.isascii()]
        for word in words:
            languages.setdefault(word, []).append(code)
    return languages


def _word(token: str) -> str:
    return token.strip(EDGES).casefold()
