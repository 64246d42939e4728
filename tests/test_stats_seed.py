"""Hand check of the real seed article: words, sentences, syllables and Flesch counted by hand.

Each sentence of the seed's paragraph is written below as its words, separated by spaces, with
each word's syllables separated by "·" (a hyphen inside a word also separates syllables). The
syllable counts are a person's reading; where the CMU Pronouncing Dictionary (the authority
newstool follows) splits differently from a first guess, the CMU count is used and marked:
"fire" and "our" have two syllables in CMU. Numbers are written as they are read aloud, one word:
"2017" is "twen·ty·sev·en·teen", "10,000" is "ten·thou·sand".
"""

from pathlib import Path

import pytest

from newstool.ingest import ingest_path
from newstool.stats import compute_stats

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_a0fc1bd85d46184f.txt"

HAND_SYLLABIFIED = [
    "the sit·u·a·tion when ter·ror·ists are us·ing Syr·i·a's Id·lib prov·ince as a stag·ing "
    "ground for at·tacks on the po·si·tions of Syr·i·an troops and Rus·sia's Hmei·mim air base "
    "is un·ac·cept·a·ble Rus·sian For·eign Min·is·ter Ser·gey Lav·rov said fol·low·ing talks "
    "with his Syr·i·an coun·ter·part Wa·lid Mu·al·lem",
    "it is un·ac·cept·a·ble when ter·ror·ists who are gath·ered there first and fore·most "
    "mem·bers of the Jab·hat al-Nus·ra ter·ror group out·lawed in Rus·sia TASS try to use this "
    "de-es·ca·la·tion zone to car·ry out at·tacks on the po·si·tions of the Syr·i·an Ar·my and "
    "tar·get Rus·sia's Hmei·mim air base with drones Lav·rov said",
    "Mos·cow has sent a clear and strong warn·ing to the West a·gainst play·ing with fi·re "  # CMU
    "in the Syr·i·an prov·ince of Id·lib Lav·rov said",
    "fight·ing a·gainst ter·ror·is·m and cre·at·ing con·di·tions for the re·turn of ref·u·gees "
    "Lav·rov said",
    "the Rus·sian top dip·lo·mat point·ed out",
    "he said",
    "Ou·r De·fense and For·eign Min·is·tries pre·sent·ed facts to send a clear and strong "  # CMU
    "warn·ing to ou·r west·ern coun·ter·parts a·gainst play·ing with fi·re Lav·rov add·ed",
    "Ac·cord·ing to the Rus·sian for·eign min·is·ter Mos·cow and Da·mas·cus al·so a·greed to "
    "con·tin·ue co·or·di·nat·ing their ac·tiv·i·ties aimed at re·solv·ing the sit·u·a·tion in "
    "Syr·i·a",
    "Id·lib is the on·ly Syr·i·an prov·ince still con·trolled by il·le·gal armed groups",
    "In twen·ty·sev·en·teen a de-es·ca·la·tion zone was es·tab·lished in the re·gion where "
    "mil·i·tants re·luc·tant to lay down their arms can move to·geth·er with their fam·i·lies",
    "Ac·cord·ing to U·nit·ed Na·tions Spe·cial En·voy for Syr·i·a Staf·fan de Mis·tu·ra Id·lib "
    "cur·rent·ly hosts a·bout ten·thou·sand mil·i·tants from the Jab·hat al-Nus·ra and Al-Qae·da "
    "ter·ror groups both out·lawed in Rus·sia",
    "On Wednes·day Lav·rov ex·pressed hope that west·ern coun·tries would re·frain from "
    "im·ped·ing plans to con·duct an an·ti-ter·ror·ist op·er·a·tion a·gainst Jab·hat al-Nus·ra "
    "in Id·lib",
    "Da·mas·cus is mak·ing steps to ar·range lo·cal rec·on·cil·i·a·tion in Id·lib "
    "Gov·er·nor·ate with the par·a·mil·i·tar·y u·nits the lead·ers of which are seek·ing to "
    "break a·way from the Jab·hat al-Nus·ra ter·ror·ist group·ing Lav·rov said",
    "Ou·r Syr·i·an friends shared with us the in·for·ma·tion on the prog·ress of their ef·forts "
    "to ar·range more lo·cal rec·on·cil·i·a·tions with the armed u·nits strand·ed in Id·lib and "
    "will·ing to break a·way from Jab·hat al-Nus·ra as well as on the ef·forts to en·sure "
    "ci·vil·ians se·cu·ri·ty in that zone of de-es·ca·la·tion he said",
]


def hand_counts() -> tuple[int, int, int]:
    """(words, sentences, syllables) of the hand-syllabified sentences."""
    words = [w for sentence in HAND_SYLLABIFIED for w in sentence.split()]
    syllables = sum(len(w.replace("-", "·").split("·")) for w in words)
    return len(words), len(HAND_SYLLABIFIED), syllables


@pytest.fixture(scope="module")
def seed_stats() -> dict:
    return compute_stats(ingest_path(SEED)).stats


def test_seed_words_sentences_and_syllables_match_the_hand_count(seed_stats):
    words, sentences, syllables = hand_counts()
    assert (seed_stats["words"], seed_stats["sentences"], seed_stats["syllables"]) == (
        words,
        sentences,
        syllables,
    )


def test_seed_flesch_reading_ease_matches_the_formula_on_the_hand_count(seed_stats):
    words, sentences, syllables = hand_counts()
    expected = 206.835 - 1.015 * words / sentences - 84.6 * syllables / words
    assert seed_stats["flesch_reading_ease"] == pytest.approx(expected, abs=0.005)


def test_seed_structure_heading_is_not_prose(seed_stats):
    assert (seed_stats["paragraphs"], seed_stats["headings"]) == (1, 1)


def test_seed_names_and_numbers(seed_stats):
    phrases = {p["phrase"]: p["count"] for p in seed_stats["capitalised_phrases"]}
    assert phrases["Jabhat al-Nusra"] == 5
    assert "Walid Muallem" in phrases
    assert seed_stats["numbers"] == {"numbers": 2, "years": 1, "percentages": 0}
