"""The United Nations regional groups (for elections and reports), by Member State.

Kiribati belongs to no group; the United States attends the Western European and Others
Group as an observer and is counted with it for elections; Israel is a full member of that
group in New York. Observer States and organisations are reported on their own."""

from django.utils.translation import gettext_lazy as _

AFRICAN = "african"
ASIA_PACIFIC = "asia_pacific"
EASTERN_EUROPEAN = "eastern_european"
LATIN_AMERICAN_CARIBBEAN = "grulac"
WESTERN_EUROPEAN_OTHERS = "weog"
NO_GROUP = "none"
OBSERVERS = "observers"

GROUP_NAMES = {
    AFRICAN: _("African Group"),
    ASIA_PACIFIC: _("Asia-Pacific Group"),
    EASTERN_EUROPEAN: _("Eastern European Group"),
    LATIN_AMERICAN_CARIBBEAN: _("Latin American and Caribbean Group"),
    WESTERN_EUROPEAN_OTHERS: _("Western European and Others Group"),
    NO_GROUP: _("No regional group"),
    OBSERVERS: _("Observer States and organisations"),
}

_MEMBERS = {
    AFRICAN: (
        "DZA AGO BEN BWA BFA BDI CPV CMR CAF TCD COM COG CIV COD DJI EGY GNQ ERI SWZ ETH GAB "
        "GMB GHA GIN GNB KEN LSO LBR LBY MDG MWI MLI MRT MUS MAR MOZ NAM NER NGA RWA STP SEN "
        "SYC SLE SOM ZAF SSD SDN TGO TUN UGA TZA ZMB ZWE"
    ),
    ASIA_PACIFIC: (
        "AFG BHR BGD BTN BRN KHM CHN CYP PRK FJI IND IDN IRN IRQ JPN JOR KAZ KWT KGZ LAO LBN "
        "MYS MDV MHL FSM MNG MMR NRU NPL OMN PAK PLW PNG PHL QAT KOR WSM SAU SGP SLB LKA SYR "
        "TJK THA TLS TON TKM TUV ARE UZB VUT VNM YEM"
    ),
    EASTERN_EUROPEAN: (
        "ALB ARM AZE BLR BIH BGR HRV CZE EST GEO HUN LVA LTU MNE MKD MDA POL ROU RUS SRB SVK "
        "SVN UKR"
    ),
    LATIN_AMERICAN_CARIBBEAN: (
        "ATG ARG BHS BRB BLZ BOL BRA CHL COL CRI CUB DMA DOM ECU SLV GRD GTM GUY HTI HND JAM "
        "MEX NIC PAN PRY PER KNA LCA VCT SUR TTO URY VEN"
    ),
    WESTERN_EUROPEAN_OTHERS: (
        "AND AUS AUT BEL CAN DNK FIN FRA DEU GRC ISL IRL ISR ITA LIE LUX MLT MCO NLD NZL NOR "
        "PRT SMR ESP SWE CHE TUR GBR USA"
    ),
    NO_GROUP: "KIR",
}

GROUP_OF = {code: group for group, codes in _MEMBERS.items() for code in codes.split()}


def group_of(code: str) -> str:
    """The regional group of a Member State; observers and organisations are reported
    apart."""
    return GROUP_OF.get(code, OBSERVERS)
