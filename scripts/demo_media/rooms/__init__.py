"""Draw each room's illustrations; importing this registers them all."""

from . import (  # noqa: F401  (each module registers its drawings as it is imported)
    art_1,
    art_2,
    art_3,
    entertainment_1,
    entertainment_2,
    ip_and_policy_1,
    ip_and_policy_2,
    music_1,
    music_2,
    technology,
)
