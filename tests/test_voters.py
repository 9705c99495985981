"""A visitor's key: the same for one network and browser on one day, told apart otherwise."""

from exhibition.answers.voters import network, voter

SALT = b"s" * 32


def test_addresses_are_cut_to_their_network():
    assert network("203.0.113.77") == "203.0.113.0/24"
    assert network("2001:db8:1234:5678::1") == "2001:db8:1234::/48"
    assert network("::ffff:203.0.113.9") == "203.0.113.0/24"
    assert network("not an address") == "not an address"


def test_neighbours_on_one_network_share_a_key():
    a = voter("room/exhibit", "203.0.113.1", "Firefox", SALT)
    assert a == voter("room/exhibit", "203.0.113.250", "Firefox", SALT)
    assert len(a) == 64 and "203" not in a


def test_question_browser_network_and_day_each_change_the_key():
    a = voter("room/exhibit", "203.0.113.1", "Firefox", SALT)
    assert a != voter("room/other", "203.0.113.1", "Firefox", SALT)
    assert a != voter("room/exhibit", "203.0.114.1", "Firefox", SALT)
    assert a != voter("room/exhibit", "203.0.113.1", "Chromium", SALT)
    assert a != voter("room/exhibit", "203.0.113.1", "Firefox", b"t" * 32)
