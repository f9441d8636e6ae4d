"""The executive summary: the book's findings on one page, each number the chapter's own phrase."""
from __future__ import annotations

from industrybook.chapters import benchmarks as bm
from industrybook.chapters import evidence as ev
from industrybook.measures.arithmetic import share
from industrybook.text.facts import count_text, derived_text, fact_digits, fact_text


def claim_share(value: float, what: str):
    """A share of the classed claims, linked to the evidence classes it counts."""
    return derived_text(value, "percent", f"share of {what} in data/evidence_classes.csv")


def prose_texts(db) -> dict[str, str]:
    """Every figure the summary glues; the benchmarks chapter's phrases are reused, so a number
    prints, and links, the same way in both places."""
    counts = ev.class_counts(db)
    shares = ev.class_shares(db)
    verdicts = ev.verdict_counts(db)
    bench = verdicts.loc["benchmarks"]
    B = bm.prose_texts(db)  # the benchmarks chapter's own phrases: the same number, the same link
    return {
        "su-n-facts": count_text(len(db.facts), "rows of data/facts.csv"), "su-n-bench": count_text(len(db.benchmarks), "rows of data/benchmarks.csv"),
        "su-n-recs": count_text(verdicts["total"].sum(), "reconciliations"), "su-n-unresolved": count_text(verdicts["unresolved"].sum(), "unresolved reconciliations"),
        "su-out-2020": fact_text(db, "mf_output_2020"), "su-out-2022": fact_text(db, "mf_output_2022"),
        "su-out-printed": B["bm-out-printed"], "su-out-nominal": B["bm-out-nominal"],
        "su-out-deflated": B["bm-out-deflated"],
        "su-chains-2023": fact_text(db, "ch_chain_count", 0), "su-chains-2024": fact_text(db, "hy_chain_count", 0),
        "su-chain-out-2022": fact_text(db, "ch_chain_output_2022"),
        "su-gdp-js": fact_text(db, "hy_gdp_jan_sep"), "su-gdp-growth-js": fact_text(db, "hy_gdp_growth_jan_sep", qualified=False),
        "su-hy-share-2022": B["bm-hy-share-2022"],
        "su-chlorine-firms": fact_text(db, "nm_kingboard_chlorine_user_firms"),
        "su-nm-company": claim_share(shares.loc["new_materials", "company_claim"], "the new-materials claims that are company claims"),
        "su-pt-scale": fact_text(db, "mf_transmission_chain_scale"),
        "su-pt-world": fact_digits(db, "mf_ehv_transformer_world_firsts"),
        "su-pt-national": fact_digits(db, "mf_ehv_transformer_national_firsts"),
        "su-pt-company": claim_share(shares.loc["power_transmission", "company_claim"], "the power-transmission claims that are company claims"),
        "su-cs-trade": fact_text(db, "hy_cs_trade_jan_oct"), "su-cs-exp-oct": fact_text(db, "hy_cs_exports_oct_growth", qualified=False),
        "su-ma-measured": claim_share(shares.loc["metro_area", "measured"], "the metro-area claims that are measured"),
        "su-rd-total": fact_text(db, "nm_hn_rd_total"), "su-rd-int": B["bm-rd-int"],
        "su-int-gap-2024": B["bm-int-gap-2024"],
        "su-hy-int": B["bm-hy-int"],
        "su-hy-int-gap": B["bm-hy-int-gap"],
        "su-bm-consistent": count_text(bench["consistent"], "benchmark reconciliations found consistent"), "su-bm-explained": count_text(bench["explained"], "benchmark reconciliations explained"),
        "su-bm-unresolved": count_text(bench["unresolved"], "benchmark reconciliations unresolved"),
        "su-n-claims": count_text(counts["total"].sum(), "claims classed in data/evidence_classes.csv"),
        "su-s-measured": claim_share(share(counts["measured"].sum(), counts["total"].sum()), "the claims that are measured"),
        "su-s-plan": claim_share(share(counts["plan_target"].sum(), counts["total"].sum()), "the claims that are plan targets"),
        "su-s-company": claim_share(share(counts["company_claim"].sum(), counts["total"].sum()), "the claims that are company claims"),
        "su-n-superlative": count_text(counts["unfigured_superlative"].sum(), "superlatives without a figure"),
    }
