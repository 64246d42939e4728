"""Text that is not English: detected by script and English stop words; the English-only figures
are null, with a warning, and summaries cope."""

from __future__ import annotations

import json
import re

import pytest

from newstool.ingest import ingest_path
from newstool.model import Document
from newstool.stats import ENGLISH_ONLY, compute_stats, document_stats, summarise
from newstool.stats.language import MIN_WORDS, check_english
from newstool.stats.tokens import words

from .conftest import ROOT, SEED, SHARED

# News-like paragraphs written for these tests.
NOT_ENGLISH = {
    "ru": "Министр иностранных дел заявил в среду, что переговоры в столице продолжатся на "
    "следующей неделе. По его словам, стороны договорились о прекращении огня и обмене "
    "пленными. Наблюдатели считают, что соглашение остаётся хрупким, а жители пострадавших "
    "районов всё ещё ждут гуманитарной помощи.",
    "de": "Der Außenminister sagte am Mittwoch, die Gespräche in der Hauptstadt würden in der "
    "kommenden Woche fortgesetzt. Nach seinen Worten haben sich beide Seiten auf eine "
    "Waffenruhe und einen Gefangenenaustausch geeinigt. Beobachter halten das Abkommen für "
    "brüchig, und die Bewohner der betroffenen Gebiete warten noch immer auf Hilfe.",
    "fr": "Le ministre des Affaires étrangères a déclaré mercredi que les négociations dans la "
    "capitale reprendraient la semaine prochaine. Selon lui, les deux parties se sont mises "
    "d'accord sur un cessez-le-feu et un échange de prisonniers. Les observateurs jugent "
    "l'accord fragile, et les habitants des régions touchées attendent toujours de l'aide.",
    "es": "El ministro de Asuntos Exteriores afirmó el miércoles que las negociaciones en la "
    "capital continuarán la próxima semana. Según sus palabras, ambas partes acordaron un "
    "alto el fuego y un intercambio de prisioneros. Los observadores consideran que el "
    "acuerdo es frágil, y los vecinos de las zonas afectadas siguen esperando ayuda.",
    "it": "Il ministro degli Esteri ha dichiarato mercoledì che i colloqui nella capitale "
    "riprenderanno la prossima settimana. Secondo le sue parole, le due parti hanno "
    "concordato un cessate il fuoco e uno scambio di prigionieri. Gli osservatori ritengono "
    "l'accordo fragile e gli abitanti delle zone colpite aspettano ancora aiuti.",
    "nl": "De minister van Buitenlandse Zaken zei woensdag dat de gesprekken in de hoofdstad "
    "volgende week worden voortgezet. Volgens hem zijn beide partijen het eens geworden over "
    "een staakt-het-vuren en een uitwisseling van gevangenen. Waarnemers noemen het akkoord "
    "broos, en de bewoners van de getroffen gebieden wachten nog altijd op hulp.",
    "el": "Ο υπουργός Εξωτερικών δήλωσε την Τετάρτη ότι οι συνομιλίες θα συνεχιστούν την "
    "επόμενη εβδομάδα.",
    "ja": "外務大臣は水曜日、首都での協議が来週再開されると述べた。",
}
ENGLISH = {
    "prose": "The minister said on Wednesday that talks in the capital would resume next week. "
    "According to him, both sides agreed on a ceasefire and an exchange of prisoners. "
    "Observers consider the deal fragile, and residents of the affected areas are still "
    "waiting for aid.",
    "headline": "Russia, Syria agree Idlib de-escalation plan; UN envoy Staffan de Mistura "
    "welcomes deal as Damascus, Moscow pledge joint operations against Jabhat al-Nusra",
    "results": "Premier League results: Arsenal 2 Chelsea 1, Liverpool 3 Everton 0, Manchester "
    "City 4 Burnley 1, Tottenham 1 Newcastle 1, Wolves 0 Brighton 2. Top scorers: Salah 14, "
    "Kane 12, Haaland 11, Watkins 9, Son 9.",
    "markets": "Brent crude rose 1.2% to $84.10 a barrel; WTI gained 0.9% to $79.55. Gold "
    "slipped 0.3% to $1,932 an ounce. The FTSE 100 closed up 0.4% at 7,512, the DAX added 0.6% "
    "and the Nikkei 225 fell 0.2%. Treasury yields edged higher, with the ten-year note at 4.31%.",
    "bullets": "Key points: ceasefire agreed; prisoner exchange planned; aid convoys expected "
    "Friday; UN monitors deployed; talks resume Monday in Geneva; opposition leaders "
    "sceptical; sanctions review postponed; refugee returns delayed.",
    "byline": "By Zoë Ménard in Genève. Crème brûlée sales soared at the café, the owner said.",
    "one word": "Breaking",
}
NEUTRAL = ("characters", "words", "sentences", "paragraphs", "avg_sentence_words", "letters")


