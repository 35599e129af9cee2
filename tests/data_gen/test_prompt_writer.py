"""The prompt writer: every figure a good answer needs is stated in a format the grader's reader reads back,
nothing else reads as a figure but the distractors, distractors never equal a real figure, prompts vary, and
the same generator state gives the same text."""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field

import pytest

from finalign.data_gen.finance import recommend_plan
from finalign.data_gen.prompt_writer import (
    ALIASES,
    INVESTMENTS,
    LAYOUTS,
    REGISTERS,
    RISK_WORDS,
    SOURCES,
    TYPOS,
    draft_prompt,
    known_figures,
    number_words,
    write_prompt,
)
from finalign.data_gen.scenarios import NUMBERS, generate_scenarios
from finalign.data_gen.schema import SITUATIONS, Scenario
from finalign.data_gen.synth_data import chosen_parts, join
from finalign.eval_harness import reader

NAME = re.compile(r"s&p 500|401\(?k\)?")  # names that read as bare numbers


@dataclass
class Figures:
    money: set[float] = field(default_factory=set)  # "$1,200", "1.2k", "twelve hundred dollars", bare "1200"
    percents: set[float] = field(default_factory=set)
    months: set[float] = field(default_factory=set)


def read_figures(text: str) -> Figures:
    """The figures the grader's reader finds, sentence by sentence as it reads an answer: its normalisation
    (number words, "k", "bucks", "percent"), then its dollar, bare-number, percent and duration patterns."""
    out = Figures()
    for s in reader._sentences(text):
        names = [m.span() for m in NAME.finditer(s.norm)]
        out.money |= {reader._money_value(m) for m in reader._MONEY.finditer(s.norm)}
        out.money |= {float(m.group(1).replace(",", "")) for m in reader._BARE.finditer(s.norm)
                      if not any(a <= m.start() < b for a, b in names)}
        out.percents |= {float(m.group(1)) for m in reader._PERCENT.finditer(s.norm)}
        for m in reader._DURATION.finditer(s.norm):
            n = {"a": 1.0, "an": 1.0, "one": 1.0, "two": 2.0}.get(m["n"]) or float(m["n"])
            n += 0.5 if (m["half"] or m["half2"]) else 0.0
            if not (n == 1 and m["unit"].startswith("mo")):  # "$600 a month" is a rate, not a duration
                out.months.add(n * 12 if m["unit"].startswith("y") else n)
    return out


def needed(numbers: dict) -> Figures:
    """What a good answer needs from the prompt (scenarios.py promises every one is stated)."""
    need = Figures()
    for d in numbers["debts"]:
        need.money |= {d.balance, d.min_payment}
        need.percents.add(d.apr)
    need.money |= {numbers["monthly_income"], numbers["monthly_surplus"]} | {
        x for x in (numbers["savings"], numbers.get("windfall")) if x}
    if numbers.get("goal_months"):
        need.months.add(numbers["goal_months"])
    if bt := numbers.get("balance_transfer"):
        need.percents |= {bt.promo_apr, bt.fee_pct, bt.post_apr}
        need.months.add(bt.promo_months)
    return need


def drafts(situation: str, n: int, seed: int = 0):
    rng = random.Random(seed)
    for _ in range(n):
        numbers = NUMBERS[situation](rng)
        yield numbers, draft_prompt(numbers, situation, rng)


@pytest.fixture(scope="module")
def written() -> list[tuple[str, dict, object]]:
    return [(sit, numbers, d) for i, sit in enumerate(SITUATIONS) for numbers, d in drafts(sit, 120, seed=i)]


def test_every_needed_figure_reads_back_and_nothing_else_reads_as_a_figure(written):
    for situation, numbers, d in written:
        got, need = read_figures(d.text), needed(numbers)
        where = (situation, d.register, d.layout, d.text)
        assert need.money <= got.money, (need.money - got.money, *where)
        assert need.percents <= got.percents, (need.percents - got.percents, *where)
        assert need.months <= got.months, (need.months - got.months, *where)
        extra = set(d.distractors) | {12 * x for x in d.distractors}  # "6 years at my job" reads as 72 months
        assert got.money <= need.money | extra | {0.0}, (got.money - need.money, *where)  # $0 = no savings
        assert got.percents <= need.percents | extra, (got.percents - need.percents, *where)
        assert got.months <= need.months | extra, (got.months - need.months, *where)


def test_generated_scenarios_state_every_needed_figure():
    """The same promise through generate_scenarios, as scenarios.py's docstring makes it."""
    for s in generate_scenarios(64, 7, "t"):
        numbers = {k: getattr(s, k) for k in ("debts", "monthly_income", "monthly_surplus", "savings",
                                              "goal_months", "balance_transfer", "windfall")}
        got, need = read_figures(s.prompt), needed(numbers)
        assert need.money <= got.money and need.percents <= got.percents and need.months <= got.months, s.prompt


