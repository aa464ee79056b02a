"""Which creator and which post a row is about, creating the posts a file reveals.

A row names its creator by a handle column, by the handle inside its post link, or through the
creator the user said the file belongs to. Its post is found by link or platform ID, or created
on first sight (in a dry run only counted), so nobody types post links in before an import.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from aftercast.campaigns.models import Campaign, Deliverable, DeliverableFormat, Partnership
from aftercast.imports.errors import ImportProblem
from aftercast.imports.links import PostLink, link_key, parse_post_link, post_key

PLATFORM_FORMATS = {
    "telegram": DeliverableFormat.CHANNEL_POST,
    "youtube": DeliverableFormat.VIDEO,
    "tiktok": DeliverableFormat.REEL,
}
# Words in a "Post type" cell, in the order they are tried ("IG reel", "Карусель", "Shorts"...).
FORMAT_WORDS = [
    (("reel", "рилс", "клип", "clip", "short"), DeliverableFormat.REEL),
    (("carousel", "карусел", "album", "альбом"), DeliverableFormat.CAROUSEL),
    (("stor", "сторис", "истори"), DeliverableFormat.STORY),
    (("live", "stream", "эфир", "трансляц"), DeliverableFormat.STREAM),
    (("video", "видео"), DeliverableFormat.VIDEO),
    (("image", "photo", "post", "фото", "пост", "запись", "изображ"), DeliverableFormat.POST),
]
CACHE_LIMIT = 100_000


@dataclass
class PendingPost:
    """A post a dry run would create: counted, never stored. Its id is a negative stand-in,
    unique in the run, so its values never mix with the account's own (id None)."""

    partnership: Partnership
    id: int

    @property
    def pk(self) -> int:
        return self.id


@dataclass(frozen=True)
class PostDetails:
    """What a row says about a post beyond naming it: used when the post is created."""

    format: str = ""
    published: dt.datetime | None = None
    day: dt.date | None = None


NO_DETAILS = PostDetails()


def _clean_handle(text: str) -> str:
    # A leading apostrophe is how our own rejected-rows file (and Excel) keeps "@name" from
    # being read as a formula: importing that file again must find the same creator.
    return text.strip().removeprefix("'").lstrip("@").lower()


def format_from(text: str) -> str:
    words = text.lower()
    return next((fmt for keys, fmt in FORMAT_WORDS if any(k in words for k in keys)), "")


