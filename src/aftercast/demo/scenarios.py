"""The demo campaigns: the seeds' stories, each as numbers that the generator turns into data.

Per market: `err` engagement rate by reach, `ctr` clicks per impression, `cr` conversions per
click (or `cac`: fee per conversion), optional `roas`, `signup_rate`, `follow_rate` (followers
gained per click), `lift` (arm B's CTR over A's where the market differs from the variant's
usual lift), and the brief's primary KPI as (metric, target, minimum). What each campaign led
to (verdicts, findings, the failure type) is computed from these numbers by the product, never
typed: see demo/stories.py for what people wrote about them.
"""

CONTRAST = (
    "creative_angle",
    "High vs low contrast creative",
    "Высокий и низкий контраст",
    [("A", "Low-contrast, pastel creative", True), ("B", "High-contrast creative", False)],
)
MESSAGING = (
    "messaging",
    "Humour vs testimonial",
    "Юмор или отзыв",
    [("A", "Testimonial", True), ("B", "Humour", False)],
)
# Relative CTR lift of arm B: "high contrast performed 23% better across both markets".
ARM_B_CTR_LIFT = {"creative_angle": 1.23, "messaging": 1.04}

SCENARIOS = [
    dict(
        slug="glow-serum-launch",
        name="Glow Serum launch",
        type="conversion",
        start=-700,
        days=35,
        status="finished",
        variant=CONTRAST,
        brand=0,
        markets={
            "RU": dict(
                err=0.08,
                ctr=0.012,
                cr=0.0,
                kpi=("conversion_rate", 0.02, 0.01),
                tiers=["mid", "mid", "mid", "micro"],
            ),
            "US": dict(
                err=0.03,
                ctr=0.010,
                cr=0.40,
                kpi=("conversion_rate", 0.25, 0.15),
                tiers=["mid", "mid", "micro"],
            ),
        },
    ),
    dict(
        slug="summer-spf",
        name="Summer SPF",
        type="awareness",
        start=-610,
        days=42,
        status="finished",
        variant=CONTRAST,
        brand=0,
        markets={
            "RU": dict(
                err=0.07,
                ctr=0.011,
                cac=500,
                cr=0.03,
                kpi=("er_reach", 0.05, 0.04),
                tiers=["micro", "mid", "macro", "nano"],
            ),
            "US": dict(
                err=0.035,
                ctr=0.012,
                cac=8.5,
                cr=0.04,
                kpi=("cpa", 12, 15),
                tiers=["mid", "macro", "micro", "micro"],
            ),
            "KZ": dict(
                err=0.065, ctr=0.010, cr=0.03, kpi=("er_reach", 0.05, 0.04), tiers=["micro", "mid"]
            ),
        },
    ),
    dict(
        slug="newsletter-spring",
        name="Newsletter spring push",
        type="community",
        start=-520,
        days=30,
        status="finished",
        variant=MESSAGING,
        brand=1,
        markets={
            "RU": dict(
                err=0.06,
                ctr=0.014,
                cr=0.02,
                signup_rate=0.08,
                follow_rate=0.22,
                kpi=("signup_rate", 0.15, 0.10),
                tiers=["micro", "mid", "micro"],
            ),
            "US": dict(
                err=0.03,
                ctr=0.013,
                cr=0.03,
                signup_rate=0.18,
                follow_rate=0.05,
                kpi=("signup_rate", 0.15, 0.10),
                tiers=["micro", "mid", "nano"],
            ),
        },
    ),
    dict(
        slug="vitamin-c-relaunch",
        name="Vitamin C relaunch",
        type="conversion",
        start=-450,
        days=28,
        status="finished",
        variant=None,
        brand=0,
        markets={
            "US": dict(
                err=0.028,
                ctr=0.009,
                cac=17,
                cr=0.03,
                kpi=("cpa", 15, 20),
                tiers=["micro", "mid", "mid"],
            )
        },
    ),
    dict(
        slug="mens-line-test",
        name="Men's line test",
        type="engagement",
        start=-400,
        days=21,
        status="finished",
        variant=None,
        brand=0,
        markets={
            "RU": dict(
                err=0.03,
                ctr=0.006,
                cr=0.01,
                kpi=("er_reach", 0.06, 0.045),
                tiers=["mid", "micro", "macro"],
            )
        },
    ),
    dict(
        slug="holiday-gift-sets",
        name="Holiday gift sets",
        type="conversion",
        start=-340,
        days=30,
        status="finished",
        variant=CONTRAST,
        brand=1,
        markets={
            "RU": dict(
                err=0.06,
                ctr=0.011,
                cr=0.03,
                roas=2.6,
                kpi=("roas", 2.0, 1.2),
                tiers=["mid", "micro", "mid"],
            ),
            "US": dict(
                err=0.03,
                ctr=0.011,
                cr=0.04,
                roas=0.9,
                kpi=("roas", 2.0, 1.2),
                tiers=["mid", "macro", "micro"],
            ),
        },
    ),
    dict(
        slug="lip-tint-tiktok",
        name="Lip tint on TikTok",
        type="engagement",
        start=-280,
        days=28,
        status="finished",
        variant=MESSAGING,
        brand=1,
        platform="tiktok",
        markets={
            "RU": dict(
                err=0.075,
                ctr=0.008,
                cr=0.02,
                lift=1.35,  # humour lands with the Russian audience...
                kpi=("er_reach", 0.09, 0.07),
                tiers=["micro", "mid", "nano"],
            ),
            "US": dict(
                err=0.07,
                ctr=0.009,
                cr=0.02,
                lift=0.72,  # ...and reads as unserious in the US: the same test reverses
                kpi=("er_reach", 0.09, 0.07),
                tiers=["micro", "mid"],
            ),
            "KZ": dict(
                err=0.078, ctr=0.008, cr=0.02, kpi=("er_reach", 0.09, 0.07), tiers=["micro"]
            ),
        },
    ),
    dict(
        slug="back-to-school",
        name="Back to school",
        type="awareness",
        start=-220,
        days=30,
        status="finished",
        variant=None,
        brand=2,
        markets={
            "KZ": dict(
                err=0.068,
                ctr=0.010,
                cr=0.02,
                kpi=("er_reach", 0.05, 0.04),
                tiers=["micro", "mid", "nano"],
            ),
            "RU": dict(
                err=0.065, ctr=0.010, cr=0.02, kpi=("er_reach", 0.05, 0.04), tiers=["micro", "mid"]
            ),
        },
    ),
    dict(
        slug="hydration-week",
        name="Hydration week",
        type="engagement",
        start=-150,
        days=21,
        status="finished",
        variant=None,
        brand=0,
        debrief="draft",
        markets={
            "US": dict(
                err=0.03,
                ctr=0.011,
                cr=0.03,
                kpi=("ctr", 0.012, 0.009),
                tiers=["micro", "micro", "mid"],
            )
        },
    ),
    dict(
        slug="steady-converter",
        name="Creator-led conversion sprint",
        type="conversion",
        start=-120,
        days=28,
        status="finished",
        variant=None,
        brand=2,
        debrief=None,
        steady_creator=True,
        markets={
            "US": dict(
                err=0.03,
                ctr=0.012,
                cr=0.015,
                kpi=("conversion_rate", 0.40, 0.20),
                tiers=["mid", "micro"],
            ),
            "RU": dict(
                err=0.06, ctr=0.011, cr=0.015, kpi=("conversion_rate", 0.05, 0.02), tiers=["mid"]
            ),
        },
    ),
    dict(
        slug="winter-care",
        name="Winter care",
        type="conversion",
        start=-20,
        days=40,
        status="live",
        variant=CONTRAST,
        brand=0,
        markets={
            "RU": dict(
                err=0.07,
                ctr=0.011,
                cac=520,
                cr=0.03,
                kpi=("er_reach", 0.06, 0.045),
                tiers=["mid", "micro", "micro"],
            ),
            "US": dict(
                err=0.032,
                ctr=0.011,
                cac=9.0,
                cr=0.04,
                kpi=("cpa", 10, 14),
                tiers=["mid", "micro", "macro"],
            ),
        },
    ),
    dict(
        slug="night-cream",
        name="Night cream",
        type="engagement",
        start=-10,
        days=30,
        status="live",
        variant=None,
        brand=0,
        markets={
            "RU": dict(
                err=0.065, ctr=0.010, cr=0.02, kpi=("er_reach", 0.06, 0.05), tiers=["micro", "mid"]
            ),
            "KZ": dict(err=0.06, ctr=0.010, cr=0.02, kpi=("er_reach", 0.06, 0.05), tiers=["micro"]),
        },
    ),
    dict(
        slug="spring-sunscreen",
        name="Spring sunscreen 2027",
        type="launch",
        start=30,
        days=45,
        status="planned",
        variant=CONTRAST,
        brand=0,
        markets={
            "RU": dict(
                err=0.07, ctr=0.011, cr=0.02, kpi=("er_reach", 0.06, 0.05), tiers=["mid", "micro"]
            ),
            "US": dict(
                err=0.03, ctr=0.011, cac=9, cr=0.04, kpi=("cpa", 10, 14), tiers=["mid", "micro"]
            ),
        },
    ),
]