def test_what_each_situation_asks_is_stated(written):
    for situation, numbers, d in written:
        text = d.text.lower()
        for debt in numbers["debts"]:
            assert any(a.lower() in text for a in ALIASES.get(debt.name, (debt.name,))), (debt.name, d.text)
        if numbers["savings"] == 0:
            assert re.search(r"no savings|nothing saved|zero savings|no emergency fund|\$0\b|savings: (none|nothing)",
                             text), d.text
        if situation == "invest_or_pay":
            assert any(x.lower() in text for x in INVESTMENTS), d.text
            assert any(w in text for w in RISK_WORDS[numbers["risk_tolerance"]]), d.text
        if situation == "windfall":
            assert any(bare in text for _, bare in SOURCES), d.text
        if situation == "minimum_payment_trap":
            assert "minimum" in text, d.text
        if situation == "balance_transfer":
            assert "transfer" in text or "offer" in text, d.text


def test_aliases_never_make_two_debts_look_alike():
    for name, aliases in ALIASES.items():
        assert aliases[0] == name
        for other, other_aliases in ALIASES.items():
            if other != name:
                assert not any(a.lower() in b.lower() for a in aliases for b in other_aliases), (name, other)


def test_distractors_never_equal_a_real_figure_nor_one_the_answer_quotes(written):
    seen = 0
    for situation, numbers, d in written:
        known = known_figures(numbers, situation)
        for x in d.distractors:
            seen += 1
            assert x not in known, (x, situation, d.text)
        s = Scenario(id="t", situation=situation, prompt=d.text, **numbers)
        plan = recommend_plan(s)
        answer = join(chosen_parts(s, plan, random.Random(0)))
        quoted = {float(m.replace(",", "")) for m in re.findall(r"\$([\d,]+)", answer)}
        assert not quoted & set(d.distractors), (quoted & set(d.distractors), d.text, answer)
    assert seen > 0.5 * len(written)  # about 0.7 distractors a prompt


def test_prompts_vary_in_register_layout_opening_and_shape():
    for situation in ("surplus_allocation", "multiple_debts"):
        ds = [d for _, d in drafts(situation, 200, seed=11)]
        registers, layouts = Counter(d.register for d in ds), Counter(d.layout for d in ds)
        assert set(registers) == set(REGISTERS) and min(registers.values()) >= 20, registers
        assert set(layouts) == set(LAYOUTS) and max(layouts.values()) <= 0.7 * len(ds), layouts
        assert len({(d.register, d.layout, d.question_first) for d in ds}) >= 18
        openings = Counter(" ".join(d.text.lower().split()[:3]) for d in ds)
        assert max(openings.values()) <= 0.08 * len(ds), openings.most_common(3)
        shapes = {re.sub(r"\d[\d,.]*", "#", d.text) for d in ds}  # the text with its figures masked
        assert len(shapes) == len(ds)
        assert 0.05 <= sum(d.question_first for d in ds) / len(ds) <= 0.35
        assert 0.1 <= sum(bool(d.distractors) for d in ds) / len(ds) <= 0.9


def test_number_formats_vary_and_typos_stay_in_the_filler(written):
    texts = [d.text for _, _, d in written]
    joined = "\n".join(texts)
    for pattern in (r"\$\d{1,3},\d{3}\b", r"\$\d{4}\b", r"\$\d+(\.\d)?k\b", r"(?<![$\d.])\d+(\.\d)?k\b",
                    r"\b\d+ (dollars|bucks)\b", r"\b(hundred|thousand) (dollars|bucks)\b", r"\d percent\b",
                    r"\d%", r"\$[\d,]+\.00\b", r"\bgrand\b", r"\b\d+ mo\b", r"\b(a year|two years)\b"):
        assert re.search(pattern, joined), pattern
    typoed = [t for t in texts if any(re.search(rf"\b{typo}\b", t.lower()) for typo in TYPOS.values())]
    assert 0.03 * len(texts) <= len(typoed) <= 0.4 * len(texts)
    for _, numbers, d in written:  # never in a debt's name: the canonical spelling or an alias is there whole
        text = d.text.lower()
        for debt in numbers["debts"]:
            assert any(a.lower() in text for a in ALIASES[debt.name])


def test_number_words_read_back_through_the_reader():
    for n in (25, 60, 95, 150, 650, 999, 1000, 1200, 4200, 9000, 9900):
        words = number_words(n)
        assert words and reader._normalise(f"{words} dollars") == f"${n}", (n, words)
    assert number_words(4250) is None and number_words(12000) is None and number_words(12.5) is None


def test_same_generator_state_same_text():
    numbers = NUMBERS["balance_transfer"](random.Random(3))
    a = [write_prompt(numbers, "balance_transfer", random.Random(i)) for i in range(30)]
    b = [write_prompt(numbers, "balance_transfer", random.Random(i)) for i in range(30)]
    assert a == b and len(set(a)) == 30
    assert [s.prompt for s in generate_scenarios(24, 5, "x")] == [s.prompt for s in generate_scenarios(24, 5, "x")]


def test_rewording_leaves_the_numbers_alone(monkeypatch):
    """The writer draws from its own generator, seeded from the scenario stream: a writer that draws more or
    less never changes the numbers of later scenarios."""
    import finalign.data_gen.scenarios as sc

    before = [sc.numbers_key(s) for s in generate_scenarios(16, 2, "n")]
    monkeypatch.setattr(sc, "write_prompt", lambda numbers, situation, rng: str(rng.random()))
    assert [sc.numbers_key(s) for s in generate_scenarios(16, 2, "n")] == before