class CampaignPosts:
    """The campaign's creators and posts (in one market when asked), looked up and grown."""

    def __init__(self, campaign: Campaign, *, market=None, creator=None, run=None, dry_run=False):
        links = Partnership.objects.filter(
            campaign_market__campaign=campaign, deleted_at__isnull=True
        ).select_related("account__platform", "campaign_market")
        if market:
            links = links.filter(campaign_market__market__code=market)
        self.partnerships = list(links)
        self.by_handle: dict[str, list[Partnership]] = {}
        for link in self.partnerships:
            self.by_handle.setdefault(_clean_handle(link.account.handle), []).append(link)
        self.named = self._named(creator) if creator else None
        posts = Deliverable.objects.filter(partnership__in=self.partnerships)
        self.by_link: dict[str, Deliverable | PendingPost] = {
            link_key(d.url): d for d in posts if d.url
        }
        # Platform IDs are unique per creator, not across platforms (Telegram numbers posts
        # per channel): a bare ID finds a post only when one creator of the campaign has it.
        self.by_post_id: dict[str, list[Deliverable | PendingPost]] = {}
        for post in posts:
            if post.external_id:
                self.by_post_id.setdefault(post.external_id, []).append(post)
        self.run, self.dry_run = run, dry_run
        self.created = 0
        self.refreshed: set[int] = set()
        self._cache: dict[tuple[str, str, str], tuple] = {}

    def _named(self, creator: str) -> Partnership:
        found = self.by_handle.get(_clean_handle(creator), [])
        if len(found) > 1:
            raise ImportProblem("creator_in_several_markets", value=creator[:80])
        if not found:
            raise ImportProblem("unknown_creator", value=creator[:80])
        return found[0]

    def creator(self, handle: str, platform: str = "") -> Partnership:
        """The partnership of a handle: on the link's platform when there is a link, and in one
        market only (the same account in RU and US must be told apart by the user)."""
        found = self.by_handle.get(_clean_handle(handle), [])
        if not found:
            raise ImportProblem("creator_not_in_campaign", value=handle.strip()[:80])
        if platform:
            found = [p for p in found if p.account.platform.slug == platform]
            if not found:
                raise ImportProblem("creator_not_on_platform", value=handle.strip()[:80])
        if len(found) > 1:
            raise ImportProblem("creator_in_several_markets", value=handle.strip()[:80])
        return found[0]

    def _known(self, link: PostLink | None, post_id: str, partnership=None):
        """The stored (or pending) post a link or ID names, if any."""
        if link is not None and (post := self.by_link.get(post_key(link))):
            return post
        candidates = self.by_post_id.get(post_id, []) if post_id else []
        if partnership is not None:
            candidates = [c for c in candidates if c.partnership.pk == partnership.pk]
        return candidates[0] if len(candidates) == 1 else None

    def resolve(
        self, url: str, post_id: str, handle: str, details: PostDetails = NO_DETAILS
    ) -> tuple[Partnership, Deliverable | PendingPost | None]:
        """Return the row's partnership and post (None for numbers about the whole account)."""
        # A file repeats its posts on many rows: each is worked out once per run.
        cache_key = (url, post_id, handle)
        cached = self._cache.get(cache_key)
        if cached is None:
            try:
                cached = (self._resolve(url, post_id, handle, details), None)
            except ImportProblem as refused:
                cached = (None, refused)
            if len(self._cache) > CACHE_LIMIT:
                self._cache.clear()
            self._cache[cache_key] = cached
        found, problem = cached
        if problem is not None:
            raise problem
        return found

    def _resolve(self, url: str, post_id: str, handle: str, details: PostDetails):
        link = parse_post_link(url) if url else None
        post_id = (post_id or (link.post_id if link else "")).strip()
        platform = link.platform if link else ""
        if handle:
            partnership = self.creator(handle, platform)
        elif link and link.handle:
            partnership = self.creator(link.handle, platform)
        elif self.named is not None:
            partnership = self.named
        elif known := self._known(link, post_id):
            partnership = known.partnership
        else:
            raise ImportProblem("missing_key")
        if not link and not post_id:
            return partnership, None
        known = self._known(link, post_id, partnership)
        if known:
            if known.partnership.pk != partnership.pk:
                raise ImportProblem("other_creators_post", value=(url or post_id)[:80])
            self._refresh(known, link, post_id, details)
            return partnership, known
        return partnership, self._create(partnership, link, post_id, details)

    def _create(self, partnership, link: PostLink | None, post_id: str, details: PostDetails):
        platform = partnership.account.platform.slug
        post: Deliverable | PendingPost
        if self.dry_run:
            post = PendingPost(partnership, id=-(self.created + 1))
        else:
            moment = details.published or _noon(details.day) or timezone.now()
            post = Deliverable.objects.create(
                workspace_id=partnership.workspace_id,
                partnership=partnership,
                format=format_from(details.format)
                or (link.format if link else "")
                or PLATFORM_FORMATS.get(platform, DeliverableFormat.POST),
                planned_at=moment,
                published_at=details.published,
                url=link.url if link else "",
                external_id=post_id[:120],
                source_import=self.run,
            )
        self.created += 1
        if link:
            self.by_link[post_key(link)] = post
        if post_id:
            self.by_post_id.setdefault(post_id, []).append(post)
        return post

    def _refresh(self, post, link: PostLink | None, post_id: str, details: PostDetails) -> None:
        """Fill in what an earlier file or a person left empty, never overwrite it (so a
        rollback has nothing to put back); once per post and run."""
        if self.dry_run or isinstance(post, PendingPost) or post.pk in self.refreshed:
            return
        self.refreshed.add(post.pk)
        changed: dict[str, object] = {}
        if link and not post.url:
            changed["url"] = link.url
        if post_id and not post.external_id:
            changed["external_id"] = post_id[:120]
        if details.published and post.published_at is None:
            changed["published_at"] = details.published
        if changed:
            Deliverable.objects.filter(pk=post.pk).update(**changed)
            for name, value in changed.items():
                setattr(post, name, value)


def _noon(day: dt.date | None) -> dt.datetime | None:
    if day is None:
        return None
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
