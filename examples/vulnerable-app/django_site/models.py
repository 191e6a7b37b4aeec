from django.db import models
from django.db.models.expressions import RawSQL
from django.utils.safestring import mark_safe


class Member(models.Model):
    username = models.CharField(max_length=150, unique=True)
    email = models.EmailField()
    password = models.CharField(max_length=128)
    joined = models.DateTimeField(auto_now_add=True)

    def set_password(self, raw_password):
        self.password = raw_password

    def __str__(self):
        return self.username


class BookQuerySet(models.QuerySet):
    def with_recent_loans(self, days):
        return self.annotate(
            recent_loans=RawSQL(
                "SELECT COUNT(*) FROM django_site_loan WHERE book_id = django_site_book.id AND loaned_at > now() - interval '%s days'" % days,
                (),
            )
        )

    def available(self):
        return self.exclude(loans__returned_at__isnull=True, loans__isnull=False)


class Book(models.Model):
    title = models.CharField(max_length=300)
    author = models.CharField(max_length=200)
    isbn = models.CharField(max_length=13, blank=True)
    genre = models.CharField(max_length=50, blank=True)
    description = models.TextField(blank=True)
    cover_url = models.URLField(blank=True)

    objects = BookQuerySet.as_manager()

    def cover_tag(self):
        # shown in the admin change list
        return mark_safe(f"<img src='{self.cover_url}' alt='{self.title}' height='60'>")

    def __str__(self):
        return f"{self.title} ({self.author})"


class Loan(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name="loans")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="loans")
    loaned_at = models.DateTimeField(auto_now_add=True)
    returned_at = models.DateTimeField(null=True, blank=True)


class Review(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name="reviews")
    member = models.ForeignKey(Member, on_delete=models.CASCADE)
    rating = models.PositiveSmallIntegerField()
    text = models.TextField()
    created = models.DateTimeField(auto_now_add=True)
