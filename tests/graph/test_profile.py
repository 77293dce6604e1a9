"""Everything known about one entity, with evidence."""

from __future__ import annotations

from graph.names import NameIndex
from graph.profile import profile
from graph.store import OxigraphStore


def test_profile_lists_edges_both_ways_meetings_and_work(store: OxigraphStore) -> None:
    butler = NameIndex.from_store(store).resolve("butler")
    p = profile(store, butler).to_dict()
    assert p["aliases"] == ["Butler", "daf_butler"]
    assert [(e["name"], e["relation"]) for e in p["out"]] == [("obs_base", "dependsOn")]
    assert ("Middleware", "responsibleFor") in [(e["name"], e["relation"]) for e in p["in"]]
    assert all(e["evidence"] for e in p["in"] + p["out"])
    assert [m["title"] for m in p["meetings"]] == ["Middleware weekly"]
    assert [a["relations"] for a in p["actions"]] == [["about"]]
    assert len(p["decisions"]) == 1