# Share of followers reached by one post, by tier ("20-40% for < 10k, 5-12% for > 1M").
REACH_RATE = {"nano": 0.30, "micro": 0.20, "mid": 0.14, "macro": 0.10, "mega": 0.07}
FOLLOWERS = {
    "nano": (2_000, 9_500),
    "micro": (12_000, 95_000),
    "mid": (110_000, 480_000),
    "macro": (520_000, 950_000),
    "mega": (1_100_000, 4_000_000),
}
FEE_PER_FOLLOWER = {"RU": 1.2, "US": 0.025, "KZ": 5.0}  # in the market's currency
AOV = {"RU": 3_500, "US": 45, "KZ": 14_000}
PLATFORMS_BY_MARKET = {
    "RU": ["instagram", "vk", "telegram", "youtube", "tiktok"],
    "US": ["instagram", "tiktok", "youtube"],
    "KZ": ["instagram", "tiktok", "telegram"],
}
CREATORS_PER_MARKET = {"RU": 28, "US": 26, "KZ": 10}
TIER_MIX = ["nano", "micro", "micro", "mid", "mid", "micro", "macro", "mid", "nano", "mega"]

# Each account's own truth around its tier's and the campaign's numbers: how much of its audience
# a post reaches and how much that audience engages (log-normal factors, sd on the log scale).
# Click-through and conversion rates stay the campaign's: the creative and the offer set them,
# and the demo's A/B tests compare creatives across arms posted by different creators, so a
# creator's own rate there would show up as an effect of the creative.
CREATOR_SPREAD = {"reach": 0.35, "engagement": 0.25}
RERUN_SPREAD = 0.15  # a later run's rates around the first's (sd on the log scale)
