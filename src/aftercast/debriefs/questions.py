"""The blameless questions of a debrief, the seeds' four groups, kept by key so each reads in
the reader's language; answers are kept by key too, each with who gave it (a role or a team,
not a person: a debrief looks at how the work was set up, not at whom to blame). A workspace
asks the built-in set below until it edits its own (DebriefQuestion rows)."""

import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from aftercast.core.models import Membership
from aftercast.debriefs.models import DebriefQuestion, QuestionGroup


@dataclass(frozen=True)
class Question:
    key: str
    group_key: str  # a QuestionGroup value
    text: Promise | str

    @property
    def group(self) -> str:
        return str(QuestionGroup(self.group_key).label)


COLLABORATION, PROCESS, FUNCTION, NEXT = (
    QuestionGroup.COLLABORATION, QuestionGroup.PROCESS, QuestionGroup.FUNCTION, QuestionGroup.NEXT
)  # fmt: skip
QUESTIONS = [
    Question("goal_understood", COLLABORATION, _("Did everyone understand the goal?")),
    Question("consensus", COLLABORATION, _("How was consensus built on the plan?")),
    Question("people_needed", COLLABORATION,
             _("Did we get the people we needed, when we needed them?")),
    Question("managers_informed", COLLABORATION,
             _("Were managers told of progress and roadblocks in time?")),
    Question("priorities", PROCESS, _("Were the tasks prioritised well?")),
    Question("timeline_synced", PROCESS,
             _("Did the timeline and the campaign date fit the goal?")),
    Question("roadblocks", PROCESS, _("How were roadblocks communicated?")),
    Question("decision_maker", FUNCTION,
             _("Who was the key decision-maker (a role), and were the decisions carried out?")),
    Question("roles_understood", FUNCTION, _("Were the roles understood?")),
    Question("extra_people", FUNCTION, _("Were extra people or skills needed?")),
    Question("management_help", NEXT, _("How can management help next time?")),
    Question("quicker_cheaper", NEXT, _("What would make the next one quicker or cheaper?")),
    Question("functions_needed", NEXT, _("Which functions are needed that we lack?")),
    Question("goals_to_reassess", NEXT, _("Which goals should be re-assessed?")),
]  # fmt: skip
BY_KEY = {question.key: question for question in QUESTIONS}
WORD = re.compile(r"[\w-]+", re.UNICODE)


def _said(row) -> Question:
    russian = (get_language() or "en").startswith("ru")
    text = (row.text_ru if russian else row.text_en) or row.text_en or row.text_ru
    return Question(row.key, row.group, text)


def question_set(workspace_id: int, *, asked_only: bool = True) -> list[Question]:
    """The questions the workspace asks, in the reader's language (the built-in set until it
    edits its own); with `asked_only` False, also those it stopped asking."""
    rows = DebriefQuestion.objects.filter(workspace_id=workspace_id)
    if not rows.exists():
        return list(QUESTIONS)
    if asked_only:
        rows = rows.filter(active=True)
    return [_said(row) for row in in_group_order(rows)]


GROUP_ORDER = {group: index for index, group in enumerate(QuestionGroup.values)}


def in_group_order(rows) -> list:
    """Questions grouped as the seeds group them, each group in the order it was written."""
    return sorted(rows, key=lambda row: (GROUP_ORDER.get(row.group, 99), row.position, row.pk or 0))


def answered(
    answers: dict, asked: list[Question] | None = None
) -> list[tuple[Question, list[dict]]]:
    """The questions in order with their answers ([{"who", "answer"}]); answers kept under a
    question's old English text are shown under it too, and answers to a question no longer
    asked are still shown, under its text."""
    asked = list(QUESTIONS) if asked is None else asked
    known = {**BY_KEY, **{q.key: q for q in asked}}
    texts = {str(q.text): q.key for q in QUESTIONS}
    by_key: dict[str, list[dict]] = {}
    extra: list[tuple[str, list[dict]]] = []
    for key, value in (answers or {}).items():
        items = value if isinstance(value, list) else [{"who": "", "answer": str(value)}]
        if key in known or key in texts:
            by_key.setdefault(texts.get(key, key), []).extend(items)
        else:
            extra.append((key, items))
    order = asked + [q for q in QUESTIONS if q.key not in {a.key for a in asked}]
    found = [(q, by_key[q.key]) for q in order if q.key in by_key]
    return found + [(Question(key, NEXT, key), items) for key, items in extra]