@pytest.mark.parametrize("lang", NOT_ENGLISH)
def test_text_that_is_not_english_has_null_english_only_figures(lang):
    stats = document_stats(Document.from_dict({"text": NOT_ENGLISH[lang]}))
    assert stats["language"] == "not-en"
    assert {name: stats[name] for name in ENGLISH_ONLY} == dict.fromkeys(ENGLISH_ONLY)
    assert all(stats[name] > 0 for name in NEUTRAL)
    assert stats["words"] == len(words(NOT_ENGLISH[lang]))


@pytest.mark.parametrize("name", ENGLISH)
def test_english_even_short_or_with_few_stop_words_keeps_its_scores(name):
    stats = document_stats(Document.from_dict({"text": ENGLISH[name]}))
    assert stats["language"] == "en", stats["language_evidence"]
    assert stats["syllables"] >= stats["words"] > 0
    assert stats["flesch_reading_ease"] is not None


def test_the_warning_says_what_and_why_once():
    doc = compute_stats(Document.from_dict({"text": NOT_ENGLISH["ru"], "warnings": ["mine"]}))
    assert doc.warnings == (
        "mine",
        "stats: the text does not look like English: most of its letters are Cyrillic (100% "
        "not Latin); readability scores, syllables and reading time are English-only and were "
        "left null",
    )
    assert compute_stats(doc).warnings == doc.warnings
    assert compute_stats(Document.from_dict({"text": ENGLISH["prose"]})).warnings == ()


def test_latin_script_reason_names_the_stop_word_share():
    [warning] = compute_stats(Document.from_dict({"text": NOT_ENGLISH["es"]})).warnings
    assert re.search(r"only [0-9]+% of its 51 words are common English words", warning)


def test_evidence_sits_beside_the_verdict():
    stats = document_stats(Document.from_dict({"text": NOT_ENGLISH["de"]}))
    evidence = stats["language_evidence"]
    assert evidence["script"] == "Latin" and evidence["latin_letter_share"] == 1.0
    assert evidence["words"] >= MIN_WORDS and evidence["english_stopword_share"] < 0.15


def test_the_seed_is_english_and_every_long_stretch_of_it_too():
    doc = ingest_path(SEED)
    assert document_stats(doc)["language"] == "en"
    tokens = words(doc.text)
    stretches = [tokens[i : i + MIN_WORDS] for i in range(len(tokens) - MIN_WORDS + 1)]
    assert [check_english(s).language for s in stretches] == ["en"] * len(stretches)


def test_every_english_sentence_case_is_english():
    cases = json.loads((ROOT / "tests" / "data" / "sentence_cases.json").read_text())
    texts = [case["text"] for group in cases.values() for case in group]
    assert {check_english(words(text)).language for text in texts} == {"en"}


def test_english_and_not_english_repeated_to_any_length():
    for copies in (1, 3, 10):
        assert check_english(words(ENGLISH["prose"]) * copies).language == "en"
        assert check_english(words(NOT_ENGLISH["fr"]) * copies).language == "not-en"


FIXTURES = SHARED / "fixtures" / "encodings" / "seed"


@pytest.mark.parametrize(
    ("name", "language"),
    [("ru-cp1251.txt", "not-en"), ("ru-koi8-r.txt", "not-en"), ("en-curly-cp1252.txt", "en"),
     ("en-accented-latin-1.txt", "en"), ("en-utf-16.txt", "en")],
)  # fmt: skip
def test_real_files(name, language):
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"{path} is not here")
    stats = document_stats(ingest_path(path))
    assert stats["language"] == language
    assert (stats["flesch_reading_ease"] is None) == (language == "not-en")


def test_summary_leaves_null_figures_out_and_says_how_many():
    english = Document.from_dict({"text": ENGLISH["prose"]})
    docs = [english, Document.from_dict({"text": NOT_ENGLISH["ru"]})]
    report = summarise(docs).report()
    assert report["totals"]["syllables"] == document_stats(english)["syllables"]
    assert report["totals"]["words"] == sum(document_stats(d)["words"] for d in docs)
    assert report["languages"] == {"en": 1, "not-en": 1}
    assert report["english_only_skipped"] == 1
    assert report["reading_ease"]["no score"] == 1
    assert "| English-only figures skipped | 1 |" in summarise(docs).render_markdown()
