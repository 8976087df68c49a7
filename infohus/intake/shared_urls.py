from django.urls import path

from infohus.intake import share_views

app_name = "shared_concerns"
urlpatterns = [
    path("", share_views.shared_list, name="list"),
    path("<int:pk>/", share_views.shared_detail, name="detail"),
]
