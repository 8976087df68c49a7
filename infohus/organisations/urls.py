from django.urls import path

from infohus.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("rolle/", views.switch_membership, name="switch_membership"),
    path("brugere/", views.user_list, name="user_list"),
]
