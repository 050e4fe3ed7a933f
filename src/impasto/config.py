"""Impasto's configuration: one settings class, read from defaults < ``<root>/impasto.yaml`` < ``IMPASTO_*``
environment variables < command-line flags.

The root directory is resolved first (flag, then ``IMPASTO_ROOT``, then ``~/impasto``) because the YAML file
lives inside it. Errors are turned into one :class:`~impasto.errors.ConfigError` whose message names each bad
key, the value, where it came from and what is allowed, so start-up can stop with a readable line instead of
a pydantic traceback.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    YamlConfigSettingsSource,
)

from impasto.errors import ConfigError
from impasto.models.limits import MaxImagePixels, default_max_image_pixels

CONFIG_FILE_NAME = "impasto.yaml"
ENV_PREFIX = "IMPASTO_"
DEVICE_PATTERN = r"^(auto|cpu|mps|cuda(:\d+)?)$"

_yaml_file: ContextVar[Path | None] = ContextVar("impasto_yaml_file", default=None)


def default_root() -> Path:
    """``~/impasto``: where a user's models, images and databases live unless told otherwise."""
    return Path.home() / "impasto"


class ImpastoConfig(BaseSettings):
    """Every setting of an Impasto installation. Paths that are relative are relative to ``root``."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, extra="forbid", validate_default=True, validate_assignment=True
    )

    # --- Locations -------------------------------------------------------------------------------
    root: Path = Field(
        default_factory=default_root,
        description="Root directory of the installation; holds impasto.yaml and, by default, all data.",
    )
    models_dir: Path = Field(Path("models"), description="Where installed models are kept.")
    outputs_dir: Path = Field(Path("outputs"), description="Where generated and uploaded images are kept.")
    db_dir: Path = Field(Path("databases"), description="Where the embedded SQLite database lives.")
    nodes_dir: Path = Field(Path("nodes"), description="Custom node packs loaded at start-up.")
    wildcards_dir: Path = Field(
        Path("wildcards"), description="Wildcard files for dynamic prompts: `__name__` reads `name.txt` here."
    )
    prompt_files_dir: Path = Field(
        Path("prompts"),
        description="Text files the prompt_from_file node may read (one prompt a line); no others.",
    )
    database_url: str | None = Field(
        None,
        description="SQLAlchemy URL of the database; empty means the embedded SQLite file in db_dir.",
    )

    # --- Server ----------------------------------------------------------------------------------
    host: str = Field("127.0.0.1", description="Address the web server listens on.")
    port: int = Field(9090, ge=1, le=65535, description="TCP port the web server listens on.")
    log_level: Literal["debug", "info", "warning", "error", "critical"] = Field(
        "info", description="Lowest level of log messages that are shown."
    )
    shutdown_timeout_s: float = Field(
        5.0, gt=0, le=120, description="How long a stopping server waits for the running node to yield."
    )

    # --- Access (see the README's "Security" section) --------------------------------------------
    auth: Literal["auto", "token", "none"] = Field(
        "auto",
        description="Who may use the server: 'auto' asks for the access token when it listens beyond "
        "loopback and for nothing on loopback; 'token' always asks for it; 'none' never does (only behind "
        "a proxy that authenticates).",
    )
    auth_token: SecretStr | None = Field(
        None,
        description="The access token clients send (Authorization: Bearer, or ?token= once in the browser); "
        "empty means a random one is made at each start and printed with a ready URL.",
    )
    allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Host names the server answers to besides localhost, its own addresses and machine "
        "name, e.g. 'studio.example.org' or '*.example.org'; '*' turns the Host check off.",
    )
    allowed_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Web origins (scheme://host[:port]) besides the studio's own that may send changes and "
        "open the event stream; CORS is enabled for exactly these.",
    )
    max_request_mb: float = Field(
        32.0,
        gt=0,
        le=4096,
        description="Largest request body other than image uploads (graphs, workflows, JSON), in MiB.",
    )

    # --- Generation device and memory ------------------------------------------------------------
    device: str = Field(
        "auto",
        pattern=DEVICE_PATTERN,
        description="Execution device: auto, cpu, cuda, cuda:N or mps. 'auto' picks the best available.",
    )
    precision: Literal["auto", "float32", "float16", "bfloat16"] = Field(
        "auto", description="Numeric precision of model weights on the device; 'auto' picks per device."
    )
    ram_cache_gb: float | None = Field(
        None, ge=0, description="RAM budget of the model cache in GiB; empty means chosen from system RAM."
    )
    vram_cache_gb: float | None = Field(
        None, ge=0, description="Device-memory budget of the model cache in GiB; empty means automatic."
    )
    enable_partial_loading: bool = Field(
        False,
        description="Let models larger than the device budget run by streaming layers to the device.",
    )
    device_working_mem_gb: float = Field(
        3.0, ge=0, description="Device memory kept free for activations while a model runs, in GiB."
    )
    max_image_pixels: MaxImagePixels = Field(
        default_factory=default_max_image_pixels,
        description="Largest image (width x height) one denoise or VAE pass may work on, per model base, as "
        "a pixel count or a size such as 4096x4096; bases left out keep their default of 16 times their "
        "native area: sd-1 2048x2048, sd-2 3072x3072, sdxl, sdxl-refiner, sd-3 and flux 4096x4096.",
    )
    vae_tile_above_pixels: int = Field(
        2048 * 2048,
        ge=0,
        description="VAE encodes and decodes of images with more pixels than this run in overlapping tiles "
        "(as do those too large for the free memory), which bounds their memory; 0 tiles every image.",
    )

    # --- Engine and queue ------------------------------------------------------------------------
    node_cache_size: int = Field(
        512, ge=0, description="How many node results the structural cache keeps (0 disables it)."
    )
    max_queue_size: int = Field(
        10000, ge=1, description="Most queue items that may wait at once; larger batches are refused."
    )
    worker_id: str = Field(
        "local",
        min_length=1,
        max_length=64,
        description="Name of this process's queue worker; items it left running are recovered at start.",
    )

    # --- Model installs --------------------------------------------------------------------------
    model_dirs: Annotated[list[Path], NoDecode] = Field(
        default_factory=list,
        description="Folders besides models_dir whose files the API may install or scan (e.g. an "
        "AUTOMATIC1111 or ComfyUI models folder); paths elsewhere are refused.",
    )
    node_pack_source_dirs: Annotated[list[Path], NoDecode] = Field(
        default_factory=list,
        description="Folders whose local git repositories (file:// URLs) the API may install node packs "
        "from; empty: only http(s) URLs and uploaded zip files.",
    )
    allow_private_downloads: bool = Field(
        False,
        description="Allow model downloads and node-pack clones from this machine and private networks "
        "(off: public hosts only).",
    )
    hf_token: SecretStr | None = Field(
        None,
        description="Hugging Face access token for gated or private repositories; empty uses the hub login.",
    )
    hf_cache_dir: Path | None = Field(
        None, description="Hugging Face download cache; empty means the hub's default (HF_HUB_CACHE)."
    )
    download_timeout_s: float = Field(
        60.0, gt=0, le=3600, description="Seconds a model download may wait for the server before retrying."
    )
    download_retries: int = Field(
        5, ge=0, le=100, description="Retries of a dropped model download that made no progress (resumed)."
    )
    install_workers: int = Field(2, ge=1, le=8, description="How many model installs run at the same time.")
    install_bundled_models: bool = Field(
        True, description="Install the models shipped with Impasto into a root that lacks them."
    )
    default_model: str | None = Field(
        None,
        description="Main model (key or name) that generations use when they name none; empty: the bundled "
        "demo model if installed, else the first main model by name.",
    )

    # --- Images ----------------------------------------------------------------------------------
    max_upload_mb: float = Field(
        50.0, gt=0, le=4096, description="Largest image file accepted by an upload, in MiB."
    )
    max_upload_pixels: int = Field(
        8192 * 8192,
        ge=1,
        description="Most pixels (width x height) an uploaded image may have; larger ones are refused.",
    )
    thumbnail_size: int = Field(
        256, ge=32, le=1024, description="Longest side of gallery thumbnails (WebP), in pixels."
    )
    png_compress_level: int = Field(
        1, ge=0, le=9, description="zlib level of stored PNGs: 1 is fast with larger files, 9 the opposite."
    )
    write_a1111_parameters: bool = Field(
        True,
        description="Also write generation metadata as AUTOMATIC1111 'parameters' text, read by other tools.",
    )

    @field_validator("allowed_hosts", "allowed_origins", "model_dirs", "node_pack_source_dirs", mode="before")
    @classmethod
    def _split_list(cls, value: Any) -> Any:
        """A list, or (from the environment) one string with commas between the entries."""
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("allowed_hosts")
    @classmethod
    def _check_hosts(cls, hosts: list[str]) -> list[str]:
        checked = []
        for host in hosts:
            name = host.strip().lower().rstrip(".")
            bare = name.removeprefix("*.")
            if name != "*" and not _HOST_NAME.match(bare.strip("[]")):
                raise ValueError(f"{host!r} is not a host name (give 'name', '*.domain' or '*', no port)")
            checked.append(name)
        return checked

    @field_validator("allowed_origins")
    @classmethod
    def _check_origins(cls, origins: list[str]) -> list[str]:
        return [_normalise_origin(origin) for origin in origins]

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Flags beat the environment, which beats the YAML file in the root, which beats defaults."""
        yaml_file = _yaml_file.get()
        if yaml_file is None:
            return (init_settings, env_settings)
        return (init_settings, env_settings, YamlConfigSettingsSource(settings_cls, yaml_file=yaml_file))

    # --- Resolved paths --------------------------------------------------------------------------
    def resolve(self, path: Path) -> Path:
        """An absolute path for a configured one, relative paths being under ``root``."""
        expanded = path.expanduser()
        return expanded if expanded.is_absolute() else self.root / expanded

    @property
    def config_file(self) -> Path:
        return self.root / CONFIG_FILE_NAME

    @property
    def models_path(self) -> Path:
        return self.resolve(self.models_dir)

    @property
    def outputs_path(self) -> Path:
        return self.resolve(self.outputs_dir)

    @property
    def db_path(self) -> Path:
        return self.resolve(self.db_dir)

    @property
    def nodes_path(self) -> Path:
        return self.resolve(self.nodes_dir)

    @property
    def wildcards_path(self) -> Path:
        return self.resolve(self.wildcards_dir)

    @property
    def prompt_files_path(self) -> Path:
        return self.resolve(self.prompt_files_dir)

    @property
    def model_folders(self) -> list[Path]:
        """Where the server may read models from: ``models_dir`` and every ``model_dirs`` entry."""
        return [self.models_path, *(self.resolve(folder) for folder in self.model_dirs)]

    @property
    def db_url(self) -> str:
        """The database URL actually used."""
        return self.database_url or f"sqlite:///{self.db_path / 'impasto.db'}"

    def ensure_dirs(self) -> None:
        """Create the root and the data folders (not the nodes folder, which is the user's)."""
        for path in (self.root, self.models_path, self.outputs_path, self.db_path):
            path.mkdir(parents=True, exist_ok=True)

    def public_dict(self) -> dict[str, Any]:
        """The effective settings as plain JSON-able values, for `config show` and the API."""
        values = self.model_dump(mode="json")
        if self.database_url:
            values["database_url"] = _redact_url(self.database_url)
        return values


