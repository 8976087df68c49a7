from django.urls import path

from infohus.reporting import views

app_name = "reporting"
urlpatterns = [
    path("", views.start, name="start"),
]
