"""One workspace moved to another Aftercast: everything it holds, as JSON Lines per model with
the uploaded and exported files, in one .tar.gz; imported as a new workspace there.

Every record keeps its own values; what it points to is written so that it can be found on the
other side: another record of the workspace by its number in the archive (given a new one on
import), a market by its code, a platform by its slug, a person by username (kept only when that
account exists there; members are invited again). API tokens and login counters stay behind:
they are secrets and state of this server, not the team's data. The archive says which
migrations made it, so a server that does not know them refuses it instead of guessing."""

import datetime as dt
import io
import json
import tarfile
import tempfile
import zlib
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from aftercast.catalog.models import Market, Platform
from aftercast.core.models import (
    EditRecord,
    Invitation,
    Membership,
    Role,
    Workspace,
    WorkspaceOwned,
)

FORMAT = 1
MANIFEST = "aftercast-workspace.json"
BATCH = 1000
LONGEST_LINE = 16 * 1024 * 1024  # characters of one record, far beyond any real one
# Numbers kept in plain fields (not foreign keys) that name another record of the workspace:
# an import's change names the value it replaced, by the import's kind.
CHANGED_OBJECT = {
    "observations": "metrics.observation",
    "comments": "metrics.comment",
    "journeys": "metrics.journey",
    "fx_rates": "metrics.fxrate",
}


class TransferError(Exception):
    """Why a workspace could not be exported or imported, in a sentence for the person."""


def owned_models() -> list[type[models.Model]]:
    """Every model a workspace owns, each after the models it points to, then the history."""
    found = [m for m in apps.get_models() if issubclass(m, WorkspaceOwned)]
    ordered: list[type[models.Model]] = []
    while len(ordered) < len(found):
        ready = [model for model in found if model not in ordered
                 and all(target in ordered or target is model
                         for target in _targets(model) if target in found)]  # fmt: skip
        if not ready:  # a cycle of required references: a new model needs a word here
            raise RuntimeError(f"Cannot order {[m for m in found if m not in ordered]}")
        ordered.extend(sorted(ready, key=lambda model: model._meta.label))
    return [*ordered, EditRecord]


def _targets(model) -> list:
    return [field.related_model for field in model._meta.concrete_fields if field.is_relation]


