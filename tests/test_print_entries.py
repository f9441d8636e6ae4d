"""The print form of a page's derived entries (industrybook.tooling.sphinxext.PrintDerivedEntries):
a family of counts set as one paragraph, each count keeping its anchor."""
from docutils import nodes

from industrybook.tooling.sphinxext import NO_SINGLE_RECORD, count_family, counted_paragraphs


def count(formula: str, printed: str, label: str):
    return [nodes.target("", "", ids=[label])], {"formula": formula, "printed": printed, "inputs": {}, "ids": []}


def test_a_count_family_is_its_formula_without_the_last_word():
    assert count_family("number of rows of data/facts.csv with a value in fact_id") == (
        "number of rows of data/facts.csv with a value in", "fact_id")
    assert count_family("number of claims") == ("number of claims", "")


def test_counts_of_one_family_share_a_paragraph_and_keep_their_anchors():
    """A family's counts gather wherever they stand on the page; the others run together."""
    counts = [count("number of rows of data/facts.csv", "237", "n-facts"),
              count("number of rows of data/units.csv with a value in unit", "20", "u-unit"),
              count("number of claims", "40", "n-claims"),
              count("number of rows of data/units.csv with a value in factor", "19", "u-factor")]
    lead, *paragraphs = counted_paragraphs(counts)
    assert lead.astext() == NO_SINGLE_RECORD[0].upper() + NO_SINGLE_RECORD[1:] + ":"
    assert [p.astext() for p in paragraphs] == [
        "number of rows of data/units.csv with a value in: unit 20; factor 19.",
        "237 number of rows of data/facts.csv; 40 number of claims."]
    anchors = [t["ids"][0] for p in paragraphs for t in p.findall(nodes.target)]
    assert anchors == ["u-unit", "u-factor", "n-facts", "n-claims"]


def test_no_counts_no_paragraphs():
    assert counted_paragraphs([]) == []


def test_the_print_form_sets_curly_quotes_but_leaves_code():
    from docutils import nodes

    from industrybook.tooling.sphinxext import set_curly_quotes

    block = nodes.container("", nodes.paragraph("", "the book's tables, status 'unresolved'",
                                                nodes.literal("x['a']", "x['a']")))
    set_curly_quotes(block)
    assert block[0][0].astext() == "the book’s tables, status ‘unresolved’"
    assert block.findall(nodes.literal).__next__().astext() == "x['a']"
