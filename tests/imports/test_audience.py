"""Comments and journeys come in through the same importer, idempotently."""

from io import StringIO
from pathlib import Path

from django.core.management import call_command

from aftercast.imports.services import import_file
from aftercast.imports.synonyms import detect_kind
from aftercast.metrics.models import Comment, Journey
from aftercast.sentiment.detect import language_of

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


def test_the_kind_of_file_is_told_by_its_columns():
    assert detect_kind(["Ссылка", "Дата", "Текст комментария"]) == "comments"
    assert detect_kind(["Journey ID", "Channel", "Timestamp"]) == "journeys"
    assert detect_kind(["Post URL", "Date", "Reach"]) == "observations"


def test_languages_are_detected_per_comment():
    assert language_of("Купила, реально работает!") == "ru"
    assert language_of("Love how honest this is") == "en"
    assert language_of("Das ist wirklich sehr gut") == "unknown"


def test_a_score_in_the_file_overrides_and_a_third_language_is_not_guessed(
    campaign, posts, tmp_path
):
    from aftercast.checkins.audience import comment_label

    scored = tmp_path / "scored.csv"
    scored.write_text(
        "Post URL,Date,Author,Comment,Sentiment\n"
        "https://instagram.example/p/ru-1,2025-12-01,ivan,Looks fine to me,-0.8\n"
        "https://instagram.example/p/ru-1,2025-12-01,olga,Das ist wirklich sehr gut,\n"
        "https://instagram.example/p/ru-1,2025-12-01,lena,Great,1.7\n"
        "https://instagram.example/p/ru-1,2025-12-01,petr,Ну такое,негативная\n"
    )
    report = import_file(campaign=campaign, path=scored)
    # A score out of range is left out; the comment itself lands.
    assert (report.created, report.rows_partial, report.rows_rejected) == (4, 1, 0)
    assert "not between −1 and 1" in report.problem_rows[0].problems[0].message
    assert Comment.objects.get(author="lena").sentiment is None
    assert Comment.objects.get(author="petr").sentiment == -1.0
    fine = Comment.objects.get(author="ivan")
    assert fine.sentiment == -0.8 and comment_label(fine) == "negative"
    german = Comment.objects.get(author="olga")
    assert german.language == "unknown" and comment_label(german) == "unknown"
    # The same comments again from an export without scores keep the scores stored.
    unscored = tmp_path / "unscored.csv"
    unscored.write_text("\n".join(line.rsplit(",", 1)[0] for line in
                                  scored.read_text().splitlines()) + "\n")  # fmt: skip
    import_file(campaign=campaign, path=unscored)
    assert Comment.objects.get(author="ivan").sentiment == -0.8


def test_comments_land_once_with_their_language(campaign, posts):
    report = import_file(campaign=campaign, path=FIXTURES / "comments_mixed.csv")
    assert (report.kind, report.created, report.rows_rejected) == ("comments", 2, 1)  # no text
    assert set(Comment.objects.values_list("language", flat=True)) == {"ru", "en"}
    again = import_file(campaign=campaign, path=FIXTURES / "comments_mixed.csv")
    assert (again.created, again.unchanged, Comment.objects.count()) == (0, 2, 2)


def test_journeys_keep_their_touch_order_and_link_creators(campaign, posts):
    import_file(campaign=campaign, path=FIXTURES / "journeys_us.csv", market="US")
    first = Journey.objects.get(external_id="j-1")
    assert first.converted and str(first.value) == "45.50"
    assert [t.channel for t in first.touchpoints.all()] == ["@steady.one", "search"]
    assert first.touchpoints.first().partnership == posts["steady"]
    second = Journey.objects.get(external_id="j-2")
    assert [t.channel for t in second.touchpoints.all()] == ["@steady.one", "email"]
    import_file(campaign=campaign, path=FIXTURES / "journeys_us.csv", market="US")
    assert Journey.objects.count() == 2 and first.touchpoints.count() == 2


def test_the_import_command_recognises_each_kind(campaign, posts):
    out = StringIO()
    call_command("import", str(FIXTURES / "comments_mixed.csv"), campaign=campaign.slug, stdout=out)
    assert "Read 3 rows" in out.getvalue()
    assert "Rows: imported whole 2, imported in part 0, rejected 1" in out.getvalue()


def test_comment_and_journey_imports_are_recorded_and_can_be_rolled_back(campaign, posts, alice):
    from aftercast.imports.models import ImportRun
    from aftercast.imports.services import import_rollback

    comments = import_file(campaign=campaign, path=FIXTURES / "comments_mixed.csv", user=alice)
    journeys = import_file(campaign=campaign, path=FIXTURES / "journeys_us.csv", market="US")
    assert comments.run.user == alice and comments.run.kind == "comments"
    assert (comments.run.created_count, comments.run.rejected_count) == (2, 1)
    assert ImportRun.objects.count() == 2
    import_rollback(run=comments.run)
    import_rollback(run=journeys.run)
    assert not Comment.objects.exists() and not Journey.objects.exists()


def test_replies_are_comments_and_the_same_words_from_two_people_are_two(campaign, posts, tmp_path):
    replies = tmp_path / "replies.csv"
    replies.write_text(
        "Ссылка на публикацию,Дата,Автор,Текст комментария\n"
        "https://instagram.example/p/ru-1,01.12.2025,ivan,Класс!\n"
        "https://instagram.example/p/ru-1,01.12.2025,olga,Класс!\n"
        "https://instagram.example/p/ru-1,01.12.2025,ivan,@olga спасибо!\n"
        "https://instagram.example/p/ru-1,01.12.2025,lena,+1 к этому\n"
    )
    report = import_file(campaign=campaign, path=replies)
    assert (report.created, report.rows_rejected) == (4, 0)
    assert Comment.objects.filter(text="Класс!").count() == 2