def _applied_migrations() -> dict[str, list[str]]:
    ours = {
        config.label for config in apps.get_app_configs() if config.name.startswith("aftercast")
    }
    applied: dict[str, list[str]] = defaultdict(list)
    for app, name in MigrationRecorder.Migration.objects.values_list("app", "name"):
        if app in ours:
            applied[app].append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def _plain(value):
    """A value as JSON, exactly (datetimes to the microsecond, amounts to the last digit)."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


# Export ------------------------------------------------------------------------------------


class _Names:
    """How a reference is written: what it points to, found again on the other server."""

    def __init__(self) -> None:
        self.users = dict(get_user_model().objects.values_list("pk", "username"))
        self.markets = dict(Market.objects.values_list("pk", "code"))
        self.platforms = dict(Platform.objects.values_list("pk", "slug"))
        self.types = {ct.pk: ct.natural_key() for ct in ContentType.objects.all()}

    def of(self, model, pk):
        if pk is None:
            return None
        if model is get_user_model():
            return self.users.get(pk)
        if model is Market:
            return self.markets[pk]
        if model is Platform:
            return self.platforms[pk]
        if model is ContentType:
            return ".".join(self.types[pk])
        return pk


def _rows(model, workspace: Workspace, names: _Names) -> Iterator[dict]:
    many = [field for field in model._meta.many_to_many
            if field.remote_field.through._meta.auto_created]  # fmt: skip
    found = model._base_manager.filter(workspace=workspace).order_by("pk")
    if many:
        found = found.prefetch_related(*(field.name for field in many))
    for obj in found.iterator(chunk_size=BATCH):
        row = {}
        for field in model._meta.concrete_fields:
            if field.name == "workspace":
                continue
            value = field.value_from_object(obj)
            if field.is_relation:
                row[field.name] = names.of(field.related_model, value)
            elif isinstance(field, models.FileField):
                row[field.name] = value.name or ""
            else:
                row[field.name] = _plain(value)
        for field in many:
            row[field.name] = sorted(
                names.of(field.related_model, related.pk)
                for related in getattr(obj, field.name).all()
            )
        yield row


def export_workspace(workspace: Workspace, path: Path) -> dict:
    """Write the workspace to the archive `path`; what was written, counted."""
    names = _Names()
    with tempfile.TemporaryDirectory(prefix="aftercast-export-") as scratch:
        data = Path(scratch)
        counts, files, missing = _write_records(workspace, names, data)
        manifest = {
            "format": FORMAT,
            "exported_at": timezone.now().isoformat(),
            "migrations": _applied_migrations(),
            "workspace": {
                "name": workspace.name,
                "slug": workspace.slug,
                "timezone": workspace.timezone,
                "created_at": workspace.created_at.isoformat(),
            },
            "members": _members(workspace, names),
            # The history keeps a market or platform by its number on this server.
            "markets": names.markets,
            "platforms": names.platforms,
            "counts": counts,
            "missing_files": missing,
        }
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            text = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            _add(archive, MANIFEST, io.BytesIO(text), len(text))
            for label in counts:
                archive.add(data / f"{label}.jsonl", arcname=f"data/{label}.jsonl")
            for name in files:
                with default_storage.open(name, "rb") as handle:  # streamed, however large
                    _add(archive, f"files/{name}", handle, default_storage.size(name))
        partial.replace(path)
    return {"records": sum(counts.values()), "files": len(files), "missing": missing}


def _write_records(workspace: Workspace, names: _Names, data: Path):
    """Each model's records as JSON Lines in `data`: how many of each, the stored files they
    name, and those missing from the disk."""
    counts: dict[str, int] = {}
    files: set[str] = set()
    missing: list[str] = []
    for model in owned_models():
        label = model._meta.label_lower
        file_fields = [f.name for f in model._meta.concrete_fields
                       if isinstance(f, models.FileField)]  # fmt: skip
        counts[label] = 0
        with open(data / f"{label}.jsonl", "w", encoding="utf-8") as out:
            for row in _rows(model, workspace, names):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                counts[label] += 1
                for name in filter(None, (row[field] for field in file_fields)):
                    if default_storage.exists(name):
                        files.add(name)
                    else:
                        missing.append(name)
    return counts, sorted(files), missing


def _members(workspace: Workspace, names: _Names) -> list[dict]:
    members = Membership.objects.filter(workspace=workspace).values_list("user", "role")
    invited = Invitation.objects.filter(workspace=workspace).values_list("username", "role")
    people = [{"username": names.users[user], "role": role} for user, role in members]
    waiting = [{"username": username, "role": role} for username, role in invited]
    return sorted(people + waiting, key=lambda member: member["username"])


def _add(archive: tarfile.TarFile, name: str, content, size: int) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(timezone.now().timestamp()), 0o600
    archive.addfile(info, content)


# Import ------------------------------------------------------------------------------------


class _Reader:
    """The archive, read without unpacking it anywhere: each member by its exact name."""

    def __init__(self, path: Path):
        try:
            self.archive = tarfile.open(path, "r:gz")  # noqa: SIM115 (closed by __exit__)
            self.members = {member.name: member for member in self.archive.getmembers()
                            if member.isfile()}  # fmt: skip
            self.manifest = json.loads(self._bytes(MANIFEST))
        except (OSError, tarfile.TarError, EOFError, ValueError, KeyError) as error:
            if hasattr(self, "archive"):
                self.archive.close()
            raise TransferError(_("This is not an Aftercast workspace archive.")) from error
        if not isinstance(self.manifest, dict) or self.manifest.get("format") != FORMAT:
            raise TransferError(_("This is not an Aftercast workspace archive."))

    def __enter__(self) -> "_Reader":
        return self

    def __exit__(self, *exc) -> None:
        self.archive.close()

    def _bytes(self, name: str) -> bytes:
        handle = self.archive.extractfile(self.members[name])
        assert handle is not None
        return handle.read()

    def rows(self, model) -> Iterator[tuple[int, dict]]:
        member = self.members.get(f"data/{model._meta.label_lower}.jsonl")
        if member is None:
            return
        handle = self.archive.extractfile(member)
        assert handle is not None
        text = io.TextIOWrapper(handle, encoding="utf-8")
        for number, line in enumerate(iter(lambda: text.readline(LONGEST_LINE), ""), start=1):
            if not line.endswith("\n") and len(line) >= LONGEST_LINE:
                raise _damaged(model, number)  # not a record: a hostile or broken file
            try:
                row = json.loads(line)
            except ValueError as error:
                raise _damaged(model, number) from error
            if not isinstance(row, dict):
                raise _damaged(model, number)
            yield number, row

    def file(self, name: str) -> File | None:
        """A stored file, read from the archive as it is saved (never whole in memory)."""
        member = self.members.get(f"files/{name}")
        handle = None if member is None else self.archive.extractfile(member)
        return None if handle is None else File(handle, name=name)


def _damaged(model, number: int, detail: str = "") -> TransferError:
    message = _("The archive is damaged: record %(number)s of “%(model)s” cannot be read.") % {
        "number": number, "model": model._meta.verbose_name_plural}  # fmt: skip
    return TransferError(f"{message} {detail}".strip())


class _Keys:
    """Each record's number in the archive and its new one here, by model."""

    def __init__(self, manifest: dict) -> None:
        self.new: dict[str, dict[int, int]] = defaultdict(dict)
        users = get_user_model().objects.values_list("username", "pk")
        self.users = dict(users)
        self.markets = dict(Market.objects.values_list("code", "pk"))
        self.platforms = dict(Platform.objects.values_list("slug", "pk"))
        self.old = {
            Market: {int(pk): self.markets.get(code) for pk, code in _pairs(manifest, "markets")},
            Platform: {int(pk): self.platforms.get(slug)
                       for pk, slug in _pairs(manifest, "platforms")},
        }  # fmt: skip

    def find(self, model, value):
        """The pk here of what `value` named there; None when it is not here (KeyError when it
        must be)."""
        if value is None:
            return None
        if model is get_user_model():
            return self.users.get(value)
        if model is Market:
            return self.markets[value]
        if model is Platform:
            return self.platforms[value]
        if model is ContentType:
            app_label, name = str(value).split(".", 1)
            try:
                return ContentType.objects.get_by_natural_key(app_label, name).pk
            except ContentType.DoesNotExist:
                raise KeyError(value) from None
        return self.new[model._meta.label_lower][int(value)]


