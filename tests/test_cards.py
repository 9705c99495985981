import re

from exhibition import create_app
from exhibition.web import cardmarkup
from tests.support.world import EXHIBIT_MD, LABEL, in_three_languages

LANGUAGES = ("/fr", "", "/ar")


def counted_draws(monkeypatch) -> list[tuple]:
    """Count every card drawn; return the list of (exhibit slug, number) drawn."""
    drawn, original = [], cardmarkup.card

    def card(exhibit, number, links):
        drawn.append((exhibit.slug, number))
        return original(exhibit, number, links)

    monkeypatch.setattr(cardmarkup, "card", card)
    return drawn


def card_links(html: str) -> list[str]:
    return re.findall(r'class="card-link" href="([^"]+)"', html)


def uncached_client(world, tmp_path):
    settings = {"TESTING": True, "CONTENT_DIR": str(world.root), "CACHE_TYPE": "NullCache"}
    app = create_app({**settings, "CACHE_DIR": str(tmp_path / "cache")})
    return app, app.test_client()


def test_every_render_draws_its_page_s_cards_and_keeps_none(world, tmp_path, monkeypatch):
    drawn = counted_draws(monkeypatch)
    app, client = uncached_client(world, tmp_path)
    first = client.get("/rooms/art/").data
    assert drawn == [("first", 1), ("second", 2)] and b'href="/rooms/art/first/"' in first
    assert client.get("/rooms/art/").data == first
    assert drawn == [("first", 1), ("second", 2)] * 2  # drawn again: no worker keeps cards


def test_a_reload_draws_the_cards_again_with_the_new_content(world, tmp_path, monkeypatch):
    drawn = counted_draws(monkeypatch)
    app, client = uncached_client(world, tmp_path)
    client.get("/rooms/art/")
    world.write("rooms/01-art/01-first/exhibit.md", EXHIBIT_MD.format(title="Renamed", label=LABEL))
    app.extensions["exhibition"].reload_if_changed()
    count = len(drawn)
    assert b"Renamed" in client.get("/rooms/art/").data
    assert len(drawn) > count


def test_each_mount_point_has_cards_of_its_own(world, tmp_path):
    app, client = uncached_client(world, tmp_path)
    plain = client.get("/rooms/art/").data
    mounted = client.get("/rooms/art/", environ_overrides={"SCRIPT_NAME": "/museum"}).data
    assert b'href="/museum/rooms/art/first/"' in mounted
    assert b'href="/museum/rooms/art/first/"' not in plain


def test_each_language_has_cards_linking_its_own_pages(world, tmp_path):
    in_three_languages(world)
    app, client = uncached_client(world, tmp_path)
    english = client.get("/rooms/art/").text
    french = client.get("/fr/rooms/art/").text
    mounted = client.get("/fr/rooms/art/", environ_overrides={"SCRIPT_NAME": "/museum"}).text
    assert card_links(english) == ["/rooms/art/first/", "/rooms/art/second/"]
    assert card_links(french) == ["/fr/rooms/art/first/", "/fr/rooms/art/second/"]
    assert card_links(mounted) == ["/museum/fr/rooms/art/first/", "/museum/fr/rooms/art/second/"]


def test_a_card_drawn_in_one_language_is_never_shown_in_another(world, tmp_path):
    in_three_languages(world)
    app, client = uncached_client(world, tmp_path)
    for _ in range(2):  # languages in turn, as a crawl asks for them
        french, english, arabic = (client.get(f"{lang}/rooms/art/").text for lang in LANGUAGES)
        assert card_links(french)[0] == "/fr/rooms/art/first/" and ">Premier</a>" in french
        assert card_links(english)[0] == "/rooms/art/first/" and ">Premier</a>" not in english
        assert card_links(arabic)[0] == "/ar/rooms/art/first/" and ">الأول</a>" in arabic
