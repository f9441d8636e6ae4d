"""The executive summary: the book's findings on one page, each number the chapter's own phrase."""
from __future__ import annotations

from industrybook.chapters import benchmarks as bm
from industrybook.chapters import evidence as ev
from industrybook.text.facts import count_text, fact_digits, fact_text


def prose_texts(db) -> dict[str, str]:
    """Every figure the summary glues; the benchmarks and evidence chapters' phrases are reused, so a
    number prints, and links, the same way in both places."""
    B = bm.prose_texts(db)  # the benchmarks chapter's own phrases: the same number, the same link
    E = ev.prose_texts(db)  # and the evidence chapter's
    return {
        "su-n-facts": count_text(len(db.facts), "rows of data/facts.csv"), "su-n-bench": count_text(len(db.benchmarks), "rows of data/benchmarks.csv"),
        "su-n-recs": E["ev-n-recs"], "su-n-unresolved": E["ev-n-unresolved"],
        "su-out-2020": fact_text(db, "mf_output_2020"), "su-out-2022": fact_text(db, "mf_output_2022"),
        "su-out-printed": B["bm-out-printed"], "su-out-nominal": B["bm-out-nominal"],
        "su-out-deflated": B["bm-out-deflated"],
        "su-chains-2023": fact_text(db, "ch_chain_count", 0), "su-chains-2024": fact_text(db, "hy_chain_count", 0),
        "su-chain-out-2022": fact_text(db, "ch_chain_output_2022"),
        "su-gdp-js": fact_text(db, "hy_gdp_jan_sep"), "su-gdp-growth-js": fact_text(db, "hy_gdp_growth_jan_sep", qualified=False),
        "su-hy-share-2022": B["bm-hy-share-2022"],
        "su-chlorine-firms": fact_text(db, "nm_kingboard_chlorine_user_firms"),
        "su-nm-company": E["ev-new_materials-s-company"],
        "su-pt-scale": fact_text(db, "mf_transmission_chain_scale"),
        "su-pt-world": fact_digits(db, "mf_ehv_transformer_world_firsts"),
        "su-pt-national": fact_digits(db, "mf_ehv_transformer_national_firsts"),
        "su-pt-company": E["ev-power_transmission-s-company"],
        "su-cs-trade": fact_text(db, "hy_cs_trade_jan_oct"), "su-cs-exp-oct": fact_text(db, "hy_cs_exports_oct_growth", qualified=False),
        "su-ma-measured": E["ev-metro_area-s-measured"],
        "su-rd-total": fact_text(db, "nm_hn_rd_total"), "su-rd-int": B["bm-rd-int"],
        "su-int-gap-2024": B["bm-int-gap-2024"],
        "su-hy-int": B["bm-hy-int"],
        "su-hy-int-gap": B["bm-hy-int-gap"],
        "su-bm-consistent": E["ev-bm-consistent"], "su-bm-explained": E["ev-bm-explained"],
        "su-bm-unresolved": E["ev-bm-unresolved"],
        "su-n-claims": E["ev-n-claims"], "su-s-measured": E["ev-s-measured"], "su-s-plan": E["ev-s-plan"],
        "su-s-company": E["ev-s-company"], "su-n-superlative": E["ev-n-superlative"],
    }
