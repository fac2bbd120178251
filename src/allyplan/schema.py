"""Every scenario table's fields, declared once as data.

Validation (:mod:`allyplan.scenario`), the templates written by ``allyplan init`` and the README's table of
fields are all generated from :data:`TABLES`. To add a field, add one :class:`Field` here.

>>> TABLES["stocks"].field("floor").unit
'units'
>>> [f.name for f in TABLES["parties"].fields][:3]
['code', 'name', 'gdp_eur_bn']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "FieldType",
    "Field",
    "Table",
    "TABLES",
    "CONFIG_FIELDS",
    "ITEM_KINDS",
    "POLICY_RULES",
    "NEED_KINDS",
    "PLEDGE_STATUSES",
    "LEDGER",
    "RATES",
    "fields_markdown",
    "template_csv",
]

FieldType = Literal[
    "str", "id", "party", "item", "int", "float", "bool", "month", "date", "currency", "list", "accepts", "choice"
]


@dataclass(frozen=True)
class Field:
    """One column of a scenario table."""

    name: str
    type: FieldType
    description: str
    unit: str = ""
    required: bool = True
    default: object = None
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    example: str = ""


@dataclass(frozen=True)
class Table:
    """One scenario table: a CSV file in a scenario folder, or a sheet of the same name in a workbook."""

    name: str
    description: str
    fields: tuple[Field, ...]
    key: tuple[str, ...] = ()
    required: bool = True
    notes: tuple[str, ...] = field(default=())

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"table {self.name!r} has no field {name!r}; fields are {', '.join(self.columns)}")


#: Item kinds: whether plans ship them in whole units (integer variables) and whether they are a platform type
#: (introducing one the recipient does not operate has a cost).
ITEM_KINDS: dict[str, dict[str, bool]] = {
    "system": {"integral": True, "platform": True},
    "launcher": {"integral": True, "platform": True},
    "tank": {"integral": True, "platform": True},
    "howitzer": {"integral": True, "platform": True},
    "vehicle": {"integral": True, "platform": True},
    "aircraft": {"integral": True, "platform": True},
    "equipment": {"integral": True, "platform": False},
    "manpads": {"integral": False, "platform": False},
    "interceptor": {"integral": False, "platform": False},
    "missile": {"integral": False, "platform": False},
    "ammunition": {"integral": False, "platform": False},
    "supplies": {"integral": False, "platform": False},
}

POLICY_RULES: dict[str, str] = {
    "forbid-tag": "the party sends no item carrying this tag (value: the tag)",
    "forbid-category": "the party sends no item of this category (value: the category)",
    "forbid-item": "the party sends none of this item (value: the item id)",
    "non-lethal-only": "the party sends no lethal item (value: empty)",
    "no-military-aid": "the party sends nothing at all from stock or funds (value: empty)",
    "max-release-share": "the party releases at most this share of each stock (value: a number in 0..1)",
}

NEED_KINDS = ("hold", "flow")
PLEDGE_STATUSES = ("considering", "committed", "delivered", "cancelled")
#: What ledger reports group by (``measure``: a tracker's allocations apart from its commitments).
REPORT_BY: tuple[str, ...] = ("donor", "category", "item", "month", "recipient", "status", "measure")

_SOURCE = Field("source", "str", "where a public figure comes from, or 'illustrative'", required=False, default="")

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "parties",
            "Donors and the recipient.",
            (
                Field("code", "id", "ISO 3166-1 alpha-2 code (or a short id for a group, e.g. EU)", example="DE"),
                Field("name", "str", "display name", example="Germany"),
                Field("gdp_eur_bn", "float", "gross domestic product", unit="EUR bn", minimum=0, example="4100"),
                _SOURCE,
            ),
            key=("code",),
        ),
        Table(
            "items",
            "The catalog: every item type that can be needed, held, produced or pledged.",
            (
                Field("id", "id", "catalog id (use an id of `allyplan ledger catalog` where one fits)",
                      example="patriot"),
                Field("name", "str", "display name", example="Patriot battery"),
                Field("category", "str", "category, e.g. air-defence, armour, energy", example="air-defence"),
                Field("kind", "choice", "item kind: decides whole units and platform types", choices=tuple(ITEM_KINDS),
                      example="system"),
                Field("lethal", "bool", "whether the item is lethal (non-lethal-only donors may not send it)",
                      example="true"),
                Field("unit_value_eur", "float", "value of one unit", unit="EUR", minimum=0, example="1100000000"),
                Field("requires", "item", "platform the item needs to be of use (an interceptor needs its launcher)",
                      required=False, default=""),
                Field("tags", "list", "semicolon-separated tags a policy or red line may name", required=False,
                      default="", example="long-range"),
                _SOURCE,
            ),
            key=("id",),
        ),
        Table(
            "stocks",
            "What each donor holds and the floor it must keep for its own defence.",
            (
                Field("donor", "party", "donor code", example="DE"),
                Field("item", "item", "item id", example="iris-t-slm"),
                Field("quantity", "float", "units held", unit="units", minimum=0, example="12"),
                Field("floor", "float", "readiness floor: units that must stay home", unit="units", minimum=0,
                      required=False, default=0.0, example="8"),
                Field("available_from", "month", "first month the stock may ship", required=False, default=None,
                      example="2026-12"),
                Field("lead_months", "int", "months from shipping to in service", unit="months", minimum=0,
                      required=False, default=1, example="2"),
                _SOURCE,
            ),
            key=("donor", "item"),
        ),
        Table(
            "production",
            "Production lines: what industry can make each month, at what unit cost.",
            (
                Field("line", "id", "line id", example="pac3-camden"),
                Field("producer", "str", "producer (country code or company)", example="US"),
                Field("item", "item", "item made", example="pac-3-mse"),
                Field("from", "month", "first month of output", required=False, default=None, example="2026-12"),
                Field("to", "month", "last month of output", required=False, default=None, example="2028-12"),
                Field("per_month", "float", "capacity that can be bought for the recipient each month",
                      unit="units/month", minimum=0, example="20"),
                Field("ramp_per_month", "float", "capacity added each month after 'from' (ramp-up)",
                      unit="units/month", minimum=0, required=False, default=0.0, example="1"),
                Field("unit_cost_eur", "float", "price of one unit", unit="EUR", minimum=0, example="4000000"),
                Field("lead_months", "int", "months from leaving the line to in service", unit="months", minimum=0,
                      required=False, default=1, example="2"),
                _SOURCE,
            ),
            key=("line",),
        ),
        Table(
            "funds",
            "Money to buy from production lines. Rows with the same fund id are pooled contributions.",
            (
                Field("fund", "id", "fund id; repeat it on several rows to pool donors' money", example="purl"),
                Field("donor", "party", "contributing donor", example="NL"),
                Field("amount_eur", "float", "contribution", unit="EUR", minimum=0, example="500000000"),
                Field("from", "month", "first month the fund can pay", required=False, default=None),
                Field("to", "month", "last month the fund can pay", required=False, default=None),
                Field("lines", "list", "production lines the fund may buy from (empty: any line)", required=False,
                      default=""),
                _SOURCE,
            ),
            key=("fund", "donor"),
        ),
        Table(
            "needs",
            "What the recipient needs: hold q units in service by a month, or consume r units a month.",
            (
                Field("id", "id", "need id", example="patriot-kyiv"),
                Field("description", "str", "what and why", required=False, default=""),
                Field("kind", "choice", "hold: q in service by 'due'; flow: r per month from 'from' to 'to'",
                      choices=NEED_KINDS, example="hold"),
                Field("quantity", "float", "units to hold (hold needs)", unit="units", minimum=0, required=False,
                      default=None, example="3"),
                Field("per_month", "float", "units consumed a month (flow needs)", unit="units/month", minimum=0,
                      required=False, default=None),
                Field("from", "month", "first month of a flow need (a hold need is open from the start)",
                      required=False, default=None),
                Field("due", "month", "month by which a hold need must be met", required=False, default=None),
                Field("to", "month", "last month of a flow need", required=False, default=None),
                Field("priority", "float", "weight of this need: higher is more urgent", minimum=0, required=False,
                      default=1.0, example="3"),
                Field("accepts", "accepts", "items that satisfy the need, as item:factor;item:factor",
                      example="patriot:1;samp-t:1"),
                _SOURCE,
            ),
            key=("id",),
        ),
        Table(
            "policies",
            "What each party will not send.",
            (
                Field("party", "party", "party code", example="HU"),
                Field("rule", "choice", "rule", choices=tuple(POLICY_RULES), example="non-lethal-only"),
                Field("value", "str", "argument of the rule (see the rules)", required=False, default=""),
                _SOURCE,
            ),
            required=False,
            notes=tuple(f"`{k}`: {v}" for k, v in POLICY_RULES.items()),
        ),
        Table(
            "holdings",
            "What the recipient already has in service at the start.",
            (
                Field("item", "item", "item id", example="patriot"),
                Field("quantity", "float", "units in service", unit="units", minimum=0, example="8"),
                _SOURCE,
            ),
            key=("item",),
            required=False,
        ),
        Table(
            "pledges",
            "Pledges already made: they count first, and the plan only fills what remains.",
            (
                Field("donor", "party", "donor code", example="DE"),
                Field("item", "item", "item id", example="iris-t-slm"),
                Field("quantity", "float", "units pledged", unit="units", minimum=0, example="2"),
                Field("month", "month", "month the units arrive (or arrived)", example="2027-02"),
                Field("status", "choice", "considering pledges are not counted; cancelled ones are ignored",
                      choices=PLEDGE_STATUSES, example="committed"),
                _SOURCE,
            ),
            required=False,
        ),
    )
}

#: A ledger entry: one pledge, as ``allyplan ledger add`` takes it and ``allyplan ledger import`` maps columns to it.
#: ``delivered`` and ``delivered_value`` grow with ``allyplan ledger deliver``; an import may set them directly.
LEDGER = Table(
    "ledger",
    "A pledge in the ledger (the fields of `allyplan ledger add` and the targets of `allyplan ledger import --map`).",
    (
        Field("donor", "party", "donor code (ISO 3166-1 alpha-2, or EU / EIB / EPF)", example="DE"),
        Field("recipient", "party", "recipient code", required=False, default="UA", example="UA"),
        Field("item", "item", "catalog id; leave empty for a pledge of a category and value only", required=False,
              default="", example="iris-t-slm"),
        Field("category", "str", "category (taken from the item when one is given)", required=False, default="",
              example="air-defence"),
        Field("description", "str", "what was pledged, in the source's words", required=False, default=""),
        Field("quantity", "float", "units pledged (empty for a value-only pledge)", unit="units", minimum=0,
              required=False, default=None, example="2"),
        Field("value", "float", "reported value (empty: valued at the catalog's unit value)", unit="currency",
              minimum=0, required=False, default=None, example="300000000"),
        Field("currency", "currency", "ISO 4217 code of `value`", required=False, default="EUR", example="EUR"),
        Field("status", "choice", "considering and cancelled pledges are not counted as pledged",
              choices=PLEDGE_STATUSES, required=False, default="committed", example="committed"),
        Field("announced", "date", "date the pledge was announced (YYYY-MM-DD)", example="2025-06-12"),
        Field("expected", "date", "expected delivery date (YYYY-MM-DD or YYYY-MM)", required=False, default=None,
              example="2026-03"),
        Field("delivered", "float", "units delivered so far", unit="units", minimum=0, required=False, default=0.0),
        Field("delivered_value", "float", "value delivered so far (for value-only pledges)", unit="currency",
              minimum=0, required=False, default=None),
        Field("sources", "list", "semicolon-separated URLs or references", required=False, default="",
              example="https://www.bmvg.de/..."),
        Field("key", "str", "an id in the imported file (re-importing it revises the same entry)", required=False,
              default=""),
    ),
    key=("key",),
)

#: A reference rate: ``rate`` units of ``currency`` buy one euro (the ECB's convention).
RATES = Table(
    "rates",
    "Exchange rates (imported from the ECB's reference-rate CSV with `allyplan ledger rates`).",
    (
        Field("currency", "currency", "ISO 4217 code", example="USD"),
        Field("day", "date", "date of the rate", example="2025-06-30"),
        Field("rate", "float", "units of the currency per euro", unit="currency/EUR", minimum=0, example="1.172"),
    ),
    key=("currency", "day"),
)

#: The fields of ``scenario.yaml``.
CONFIG_FIELDS: tuple[Field, ...] = (
    Field("name", "str", "scenario name", example="winter air defence"),
    Field("start", "month", "first month of the plan", example="2026-12"),
    Field("horizon_months", "int", "number of months planned", unit="months", minimum=1, example="24"),
    Field("recipient", "party", "recipient party code", example="UA"),
    Field("currency", "str", "currency of all values", required=False, default="EUR"),
    Field("red_lines", "list", "item tags or categories no donor may send", required=False, default=""),
    Field("weights.unmet", "float", "cost of a need left unmet at the end, per whole need and priority unit",
          required=False, default=1000.0),
    Field("weights.late", "float", "cost per month a need is short after it is due, per whole need and priority",
          required=False, default=100.0),
    Field("weights.new_platform", "float", "cost of each platform type the recipient does not yet operate",
          required=False, default=5.0),
    Field("weights.fairness", "float", "cost per EUR bn by which a donor's share departs from its GDP share",
          required=False, default=0.5),
    Field("weights.drawdown", "float", "cost per EUR bn of value drawn from donor stocks", required=False,
          default=0.05),
)


def template_csv(table: str) -> str:
    """The header line (and nothing else) of a table's CSV file."""
    return ",".join(TABLES[table].columns) + "\n"


def fields_markdown() -> str:
    """The README's table of fields, generated from :data:`TABLES` and :data:`CONFIG_FIELDS`."""
    out: list[str] = []

    def rows(fields: tuple[Field, ...]) -> None:
        out.append("| field | type | unit | required | default | description |")
        out.append("|---|---|---|---|---|---|")
        for f in fields:
            typ = f.type if not f.choices else " \\| ".join(f.choices)
            default = "" if f.required or f.default in (None, "") else str(f.default)
            req = "yes" if f.required else "no"
            out.append(f"| `{f.name}` | {typ} | {f.unit} | {req} | {default} | {f.description} |")

    out.append("#### `scenario.yaml`\n")
    rows(CONFIG_FIELDS)
    for t in TABLES.values():
        out.append(f"\n#### `{t.filename}`{'' if t.required else ' (optional)'}\n\n{t.description}\n")
        rows(t.fields)
        for note in t.notes:
            out.append(f"- {note}")
    for t in (LEDGER, RATES):
        out.append(f"\n#### {t.name}\n\n{t.description}\n")
        rows(t.fields)
    return "\n".join(out) + "\n"
