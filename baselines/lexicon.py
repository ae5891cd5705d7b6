"""Generic cue lexicons shared by both baselines: reporting verbs, casualty and escape verbs,
victim nouns, facility nouns, event triggers, titles and boilerplate cues.

Every list is generic English news vocabulary; none names a person or place.
"""

from __future__ import annotations

import re

# --- reporting (attribution) -------------------------------------------------------------
REPORTING_VERBS: tuple[str, ...] = (
    "said", "says", "say", "told", "tells", "reported", "reports", "report", "added", "adds",
    "stated", "states", "announced", "announces", "confirmed", "confirms", "estimated",
    "estimates", "tweeted", "wrote", "writes", "explained", "noted", "warned", "argued",
    "argue", "insisted", "acknowledged", "alleged", "alleges", "quoted", "cited", "revealed",
    "claimed", "claims", "claim", "concluded", "disclosed", "put the toll at", "gave a toll of",
)
# "X reports:" / "X adds:" opens a quoted block that keeps X as the source.
BLOCK_HEADER = re.compile(r"^\s*(?P<who>.{2,80}?)\s+(?:reports|reported|adds|added|says|said|writes|wrote)\s*:\s*$")

# --- count categories ------------------------------------------------------------------
# (category, regex) — matched case-insensitively on the sentence around a number.
CATEGORY_CUES: tuple[tuple[str, str], ...] = (
    ("at_large", r"at large|on the run|still (?:missing|free|loose|unaccounted for)|remain(?:s|ed)? (?:missing|free|loose|unaccounted for)|unaccounted for|manhunt (?:is )?(?:still )?(?:under ?way )?for|hunt(?:ing)? for|search(?:ing)? for"),
    ("recaptured", r"recaptur\w*|re-?arrest\w*|arrested|caught|captured|apprehended|rounded up|back in custody|returned to (?:prison|jail|custody)"),
    ("escaped", r"escap(?:ed|e|es|ing)|fled|flee(?:ing)?|freed|free(?:ing)?|broke out|break(?:ing)? out|released?|releasing|slipped out|got away|sprung|walked out"),
    ("wounded", r"wound(?:ed|ing|s)?|injur(?:ed|ing|ies|y)|hurt"),
    ("killed", r"kill(?:ed|ing|s)?|dead|died|die|deaths?|death toll|toll|slain|massacred|executed|perished|lost their lives|lives|bodies|beheaded"),
    ("inmates", r"home to|hous(?:ing|es|ed)|holds|holding|detain(?:s|ing)|capacity|population of"),
)
# A cue preceded by one of these is an intention, not a fact: "wanted to free 200".
INTENT_CUE = re.compile(r"\b(?:want(?:ed|s)?|plan(?:ned|s)?|sought|seek(?:ing|s)?|aim(?:ed|s)?|intend(?:ed|s)?|hop(?:ed|es)|threaten(?:ed|s)?|vow(?:ed|s)?)\s+(?:to\s+)?(?:\w+\s+)?$", re.I)
# Verbs whose subject number counts the assailants: "100 militants stormed the prison".
ATTACKER_VERBS = re.compile(r"\b(?:stormed|attacked|raided|assaulted|launched|mounted|carried out|took part|participated|opened fire|ambushed|overran)\b", re.I)