_HOST_NAME = re.compile(r"^[a-z0-9_]([a-z0-9_.:-]*[a-z0-9_])?$")


def _normalise_origin(origin: str) -> str:
    """``scheme://host[:port]`` in lower case; '*', paths and other schemes are refused."""
    text = origin.strip().rstrip("/")
    if text == "*" or "*" in text:
        raise ValueError("origins are matched exactly; '*' is not allowed (list each origin)")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{origin!r} is not an origin like 'https://host' or 'http://host:port'")
    if parts.path or parts.query or parts.fragment or parts.username:
        raise ValueError(f"{origin!r} is not an origin: give scheme://host[:port] with nothing after it")
    return f"{parts.scheme}://{parts.netloc.lower()}"


def resolve_root(root: Path | str | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """The root directory: an explicit value, else ``IMPASTO_ROOT``, else ``~/impasto``; made absolute."""
    env = os.environ if environ is None else environ
    chosen = root if root not in (None, "") else env.get(f"{ENV_PREFIX}ROOT") or default_root()
    return Path(chosen).expanduser().resolve()


def load_config(
    root: Path | str | None = None,
    overrides: Mapping[str, Any] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    config_file: Path | None = None,
) -> ImpastoConfig:
    """Build the effective configuration, or raise :class:`ConfigError` naming every bad value.

    ``overrides`` are command-line flags (``None`` values mean "not given"). ``config_file`` replaces
    ``<root>/impasto.yaml`` (used by ``impasto config validate FILE``).
    """
    resolved_root = resolve_root(root, environ)
    flags = {key: value for key, value in (overrides or {}).items() if value is not None}
    yaml_path = config_file or resolved_root / CONFIG_FILE_NAME
    file_values = read_config_file(yaml_path)
    with _environment(environ), _bound_yaml(yaml_path if yaml_path.exists() else None):
        try:
            return ImpastoConfig(**{**flags, "root": resolved_root})
        except ValidationError as exc:
            raise ConfigError(
                _describe_errors(exc, flags, file_values, yaml_path, environ), details=_error_details(exc)
            ) from exc


def read_config_file(path: Path) -> dict[str, Any]:
    """The mapping in a YAML config file ({} if absent); a file that is not a mapping is an error."""
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config file {path} is not valid YAML: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"config file {path} must hold a mapping of settings, not {type(data).__name__}")
    if "root" in data:
        raise ConfigError(f"config file {path} may not set `root`; the file itself lives in the root")
    return data


