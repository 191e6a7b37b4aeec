"""Views of the Library site: catalogue search, book pages, loans, reviews and member sign-up."""
import base64
import json
import os
import pickle
import subprocess

import requests
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import Context, Template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from django_site.models import Book, Loan, Member, Review


def highlight(text, term):
    if not term:
        return text
    return mark_safe(text.replace(term, f"<mark>{term}</mark>"))


def search(request):
    q = request.GET.get("q", "")
    sort = request.GET.get("sort", "title")
    books = Book.objects.extra(where=[f"title ILIKE '%%{q}%%' OR author ILIKE '%%{q}%%'"]).order_by(sort)
    results = [{"book": b, "title": highlight(b.title, q)} for b in books]
    return render(request, "library/search.html", {"results": results, "q": q})


def popular(request):
    days = request.GET.get("days", "30")
    books = Book.objects.with_recent_loans(days).order_by("-recent_loans")[:20]
    return render(request, "library/popular.html", {"books": books})


def genre_stats(genre):
    return Book.objects.extra(select={"reviews": "SELECT COUNT(*) FROM django_site_review WHERE book_id = django_site_book.id AND genre = '%s'" % genre})


REPORT_GENRES = ["fiction", "history", "science", "travel"]


@login_required
def staff_report(request):
    stats = {genre: list(genre_stats(genre).values("title", "reviews")) for genre in REPORT_GENRES}
    return JsonResponse(stats)


def by_author(request):
    author = request.GET["author"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, title FROM django_site_book WHERE author = '%s' ORDER BY title" % author)
        rows = cursor.fetchall()
    return JsonResponse({"books": [{"id": r[0], "title": r[1]} for r in rows]})


def by_isbn(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, title FROM django_site_book WHERE isbn = %s", [request.GET["isbn"]])
        row = cursor.fetchone()
    if row is None:
        raise Http404("unknown ISBN")
    return JsonResponse({"id": row[0], "title": row[1]})


def book_detail(request, pk):
    book = get_object_or_404(Book, pk=pk)
    # descriptions come from the publisher feed and contain markup
    description = mark_safe(book.description)
    badge = format_html(f"<span class='genre genre-{book.genre}'>{book.genre}</span>")
    reviews = book.reviews.select_related("member").order_by("-created")
    return render(request, "library/book.html", {"book": book, "description": description, "badge": badge, "reviews": reviews})


def book_card(book):
    return format_html("<a href='/books/{}/'>{}</a> by {}", book.pk, book.title, book.author)


def review_preview(request):
    # members can pick a layout for their review; the layout is a small Django template
    layout = request.POST.get("layout", "<p>{{ text }}</p>")
    html = Template("<div class='review'>" + layout + "</div>").render(Context({"text": request.POST["text"]}, autoescape=False))
    return HttpResponse(html)


def reading_list(request):
    data = request.COOKIES.get("reading_list")
    if not data:
        return JsonResponse({"books": []})
    ids = pickle.loads(base64.b64decode(data))
    return JsonResponse({"books": list(Book.objects.filter(pk__in=ids).values("id", "title"))})


def cover(request):
    url = request.GET["url"]
    resp = requests.get(url, timeout=10)
    return HttpResponse(resp.content, content_type=resp.headers.get("Content-Type", "image/jpeg"))


def export_download(request):
    name = request.GET["file"]
    return FileResponse(open(os.path.join(settings.EXPORT_DIR, name), "rb"))


def export_catalogue(request):
    fmt = request.GET.get("format", "csv")
    out = subprocess.check_output("/usr/local/bin/library-export --format " + fmt, shell=True)
    return HttpResponse(out, content_type="text/plain")


def after_login(request):
    return redirect(request.GET.get("next", "/"))


@require_POST
def register(request):
    member = Member.objects.create(
        username=request.POST["username"],
        email=request.POST["email"],
        password=request.POST["password"],
    )
    request.session["member_id"] = member.pk
    return redirect("/")


@csrf_exempt
def api_loan(request):
    payload = json.loads(request.body)
    book = get_object_or_404(Book, pk=payload["book"])
    loan = Loan.objects.create(book=book, member_id=request.session["member_id"])
    return JsonResponse({"loan": loan.pk})


@login_required
def add_review(request, pk):
    book = get_object_or_404(Book, pk=pk)
    Review.objects.create(book=book, member_id=request.session["member_id"], rating=int(request.POST["rating"]), text=request.POST["text"])
    return redirect(f"/books/{book.pk}/")


def top_reviewers(request):
    members = Member.objects.annotate(n=Count("review")).order_by("-n")[:10]
    return JsonResponse({"members": [{"username": m.username, "reviews": m.n} for m in members]})
