"""Text folding keeps every letter: Turkish, Polish, Greek and Arabic-script names (Limburg has
many Turkish-Belgian organisations) fold and slug to ASCII without losing letters."""

import networkx as nx
import pytest

from rimograph.core.model import find_node
from rimograph.core.text import fold, slugify


@pytest.mark.parametrize("name, folded, slug", [
    ("Işık vzw", "isik vzw", "isik-vzw"),
    ("Türk Ğençlik Derneği", "turk genclik dernegi", "turk-genclik-dernegi"),
    ("Łódź Społeczność", "lodz spolecznosc", "lodz-spolecznosc"),
    ("Ελληνική Κοινότητα", "elliniki koinotita", "elliniki-koinotita"),
    ("جمعية النور", "jm'yh lnwr", "jmyh-lnwr"),
    ("Café Anoniem", "cafe anoniem", "cafe-anoniem"),
    ("Kolderbos en D’ierd", "kolderbos en d'ierd", "kolderbos-en-dierd"),
])
def test_fold_and_slug_keep_every_letter(name, folded, slug):
    assert fold(name) == folded
    assert slugify(name) == slug


def test_a_name_typed_without_its_letters_finds_the_node():
    graph = nx.MultiDiGraph()
    graph.add_node("partner:isik-vzw", type="Partner", name="Işık vzw")
    graph.add_node("partner:lodz", type="Partner", name="Łódź Społeczność")
    assert find_node(graph, "Isik") == "partner:isik-vzw"
    assert find_node(graph, "lodz spolecznosc") == "partner:lodz"
