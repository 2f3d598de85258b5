from django.contrib import admin
from django.urls import include, path

from apps.accounts import views as account_views

urlpatterns = [
    path("", account_views.home, name="home"),
    path("healthz/", account_views.healthz, name="healthz"),
    path("favicon.ico", account_views.favicon, name="favicon"),
    path("accounts/login/", account_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", account_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("org/", include("apps.accounts.urls")),
    path("todos/", include("apps.todos.urls")),
    path("audit/", include("apps.audit.urls")),
    path("reports/", include("apps.reports.urls")),
    path("comments/", include("apps.comments.urls")),
    path("publicity/", include("apps.publicity.urls")),
    path("appraisal/", include("apps.appraisal.urls")),
    path("meetings/", include("apps.meetings.urls")),
    path("disclosure/", include("apps.disclosure.urls")),
    path("supervision/", include("apps.supervision.urls")),
    path("prevention/", include("apps.prevention.urls")),
    path("integrity/", include("apps.integrity.urls")),
    path("dashboard/", include("apps.dashboard.urls")),
]
