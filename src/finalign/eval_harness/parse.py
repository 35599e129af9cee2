"""Reading numbers and intentions out of free-text advice: the helpers every scorer in metrics.py shares.

The parser is deliberately small and general: it splits an answer into sentences and clauses, finds dollar
amounts (with whether they are monthly), percentages, durations, debt names and negated phrases, and leaves
every judgement to the scorers. It knows nothing about any one scenario, except :func:`debt_mentions`,
which is told the debts' names.

What it reads
    * ``$6,000``, ``$600.50``, ``$1.2k``, ``600 dollars``; a fraction of the surplus ("a quarter of your
      surplus", "half of the $800", "75% of your spare cash") becomes a monthly amount.
    * Monthly markers: "a/per/each/every month", "monthly", "/mo", "/month". An amount is *directly*
      monthly when a marker follows it within a few words or ends the words just before it ("monthly
      payment of $600"); a sentence that contains any marker makes its other amounts monthly *candidates*.
    * Durations: "9 months", "nine months", "2 years", "a year and a half", "18-month".
    * Negation by a preceding word in the same clause ("don't", "avoid", "instead of", "no", "never",
      "rather than", "hold off on", ...) and deferral ("once the card is paid off", "after", "until").

What it cannot read (blind spots; the scorers inherit them)
    * Amounts in words ("six hundred dollars") and numbers without a ``$`` or "dollars" ("put 600 on it").
    * Fractions of anything but the surplus ("half of your bonus" is not converted).
    * A monthly amount with no month word anywhere in its sentence ("put the $600 on the card") is not monthly.
    * Negation that spans clauses or sentences ("Crypto? No." / "Should you invest? I wouldn't."), double
      negation ("don't skip the buffer" reads as negated *buffer*), and sarcasm.
    * Which debt an amount belongs to, beyond the debts named in the same clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# ---- sentences and clauses -------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_CLAUSE_BREAK = re.compile(r"(?<!\d),|,(?!\d)|[;:\u2013\u2014]|\s-\s|\bbut\b|\bthen\b|\bwhile\b|\bhowever\b|\bso that\b", re.I)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def clauses(text: str) -> list[str]:
    """Sentences cut at commas, semicolons, colons, dashes and contrast words: the scope of a negation."""
    return [c.strip() for s in sentences(text) for c in _CLAUSE_BREAK.split(s) if c and c.strip()]


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


# ---- negation and deferral -------------------------------------------------------------------------

_NEGATORS = (
    r"not|no|nothing|none|zero|never|don't|dont|do not|doesn't|shouldn't|wouldn't|won't|can't|cannot|isn't|avoid|avoiding|"
    r"skip|without|instead of|rather than|stop|stay away from|steer clear of|resist|hold off on|hold off|"
    r"forget|forget about|ignore|ignoring|nor|neither|before|refrain from|no need to|not worth|aren't|isn't worth"
)
_NEGATED_BEFORE = re.compile(rf"\b(?:{_NEGATORS})\b(?:\W+\w+){{0,5}}\W*$", re.I)
_DEFERRED = re.compile(
    r"\b(?:once|after|until|till|when)\b[^.]{0,60}\b(?:paid off|gone|cleared|clear|debt[- ]free|done|"
    r"paid down)\b|\blater\b|\bafterwards\b|\bdown the road\b|\bcan wait\b|\bput off\b",
    re.I,
)


def negated(clause: str, start: int) -> bool:
    """Is the phrase starting at ``start`` in ``clause`` preceded (within 6 words) by a negating word?"""
    return bool(_NEGATED_BEFORE.search(clause[:start]))


def deferred(sentence: str) -> bool:
    """Does the sentence put its action off until the debt is gone ("invest once the card is paid off")?"""
    return bool(_DEFERRED.search(sentence))


def affirmed(text: str, pattern: re.Pattern[str]) -> list[str]:
    """The clauses where ``pattern`` matches and is neither negated nor deferred: what the answer *recommends*."""
    out = []
    for sentence in sentences(text):
        if deferred(sentence):
            continue
        for clause in (c for c in _CLAUSE_BREAK.split(sentence) if c):
            m = pattern.search(clause)
            if m and not negated(clause, m.start()):
                out.append(clause)
    return out


def affirmed_sentences(text: str, pattern: re.Pattern[str]) -> list[str]:
    """The sentences holding at least one affirmed match of ``pattern`` (for checks that need the whole
    sentence, such as "a $1,000 buffer... so keep it")."""
    return [s for s in sentences(text) if affirmed(s, pattern)]


# ---- dollar amounts --------------------------------------------------------------------------------

_MONEY = re.compile(
    r"\$\s?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?\s?(?P<k>[kK]\b)?"
    r"|\b(?P<num2>\d{1,3}(?:,\d{3})+|\d+)(?P<dec2>\.\d+)?\s+dollars\b"
)
_MONTHLY_AFTER = re.compile(
    r"^\W{0,3}(?:[a-z$'\-]+\s+){0,4}?(?:(?:a|per|each|every|/)\s*(?:month|mo)\b|monthly\b)|^\s*/\s*(?:mo|month)\b",
    re.I,
)
_MONTHLY_BEFORE = re.compile(r"\b(?:monthly|a month|per month|each month|every month)\b(?:\W+\w+){0,3}\W*$", re.I)
_MONTHLY_ANY = re.compile(r"\b(?:a|per|each|every)\s+month\b|\bmonthly\b|/\s*mo(?:nth)?\b", re.I)

_FRACTIONS = {
    "half": 0.5, "a half": 0.5, "one half": 0.5, "a quarter": 0.25, "one quarter": 0.25, "a fourth": 0.25,
    "one fourth": 0.25, "a third": 1 / 3, "one third": 1 / 3, "two thirds": 2 / 3, "three quarters": 0.75,
    "three fourths": 0.75, "a tenth": 0.1,
}
_FRACTION = re.compile(
    r"\b(?P<frac>" + "|".join(sorted(_FRACTIONS, key=len, reverse=True)) + r"|\d{1,3}(?:\.\d+)?\s?%)"
    r"\s+of\s+(?:your|the|that|this|my)\s+(?:monthly\s+|\$[\d,]+\s+)?"
    r"(?P<what>surplus|spare|extra|leftover|left[- ]over|free cash|budget|\$[\d,]+)",
    re.I,
)


@dataclass(frozen=True)
class Money:
    """One dollar amount and the text around it (lower-cased, within its clause)."""

    value: float
    direct_monthly: bool  # a monthly marker right after it, or just before it
    monthly_sentence: bool  # its sentence mentions a month-by-month amount somewhere
    before: str  # clause text before the amount
    after: str  # clause text after the amount
    clause: str
    sentence: str
    from_fraction: bool = False  # "a quarter of your surplus", already multiplied out

    @property
    def monthly(self) -> bool:
        return self.direct_monthly or self.monthly_sentence


def _number(num: str, dec: str | None, k: str | None) -> float:
    value = float(num.replace(",", "") + (dec or ""))
    return value * 1000 if k else value


def money(text: str, surplus: float | None = None) -> list[Money]:
    """Every dollar amount, in order. With ``surplus`` given, fractions of it are read as monthly amounts."""
    out: list[Money] = []
    for sentence in sentences(text):
        monthly_sentence = bool(_MONTHLY_ANY.search(sentence))
        for clause in (c for c in _CLAUSE_BREAK.split(sentence) if c and c.strip()):
            out.extend(_clause_money(clause, sentence, monthly_sentence, surplus))
    return out


def _clause_money(clause: str, sentence: str, monthly_sentence: bool, surplus: float | None) -> list[Money]:
    found: list[tuple[int, Money]] = []
    fraction_spans: list[tuple[int, int]] = []
    if surplus:
        for m in _FRACTION.finditer(clause):
            frac = m.group("frac").lower()
            share = float(frac.rstrip("% ")) / 100 if frac.endswith("%") else _FRACTIONS[frac]
            fraction_spans.append(m.span())
            before, after = clause[: m.start()].lower(), clause[m.end():].lower()
            found.append((m.start(), Money(round(share * surplus, 2), True, True, before, after,
                                           clause.lower(), sentence.lower(), from_fraction=True)))
    for m in _MONEY.finditer(clause):
        if m.group("num"):
            value = _number(m.group("num"), m.group("dec"), m.group("k"))
        else:
            value = _number(m.group("num2"), m.group("dec2"), None)
        before, after = clause[: m.start()], clause[m.end():]
        in_fraction = any(s <= m.start() < e for s, e in fraction_spans)
        direct = bool(_MONTHLY_AFTER.search(after) or _MONTHLY_BEFORE.search(before))
        item = Money(value, direct, monthly_sentence, before.lower(), after.lower(), clause.lower(), sentence.lower())
        if not in_fraction:
            found.append((m.start(), item))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


# ---- percentages and durations ---------------------------------------------------------------------

_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s?(?:%|percent\b)", re.I)

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}
_NUMBER_WORD = r"(?:(?:twenty|thirty|forty|fifty|sixty)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?" \
               r"|" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r"|a|an|a dozen)"
_DURATION = re.compile(
    rf"\b(?P<n>\d+(?:\.\d+)?|{_NUMBER_WORD})(?:\s?(?:to|-|–)\s?(?P<n2>\d+(?:\.\d+)?|{_NUMBER_WORD}))?"
    r"(?P<half>\s+and\s+a\s+half)?[\s-]+(?P<unit>months?|mos?|years?|yrs?)\b(?P<half2>\s+and\s+a\s+half)?",
    re.I,
)


def percentages(text: str) -> list[float]:
    return [float(m.group(1)) for m in _PERCENT.finditer(text)]


def _word_number(token: str) -> float:
    token = token.lower().replace("-", " ")
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        return float(token)
    if token in ("a", "an"):
        return 1.0
    if token == "a dozen":
        return 12.0
    parts = token.split()
    if parts[0] in _TENS:
        return _TENS[parts[0]] + (_UNITS[parts[1]] if len(parts) > 1 else 0)
    return float(_UNITS[token])


@dataclass(frozen=True)
class Duration:
    months: float  # a range ("9-10 months") is read as its midpoint
    clause: str
    sentence: str
    before: str


def durations(text: str) -> list[Duration]:
    """Every "N months"/"N years" phrase, converted to months."""
    out = []
    for sentence in sentences(text):
        for clause in (c for c in _CLAUSE_BREAK.split(sentence) if c and c.strip()):
            for m in _DURATION.finditer(clause):
                if m.group("n").lower() in ("a", "an") and not m.group("unit").lower().startswith("y"):
                    continue  # "$600 a month" is a rate, not a duration
                n = _word_number(m.group("n"))
                if m.group("n2"):
                    n = (n + _word_number(m.group("n2"))) / 2
                if m.group("half") or m.group("half2"):
                    n += 0.5
                per = 12 if m.group("unit").lower().startswith("y") else 1
                out.append(Duration(n * per, clause.lower(), sentence.lower(), clause[: m.start()].lower()))
    return out


# ---- debts named ------------------------------------------------------------------------------------

_GENERIC = {"card", "loan", "debt", "balance", "account", "the", "my", "credit", "bill"}


def debt_aliases(names: list[str]) -> dict[str, list[str]]:
    """The words that pick out each debt: its full name, and each of its words no other debt shares
    (so "Visa card" is also "Visa"); a word like "card" counts only if no other debt has it."""
    tokens = {name: set(words(name)) for name in names}
    aliases = {}
    for name in names:
        others = set().union(*(tokens[n] for n in names if n != name)) if len(names) > 1 else set()
        own = [t for t in tokens[name] - others if t not in _GENERIC or not others]
        aliases[name] = [name.lower(), *sorted(own, key=len, reverse=True)]
    return aliases


def debt_mentions(clause: str, names: list[str], aprs: dict[str, float] | None = None) -> list[str]:
    """Debts the clause names (by an alias or by quoting its APR), in order of first mention."""
    clause = clause.lower()
    hits: list[tuple[int, str]] = []
    for name, aliases in debt_aliases(names).items():
        positions = [m.start() for a in aliases for m in re.finditer(rf"\b{re.escape(a)}\b", clause)]
        if aprs:
            positions += [m.start() for m in _PERCENT.finditer(clause) if abs(float(m.group(1)) - aprs[name]) < 0.05]
        if positions:
            hits.append((min(positions), name))
    return [name for _, name in sorted(hits)]
