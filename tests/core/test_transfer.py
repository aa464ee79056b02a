"""A workspace moved to another Aftercast: exported, imported as a new workspace, exported
again, the two archives hold the same records (each numbered anew) and the same files; the
moved workspace works there (its history, its search, undoing its imports); a foreign, damaged,
hostile or newer archive is refused with nothing created."""

import io
import json
import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.urls import reverse
from django.utils import translation

from aftercast.campaigns.models import Campaign
from aftercast.core.models import EditRecord, Invitation, Membership, Role, Workspace
from aftercast.core.transfer import (
    MANIFEST,
    TransferError,
    export_workspace,
    import_workspace,
    owned_models,
)
from aftercast.imports.models import ImportRun
from aftercast.imports.services import import_file, import_rollback
from aftercast.learnings.selectors import find_learnings
from aftercast.metrics.models import Observation
from tests.core.test_every_route import one_of_everything

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def full(alice, workspace, campaign, posts, media):
    """A workspace with one of everything, an uploaded file and an import's numbers."""
    one_of_everything(alice, workspace)
    run = ImportRun.objects.create(workspace=workspace, campaign=campaign, user=alice)
    run.stored_file.save("posts.csv", ContentFile(b"date,reach\n2026-03-01,100\n"))
    import_file(campaign=campaign, path=FIXTURES / "instagram_ru_cp1251.csv", user=alice)
    return workspace


def _read(path: Path) -> tuple[dict, dict[str, list[dict]], dict[str, bytes]]:
    with tarfile.open(path) as archive:
        manifest = json.load(archive.extractfile(MANIFEST))
        data = {
            member.name[5:-6]: [json.loads(line) for line in archive.extractfile(member)]
            for member in archive.getmembers() if member.name.startswith("data/")
        }  # fmt: skip
        files = {member.name[6:]: archive.extractfile(member).read()
                 for member in archive.getmembers()
                 if member.name.startswith("files/")}  # fmt: skip
    return manifest, data, files