def add_answers(answers: dict, who: str, given: dict[str, str], keys=None) -> dict:
    """`answers` with `who`'s answers added to the questions of `keys` (the built-in set's by
    default); empty ones skipped."""
    keys = set(BY_KEY if keys is None else keys)
    result = {key: list(value) if isinstance(value, list) else [{"who": "", "answer": value}]
              for key, value in (answers or {}).items()}  # fmt: skip
    for key, text in given.items():
        if key in keys and text.strip():
            result.setdefault(key, []).append({"who": who.strip(), "answer": text.strip()})
    return result


@transaction.atomic
def save_question_set(workspace_id: int, rows: list[dict]) -> list:
    """Store the workspace's own question set, in the order given: each row {key (empty for a
    new question), group, text_en, text_ru, active}. Keys never change, so answers already
    given stay with their question; a question can stop being asked, never be deleted."""
    if not any(row.get("active") for row in rows):
        raise ValidationError(_("Keep at least one question asked."))
    stored = {q.key: q for q in DebriefQuestion.objects.filter(workspace_id=workspace_id)}
    if not stored:  # the first edit starts from the built-in set
        stored = {q.key: q for q in _builtin_rows(workspace_id)}
    saved = []
    for position, row in enumerate(rows):
        if not (row.get("text_en", "").strip() and row.get("text_ru", "").strip()):
            raise ValidationError(_("Write every question in both English and Russian."))
        key = row.get("key") or _new_key(row["text_en"], set(stored))
        item = stored.get(key) or DebriefQuestion(workspace_id=workspace_id, key=key)
        item.group, item.position, item.active = row["group"], position, bool(row.get("active"))
        item.text_en, item.text_ru = row["text_en"].strip(), row["text_ru"].strip()
        item.save()
        stored[key] = item
        saved.append(item)
    return saved


def editable_rows(workspace_id: int) -> list[dict]:
    """The workspace's set as rows to edit, the built-in one in both languages until edited."""
    rows = in_group_order(DebriefQuestion.objects.filter(workspace_id=workspace_id))
    if not rows:
        rows = _builtin_rows(workspace_id, save=False)
    return [{"key": r.key, "group": r.group, "text_en": r.text_en, "text_ru": r.text_ru,
             "active": r.active} for r in rows]  # fmt: skip


def _builtin_rows(workspace_id: int, save: bool = True) -> list:
    rows = []
    for position, question in enumerate(QUESTIONS):
        texts = {}
        for language in ("en", "ru"):
            with override(language):
                texts[language] = str(question.text)
        row = DebriefQuestion(workspace_id=workspace_id, key=question.key, position=position,
                              group=question.group_key, text_en=texts["en"],
                              text_ru=texts["ru"])  # fmt: skip
        if save:
            row.save()
        rows.append(row)
    return rows


def _new_key(text: str, taken: set[str]) -> str:
    base = slugify(text)[:50] or "question"
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    return key


def people_named(workspace_id: int, texts) -> list[str]:
    """Members of the workspace named in `texts` (by name or login): answers are about roles."""
    users = get_user_model().objects.filter(
        pk__in=Membership.objects.filter(workspace_id=workspace_id).values("user_id")
    )
    names = {}
    for user in users:
        for name in (user.username, user.first_name, user.last_name):
            if name and len(name) > 2:
                names[name.lower()] = name
    words = {word.lower() for text in texts for word in WORD.findall(text)}
    return sorted({names[word] for word in words if word in names})