def _pairs(manifest: dict, name: str) -> list[tuple]:
    found = manifest.get(name)
    return list(found.items()) if isinstance(found, dict) else []


def _check_migrations(manifest: dict) -> None:
    here = _applied_migrations()
    there = manifest.get("migrations") or {}
    unknown = [f"{app}.{name}" for app, names in there.items() for name in names
               if name not in here.get(app, [])]  # fmt: skip
    if unknown:
        raise TransferError(
            _(
                "This archive was made by a newer Aftercast (%(migrations)s): upgrade this "
                "server first."
            )
            % {"migrations": ", ".join(unknown[:3])}  # fmt: skip
        )


@transaction.atomic
def import_workspace(path: Path, *, owner, slug: str = "", name: str = "") -> Workspace:
    """A new workspace from the archive `path`, owned by `owner`; the others in it are invited
    again under their usernames. All of it or nothing: a refusal leaves no trace."""
    with _Reader(path) as reader:
        try:
            return _import(reader, owner=owner, slug=slug, name=name)
        except (tarfile.TarError, EOFError, zlib.error, UnicodeDecodeError) as error:
            raise TransferError(_("The archive is damaged or cut short.")) from error


def _import(reader: "_Reader", *, owner, slug: str, name: str) -> Workspace:
    manifest = reader.manifest
    _check_migrations(manifest)
    source = manifest.get("workspace") or {}
    workspace = Workspace(
        name=name or str(source.get("name") or "")[:200],
        slug=slug or str(source.get("slug") or ""),
        timezone=str(source.get("timezone") or "UTC"),
    )
    try:
        workspace.full_clean()
    except ValidationError as error:
        if "slug" in error.message_dict and Workspace.objects.filter(slug=workspace.slug).exists():
            raise TransferError(
                _("A workspace with the address “%(slug)s” exists already: choose another.")
                % {"slug": workspace.slug}
            ) from None
        raise TransferError(" ".join(error.messages)) from None
    workspace.save()
    Membership.objects.create(workspace=workspace, user=owner, role=Role.OWNER)
    _invite_members(workspace, manifest.get("members") or [], owner)
    keys = _Keys(manifest)
    links: list[tuple] = []
    for model in owned_models():
        links += _import_model(model, reader, workspace, keys)
    _link_many(links, keys)
    from aftercast.learnings.services import reindex

    reindex(workspace)
    return workspace


def _invite_members(workspace: Workspace, members: list, owner) -> None:
    roles = set(Role.values)
    for member in members:
        if not isinstance(member, dict) or member.get("username") == owner.get_username():
            continue
        username, role = str(member.get("username") or "")[:150], member.get("role")
        if username and role in roles:
            Invitation.objects.get_or_create(
                workspace=workspace, username=username, defaults={"role": role, "invited_by": owner}
            )


def _import_model(model, reader: _Reader, workspace: Workspace, keys: _Keys) -> list[tuple]:
    """Create the model's records in batches; the many-to-many pairs to link once all exist."""
    label = model._meta.label_lower
    stamped = [field for field in model._meta.concrete_fields if getattr(field, "auto_now", False)
               or getattr(field, "auto_now_add", False)]  # fmt: skip
    many = [field for field in model._meta.many_to_many
            if field.remote_field.through._meta.auto_created]  # fmt: skip
    batch: list[tuple[int, dict, models.Model]] = []
    pairs: list[tuple] = []

    def flush() -> None:
        made = model._base_manager.bulk_create([obj for _n, _r, obj in batch])
        for (_number, row, _obj), obj in zip(batch, made, strict=True):
            keys.new[label][int(row["id"])] = obj.pk
            for field in stamped:  # bulk_create stamped them "now": put back the real moments
                setattr(obj, field.attname, field.to_python(row.get(field.name)) or timezone.now())
            pairs.extend((field, obj.pk, row.get(field.name) or []) for field in many)
        if stamped:
            model._base_manager.bulk_update(made, [field.name for field in stamped])
        batch.clear()

    for number, row in reader.rows(model):
        try:
            batch.append((number, row, _record(model, row, workspace, keys, reader)))
        except (ValidationError, KeyError, ValueError, TypeError) as error:
            raise _damaged(model, number, str(getattr(error, "messages", [""])[0])) from error
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    return pairs


