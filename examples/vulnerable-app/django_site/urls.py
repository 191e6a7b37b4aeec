from django.contrib import admin
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from django_site import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", views.search, name="search"),
    path("popular/", views.popular, name="popular"),
    path("authors/", views.by_author, name="by-author"),
    path("isbn/", views.by_isbn, name="by-isbn"),
    path("books/<int:pk>/", views.book_detail, name="book"),
    path("books/<int:pk>/review/", views.add_review, name="add-review"),
    path("reviews/preview/", csrf_exempt(views.review_preview), name="review-preview"),
    path("reading-list/", views.reading_list, name="reading-list"),
    path("covers/", views.cover, name="cover"),
    path("exports/", views.export_download, name="export-download"),
    path("exports/run/", views.export_catalogue, name="export-run"),
    path("after-login/", views.after_login, name="after-login"),
    path("register/", views.register, name="register"),
    path("api/loans/", views.api_loan, name="api-loan"),
    path("staff/report/", views.staff_report, name="staff-report"),
    path("reviewers/", views.top_reviewers, name="top-reviewers"),
]
