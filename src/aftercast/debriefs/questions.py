"""The blameless questions of a debrief, the seeds' four groups, kept by key so each reads in
the reader's language; answers are kept by key too, each with who gave it (a role or a team,
not a person: a debrief looks at how the work was set up, not at whom to blame)."""

import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from aftercast.core.models import Membership


@dataclass(frozen=True)
class Question:
    key: str
    group: Promise
    text: Promise


COLLABORATION, PROCESS, FUNCTION, NEXT = (
    _("Collaboration"), _("Process"), _("Function"), _("Next steps"),
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


def answered(answers: dict) -> list[tuple[Question, list[dict]]]:
    """The questions in order with their answers ([{"who", "answer"}]); answers kept under a
    question's old English text are shown under it too."""
    texts = {str(q.text): q.key for q in QUESTIONS}
    by_key: dict[str, list[dict]] = {}
    extra: list[tuple[str, list[dict]]] = []
    for key, value in (answers or {}).items():
        items = value if isinstance(value, list) else [{"who": "", "answer": str(value)}]
        if key in BY_KEY or key in texts:
            by_key.setdefault(texts.get(key, key), []).extend(items)
        else:
            extra.append((key, items))
    found = [(q, by_key[q.key]) for q in QUESTIONS if q.key in by_key]
    return found + [(Question(key, NEXT, key), items) for key, items in extra]  # type: ignore[arg-type]


def add_answers(answers: dict, who: str, given: dict[str, str]) -> dict:
    """`answers` with `who`'s answers added (empty ones skipped)."""
    result = {key: list(value) if isinstance(value, list) else [{"who": "", "answer": value}]
              for key, value in (answers or {}).items()}  # fmt: skip
    for key, text in given.items():
        if key in BY_KEY and text.strip():
            result.setdefault(key, []).append({"who": who.strip(), "answer": text.strip()})
    return result


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