def config_field_names() -> list[str]:
    return list(ImpastoConfig.model_fields)


@contextmanager
def _bound_yaml(path: Path | None) -> Iterator[None]:
    token = _yaml_file.set(path)
    try:
        yield
    finally:
        _yaml_file.reset(token)


@contextmanager
def _environment(environ: Mapping[str, str] | None) -> Iterator[None]:
    """Temporarily expose a given environment to pydantic-settings (which reads ``os.environ``)."""
    if environ is None:
        yield
        return
    saved = {key: value for key, value in os.environ.items() if key.startswith(ENV_PREFIX)}
    for key in saved:
        del os.environ[key]
    os.environ.update({k: v for k, v in environ.items() if k.startswith(ENV_PREFIX)})
    try:
        yield
    finally:
        for key in [k for k in os.environ if k.startswith(ENV_PREFIX)]:
            del os.environ[key]
        os.environ.update(saved)


def _describe_errors(
    exc: ValidationError,
    flags: Mapping[str, Any],
    file_values: Mapping[str, Any],
    yaml_path: Path,
    environ: Mapping[str, str] | None,
) -> str:
    env = os.environ if environ is None else environ
    lines = []
    for error in exc.errors():
        key = ".".join(str(part) for part in error["loc"]) or "<config>"
        top = str(error["loc"][0]) if error["loc"] else ""
        if error["type"] == "extra_forbidden":
            lines.append(_unknown_key_message(key, yaml_path))
            continue
        source = _source_of(top, flags, file_values, yaml_path, env)
        value = error.get("input")
        lines.append(f"`{key}` = {value!r} ({source}): {_allowed(top, error['msg'])}")
    return "invalid configuration: " + "; ".join(lines)