def _canonical(manifest: dict, data: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The records with every number of the archive replaced by the record's place in its
    model (a market's or platform's by its code): two archives of the same workspace from two
    servers then read alike."""
    models = {model._meta.label_lower: model for model in owned_models()}
    place = {label: {row["id"]: n for n, row in enumerate(rows)} for label, rows in data.items()}
    named = {"catalog.market": manifest["markets"], "catalog.platform": manifest["platforms"]}

    def where(model, value):
        label = model._meta.label_lower
        if value is None or label == "auth.user":
            return None  # a person is kept by username in the row, not as a number
        if label in named:
            return named[label].get(str(value))
        return place[label].get(value, "gone") if label in place else value

    def moved(model, name, value):
        try:
            field = model._meta.get_field(name)
        except Exception:
            return value
        if not field.is_relation or field.related_model is None:
            return value
        if isinstance(value, list):
            return sorted(where(field.related_model, item) for item in value)
        return where(field.related_model, value)

    same = {}
    for label, rows in data.items():
        model = models[label]
        out = []
        for row in rows:
            row = {name: moved(model, name, value) if name not in ("user", "created_by")
                   else value for name, value in row.items()}  # fmt: skip
            row["id"] = place[label][data[label][len(out)]["id"]]
            if label == "core.editrecord":
                subject = models.get(row["content_type"])
                row["object_id"] = where(subject, row["object_id"]) if subject else "?"
                row["changes"] = {
                    name: [moved(subject, name, side) for side in pair]
                    if subject and isinstance(pair, list) and not name.startswith("removed:")
                    else "removed" for name, pair in row["changes"].items()
                }  # fmt: skip
            if label == "imports.importchange":
                row["object_id"] = "moved"
            if label == "imports.importrun":  # a name taken here gets a suffix: the files
                row["stored_file"] = bool(row["stored_file"])  # are compared by content
            if label == "learnings.learning":  # the index names its workspace by number
                row["search_terms"] = re.sub(r"xxworkspace\d+", "", row["search_terms"])
            out.append(row)
        same[label] = out
    return same


def test_a_workspace_moves_whole_and_reads_the_same(alice, bob, full, tmp_path):
    first = tmp_path / "first.tar.gz"
    made = export_workspace(full, first)
    assert made["records"] > 50 and made["files"] == 1 and made["missing"] == []
    before = {model: model._base_manager.filter(workspace=full).count() for model in owned_models()}
    moved = import_workspace(first, owner=bob, slug="acme-moved", name="Acme, moved")
    # Its own records, numbered anew, beside the untouched original.
    for model, count in before.items():
        assert model._base_manager.filter(workspace=moved).count() == count, model
        assert model._base_manager.filter(workspace=full).count() == count, model
    second = tmp_path / "second.tar.gz"
    export_workspace(moved, second)
    manifest_a, data_a, files_a = _read(first)
    manifest_b, data_b, files_b = _read(second)
    assert _canonical(manifest_a, data_a) == _canonical(manifest_b, data_b)
    assert list(files_a.values()) == list(files_b.values())
    for label, rows in data_a.items():  # the moments kept to the microsecond
        stamps = [(row.get("created_at"), row.get("updated_at")) for row in rows]
        assert stamps == [(row.get("created_at"), row.get("updated_at")) for row in data_b[label]]
    assert Campaign.objects.filter(workspace=moved).first().pk not in set(
        Campaign.objects.filter(workspace=full).values_list("pk", flat=True)
    )
    # bob owns it; alice and vera (members there) are invited again, with their roles.
    assert Membership.objects.get(workspace=moved).user == bob
    invited = dict(Invitation.objects.filter(workspace=moved).values_list("username", "role"))
    assert invited == {"alice": Role.OWNER, "vera": Role.VIEWER}


def test_the_moved_workspace_works_there(alice, bob, full, tmp_path):
    archive = tmp_path / "acme.tar.gz"
    export_workspace(full, archive)
    moved = import_workspace(archive, owner=bob, slug="acme-moved")
    # The rule is found by its words in the moved workspace, and only its own.
    (found,) = find_learnings(moved, query="Zanzibar").learnings
    assert found.workspace_id == moved.pk
    # A history entry points at the moved object, and what its changes name is moved too.
    record = EditRecord.objects.filter(workspace=moved, action=EditRecord.Action.CREATED).first()
    assert record.target is not None and record.target.workspace_id == moved.pk
    # The import's numbers came along with their run: undoing it there removes them there.
    run = ImportRun.objects.filter(workspace=moved, observations__isnull=False).distinct().get()
    assert run.stored_file.name == "" or run.stored_file.storage.exists(run.stored_file.name)
    kept = Observation.objects.filter(workspace=full).count()
    import_rollback(run=run)
    assert not Observation.objects.filter(workspace=moved, source_import=run).exists()
    assert Observation.objects.filter(workspace=full).count() == kept
    # The uploaded file is there, under the moved run's name.
    upload = ImportRun.objects.filter(workspace=moved).exclude(stored_file="").get()
    assert upload.stored_file.read() == b"date,reach\n2026-03-01,100\n"


def _rewrite(source: Path, target: Path, change) -> None:
    """A copy of an archive with `change(name, bytes) -> bytes | None` applied to each member."""
    with tarfile.open(source) as old, tarfile.open(target, "w:gz") as new:
        for member in old.getmembers():
            content = change(member.name, old.extractfile(member).read())
            if content is None:
                continue
            info = tarfile.TarInfo(member.name)
            info.size = len(content)
            new.addfile(info, io.BytesIO(content))


def _manifest(change):
    def apply(name, content):
        if name != MANIFEST:
            return content
        manifest = json.loads(content)
        change(manifest)
        return json.dumps(manifest).encode()

    return apply


@pytest.mark.parametrize(
    "damage, english, russian",
    [
        (lambda name, content: b"not an archive", None, None),
        (_manifest(lambda m: m.update(format=99)), "not an Aftercast", "не архив"),
        (
            _manifest(lambda m: m["migrations"]["core"].append("9999_from_the_future")),
            "newer Aftercast", "более новой",
        ),
        (
            lambda name, content: content.replace(b'"campaign": ', b'"campaign": 987654')
            if name == "data/campaigns.campaignmarket.jsonl" else content,
            "damaged", "повреждён",
        ),
        (
            lambda name, content: content.replace(b"posts", b"../../posts")
            if name == "data/imports.importrun.jsonl" else content,
            "damaged", "повреждён",
        ),
        (
            lambda name, content: b"{not json\n"
            if name == "data/catalog.creator.jsonl" else content,
            "damaged", "повреждён",
        ),
    ],
)  # fmt: skip
def test_a_bad_archive_is_refused_and_nothing_is_created(
    bob, full, tmp_path, damage, english, russian
):
    good = tmp_path / "good.tar.gz"
    export_workspace(full, good)
    bad = tmp_path / "bad.tar.gz"
    if english is None:
        bad.write_bytes(b"not an archive")
        english, russian = "not an Aftercast", "не архив"
    else:
        _rewrite(good, bad, damage)
    workspaces = Workspace.objects.count()
    for language, words in (("en", english), ("ru", russian)):
        with translation.override(language), pytest.raises(TransferError) as refused:
            import_workspace(bad, owner=bob, slug="acme-moved")
        assert words in str(refused.value), str(refused.value)
    assert Workspace.objects.count() == workspaces
    assert not Campaign.objects.exclude(workspace=full).exists()


def test_a_taken_address_is_refused_until_another_is_given(bob, full, tmp_path):
    archive = tmp_path / "acme.tar.gz"
    export_workspace(full, archive)
    with pytest.raises(TransferError, match="exists already"):
        import_workspace(archive, owner=bob)
    assert import_workspace(archive, owner=bob, slug="acme-2").name == "Acme"


@pytest.mark.real_processes
def test_the_command_line_moves_a_workspace_into_an_empty_server(tmp_path):
    """Two homes, two SQLite files: `export_workspace` on one, `import_workspace` on the
    other, as an operator moving a team would."""
    if connection.vendor != "sqlite":
        pytest.skip("runs on its own SQLite files")

    def run(home: Path, *args: str) -> str:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env.update(AFTERCAST_HOME=str(home), PYTHONPATH=str(ROOT))
        done = subprocess.run([sys.executable, "-m", "aftercast", *args], env=env, text=True,
                              capture_output=True, timeout=900)  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout.strip()

    here, there = tmp_path / "here", tmp_path / "there"
    for home in (here, there):
        run(home, "migrate", "-v0")
    run(here, "shell", "-c", (
        "from tests import factories; from tests.core.test_every_route import one_of_everything\n"
        "alice = factories.user('alice')\n"
        "acme = factories.workspace('Acme', {alice: 'owner'})\n"
        "acme.slug = 'acme'\n"
        "acme.save()\n"
        "one_of_everything(alice, acme)"
    ))  # fmt: skip
    run(there, "shell", "-c", "from tests import factories; factories.user('maria')")
    archive = tmp_path / "acme.tar.gz"
    assert "Exported" in run(here, "export_workspace", "acme", str(archive))
    assert "owned by maria" in run(there, "import_workspace", str(archive), "--owner", "maria")
    count = ("from aftercast.campaigns.models import Campaign; "
             "print(list(Campaign.objects.values_list('name', 'workspace__slug')))")  # fmt: skip
    assert run(there, "shell", "-c", count) == run(here, "shell", "-c", count)


def test_an_owner_downloads_everything_from_the_members_page(client, alice, bob, full, tmp_path):
    client.force_login(bob)  # an editor: it is all of the team's data, for owners only
    assert client.post(reverse("core:workspace_export")).status_code == 403
    assert "Download everything" not in client.get(reverse("core:members")).content.decode()
    client.force_login(alice)
    page = client.get(reverse("core:members"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Скачать всё" in page and "import_workspace" in page
    response = client.post(reverse("core:workspace_export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="aftercast-acme-')
    archive = tmp_path / "downloaded.tar.gz"
    archive.write_bytes(b"".join(response.streaming_content))
    moved = import_workspace(archive, owner=bob, slug="from-the-web")
    assert (
        Campaign.objects.filter(workspace=moved).count()
        == Campaign.objects.filter(workspace=full).count()
    )


def test_an_archive_cut_short_is_refused_and_nothing_is_created(bob, full, tmp_path):
    archive = tmp_path / "acme.tar.gz"
    export_workspace(full, archive)
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size * 2 // 3])
    workspaces = Workspace.objects.count()
    with translation.override("ru"), pytest.raises(TransferError, match="повреждён|не архив"):
        import_workspace(cut, owner=bob, slug="acme-moved")
    assert Workspace.objects.count() == workspaces
