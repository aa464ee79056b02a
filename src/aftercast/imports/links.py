"""What a post link says by itself: the platform, often the creator's handle, the post's ID
and its format. Platforms put these in different places; the rest of a link is noise."""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from aftercast.imports.errors import ImportProblem


@dataclass(frozen=True)
class PostLink:
    url: str
    platform: str = ""
    handle: str = ""
    post_id: str = ""
    format: str = ""


HOSTS = {
    "instagram.com": "instagram",
    "tiktok.com": "tiktok",
    "youtube.com": "youtube",
    "youtu.be": "youtube",
    "t.me": "telegram",
    "telegram.me": "telegram",
    "vk.com": "vk",
    "vk.ru": "vk",
    "vkvideo.ru": "vk",
}
INSTAGRAM_KINDS = {"p": "post", "reel": "reel", "reels": "reel", "tv": "video", "stories": "story"}
VK_POST = re.compile(r"^(wall|clip|video)(-?\d+_\d+)$")


def link_key(url: str) -> str:
    """Return what names the post in a link, the same for every way of writing that link:
    instagram.com/reel/X/ and instagram.com/anna/p/X/ are one post, and so are
    youtu.be/ID and youtube.com/watch?v=ID&t=1 (no scheme, www., query or fragment)."""
    try:
        return post_key(parse_post_link(url))
    except ImportProblem:
        return url.strip()


def _youtube_id(parts, host: str) -> str:
    segments = [s for s in parts.path.split("/") if s]
    if host == "youtu.be":
        return segments[0] if segments else ""
    if segments[:1] == ["watch"]:
        return parse_qs(parts.query).get("v", [""])[0]
    if len(segments) >= 2 and segments[0] in {"shorts", "live", "embed"}:
        return segments[1]
    return ""


def parse_post_link(text: str) -> PostLink:
    """Read a post link; a cell that is not a web address is refused with that reason."""
    url = text.strip()
    try:
        parts = urlsplit(url if "://" in url else f"https://{url}")
        host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    except ValueError:  # e.g. an unbalanced "[" taken for an IPv6 address
        raise ImportProblem("not_a_link", value=url[:80]) from None
    if parts.scheme not in {"http", "https"} or "." not in host or " " in url:
        raise ImportProblem("not_a_link", value=url[:80])
    full = url if "://" in url else f"https://{url}"
    platform = HOSTS.get(host, "")
    segments = [s for s in parts.path.split("/") if s]
    found = {"platform": platform}
    if platform == "instagram":
        found |= _instagram(segments)
    elif platform == "tiktok" and segments[:1] and segments[0].startswith("@"):
        found |= {"handle": segments[0][1:], "format": "reel"}
        if len(segments) >= 3 and segments[1] in {"video", "photo"}:
            found["post_id"] = segments[2]
    elif platform == "youtube":
        video = _youtube_id(parts, host)
        short = segments[:1] == ["shorts"]
        found |= {"post_id": video, "format": "reel" if short else "video"}
        if segments[:1] and segments[0].startswith("@"):
            found["handle"] = segments[0][1:]
    elif platform == "telegram":
        if segments[:1] == ["s"]:  # t.me/s/channel/5 is the web preview of t.me/channel/5
            segments = segments[1:]
        if len(segments) >= 2 and segments[1].isdigit():
            found |= {"handle": segments[0], "post_id": segments[1], "format": "channel_post"}
    elif platform == "vk":
        # vk.com/wall-1_2, and the pop-up form vk.com/club1?w=wall-1_2
        popup = parse_qs(parts.query).get("w", [""])[0]
        match = VK_POST.match(popup) or (VK_POST.match(segments[-1]) if segments else None)
        if match:
            kinds = {"wall": "post", "clip": "reel", "video": "video"}
            found |= {"post_id": match[2], "format": kinds[match[1]]}
    return PostLink(url=full[:500], **found)


def _instagram(segments: list[str]) -> dict:
    # instagram.com/p/CODE/, /reel/CODE/, the newer instagram.com/HANDLE/p/CODE/, and
    # instagram.com/stories/HANDLE/ID/
    if segments[:1] == ["stories"]:
        if len(segments) >= 3:
            return {"handle": segments[1], "post_id": segments[2], "format": "story"}
        return {"handle": segments[1]} if len(segments) == 2 else {}
    for at, segment in enumerate(segments[:-1]):
        if segment in INSTAGRAM_KINDS:
            found = {"post_id": segments[at + 1], "format": INSTAGRAM_KINDS[segment]}
            if at == 1:
                found["handle"] = segments[0]
            return found
    return {}


def post_key(link: PostLink) -> str:
    """The key of an already parsed link (see link_key)."""
    if link.platform == "telegram" and link.post_id:
        # Telegram numbers posts per channel: post 5 of one channel is not post 5 of another.
        return f"telegram:{link.handle.lower()}/{link.post_id}"
    if link.platform and link.post_id:
        return f"{link.platform}:{link.post_id}"  # IDs are case-sensitive (Instagram, YouTube)
    parts = urlsplit(link.url)
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    return f"{host}{parts.path.rstrip('/')}"
