"""Searching a list finds a name whatever its case, in Russian as in English, on both
databases."""

from django.urls import reverse

from aftercast.campaigns.models import Campaign
from aftercast.catalog.models import Creator
from aftercast.core.sqlite import like
from tests import factories
from tests.pages import get_as


def test_a_lowercase_russian_search_finds_a_capitalised_name(workspace):
    from aftercast.catalog.services import brand_named

    first = brand_named(workspace, "Северный Ветер")
    assert brand_named(workspace, "северный ветер") == first  # iexact folds Cyrillic too
    factories.creator(workspace, name="Анна Смирнова")
    factories.creator(workspace, name="John Doe")
    assert list(Creator.objects.filter(name__icontains="анна").values_list("name", flat=True)) == [
        "Анна Смирнова"
    ]
    assert Creator.objects.filter(name__icontains="СМИРНОВА").count() == 1
    assert Creator.objects.filter(name__icontains="john").count() == 1


def test_a_handle_typed_with_at_is_found_and_a_lone_at_finds_no_one(client, workspace, alice):
    person = factories.creator(workspace, name="Анна Смирнова")
    handle = person.accounts.get().handle
    page = get_as(client, alice, reverse("catalog:creators") + f"?q=@{handle}").content.decode()
    assert "Анна Смирнова" in page
    page = get_as(client, alice, reverse("catalog:creators") + "?q=@").content.decode()
    assert "Анна Смирнова" not in page


def test_the_campaign_list_search_reads_russian_in_any_case(client, workspace, alice):
    factories.campaign(workspace, name="Летний запуск SPF")
    page = get_as(client, alice, reverse("campaigns:list") + "?q=летний").content.decode()
    assert "Летний запуск SPF" in page


def test_wildcards_typed_by_the_reader_are_taken_literally(workspace):
    factories.campaign(workspace, name="Скидка 50% летом")
    factories.campaign(workspace, name="Скидка 500 рублей")
    found = Campaign.objects.filter(name__icontains="50%")
    assert list(found.values_list("name", flat=True)) == ["Скидка 50% летом"]
    assert Campaign.objects.filter(name__icontains="_").count() == 0


def test_like_follows_sql_for_empty_values_and_escapes():
    assert like(None, "x") is None and like("%", None) is None
    assert like("a\\%b", "a%b", "\\") and not like("a\\%b", "axb", "\\")
    assert like("ё%", "Ёлка") and not like("е%", "Ёлка")
    assert not like("a\\", "a\\", "\\")  # a pattern ending in a bare escape matches nothing
    assert like("a\\\\", "a\\", "\\")  # an escaped escape is itself
