from django.urls import path

from infohus.intake import release_views

app_name = "releases"

urlpatterns = [
    path("", release_views.notice_list, name="notice_list"),
    path("ny/", release_views.register_notice, name="register_notice"),
    path("<int:pk>/", release_views.notice_detail, name="notice_detail"),
    path("<int:pk>/rapport/", release_views.notice_report, name="notice_report"),
    path("<int:pk>/kvitter/", release_views.acknowledge_notice, name="acknowledge_notice"),
]
