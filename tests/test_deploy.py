"""The deploy files as written: with .env.example copied as the env file, the image and the
unit keep the chat state and the cache on their volume; the build context holds no secret."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from dotenv import dotenv_values

from bot import config
from bot.config import load_settings
from bot.paths import PROJECT_ROOT

DEPLOY = PROJECT_ROOT / "deploy"
EXAMPLE = {k: v or "" for k, v in dotenv_values(PROJECT_ROOT / ".env.example").items()}


def image_env() -> dict[str, str]:
    """The Dockerfile's ENV keys and values (one ENV instruction, continued lines)."""
    text = (DEPLOY / "Dockerfile").read_text().replace("\\\n", " ")
    pairs = [p for line in text.splitlines() if line.startswith("ENV ") for p in line.split()[1:]]
    return dict(pair.split("=", 1) for pair in pairs)


def unit_text() -> str:
    return (DEPLOY / "seizure-bot.service").read_text()


def unit_env() -> dict[str, str]:
    text = unit_text()
    return dict(m.split("=", 1) for m in re.findall(r"^Environment=(\S+)", text, re.M))


def settled(env: dict[str, str], volume: Path, tmp_path: Path, monkeypatch) -> config.Settings:
    """Settings as the program would read them there, with the volume under tmp_path."""
    moved = {
        k: v.replace(str(volume), str(tmp_path / volume.relative_to("/"))) for k, v in env.items()
    }
    workdir = tmp_path / volume.relative_to("/")
    workdir.mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(workdir)
    return load_settings(moved)


def on(path: Path, folder: Path) -> bool:
    return path.absolute().is_relative_to(folder)


def test_the_image_keeps_cache_and_state_on_its_volume_with_the_example_env(tmp_path, monkeypatch):
    env = {**image_env(), **EXAMPLE}  # docker run --env-file wins over the image's ENV
    settings = settled(env, Path("/data"), tmp_path, monkeypatch)
    volume = tmp_path / "data"
    assert settings.cache_dir is not None and on(settings.cache_dir, volume)
    assert on(settings.state_path, volume) and on(settings.output_dir, volume)


def test_the_unit_keeps_cache_and_state_in_its_folders_with_the_example_env(tmp_path, monkeypatch):
    systemd = {"CACHE_DIRECTORY": "/var/cache/seizure-bot"}  # set from CacheDirectory=
    env = {**systemd, **unit_env(), **EXAMPLE}  # EnvironmentFile= wins over Environment=
    settings = settled(env, Path("/var"), tmp_path, monkeypatch)
    assert settings.cache_dir == tmp_path / "var" / "cache" / "seizure-bot"
    workdir = re.search(r"^WorkingDirectory=/(\S+)", unit_text(), re.M)
    assert workdir and workdir[1] == "var/lib/seizure-bot"  # a StateDirectory=
    (tmp_path / workdir[1]).mkdir(parents=True)
    monkeypatch.chdir(tmp_path / workdir[1])  # relative paths resolve there
    assert on(settings.state_path, tmp_path / workdir[1])
    assert on(settings.output_dir, tmp_path / workdir[1])


@pytest.mark.parametrize("env", [image_env(), unit_env()], ids=["image", "unit"])
def test_the_env_file_cannot_blank_what_keeps_files_on_the_volume(env):
    assert not set(env) & set(EXAMPLE)


def test_webhooks_listen_on_every_interface_in_a_container_only(tmp_path, monkeypatch):
    mark = tmp_path / ".dockerenv"
    monkeypatch.setattr(config, "CONTAINER_MARKS", (str(mark),))
    assert load_settings({}).webhook_listen == "127.0.0.1"
    mark.touch()
    assert load_settings({}).webhook_listen == "0.0.0.0"
    assert load_settings({"WEBHOOK_LISTEN": "127.0.0.1"}).webhook_listen == "127.0.0.1"
    assert re.search(r"^EXPOSE 8443$", (DEPLOY / "Dockerfile").read_text(), re.M)


def test_the_build_context_holds_no_secret_and_everything_the_build_needs():
    ignore = (PROJECT_ROOT / ".dockerignore").read_text().splitlines()
    assert ignore[[line.startswith("#") for line in ignore].index(False)] == "*"
    allowed = {line[1:].rstrip("/") for line in ignore if line.startswith("!")}
    assert allowed == {"pyproject.toml", "README.md", "LICENSE", "bot", "queries", "data"}
    copied = re.findall(r"^COPY (\S+(?: \S+)*) \S+$", (DEPLOY / "Dockerfile").read_text(), re.M)
    assert {name for line in copied for name in line.split()} == allowed


def test_the_unit_names_both_install_paths():
    text = (DEPLOY / "seizure-bot.service").read_text()
    assert "ExecStart=/opt/seizure-bot/bin/seizure-bot" in text
    assert "#ExecStart=/usr/local/bin/seizure-bot" in text and "pipx install" in text
