from django.urls import path

from infohus.intake import hotline_views

app_name = "hotline"

urlpatterns = [
    path("", hotline_views.call_list, name="call_list"),
    path("nyt/", hotline_views.register_call, name="register_call"),
    path("<int:pk>/", hotline_views.call_detail, name="call_detail"),
]
