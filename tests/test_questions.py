"""Each exhibit's question: the three default answers, or a curator's own, in every language."""

from exhibition import sourcetext
from exhibition.loader import load
from exhibition.questions import DEFAULT_ANSWERS, question_key
from tests.support.world import EXHIBIT_MD, LABEL, in_three_languages

FIRST = "rooms/01-art/01-first"
CURATED = """ip_question:
  text: Who should own the copyright?
  answers: [The artists, The programmers, "No one: it is in the public domain"]"""


def exhibit_of(world, language=None):
    exhibition = load(world.root).exhibition
    found = next(e for e in exhibition.tour if e.folder == FIRST)
    return found.in_language(language) if language else found


def write_curated(world):
    text = EXHIBIT_MD.format(title="First", label=LABEL)
    world.write(f"{FIRST}/exhibit.md", text.replace("ip_question: Who is the author?", CURATED))


def test_a_question_written_as_text_offers_yes_no_and_it_depends(world):
    exhibit = exhibit_of(world)
    assert exhibit.ip_question == "Who is the author?"
    assert exhibit.question.text == "Who is the author?"
    assert exhibit.question.key == "art/first" == question_key("art", "first")
    assert [a.key for a in exhibit.question.answers] == ["yes", "no", "it-depends"]
    assert exhibit.question.answers == DEFAULT_ANSWERS and not exhibit.question.curated


def test_a_curators_answers_are_keyed_by_their_text(world):
    write_curated(world)
    exhibit = exhibit_of(world)
    assert exhibit.ip_question == "Who should own the copyright?"
    assert exhibit.question.curated
    keys = [a.key for a in exhibit.question.answers]
    assert keys == ["the-artists", "the-programmers", "no-one-it-is-in-the-public-domain"]


def test_an_exhibit_without_a_question_has_none(world):
    text = EXHIBIT_MD.format(title="First", label=LABEL)
    world.write(f"{FIRST}/exhibit.md", text.replace("ip_question: Who is the author?\n", ""))
    assert exhibit_of(world).question is None


def test_translated_answers_keep_the_sources_keys(world):
    in_three_languages(world)
    write_curated(world)
    path = world.root / FIRST / "exhibit.fr.md"
    text = path.read_text()
    french = "ip_question:\n  text: À qui le droit d'auteur ?\n"
    french += "  answers: [Aux artistes, Aux programmeurs, À personne]"
    path.write_text(text.replace("ip_question: Qui en est l'auteur ?", french))
    question = exhibit_of(world, "fr").question
    assert question.text == "À qui le droit d'auteur ?"
    assert [a.text for a in question.answers] == ["Aux artistes", "Aux programmeurs", "À personne"]
    assert [a.key for a in question.answers] == [a.key for a in exhibit_of(world).question.answers]


def test_a_curators_answers_are_texts_to_translate(world):
    write_curated(world)
    texts = sourcetext.exhibit_texts(exhibit_of(world))
    assert texts["ip_question.answers[2]"] == "The programmers"
    assert "ip_question.answers[4]" not in texts
