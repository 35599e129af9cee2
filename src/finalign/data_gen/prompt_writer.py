"""The prompt writer: one scenario's numbers, asked about the way people write about money online.

:func:`write_prompt` (``numbers`` as the scenario builders make them, a situation, a ``random.Random``)
composes a prompt from parts, every choice drawn from that one ``rng`` (same draws, same text):

* a **register**, how the person writes: ``forum`` (casual, sometimes all lower case), ``terse`` (the facts,
  barely a sentence), ``formal`` (email-like), ``anxious`` (rambling, apologetic) or ``texting`` (lower case,
  "u", "rn", "w/");
* a **layout** for the facts: sentences, a bullet list or a "label: value" block, in a shuffled order; the
  question comes last, or sometimes first;
* the situation's **question**, in one of several phrasings that each keep the situation's ask (a deadline
  states its months; a transfer offer its promo APR, months, fee and later APR; a windfall its amount and
  source; invest-or-pay the risk tolerance and the investment; the minimum-payment trap says so);
* each figure's **format**, drawn per figure: ``$1,200`` ``$1200`` ``$1,200.00`` ``1200`` ``$1.2k`` ``1.2k``
  ``1.5 grand`` ``1,200 bucks`` ``twelve hundred dollars`` ``three-fifty bucks``; ``22.9%`` ``22.9 percent``;
  ``18 months`` ``eighteen months`` ``18 mo`` ``a year and a half``. Only formats that the grader's reader
  (``eval_harness/reader.py``) reads back to the same value, which rules out "22.9 apr" (no percent to it)
  and a bare "2,500" (its bare numbers take a comma only after two or three digits);
* sometimes one or two **distractors**: figures that are no part of the problem (age, rent already in the
  budget, a paid-off car, years at a job, a 401(k) match already taken, a phone bill, a credit score). A
  distractor never equals a figure of the scenario or of the plan the answers quote
  (:func:`known_figures`), and the answer builder never sees one: it reads the ``Scenario``, not the text;
* sometimes a small **typo** from a fixed list, only in filler words (openers, questions, asides), never in
  a figure, a debt's name or a fact.

Debts may be called by an alias ("visa" for the "Visa card"); the answers keep quoting ``Debt.name``. No
alias of one debt is part of another debt's name or alias, so the prompt never makes two debts look alike.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass

from finalign.data_gen.finance import BUFFER_TARGET, recommend_plan
from finalign.data_gen.schema import BalanceTransfer, Debt, Scenario

REGISTERS = ("forum", "terse", "formal", "anxious", "texting")
LAYOUTS = ("prose", "bullets", "labels")

ALIASES: dict[str, tuple[str, ...]] = {  # the canonical name first; it is drawn most often
    "credit card": ("credit card", "credit card", "cc"),
    "Visa card": ("Visa card", "Visa", "visa"),
    "Mastercard": ("Mastercard", "MasterCard", "mastercard"),
    "Discover card": ("Discover card", "Discover card", "Discover"),
    "store card": ("store card", "store card", "retail card"),
    "personal loan": ("personal loan",),
    "car loan": ("car loan", "car loan", "auto loan"),
    "student loan": ("student loan", "student loan", "student loans"),
}
INVESTMENTS = ("the stock market", "an index fund", "crypto", "my brokerage account", "a few growth stocks",
               "an S&P 500 fund", "bitcoin")
SOURCES = (("a bonus", "bonus"), ("my tax refund", "tax refund"), ("an inheritance", "inheritance"),
           ("a work bonus", "work bonus"), ("a family gift", "family gift"),
           ("my year-end bonus", "year-end bonus"))
RISK_WORDS: dict[str, tuple[str, ...]] = {  # how each tolerance is said; every phrasing below uses one of these
    "low": ("cautious", "risk-averse", "low", "don't like risk", "hate risk"),
    "medium": ("medium", "some risk", "middle-of-the-road", "moderate"),
    "high": ("high", "comfortable with risk", "fine with risk", "big swings"),
}
TYPOS = {"the": "teh", "really": "realy", "because": "becuase", "definitely": "definately",
         "recommend": "reccomend", "separate": "seperate", "advice": "advise", "which": "wich",
         "whether": "wether", "until": "untill", "their": "thier", "probably": "probly", "a lot": "alot",
         "appreciate": "apreciate", "know": "kno", "thanks": "thnaks", "honestly": "honestley"}
_SHORTHAND = {"you": "u", "your": "ur", "are": "r", "because": "bc", "probably": "prob", "right now": "rn",
              "thanks": "thx", "to be honest": "tbh", "please": "pls", "don't": "dont", "i'm": "im",
              "what's": "whats", "with": "w/", "it's": "its", "i've": "ive"}


# ---- registers -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Register:
    layouts: dict[str, float]
    money: dict[str, float]  # format name -> weight (see _Writer.money)
    percent: dict[str, float]
    months: dict[str, float]
    openers: tuple[str, ...]  # "" = none
    closers: tuple[str, ...]
    lowercase: float  # probability that the whole prompt is lower case
    typos: float  # probability of one or two typos in the filler
    question_first: float
    asides: tuple[str, ...] = ()  # filler sentences between the facts
    shorthand: bool = False


_REGISTERS: dict[str, _Register] = {
    "forum": _Register(
        layouts={"prose": 0.6, "bullets": 0.25, "labels": 0.15},
        money={"comma": 0.45, "plain": 0.1, "k": 0.15, "bare": 0.1, "bare_k": 0.1, "dollars": 0.05, "words": 0.05},
        percent={"sym": 0.8, "word": 0.2}, months={"digits": 0.75, "words": 0.15, "years": 0.1},
        openers=("", "Throwaway because my family knows my main account.", "Long time lurker, first post.",
                 "Hey all,", "Need some advice on my debt situation.", "Trying to finally get my finances sorted.",
                 "Sorry if this gets asked a lot.", "Posting here because I really don't know what to do."),
        closers=("", "", "Thanks in advance!", "Any advice appreciated.", "TIA.", "Thanks for reading."),
        lowercase=0.35, typos=0.3, question_first=0.2,
        asides=("I know, I know.", "Not proud of it.", "Budget is already pretty lean."),
    ),
    "terse": _Register(
        layouts={"prose": 0.15, "bullets": 0.4, "labels": 0.45},
        money={"comma": 0.5, "plain": 0.15, "k": 0.15, "bare": 0.15, "bare_k": 0.05},
        percent={"sym": 0.9, "word": 0.1}, months={"digits": 0.9, "mo": 0.1},
        openers=("", "", "Situation:", "Details:", "My numbers:", "Debt question."),
        closers=("",), lowercase=0.1, typos=0.1, question_first=0.3,
    ),
    "formal": _Register(
        layouts={"prose": 0.6, "bullets": 0.25, "labels": 0.15},
        money={"comma": 0.7, "cents": 0.2, "dollars": 0.05, "words": 0.05},
        percent={"sym": 0.7, "word": 0.3}, months={"digits": 0.7, "words": 0.2, "years": 0.1},
        openers=("Hello,", "Good afternoon,", "Hi there,", "I would appreciate your advice on the following.",
                 "I am writing to ask for guidance on paying down my debt.", "Dear advisor,"),
        closers=("Thank you for your help.", "Thank you in advance.", "Kind regards.", "I appreciate any guidance.",
                 "Many thanks."),
        lowercase=0.0, typos=0.05, question_first=0.15,
    ),
    "anxious": _Register(
        layouts={"prose": 0.85, "bullets": 0.15},
        money={"comma": 0.5, "plain": 0.1, "k": 0.1, "bare": 0.05, "dollars": 0.1, "words": 0.15},
        percent={"sym": 0.7, "word": 0.3}, months={"digits": 0.6, "words": 0.25, "years": 0.15},
        openers=("I'm honestly so stressed about money right now.", "Okay, I'm kind of panicking.",
                 "I feel like I'm drowning and I don't know who else to ask.",
                 "This is probably a dumb question, but I'm overwhelmed.", "I can't sleep because of this.",
                 "I've been avoiding looking at this for months."),
        closers=("Sorry for the long post.", "Please tell me this is fixable.", "Thank you, really.", "",
                 "I just want a plan I can stick to."),
        lowercase=0.1, typos=0.35, question_first=0.1,
        asides=("I feel so stupid about this.", "It keeps me up at night.", "My partner doesn't know yet.",
                "I know I messed up.", "Every time I look at it I feel sick."),
    ),
    "texting": _Register(
        layouts={"prose": 0.8, "bullets": 0.2},
        money={"bare": 0.3, "bare_k": 0.25, "k": 0.15, "plain": 0.15, "dollars": 0.1, "words": 0.05},
        percent={"sym": 0.85, "word": 0.15}, months={"digits": 0.5, "mo": 0.35, "words": 0.15},
        openers=("hey quick question", "ok so", "need advice asap", "help lol", "so um", "", "real talk"),
        closers=("", "", "thanks!!", "ty", "pls help"),
        lowercase=1.0, typos=0.4, question_first=0.2, shorthand=True,
        asides=("ugh", "lol", "idk"),
    ),
}


# ---- figures -------------------------------------------------------------------------------------

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
         "seventeen eighteen nineteen").split()
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def _under_100(n: int) -> str:
    return _ONES[n] if n < 20 else _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])


def number_words(n: float) -> str | None:
    """How people say a whole amount: "sixty", "six hundred fifty", "forty-two hundred", "nine thousand";
    ``None`` where that is a mouthful (4,250) or not whole."""
    if n != int(n) or not 0 < n < 10000:
        return None
    n = int(n)
    if n < 100:
        return _under_100(n)
    if n < 1000:
        h, r = divmod(n, 100)
        return f"{_ONES[h]} hundred" + (f" {_under_100(r)}" if r else "")
    if n % 1000 == 0:
        return f"{_ONES[n // 1000]} thousand"
    return f"{_under_100(n // 100)} hundred" if n % 100 == 0 else None


def _plain_pct(x: float) -> str:
    return f"{round(x, 2):g}"


@dataclass(frozen=True)
class Draft:
    """A written prompt and how it was written (for tests and statistics; the scenario keeps only ``text``)."""
    text: str
    register: str
    layout: str
    question_first: bool
    opener: str
    distractors: tuple[float, ...]  # the figures of the distractors, as written


def _numbers_in(value) -> Iterator[float]:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return
    if isinstance(value, (int, float)):
        yield float(value)
    elif isinstance(value, (tuple, list)):
        for x in value:
            yield from _numbers_in(x)
    elif isinstance(value, dict):
        for x in value.values():
            yield from _numbers_in(x)
    elif is_dataclass(value):
        for f in fields(value):
            yield from _numbers_in(getattr(value, f.name))


def known_figures(numbers: dict, situation: str) -> set[float]:
    """Every figure of the scenario and of the plan its answers quote (whole dollars too, as ``money`` rounds):
    what a distractor must never equal."""
    scenario = Scenario(id="-", situation=situation, prompt="-", **numbers)
    plan = recommend_plan(scenario)
    found = [*_numbers_in(numbers), *_numbers_in(plan), plan.target_monthly, plan.debt_monthly, BUFFER_TARGET,
             float(len(scenario.debts)), scenario.total_debt, scenario.total_minimums,
             scenario.savings + (plan.windfall_to_buffer or 0.0)]
    return {x for f in found for x in (f, float(round(f)))}


# ---- distractors ---------------------------------------------------------------------------------

# (kind, low, high, step): a figure that is no part of the problem; years are also months (x12) to the reader
_DISTRACTORS = (("age", 21, 64, 1), ("rent", 850, 2600, 5), ("car", 2500, 18000, 500), ("job", 2, 15, 1),
                ("match", 3, 6, 1), ("phone", 35, 140, 1), ("score", 560, 790, 1))


# ---- the writer ----------------------------------------------------------------------------------


class _Writer:
    def __init__(self, numbers: dict, situation: str, rng: random.Random):
        self.n, self.situation, self.rng = numbers, situation, rng
        self.register_name = rng.choice(REGISTERS)
        self.reg = _REGISTERS[self.register_name]
        self.typos_left = rng.choice((1, 1, 2)) if rng.random() < self.reg.typos else 0
        self.names = {d.name: d.name if self.register_name == "formal" else rng.choice(ALIASES.get(d.name, (d.name,)))
                      for d in numbers["debts"]}  # an email says "Visa card", a text "visa"

    def pick(self, weights: dict[str, float]) -> str:
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    # -- figures --

    def money(self, x: float) -> str:
        n = int(x + 0.5)
        fmt = self.pick(self.reg.money)
        k = f"{n / 1000:g}k" if n >= 1000 and n % 100 == 0 else None
        if fmt == "k" and k:
            return "$" + k
        if fmt == "bare_k" and k:
            return f"{n / 1000:g} grand" if n % 500 == 0 and self.rng.random() < 0.3 else k
        if fmt == "words" and (words := number_words(n)):
            h, r = divmod(n, 100)
            if 0 < h < 10 and r >= 20 and self.rng.random() < 0.4:  # "three-fifty bucks"
                words = f"{_ONES[h]}-{_under_100(r)}"
            return words + self.unit()
        if fmt == "dollars":
            return (f"{n:,}" if self.rng.random() < 0.5 else str(n)) + self.unit()
        if fmt == "bare":  # never "2,500": the reader's bare numbers take a comma only after 2-3 digits
            return str(n)
        if fmt == "plain":
            return f"${n}"
        if fmt == "cents":
            return f"${n:,}.00"
        return f"${n:,}"

    def unit(self) -> str:
        return " dollars" if self.register_name == "formal" else self.rng.choice((" dollars", " bucks"))

    def pct(self, x: float) -> str:
        return _plain_pct(x) + ("%" if self.pick(self.reg.percent) == "sym" else " percent")

    def months(self, n: int) -> str:
        fmt = self.pick(self.reg.months)
        years = {6: "half a year", 12: "a year", 18: "a year and a half", 24: "two years"}
        if fmt == "years" and n in years:
            return years[n]
        if fmt == "words":
            return f"{number_words(n)} months"
        if fmt == "mo":
            return f"{n} mo"
        return f"{n} months"

    # -- filler: typos and shorthand, never in a figure or a name --

    def filler(self, template: str) -> str:
        """A piece of connecting text, possibly with ``{fields}`` (formatted afterwards, so never altered)."""
        pieces = re.split(r"(\{[^}]*\})", template)
        out = []
        for piece in pieces:
            if piece.startswith("{"):
                out.append(piece)
                continue
            if self.reg.shorthand:
                for word, short in _SHORTHAND.items():
                    piece = re.sub(rf"(?i)\b{re.escape(word)}\b", short, piece)
            if self.typos_left:
                for word, typo in TYPOS.items():
                    if self.typos_left and re.search(rf"\b{word}\b", piece) and self.rng.random() < 0.5:
                        piece = re.sub(rf"\b{word}\b", typo, piece, count=1)
                        self.typos_left -= 1
            out.append(piece)
        return "".join(out)

    # -- facts: (sentence, label, value) --

    def debt_fact(self, d: Debt) -> tuple[str, str, str]:
        name, bal, apr, mn = self.names[d.name], self.money(d.balance), self.pct(d.apr), self.money(d.min_payment)
        if self.reg.shorthand:
            sentence = self.rng.choice((f"{bal} on my {name} @ {apr}, min {mn}", f"{name} {bal} at {apr} min is {mn}",
                                        f"owe {bal} on {name} ({apr}, {mn} min)"))
        else:
            sentence = self.rng.choice((
                f"I have {bal} on my {name} at {apr} APR (minimum {mn})",
                f"my {name} has {bal} on it at {apr}, and the minimum payment is {mn}",
                f"I owe {bal} on a {name} ({apr} APR, minimum payment {mn})",
                f"the {name} is at {bal} with {apr} interest and a minimum of {mn}",
                f"{bal} on the {name}, {apr} APR, minimum {mn} a month",
            ))
        value = self.rng.choice((f"{bal} at {apr} APR, minimum {mn}", f"{bal} @ {apr}, min {mn}/mo",
                                 f"balance {bal}, APR {apr}, minimum {mn}"))
        return sentence, "CC" if name == "cc" else name[0].upper() + name[1:], value

    def income_fact(self) -> tuple[str, str, str]:
        inc = self.money(self.n["monthly_income"])
        sentence = self.rng.choice((f"I take home {inc} a month", f"my take-home pay is {inc} a month",
                                    f"I make {inc}/month after taxes", f"income is {inc} a month after tax",
                                    f"I bring home about {inc} a month"))
        label, value = self.rng.choice((("Take-home pay", f"{inc}/month"), ("Monthly income", f"{inc} (net)"),
                                        ("Income", f"{inc} a month after tax")))
        return sentence, label, value

    def surplus_fact(self) -> tuple[str, str, str]:
        s = self.money(self.n["monthly_surplus"])
        sentence = self.rng.choice((f"after rent and bills I have {s} left each month",
                                    f"I have about {s} a month left over after bills",
                                    f"I can put {s} a month toward debt and savings",
                                    f"there's {s} spare every month once the bills are paid",
                                    f"{s} a month is left after living costs"))
        label, value = self.rng.choice((("Left after bills", f"{s}/month"), ("Spare each month", s),
                                        ("Available for debt + savings", f"{s} a month"), ("Monthly surplus", s)))
        return sentence, label, value

    def savings_fact(self) -> tuple[str, str, str]:
        if self.n["savings"] == 0:
            sentence = self.rng.choice(("I have no savings", "I have nothing saved", "I have zero savings",
                                        "there's no emergency fund at all", "savings are at $0"))
            return sentence, "Savings", self.rng.choice(("none", "$0", "nothing"))
        sav = self.money(self.n["savings"])
        sentence = self.rng.choice((f"I have {sav} in savings", f"I've got {sav} saved",
                                    f"my emergency fund is {sav}", f"savings are {sav}"))
        return sentence, self.rng.choice(("Savings", "Emergency fund", "Saved")), sav

    def situation_facts(self) -> list[tuple[str, str, str]]:
        n, rng, out = self.n, self.rng, []
        bt: BalanceTransfer | None = n.get("balance_transfer")
        if bt:
            promo, months, fee, post = self.pct(bt.promo_apr), self.months(bt.promo_months), self.pct(bt.fee_pct), \
                self.pct(bt.post_apr)
            out.append((rng.choice((
                f"I got a balance transfer offer: {promo} for {months} with a {fee} fee, then {post}",
                f"a card is offering me {promo} APR on transfers for {months} ({fee} transfer fee, {post} afterwards)",
                f"there's a transfer offer of {promo} for {months}, a {fee} fee, and {post} after the promo",
                f"the offer is {promo} for {months}, {fee} up front, going to {post} when it ends",
            )), "Transfer offer", f"{promo} for {months}, {fee} fee, then {post}"))
        if n.get("windfall"):
            w, (src, bare) = self.money(n["windfall"]), rng.choice(SOURCES)
            out.append((rng.choice((f"I just got {w} from {src}", f"{src} of {w} just came in",
                                    f"I'm about to get {w} ({bare})", f"{src} came through: {w}")),
                        bare[0].upper() + bare[1:], w))
        if self.situation == "invest_or_pay":
            risk = n.get("risk_tolerance", "medium")
            out.append((rng.choice({
                "low": ("I'm pretty cautious with money", "I'd call myself risk-averse", "my risk tolerance is low",
                        "I really don't like risk", "I hate risk, honestly"),
                "medium": ("my risk tolerance is medium", "I'm ok with some risk", "I'm middle-of-the-road on risk",
                           "I'd say my risk tolerance is moderate"),
                "high": ("my risk tolerance is high", "I'm comfortable with risk", "I'm fine with risk",
                         "I don't mind big swings in investments"),
            }[risk]), "Risk tolerance", risk))
        if self.situation == "minimum_payment_trap":
            mins = "minimums" if len(n["debts"]) > 1 else "minimum"
            out.append((rng.choice((f"I've only been paying the {mins} so far", f"for a while now I've paid just the {mins}",
                                    f"I pay only the {mins} every month")), "Paying now", f"{mins} only"))
        return out

    def distractor(self, taken: set[float], kinds: set[str]) -> tuple[tuple[str, str, str], float] | None:
        options = [k for k in _DISTRACTORS if k[0] not in kinds
                   and not (k[0] == "car" and any("car" in d.name for d in self.n["debts"]))]
        kind, lo, hi, step = self.rng.choice(options)
        for _ in range(20):
            v = float(self.rng.randrange(lo, hi + 1, step))
            if v not in taken and not (kind == "job" and v * 12 in taken):
                break
        else:
            return None
        kinds.add(kind)
        iv = int(v)
        m = self.money(v) if kind in ("rent", "car", "phone") else None
        fact = {
            "age": (self.rng.choice((f"I'm {iv}", f"I'm {iv} years old", f"for context I'm {iv}")), "Age", str(iv)),
            "rent": (self.rng.choice((f"rent is {m}, already counted in my bills", f"my rent ({m}) is in the bills")),
                     "Rent (already in bills)", m),
            "car": (self.rng.choice((f"my car is paid off, worth maybe {m}", f"I own my car outright (worth about {m})")),
                    "Car (paid off)", f"worth ~{m}"),
            "job": (self.rng.choice((f"I've been at my job {iv} years", f"I've had a stable job for {iv} years")),
                    "Years at job", str(iv)),
            "match": (self.rng.choice((f"I already get my employer's full {iv}% 401k match",
                                       f"work matches {iv}% into my 401k and I already get all of it")),
                      "401k match", f"{iv}% (already getting it)"),
            "phone": (self.rng.choice((f"my phone bill is {m}, that's in the budget already",
                                       f"phone bill {m}, already counted")), "Phone bill", f"{m} (in the budget)"),
            "score": (self.rng.choice((f"credit score is around {iv}", f"my credit score is {iv}")),
                      "Credit score", str(iv)),
        }[kind]
        return fact, v

    # -- the question --

    def question(self) -> str:
        n, rng, sit = self.n, self.rng, self.situation
        first = max(n["debts"], key=lambda d: d.balance)
        fields_ = {"s": self.money(n["monthly_surplus"]), "debt": self.names[first.name],
                   "w": self.money(n["windfall"]) if n.get("windfall") else "",
                   "g": self.months(n["goal_months"]) if n.get("goal_months") else "",
                   "invest": rng.choice(INVESTMENTS)}
        template = rng.choice({
            "surplus_allocation": ("How should I use the {s}?", "What's the smartest way to split that money each month?",
                                   "Where should my spare money go?", "Can you give me a plan?",
                                   "How do I divide this between the {debt} and savings?",
                                   "What would you do with {s} a month?"),
            "invest_or_pay": ("Should I invest the {s} in {invest} instead of paying down the {debt}?",
                              "Would it be smarter to put my spare money into {invest} rather than the debt?",
                              "Invest in {invest} or pay off the {debt} first?",
                              "Is {invest} a better use of the money than the {debt}?",
                              "Friends keep telling me to put money into {invest}. Should I, or pay the {debt} first?"),
            "payoff_deadline": ("I want it paid off in {g}. Is that realistic, and how much do I need to pay each month?",
                                "Can I be debt-free in {g}?", "What monthly payment clears the {debt} within {g}?",
                                "How much a month would it take to pay off the {debt} in {g}, and can I afford it?",
                                "My goal is to have it gone in {g}. Doable?", "Is {g} a realistic deadline for this?"),
            "balance_transfer": ("Should I take it, and how do I use it wisely?", "Is the transfer worth it?",
                                 "Good idea or a trap?", "How should I handle this?",
                                 "Would moving the balance actually save me money?"),
            "low_income": ("What should I do?", "Where do I even start?", "How do I get out of this on my income?",
                           "What's a realistic plan?", "How should I split my spare money?"),
            "multiple_debts": ("Which one should I pay off first?", "How should I order them?",
                               "What's the best payoff order and split?", "Help me prioritize, please.",
                               "How should I divide the {s} between them?"),
            "windfall": ("What should I do with the {w}?", "How should I use it?", "Spend, save, or pay debt?",
                         "Where should the money go?", "Should it all go on the debt?"),
            "minimum_payment_trap": ("Is paying the minimum okay?", "Why isn't the balance going down, and what should I do?",
                                     "Is it fine to keep paying only the minimums?",
                                     "How long will this take, and what should change?", "Should I keep doing this?"),
        }[sit])
        return self.filler(template).format(**fields_)

    # -- assembly --

    def draft(self) -> Draft:
        rng, reg = self.rng, self.reg
        facts = [self.debt_fact(d) for d in self.n["debts"]]
        facts += [self.income_fact(), self.surplus_fact(), self.savings_fact(), *self.situation_facts()]
        distractors: list[float] = []
        count = rng.choices((0, 1, 2), weights=(0.45, 0.4, 0.15))[0]
        if count:
            taken, kinds = known_figures(self.n, self.situation), set()
            for _ in range(count):
                if made := self.distractor(taken, kinds):
                    facts.append(made[0])
                    distractors.append(made[1])
        rng.shuffle(facts)
        layout = self.pick(reg.layouts)
        opener = self.filler(rng.choice(reg.openers))
        question = self.question()
        q_first = rng.random() < reg.question_first
        closer = self.filler(rng.choice(reg.closers))

        if layout == "prose":
            sentences = [f[0] for f in facts]
            if len(self.n["debts"]) > 1 and rng.random() < 0.4:  # "I have 3 debts: ..." then the rest
                k = len(self.n["debts"])
                sentences.insert(0, self.filler("I have {k} debts").format(k=k if rng.random() < 0.5 else number_words(k)))
            for aside in rng.sample(reg.asides, k=min(len(reg.asides), rng.choice((0, 1, 1, 2)))):
                sentences.insert(rng.randrange(len(sentences) + 1), self.filler(aside).rstrip("."))
            body = _join_sentences(sentences, rng)
            parts = [question, body] if q_first else [body, question]
            sep = "\n\n" if reg is _REGISTERS["formal"] or (len(body) > 220 and rng.random() < 0.5) else " "
            text = sep.join(p for p in (opener, *parts, closer) if p)
        else:
            if layout == "bullets":
                bullet = rng.choice(("- ", "* ", "\u2022 "))
                lines = [bullet + _cap(f[0]) for f in facts]
            else:
                lines = [f"{f[1]}: {f[2]}" for f in facts]
            intro = self.filler(rng.choice(("", "", "Here's my situation:", "The numbers:", "Details:")))
            if opener.endswith(":"):  # "Details:" opens the list itself
                opener, intro = "", opener
            block = "\n".join(([intro] if intro else []) + lines)
            parts = [question, block] if q_first else [block, question]
            text = "\n\n".join(p for p in (opener, *parts, closer) if p)
        if reg.lowercase and rng.random() < reg.lowercase:
            text = text.lower()
        return Draft(text, self.register_name, layout, q_first, opener, tuple(distractors))


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _join_sentences(sentences: list[str], rng: random.Random) -> str:
    """Sentences, sometimes two joined by ", and" / ";" the way people run them together."""
    out: list[str] = []
    i = 0
    while i < len(sentences):
        s = sentences[i]
        if i + 1 < len(sentences) and rng.random() < 0.3:
            nxt = sentences[i + 1]
            nxt = nxt if re.match(r"I\b", nxt) else nxt[:1].lower() + nxt[1:]
            s = s + rng.choice((", and ", "; ", ", ")) + nxt
            i += 1
        out.append(_cap(s) + ".")
        i += 1
    return " ".join(out)


def draft_prompt(numbers: dict, situation: str, rng: random.Random) -> Draft:
    """The prompt for one scenario's ``numbers`` and how it was written (see the module docstring)."""
    return _Writer(numbers, situation, rng).draft()


def write_prompt(numbers: dict, situation: str, rng: random.Random) -> str:
    """The prompt text for one scenario's ``numbers``: same ``rng`` state, same text."""
    return draft_prompt(numbers, situation, rng).text