# --- victim classes (head nouns after a number) -----------------------------------------
VICTIM_NOUNS: dict[str, tuple[str, ...]] = {
    "security": ("police", "policemen", "policeman", "policewomen", "officers", "officer", "soldiers",
                 "soldier", "troops", "guards", "guard", "wardens", "personnel", "servicemen",
                 "security forces", "forces", "army", "military", "lieutenant", "lieutenants",
                 "captain", "sergeant", "colonel", "gendarmes", "peacekeepers", "marines", "border guards"),
    "attackers": ("militants", "militant", "gunmen", "gunman", "insurgents", "insurgent", "jihadists",
                  "jihadist", "attackers", "attacker", "assailants", "assailant", "terrorists",
                  "terrorist", "extremists", "bombers", "bomber", "rebels", "rebel", "fighters",
                  "fighter", "suicide bombers", "raiders", "mujahideen"),
    "prisoners": ("prisoners", "prisoner", "inmates", "inmate", "detainees", "detainee", "convicts",
                  "escapees", "fugitives", "captives", "suspects", "men"),
    "civilians": ("civilians", "civilian", "residents", "villagers", "worshippers", "children", "women",
                  "students", "passers-by", "bystanders", "pilgrims", "shoppers", "workers",
                  "journalists", "farmers", "people", "family members"),
}
# "Kurdish fighters", "government fighters": a state qualifier turns fighters into security.
STATE_QUALIFIERS: tuple[str, ...] = ("government", "pro-government", "state", "army", "federal", "national", "regular", "allied", "security")
# Head nouns after a number that are not people ("two prisons", "75 miles").
NON_PERSON_NOUNS: tuple[str, ...] = (
    "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
    "minute", "minutes", "second", "seconds", "mile", "miles", "km", "kilometers", "kilometres",
    "kilometre", "kilometer", "meters", "metres", "feet", "percent", "per", "%", "times",
    "prisons", "prison", "jails", "facilities", "facility", "attacks", "attack", "cars",
    "vehicles", "bombs", "explosions", "centuries", "century", "decades", "dollars",
    "locations", "sites", "villages", "towns", "cities", "districts", "provinces", "countries",
    "cells", "buildings", "houses", "homes", "rounds", "shells", "rockets", "missiles",
    "mortars", "checkpoints", "a.m.", "p.m.", "am", "pm", "gmt", "o'clock", "stories",
    "incidents", "operations", "raids", "strikes", "airstrikes", "waves", "phases", "groups",
    "percent", "tons", "kilograms", "kg", "points",
)
UNIT_AFTER = re.compile(r"^\s*(?:and a half\b|-\w|%|(?:a\.m\.|p\.m\.|am\b|pm\b|gmt\b|:\d|/\d|\.\d|st\b|nd\b|rd\b|th\b))", re.I)
MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
    "Sep", "Sept", "Oct", "Nov", "Dec",
)
WEEKDAYS: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# --- groups and people ---------------------------------------------------------------
ATTACKER_HEADS: tuple[str, ...] = VICTIM_NOUNS["attackers"] + ("affiliates", "members", "cells", "operatives", "loyalists")
STATE_HEADS: tuple[str, ...] = (
    "security forces", "forces", "police", "army", "military", "officials", "official",
    "authorities", "government", "ministry", "troops", "soldiers", "guards", "officers",
    "coalition", "administration", "parliament", "investigators", "prosecutors", "judiciary",
)
GROUP_NOUNS: tuple[str, ...] = (
    "security forces", "forces", "police", "army", "military", "officials", "authorities",
    "government", "troops", "soldiers", "guards", "gunmen", "militants", "insurgents",
    "jihadists", "fighters", "attackers", "assailants", "terrorists", "extremists", "rebels",
    "militiamen", "militias", "militia", "coalition", "prisoners", "inmates", "detainees",
    "monitor", "war monitor", "monitoring group", "observatory", "activists", "investigators",
    "prosecutors", "sources", "medics", "witnesses", "group", "the group", "ministry", "movement",
    "the ministry", "intelligence services", "special forces", "security services",
)
PERSON_NOUNS: tuple[str, ...] = (
    "spokesman", "spokeswoman", "spokesperson", "mayor", "governor", "commander", "lieutenant",
    "general", "resident", "witness", "official", "minister", "prime minister", "president",
    "police chief", "director", "chief", "head", "leader", "correspondent", "reporter",
    "judge", "prosecutor", "colonel", "captain", "sergeant", "warden", "guard", "doctor",
    "source", "analyst", "researcher", "parliamentarian", "lawmaker", "mastermind",
)
TITLES: tuple[str, ...] = (
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Gen.", "General", "Lt.", "Lieutenant",
    "Col.", "Colonel", "Maj.", "Major", "Capt.", "Captain", "Sgt.", "Sergeant", "Brig.",
    "Brigadier", "Sheikh", "Shaikh", "Imam", "President", "Prime Minister", "Minister",
    "Governor", "Mayor", "Commander", "Judge", "Senator", "King", "Prince", "Emir",
)
ORG_HEADS: tuple[str, ...] = (
    "Ministry", "Forces", "Force", "Army", "Police", "Observatory", "Council", "Front",
    "Brigade", "Brigades", "Agency", "Organization", "Organisation", "Committee", "Office",
    "Party", "Movement", "Group", "Coalition", "Center", "Centre", "Network", "Times", "News",
    "Press", "Newspapers", "Service", "Services", "Government", "Authority", "Command",
    "Guard", "Corps", "Court", "Commission", "Institute", "Union", "Department", "Directorate",
    "Battalion", "Regiment", "Division", "Militia", "Mobilization", "Unit", "Units", "Tribune",
    "Post", "Herald", "Journal", "Blog", "Channel", "Television", "TV", "Radio", "Assembly",
)
# Heads of nominal place mentions ("a prison", "the facility", "an army barracks").
FACILITY_NOUNS: tuple[str, ...] = (
    "prison", "jail", "gaol", "penitentiary", "detention centre", "detention center", "facility",
    "lockup", "barracks", "camp", "base", "palace", "checkpoint", "police station", "headquarters",
    "compound", "airport", "mosque", "church", "market", "hospital", "school", "village", "town",
    "city", "country", "district", "province", "region", "neighbourhood", "neighborhood", "building",
)
PLACE_HEADS: tuple[str, ...] = (
    "Prison", "Jail", "Penitentiary", "Barracks", "Camp", "Base", "Palace", "Airport", "Mosque",
    "Church", "Hospital", "Square", "Province", "District", "Governorate", "Street", "Bridge",
    "City", "Village", "Region", "County", "State", "Valley", "Mountains", "Desert", "Market",
)
LOCATION_PREPS = re.compile(
    r"(?:\b(?:in|at|near|outside|across|inside|into|toward|towards|from|of the (?:city|town|village|province|district|region|neighbou?rhood|governorate) of|(?:city|town|village|province|district|region|neighbou?rhood|governorate|outskirts) of)\s+(?:the\s+)?)$"
)
REFERENCE_POINT = re.compile(
    r"(?:\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)(?:ern)?\s+of|\bnear|\boutside(?: of)?|\bclose to|\bfrom|\breporting from|\bborder with|\bacross the border (?:in|from))\s+(?:the\s+)?(?:(?:city|town|capital|village|province) of\s+)?$",
    re.I,
)

