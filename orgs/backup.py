"""Backup and restore of the whole portal: the database AND the stored files (issue 10, 13).

    backup_create(out=DIR) -> dict        manage.py backup --out DIR
    backup_restore(src=DIR) -> dict       manage.py restore DIR
    stored_files_check() -> list[str]     manage.py check_files

A backup directory holds
  db.dump         the database, `pg_dump --format=custom` (PostgreSQL), or
  db.sqlite3      a consistent copy of the SQLite file (SQLite's online backup API);
  media.tar.gz    every file under MEDIA_ROOT (imports, job files, rendered and signed PDFs);
  manifest.json   the SHA-256 of the two archives and of every stored file.

Every FileField of every model is checked by `stored_files_check`: the referenced file exists,
and where the row keeps the SHA-256 of its bytes (RenderedDocument, ImportBatch) the bytes hash
to it. The check is generic (all models, all FileFields), so a new FileField is covered.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.db.models import FileField, Q

MANIFEST = "manifest.json"
MEDIA_TAR = "media.tar.gz"
PG_DUMP = "db.dump"
SQLITE_COPY = "db.sqlite3"
FORMAT = 1


class BackupError(Exception):
    """A backup or restore that cannot be done (tool missing, archive damaged, …)."""


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _db(alias: str = "default") -> dict[str, Any]:
    return connections[alias].settings_dict


def _is_postgres(alias: str = "default") -> bool:
    return connections[alias].vendor == "postgresql"


def _pg_args_env(alias: str = "default") -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore (the password only in the environment)."""
    db = _db(alias)
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(cmd: list[str], env: dict[str, str]) -> None:
    if shutil.which(cmd[0]) is None:
        raise BackupError(f"{cmd[0]} not found (Debian: apt-get install postgresql-client)")
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise BackupError(f"{cmd[0]} failed ({proc.returncode}): {proc.stderr.strip()[:2000]}")


def media_files(root: Path) -> dict[str, str]:
    """Relative path (POSIX) → SHA-256 of every regular file under `root`."""
    out: dict[str, str] = {}
    if not root.is_dir():
        return out
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            out[path.relative_to(root).as_posix()] = file_sha256(path)
    return out


def backup_create(*, out: Path, alias: str = "default") -> dict[str, Any]:
    """Write the database dump, the media archive and the manifest into `out` (created; must be
    empty). Returns the manifest."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        raise BackupError(f"{out} is not empty")
    db = _db(alias)
    if _is_postgres(alias):
        args, env = _pg_args_env(alias)
        dump = out / PG_DUMP
        _run(
            ["pg_dump", "--format=custom", "--no-owner", *args, "--file", str(dump), db["NAME"]],
            env,
        )
        engine = "postgresql"
    else:
        dump = out / SQLITE_COPY
        src = sqlite3.connect(str(db["NAME"]))
        dst = sqlite3.connect(str(dump))
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        engine = "sqlite"
    media_root = Path(settings.MEDIA_ROOT)
    files = media_files(media_root)
    tar_path = out / MEDIA_TAR
    with tarfile.open(tar_path, "w:gz") as tar:
        for rel in files:
            tar.add(media_root / rel, arcname=rel, recursive=False)
    manifest = {
        "format": FORMAT,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": {"engine": engine, "file": dump.name, "sha256": file_sha256(dump)},
        "media": {"file": MEDIA_TAR, "sha256": file_sha256(tar_path), "count": len(files)},
        "files": files,
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
    return manifest


def _manifest(src: Path) -> dict[str, Any]:
    path = src / MANIFEST
    if not path.is_file():
        raise BackupError(f"{path} is missing: not a backup directory")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    for part in ("database", "media"):
        file = src / manifest[part]["file"]
        if not file.is_file():
            raise BackupError(f"{file} is missing")
        if file_sha256(file) != manifest[part]["sha256"]:
            raise BackupError(f"{file} does not match the SHA-256 of the manifest (damaged)")
    return manifest


def backup_restore(*, src: Path, alias: str = "default") -> dict[str, Any]:
    """Restore the database and the stored files of the backup in `src` into the configured
    database (DATABASE_URL) and MEDIA_ROOT. The database's tables are replaced; files are
    written over MEDIA_ROOT (files not in the backup are left). Every restored file is checked
    against the manifest. Returns the manifest."""
    src = Path(src)
    manifest = _manifest(src)
    engine = manifest["database"]["engine"]
    conn = connections[alias]
    if engine == "postgresql":
        if not _is_postgres(alias):
            raise BackupError("the backup is of PostgreSQL; DATABASE_URL is not PostgreSQL")
        conn.close()
        args, env = _pg_args_env(alias)
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                *args,
                "--dbname",
                _db(alias)["NAME"],
                str(src / manifest["database"]["file"]),
            ],
            env,
        )
    else:
        if _is_postgres(alias):
            raise BackupError("the backup is of SQLite; DATABASE_URL is PostgreSQL")
        conn.close()
        target = Path(_db(alias)["NAME"])
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src / manifest["database"]["file"], target)
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(src / manifest["media"]["file"], "r:gz") as tar:
        tar.extractall(media_root, filter="data")  # no absolute paths, no "..", no links out
    bad = [
        rel
        for rel, sha in manifest["files"].items()
        if not (media_root / rel).is_file() or file_sha256(media_root / rel) != sha
    ]
    if bad:
        raise BackupError("restored files differ from the manifest: " + ", ".join(bad[:20]))
    return manifest


def file_fields() -> list[tuple[Any, FileField]]:
    """(model, field) of every concrete FileField of every installed model."""
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, FileField)
    ]


def stored_files_check() -> list[str]:
    """Every FileField reference in the database whose file is missing, or whose bytes do not
    hash to the row's `sha256` (where the model keeps one). Empty when all is well."""
    problems: list[str] = []
    for model, field in file_fields():
        names = {f.name for f in model._meta.concrete_fields}
        with_hash = "sha256" in names and len([1 for m, _f in file_fields() if m is model]) == 1
        cols = ["pk", field.name] + (["sha256"] if with_hash else [])
        rows = (
            model._default_manager.exclude(Q(**{field.name: ""}) | Q(**{field.name: None}))
            .values_list(*cols)
            .order_by("pk")
        )
        label = f"{model._meta.label}.{field.name}"
        storage = field.storage
        for row in rows.iterator():
            pk, name = row[0], row[1]
            if not storage.exists(name):
                problems.append(f"{label} #{pk}: {name} missing")
                continue
            if with_hash and row[2]:
                h = hashlib.sha256()
                with storage.open(name, "rb") as fh:
                    while chunk := fh.read(1 << 20):
                        h.update(chunk)
                if h.hexdigest() != row[2]:
                    problems.append(f"{label} #{pk}: {name} SHA-256 differs from the record")
    return problems
