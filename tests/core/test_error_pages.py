"""Friendly error pages in the reader's language, with the way back."""

from django.test import override_settings
from django.urls import path

from tests.pages import get_as


def crash(request):
    raise RuntimeError("boom")


urlpatterns = [path("crash/", crash)]


def test_a_missing_page_is_friendly_and_russian_for_russian_readers(client, alice, workspace):
    response = get_as(client, alice, "/campaigns/no-such-campaign/", "ru")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Такой страницы здесь нет" in page and 'href="/campaigns/"' in page


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_a_crash_shows_the_friendly_page(client, alice, workspace):
    client.raise_request_exception = False
    response = get_as(client, alice, "/crash/", "ru")
    assert response.status_code == 500
    assert "Что-то пошло не так на нашей стороне" in response.content.decode()