# --- events ---------------------------------------------------------------------------
# Always a prison break; escape words only with a detention or prisoner noun nearby.
PRISON_STRONG = re.compile(r"\b(?:jail ?breaks?|prison[- ]breaks?|break-?outs?|breakouts?|prison riots?|mass escapes?)\b", re.I)
ESCAPE_WORDS = re.compile(r"\b(?:escap(?:e|es|ed|ing|ees)|fled|flee(?:ing)?|freed|free|freeing|release[sd]?|riot(?:s|ed|ing)?|revolts?|mutin(?:y|ied|ies)|broke out|slipped out|storm(?:ed|ing)|attack(?:s|ed|ing)?|assaults?|raid(?:s|ed)?)\b", re.I)
PRISONER_WORDS = re.compile(r"\b(?:prisoners?|inmates?|detainees?|convicts?|fugitives|escapees|prisons?|jails?|gaols?|penitentiar(?:y|ies)|detention|lockups?|correctional)\b", re.I)
ATTACK_TRIGGERS = re.compile(
    r"\b(?:attack(?:s|ed|ing)?|assaults?|assaulted|raid(?:s|ed)?|bombings?|car bombs?|suicide (?:bomb(?:er|ing)?s?|attacks?)|explosions?|blasts?|air ?strikes?|strikes|ambush(?:ed|es)?|massacres?d?|shootings?|shelling|storm(?:ed|ing)|offensives?|gun ?battles?|gunfights?|clash(?:ed|es)?|broke into|opened fire|killing|killed|hit)\b",
    re.I,
)
# Wars and campaigns as wholes, and habitual violence, are not events.
GENERIC_VIOLENCE = re.compile(
    r"\b(?:war(?! monitor)|campaign|insurgency|in recent (?:months|years|weeks)|frequently|regularly|regular|routinely|often|increasingly|usually|tactic|common|wave of)\b",
    re.I,
)
_MONTH_NAMES = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
# Dates that place an incident: "May 8, 2011", "October 2010" / "in January" / "in 2013".
MONTH_YEAR = re.compile(r"\b(?P<month>" + _MONTH_NAMES + r")\s+(?:\d{1,2},?\s+)?(?P<year>(?:19|20)\d\d)\b")
PREP_MONTH = re.compile(r"\b(?:[Ii]n|[Oo]n|[Dd]uring|[Ll]ast|[Ee]arly|[Ll]ate|[Bb]y)\s+(?:early\s+|late\s+|mid-?)?(?P<month>" + _MONTH_NAMES + r")\b")
PREP_YEAR = re.compile(r"\b(?:[Ii]n|[Dd]uring)\s+(?P<year>(?:19|20)\d\d)\b")

# --- claims ---------------------------------------------------------------------------
RESPONSIBILITY_CUE = re.compile(r"\b(?:claim(?:ed|s|ing)?|took|takes|take|assumed|accepted)\s+(?:\w+\s+){0,2}?(?:responsibility|credit)\b|\bclaim(?:ed|s)?\s+(?:the|this)\s+(?:attack|assault|bombing|operation|raid)\b|\bclaimed\b(?:\s+\w+){0,4}?\s+that\s+(?:it|they)\b", re.I)
ACCUSATION_CUE = re.compile(r"\b(?:blam(?:ed|es|ing|e)|accus(?:ed|es|ing|e)|held\s+responsible|hold\s+responsible|pointed (?:the finger )?at|pointed to|implicated)\b", re.I)
RESPONSIBLE_CUE = re.compile(r"\b(?:is|are|was|were|be)\s+(?:\w+\s+)?(?:responsible|behind|to blame)\b", re.I)
DENIAL_CUE = re.compile(r"\b(?:den(?:ied|ies|y|ying))\s+(?:\w+\s+){0,2}?(?:responsibility|involvement|any role|role|being behind|links?|carrying out)\b", re.I)

# --- boilerplate ----------------------------------------------------------------------
BOILERPLATE = re.compile(
    r"^\s*(?:also read|read more|read also|related\b|recommended|share (?:this|on|via)|share$|subscribe|sign up|sign in|log in|leave a (?:reply|comment)|join (?:our|the) (?:comment|conversation|forum|newsletter)|join thought|comments?\s*$|no comments|published (?:on|by)|thank you for|please (?:refresh|select|support|donate|consider)|advertisement|click here|follow us|your email|newsletter|copyright|©|all rights reserved|photo:|image:|watch:|listen:)",
    re.I,
)
BOILERPLATE_ANYWHERE = re.compile(r"\b(?:newsletter|donat(?:e|ion)|paywall|inbox|subscribe|cookies?|logged in|commenting forum)\b", re.I)
