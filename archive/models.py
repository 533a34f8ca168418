"""The archive's data: sources, articles, the officials they name, and events."""
import hashlib
from functools import reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from chinese.extraction.titles import label as post_label
from chinese.normalize import normalize, spellings
from chinese.romanize import latin_key, person_pinyin, place_pinyin

from .importers.records import derive_title
from .links import path_of
from .slugs import unique_slug


class SlugFromName(models.Model):
    """A stable pinyin slug made from the name when none is given (车俊 -> che-jun)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(type(self), self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)


class RomanizedName(models.Model):
    """``romanized``, the name in Latin letters: generated from the fields named in
    ``romanized_from`` (``romanize``) until an editor writes another, and generated again
    when those fields change while nobody has edited it."""

    romanized_from = ("name",)

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        obj = super().from_db(db, field_names, values)
        obj._romanized_source = obj._romanized_inputs()
        return obj

    def _romanized_inputs(self):
        return tuple(self.__dict__.get(name) for name in self.romanized_from)

    def romanize(self, *inputs):
        raise NotImplementedError

    def fill_romanized(self):
        """Generate ``romanized`` unless an editor wrote it (it differs from what was generated)."""
        stored = getattr(self, "_romanized_source", None)
        generated_before = self.romanize(*stored) if stored and None not in stored else ""
        if self.romanized in ("", generated_before):
            self.romanized = self.romanize(*self._romanized_inputs())

    def save(self, *args, **kwargs):
        self.fill_romanized()
        super().save(*args, **kwargs)
        self._romanized_source = self._romanized_inputs()


class Place(RomanizedName, SlugFromName):
    class Kind(models.TextChoices):
        COUNTRY = "country", _("国家")
        PROVINCE = "province", _("省")
        CITY = "city", _("市")
        DISTRICT = "district", _("区县")
        TOWN = "town", _("乡镇街道")
        OTHER = "other", _("其他")

    name = models.CharField(_("名称"), max_length=100, db_index=True)
    romanized = models.CharField(
        _("拉丁字母名称"), max_length=100, blank=True,
        help_text=_("汉语拼音，不带“省”“市”“区”等后缀（Xiaoshan）。读音确定时自动生成，有歧义的地名和外国地名请自行填写（Washington）。"),
    )
    slug = models.SlugField(_("网址名"), max_length=120, unique=True, blank=True, help_text=_("留空则按拼音生成"))
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    updated = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("地点")
        verbose_name_plural = _("地点")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "parent"], name="place_unique_name_in_parent")]

    romanized_from = ("name", "kind")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return path_of("place_detail", self.slug)

    def romanize(self, name, kind):
        """A country's name in English is no pinyin (美国 is not Meiguo): left to editors."""
        return "" if kind == self.Kind.COUNTRY else place_pinyin(name)

    def clean(self):
        node = self.parent
        while node is not None:
            if node.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("上级地点不能是它自己或它的下级。")})
            node = node.parent

    def with_descendants(self):
        """Ids of this place and every place within it."""
        ids, frontier = {self.pk}, [self.pk]
        while frontier:
            frontier = list(Place.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            ids.update(frontier)
        return ids


class Source(SlugFromName):
    class Kind(models.TextChoices):
        NEWSPAPER = "newspaper", _("报纸")
        NEWS_SITE = "news_site", _("新闻网站")
        PORTAL = "portal", _("门户网站")

    name = models.CharField(_("名称"), max_length=100, unique=True)
    slug = models.SlugField(_("网址名"), max_length=120, unique=True, blank=True, help_text=_("留空则按拼音生成"))
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    region = models.ForeignKey(
        Place, verbose_name=_("地区"), null=True, blank=True, on_delete=models.SET_NULL, related_name="sources"
    )
    home_url = models.URLField(_("主页"), blank=True)

    class Meta:
        verbose_name = _("来源")
        verbose_name_plural = _("来源")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return path_of("source_detail", self.slug)


class Organization(models.Model):
    class Level(models.TextChoices):
        NATIONAL = "national", _("中央")
        PROVINCE = "province", _("省级")
        CITY = "city", _("市级")
        DISTRICT = "district", _("区县级")
        OTHER = "other", _("其他")

    name = models.CharField(_("名称"), max_length=100, unique=True)
    level = models.CharField(_("级别"), max_length=20, choices=Level.choices, default=Level.OTHER)
    region = models.ForeignKey(
        Place, verbose_name=_("地区"), null=True, blank=True, on_delete=models.SET_NULL, related_name="organizations"
    )
    updated = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Person(RomanizedName, SlugFromName):
    class Gender(models.TextChoices):
        MALE = "M", _("男")
        FEMALE = "F", _("女")

    name = models.CharField(_("姓名"), max_length=50, db_index=True, help_text=_("规范名，简体"))
    romanized = models.CharField(
        _("拉丁字母姓名"), max_length=100, blank=True,
        help_text=_("汉语拼音，姓在前、名连写（Che Jun），按姓名自动生成，可以修改。外国人名不生成，请填写原文拼写（Bill Clinton）。"),
    )
    foreign = models.BooleanField(
        _("外国人名"), default=False,
        help_text=_("音译的外国人名不生成拼音。带“·”或不以中国姓氏开头的名字（如“克林顿”）自动按外国人名处理。"),
    )
    romanized_key = models.CharField(max_length=100, blank=True, editable=False, db_index=True)
    slug = models.SlugField(_("网址名"), max_length=120, unique=True, blank=True, help_text=_("留空则按拼音生成"))
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("出生年份"), null=True, blank=True)
    biography = models.TextField(_("简介"), blank=True)
    link_by_text = models.BooleanField(
        _("按名字自动链接"),
        default=True,
        help_text=_("名字同时是常用词（如“方向”“丰收”）时关闭：文章不再因出现这个词而链接到此人，检索仍按字面查找。"),
    )
    updated = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("人物")
        verbose_name_plural = _("人物")
        ordering = ["name"]

    romanized_from = ("name", "foreign")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return path_of("person_detail", self.slug)

    def romanize(self, name, foreign):
        return "" if foreign else person_pinyin(name)

    def fill_romanized(self):
        super().fill_romanized()
        self.romanized_key = latin_key(self.romanized)

    def all_names(self):
        return [self.name, *(a.name for a in self.aliases.all())]

    @staticmethod
    def retired_slugs():
        """The slugs of people merged away: they still lead to the person merged into (archive.slugs)."""
        return MergedPerson.objects.all()