def _unknown_key_message(key: str, yaml_path: Path) -> str:
    known = [name for name in config_field_names() if name != "root"]
    close = difflib.get_close_matches(key, known, n=1)
    hint = f" (did you mean `{close[0]}`?)" if close else ""
    return f"unknown key `{key}` in {yaml_path}{hint}; allowed keys: {', '.join(known)}"


def _source_of(
    key: str,
    flags: Mapping[str, Any],
    file_values: Mapping[str, Any],
    yaml_path: Path,
    env: Mapping[str, str],
) -> str:
    if key in flags:
        return "command-line flag"
    env_name = f"{ENV_PREFIX}{key.upper()}"
    if env_name in env:
        return f"environment variable {env_name}"
    if key in file_values:
        return f"in {yaml_path}"
    return "default"


def _allowed(key: str, message: str) -> str:
    field = ImpastoConfig.model_fields.get(key)
    if field is None or not field.description:
        return message
    return f"{message} — {key}: {field.description}"


def _error_details(exc: ValidationError) -> list[dict[str, Any]]:
    return [
        {"key": ".".join(str(p) for p in e["loc"]), "message": e["msg"], "type": e["type"]}
        for e in exc.errors()
    ]


def _redact_url(url: str) -> str:
    """Hide a password in a database URL."""
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    credentials, _, host = rest.rpartition("@")
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}"
