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


def test_seed_profile_is_the_tutorial_recipe():
    t = load_config("seed").train
    assert (t.methods, t.epochs, t.batch_size, t.lr, t.max_length, t.pad_to_max_length, t.dtype) == (
        ("seed",), 1.0, 4, 1e-4, 512, True, "fp32")


def test_overrides_beat_the_file_and_parse_numbers_and_lists():
    cfg = load_config("seed", ["train.lr=3e-4", "train.methods=sft,sft+dpo", "eval.do_sample=true"])
    assert cfg.train.lr == 3e-4 and cfg.train.methods == ("sft", "sft+dpo") and cfg.eval.do_sample is True
    assert cfg.train.batch_size == 4  # untouched values still come from the file


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
