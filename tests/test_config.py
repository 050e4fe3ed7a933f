"""Configuration: precedence of sources, and readable errors for bad values and unknown keys."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from impasto.config import ImpastoConfig, load_config, resolve_root
from impasto.errors import ConfigError


def write_yaml(root: Path, text: str) -> None:
    (root / "impasto.yaml").write_text(text)


def test_defaults(root: Path) -> None:
    config = load_config(root, environ={})
    assert (config.host, config.port, config.device, config.root) == ("127.0.0.1", 9090, "auto", root)
    assert config.db_url == f"sqlite:///{root / 'databases' / 'impasto.db'}"
    assert config.models_path == root / "models"


def test_precedence_defaults_file_env_flags(root: Path) -> None:
    write_yaml(root, "port: 7000\nhost: 0.0.0.0\nnode_cache_size: 5\n")
    env = {"IMPASTO_PORT": "7100", "IMPASTO_NODE_CACHE_SIZE": "6"}
    config = load_config(root, {"port": 7200}, environ=env)
    assert (config.port, config.node_cache_size, config.host) == (7200, 6, "0.0.0.0")


def test_root_from_flag_env_or_home(tmp_path: Path) -> None:
    assert resolve_root(tmp_path / "a", {"IMPASTO_ROOT": str(tmp_path / "b")}) == tmp_path / "a"
    assert resolve_root(None, {"IMPASTO_ROOT": str(tmp_path / "b")}) == tmp_path / "b"
    assert resolve_root(None, {}) == Path.home() / "impasto"


def test_relative_paths_are_under_root_and_absolute_paths_stay(root: Path, tmp_path: Path) -> None:
    write_yaml(root, f"outputs_dir: pictures\nmodels_dir: {tmp_path / 'shared-models'}\n")
    config = load_config(root, environ={})
    assert config.outputs_path == root / "pictures"
    assert config.models_path == tmp_path / "shared-models"


def test_bad_value_names_key_value_source_and_what_is_allowed(root: Path) -> None:
    write_yaml(root, "port: 99999\n")
    with pytest.raises(ConfigError) as info:
        load_config(root, environ={})
    message = info.value.message
    assert "`port` = 99999" in message
    assert str(root / "impasto.yaml") in message
    assert "less than or equal to 65535" in message


def test_bad_env_value_names_the_variable(root: Path) -> None:
    with pytest.raises(ConfigError, match="environment variable IMPASTO_DEVICE") as info:
        load_config(root, environ={"IMPASTO_DEVICE": "gpu"})
    assert "'gpu'" in info.value.message
    assert "cuda:N" in info.value.message


def test_unknown_key_suggests_the_right_one(root: Path) -> None:
    write_yaml(root, "prot: 8000\n")
    with pytest.raises(ConfigError, match=r"unknown key `prot`.*did you mean `port`"):
        load_config(root, environ={})


@pytest.mark.parametrize(
    ("text", "fragment"), [("- a\n- b\n", "must hold a mapping"), ("port: [\n", "not valid YAML")]
)
def test_malformed_file(root: Path, text: str, fragment: str) -> None:
    write_yaml(root, text)
    with pytest.raises(ConfigError, match=fragment):
        load_config(root, environ={})


def test_root_cannot_be_set_in_the_file(root: Path) -> None:
    write_yaml(root, "root: /elsewhere\n")
    with pytest.raises(ConfigError, match="may not set `root`"):
        load_config(root, environ={})


def test_database_password_is_redacted(root: Path) -> None:
    config = load_config(root, {"database_url": "postgresql://me:secret@db/impasto"}, environ={})
    assert config.public_dict()["database_url"] == "postgresql://me:***@db/impasto"


def test_every_setting_is_described() -> None:
    for name, field in ImpastoConfig.model_fields.items():
        assert field.description, f"config field {name} has no description"


def test_bad_config_stops_the_server_with_one_line(root: Path) -> None:
    write_yaml(root, "port: abc\n")
    result = subprocess.run(
        [sys.executable, "-m", "impasto", "serve", "--root", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1
    assert "`port` = 'abc'" in lines[0]
