"""Creator lists and benchmarks imported from files shaped like the ones teams keep."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from aftercast.campaigns.models import CampaignStatus
from aftercast.catalog.models import Creator, CreatorAccount
from aftercast.catalog.services import import_creators
from aftercast.metrics import benchmarks
from aftercast.metrics.models import Benchmark, BenchmarkKind
from tests import factories

FILES = Path(__file__).resolve().parents[1] / "fixtures"


def test_a_russian_excel_creator_list_imports_once(workspace):
    path = FILES / "catalog" / "creators_ru_cp1251.csv"
    first = import_creators(workspace, path, "ru")
    assert (first.created, first.accounts_added, first.problems) == (3, 1, [])
    anna = Creator.objects.get(name="Анна Смирнова")
    assert sorted(a.handle for a in anna.accounts.all()) == ["anna.smirnova", "anna_vk"]
    assert anna.accounts.get(handle="anna.smirnova").followers == 85_000
    assert Creator.objects.get(name="Jake Miller").language == "en"
    again = import_creators(workspace, path, "ru")
    assert (again.created, again.accounts_added, again.updated) == (0, 0, 0)
    assert CreatorAccount.objects.filter(workspace=workspace).count() == 4


def test_a_creator_list_with_a_bad_row_imports_nothing(workspace, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("name,market,platform,handle\nAnna,RU,instagram,anna\nBob,XX,myspace,bob\n")
    with translation.override("en"):
        result = import_creators(workspace, path)
    assert result.problems == ["Row 3: unknown market “XX”."]
    assert not Creator.objects.filter(workspace=workspace).exists()


def test_a_creator_list_without_handles_is_refused_in_the_readers_language(workspace, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("name,market\nAnna,RU\n")
    with translation.override("ru"), pytest.raises(ValidationError) as caught:
        import_creators(workspace, path)
    assert "столбцы" in caught.value.messages[0]


def test_benchmarks_import_from_a_file_in_their_units(workspace):
    result = benchmarks.import_benchmarks(workspace, FILES / "catalog" / "benchmarks.csv", "file")
    assert (result.created, result.problems) == (2, [])
    row = Benchmark.objects.get(metric="conversion_rate", market__code="US")
    assert (row.p25, row.median, row.p75, row.sample_size) == (0.01, 0.015, 0.02, 38)
    assert row.platform.slug == "tiktok" and row.source == "Agency report 2026"


def test_public_ranges_are_added_once(workspace):
    first = benchmarks.install_public_benchmarks(workspace)
    assert first > 0
    assert benchmarks.install_public_benchmarks(workspace) == 0


def test_benchmarks_are_recomputed_from_finished_campaigns_with_their_n(workspace):
    for rate in (0.01, 0.02, 0.03):
        done = factories.campaign(workspace, markets=("US",), status=CampaignStatus.FINISHED)
        link = factories.partnership(done.markets.get(), factories.creator(workspace, code="US"))
        factories.observe(link, "clicks", 1000)
        factories.observe(link, "conversions", int(rate * 1000))
    assert benchmarks.recompute_benchmarks(workspace) > 0
    row = Benchmark.objects.get(
        metric="conversion_rate", category__isnull=True, source=benchmarks.HISTORY_SOURCE
    )
    assert (row.p25, row.median, row.p75, row.sample_size) == (0.015, 0.02, 0.025, 3)
    # Recomputing replaces its own rows and nothing else.
    benchmarks.install_public_benchmarks(workspace)
    public = Benchmark.objects.exclude(source=benchmarks.HISTORY_SOURCE).count()
    benchmarks.recompute_benchmarks(workspace)
    assert Benchmark.objects.exclude(source=benchmarks.HISTORY_SOURCE).count() == public


def test_a_recompute_replaces_computed_profiles_only_whatever_their_source_says(workspace):
    done = factories.campaign(workspace, markets=("US",), status=CampaignStatus.FINISHED)
    link = factories.partnership(done.markets.get(), factories.creator(workspace, code="US"))
    factories.observe(link, "clicks", 1000)
    factories.observe(link, "conversions", 20)
    benchmarks.recompute_benchmarks(workspace)
    computed = Benchmark.objects.filter(kind=BenchmarkKind.HISTORY, category__isnull=True)
    edited = computed.get(metric="conversion_rate")
    edited.median = edited.p75 = 0.03
    benchmarks.save_benchmark(edited)  # changed by hand: the team's now
    typed = Benchmark(
        workspace=workspace,
        market=factories.market("RU"),
        tier="micro",
        metric="ctr",
        p25=0.01,
        median=0.02,
        p75=0.03,
        source=benchmarks.HISTORY_SOURCE,  # a name that looks computed
    )
    benchmarks.save_benchmark(typed)
    benchmarks.recompute_benchmarks(workspace)
    assert Benchmark.objects.filter(pk__in=[edited.pk, typed.pk]).count() == 2
    edited.refresh_from_db()
    assert edited.kind == BenchmarkKind.ENTERED and edited.source == benchmarks.HAND_SOURCE
    # The team's profile stands alone for its key, and can be saved again.
    same_key = Benchmark.objects.filter(
        market=edited.market,
        tier=edited.tier,
        platform=edited.platform,
        category=None,
        metric="conversion_rate",
    )
    assert same_key.count() == 1
    benchmarks.save_benchmark(edited)


def test_the_benchmarks_page_flags_thin_profiles_and_refuses_viewers(client, workspace, bob, vera):
    benchmarks.import_benchmarks(workspace, FILES / "catalog" / "benchmarks.csv", "file")
    client.force_login(vera)
    page = client.get(reverse("metrics:benchmarks")).content.decode()
    assert "thin" not in page  # 38 and 12 campaigns are enough
    assert client.post(reverse("metrics:benchmark_action", args=["public"])).status_code == 403
    client.force_login(bob)
    response = client.post(
        reverse("metrics:benchmark_new"),
        {
            "market": factories.market("US").pk,
            "tier": "micro",
            "metric": "cpa",
            "p25": "$15",
            "median": "$10",
            "p75": "$12",
            "sample_size": 4,
            "source": "hand",
        },
    )
    assert "must rise" in response.content.decode()
    response = client.post(
        reverse("metrics:benchmark_new"),
        {
            "market": factories.market("US").pk,
            "tier": "micro",
            "metric": "cpa",
            "p25": "$8",
            "median": "$10",
            "p75": "$12",
            "sample_size": 4,
            "source": "hand",
        },
    )
    assert response.status_code == 302
    assert "thin" in client.get(reverse("metrics:benchmarks")).content.decode()


def test_a_row_shorter_than_the_header_is_read_with_empty_cells(workspace, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("name,market,platform,handle,followers\nAnna,RU,instagram,anna\n")
    result = import_creators(workspace, path)
    assert result.problems == [] and result.created == 1
