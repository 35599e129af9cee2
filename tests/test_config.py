"""Config loading: defaults, YAML profiles, --set overrides, and errors that name the key and the file."""

import pytest

from finalign.config import Config, load_config, parse_overrides, to_dict
from finalign.errors import UserError


def test_defaults_without_a_file():
    assert load_config(None) == Config()


@pytest.mark.parametrize("profile", ["quick", "seed", "full"])
def test_shipped_profiles_load(profile):
    cfg = load_config(profile)
    assert cfg.name == profile


@pytest.mark.parametrize("profile", ["seed", "quick", "full"])
def test_the_seed_method_trains_the_tutorial_recipe_whatever_the_profile(profile):
    from finalign.finetune.train import method_config
    from finalign.methods import METHODS

    t = method_config(load_config(profile, ["train.lr=0.5", "train.dtype=bf16"]), METHODS["seed"]).train
    assert (t.epochs, t.batch_size, t.grad_accum, t.lr, t.max_length, t.pad_to_max_length, t.dtype) == (
        1.0, 4, 1, 1e-4, 512, True, "fp32")
    assert load_config("seed").train.methods == ("seed",)


def test_overrides_beat_the_file_and_parse_numbers_and_lists():
    cfg = load_config("quick", ["train.lr=3e-4", "train.methods=sft,sft+dpo", "eval.do_sample=true"])
    assert cfg.train.lr == 3e-4 and cfg.train.methods == ("sft", "sft+dpo") and cfg.eval.do_sample is True
    assert cfg.train.batch_size == 2  # untouched values still come from the file (the default is 8)


def test_unknown_key_names_key_and_file(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("train:\n  learning_rate: 0.1\n")
    with pytest.raises(UserError, match=r"bad\.yaml.*unknown key 'train\.learning_rate'"):
        load_config(path)


def test_wrong_type_names_key_and_file(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("train:\n  batch_size: eight\n")
    with pytest.raises(UserError, match=r"bad\.yaml.*'train\.batch_size' must be of type int"):
        load_config(path)


def test_bool_is_not_an_int(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("data:\n  seed: true\n")
    with pytest.raises(UserError, match="data.seed"):
        load_config(path)


def test_invalid_yaml_names_file_and_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("name: a\ntrain: [unclosed\n")
    with pytest.raises(UserError, match=r"broken\.yaml:\d+: invalid YAML"):
        load_config(path)


def test_missing_profile_is_a_user_error():
    with pytest.raises(UserError, match="no-such-profile"):
        load_config("no-such-profile")


def test_bad_override_syntax():
    with pytest.raises(UserError, match="expected section.key=value"):
        parse_overrides(["train.lr"])


def test_to_dict_is_plain():
    d = to_dict(Config())
    assert isinstance(d["train"]["methods"], list) and d["train"]["lora"]["r"] == 16


@pytest.mark.parametrize("override, key, shown", [
    ("train.batch_size=0", "train.batch_size", "= 0 is out of range (valid: >= 1)"),
    ("train.lr=-1", "train.lr", "= -1.0 is out of range (valid: > 0 and < 1)"),
    ("train.lora.r=0", "train.lora.r", "= 0 is out of range (valid: >= 1)"),
    ("train.epochs=0", "train.epochs", "= 0.0 is out of range (valid: > 0)"),
    ("data.n_train_scenarios=-5", "data.n_train_scenarios", "= -5 is out of range"),
    ("eval.top_p=1.5", "eval.top_p", "= 1.5 is out of range (valid: > 0 and <= 1)"),
    ("train.dtype=fp16", "train.dtype", "= 'fp16' is not one of auto, bf16, fp32"),
    ("train.methods=sft,grpoo", "train.methods", "= 'grpoo' is not one of"),
    ("train.dpo_loss_type=sigmod", "train.dpo_loss_type", "= 'sigmod' is not one of sigmoid"),
])
def test_out_of_range_values_name_key_value_and_range(override, key, shown):
    with pytest.raises(UserError, match=f"key '{key}' {shown}".replace(".", r"\.").replace("(", r"\(")
                       .replace(")", r"\)").replace("+", r"\+")):
        load_config("quick", [override])


def test_values_at_the_edge_of_their_range_load():
    cfg = load_config("quick", ["train.batch_size=1", "train.warmup_ratio=0", "eval.top_p=1", "train.dpo_max_pairs=0"])
    assert (cfg.train.batch_size, cfg.train.warmup_ratio, cfg.eval.top_p) == (1, 0.0, 1.0)


def test_a_range_error_in_a_file_names_the_file(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("eval:\n  batch_size: 0\n")
    with pytest.raises(UserError, match=r"bad\.yaml: key 'eval\.batch_size' = 0 is out of range"):
        load_config(path)