def _record(model, row: dict, workspace: Workspace, keys: _Keys, reader: _Reader):
    values: dict = {"workspace_id": workspace.pk}
    int(row["id"])  # every record has its number, or it cannot be pointed to
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name == "workspace" or field.name not in row:
            continue
        value = row[field.name]
        if field.is_relation:
            found = keys.find(field.related_model, value)
            if found is None and value is not None and not field.null:
                raise KeyError(field.name)
            values[field.attname] = found
        elif isinstance(field, models.FileField):
            values[field.attname] = _stored(value, reader)
        else:
            values[field.attname] = field.to_python(value)
    if model is EditRecord:
        values["object_id"], values["changes"] = _history_here(values, keys)
    elif model._meta.label_lower == "imports.importchange":
        values["object_id"], values["previous"] = _change_here(values, keys)
    return model(**values)


def _stored(name, reader: _Reader) -> str:
    """The file's name here, saved from the archive ("" when the archive lacks it)."""
    name = str(name or "")
    if not name:
        return ""
    parts = PurePosixPath(name).parts
    if name.startswith("/") or ".." in parts:
        raise ValueError(name)
    content = reader.file(name)
    if content is None:
        return ""
    try:
        return default_storage.save(name, content)
    except SuspiciousFileOperation as error:
        raise ValueError(name) from error


def _history_here(values: dict, keys: _Keys) -> tuple[int, dict]:
    """A history entry names its object, and any record its changes point to, by number."""
    model = ContentType.objects.get_for_id(values["content_type_id"]).model_class()
    if model is None:  # a model this server no longer has
        raise KeyError("content_type")
    object_id = keys.new[model._meta.label_lower].get(int(values["object_id"]), 0)
    changes = {}
    for name, pair in (values.get("changes") or {}).items():
        if name.startswith("removed:") and isinstance(pair, list):
            part = apps.get_model(name.removeprefix("removed:"))
            pair = [_snapshot_here(part, side, keys) for side in pair]
        elif isinstance(pair, list):
            pair = [_reference_here(model, name, side, keys) for side in pair]
        changes[name] = pair
    return object_id, changes


def _snapshot_here(model, snapshot, keys: _Keys):
    if not isinstance(snapshot, dict):
        return snapshot
    moved = {name: _reference_here(model, name, value, keys) for name, value in snapshot.items()}
    if "pk" in snapshot:
        moved["pk"] = keys.new[model._meta.label_lower].get(snapshot["pk"])
    return moved


def _reference_here(model, name: str, value, keys: _Keys):
    """A value kept in the history as it is here: a reference by its new number (None when what
    it pointed to did not come along), anything else unchanged."""
    try:
        field = model._meta.get_field(name)
    except Exception:
        return value
    if not field.is_relation or field.many_to_many or value is None or isinstance(value, list):
        return value
    target = field.related_model
    if target is get_user_model():
        return None  # a person's number means nothing here; who edited is kept by the entry
    if target in (Market, Platform):
        return keys.old[target].get(value)
    return keys.new[target._meta.label_lower].get(value)


def _change_here(values: dict, keys: _Keys) -> tuple[int, dict | None]:
    label = CHANGED_OBJECT.get(values.get("kind", ""), "")
    object_id = keys.new[label].get(int(values["object_id"]), 0)
    previous = values.get("previous")
    if isinstance(previous, dict):
        previous = dict(previous)
        if previous.get("deliverable_id") is not None:
            previous["deliverable_id"] = keys.new["campaigns.deliverable"].get(
                previous["deliverable_id"]
            )
        for touch in previous.get("touchpoints") or []:
            if isinstance(touch, dict) and touch.get("partnership_id") is not None:
                touch["partnership_id"] = keys.new["campaigns.partnership"].get(
                    touch["partnership_id"]
                )
    return object_id, previous


def _link_many(pairs: list[tuple], keys: _Keys) -> None:
    by_field: dict = defaultdict(list)
    for field, pk, targets in pairs:
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        for value in targets:
            found = keys.find(field.related_model, value)
            if found is not None:
                by_field[through].append(through(**{f"{source}_id": pk, f"{target}_id": found}))
    for through, rows in by_field.items():
        through._base_manager.bulk_create(rows, batch_size=BATCH)
