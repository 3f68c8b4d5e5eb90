"""Settings for the web page, read from environment variables (names in Norwegian, like the CLI)."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass

from ..errors import GjennomgangError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860
DEFAULT_DELETE_AFTER = 300
DEFAULT_MAX_MB = 50
DEFAULT_MAX_FILES = 500


class InnstillingFeil(GjennomgangError):
    """A setting in the environment has an invalid value."""

    kode = "innstilling"
    exit_status = 2


def _int(env: dict, name: str, default: int, minimum: int, maximum: int) -> int:
    raw = env.get(name, "")
    if raw is None or str(raw).strip() == "":
        return default
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise InnstillingFeil(f"{name} må være et heltall, men er «{raw}».")
    if not minimum <= value <= maximum:
        raise InnstillingFeil(f"{name} må være mellom {minimum} og {maximum}, men er {value}.")
    return value


def is_local(host: str) -> bool:
    """True when the address only accepts connections from this machine."""
    host = (host or "").strip().strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Settings:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    user: str = ""
    password: str = ""
    delete_after: int = DEFAULT_DELETE_AFTER  # seconds before uploads/reports are removed at the latest
    max_mb: int = DEFAULT_MAX_MB
    max_files: int = DEFAULT_MAX_FILES  # files per batch (after unpacking zip files)

    @property
    def max_bytes(self) -> int:
        return self.max_mb * 1024 * 1024

    @property
    def login(self) -> tuple[str, str] | None:
        return (self.user, self.password) if self.user and self.password else None

    @property
    def sweep_interval(self) -> int:
        """How often the cleaner looks for expired files."""
        return max(1, min(60, self.delete_after // 2 or 1))

    def warnings(self) -> list[str]:
        """Norwegian warnings to log at start."""
        out = []
        if not is_local(self.host) and not self.login:
            out.append(
                f"ADVARSEL: Siden startes på adressen {self.host}, som kan nås fra andre maskiner, UTEN innlogging. "
                "Dokumentene gjelder sårbare barn. Sett GJENNOMGANG_BRUKER og GJENNOMGANG_PASSORD, "
                "eller bruk GJENNOMGANG_VERT=127.0.0.1.")
        if not is_local(self.host):
            out.append("Merk: Forbindelsen er ikke kryptert (http). Bruk en HTTPS-proxy foran siden i et nettverk.")
        return out


def from_env(env: dict | None = None) -> Settings:
    """Read the settings; raises InnstillingFeil with a Norwegian message for invalid values."""
    env = dict(os.environ if env is None else env)
    user = env.get("GJENNOMGANG_BRUKER", "") or ""
    password = env.get("GJENNOMGANG_PASSORD", "") or ""
    if bool(user) != bool(password):
        raise InnstillingFeil("Både GJENNOMGANG_BRUKER og GJENNOMGANG_PASSORD må settes for å slå på innlogging "
                              "(bare den ene er satt).")
    return Settings(
        host=(env.get("GJENNOMGANG_VERT") or DEFAULT_HOST).strip(),
        port=_int(env, "GJENNOMGANG_PORT", DEFAULT_PORT, 1, 65535),
        user=user,
        password=password,
        delete_after=_int(env, "GJENNOMGANG_SLETT_ETTER_SEKUNDER", DEFAULT_DELETE_AFTER, 1, 24 * 3600),
        max_mb=_int(env, "GJENNOMGANG_MAKS_MB", DEFAULT_MAX_MB, 1, 2048),
        max_files=_int(env, "GJENNOMGANG_MAKS_FILER", DEFAULT_MAX_FILES, 1, 100_000),
    )