class Alias(models.Model):
    class Kind(models.TextChoices):
        TRADITIONAL = "traditional", _("繁体")
        FORMER = "former", _("曾用名")
        SHORT = "short", _("简称")
        OTHER = "other", _("其他")

    person = models.ForeignKey(Person, verbose_name=_("人物"), on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("别名"), max_length=50, db_index=True)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    updated = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("别名")
        verbose_name_plural = _("别名")
        constraints = [models.UniqueConstraint(fields=["person", "name"], name="alias_unique_per_person")]

    def __str__(self):
        return self.name

    def clean(self):
        if not (self.name or "").strip():
            return
        wanted = normalize(self.name.strip())
        others = Person.objects.exclude(pk=self.person_id)
        for person in others.filter(name__in={self.name.strip(), wanted}):
            raise ValidationError({"name": _("“%(name)s”已是%(person)s的姓名。") % {"name": self.name, "person": person}})
        for alias in Alias.objects.exclude(person_id=self.person_id).select_related("person"):
            if normalize(alias.name) == wanted:
                raise ValidationError(
                    {"name": _("“%(name)s”已是%(person)s的别名。") % {"name": self.name, "person": alias.person}}
                )


#: An article's text fields, in reading order (Article.full_text), and its headlines among them.
TEXT_FIELDS = ("kicker", "title", "subtitle", "body")
HEADLINE_FIELDS = ("kicker", "title", "subtitle")
# Substring tests ORed in one query: SQLite refuses an expression deeper than 1000.
MAX_TERMS = 200


