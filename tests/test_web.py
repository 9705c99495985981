import pytest


@pytest.mark.parametrize(
    ("address", "page"),
    [
        ("/rooms/art", "/rooms/art/"),
        ("/rooms/art/first", "/rooms/art/first/"),
        ("/about", "/about/"),
        ("/archive", "/archive/"),
        ("/rooms/art?from=poster", "/rooms/art/?from=poster"),
    ],
)
def test_an_address_without_its_final_slash_leads_to_its_page(client, address, page):
    response = client.get(address)
    assert (response.status_code, response.headers["Location"]) == (308, page)
    assert client.get(page).status_code == 200


def test_a_head_request_is_led_the_same_way(client):
    response = client.head("/rooms/art")
    assert (response.status_code, response.headers["Location"]) == (308, "/rooms/art/")
