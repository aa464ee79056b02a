"""Markets, platforms, creators and what they sell."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from aftercast.catalog.tiers import Tier, tier_for
from aftercast.core.models import WorkspaceOwned


class BilingualName(models.Model):
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_ru if (get_language() or "en").startswith("ru") else self.name_en


class Market(BilingualName):
    """A country market: shared reference data, the same for every workspace."""

    code = models.CharField(_("ISO code"), max_length=2, unique=True)
    currency = models.CharField(_("currency"), max_length=3)
    language = models.CharField(_("language"), max_length=8)
    locale = models.CharField(_("number locale"), max_length=16)
    timezone = models.CharField(_("time zone"), max_length=64)
    lead_metrics = models.JSONField(
        _("lead metrics"),
        default=list,
        blank=True,
        help_text=_("Metric keys this market's readers look at first."),
    )

    class Meta:
        verbose_name = _("market")
        verbose_name_plural = _("markets")
        ordering = ["code"]


class Platform(models.Model):
    """A social platform: shared reference data."""

    slug = models.SlugField(_("slug"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        verbose_name = _("platform")
        verbose_name_plural = _("platforms")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProductCategory(WorkspaceOwned, BilingualName):
    """What a brand sells (cosmetics, fintech, edtech...), used to compare like with like."""

    class Meta:
        verbose_name = _("product category")
        verbose_name_plural = _("product categories")
        ordering = ["name_en"]


class Brand(WorkspaceOwned):
    """Who pays for campaigns."""

    name = models.CharField(_("name"), max_length=200)
    category = models.ForeignKey(
        ProductCategory,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="brands",
        verbose_name=_("product category"),
    )

    class Meta:
        verbose_name = _("brand")
        verbose_name_plural = _("brands")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Creator(WorkspaceOwned):
    """A person who publishes; their accounts per platform carry the audience numbers."""

    name = models.CharField(_("name"), max_length=200)
    market = models.ForeignKey(
        Market, on_delete=models.PROTECT, related_name="creators", verbose_name=_("market")
    )
    language = models.CharField(_("language"), max_length=8)
    email = models.EmailField(_("email"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("creator")
        verbose_name_plural = _("creators")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def tier(self) -> Tier | None:
        """Return the tier of the creator's largest account."""
        followers = [account.followers for account in self.accounts.all()]
        return tier_for(max(followers)) if followers else None


class CreatorAccount(WorkspaceOwned):
    """One creator's account on one platform."""

    creator = models.ForeignKey(
        Creator, on_delete=models.CASCADE, related_name="accounts", verbose_name=_("creator")
    )
    platform = models.ForeignKey(
        Platform, on_delete=models.PROTECT, related_name="accounts", verbose_name=_("platform")
    )
    handle = models.CharField(_("handle"), max_length=120)
    url = models.URLField(_("profile URL"), blank=True)
    followers = models.PositiveBigIntegerField(_("followers"), default=0)
    followers_counted_on = models.DateField(_("followers counted on"), null=True, blank=True)

    class Meta:
        verbose_name = _("creator account")
        verbose_name_plural = _("creator accounts")
        ordering = ["platform__name", "handle"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "platform", "handle"], name="one_account_per_handle"
            )
        ]

    def __str__(self) -> str:
        return f"@{self.handle} ({self.platform})"

    @property
    def tier(self) -> Tier | None:
        return tier_for(self.followers)