class ArticleQuerySet(models.QuerySet):
    def naming(self, names, fields=TEXT_FIELDS):
        """The articles whose ``fields`` hold any of ``names``, in either script (兆丰 finds 兆豐).

        A plain substring search: the candidates for linking or indexing again, which decide."""
        terms = [
            Q(**{f"{field_name}__contains": spelling})
            for name in sorted({n.strip() for n in names} - {""})
            for spelling in spellings(name)
            for field_name in fields
        ]
        if len(terms) <= MAX_TERMS:
            return self.filter(reduce(or_, terms)) if terms else self.none()
        found = set()
        for start in range(0, len(terms), MAX_TERMS):
            found.update(self.filter(reduce(or_, terms[start : start + MAX_TERMS])).values_list("pk", flat=True))
        return self.filter(pk__in=found)

    def with_people(self):
        """Prefetch the mentions with their people joined (a prefetch of thousands of people
        by id makes a query deeper than SQLite allows)."""
        return self.prefetch_related(models.Prefetch("mentions", queryset=Mention.objects.select_related("person")))


class Article(models.Model):
    class Script(models.TextChoices):
        SIMPLIFIED = "simplified", _("简体")
        TRADITIONAL = "traditional", _("繁体")

    source = models.ForeignKey(Source, verbose_name=_("来源"), on_delete=models.PROTECT, related_name="articles")
    title = models.CharField(_("标题"), max_length=300)
    kicker = models.CharField(_("引题"), max_length=300, blank=True)
    subtitle = models.CharField(_("副题"), max_length=300, blank=True)
    body = models.TextField(_("正文"), help_text=_("干净的正文，段落之间以换行分隔"))
    published = models.DateTimeField(_("发布时间"), db_index=True)
    url = models.URLField(_("原文链接"), max_length=500, blank=True)
    author = models.CharField(_("作者"), max_length=200, blank=True)
    editor = models.CharField(_("编辑"), max_length=200, blank=True)
    issue = models.CharField(_("期号"), max_length=50, blank=True)
    page = models.CharField(_("版次"), max_length=20, blank=True)
    script = models.CharField(_("原文字体"), max_length=12, choices=Script.choices, default=Script.SIMPLIFIED)
    external_id = models.CharField(_("外部编号"), max_length=100, null=True, blank=True)
    content_hash = models.CharField(_("内容指纹"), max_length=64, editable=False, db_index=True)
    places = models.ManyToManyField(Place, verbose_name=_("地点"), blank=True, related_name="articles")
    people = models.ManyToManyField(
        Person, verbose_name=_("提及人物"), through="Mention", blank=True, related_name="articles"
    )
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("文章")
        verbose_name_plural = _("文章")
        ordering = ["-published", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=Q(external_id__isnull=False),
                name="article_unique_external_id_per_source",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="article_title_not_empty"),
            models.CheckConstraint(condition=~Q(body=""), name="article_body_not_empty"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return path_of("article_detail", self.pk)

    def paragraphs(self):
        return [p for p in self.body.split("\n") if p.strip()]

    @property
    def full_text(self):
        """Headlines and body as one text, in reading order (kicker, title, subtitle, body): what
        names are linked in and searched; mention offsets count from its start."""
        return "\n".join(part for part in (self.kicker, self.title, self.subtitle, self.body) if part)

    @property
    def headlines(self):
        """Kicker, title and subtitle as printed. A title that the importer made from the body's
        first sentence (an item printed without a headline: records.derive_title) is not one."""
        title = "" if self.title == derive_title(self.body) else self.title
        return [part for part in (self.kicker, title, self.subtitle) if part]

    @property
    def searched_text(self):
        """Headlines and body, each once: what a search reads (full_text would count a title
        made from the first sentence twice)."""
        return "\n".join(self.headlines + [self.body])

    @staticmethod
    def hash_content(title, body):
        return hashlib.sha256(f"{title.strip()}\n{body.strip()}".encode("utf-8")).hexdigest()

    def clean(self):
        errors = {}
        if not (self.title or "").strip():
            errors["title"] = _("标题不能为空。")
        if not (self.body or "").strip():
            errors["body"] = _("正文不能为空。")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.fill_derived()
        super().save(*args, **kwargs)

    def fill_derived(self):
        """What a save stores besides the fields given (bulk_create, which does not call save, calls this)."""
        self.content_hash = self.hash_content(self.title, self.body)
        if self.external_id == "":
            self.external_id = None


class ReviewedQuerySet(models.QuerySet):
    def public(self):
        """What readers see: everything but what an editor rejected."""
        return self.exclude(review=Reviewed.Review.REJECTED)


class Reviewed(models.Model):
    """A record an editor entered, or one the extractor read from the articles (archive.extraction)
    that editors confirm or reject. A rejected record stays, so that extraction never makes it again."""

    class Origin(models.TextChoices):
        EDITOR = "editor", _("编辑录入")
        EXTRACTED = "extracted", _("自动抽取")

    class Review(models.TextChoices):
        UNREVIEWED = "unreviewed", _("待审核")
        CONFIRMED = "confirmed", _("已确认")
        REJECTED = "rejected", _("已驳回")

    origin = models.CharField(_("来源"), max_length=12, choices=Origin.choices, default=Origin.EDITOR, db_index=True)
    review = models.CharField(_("审核"), max_length=12, choices=Review.choices, default=Review.CONFIRMED, db_index=True)

    objects = ReviewedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_extracted(self):
        return self.origin == self.Origin.EXTRACTED


class Position(Reviewed):
    person = models.ForeignKey(Person, verbose_name=_("人物"), on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(_("职务"), max_length=100)
    organization = models.ForeignKey(
        Organization, verbose_name=_("机构"), null=True, blank=True, on_delete=models.PROTECT, related_name="positions"
    )
    start_date = models.DateField(_("开始日期"), null=True, blank=True)
    end_date = models.DateField(_("结束日期"), null=True, blank=True)
    attested_by = models.ForeignKey(
        Article, verbose_name=_("出处文章"), null=True, blank=True, on_delete=models.SET_NULL, related_name="positions"
    )
    first_attested = models.DateField(_("最早见报"), null=True, blank=True, editable=False)
    last_attested = models.DateField(_("最近见报"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("职务")
        verbose_name_plural = _("职务")
        ordering = [F("start_date").desc(nulls_last=True), F("last_attested").desc(nulls_last=True), "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="position_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.person} · {self.label}"

    @property
    def label(self):
        """The post as people write it: 中共浙江省委书记, never 中共浙江省委省委书记."""
        return post_label(self.organization.name if self.organization_id else "", self.title)

    @property
    def shown_start(self):
        """The start an editor entered, else the first date an article attests it."""
        return self.start_date or self.first_attested

    @property
    def shown_end(self):
        return self.end_date or self.last_attested

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("结束日期不能早于开始日期。")})


class Event(Reviewed):
    class Kind(models.TextChoices):
        MEETING = "meeting", _("会见")
        TALKS = "talks", _("会谈")
        CONFERENCE = "conference", _("会议")
        PLENARY = "plenary", _("全体会议")
        INSPECTION = "inspection", _("调研")
        STUDY_TOUR = "study_tour", _("学习考察")
        FORUM = "forum", _("座谈会")
        CEREMONY = "ceremony", _("仪式")
        STUDY_SESSION = "study_session", _("学习会")
        CONTEST = "contest", _("比赛")
        VISIT = "visit", _("访问")
        SIGNING = "signing", _("签约")
        SPEECH = "speech", _("讲话")
        OTHER = "other", _("其他")

    title = models.CharField(_("名称"), max_length=300)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    start_date = models.DateField(_("开始日期"), db_index=True)
    end_date = models.DateField(_("结束日期"), null=True, blank=True)
    place = models.ForeignKey(
        Place, verbose_name=_("地点"), null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    summary = models.TextField(_("概要"), blank=True)
    articles = models.ManyToManyField(Article, verbose_name=_("报道文章"), blank=True, related_name="events")
    participants = models.ManyToManyField(
        Person, verbose_name=_("参与人物"), through="Participation", blank=True, related_name="events"
    )
    # what tells an extracted event from another: its date, kind and principal people
    fingerprint = models.CharField(_("识别码"), max_length=200, blank=True, editable=False, db_index=True)

    class Meta:
        verbose_name = _("活动")
        verbose_name_plural = _("活动")
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="event_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return path_of("event_detail", self.pk)

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("结束日期不能早于开始日期。")})


class Participation(Reviewed):
    class Role(models.TextChoices):
        """In the order an event page lists them: who received or led it first, who accompanied last."""

        HOST = "host", _("主方")
        LED = "led", _("带队")
        PRESIDED = "presided", _("主持")
        SPOKE = "spoke", _("讲话")
        GUEST = "guest", _("客方")
        ATTENDED = "attended", _("出席")
        REPORTED = "reported", _("汇报")
        ACCOMPANIED = "accompanied", _("陪同")
        OTHER = "other", _("其他")

    event = models.ForeignKey(Event, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(Person, verbose_name=_("人物"), on_delete=models.CASCADE, related_name="participations")
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.ATTENDED)

    class Meta:
        verbose_name = _("参与")
        verbose_name_plural = _("参与")
        constraints = [models.UniqueConstraint(fields=["event", "person", "role"], name="participation_unique")]

    def __str__(self):
        return f"{self.person} · {self.get_role_display()} · {self.event}"


class Evidence(models.Model):
    """Where an article says it: the sentence that attests a position or a participation.

    Made by extraction only, and made again whenever the article is extracted again; an
    editor's position gains evidence this way without becoming the extractor's.
    """

    article = models.ForeignKey(Article, verbose_name=_("文章"), on_delete=models.CASCADE, related_name="evidence")
    position = models.ForeignKey(
        Position, verbose_name=_("职务"), null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    participation = models.ForeignKey(
        Participation, verbose_name=_("参与"), null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    date = models.DateField(_("日期"))
    quote = models.CharField(_("原文"), max_length=300)
    former = models.BooleanField(_("曾任"), default=False, help_text=_("原文说的是此前担任的职务（前、原、当时）"))

    class Meta:
        verbose_name = _("出处")
        verbose_name_plural = _("出处")
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(position__isnull=False, participation__isnull=True)
                | Q(position__isnull=True, participation__isnull=False),
                name="evidence_of_one_record",
            )
        ]
        indexes = [models.Index(fields=["article", "position"]), models.Index(fields=["article", "participation"])]

    def __str__(self):
        return self.quote


class Mention(models.Model):
    """That an article names a person: kept in step with the text by archive.linking."""

    article = models.ForeignKey(Article, verbose_name=_("文章"), on_delete=models.CASCADE, related_name="mentions")
    person = models.ForeignKey(Person, verbose_name=_("人物"), on_delete=models.CASCADE, related_name="mentions")
    count = models.PositiveIntegerField(_("次数"), default=1)
    first_offset = models.PositiveIntegerField(_("首次出现位置"), default=0)

    class Meta:
        verbose_name = _("提及")
        verbose_name_plural = _("提及")
        ordering = ["first_offset"]
        constraints = [models.UniqueConstraint(fields=["article", "person"], name="mention_unique_per_article")]

    def __str__(self):
        return f"{self.person} @ {self.article_id}"


class NameCandidate(models.Model):
    """A name that follows an official's title in an imported article but is no known person.

    Listed for editors to confirm (create the Person) or dismiss; never created silently.
    """

    name = models.CharField(_("姓名"), max_length=50, unique=True)
    title = models.CharField(_("前面的职务"), max_length=50)
    count = models.PositiveIntegerField(_("次数"), default=1)
    first_article = models.ForeignKey(
        Article, verbose_name=_("首次出现的文章"), null=True, blank=True, on_delete=models.SET_NULL
    )
    context = models.CharField(_("上下文"), max_length=200, blank=True)
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("待确认人名")
        verbose_name_plural = _("待确认人名")
        ordering = ["-count", "name"]

    def __str__(self):
        return self.name


class ShortNameQuestion(models.Model):
    """A short foreign name (克林顿) that the full names of several people end with.

    The short form of a full name joins that person (an alias of kind 简称) when the full name
    stands in the same article and nothing else claims it; when several do, editors decide.
    """

    name = models.CharField(_("简称"), max_length=50, unique=True)
    full_names = models.CharField(_("可能是"), max_length=300)
    first_article = models.ForeignKey(
        Article, verbose_name=_("首次出现的文章"), null=True, blank=True, on_delete=models.SET_NULL
    )
    updated = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("待定简称")
        verbose_name_plural = _("待定简称")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ImportFollowUp(models.Model):
    """An imported article whose follow-up is not done yet: saved in the same transaction as the
    article, deleted in the same transaction as its mentions, name candidates and index update
    (archive.importing). An import that was killed leaves these behind; the next import
    finishes them first."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="import_follow_up")
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"follow-up of article {self.article_id}"


class FormerName(models.Model):
    """A name a record went by before an editor renamed it: old links and bookmarks
    (``/search/?place=浙江省``) still find the record."""

    name = models.CharField(_("曾用名"), max_length=100, db_index=True)
    until = models.DateTimeField(_("改名时间"), auto_now_add=True)

    class Meta:
        abstract = True
        verbose_name = _("曾用名")
        verbose_name_plural = _("曾用名")
        ordering = ["-until"]

    def __str__(self):
        return self.name


class PlaceFormerName(FormerName):
    place = models.ForeignKey(Place, verbose_name=_("地点"), on_delete=models.CASCADE, related_name="former_names")


class SourceFormerName(FormerName):
    source = models.ForeignKey(Source, verbose_name=_("来源"), on_delete=models.CASCADE, related_name="former_names")


class MergedPerson(models.Model):
    """A person merged into another (archive.merging): their page and feed lead there (301)."""

    slug = models.SlugField(_("网址名"), max_length=120, unique=True)
    name = models.CharField(_("姓名"), max_length=50)
    into = models.ForeignKey(Person, verbose_name=_("并入"), on_delete=models.CASCADE, related_name="merged_away")
    merged = models.DateTimeField(_("合并时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("已合并的人物")
        verbose_name_plural = _("已合并的人物")

    def __str__(self):
        return f"{self.name} → {self.into}"


class FixtureRecord(models.Model):
    """A record of the shipped fixtures that bootstrap has offered once: never loaded again, so
    what an editor deleted or changed since stays so (archive.fixtures_loading)."""

    model = models.CharField(max_length=100)  # "archive.article"
    object_pk = models.CharField(max_length=100)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["model", "object_pk"], name="fixture_record_unique")]

    def __str__(self):
        return f"{self.model}.{self.object_pk}"


class ContentGeneration(models.Model):
    """One number that every change of the archive moves on (archive.generation): what is cached
    for a generation is never served after a change, in any worker or on any machine."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("内容版本")
        verbose_name_plural = _("内容版本")

    def __str__(self):
        return str(self.value)
